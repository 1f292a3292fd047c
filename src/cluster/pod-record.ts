import type { Pod } from '../api/v1.js';
import type { SimulatedNode } from './node.js';

/** Store key of a namespaced object. */
export function podKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** A pod the engine runs, with what the kubelet side needs to find its engine state. */
export class PodRecord {
  /** Container names in engine order: init containers, then app containers, each in spec order. */
  readonly containerNames: string[];
  /** A deletion was sent to the engine. */
  deleting = false;

  constructor(
    public pod: Pod,
    readonly engineIndex: number,
    readonly createdAtMs: number,
    readonly podIP: string,
    readonly node: SimulatedNode,
  ) {
    this.containerNames = [
      ...(pod.spec.initContainers ?? []).map((container) => container.name),
      ...pod.spec.containers.map((container) => container.name),
    ];
  }
}
