/**
 * The key bindings, as a pure function from the view state and a key press
 * to the next state and at most one effect on the session. The App applies
 * the effect, which keeps this file free of timers and I/O.
 */
import type { Key } from 'ink';
import type { KubeObject, Pod } from '../api/v1.js';
import { controllerOf } from '../cluster/controllers/context.js';
import { parseGracePeriod } from './components/DeleteDialog.js';
import { parseReplicas } from './components/ScaleDialog.js';
import { runCommand } from './model/commands.js';
import { DESCRIBED_KINDS, SCALABLE_KINDS, kindView } from './model/kindViews.js';
import { parsePodFilter } from './model/podFilter.js';
import { nextSortOrder, SORT_KEYS } from './model/podSort.js';
import { DRILL_TARGETS } from './model/scopes.js';
import { goBack, goTo } from './navigation.js';
import type { DeleteDialogState, GateDialogState, ScaleDialogState, ViewState } from './viewState.js';

/** An action a key requests from the session or the terminal host. */
export type KeyEffect =
  | { type: 'quit' }
  | { type: 'dashboard' }
  | { type: 'repaint' }
  | { type: 'togglePause' }
  | { type: 'speed'; delta: number }
  | { type: 'step' }
  | { type: 'delete'; pod: Pod; gracePeriodSeconds: number; force: boolean }
  | { type: 'scale'; kind: string; namespace: string; name: string; replicas: number }
  | { type: 'setCondition'; namespace: string; name: string; conditionType: string; status: 'True' | 'False' }
  | { type: 'node'; operation: NodeOperation; name: string };

/** Node operations of the `:nodes` keys: `f` fails the node, `u` restores it, `c` cordons or uncordons it. */
export type NodeOperation = 'fail' | 'restore' | 'cordon' | 'uncordon';

/** The screen facts the handler reads. */
export interface KeyContext {
  /** `namespace/name` of each listed pod, in table order. */
  rowKeys: (index: number) => string;
  rowCount: number;
  /** Looks a pod up by `namespace/name`. */
  podByKey: (key: string) => Pod | undefined;
  /**
   * Keys of the objects the `resources` screen lists for `state`, in table
   * order. It reads the state it is given rather than the last render's, so
   * a key typed before the screen re-renders finds the new kind's rows.
   */
  resourceKeys: (state: ViewState) => readonly string[];
  /** Looks an object up by kind and `namespace/name` (a name, for cluster-scoped kinds). */
  resourceByKey: (kind: string, key: string) => KubeObject | undefined;
  /** Rows or lines in one page of the current screen. */
  pageSize: number;
  /**
   * Lines of the text screen (describe, YAML, events, help) that `state`
   * shows. Like resourceKeys, it reads the state it is given, so a key typed
   * right after `e` scrolls the event stream rather than the last screen.
   */
  lineCount: (state: ViewState) => number;
}

export interface KeyResult {
  state: ViewState;
  effect?: KeyEffect;
}

/** Returns the state and effect after one key press. */
export function handleKey(state: ViewState, input: string, key: Key, context: KeyContext): KeyResult {
  if (state.dialog?.type === 'delete') return handleDeleteDialogKey(state, state.dialog, input, key, context);
  if (state.dialog?.type === 'scale') return handleScaleDialogKey(state, state.dialog, input, key);
  if (state.dialog?.type === 'gate') return handleGateDialogKey(state, state.dialog, input, key, context);
  if (state.prompt) return handlePromptKey(state, input, key);

  if (key.ctrl && input === 'c') return { state, effect: { type: 'quit' } };
  if (key.ctrl && input === 'l') return { state, effect: { type: 'repaint' } };
  if (key.ctrl && input === 'd' && state.view === 'pods') return openDeleteDialog(state, context);
  if (key.ctrl && input === 'd') return { state: { ...state, notice: 'ctrl-d deletes pods: open :pods first', noticeIsError: true } };
  if (key.ctrl) return { state };

  const cleared = { ...state, notice: '', noticeIsError: false };
  if (key.escape) return { state: handleEscape(cleared) };

  switch (input) {
    case 'q':
      return { state, effect: { type: 'quit' } };
    case ' ':
      return { state: cleared, effect: { type: 'togglePause' } };
    case '+':
    case '=':
      return { state: cleared, effect: { type: 'speed', delta: 1 } };
    case '-':
    case '_':
      return { state: cleared, effect: { type: 'speed', delta: -1 } };
    case '.':
      return { state: cleared, effect: { type: 'step' } };
    case 'D':
      return { state: cleared, effect: { type: 'dashboard' } };
    case ':':
    case '/':
      return { state: { ...cleared, prompt: input, input: input === '/' ? state.filterText : '' } };
    case '?':
      return { state: goTo(cleared, { ...cleared, view: 'help', scroll: 0, followTail: false }) };
    case 'e':
      return { state: goTo(cleared, { ...cleared, view: 'events', scroll: Number.MAX_SAFE_INTEGER, followTail: true }) };
    case 'W':
      return { state: { ...cleared, warningsOnly: !state.warningsOnly } };
    case 'w':
      return { state: { ...cleared, wide: !state.wide } };
  }

  if (state.view === 'pods') return handlePodsKey(cleared, input, key, context);
  if (state.view === 'resources') return handleResourcesKey(cleared, input, key, context);
  return { state: scrollText(cleared, input, key, context) };
}

