/**
 * The Job controller (pkg/controller/job, v1.31) with the features that are
 * on by default in 1.31: pod failure policy, backoffLimitPerIndex, success
 * policy, pod replacement policy and the interim FailureTarget and
 * SuccessCriteriaMet conditions that precede Failed and Complete.
 */
import type { Job, JobStatus, PodFailurePolicyRule } from '../../api/batch.js';
import type { WorkloadCondition } from '../../api/meta.js';
import type { Pod } from '../../api/v1.js';
import { fromLabelSelector } from '../store/label-selector.js';
import type { ControllerContext } from './context.js';
import { claimPods } from './replicaset.js';
import { findCondition } from './conditions.js';
import { formatIndexes, parseIndexes } from './job-indexes.js';
import { compareForDeletion, isPodReady, isTerminal, restartCount } from './pod-state.js';
import { podFromTemplate } from './template.js';

export const JOB_COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
export const JOB_INDEX_FAILURE_COUNT = 'batch.kubernetes.io/job-index-failure-count';
const COMPONENT = 'job-controller';
/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
const POD_FAILURE_BACKOFF_MS = 10_000;
const MAX_POD_FAILURE_BACKOFF_MS = 600_000;

interface FinishedCondition {
  type: 'Failed' | 'Complete';
  reason: string;
  message: string;
}

/** What the controller remembers per Job across syncs; the real one keeps it in finalizers and status. */
interface JobTracking {
  counted: Set<string>;
  /** Simulated times of counted failures since the last success, for the creation backoff. */
  failureTimes: number[];
  /** Failures per completion index (backoffLimitPerIndex). */
  indexFailures: Map<number, number>;
}

function isFinished(job: Job): boolean {
  return (job.status?.conditions ?? []).some((condition) => (condition.type === 'Complete' || condition.type === 'Failed') && condition.status === 'True');
}

function completionIndex(pod: Pod): number | undefined {
  const value = pod.metadata.annotations?.[JOB_COMPLETION_INDEX];
  const index = Number(value);
  return value !== undefined && Number.isInteger(index) ? index : undefined;
}

/** First app or init container that terminated with a non-zero exit code. */
function failedContainer(pod: Pod): { name: string; exitCode: number } | undefined {
  for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const terminated = status.state?.terminated;
    if (terminated && terminated.exitCode !== 0) return { name: status.name, exitCode: terminated.exitCode };
  }
  return undefined;
}

/** Returns the first matching rule and its index (matchPodFailurePolicy). */
export function matchPodFailurePolicy(rules: PodFailurePolicyRule[], pod: Pod): { rule: PodFailurePolicyRule; index: number; container?: { name: string; exitCode: number } } | undefined {
  for (const [index, rule] of rules.entries()) {
    if (rule.onExitCodes) {
      const requirement = rule.onExitCodes;
      for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
        if (requirement.containerName && requirement.containerName !== status.name) continue;
        const terminated = status.state?.terminated;
        if (!terminated || terminated.exitCode === 0) continue;
        const listed = requirement.values.includes(terminated.exitCode);
        if ((requirement.operator === 'In') === listed) return { rule, index, container: { name: status.name, exitCode: terminated.exitCode } };
      }
    }
    for (const pattern of rule.onPodConditions ?? []) {
      const condition = pod.status?.conditions?.find((entry) => entry.type === pattern.type);
      if (condition && condition.status === (pattern.status ?? 'True')) return { rule, index };
    }
  }
  return undefined;
}

export class JobController {
  private readonly tracking = new Map<string, JobTracking>();

