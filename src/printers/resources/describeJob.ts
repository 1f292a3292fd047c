/** `kubectl describe job` (kubectl v1.31 `describeJob`). */
import type { Job } from '../../api/batch.js';
import type { Event } from '../../api/v1.js';
import { describeEvents } from '../describeEvents.js';
import { describeAnnotations, describeLabels } from '../describeMetadata.js';
import { DescribeWriter, LEVEL_0 } from '../describeWriter.js';
import { humanDuration, parseTimestamp } from '../humanDuration.js';
import { formatRFC1123Z } from '../rfc1123z.js';
import { formatSelector } from './cells.js';
import { describePodTemplate } from './podTemplate.js';

/** Longest index list printed in full; kubectl cuts longer ones at a comma and appends `, ...`. */
const MAX_INDEXES_LENGTH = 50;

/** kubectl's capIndexesListOrNone: `<none>`, the list, or the list cut at the last comma before 50 characters. */
function indexList(indexes: string | undefined): string {
  if (!indexes) return '<none>';
  if (indexes.length <= MAX_INDEXES_LENGTH) return indexes;
  const cut = indexes.lastIndexOf(',', MAX_INDEXES_LENGTH);
  return `${indexes.slice(0, cut < 0 ? MAX_INDEXES_LENGTH : cut)}, ...`;
}

/** Returns the stdout of `kubectl describe job`; `events` are those whose involved object is the Job. */
export function describeJob(job: Job, events: Event[] | undefined, nowMs: number): string {
  const w = new DescribeWriter();
  const { metadata, spec } = job;
  const status = job.status ?? {};
  w.write(LEVEL_0, `Name:\t${metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${formatSelector(spec.selector)}\n`);
  describeLabels(w, 'Labels', metadata.labels);
  describeAnnotations(w, 'Annotations', metadata.annotations);
  const controller = metadata.ownerReferences?.find((ref) => ref.controller === true);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller.kind}/${controller.name}\n`);
  if (spec.parallelism !== undefined) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
  if (spec.completionMode !== undefined) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec.suspend !== undefined) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (spec.backoffLimit !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(status.startTime)}\n`);
  if (status.completionTime) w.write(LEVEL_0, `Completed At:\t${formatRFC1123Z(status.completionTime)}\n`);
  const start = parseTimestamp(status.startTime);
  const end = parseTimestamp(status.completionTime);
  if (start !== undefined && end !== undefined) w.write(LEVEL_0, `Duration:\t${humanDuration(end - start)}\n`);
  if (spec.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  const ready = status.ready === undefined ? '' : ` (${status.ready} Ready)`;
  w.write(LEVEL_0, `Pods Statuses:\t${status.active ?? 0} Active${ready} / ${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed\n`);
  if (spec.completionMode === 'Indexed') {
    w.write(LEVEL_0, `Completed Indexes:\t${indexList(status.completedIndexes)}\n`);
    if (spec.backoffLimitPerIndex !== undefined) w.write(LEVEL_0, `Failed Indexes:\t${indexList(status.failedIndexes)}\n`);
  }
  describePodTemplate(spec.template, w);
  if (events) describeEvents(events, nowMs, w);
  return w.text();
}
