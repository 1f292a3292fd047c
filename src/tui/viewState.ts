/**
 * The UI state that must survive a remount of the Ink app (after the
 * dashboard or a repaint): which screen is open, the selection, filter,
 * sort and toggles.
 */
import type { SortOrder } from './model/podSort.js';

/** The screens of the app. */
export type ViewName = 'pods' | 'describe' | 'yaml' | 'events' | 'timeline' | 'help';

/** The ctrl-d dialog while it is open. */
export interface DeleteDialogState {
  /** `namespace/name` of the pod to delete. */
  podKey: string;
  /** The grace period as typed, in seconds. */
  gracePeriodText: string;
  force: boolean;
  error?: string;
}

export interface ViewState {
  view: ViewName;
  /** `namespace/name` of the selected pod. */
  selectedKey: string | undefined;
  /** Row of the selection, used when the selected pod leaves the list. */
  selectedIndex: number;
  /** Namespace listed; undefined lists all namespaces. */
  namespace: string | undefined;
  filterText: string;
  sort: SortOrder;
  wide: boolean;
  warningsOnly: boolean;
  /** First line shown in the describe, YAML, events and help screens. */
  scroll: number;
  /** Whether a text screen follows its end as it grows (the event stream starts this way). */
  followTail: boolean;
  /** The open prompt, if any. */
  prompt: ':' | '/' | undefined;
  /** The text typed into the prompt. */
  input: string;
  dialog: DeleteDialogState | undefined;
  /** A notice of the UI itself (command errors); the session's notices show when this is empty. */
  notice: string;
  noticeIsError: boolean;
}

/** Returns the state a new session starts with. */
export function initialViewState(namespace: string | undefined): ViewState {
  return {
    view: 'pods',
    selectedKey: undefined,
    selectedIndex: 0,
    namespace,
    filterText: '',
    sort: { column: 'NAME', ascending: true },
    wide: false,
    warningsOnly: false,
    scroll: 0,
    followTail: false,
    prompt: undefined,
    input: '',
    dialog: undefined,
    notice: '',
    noticeIsError: false,
  };
}
