/**
 * The kubelets of every node, over the engine: the PodRuntime the control
 * plane hands bound pods to. It turns engine records into kubelet events and
 * engine state into the status each kubelet would post.
 */
import type { Pod } from '../api/v1.js';
import type { Node as NodeObject } from '../api/core.js';
import { toEnginePod } from '../behavior/index.js';
import type { Engine, EngineEvent } from '../engine/types.js';
import { kubeletEventFor } from '../kubelet/events.js';
import { buildPodStatus } from '../kubelet/pod-status.js';
import type { EventMessage } from '../kubelet/events/messages.js';
import { simulatedNodeOf } from './nodes/default-nodes.js';
import { PodIPAllocator, type SimulatedNode } from './node.js';
import { PodRecord } from './pod-record.js';
import type { PodRuntime, PodRuntimeStatus } from './runtime.js';

export interface EngineRuntimeOptions {
  engine: Engine;
  seed: number;
  epochMs: number;
  /** Looks up a Node object by name, for its addresses and pod CIDR. */
  findNode: (name: string) => NodeObject | undefined;
  /** Receives every kubelet event at its simulated time. */
  recordEvent: (message: EventMessage, timeMs: number) => void;
  /** Names of the Services in a namespace, which cluster DNS resolves for commands such as nslookup. */
  serviceNames: (namespace: string) => ReadonlySet<string>;
  /** Receives warnings about container behavior podsim could not infer. */
  onWarning?: (pod: Pod, containerName: string, message: string) => void;
}

export class EngineRuntime implements PodRuntime {
  private readonly byUid = new Map<string, PodRecord>();
  private readonly byEngineIndex: (PodRecord | undefined)[] = [];
  private readonly allocators = new Map<string, PodIPAllocator>();
  private readonly nodeAddresses = new Map<string, SimulatedNode>();
  /** Images already pulled, per node: later containers get "already present". */
  private readonly pulledImages = new Map<string, Set<string>>();
  /** UIDs whose engine state changed since their status was last read. */
  private readonly dirty = new Set<string>();
  private readonly statusCache = new Map<string, PodRuntimeStatus>();

  constructor(private readonly options: EngineRuntimeOptions) {}

  startPod(pod: Pod, nodeName: string): void {
    const uid = pod.metadata.uid ?? '';
    if (this.byUid.has(uid)) return;

    const node = this.addressesOf(nodeName);
    const pulled = this.pulledImages.get(nodeName) ?? new Set<string>();
    this.pulledImages.set(nodeName, pulled);
    const enginePod = toEnginePod(pod, {
      seed: this.options.seed,
      imagePresent: (image: string) => pulled.has(image),
      serviceNames: this.options.serviceNames(pod.metadata.namespace ?? 'default'),
      onWarning: (containerName: string, message: string) => this.options.onWarning?.(pod, containerName, message),
    });
    for (const container of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
      if (container.image) pulled.add(container.image);
    }

    const engineIndex = this.options.engine.addPod(enginePod);
    const record = new PodRecord(pod, engineIndex, this.options.engine.nowMs, this.allocatorFor(node).allocate(), node);
    this.byUid.set(uid, record);
    this.byEngineIndex[engineIndex] = record;
    this.dirty.add(uid);
  }

  deletePod(uid: string, gracePeriodSeconds: number): void {
    const record = this.byUid.get(uid);
    if (!record || record.deleting) return;
    record.deleting = true;
    this.options.engine.deletePod(record.engineIndex, gracePeriodSeconds);
    this.dirty.add(uid);
  }

  readPodStatus(uid: string, apiPod: Pod): PodRuntimeStatus | undefined {
    const record = this.byUid.get(uid);
    if (!record) return undefined;
    const cached = this.statusCache.get(uid);
    if (cached && !this.dirty.has(uid)) return cached;

    const engine = this.options.engine;
    const podState = engine.readPod(record.engineIndex);
    const states = new Map(
      record.containerNames.map((name, index) => [name, engine.readContainer(record.engineIndex, index)]),
    );
    record.pod = apiPod;
    const status = buildPodStatus(apiPod, podState, states, {
      nowMs: engine.nowMs,
      epochMs: this.options.epochMs,
      previousStatus: apiPod.status,
      hostIP: record.node.internalIP,
      podIP: record.podIP,
    });
    const reported = { status, terminated: podState.removed };
    this.statusCache.set(uid, reported);
    this.dirty.delete(uid);
    if (podState.removed) this.forget(record);
    return reported;
  }

  updateContainerImage(uid: string, containerName: string, image: string): void {
    // TODO: the engine has no command to restart one container with a new
    // image yet, so an image change on a running Pod is stored but the
    // running container keeps going.
    void uid;
    void containerName;
    void image;
  }

  /** Turns engine records into kubelet events and marks their pods for a status read. */
  handleEngineEvents(events: readonly EngineEvent[]): void {
    for (const event of events) {
      const record = this.byEngineIndex[event.pod];
      if (!record) continue;
      this.dirty.add(record.pod.metadata.uid ?? '');
      const message = kubeletEventFor(event, record.pod, { podIP: record.podIP, nodeName: record.node.name });
      if (message) this.options.recordEvent(message, event.timeMs);
    }
  }

  statusChanged(uid: string): void {
    if (this.byUid.has(uid)) this.dirty.add(uid);
  }

  takeChangedPods(): string[] {
    return [...this.dirty];
  }

  private forget(record: PodRecord): void {
    const uid = record.pod.metadata.uid ?? '';
    this.byUid.delete(uid);
    this.byEngineIndex[record.engineIndex] = undefined;
    this.statusCache.delete(uid);
  }

  private addressesOf(nodeName: string): SimulatedNode {
    let node = this.nodeAddresses.get(nodeName);
    if (!node) {
      const object = this.options.findNode(nodeName);
      node = object ? simulatedNodeOf(object) : { name: nodeName, internalIP: '10.0.0.11', podCidrPrefix: '10.244.0' };
      this.nodeAddresses.set(nodeName, node);
    }
    return node;
  }

  private allocatorFor(node: SimulatedNode): PodIPAllocator {
    let allocator = this.allocators.get(node.name);
    if (!allocator) {
      allocator = new PodIPAllocator(node);
      this.allocators.set(node.name, allocator);
    }
    return allocator;
  }
}