  reconcile(context: ControllerContext, job: Job): void {
    const { store, nowMs } = context;
    const uid = job.metadata.uid ?? '';
    let tracking = this.tracking.get(uid);
    if (!tracking) {
      tracking = { counted: new Set(), failureTimes: [], indexFailures: new Map() };
      this.tracking.set(uid, tracking);
    }
    if (isFinished(job)) {
      this.handleTtl(context, job);
      return;
    }

    const pods = claimPods(context, job, fromLabelSelector(job.spec.selector));
    const status: JobStatus = structuredClone(job.status ?? {});
    let conditions: WorkloadCondition[] = [...(status.conditions ?? [])];
    const now = store.timestamp(nowMs);
    const indexed = job.spec.completionMode === 'Indexed';
    const completions = job.spec.completions;
    const parallelism = job.spec.parallelism ?? 1;
    const rules = job.spec.podFailurePolicy?.rules ?? [];
    const perIndexLimit = job.spec.backoffLimitPerIndex;
    const completed = parseIndexes(status.completedIndexes);
    const failedIndexes = parseIndexes(status.failedIndexes);
    let finished: FinishedCondition | undefined;
    const interim = findCondition(conditions, 'FailureTarget') ?? findCondition(conditions, 'SuccessCriteriaMet');
    if (interim) finished = { type: interim.type === 'FailureTarget' ? 'Failed' : 'Complete', reason: interim.reason ?? '', message: interim.message ?? '' };

    // Count pods that finished since the last sync.
    let succeeded = status.succeeded ?? 0;
    let failed = status.failed ?? 0;
    for (const pod of pods) {
      const podUid = pod.metadata.uid ?? '';
      if (!isTerminal(pod) || tracking.counted.has(podUid)) continue;
      tracking.counted.add(podUid);
      const index = completionIndex(pod);
      if (pod.status?.phase === 'Succeeded') {
        tracking.failureTimes = [];
        if (indexed && index !== undefined) {
          if (!completed.has(index) && !failedIndexes.has(index)) completed.add(index);
        } else {
          succeeded += 1;
        }
        continue;
      }
      const match = rules.length > 0 ? matchPodFailurePolicy(rules, pod) : undefined;
      const action = match?.rule.action ?? 'Count';
      if (action === 'Ignore') continue;
      failed += 1;
      tracking.failureTimes.push(nowMs);
      if (action === 'FailJob' && !finished) {
        const container = match?.container;
        const message = container
          ? `Container ${container.name} for pod ${pod.metadata.namespace}/${pod.metadata.name} failed with exit code ${container.exitCode} matching FailJob rule at index ${match!.index}`
          : `Pod ${pod.metadata.namespace}/${pod.metadata.name} has condition ${match?.rule.onPodConditions?.[0]?.type} matching FailJob rule at index ${match!.index}`;
        finished = { type: 'Failed', reason: 'PodFailurePolicy', message };
      }
      if (indexed && index !== undefined && perIndexLimit !== undefined) {
        const count = (tracking.indexFailures.get(index) ?? 0) + 1;
        tracking.indexFailures.set(index, count);
        if (action === 'FailIndex' || count > perIndexLimit) failedIndexes.add(index);
      }
    }
    if (indexed) succeeded = completed.size;

    const active = pods.filter((pod) => !isTerminal(pod) && !pod.metadata.deletionTimestamp);
    const terminating = pods.filter((pod) => !isTerminal(pod) && pod.metadata.deletionTimestamp);

    if (job.spec.suspend && !finished) {
      for (const pod of active) this.deletePod(context, job, pod);
      if (findCondition(conditions, 'Suspended')?.status !== 'True') {
        conditions = upsert(conditions, { type: 'Suspended', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'JobSuspended', message: 'Job suspended' });
        context.recordEvent(job, 'Normal', 'Suspended', 'Job suspended', COMPONENT);
        delete status.startTime;
      }
      this.writeStatus(context, job, status, conditions, { active: 0, succeeded, failed, terminating: terminating.length + active.length, ready: 0, completed, failedIndexes, indexed });
      return;
    }
    if (findCondition(conditions, 'Suspended')?.status === 'True') {
      conditions = upsert(conditions, { type: 'Suspended', status: 'False', lastProbeTime: now, lastTransitionTime: now, reason: 'JobResumed', message: 'Job resumed' });
      context.recordEvent(job, 'Normal', 'Resumed', 'Job resumed', COMPONENT);
    }
    status.startTime ??= now;

    // Failure checks, in the controller's order.
    if (!finished && indexed && perIndexLimit !== undefined) {
      if (job.spec.maxFailedIndexes !== undefined && failedIndexes.size > job.spec.maxFailedIndexes) {
        finished = { type: 'Failed', reason: 'MaxFailedIndexesExceeded', message: 'Job has exceeded the specified maximum number of failed indexes' };
      } else if (failedIndexes.size > 0 && completed.size + failedIndexes.size >= (completions ?? 1) && active.every((pod) => failedIndexes.has(completionIndex(pod) ?? -1) || completed.has(completionIndex(pod) ?? -1))) {
        finished = { type: 'Failed', reason: 'FailedIndexes', message: 'Job has failed indexes' };
      }
    }
    if (!finished && perIndexLimit === undefined) {
      const backoffLimit = job.spec.backoffLimit ?? 6;
      const onFailure = job.spec.template.spec.restartPolicy === 'OnFailure';
      const restarts = onFailure ? active.reduce((total, pod) => total + restartCount(pod), 0) : 0;
      const pastOnFailure = onFailure && (backoffLimit === 0 ? restarts > 0 : restarts >= backoffLimit);
      if (failed > backoffLimit || pastOnFailure) {
        finished = { type: 'Failed', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
      }
    }
    if (!finished && job.spec.activeDeadlineSeconds !== undefined) {
      const startMs = store.simMsOf(status.startTime) ?? nowMs;
      const deadlineMs = startMs + job.spec.activeDeadlineSeconds * 1000;
      if (nowMs >= deadlineMs) finished = { type: 'Failed', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
      else context.wakeAt(deadlineMs);
    }
    if (!finished && indexed && job.spec.successPolicy) {
      for (const [ruleIndex, rule] of job.spec.successPolicy.rules.entries()) {
        const scope = rule.succeededIndexes === undefined ? [...completed] : [...parseIndexes(rule.succeededIndexes)];
        const done = scope.filter((index) => completed.has(index)).length;
        const needed = rule.succeededCount ?? scope.length;
        const allListed = rule.succeededIndexes === undefined || scope.every((index) => completed.has(index)) || rule.succeededCount !== undefined;
        if (done >= needed && needed > 0 && allListed) {
          finished = { type: 'Complete', reason: 'SuccessPolicy', message: `Matched rules at index ${ruleIndex}` };
          break;
        }
      }
    }
    if (!finished) {
      const complete = indexed
        ? completed.size >= (completions ?? 1)
        : completions === undefined
          ? succeeded > 0 && active.length === 0
          : succeeded >= completions && active.length === 0;
      if (complete) finished = { type: 'Complete', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
    }

    if (finished) {
      const interimType = finished.type === 'Failed' ? 'FailureTarget' : 'SuccessCriteriaMet';
      if (!findCondition(conditions, interimType)) {
        conditions = upsert(conditions, { type: interimType, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: finished.reason, message: finished.message });
      }
      for (const pod of active) this.deletePod(context, job, pod);
      const stillRunning = pods.some((pod) => !isTerminal(pod) && store.getByUid(pod.metadata.uid ?? ''));
      if (!stillRunning) {
        conditions = upsert(conditions, { type: finished.type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: finished.reason, message: finished.message });
        if (finished.type === 'Complete') {
          status.completionTime = now;
          context.recordEvent(job, 'Normal', 'Completed', 'Job completed', COMPONENT);
        } else {
          context.recordEvent(job, 'Warning', finished.reason, finished.message, COMPONENT);
        }
      }
      const terminatingNow = pods.filter((pod) => !isTerminal(pod) && store.getByUid(pod.metadata.uid ?? '')).length;
      this.writeStatus(context, job, status, conditions, { active: 0, succeeded, failed, terminating: terminatingNow, ready: 0, completed, failedIndexes, indexed });
      if (!stillRunning) this.handleTtl(context, job);
      return;
    }

    // Keep the wanted number of active pods.
    const replaceOnlyFailed = (job.spec.podReplacementPolicy ?? (rules.length > 0 ? 'Failed' : 'TerminatingOrFailed')) === 'Failed';
    const budget = Math.max(0, parallelism - (replaceOnlyFailed ? terminating.length : 0));
    let activeCount = active.length;
    if (indexed) {
      const activeIndexes = new Set(active.map(completionIndex));
      const wanted: number[] = [];
      for (let index = 0; index < (completions ?? 1) && wanted.length + activeCount < budget; index++) {
        if (completed.has(index) || failedIndexes.has(index) || activeIndexes.has(index)) continue;
        wanted.push(index);
      }
      if (wanted.length > 0 && this.creationAllowed(context, tracking)) {
        for (const index of wanted) {
          if (this.createPod(context, job, tracking, index)) activeCount += 1;
        }
      }
    } else {
      let wantActive = completions === undefined ? (succeeded > 0 ? activeCount : parallelism) : Math.min(completions - succeeded, parallelism);
      wantActive = Math.max(0, Math.min(wantActive, budget));
      if (activeCount > wantActive) {
        const excess = [...active].sort(compareForDeletion(store)).slice(0, activeCount - wantActive);
        for (const pod of excess) this.deletePod(context, job, pod);
        activeCount -= excess.length;
      } else if (activeCount < wantActive && this.creationAllowed(context, tracking)) {
        const toCreate = wantActive - activeCount;
        for (let i = 0; i < toCreate; i++) if (this.createPod(context, job, tracking)) activeCount += 1;
      }
    }
    const ready = active.filter(isPodReady).length;
    this.writeStatus(context, job, status, conditions, { active: activeCount, succeeded, failed, terminating: terminating.length, ready, completed, failedIndexes, indexed });
  }

  /** Forgets a deleted Job's tracking state. */
  forget(uid: string): void {
    this.tracking.delete(uid);
  }

  /** Applies the pod creation backoff: 10 s doubled per failure since the last success, at most 10 min. */
  private creationAllowed(context: ControllerContext, tracking: JobTracking): boolean {
    const failures = tracking.failureTimes.length;
    if (failures === 0) return true;
    const delay = Math.min(POD_FAILURE_BACKOFF_MS * 2 ** (failures - 1), MAX_POD_FAILURE_BACKOFF_MS);
    const allowedAt = tracking.failureTimes[failures - 1] + delay;
    if (context.nowMs >= allowedAt) return true;
    context.wakeAt(allowedAt);
    return false;
  }

  private createPod(context: ControllerContext, job: Job, tracking: JobTracking, index?: number): boolean {
    const pod = podFromTemplate(job.spec.template, job);
    if (index !== undefined) {
      pod.metadata.generateName = `${job.metadata.name}-${index}-`;
      pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [JOB_COMPLETION_INDEX]: String(index) };
      pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [JOB_COMPLETION_INDEX]: String(index) };
      const failures = tracking.indexFailures.get(index);
      if (failures !== undefined) pod.metadata.annotations[JOB_INDEX_FAILURE_COUNT] = String(failures);
      pod.spec.hostname ??= `${job.metadata.name}-${index}`;
      const env = { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${JOB_COMPLETION_INDEX}']` } } };
      for (const container of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
        if (!(container.env ?? []).some((entry) => entry.name === env.name)) container.env = [...(container.env ?? []), structuredClone(env)];
      }
    }
    const created = context.createPod(pod, job);
    if (!created) return false;
    context.recordEvent(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, COMPONENT);
    return true;
  }

  private deletePod(context: ControllerContext, job: Job, pod: Pod): void {
    context.deletePod(pod);
    context.recordEvent(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, COMPONENT);
  }

  private writeStatus(
    context: ControllerContext,
    job: Job,
    status: JobStatus,
    conditions: WorkloadCondition[],
    counts: { active: number; succeeded: number; failed: number; terminating: number; ready: number; completed: Set<number>; failedIndexes: Set<number>; indexed: boolean },
  ): void {
    const next: JobStatus = {};
    if (conditions.length > 0) next.conditions = conditions;
    if (status.startTime) next.startTime = status.startTime;
    if (status.completionTime) next.completionTime = status.completionTime;
    if (counts.active > 0) next.active = counts.active;
    if (counts.succeeded > 0) next.succeeded = counts.succeeded;
    if (counts.failed > 0) next.failed = counts.failed;
    next.terminating = counts.terminating;
    next.ready = counts.ready;
    if (counts.indexed) next.completedIndexes = formatIndexes(counts.completed);
    if (counts.indexed && job.spec.backoffLimitPerIndex !== undefined) next.failedIndexes = formatIndexes(counts.failedIndexes);
    next.uncountedTerminatedPods = {};
    context.store.updateStatus(job, next);
  }

  /** The TTL-after-finished controller: deletes the Job ttlSecondsAfterFinished after it finished. */
  private handleTtl(context: ControllerContext, job: Job): void {
    const ttl = job.spec.ttlSecondsAfterFinished;
    if (ttl === undefined || job.metadata.deletionTimestamp) return;
    const finishedCondition = (job.status?.conditions ?? []).find((condition) => (condition.type === 'Complete' || condition.type === 'Failed') && condition.status === 'True');
    const finishedMs = context.store.simMsOf(finishedCondition?.lastTransitionTime);
    if (finishedMs === undefined) return;
    const expiresMs = finishedMs + ttl * 1000;
    if (context.nowMs >= expiresMs) {
      context.store.remove('Job', job.metadata.namespace, job.metadata.name ?? '');
      this.forget(job.metadata.uid ?? '');
    } else {
      context.wakeAt(expiresMs);
    }
  }
}

/** Replaces a condition of the same type in place, or appends it. */
function upsert(conditions: WorkloadCondition[], condition: WorkloadCondition): WorkloadCondition[] {
  const index = conditions.findIndex((entry) => entry.type === condition.type);
  if (index < 0) return [...conditions, condition];
  const copy = [...conditions];
  copy[index] = condition;
  return copy;
}

export { failedContainer };
