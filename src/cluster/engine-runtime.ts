/**
 * The kubelets of every node, over the engine: the PodRuntime the control
 * plane hands bound pods to. It turns engine records into kubelet events and
 * engine state into the status each kubelet would post.
 */
import type { Pod } from '../api/v1.js';
import type { Node as NodeObject } from '../api/core.js';
import type { Container } from '../api/v1.js';
import { type ClusterNetwork, type ContainerPlan, PodBehavior, toEnginePod } from '../behavior/index.js';
import { ContainerKindCode, EngineEventCode, type Engine, type EngineEvent, type ProbeTypeCode } from '../engine/types.js';
import { kubeletEventFor } from '../kubelet/events.js';
import { buildPodStatus } from '../kubelet/pod-status.js';
import type { EventMessage } from '../kubelet/events/messages.js';
import type { TerminatedInstance } from '../kubelet/container-status.js';
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
  /**
   * The cluster network as pods of a namespace see it, for DNS lookups and
   * requests to Services. Without it, DNS resolves the names in serviceNames
   * and requests always get an answer.
   */
  network?: (namespace: string) => ClusterNetwork;
  /**
   * Receives each command podsim did not understand, after the Warning event
   * `PodsimUnsupportedCommand` is recorded; the owner can note it on the Pod.
   */
  onUnsupported?: (pod: Pod, containerName: string, command: string) => void;
}

