/**
 * The simulated control plane: the API server's storage and create, update
 * and delete rules, admission, the scheduler, the node lifecycle and taint
 * eviction controllers, the workload controllers, Services and the garbage
 * collector. It runs on the simulated clock: `reconcile(nowMs)` brings every
 * controller up to date at that time, and `nextWakeMs()` returns when the next
 * time-based rule fires. Kubelet work goes through a PodRuntime.
 */
import type { DaemonSet, Deployment, ReplicaSet, ReplicationController, StatefulSet } from '../api/apps.js';
import type { Job } from '../api/batch.js';
import type { Namespace, Node, Service } from '../api/core.js';
import type { ClusterSettings, ClusterSettingsSpec, Timeline } from '../api/podsim.js';
import type { PodPreset } from '../api/settings.js';
import type { KubeObject, Pod, PodCondition } from '../api/v1.js';
import { DEFAULT_EPOCH_MS } from '../kubelet/time.js';
import { defaultPod } from '../scenario/defaults.js';
import { randomSuffix, seededRandom } from '../scenario/random.js';
import { applyPodPresets } from './admission/pod-preset.js';
import { checkPodSecurity } from './admission/pod-security.js';
import { controllerOf, type ClusterEvent, type ControllerContext, type EventType } from './controllers/context.js';
import { DaemonSetController } from './controllers/daemonset.js';
import { reconcileDeployment, REVISION_ANNOTATION, revisionOf } from './controllers/deployment.js';
import { JobController } from './controllers/job.js';
import { isTerminal } from './controllers/pod-state.js';
import { canonicalJson, equalIgnoringHash } from './controllers/pod-template-hash.js';
import { reconcileReplicaSet } from './controllers/replicaset.js';
import { reconcileStatefulSet } from './controllers/statefulset.js';
import { WorkQueue } from './controllers/work-queue.js';
import { completeNode, defaultNodes, healthyConditions } from './nodes/default-nodes.js';
import { NodeLifecycle } from './nodes/node-lifecycle.js';
import type { PodRuntime } from './runtime.js';
import { schedulePod } from './scheduler/scheduler.js';
import { ServiceIPAllocator } from './services/allocator.js';
import { EndpointsController } from './services/endpoints-controller.js';
import { ApiError, invalid, notFound } from './store/errors.js';
import { compareObjects, ObjectStore, pluralOf } from './store/object-store.js';
import { OwnerIndex } from './store/owner-index.js';
import { PodIndex, type OwnedPodCounts } from './store/pod-index.js';
import { validatePodSpecUpdate } from './store/pod-update.js';
import { qualifiedSingular } from './store/resources.js';
import { defaultObject, generateJobSelector, validateWorkload } from './store/workload-defaults.js';
import { TimelinePlayer } from './timeline/player.js';
import { TokenBucket } from './events/token-bucket.js';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
/** kubectl's warning for `--force --grace-period=0`. */
export const IMMEDIATE_DELETION_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.';
/** Namespaces every cluster starts with. */
export const INITIAL_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
/**
 * Longest delay, in simulated ms, between a kubelet's status change and the
 * controllers' reaction. Real controllers react through informers and work
 * queues within milliseconds to a few hundred milliseconds; batching their
 * passes makes a large fleet cost one pass per batch instead of one per
 * changed millisecond. API calls (apply, delete, scale ...) skip the batch.
 */
const CONTROLLER_BATCH_MS = 100;
/** Passes of all controllers per reconcile; each pass acts on the previous one's writes. */
const MAX_PASSES = 20;
/**
 * kube-scheduler's podMaxInUnschedulablePodsDuration: a pod that did not fit
 * is tried again after this long even when nothing freed room for it.
 */
const UNSCHEDULABLE_RETRY_MS = 5 * 60 * 1000;
/** kube-controller-manager's --kube-api-qps and --kube-api-burst defaults. */
const DEFAULT_CONTROLLER_QPS = 20;
const DEFAULT_CONTROLLER_BURST = 30;
/** kube-scheduler's clientConnection qps and burst defaults. */
const DEFAULT_SCHEDULER_QPS = 50;
const DEFAULT_SCHEDULER_BURST = 100;

export interface ControlPlaneOptions {
  runtime: PodRuntime;
  /** Seed of generated names and uids (default 1). */
  seed?: number;
  /** Wall-clock time of simulated time 0, in Unix ms (default 2026-01-01T00:00:00Z). */
  epochMs?: number;
  /** Settings used until a ClusterSettings object is applied. */
  settings?: ClusterSettingsSpec;
  /**
   * Every controller pass syncs every object instead of the ones the work
   * queue names. Slower; the results must be the same, which tests check.
   */
  syncEveryObject?: boolean;
}

export interface ApplyResult {
  /** kubectl's lines: `deployment.apps/web created`, `... configured`, `... unchanged`. */
  output: string[];
  /** kubectl's error lines for objects the API server rejected. */
  errors: string[];
}

