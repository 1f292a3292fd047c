/** `kubectl get jobs` (printJob, v1.31), with the STATUS column added in v1.30. */
import type { Job } from '../../api/batch.js';
import { humanDuration, parseTimestamp, timestampSince } from '../humanDuration.js';
import { containerCells, formatSelector } from './cells.js';
import type { ResourceTable } from './table.js';

function hasCondition(job: Job, type: string): boolean {
  return (job.status?.conditions ?? []).some((condition) => condition.type === type && condition.status === 'True');
}

/** The STATUS cell: the first of Complete, Failed, Terminating, Suspended, FailureTarget, SuccessCriteriaMet that applies, else Running. */
export function jobStatus(job: Job): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  if (hasCondition(job, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

/** The COMPLETIONS cell: `succeeded/completions`, or `succeeded/1 of P` for a work queue Job with parallelism P > 1. */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec.completions !== undefined && job.spec.completions !== null) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** The DURATION cell: start to completion, start to now while running, or empty before the Job starts. */
export function jobDuration(job: Job, nowMs: number): string {
  const start = parseTimestamp(job.status?.startTime);
  if (start === undefined) return '';
  const end = parseTimestamp(job.status?.completionTime);
  return humanDuration((end ?? nowMs) - start);
}

export const jobTable: ResourceTable<Job> = {
  kind: 'Job',
  columns: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  cells(job, nowMs, wide) {
    const cells = [job.metadata.name ?? '', jobStatus(job), jobCompletions(job), jobDuration(job, nowMs), timestampSince(job.metadata.creationTimestamp, nowMs)];
    if (wide) cells.push(...containerCells(job.spec.template), formatSelector(job.spec.selector));
    return cells;
  },
};
