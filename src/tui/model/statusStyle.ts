/**
 * Colors and glyphs for the STATUS column, grouped the way k9s groups them.
 * The glyph carries the same information as the color, so the table reads
 * on a monochrome terminal and for color-blind users.
 */

/** The group a STATUS string falls in. */
export type StatusCategory = 'running' | 'pending' | 'error' | 'terminating' | 'completed';

/** The drawing style of one category. */
export interface StatusStyle {
  category: StatusCategory;
  /** An Ink color name. */
  color: string;
  /** One terminal cell wide, printed before the STATUS text. */
  glyph: string;
}

const STYLES: Record<StatusCategory, StatusStyle> = {
  running: { category: 'running', color: 'green', glyph: '●' },
  pending: { category: 'pending', color: 'yellow', glyph: '◐' },
  error: { category: 'error', color: 'red', glyph: '✖' },
  terminating: { category: 'terminating', color: 'magenta', glyph: '◌' },
  completed: { category: 'completed', color: 'gray', glyph: '✔' },
};

const ERROR_STATUSES = new Set([
  'Error',
  'Failed',
  'CrashLoopBackOff',
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'OOMKilled',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'ContainerStatusUnknown',
  'ContainerCannotRun',
  'Evicted',
  'Unknown',
  'DeadlineExceeded',
  'StartError',
]);

/** Classifies a STATUS cell as printed by printPodRow. */
export function statusCategory(status: string): StatusCategory {
  if (status === 'Running') return 'running';
  if (status === 'Terminating') return 'terminating';
  if (status === 'Completed' || status === 'Succeeded') return 'completed';
  if (ERROR_STATUSES.has(status)) return 'error';
  if (status.startsWith('ExitCode:') || status.startsWith('Signal:')) return 'error';
  // Init:0/2 is progress; Init:Error, Init:CrashLoopBackOff and the other Init: reasons are failures.
  if (status.startsWith('Init:')) return /^Init:\d+\/\d+$/.test(status) ? 'pending' : 'error';
  return 'pending';
}

/** Returns the color and glyph for a STATUS cell. */
export function statusStyle(status: string): StatusStyle {
  return STYLES[statusCategory(status)];
}

/** Every category's style, in the order the help screen lists them. */
export const STATUS_LEGEND: readonly StatusStyle[] = [STYLES.running, STYLES.pending, STYLES.error, STYLES.terminating, STYLES.completed];