export interface DeleteOptions {
  /** `--grace-period`; undefined uses the object's own (a pod's terminationGracePeriodSeconds). */
  gracePeriodSeconds?: number;
  /** `--force`. */
  force?: boolean;
  /** `--cascade`: background (default), foreground or orphan. Foreground is treated as background. */
  cascade?: 'background' | 'foreground' | 'orphan';
}

export class ControlPlane implements ControllerContext {
  readonly store: ObjectStore;
  readonly seed: number;
  readonly epochMs: number;
  private readonly runtime: PodRuntime;
  private settings: ClusterSettingsSpec;
  private now = 0;
  private readonly random: () => number;
  private readonly eventLog: ClusterEvent[] = [];
  private readonly eventListeners = new Set<(event: ClusterEvent) => void>();
  /** Pods handed to the runtime, by uid, with their node. */
  private readonly started = new Map<string, string>();
  /** Deletions to pass to the runtime once the pod's node is running again. */
  private readonly pendingRuntimeDeletes = new Map<string, number>();
  private readonly wakeTimes = new Set<number>();
  private readonly lastSchedulingMessage = new Map<string, string>();
  /** Pods that fit on no node: the capacity generation and the time of the failed attempt. */
  private readonly unschedulable = new Map<string, { generation: number; atMs: number }>();
  private readonly pods: PodIndex;
  private readonly owners: OwnerIndex;
  private readonly queue: WorkQueue;
  private readonly endpoints: EndpointsController;
  /** Whether the next pass syncs every object rather than the queued ones (after an API call or a wake-up). */
  private fullPassPending = true;
  /** End of the current batch of kubelet status changes, or -1. */
  private batchWakeMs = -1;
  private readonly syncEveryObject: boolean;
  /** client-go rate limiters: one per controller client, and the scheduler's. */
  private readonly apiLimits = new Map<string, TokenBucket>();
  /** Owners whose controller used its whole burst, with the time it acts again. */
  private readonly burstsUntil = new Map<string, number>();
  private readonly jobs = new JobController();
  private readonly daemonSets = new DaemonSetController();
  private readonly nodeLifecycle: NodeLifecycle;
  readonly timeline: TimelinePlayer;
  private readonly serviceIPs = new ServiceIPAllocator();
  private changes = 0;
  /** `changes` when the controllers last finished a pass with nothing more to write. */
  private reconciledChanges = -1;
  /** Simulated time of the last controller pass; -Infinity makes the next reconcile run one at once. */
  private lastPassMs = Number.NEGATIVE_INFINITY;
  private nodesDefaulted = false;

  constructor(options: ControlPlaneOptions) {
    this.runtime = options.runtime;
    this.seed = options.seed ?? 1;
    this.epochMs = options.epochMs ?? DEFAULT_EPOCH_MS;
    this.settings = options.settings ?? {};
    this.syncEveryObject = options.syncEveryObject === true;
    this.random = seededRandom(this.seed ^ 0x5eed);
    this.store = new ObjectStore({ seed: this.seed, epochMs: this.epochMs, now: () => this.now });
    this.store.watch(() => {
      this.changes += 1;
    });
    this.pods = new PodIndex(this.store);
    this.owners = new OwnerIndex(this.store);
    this.queue = new WorkQueue(this.store);
    this.endpoints = new EndpointsController(this.store);
    for (const name of INITIAL_NAMESPACES) this.store.create<Namespace>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    this.nodeLifecycle = new NodeLifecycle(this);
    this.timeline = new TimelinePlayer(this);
  }

  /** Current simulated time in ms. */
  get nowMs(): number {
    return this.now;
  }

  get clusterSettings(): Readonly<ClusterSettingsSpec> {
    return this.settings;
  }

  // ---- events -------------------------------------------------------------

  recordEvent(object: KubeObject, type: EventType, reason: string, message: string, component: string): void {
    const event: ClusterEvent = {
      type,
      reason,
      message,
      component,
      involvedObject: {
        apiVersion: object.apiVersion,
        kind: object.kind,
        ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
        name: object.metadata.name ?? '',
        // The node controllers and kubelet record Node events with the node's name as its uid, and kubectl describe node searches for that.
        uid: object.kind === 'Node' ? (object.metadata.name ?? '') : (object.metadata.uid ?? ''),
      },
      timeMs: this.now,
    };
    this.eventLog.push(event);
    for (const listener of this.eventListeners) listener(event);
  }