/** Screens opened on the selected pod. */
const KEY_VIEWS: Record<string, ViewState['view']> = { d: 'describe', y: 'yaml', t: 'timeline' };

/**
 * Esc closes a screen opened on the selected pod or object, then clears the
 * filter, then goes back along the trail. Without a trail, a drilled-down
 * list goes to the list of the object it was scoped to.
 */
function handleEscape(state: ViewState): ViewState {
  if (state.view === 'describe' || state.view === 'yaml' || state.view === 'timeline') {
    return { ...state, view: state.textKind === 'Pod' || state.view === 'timeline' ? 'pods' : 'resources', scroll: 0, followTail: false };
  }
  if ((state.view === 'pods' || state.view === 'resources') && state.filterText !== '') return { ...state, filterText: '' };

  const previous = goBack(state);
  if (previous) return previous;
  if (state.view === 'pods' && state.scope) {
    return { ...state, view: 'resources', kind: state.scope.kind, resourceKey: state.scope.key, resourceScope: undefined, scope: undefined, selectedKey: undefined, selectedIndex: 0 };
  }
  if (state.view === 'resources' && state.resourceScope) {
    return { ...state, kind: state.resourceScope.kind, resourceKey: state.resourceScope.key, resourceScope: undefined };
  }
  if (state.view !== 'pods' && state.view !== 'resources') return { ...state, view: 'pods', scroll: 0, followTail: false };
  return state;
}

function handlePodsKey(state: ViewState, input: string, key: Key, context: KeyContext): KeyResult {
  const sortColumn = SORT_KEYS[input];
  if (sortColumn) return { state: { ...state, sort: nextSortOrder(state.sort, sortColumn) } };

  const selectedPod = state.selectedKey === undefined ? undefined : context.podByKey(state.selectedKey);
  switch (input) {
    case 'd':
    case 'y':
    case 't':
      if (!selectedPod) return { state: { ...state, notice: 'no pod selected', noticeIsError: true } };
      return { state: { ...state, view: KEY_VIEWS[input], textKind: 'Pod', scroll: 0, followTail: false } };
    case 's':
      if (!selectedPod) return { state: { ...state, notice: 'no pod selected', noticeIsError: true } };
      return openScaleDialogForPod(state, selectedPod, context);
    case 'r':
      if (!selectedPod) return { state: { ...state, notice: 'no pod selected', noticeIsError: true } };
      return openGateDialog(state, selectedPod);
  }

  const target = movedIndex(state.selectedIndex, input, key, context.pageSize, context.rowCount);
  if (target === undefined || context.rowCount === 0) return { state };
  return { state: { ...state, selectedIndex: target, selectedKey: context.rowKeys(target) } };
}

function handleResourcesKey(current: ViewState, input: string, key: Key, context: KeyContext): KeyResult {
  const keys = context.resourceKeys(current);
  const state = withResourceSelection(current, keys);
  const selected = state.resourceKey === undefined ? undefined : context.resourceByKey(state.kind, state.resourceKey);
  const plural = kindView(state.kind)?.plural ?? state.kind;
  const nothingSelected: KeyResult = { state: { ...state, notice: `no ${state.kind.toLowerCase()} selected`, noticeIsError: true } };

  if (key.return) return drillDown(state, selected, plural, nothingSelected);

  switch (input) {
    case 'd':
      if (!selected) return nothingSelected;
      if (!DESCRIBED_KINDS.has(state.kind)) return { state: { ...state, notice: `no describe printer for ${plural} yet: y shows the YAML`, noticeIsError: true } };
      return { state: { ...state, view: 'describe', textKind: state.kind, scroll: 0, followTail: false } };
    case 'y':
      if (!selected) return nothingSelected;
      return { state: { ...state, view: 'yaml', textKind: state.kind, scroll: 0, followTail: false } };
    case 's':
      if (!selected) return nothingSelected;
      if (!SCALABLE_KINDS.has(state.kind)) return { state: { ...state, notice: `${plural} cannot be scaled: kubectl scale takes deployments, replicasets, replicationcontrollers and statefulsets`, noticeIsError: true } };
      return { state: openScaleDialog(state, selected) };
    case 'f':
    case 'u':
    case 'c':
      if (state.kind !== 'Node') break;
      if (!selected) return nothingSelected;
      return { state, effect: { type: 'node', operation: nodeOperation(input, selected), name: selected.metadata.name ?? '' } };
  }

  const target = movedIndex(state.resourceIndex, input, key, context.pageSize, keys.length);
  if (target === undefined || keys.length === 0) return { state };
  return { state: { ...state, resourceIndex: target, resourceKey: keys[target] } };
}

