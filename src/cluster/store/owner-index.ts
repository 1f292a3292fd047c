/**
 * The dependents of every owner: which stored objects name a uid in their
 * ownerReferences. The garbage collector keeps the same graph; with it a
 * deleted owner finds its dependents without a walk over the whole store.
 */
import type { KubeObject } from '../../api/v1.js';
import type { ObjectStore, WatchEvent } from './object-store.js';

export class OwnerIndex {
  private readonly ownersOf = new Map<string, string[]>();
  private readonly dependentsOf = new Map<string, Set<string>>();
  /** Objects to check: dependents of deleted owners, and objects whose ownerReferences changed. */
  private candidates = new Set<string>();

  constructor(private readonly store: ObjectStore) {
    store.watch((event) => this.observe(event));
  }

  /** Returns the stored objects with an ownerReference to `ownerUid`. */
  dependents(ownerUid: string): KubeObject[] {
    const result: KubeObject[] = [];
    for (const uid of this.dependentsOf.get(ownerUid) ?? []) {
      const object = this.store.getByUid(uid);
      if (object) result.push(object);
    }
    return result;
  }

  /** Returns the objects that may have lost their last owner since the last call and clears the list. */
  takeCandidates(): KubeObject[] {
    const result: KubeObject[] = [];
    for (const uid of this.candidates) {
      const object = this.store.getByUid(uid);
      if (object) result.push(object);
    }
    this.candidates = new Set();
    return result;
  }

  private observe(event: WatchEvent): void {
    const uid = event.object.metadata.uid ?? '';
    const before = this.ownersOf.get(uid) ?? [];
    const after = event.type === 'DELETED' ? [] : (event.object.metadata.ownerReferences ?? []).map((reference) => reference.uid);
    if (event.type === 'DELETED') for (const dependent of this.dependentsOf.get(uid) ?? []) this.candidates.add(dependent);
    if (before.length === after.length && before.every((owner, index) => owner === after[index])) return;
    for (const owner of before) {
      const dependents = this.dependentsOf.get(owner);
      dependents?.delete(uid);
      if (dependents?.size === 0) this.dependentsOf.delete(owner);
    }
    for (const owner of after) {
      let dependents = this.dependentsOf.get(owner);
      if (!dependents) this.dependentsOf.set(owner, (dependents = new Set()));
      dependents.add(uid);
    }
    if (after.length > 0) this.ownersOf.set(uid, after);
    else this.ownersOf.delete(uid);
    if (after.length > 0) this.candidates.add(uid);
  }
}
