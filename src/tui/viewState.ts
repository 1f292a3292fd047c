/**
 * The UI state that must survive a remount of the Ink app (after the
 * dashboard or a repaint): which screen is open, the selection, filter,
 * sort and toggles.
 */
import type { SortOrder } from './model/podSort.js';
import type { ObjectScope } from './model/scopes.js';

/** The screens of the app; `resources` is the table of `ViewState.kind`. */
export type ViewName = 'pods' | 'resources' | 'describe' | 'yaml' | 'events' | 'timeline' | 'help';

/** The ctrl-d dialog while it is open. */
export interface DeleteDialogState {
  type: 'delete';
  /** `namespace/name` of the pod to delete. */
  podKey: string;
  /** The grace period as typed, in seconds. */
  gracePeriodText: string;
  force: boolean;
  error?: string;
}

/** The `s` dialog: `kubectl scale KIND/NAME --replicas=N`. */
export interface ScaleDialogState {
  type: 'scale';
  kind: string;
  namespace: string;
  name: string;
  /** The replica count as typed. */
  replicasText: string;
  /** Whether a key has edited the count; until then the first digit replaces it. */
  edited: boolean;
  error?: string;
}

/** The `r` dialog: sets a readiness gate's condition on a pod. */
export interface GateDialogState {
  type: 'gate';
  /** `namespace/name` of the pod. */
  podKey: string;
  /** The condition types of spec.readinessGates. */
  gates: string[];
  /** Index of the highlighted gate. */
  index: number;
}

export type DialogState = DeleteDialogState | ScaleDialogState | GateDialogState;

export interface ViewState {
  view: ViewName;
  /** `namespace/name` of the selected pod. */
  selectedKey: string | undefined;
  /** Row of the selection, used when the selected pod leaves the list. */
  selectedIndex: number;
  /** Kind the `resources` screen lists (`Deployment`, `Node`...). */
  kind: string;
  /** `namespace/name` (a name, for cluster-scoped kinds) of the selected object of `kind`. */
  resourceKey: string | undefined;
  /** Row of the resource selection, used when the selected object leaves the list. */
  resourceIndex: number;
  /** The object whose pods the pod table is limited to, after `enter` on it. */
  scope: ObjectScope | undefined;
  /** The Deployment whose ReplicaSets the resource table is limited to, after `enter` on it. */
  resourceScope: ObjectScope | undefined;
  /** The locations Esc goes back to, the most recent last (navigation.ts). */
  trail: Location[];
  /** Kind of the object the describe and YAML screens show: `Pod`, or `kind`. */
  textKind: string;
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
  dialog: DialogState | undefined;
  /** A notice of the UI itself (command errors); the session's notices show when this is empty. */
  notice: string;
  noticeIsError: boolean;
}

/** The fields of ViewState that record which table or screen is open, how it is scoped and filtered, and what is selected in it. */
export type Location = Pick<
  ViewState,
  'view' | 'kind' | 'scope' | 'resourceScope' | 'textKind' | 'filterText' | 'selectedKey' | 'selectedIndex' | 'resourceKey' | 'resourceIndex' | 'scroll' | 'followTail'
>;

/** Returns the state a new session starts with. */
export function initialViewState(namespace: string | undefined): ViewState {
  return {
    view: 'pods',
    selectedKey: undefined,
    selectedIndex: 0,
    kind: 'Deployment',
    resourceKey: undefined,
    resourceIndex: 0,
    scope: undefined,
    resourceScope: undefined,
    trail: [],
    textKind: 'Pod',
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