/** Opens what `enter` on the selected object lists: a Deployment's ReplicaSets, the pods of another owner, Service or Node, or a namespace's pods. */
function drillDown(state: ViewState, selected: KubeObject | undefined, plural: string, nothingSelected: KeyResult): KeyResult {
  if (!selected || state.resourceKey === undefined) return nothingSelected;
  if (state.kind === 'Namespace') {
    const namespace = selected.metadata.name ?? '';
    return { state: goTo(state, { ...state, view: 'pods', namespace, scope: undefined, filterText: '', selectedIndex: 0, selectedKey: undefined, notice: `namespace: ${namespace}` }) };
  }

  const target = DRILL_TARGETS[state.kind];
  if (!target) return { state: { ...state, notice: `${plural} own no pods`, noticeIsError: true } };
  const scope = { kind: state.kind, key: state.resourceKey };
  if (target === 'ReplicaSet') {
    return { state: goTo(state, { ...state, kind: 'ReplicaSet', resourceScope: scope, filterText: '', resourceIndex: 0, resourceKey: undefined }) };
  }
  return { state: goTo(state, { ...state, view: 'pods', scope, filterText: '', selectedIndex: 0, selectedKey: undefined }) };
}

/** Resolves the resource selection against the listed keys: the selected object where it now sits, else the same row. */
function withResourceSelection(state: ViewState, keys: readonly string[]): ViewState {
  if (keys.length === 0) return { ...state, resourceIndex: 0, resourceKey: undefined };
  const index = state.resourceKey === undefined ? -1 : keys.indexOf(state.resourceKey);
  if (index >= 0) return { ...state, resourceIndex: index };
  const row = Math.max(0, Math.min(state.resourceIndex, keys.length - 1));
  return { ...state, resourceIndex: row, resourceKey: keys[row] };
}

function nodeOperation(input: string, node: KubeObject): NodeOperation {
  if (input === 'f') return 'fail';
  if (input === 'u') return 'restore';
  return (node.spec as { unschedulable?: boolean } | undefined)?.unschedulable ? 'uncordon' : 'cordon';
}

/**
 * Opens the scale dialog on the controller of a pod. A ReplicaSet that a
 * Deployment controls is not scaled itself, because the Deployment would set
 * its replicas back: the Deployment is scaled instead.
 */
function openScaleDialogForPod(state: ViewState, pod: Pod, context: KeyContext): KeyResult {
  const namespace = pod.metadata.namespace ?? 'default';
  const podName = pod.metadata.name ?? '';
  let owner = controllerOf(pod);
  if (!owner) return { state: { ...state, notice: `pod/${podName} has no controller to scale`, noticeIsError: true } };
  let object = context.resourceByKey(owner.kind, `${namespace}/${owner.name}`);
  const grandOwner = object && owner.kind === 'ReplicaSet' ? controllerOf(object) : undefined;
  if (grandOwner?.kind === 'Deployment') {
    owner = grandOwner;
    object = context.resourceByKey(owner.kind, `${namespace}/${owner.name}`);
  }
  if (!SCALABLE_KINDS.has(owner.kind)) return { state: { ...state, notice: `pod/${podName} is controlled by ${owner.kind.toLowerCase()}/${owner.name}, which kubectl scale does not take`, noticeIsError: true } };
  if (!object) return { state: { ...state, notice: `${owner.kind.toLowerCase()}/${owner.name} no longer exists`, noticeIsError: true } };
  return { state: openScaleDialog(state, object) };
}

function openScaleDialog(state: ViewState, object: KubeObject): ViewState {
  const replicas = (object.spec as { replicas?: number } | undefined)?.replicas ?? 1;
  const dialog: ScaleDialogState = { type: 'scale', kind: object.kind, namespace: object.metadata.namespace ?? 'default', name: object.metadata.name ?? '', replicasText: String(replicas), edited: false };
  return { ...state, dialog };
}