/** Reason of the Warning event for a command podsim does not understand. */
export const UNSUPPORTED_COMMAND_REASON = 'PodsimUnsupportedCommand';

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
  /** Per-pod trackers of running processes, their files and network waits, by UID. */
  private readonly behaviors = new Map<string, PodBehavior>();

  constructor(private readonly options: EngineRuntimeOptions) {}

  startPod(pod: Pod, nodeName: string): void {
    const uid = pod.metadata.uid ?? '';
    if (this.byUid.has(uid)) return;

    const node = this.addressesOf(nodeName);
    const pulled = this.pulledImages.get(nodeName) ?? new Set<string>();
    this.pulledImages.set(nodeName, pulled);
    const plans: { container: Container; kind: ContainerKindCode; plan: ContainerPlan }[] = [];
    const unsupported: { containerName: string; command: string }[] = [];
    const enginePod = toEnginePod(pod, {
      seed: this.options.seed,
      imagePresent: (image: string) => pulled.has(image),
      serviceNames: this.options.serviceNames(pod.metadata.namespace ?? 'default'),
      onWarning: (containerName: string, message: string) => this.options.onWarning?.(pod, containerName, message),
      onUnsupported: (containerName: string, command: string) => unsupported.push({ containerName, command }),
      onPlan: (_index: number, container: Container, plan: ContainerPlan) => plans.push({ container, kind: ContainerKindCode.Regular, plan }),
    });
    enginePod.containers.forEach((engineContainer, index) => {
      if (plans[index]) plans[index].kind = engineContainer.kind;
    });
    for (const container of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
      if (container.image) pulled.add(container.image);
    }

    let engineIndex: number;
    try {
      engineIndex = this.options.engine.addPod(enginePod);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      // Every engine slot is taken: the pod stays Pending with a Warning event, and the simulation goes on.
      this.options.recordEvent(
        {
          type: 'Warning',
          reason: 'PodsimEngineFull',
          message: `${error.message} The engine's pod slots are sized from the nodes' pod capacity; give the scenario Node objects or ClusterSettings nodes that hold every pod.`,
          fieldPath: '',
          component: 'kubelet',
          involvedObject: { name: pod.metadata.name ?? '', namespace: pod.metadata.namespace ?? 'default', uid },
          host: nodeName,
        },
        this.options.engine.nowMs,
      );
      return;
    }
    const record = new PodRecord(pod, engineIndex, this.options.engine.nowMs, this.allocatorFor(node).allocate(), node);
    this.byUid.set(uid, record);
    this.byEngineIndex[engineIndex] = record;
    this.behaviors.set(uid, new PodBehavior(pod, plans));
    this.dirty.add(uid);
    for (const { containerName, command } of unsupported) this.reportUnsupported(record, containerName, command);
  }

  /** Records the Warning event for a command podsim does not understand and passes it to onUnsupported. */
  private reportUnsupported(record: PodRecord, containerName: string, command: string): void {
    const pod = record.pod;
    const index = record.containerNames.indexOf(containerName);
    const isInit = index >= 0 && index < (pod.spec.initContainers ?? []).length;
    this.options.recordEvent(
      {
        type: 'Warning',
        reason: UNSUPPORTED_COMMAND_REASON,
        message: `Container ${containerName}: podsim does not understand ${command}; it runs until stopped`,
        fieldPath: isInit ? `spec.initContainers{${containerName}}` : `spec.containers{${containerName}}`,
        component: 'kubelet',
        involvedObject: { name: pod.metadata.name ?? '', namespace: pod.metadata.namespace ?? 'default', uid: pod.metadata.uid ?? '' },
        host: record.node.name,
      },
      this.options.engine.nowMs,
    );
    this.options.onUnsupported?.(pod, containerName, command);
  }

  /**
   * Services or their endpoints changed in `namespace`: commands that wait
   * for DNS names or Services run again against the new answers, and their
   * containers get the exit time that gives.
   */
  networkChanged(namespace: string): void {
    const network = this.options.network?.(namespace);
    if (!network) return;
    for (const record of this.byUid.values()) {
      if ((record.pod.metadata.namespace ?? 'default') !== namespace) continue;
      const behavior = this.behaviors.get(record.pod.metadata.uid ?? '');
      if (!behavior) continue;
      for (const index of behavior.networkDependents()) behavior.sendExit(this.options.engine, record.engineIndex, index, this.options.engine.nowMs, network);
    }
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
    const behavior = this.behaviors.get(uid);
    behavior?.setPod(apiPod);
    const status = buildPodStatus(apiPod, podState, states, {
      nowMs: engine.nowMs,
      epochMs: this.options.epochMs,
      previousStatus: apiPod.status,
      hostIP: record.node.internalIP,
      podIP: record.podIP,
      ...(behavior ? { terminationMessageFor: (name: string, instance: TerminatedInstance) => behavior.terminationMessage(name, instance) } : {}),
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

  /**
   * Turns engine records into kubelet events and marks their pods for a
   * status read. Process starts and exits update what the pod's files and
   * network look like, and the affected containers get setExit and setHealth.
   */
  handleEngineEvents(events: readonly EngineEvent[]): void {
    const filesChanged = new Set<PodRecord>();
    for (const event of events) {
      const record = this.byEngineIndex[event.pod];
      if (!record) continue;
      const uid = record.pod.metadata.uid ?? '';
      this.dirty.add(uid);
      const behavior = this.behaviors.get(uid);
      if (behavior && event.code === EngineEventCode.Started) {
        behavior.processStarted(event.container, event.timeMs);
        filesChanged.add(record);
        if (behavior.usesNetwork(event.container)) {
          const network = this.networkFor(record);
          behavior.sendExit(this.options.engine, record.engineIndex, event.container, event.timeMs, network);
        }
      } else if (behavior && event.code === EngineEventCode.Exited) {
        behavior.processExited(event.container, event.timeMs);
        filesChanged.add(record);
      }
      const probeContext = behavior && event.code === EngineEventCode.ProbeFailed
        ? behavior.probeFailureContext(event.container, event.a as ProbeTypeCode, event.timeMs, record.podIP)
        : {};
      const message = kubeletEventFor(event, record.pod, { podIP: record.podIP, nodeName: record.node.name, ...probeContext });
      if (message) this.options.recordEvent(message, event.timeMs);
    }
    for (const record of filesChanged) this.behaviors.get(record.pod.metadata.uid ?? '')?.sendHealth(this.options.engine, record.engineIndex);
  }

  /** Returns the network as the pod's namespace sees it; without a network option, DNS knows serviceNames and every request is answered. */
  private networkFor(record: PodRecord): ClusterNetwork {
    const namespace = record.pod.metadata.namespace ?? 'default';
    const network = this.options.network?.(namespace);
    if (network) return network;
    const names = this.options.serviceNames(namespace);
    return { resolves: (name) => names.has(name.split('.')[0] ?? ''), answers: () => undefined };
  }

  statusChanged(uid: string): void {
    if (this.byUid.has(uid)) this.dirty.add(uid);
  }

  takeChangedPods(): string[] {
    return [...this.dirty];
  }

  private forget(record: PodRecord): void {
    const uid = record.pod.metadata.uid ?? '';
    this.allocators.get(record.node.name)?.release(record.podIP);
    this.byUid.delete(uid);
    this.byEngineIndex[record.engineIndex] = undefined;
    this.statusCache.delete(uid);
    this.behaviors.delete(uid);
  }

  private addressesOf(nodeName: string): SimulatedNode {
    let node = this.nodeAddresses.get(nodeName);
    if (!node) {
      const object = this.options.findNode(nodeName);
      node = object ? simulatedNodeOf(object) : { name: nodeName, internalIP: '10.0.0.11', podCIDR: '10.244.0.0/24' };
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