  /** Registers a listener for every event the control plane records; returns the function that removes it. */
  onEvent(listener: (event: ClusterEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Returns every recorded event, oldest first. */
  events(): readonly ClusterEvent[] {
    return this.eventLog;
  }

  randomSuffix(): string {
    return randomSuffix(this.random);
  }

  wakeAt(timeMs: number): void {
    if (timeMs > this.now) this.wakeTimes.add(timeMs);
  }

  podsControlledBy(ownerUid: string): Pod[] {
    return this.pods.controlledBy(ownerUid);
  }

  orphanPods(namespace: string): Pod[] {
    return this.pods.orphansIn(namespace);
  }

  takeApiToken(client: 'controller-manager' | 'scheduler', component: string): boolean {
    const limit = client === 'scheduler' ? this.settings.scheduler : this.settings.controllerManager;
    let qps = limit?.kubeAPIQPS ?? (client === 'scheduler' ? DEFAULT_SCHEDULER_QPS : DEFAULT_CONTROLLER_QPS);
    let burst = limit?.kubeAPIBurst ?? (client === 'scheduler' ? DEFAULT_SCHEDULER_BURST : DEFAULT_CONTROLLER_BURST);
    // client-go: a negative QPS turns the limiter off; zero QPS and zero burst mean its defaults, 5 and 10.
    if (qps < 0) return true;
    if (qps === 0) qps = 5;
    if (burst === 0) burst = 10;
    const intervalMs = Math.max(1, Math.round(1000 / qps));
    const key = `${client}/${component}`;
    let bucket = this.apiLimits.get(key);
    if (!bucket || bucket.burst !== Math.max(1, burst) || bucket.refillIntervalMs !== intervalMs) {
      bucket = new TokenBucket(Math.max(1, burst), intervalMs, this.now);
      this.apiLimits.set(key, bucket);
    }
    if (bucket.tryAccept(this.now)) return true;
    this.wakeAt(bucket.nextTokenMs(this.now));
    return false;
  }

  burstEndsMs(ownerUid: string): number {
    const until = this.burstsUntil.get(ownerUid) ?? 0;
    if (until > this.now) return until;
    this.burstsUntil.delete(ownerUid);
    return 0;
  }

  burstUsed(ownerUid: string): void {
    const until = this.now + CONTROLLER_BATCH_MS;
    this.burstsUntil.set(ownerUid, until);
    this.wakeAt(until);
  }

  podCounts(ownerUid: string): OwnedPodCounts {
    return this.pods.countsFor(ownerUid);
  }

  /** Returns the next simulated time at which a rule fires (deadline, grace period, timeline step), or -1. */
  nextWakeMs(): number {
    let next = this.batchWakeMs > this.now ? this.batchWakeMs : -1;
    for (const time of this.wakeTimes) if (time > this.now && (next < 0 || time < next)) next = time;
    const step = this.timeline.nextStepMs();
    if (step >= 0 && (next < 0 || step < next)) next = step;
    return next;
  }

  // ---- kubectl apply ------------------------------------------------------

  /**
   * Applies objects as `kubectl apply` does, in order: creates what is new,
   * updates what changed and reports the rest unchanged. Objects the API
   * server rejects are reported in `errors` and the rest still apply.
   */
  apply(objects: readonly KubeObject[], file = '<stdin>'): ApplyResult {
    this.requestPass();
    const result: ApplyResult = { output: [], errors: [] };
    for (const source of objects) {
      try {
        result.output.push(this.applyOne(structuredClone(source)));
      } catch (error) {
        if (!(error instanceof ApiError)) {
          // A bad object must never take the simulation down: report it like the API server's rejection.
          result.errors.push(`error: ${qualifiedSingular(source.kind)}/${source.metadata?.name ?? ''}: ${(error as Error).message}`);
          continue;
        }
        const operation = this.store.get(source.kind, source.metadata.namespace, source.metadata.name ?? '') ? 'applying patch' : 'creating';
        result.errors.push(error.reason === 'Invalid' ? error.message : `Error from server (${error.reason}): error when ${operation} "${file}": ${error.message}`);
      }
    }
    return result;
  }

  private applyOne(object: KubeObject): string {
    const label = `${qualifiedSingular(object.kind)}/${object.metadata.name}`;
    if (object.kind === 'ClusterSettings') this.settings = (object as ClusterSettings).spec ?? {};
    if (object.kind === 'PodPreset' && !this.podPresetsServed()) {
      throw new ApiError('BadRequest', `the server could not find the requested resource (post podpresets.settings.k8s.io)`);
    }
    const lastApplied = canonicalJson(object);
    const existing = this.store.get(object.kind, object.metadata.namespace, object.metadata.name ?? '');
    if (!existing) {
      object.metadata.annotations = { ...(object.metadata.annotations ?? {}), [LAST_APPLIED_ANNOTATION]: `${lastApplied}\n` };
      this.createObject(object);
      return `${label} created`;
    }
    return this.updateFromApply(existing, object, lastApplied) ? `${label} configured` : `${label} unchanged`;
  }

  /** Creates any object through defaulting, validation and admission. */
  createObject<T extends KubeObject>(object: T): T {
    this.requireNamespace(object);
    if (object.kind === 'Pod') return this.admitPod(object as unknown as Pod, undefined) as unknown as T;
    defaultObject(object);
    if (object.kind === 'Node') {
      completeNode(object as unknown as Node, this.store.list('Node').length);
      (object as unknown as Node).status!.conditions ??= healthyConditions(this.store.timestamp());
    }
    if (object.kind === 'Service') this.serviceIPs.assign(object as unknown as Service);
    const errors = validateWorkload(object);
    if (errors.length > 0) throw invalid(object.kind, object.metadata.name ?? '', errors);
    const prepare = object.kind === 'Job' ? (job: T) => generateJobSelector(job as unknown as Job) : undefined;
    const created = this.store.create(object, prepare);
    if (object.kind === 'Timeline') this.timeline.load(created as unknown as Timeline);
    return created;
  }

  private requireNamespace(object: KubeObject): void {
    const namespace = object.metadata.namespace;
    if (object.kind === 'Namespace' || namespace === undefined) return;
    if (this.store.list('Namespace').length > 0 && !this.store.get('Namespace', undefined, namespace) && ['Node', 'PersistentVolume', 'ClusterSettings', 'PriorityClass', 'StorageClass'].indexOf(object.kind) < 0) {
      throw notFound('namespaces', namespace);
    }
  }

  /** Three-way merge of an applied manifest into the live object; returns whether anything changed. */
  private updateFromApply(live: KubeObject, applied: KubeObject, lastAppliedJson: string): boolean {
    const previousJson = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
    const previous = previousJson ? (JSON.parse(previousJson) as KubeObject) : undefined;
    let defaulted = structuredClone(applied);
    if (applied.kind === 'Pod') {
      // Same identity as on create, so generated parts (the token volume name) come out equal.
      defaulted.metadata.namespace ||= live.metadata.namespace;
      defaulted = defaultPod(defaulted as Pod, { seed: this.seed });
    }
    else defaultObject(defaulted);
    const merged = structuredClone(live);
    for (const key of Object.keys(defaulted)) {
      if (key === 'apiVersion' || key === 'kind' || key === 'metadata' || key === 'status') continue;
      merged[key] = mergeField(live[key], defaulted[key], applied[key], previous?.[key]);
    }
    for (const key of Object.keys(previous ?? {})) {
      if (!(key in applied) && !['apiVersion', 'kind', 'metadata', 'status'].includes(key)) delete merged[key];
    }
    merged.metadata.labels = applied.metadata.labels ?? (previous?.metadata.labels ? undefined : live.metadata.labels);
    if (merged.metadata.labels === undefined) delete merged.metadata.labels;
    const annotations = { ...(live.metadata.annotations ?? {}) };
    for (const key of Object.keys(previous?.metadata.annotations ?? {})) delete annotations[key];
    Object.assign(annotations, applied.metadata.annotations ?? {}, { [LAST_APPLIED_ANNOTATION]: `${lastAppliedJson}\n` });
    merged.metadata.annotations = annotations;

    if (canonicalJson({ ...merged, status: undefined }) === canonicalJson({ ...live, status: undefined })) return false;

    if (live.kind === 'Pod') {
      const pod = live as Pod;
      const next = merged as Pod;
      const checked = validatePodSpecUpdate(pod.metadata.name ?? '', pod.spec, next.spec);
      if (checked instanceof ApiError) throw checked;
      this.store.update(next);
      for (const change of checked) if (this.started.has(pod.metadata.uid ?? '')) this.runtime.updateContainerImage(pod.metadata.uid ?? '', change.containerName, change.image);
      return true;
    }
    const errors = validateWorkload(merged);
    if (errors.length > 0) throw invalid(live.kind, live.metadata.name ?? '', errors);
    if (live.kind === 'Job' && canonicalJson((merged as Job).spec.template) !== canonicalJson((live as Job).spec.template)) {
      throw invalid('Job', live.metadata.name ?? '', ['spec.template: Invalid value: field is immutable']);
    }
    this.store.update(merged);
    if (live.kind === 'Timeline') this.timeline.load(merged as Timeline);
    return true;
  }

  private podPresetsServed(): boolean {
    return this.settings.runtimeConfig?.['settings.k8s.io/v1alpha1'] === true;
  }

  private admissionEnabled(plugin: string): boolean {
    if ((this.settings.disabledAdmissionPlugins ?? []).includes(plugin)) return false;
    if (plugin === 'PodSecurity') return true;
    return (this.settings.admissionPlugins ?? []).includes(plugin);
  }

  /**
   * Creates a pod: name generation, PodPreset and default admission,
   * defaulting, Pod Security admission, then storage.
   * @throws ApiError Forbidden when Pod Security admission rejects it.
   */
  private admitPod(source: Pod, owner: KubeObject | undefined): Pod {
    let pod = source;
    if (!pod.metadata.name && pod.metadata.generateName) pod.metadata.name = pod.metadata.generateName + this.randomSuffix();
    pod.metadata.namespace ||= 'default';
    if (this.store.get('Pod', pod.metadata.namespace, pod.metadata.name ?? '')) {
      throw new ApiError('AlreadyExists', `pods "${pod.metadata.name}" already exists`);
    }
    if (this.admissionEnabled('PodPreset') && this.podPresetsServed()) {
      const presets = this.store.list<PodPreset>('PodPreset', { namespace: pod.metadata.namespace });
      const outcome = applyPodPresets(pod, presets);
      if ('conflict' in outcome) {
        const target: KubeObject = pod;
        this.pendingPresetWarning = { presets: outcome.presets, conflict: outcome.conflict, target };
      }
    }
    pod = defaultPod(pod, { seed: this.seed });
    if (this.admissionEnabled('PodSecurity')) {
      const namespace = this.store.get<Namespace>('Namespace', undefined, pod.metadata.namespace ?? 'default');
      const message = checkPodSecurity(pod, namespace);
      if (message) throw new ApiError('Forbidden', message);
    }
    pod.status = { phase: 'Pending', qosClass: pod.status?.qosClass };
    if (pod.status.qosClass === undefined) delete pod.status.qosClass;
    const created = this.store.create(pod);
    if (this.pendingPresetWarning) {
      const { presets, conflict } = this.pendingPresetWarning;
      this.pendingPresetWarning = undefined;
      // The plugin records the event on the pod and admits it without the presets.
      this.recordEvent(created, 'Warning', 'FailedPodPresetMerge', `Merging podpreset(s) ${presets.join(', ')} failed: ${conflict}`, 'podpreset-admission');
    }
    void owner;
    return created;
  }

  private pendingPresetWarning: { presets: string[]; conflict: string; target: KubeObject } | undefined;

  createPod(pod: Pod, owner: KubeObject): Pod | undefined {
    try {
      return this.admitPod(pod, owner);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const component = owner.kind === 'Job' ? 'job-controller' : owner.kind === 'ReplicationController' ? 'replication-controller' : `${owner.kind.toLowerCase()}-controller`;
      this.recordEvent(owner, 'Warning', 'FailedCreate', `Error creating: ${error.message}`, component);
      return undefined;
    }
  }

  // ---- kubectl delete -----------------------------------------------------

  /**
   * Deletes an object as `kubectl delete` does and returns kubectl's output
   * lines (the immediate-deletion warning first when forced).
   * @throws ApiError NotFound when the object does not exist.
   */
  delete(kind: string, namespace: string | undefined, name: string, options: DeleteOptions = {}): string[] {
    this.requestPass();
    const object = this.store.get(kind, namespace, name);
    if (!object) throw notFound(pluralOf(kind), name);
    const lines: string[] = [];
    let grace = options.gracePeriodSeconds;
    // kubectl: --force without --grace-period means 0; --grace-period=0 without --force means 1.
    if (options.force && grace === undefined) grace = 0;
    if (grace === 0 && !options.force) grace = 1;
    if (options.force && grace === 0) lines.push(IMMEDIATE_DELETION_WARNING);
    const forced = options.force === true && grace === 0;

    if (kind === 'Pod') {
      this.deletePod(object as Pod, grace);
    } else {
      this.deleteObject(object, options.cascade ?? 'background');
    }
    const label = `${qualifiedSingular(kind)} "${name}"`;
    lines.push(forced ? `${label} force deleted` : `${label} deleted`);
    return lines;
  }

  /** Removes a non-pod object; dependents go through the garbage collector, or lose their ownerReference with orphan. */
  deleteObject(object: KubeObject, cascade: 'background' | 'foreground' | 'orphan' = 'background'): void {
    const uid = object.metadata.uid ?? '';
    if (cascade === 'orphan') {
      for (const dependent of this.owners.dependents(uid)) {
        dependent.metadata.ownerReferences = dependent.metadata.ownerReferences!.filter((ref) => ref.uid !== uid);
        if (dependent.metadata.ownerReferences.length === 0) delete dependent.metadata.ownerReferences;
        this.store.update(dependent);
      }
    }
    this.store.remove(object.kind, object.metadata.namespace, object.metadata.name ?? '');
    if (object.kind === 'Job') this.jobs.forget(uid);
    if (object.kind === 'Timeline') this.timeline.unload(object as Timeline);
  }

  /**
   * Deletes a pod with the API server's rules: the grace period comes from
   * the request or the spec; an unbound or finished pod, or grace 0, is
   * removed at once; otherwise deletionTimestamp = now + grace and the
   * kubelet finishes the job. A second delete can only shorten the period.
   */
  deletePod(pod: Pod, gracePeriodSeconds?: number): void {
    const uid = pod.metadata.uid ?? '';
    let grace = gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    if (grace < 0) grace = 1;
    if (!pod.spec.nodeName || isTerminal(pod)) grace = 0;
    if (grace === 0) {
      this.removePod(pod);
      if (this.started.has(uid)) this.runtimeDelete(uid, pod.spec.nodeName ?? '', 0);
      return;
    }
    const previous = pod.metadata.deletionGracePeriodSeconds;
    if (previous !== undefined && grace >= previous) return;
    pod.metadata.deletionGracePeriodSeconds = grace;
    pod.metadata.deletionTimestamp = this.store.timestamp(this.now + grace * 1000);
    this.store.update(pod);
    this.runtimeDelete(uid, pod.spec.nodeName ?? '', grace);
  }

  private runtimeDelete(uid: string, nodeName: string, grace: number): void {
    if (this.nodeLifecycle.isDown(nodeName)) {
      this.pendingRuntimeDeletes.set(uid, grace);
      return;
    }
    this.runtime.deletePod(uid, grace);
  }

  private removePod(pod: Pod): void {
    this.store.remove('Pod', pod.metadata.namespace, pod.metadata.name ?? '');
    this.started.delete(pod.metadata.uid ?? '');
    this.lastSchedulingMessage.delete(pod.metadata.uid ?? '');
    this.unschedulable.delete(pod.metadata.uid ?? '');
  }

  // ---- reconcile ----------------------------------------------------------

  /**
   * Brings every controller up to date at simulated time `nowMs`: timeline
   * steps due by then, pod status from the runtime, node lifecycle, garbage
   * collection, workload controllers, the scheduler and Services, repeated
   * until a pass writes nothing.
   */
  reconcile(nowMs: number): void {
    if (nowMs > this.now) this.now = nowMs;
    let woke = false;
    for (const time of [...this.wakeTimes]) {
      if (time > this.now) continue;
      this.wakeTimes.delete(time);
      woke = true;
    }
    this.ensureNodes();
    // A step such as failNode changes no stored object, so a step that ran counts as a wake-up.
    const stepsBefore = this.timeline.records.length;
    this.timeline.runDue(this.now);
    if (this.timeline.records.length > stepsBefore) woke = true;
    this.syncPodStatuses();
    // Controllers only act on a change: with no write since their last pass
    // and no wake-up due, another pass would write nothing.
    if (!woke && this.changes === this.reconciledChanges && !this.fullPassPending) return;
    // Pod status changes from the kubelets are batched, so for them the
    // controllers run at most once per CONTROLLER_BATCH_MS of simulated time.
    const batchEndMs = this.lastPassMs + CONTROLLER_BATCH_MS;
    if (!woke && this.now < batchEndMs) {
      this.batchWakeMs = batchEndMs;
      return;
    }
    this.batchWakeMs = -1;
    this.lastPassMs = this.now;

    // A wake-up comes from a rule that depends on time (minReadySeconds,
    // deadlines, evictions), so that pass syncs every object. Other passes
    // sync the objects the work queue names.
    let full = woke || this.fullPassPending || this.syncEveryObject;
    this.fullPassPending = false;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const before = this.changes;
      this.syncPodStatuses();
      // Claiming work in a full pass too keeps a change made later in the pass queued for the next one.
      const due = (object: KubeObject): boolean => this.queue.claim(object) || full;
      this.nodeLifecycle.reconcile();
      this.collectGarbage();
      for (const deployment of this.store.list<Deployment>('Deployment')) if (due(deployment)) reconcileDeployment(this, deployment);
      for (const rs of this.store.list<ReplicaSet>('ReplicaSet')) if (due(rs)) reconcileReplicaSet(this, rs);
      for (const rc of this.store.list<ReplicationController>('ReplicationController')) if (due(rc)) reconcileReplicaSet(this, rc);
      for (const job of this.store.list<Job>('Job')) if (due(job)) this.jobs.reconcile(this, job);
      for (const daemonSet of this.store.list<DaemonSet>('DaemonSet')) if (due(daemonSet)) this.daemonSets.reconcile(this, daemonSet);
      for (const statefulSet of this.store.list<StatefulSet>('StatefulSet')) if (due(statefulSet)) reconcileStatefulSet(this, statefulSet);
      this.schedulePending();
      this.endpoints.reconcile();
      full = this.syncEveryObject;
      if (this.changes === before) break;
    }
    this.reconciledChanges = this.changes;
  }

  /** Makes the next reconcile run the controllers at once, for a change made through the API. */
  private requestPass(): void {
    this.lastPassMs = Number.NEGATIVE_INFINITY;
    this.fullPassPending = true;
  }

  /** Creates the default nodes the first time the cluster runs without Node objects. */
  private ensureNodes(): void {
    if (this.nodesDefaulted) return;
    this.nodesDefaulted = true;
    if (this.store.list('Node').length > 0) return;
    for (const node of defaultNodes(this.settings)) this.createObject(node);
  }

  private syncPodStatuses(): void {
    // A runtime that tracks changes names the pods worth reading; the others report the same status again.
    const changed = this.runtime.takeChangedPods?.();
    let candidates: [string, string][];
    if (changed) {
      candidates = [];
      for (const uid of changed) {
        const nodeName = this.started.get(uid);
        if (nodeName !== undefined) candidates.push([uid, nodeName]);
      }
    } else {
      candidates = [...this.started];
    }
    for (const [uid, nodeName] of candidates) {
      if (this.nodeLifecycle.isDown(nodeName)) continue;
      const pod = this.store.getByUid<Pod>(uid);
      if (!pod) {
        this.started.delete(uid);
        continue;
      }
      const reported = this.runtime.readPodStatus(uid, pod);
      if (!reported) continue;
      this.store.updateStatus(pod, reported.status);
      if (reported.terminated && pod.metadata.deletionTimestamp) this.removePod(pod);
    }
  }

  /** Background garbage collection: an object whose owners are all gone is deleted. */
  private collectGarbage(): void {
    for (const object of this.owners.takeCandidates()) {
      const references = object.metadata.ownerReferences ?? [];
      if (references.length === 0 || object.metadata.deletionTimestamp) continue;
      if (references.some((reference) => this.store.getByUid(reference.uid))) continue;
      if (object.kind === 'Pod') this.deletePod(object as Pod);
      else this.deleteObject(object);
    }
  }

  /** Binds pending pods, highest priority first, then oldest first. */
  private schedulePending(): void {
    // Pods created with spec.nodeName skip the scheduler and go straight to that node's kubelet.
    for (const pod of this.pods.takeNewlyBound().sort(compareObjects)) {
      const uid = pod.metadata.uid ?? '';
      if (!this.started.has(uid) && !pod.metadata.deletionTimestamp && !isTerminal(pod) && this.store.getByUid(uid) === pod) {
        this.started.set(uid, pod.spec.nodeName ?? '');
        this.runtime.startPod(pod, pod.spec.nodeName ?? '');
      }
    }
    // A pod that fit nowhere is tried again once room may have appeared (the
    // scheduler's queueing hints), or after UNSCHEDULABLE_RETRY_MS.
    const generation = this.pods.capacityGeneration;
    const pending = [...this.pods.unbound.values()]
      .filter((pod) => (pod.spec.schedulerName ?? 'default-scheduler') === 'default-scheduler')
      .filter((pod) => {
        const failed = this.unschedulable.get(pod.metadata.uid ?? '');
        return failed === undefined || failed.generation !== generation || this.now - failed.atMs >= UNSCHEDULABLE_RETRY_MS;
      })
      // The scheduling queue: higher priority first, then first come first served (the unbound pods are in creation order, and the sort is stable).
      .sort((a, b) => (b.spec.priority ?? 0) - (a.spec.priority ?? 0));
    if (pending.length === 0) return;
    const nodes = this.store.list<Node>('Node');
    for (const pod of pending) {
      const result = schedulePod(pod, nodes, this.pods);
      const uid = pod.metadata.uid ?? '';
      if ('nodeName' in result) {
        // The binding is an API call: past the scheduler's rate limit the pod waits for the next token.
        if (!this.takeApiToken('scheduler', 'default-scheduler')) break;
        this.unschedulable.delete(uid);
        this.bindPod(pod, result.nodeName);
        continue;
      }
      this.unschedulable.set(uid, { generation: this.pods.capacityGeneration, atMs: this.now });
      this.wakeAt(this.now + UNSCHEDULABLE_RETRY_MS);
      // Every failed attempt records an event (the recorder folds repeats into one with a count); the condition changes only with its message.
      this.recordEvent(pod, 'Warning', 'FailedScheduling', result.message, 'default-scheduler');
      if (this.lastSchedulingMessage.get(uid) === result.message) continue;
      this.lastSchedulingMessage.set(uid, result.message);
      const timestamp = this.store.timestamp();
      const conditions: PodCondition[] = [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: timestamp, reason: 'Unschedulable', message: result.message }];
      this.store.updateStatus(pod, { ...(pod.status ?? {}), phase: 'Pending', conditions });
    }
  }