function openGateDialog(state: ViewState, pod: Pod): KeyResult {
  const gates = (pod.spec.readinessGates ?? []).map((gate) => gate.conditionType);
  if (gates.length === 0) return { state: { ...state, notice: `pod/${pod.metadata.name} has no readiness gates (spec.readinessGates)`, noticeIsError: true } };
  const dialog: GateDialogState = { type: 'gate', podKey: state.selectedKey ?? '', gates, index: 0 };
  return { state: { ...state, dialog } };
}

/** Returns the row or line a movement key goes to, or undefined for other keys. */
export function movedIndex(current: number, input: string, key: Key, pageSize: number, count: number): number | undefined {
  let target: number;
  if (input === 'j' || key.downArrow) target = current + 1;
  else if (input === 'k' || key.upArrow) target = current - 1;
  else if (key.pageDown || (key.ctrl && input === 'f')) target = current + pageSize;
  else if (key.pageUp || (key.ctrl && input === 'b')) target = current - pageSize;
  else if (input === 'g' || key.home) target = 0;
  else if (input === 'G' || key.end) target = count - 1;
  else return undefined;
  return Math.max(0, Math.min(count - 1, target));
}

function scrollText(state: ViewState, input: string, key: Key, context: KeyContext): ViewState {
  const lastOffset = Math.max(0, context.lineCount(state) - context.pageSize);
  const current = Math.min(state.scroll, lastOffset);
  const target = movedIndex(current, input, key, context.pageSize, lastOffset + 1);
  if (target === undefined) return state;
  return { ...state, scroll: target, followTail: target >= lastOffset && state.view === 'events' };
}

function openDeleteDialog(state: ViewState, context: KeyContext): KeyResult {
  const pod = state.selectedKey === undefined ? undefined : context.podByKey(state.selectedKey);
  if (!pod || state.selectedKey === undefined) return { state: { ...state, notice: 'no pod selected', noticeIsError: true } };
  const grace = pod.spec.terminationGracePeriodSeconds ?? 30;
  return { state: { ...state, dialog: { type: 'delete', podKey: state.selectedKey, gracePeriodText: String(grace), force: false } } };
}

function handleDeleteDialogKey(state: ViewState, dialog: DeleteDialogState, input: string, key: Key, context: KeyContext): KeyResult {
  if (key.escape) return { state: { ...state, dialog: undefined, notice: 'delete cancelled', noticeIsError: false } };
  if (key.backspace || key.delete) return { state: { ...state, dialog: { ...dialog, gracePeriodText: dialog.gracePeriodText.slice(0, -1) } } };
  if (/^\d+$/.test(input)) return { state: { ...state, dialog: { ...dialog, gracePeriodText: dialog.gracePeriodText + input } } };
  if (input === 'f' || key.tab) return { state: { ...state, dialog: { ...dialog, force: !dialog.force } } };
  if (!key.return) return { state };

  const pod = context.podByKey(dialog.podKey);
  if (!pod) return { state: { ...state, dialog: undefined, notice: `pod ${dialog.podKey} no longer exists`, noticeIsError: true } };
  let gracePeriodSeconds: number;
  try {
    gracePeriodSeconds = parseGracePeriod(dialog.gracePeriodText);
  } catch (error) {
    return { state: { ...state, dialog: { ...dialog, error: (error as Error).message } } };
  }
  return { state: { ...state, dialog: undefined }, effect: { type: 'delete', pod, gracePeriodSeconds, force: dialog.force } };
}

function handleScaleDialogKey(state: ViewState, dialog: ScaleDialogState, input: string, key: Key): KeyResult {
  if (key.escape) return { state: { ...state, dialog: undefined, notice: 'scale cancelled', noticeIsError: false } };
  if (key.backspace || key.delete) return { state: { ...state, dialog: { ...dialog, replicasText: dialog.replicasText.slice(0, -1), edited: true, error: undefined } } };
  if (/^\d+$/.test(input)) {
    // The first digit replaces the current count the dialog opened with.
    const replicasText = dialog.edited ? dialog.replicasText + input : input;
    return { state: { ...state, dialog: { ...dialog, replicasText, edited: true, error: undefined } } };
  }
  if (key.upArrow || input === 'k' || input === '+') return { state: { ...state, dialog: stepReplicas(dialog, 1) } };
  if (key.downArrow || input === 'j' || input === '-') return { state: { ...state, dialog: stepReplicas(dialog, -1) } };
  if (!key.return) return { state };

  let replicas: number;
  try {
    replicas = parseReplicas(dialog.replicasText);
  } catch (error) {
    return { state: { ...state, dialog: { ...dialog, error: (error as Error).message } } };
  }
  return { state: { ...state, dialog: undefined }, effect: { type: 'scale', kind: dialog.kind, namespace: dialog.namespace, name: dialog.name, replicas } };
}

