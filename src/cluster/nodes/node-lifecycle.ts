/**
 * Node failure as the node lifecycle and taint eviction controllers see it
 * (kube-controller-manager v1.31). When a node's kubelet stops posting
 * status, after `--node-monitor-grace-period` (40 s) the node's Ready
 * condition becomes Unknown, it gets the `node.kubernetes.io/unreachable`
 * NoSchedule and NoExecute taints, and its pods get Ready=False. Each pod is
 * then deleted once its toleration of the NoExecute taint runs out (300 s
 * from the DefaultTolerationSeconds admission plugin). Its kubelet is
 * down, so the pod stays Terminating until the node returns or it is force
 * deleted. Controllers replace such pods; bare pods are not replaced.
 * NOTE: v1.31 no longer sets status.reason NodeLost, so `kubectl get` shows
 * Terminating, not Unknown, for these pods.
 */
import type { Node, Taint } from '../../api/core.js';
import type { Pod } from '../../api/v1.js';
import type { ControlPlane } from '../control-plane.js';
import { tolerates } from '../scheduler/scheduler.js';
import { healthyConditions } from './default-nodes.js';

export const DEFAULT_NODE_MONITOR_GRACE_PERIOD_SECONDS = 40;
export const UNREACHABLE_TAINT_KEY = 'node.kubernetes.io/unreachable';
export const UNSCHEDULABLE_TAINT_KEY = 'node.kubernetes.io/unschedulable';

export class NodeLifecycle {
  /** Simulated time each stopped node's kubelet stopped. */
  private readonly stoppedAt = new Map<string, number>();
  /** Time each NoExecute taint was added, by node. */
  private readonly taintedAt = new Map<string, number>();

  constructor(private readonly plane: ControlPlane) {}

  isDown(nodeName: string): boolean {
    return this.stoppedAt.has(nodeName);
  }

  /** Stops a node's kubelet: it posts no more node or pod status. */
  failNode(name: string): void {
    this.requireNode(name);
    if (this.stoppedAt.has(name)) return;
    this.stoppedAt.set(name, this.plane.nowMs);
    this.plane.setNodeRunning(name, false);
  }

  /** Restarts a node's kubelet: the node is Ready again and its taints go. */
  restoreNode(name: string): void {
    const node = this.requireNode(name);
    if (!this.stoppedAt.delete(name)) return;
    this.taintedAt.delete(name);
    node.spec.taints = (node.spec.taints ?? []).filter((taint) => taint.key !== UNREACHABLE_TAINT_KEY);
    if (node.spec.taints.length === 0) delete node.spec.taints;
    this.plane.store.update(node);
    this.plane.store.updateStatus(node, { ...(node.status ?? {}), conditions: healthyConditions(this.plane.store.timestamp()) });
    this.plane.setNodeRunning(name, true);
  }

  /** `kubectl cordon` / `uncordon`. Returns kubectl's line. */
  cordon(name: string, unschedulable = true): string {
    const node = this.requireNode(name);
    const verb = unschedulable ? 'cordoned' : 'uncordoned';
    if ((node.spec.unschedulable ?? false) === unschedulable) return `node/${name} already ${verb}`;
    node.spec.unschedulable = unschedulable;
    if (!unschedulable) delete node.spec.unschedulable;
    const taints = (node.spec.taints ?? []).filter((taint) => taint.key !== UNSCHEDULABLE_TAINT_KEY);
    if (unschedulable) taints.push({ key: UNSCHEDULABLE_TAINT_KEY, effect: 'NoSchedule', timeAdded: this.plane.store.timestamp() });
    node.spec.taints = taints;
    if (taints.length === 0) delete node.spec.taints;
    this.plane.store.update(node);
    return `node/${name} ${verb}`;
  }