  /** Binds a pod as the binding subresource does: sets spec.nodeName, records Scheduled and hands the pod to the kubelet. */
  bindPod(pod: Pod, nodeName: string): void {
    pod.spec.nodeName = nodeName;
    this.store.update(pod);
    this.lastSchedulingMessage.delete(pod.metadata.uid ?? '');
    this.recordEvent(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`, 'default-scheduler');
    this.started.set(pod.metadata.uid ?? '', nodeName);
    this.runtime.startPod(pod, nodeName);
  }

  // ---- node failure hooks (used by NodeLifecycle and the timeline) ---------

  /** Tells the runtime a node's kubelet stopped or resumed, and replays deletes it missed. */
  setNodeRunning(nodeName: string, running: boolean): void {
    // The node lifecycle controller reacts to this on its next pass, though the store did not change.
    this.reconciledChanges = -1;
    this.requestPass();
    this.runtime.setNodeRunning?.(nodeName, running);
    if (!running) return;
    for (const [uid, grace] of [...this.pendingRuntimeDeletes]) {
      if (this.started.get(uid) !== nodeName) continue;
      this.pendingRuntimeDeletes.delete(uid);
      this.runtime.deletePod(uid, grace);
    }
  }

  get nodes(): NodeLifecycle {
    return this.nodeLifecycle;
  }

  // ---- operations kubectl and the timeline perform ------------------------

  /** `kubectl scale`: sets spec.replicas of a Deployment, ReplicaSet, ReplicationController or StatefulSet. */
  scale(kind: string, namespace: string, name: string, replicas: number): string {
    this.requestPass();
    const object = this.store.get<Deployment>(kind, namespace, name);
    if (!object) throw notFound(pluralOf(kind), name);
    object.spec.replicas = replicas;
    this.store.update(object);
    return `${qualifiedSingular(kind)}/${name} scaled`;
  }

  /** `kubectl set image KIND/NAME CONTAINER=IMAGE` on a workload's template or a pod. */
  setImage(kind: string, namespace: string, name: string, containerName: string, image: string): string {
    this.requestPass();
    const object = this.store.get(kind, namespace, name);
    if (!object) throw notFound(pluralOf(kind), name);
    const spec = kind === 'Pod' ? (object as Pod).spec : (object.spec as { template: { spec: Pod['spec'] } }).template.spec;
    const container = [...spec.containers, ...(spec.initContainers ?? [])].find((entry) => entry.name === containerName);
    if (!container) throw new ApiError('BadRequest', `unable to find container named "${containerName}"`);
    if (container.image === image) return `${qualifiedSingular(kind)}/${name} image updated`;
    const updated = structuredClone(object);
    const target = [...(kind === 'Pod' ? (updated as Pod).spec : (updated.spec as { template: { spec: Pod['spec'] } }).template.spec).containers, ...((kind === 'Pod' ? (updated as Pod).spec : (updated.spec as { template: { spec: Pod['spec'] } }).template.spec).initContainers ?? [])].find((entry) => entry.name === containerName)!;
    target.image = image;
    this.store.update(updated);
    if (kind === 'Pod' && this.started.has(object.metadata.uid ?? '')) this.runtime.updateContainerImage(object.metadata.uid ?? '', containerName, image);
    return `${qualifiedSingular(kind)}/${name} image updated`;
  }

  /**
   * `kubectl rollout undo deployment/NAME [--to-revision=N]`: copies the
   * template of that revision's ReplicaSet (default: the previous one) into
   * the Deployment.
   * @throws Error with kubectl's message when the revision does not exist.
   */
  rollback(namespace: string, name: string, toRevision = 0): string {
    this.requestPass();
    const deployment = this.store.get<Deployment>('Deployment', namespace, name);
    if (!deployment) throw notFound(pluralOf('Deployment'), name);
    const owned = this.store.list<ReplicaSet>('ReplicaSet', { namespace, ownerUid: deployment.metadata.uid });
    const current = revisionOf(deployment);
    let target: ReplicaSet | undefined;
    if (toRevision === 0) {
      target = owned.filter((rs) => revisionOf(rs) < current).sort((a, b) => revisionOf(b) - revisionOf(a))[0];
      if (!target) throw new Error('error: no rollout history found for deployment "' + name + '"');
    } else {
      target = owned.find((rs) => revisionOf(rs) === toRevision);
      if (!target) throw new Error(`error: unable to find specified revision ${toRevision} in history`);
    }
    if (equalIgnoringHash(target.spec.template, deployment.spec.template)) {
      return `deployment.apps/${name} skipped rollback (current template already matches revision ${target.metadata.annotations?.[REVISION_ANNOTATION]})`;
    }
    const template = structuredClone(target.spec.template);
    delete template.metadata?.labels?.['pod-template-hash'];
    deployment.spec.template = template;
    this.store.update(deployment);
    return `deployment.apps/${name} rolled back`;
  }

  /**
   * Sets a pod condition that the kubelet does not own (a readiness gate's
   * condition type), as a controller would through the status subresource.
   */
  setPodCondition(namespace: string, name: string, type: string, status: 'True' | 'False' | 'Unknown'): void {
    this.requestPass();
    const pod = this.store.get<Pod>('Pod', namespace, name);
    if (!pod) throw notFound('pods', name);
    const conditions = [...(pod.status?.conditions ?? [])];
    const index = conditions.findIndex((condition) => condition.type === type);
    const condition: PodCondition = { type, status, lastProbeTime: null, lastTransitionTime: this.store.timestamp() };
    if (index >= 0) {
      if (conditions[index].status === status) return;
      conditions[index] = condition;
    } else {
      conditions.unshift(condition);
    }
    this.store.updateStatus(pod, { ...(pod.status ?? {}), conditions });
    // The kubelet recomputes Ready from the readiness gates at its next status update.
    this.runtime.statusChanged?.(pod.metadata.uid ?? '');
  }

  /** Lists the pods a controller owns, for tests and printers. */
  podsOwnedBy(owner: KubeObject): Pod[] {
    return this.pods.controlledBy(owner.metadata.uid ?? '').sort(compareObjects);
  }
}

/**
 * Merges one top-level field for `kubectl apply`: a field of a nested object
 * that neither the new manifest nor the last applied one sets keeps its live
 * value (set by someone else, such as `kubectl scale`).
 */
function mergeField(live: unknown, defaulted: unknown, applied: unknown, previous: unknown): unknown {
  if (!isPlainObject(live) || !isPlainObject(defaulted) || !isPlainObject(applied)) return structuredClone(defaulted);
  const merged: Record<string, unknown> = structuredClone(defaulted);
  const previousObject = isPlainObject(previous) ? previous : {};
  for (const [key, value] of Object.entries(live)) {
    if (!(key in applied) && !(key in previousObject)) merged[key] = structuredClone(value);
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