function stepReplicas(dialog: ScaleDialogState, delta: number): ScaleDialogState {
  const current = /^\d+$/.test(dialog.replicasText) ? Number(dialog.replicasText) : 0;
  return { ...dialog, replicasText: String(Math.max(0, current + delta)), edited: true, error: undefined };
}

/** Keys of the gate dialog: arrows pick a gate, Enter toggles it, `t` and `f` set True and False. */
function handleGateDialogKey(state: ViewState, dialog: GateDialogState, input: string, key: Key, context: KeyContext): KeyResult {
  if (key.escape) return { state: { ...state, dialog: undefined } };
  const moved = movedIndex(dialog.index, input, key, dialog.gates.length, dialog.gates.length);
  if (moved !== undefined) return { state: { ...state, dialog: { ...dialog, index: moved } } };
  if (!key.return && input !== 't' && input !== 'f') return { state };

  const pod = context.podByKey(dialog.podKey);
  if (!pod) return { state: { ...state, dialog: undefined, notice: `pod ${dialog.podKey} no longer exists`, noticeIsError: true } };
  const conditionType = dialog.gates[dialog.index];
  let status: 'True' | 'False';
  if (input === 't') status = 'True';
  else if (input === 'f') status = 'False';
  else status = gateStatus(pod, conditionType) === 'True' ? 'False' : 'True';
  const effect: KeyEffect = { type: 'setCondition', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name ?? '', conditionType, status };
  return { state: { ...state, dialog: undefined }, effect };
}

/** Returns the status of a pod condition, or `<none>` when the pod has no such condition. */
export function gateStatus(pod: Pod, conditionType: string): string {
  return pod.status?.conditions?.find((condition) => condition.type === conditionType)?.status ?? '<none>';
}

function handlePromptKey(state: ViewState, input: string, key: Key): KeyResult {
  if (key.escape) {
    const filterText = state.prompt === '/' ? '' : state.filterText;
    return { state: { ...state, prompt: undefined, input: '', filterText } };
  }
  if (key.backspace || key.delete) return { state: { ...state, input: state.input.slice(0, -1) } };
  if (key.return) return submitPrompt(state);
  if (key.ctrl || key.meta || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.tab) return { state };
  return { state: { ...state, input: state.input + input } };
}

function submitPrompt(state: ViewState): KeyResult {
  const closed = { ...state, prompt: undefined, input: '' };
  if (state.prompt === '/') {
    try {
      const filter = parsePodFilter(state.input);
      // The filter applies to the table on screen: the resource table stays, any other screen returns to pods.
      const view = state.view === 'resources' ? 'resources' : 'pods';
      const notice = filter.warning ?? '';
      return { state: { ...closed, view, filterText: state.input.trim(), selectedIndex: 0, selectedKey: undefined, resourceIndex: 0, resourceKey: undefined, notice, noticeIsError: filter.warning !== undefined } };
    } catch (error) {
      return { state: { ...closed, notice: `invalid filter "${state.input}": ${(error as Error).message}`, noticeIsError: true } };
    }
  }

  const action = runCommand(state.input);
  switch (action.type) {
    case 'view': {
      const scope = action.view === 'pods' ? undefined : state.scope;
      return { state: goTo(closed, { ...closed, view: action.view, scope, scroll: action.view === 'events' ? Number.MAX_SAFE_INTEGER : 0, followTail: action.view === 'events' }) };
    }
    case 'kind': {
      const sameList = action.kind === state.kind && state.resourceScope === undefined;
      const selection = sameList ? {} : { resourceIndex: 0, resourceKey: undefined };
      return { state: goTo(closed, { ...closed, ...selection, view: 'resources', kind: action.kind, resourceScope: undefined, filterText: '', notice: '', noticeIsError: false }) };
    }
    case 'namespace': {
      const next: ViewState = { ...closed, view: 'pods', namespace: action.namespace, scope: undefined, selectedIndex: 0, selectedKey: undefined, notice: `namespace: ${action.namespace ?? 'all'}`, noticeIsError: false };
      return { state: goTo(closed, next) };
    }
    case 'quit':
      return { state: closed, effect: { type: 'quit' } };
    case 'message':
      return { state: { ...closed, notice: action.text, noticeIsError: action.isError } };
  }
}