  /**
   * `kubectl drain --ignore-daemonsets --delete-emptydir-data --force`:
   * cordons the node and evicts (gracefully deletes) every pod on it except
   * DaemonSet pods. Returns kubectl's lines.
   * NOTE: kubectl uses the eviction API, which checks PodDisruptionBudgets; podsim has none.
   */
  drain(name: string): string[] {
    const lines = [this.cordon(name)];
    const pods = this.plane.store.list<Pod>('Pod').filter((pod) => pod.spec.nodeName === name && !pod.metadata.deletionTimestamp);
    const daemonPods = pods.filter((pod) => pod.metadata.ownerReferences?.some((ref) => ref.kind === 'DaemonSet' && ref.controller));
    if (daemonPods.length > 0) lines.push(`Warning: ignoring DaemonSet-managed Pods: ${daemonPods.map((pod) => `${pod.metadata.namespace}/${pod.metadata.name}`).join(', ')}`);
    for (const pod of pods) {
      if (daemonPods.includes(pod)) continue;
      lines.push(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}`);
      this.plane.deletePod(pod);
      lines.push(`pod/${pod.metadata.name} evicted`);
    }
    lines.push(`node/${name} drained`);
    return lines;
  }

  /** Marks nodes NotReady after the grace period and evicts pods whose toleration ran out. */
  reconcile(): void {
    const { store } = this.plane;
    const now = this.plane.nowMs;
    const grace = (this.plane.clusterSettings.nodeMonitorGracePeriodSeconds ?? DEFAULT_NODE_MONITOR_GRACE_PERIOD_SECONDS) * 1000;
    for (const [name, stopped] of this.stoppedAt) {
      const node = store.get<Node>('Node', undefined, name);
      if (!node) continue;
      if (!this.taintedAt.has(name)) {
        if (now < stopped + grace) {
          this.plane.wakeAt(stopped + grace);
          continue;
        }
        this.markUnreachable(node);
        this.taintedAt.set(name, now);
      }
      this.evictPods(node, this.taintedAt.get(name)!);
    }
  }

  private markUnreachable(node: Node): void {
    const { store } = this.plane;
    const timestamp = store.timestamp();
    const taints: Taint[] = [...(node.spec.taints ?? []).filter((taint) => taint.key !== UNREACHABLE_TAINT_KEY)];
    taints.push({ key: UNREACHABLE_TAINT_KEY, effect: 'NoSchedule', timeAdded: timestamp }, { key: UNREACHABLE_TAINT_KEY, effect: 'NoExecute', timeAdded: timestamp });
    node.spec.taints = taints;
    store.update(node);
    const conditions = (node.status?.conditions ?? healthyConditions(timestamp)).map((condition) => ({
      ...condition,
      status: 'Unknown',
      lastTransitionTime: timestamp,
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    }));
    store.updateStatus(node, { ...(node.status ?? {}), conditions });
    this.plane.recordEvent(node, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`, 'node-controller');
    for (const pod of store.list<Pod>('Pod').filter((item) => item.spec.nodeName === node.metadata.name)) {
      const podConditions = (pod.status?.conditions ?? []).map((condition) =>
        condition.type === 'Ready' && condition.status !== 'False' ? { ...condition, status: 'False', lastTransitionTime: timestamp } : condition,
      );
      store.updateStatus(pod, { ...(pod.status ?? {}), conditions: podConditions });
      this.plane.recordEvent(pod, 'Warning', 'NodeNotReady', 'Node is not ready', 'node-controller');
    }
  }

  private evictPods(node: Node, taintedMs: number): void {
    const { store } = this.plane;
    const taint: Taint = { key: UNREACHABLE_TAINT_KEY, effect: 'NoExecute' };
    for (const pod of store.list<Pod>('Pod').filter((item) => item.spec.nodeName === node.metadata.name && !item.metadata.deletionTimestamp)) {
      const matching = (pod.spec.tolerations ?? []).filter((toleration) => tolerates(toleration, taint));
      if (matching.length > 0 && matching.some((toleration) => toleration.tolerationSeconds === undefined)) continue;
      const seconds = matching.length === 0 ? 0 : Math.min(...matching.map((toleration) => Math.max(0, toleration.tolerationSeconds ?? 0)));
      const evictAt = taintedMs + seconds * 1000;
      if (this.plane.nowMs < evictAt) {
        this.plane.wakeAt(evictAt);
        continue;
      }
      this.plane.recordEvent(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`, 'taint-eviction-controller');
      this.plane.deletePod(pod);
    }
  }

  private requireNode(name: string): Node {
    const node = this.plane.store.get<Node>('Node', undefined, name);
    if (!node) throw new Error(`Error from server (NotFound): nodes "${name}" not found`);
    return node;
  }
}
