/**
 * The key bindings, as a pure function from the view state and a key press
 * to the next state and at most one effect on the session. The App applies
 * the effect, which keeps this file free of timers and I/O.
 */
import type { Key } from 'ink';
import type { Pod } from '../api/v1.js';
import { runCommand } from './model/commands.js';
import { parsePodFilter } from './model/podFilter.js';
import { nextSortOrder, SORT_KEYS } from './model/podSort.js';
import { parseGracePeriod } from './components/DeleteDialog.js';
import type { ViewState } from './viewState.js';

/** An action a key requests from the session or the terminal host. */
export type KeyEffect =
  | { type: 'quit' }
  | { type: 'dashboard' }
  | { type: 'repaint' }
  | { type: 'togglePause' }
  | { type: 'speed'; delta: number }
  | { type: 'step' }
  | { type: 'delete'; pod: Pod; gracePeriodSeconds: number; force: boolean };

/** The screen facts the handler reads. */
export interface KeyContext {
  /** `namespace/name` of each listed pod, in table order. */
  rowKeys: (index: number) => string;
  rowCount: number;
  /** Looks a pod up by `namespace/name`. */
  podByKey: (key: string) => Pod | undefined;
  /** Rows or lines in one page of the current screen. */
  pageSize: number;
  /** Lines of the current text screen (describe, YAML, events, help). */
  lineCount: number;
}

export interface KeyResult {
  state: ViewState;
  effect?: KeyEffect;
}

/** Returns the state and effect after one key press. */
export function handleKey(state: ViewState, input: string, key: Key, context: KeyContext): KeyResult {
  if (state.dialog) return handleDialogKey(state, input, key, context);
  if (state.prompt) return handlePromptKey(state, input, key);

  if (key.ctrl && input === 'c') return { state, effect: { type: 'quit' } };
  if (key.ctrl && input === 'l') return { state, effect: { type: 'repaint' } };
  if (key.ctrl && input === 'd') return openDeleteDialog(state, context);
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
      return { state: { ...cleared, view: 'help', scroll: 0, followTail: false } };
    case 'e':
      return { state: { ...cleared, view: 'events', scroll: Number.MAX_SAFE_INTEGER, followTail: true } };
    case 'W':
      return { state: { ...cleared, warningsOnly: !state.warningsOnly } };
    case 'w':
      return { state: { ...cleared, wide: !state.wide } };
  }

  if (state.view === 'pods') return handlePodsKey(cleared, input, key, context);
  return { state: scrollText(cleared, input, key, context) };
}

/** Screens opened on the selected pod. */
const KEY_VIEWS: Record<string, ViewState['view']> = { d: 'describe', y: 'yaml', t: 'timeline' };

function handleEscape(state: ViewState): ViewState {
  if (state.view !== 'pods') return { ...state, view: 'pods', scroll: 0, followTail: false };
  return { ...state, filterText: '' };
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
      return { state: { ...state, view: KEY_VIEWS[input], scroll: 0, followTail: false } };
  }

  const target = movedIndex(state.selectedIndex, input, key, context.pageSize, context.rowCount);
  if (target === undefined || context.rowCount === 0) return { state };
  return { state: { ...state, selectedIndex: target, selectedKey: context.rowKeys(target) } };
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
  const lastOffset = Math.max(0, context.lineCount - context.pageSize);
  const current = Math.min(state.scroll, lastOffset);
  const target = movedIndex(current, input, key, context.pageSize, lastOffset + 1);
  if (target === undefined) return state;
  return { ...state, scroll: target, followTail: target >= lastOffset && state.view === 'events' };
}

function openDeleteDialog(state: ViewState, context: KeyContext): KeyResult {
  const pod = state.selectedKey === undefined ? undefined : context.podByKey(state.selectedKey);
  if (!pod || state.selectedKey === undefined) return { state: { ...state, notice: 'no pod selected', noticeIsError: true } };
  const grace = pod.spec.terminationGracePeriodSeconds ?? 30;
  return { state: { ...state, dialog: { podKey: state.selectedKey, gracePeriodText: String(grace), force: false } } };
}

function handleDialogKey(state: ViewState, input: string, key: Key, context: KeyContext): KeyResult {
  const dialog = state.dialog!;
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
      return { state: { ...closed, view: 'pods', filterText: state.input.trim(), selectedIndex: 0, selectedKey: undefined, notice: filter.warning ?? '', noticeIsError: filter.warning !== undefined } };
    } catch (error) {
      return { state: { ...closed, notice: `invalid filter "${state.input}": ${(error as Error).message}`, noticeIsError: true } };
    }
  }

  const action = runCommand(state.input);
  switch (action.type) {
    case 'view':
      return { state: { ...closed, view: action.view, scroll: action.view === 'events' ? Number.MAX_SAFE_INTEGER : 0, followTail: action.view === 'events' } };
    case 'namespace':
      return { state: { ...closed, view: 'pods', namespace: action.namespace, selectedIndex: 0, selectedKey: undefined, notice: `namespace: ${action.namespace ?? 'all'}`, noticeIsError: false } };
    case 'quit':
      return { state: closed, effect: { type: 'quit' } };
    case 'message':
      return { state: { ...closed, notice: action.text, noticeIsError: action.isError } };
  }
}
