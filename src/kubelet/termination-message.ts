/**
 * Termination messages (kuberuntime's getTerminationMessage and the status
 * manager's normalizeStatus, v1.31): the file at terminationMessagePath, or
 * under `FallbackToLogsOnError` the tail of the log when the container failed
 * and wrote no message.
 */
import type { Container } from '../api/v1.js';

/** The kubelet reads at most this many bytes of the message file (MaxContainerTerminationMessageLength). */
export const MAX_MESSAGE_FILE_BYTES = 4096;
/** Log fallback: at most this many lines and bytes from the end (MaxContainerTerminationMessageLogLines and ...LogLength). */
export const MAX_LOG_LINES = 80;
export const MAX_LOG_BYTES = 2048;
/** The status manager shares this many bytes among all init and regular containers of the pod. */
export const POD_MESSAGE_BUDGET_BYTES = 12288;

export interface MessageWrite {
  path: string;
  /** ms after the process started. */
  timeMs: number;
  text: string;
  append: boolean;
}

export interface MessageLogLine {
  timeMs: number;
  text: string;
}

/** Cuts `text` to at most `bytes` UTF-8 bytes, keeping the start (`fromEnd` false) or the end. */
function cutBytes(text: string, bytes: number, fromEnd: boolean): string {
  const encoded = Buffer.from(text, 'utf8');
  if (encoded.length <= bytes) return text;
  const part = fromEnd ? encoded.subarray(encoded.length - bytes) : encoded.subarray(0, bytes);
  return part.toString('utf8');
}

/**
 * Returns the termination message of an instance that ran `ranMs` and exited
 * with `exitCode`, or undefined when it has none. Only writes and log lines
 * made before the exit count. `containerCount` is the pod's init plus regular
 * containers, among which the 12288-byte budget is shared.
 */
export function terminationMessage(
  container: Pick<Container, 'terminationMessagePath' | 'terminationMessagePolicy'>,
  writes: readonly MessageWrite[],
  logLines: readonly MessageLogLine[],
  exitCode: number,
  ranMs: number,
  containerCount: number,
): string | undefined {
  const path = container.terminationMessagePath || '/dev/termination-log';
  let content = '';
  for (const write of writes) {
    if (write.path !== path || write.timeMs > ranMs) continue;
    content = write.append ? content + write.text : write.text;
  }
  let message = cutBytes(content, MAX_MESSAGE_FILE_BYTES, false);

  if (message === '' && container.terminationMessagePolicy === 'FallbackToLogsOnError' && exitCode !== 0) {
    const lines = logLines.filter((line) => line.timeMs <= ranMs).slice(-MAX_LOG_LINES);
    message = cutBytes(lines.map((line) => `${line.text}\n`).join(''), MAX_LOG_BYTES, true);
  }
  if (message === '') return undefined;
  return cutBytes(message, Math.floor(POD_MESSAGE_BUDGET_BYTES / Math.max(1, containerCount)), false);
}
