/**
 * The dashboard's fleet figures, kept up to date one pod change at a time:
 * pods per phase, ready pods, restarts in total, by owner and by pod. A
 * change costs a few map updates, so a frame reads the figures of 100k
 * pods without visiting any pod.
 */
import type { Pod } from '../api/v1.js';
import { ownerPrefix, podRestarts } from './fleetStats.js';

/** Pod counts per phase; a pod without a phase counts as Pending. */
export type PhaseCounts = { Pending: number; Running: number; Succeeded: number; Failed: number };

/** One pod's share of the figures, kept to take it back out on its next change. */
interface Contribution {
  phase: string;
  ready: boolean;
  restarts: number;
  owner: string;
  pod: Pod;
}

export class FleetCounters {
  private readonly contributions = new Map<string, Contribution>();
  private readonly phases: PhaseCounts = { Pending: 0, Running: 0, Succeeded: 0, Failed: 0 };
  private readonly ownerRestarts = new Map<string, number>();
  /** Pods with at least one restart, by `namespace/name`. */
  private readonly restarting = new Map<string, Contribution>();
  private readyCount = 0;
  private restartCount = 0;

  /** Records a pod's current state under `key` (`namespace/name`), replacing what it contributed before. */
  upsert(key: string, pod: Pod): void {
    this.remove(key);
    const contribution: Contribution = {
      phase: pod.status?.phase ?? 'Pending',
      ready: pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ?? false,
      restarts: podRestarts(pod),
      owner: ownerPrefix(pod.metadata.name ?? ''),
      pod,
    };
    this.contributions.set(key, contribution);
    this.addTo(key, contribution, 1);
  }

  /** Takes a removed pod out of the figures. */
  remove(key: string): void {
    const previous = this.contributions.get(key);
    if (!previous) return;
    this.contributions.delete(key);
    this.addTo(key, previous, -1);
  }

  get total(): number {
    return this.contributions.size;
  }

  get ready(): number {
    return this.readyCount;
  }

  get restarts(): number {
    return this.restartCount;
  }

  /** Returns a copy of the pod counts per phase. */
  phaseCounts(): PhaseCounts {
    return { ...this.phases };
  }

  /** Returns restarts summed per owner prefix, largest first, at most `limit` owners with restarts. */
  restartsByOwner(limit: number): { owner: string; restarts: number }[] {
    return [...this.ownerRestarts]
      .map(([owner, restarts]) => ({ owner, restarts }))
      .sort((a, b) => b.restarts - a.restarts || (a.owner < b.owner ? -1 : 1))
      .slice(0, limit);
  }

  /** Returns the pods with the most restarts, most first, at most `limit`. */
  topRestartingPods(limit: number): { pod: Pod; restarts: number }[] {
    // One pass with a short sorted buffer: a crash-looping fleet can have 100k restarting pods.
    const top: Contribution[] = [];
    for (const contribution of this.restarting.values()) {
      if (top.length === limit && contribution.restarts <= top[top.length - 1].restarts) continue;
      let index = top.length;
      while (index > 0 && top[index - 1].restarts < contribution.restarts) index--;
      top.splice(index, 0, contribution);
      if (top.length > limit) top.pop();
    }
    return top.map(({ pod, restarts }) => ({ pod, restarts }));
  }

  private addTo(key: string, contribution: Contribution, sign: 1 | -1): void {
    if (contribution.phase in this.phases) this.phases[contribution.phase as keyof PhaseCounts] += sign;
    if (contribution.ready) this.readyCount += sign;
    this.restartCount += sign * contribution.restarts;
    if (contribution.restarts === 0) return;
    const ownerTotal = (this.ownerRestarts.get(contribution.owner) ?? 0) + sign * contribution.restarts;
    if (ownerTotal === 0) this.ownerRestarts.delete(contribution.owner);
    else this.ownerRestarts.set(contribution.owner, ownerTotal);
    if (sign > 0) this.restarting.set(key, contribution);
    else this.restarting.delete(key);
  }
}
