/**
 * The live terminal UI of `podsim run`: reads the session once per frame and
 * lays out the status line, the error banner, the current screen and the
 * prompt line. Keys go through keyHandler.ts.
 */
import { Box, Text, useInput, type Key } from 'ink';
import { useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Event, KubeObject, Pod } from '../api/v1.js';
import { eventsCommandSortTime, sortEvents } from '../printers/eventTiming.js';
import { describePod, noEventsFoundMessage, podTableHeader, printObjects } from '../printers/index.js';
import { applyEffect } from './applyEffect.js';
import { Banner, bannerHeight } from './components/Banner.js';
import { DeleteDialog } from './components/DeleteDialog.js';
import { EVENTS_PANE_HEADER_LINES, EventsPane } from './components/EventsPane.js';
import { GateDialog } from './components/GateDialog.js';
import { HelpView } from './components/HelpView.js';
import { PodTable, type PodTableRow } from './components/PodTable.js';
import { PromptLine } from './components/PromptLine.js';
import { ScaleDialog } from './components/ScaleDialog.js';
import { StatusBar } from './components/StatusBar.js';
import { TextView } from './components/TextView.js';
import { TimelineView } from './components/TimelineView.js';
import { gateStatus, handleKey, type KeyContext } from './keyHandler.js';
import { describeResource } from './model/kindViews.js';
import { parsePodFilter, type PodFilter } from './model/podFilter.js';
import type { PodEntry } from './model/podIndex.js';
import { PodList, type PodScopePredicate } from './model/podList.js';
import { printedCells } from './model/podRowCache.js';
import { resourceRows, resourceTableHeader, resourceTitle, type ResourceRow } from './model/resourceRows.js';
import { podScopePredicate, resourceScopePredicate, scopeTitle, type ObjectScope } from './model/scopes.js';
import type { TuiSession } from './session.js';
import { useTerminalSize } from './useTerminalSize.js';
import type { DialogState, ViewState } from './viewState.js';

export interface AppProps {
  session: TuiSession;
  /** The state to start from; a remount passes the state the last mount reported. */
  initialState: ViewState;
  /** Called with every new state. */
  onStateChange?: (state: ViewState) => void;
  /** Called on q, ctrl-c and `:quit`. */
  onQuit: () => void;
  /** Called on D: the host unmounts the app and opens the dashboard. */
  onDashboard: () => void;
  /** Called on ctrl-l: the host clears the screen and remounts the app. */
  onRepaint: () => void;
  /**
   * Fixed size for tests. When absent the app uses the terminal's width and one row less than its
   * height, because Ink 6 clears the whole terminal on every frame whose output fills it.
   */
  width?: number;
  height?: number;
  /** Real time in ms, for change highlights (tests pass a fake). */
  clock?: () => number;
}

/** Real ms a changed cell stays highlighted. */
export const HIGHLIGHT_MS = 2000;
/** Lines of the selected pod's event pane under the table. */
const EVENTS_PANE_LINES = 7;
/** Lines of the delete and scale dialogs, their border included. */
const DIALOG_LINES = 7;

const MATCH_ALL: PodFilter = parsePodFilter('');

export function App(props: AppProps) {
  const { session } = props;
  const terminal = useTerminalSize();
  const width = props.width ?? terminal.columns;
  const height = props.height ?? Math.max(5, terminal.rows - 1);
  const clock = props.clock ?? (() => performance.now());

  useSyncExternalStore(session.subscribe, session.getFrame);
  const [state, setState] = useState(props.initialState);
  // Keys can arrive faster than React re-renders, so the handler reads and writes the latest state here.
  const latestState = useRef(state);

  const filter = useMemo(() => parseFilterOrAll(state.filterText), [state.filterText]);
  // The pod list lives across frames and catches up with the pods that changed since the last one.
  const podList = useRef<PodList | undefined>(undefined);
  podList.current ??= new PodList(session.pods);
  const list = podList.current;
  list.update({ namespace: state.namespace, filter, order: state.sort, scope: state.scope ? scopePredicate(state.scope, session) : undefined });

  const selected = resolveSelection(state, list);
  const selectedPod = selected.key === undefined ? undefined : session.pods.get(selected.key)?.pod;
  const simulation = session.simulation;
  const wallNow = simulation.epochMs + simulation.nowMs;

  const resourceVersion = session.resources.version(state.kind);
  const ownerVersion = state.resourceScope ? session.resources.version(state.resourceScope.kind) : 0;
  const resourceList = useMemo(
    () => (state.view === 'resources' || state.textKind !== 'Pod' ? listResources(session, state, filter, wallNow) : []),
    // wallNow is left out: rows are printed again at the current time below, and only filtering reads the cached text.
    [state.view, state.textKind, resourceVersion, ownerVersion, state.kind, state.resourceScope, state.namespace, filter],
  );
  const selectedResource = resolveResourceSelection(state, resourceList);

  // Layout: status line, banner, screen, prompt line.
  const problems = session.problems.map((problem) => problem.text);
  const screenHeight = Math.max(3, height - 2 - bannerHeight(problems));
  const dialogHeight = state.dialog ? DIALOG_LINES : 0;
  // The event pane needs room for a useful table above it, and gives its lines to the dialog while that is open.
  let paneHeight = 0;
  if (!state.dialog && screenHeight >= 16) paneHeight = EVENTS_PANE_LINES;
  const tableHeight = Math.max(2, screenHeight - 1 - paneHeight - dialogHeight);

  let textObject: KubeObject | undefined = selectedPod;
  if (state.textKind !== 'Pod') textObject = selectedResource.key === undefined ? undefined : session.resources.get(state.kind, selectedResource.key);
  const textKey = state.textKind === 'Pod' ? selected.key : selectedResource.key;
  const textLines = textScreenLines(state, textObject, textKey, session, wallNow);
  const streamEvents = state.view === 'events' ? session.events.table({ namespace: state.namespace, warningsOnly: state.warningsOnly }) : [];
  // The pane's events are looked up again only when the selected pod changes or the stream found new events.
  const selectedUid = selectedPod?.metadata.uid;
  const paneEvents = useMemo(() => (paneHeight > 0 ? podEvents(session, selectedPod, state.warningsOnly) : []), [paneHeight > 0, selectedUid, session.events.total, state.warningsOnly]);
  let pageSize = screenHeight - 1;
  if (state.view === 'pods' || state.view === 'resources') pageSize = tableHeight - 1;
  else if (state.view === 'events') pageSize = screenHeight - EVENTS_PANE_HEADER_LINES;

  const context: KeyContext = {
    rowKeys: (index) => list.at(index)?.key ?? '',
    rowCount: list.length,
    podByKey: (key) => session.pods.get(key)?.pod,
    resourceKeys: (current) => {
      const sameList = current.kind === state.kind && current.namespace === state.namespace && current.filterText === state.filterText && current.resourceScope === state.resourceScope;
      if (sameList && resourceList.length > 0) return resourceList.map((row) => row.key);
      return listResources(session, current, parseFilterOrAll(current.filterText), wallNow).map((row) => row.key);
    },
    resourceByKey: (kind, key) => session.resources.get(kind, key),
    pageSize: Math.max(1, pageSize),
    lineCount: (current) => {
      if (current.view !== 'events') return textLines.length;
      const sameStream = state.view === 'events' && current.namespace === state.namespace && current.warningsOnly === state.warningsOnly;
      return sameStream ? streamEvents.length : session.events.table({ namespace: current.namespace, warningsOnly: current.warningsOnly }).length;
    },
  };

  useInput((input: string, key: Key) => {
    const presses = splitPresses(input, key);
    // The selection resolved against the rendered list is valid only if no key changed the state since that render.
    let current: ViewState =
      latestState.current === state
        ? { ...state, selectedIndex: selected.index, selectedKey: selected.key, resourceIndex: selectedResource.index, resourceKey: selectedResource.key }
        : latestState.current;
    for (const [press, pressKey] of presses) {
      const result = handleKey(current, press, pressKey, context);
      current = result.state;
      if (result.effect) {
        applyEffect(result.effect, props, (notice, isError) => {
          current = { ...current, notice, noticeIsError: isError };
        });
      }
    }
    latestState.current = current;
    setState(current);
    props.onStateChange?.(current);
  });

  const realNow = clock();
  const header = podTableHeader({ wide: state.wide, allNamespaces: state.namespace === undefined });
  const rowAt = (index: number): PodTableRow => tableRow(list.at(index)!, wallNow, realNow, state);
  const resourceHeader = resourceTableHeader(state.kind, state.namespace, state.wide);
  const resourceRowAt = (index: number): PodTableRow => resourceList[index].print(wallNow, state.wide);
  const podTitle = state.scope ? `pods of ${scopeTitle(state.scope)}` : `pods(${state.namespace ?? 'all'})`;

  return (
    <Box flexDirection="column" width={width} height={height}>
      <StatusBar
        wallMs={wallNow}
        elapsedMs={simulation.nowMs}
        speed={session.speed}
        paused={session.paused}
        behind={session.behind}
        engine={simulation.engineKind}
        podCount={session.pods.size}
        eventsPerSecond={session.eventsPerSecond()}
        width={width}
      />
      <Banner problems={problems} width={width} />
      <Box flexDirection="column" height={screenHeight}>
        {state.view === 'pods' ? (
          <>
            <Text wrap="truncate">
              <Text bold color="cyan">
                {podTitle}[{list.length}]
              </Text>
              {state.filterText ? <Text> filter /{state.filterText}</Text> : null}
              {state.wide ? <Text dimColor> wide</Text> : null}
              {state.scope ? <Text dimColor> (Esc goes back)</Text> : null}
            </Text>
            <PodTable header={header} rowCount={list.length} rowAt={rowAt} selectedIndex={selected.index} height={tableHeight} width={width} sort={state.sort} />
            {state.dialog ? <Dialog dialog={state.dialog} session={session} width={width} /> : null}
            {paneHeight > 0 ? (
              <EventsPane
                events={paneEvents}
                nowMs={wallNow}
                height={paneHeight}
                width={width}
                title={`Events of ${selected.key ?? '(no pod selected)'}`}
                warningsOnly={state.warningsOnly}
                emptyText={selectedPod ? noEventsFoundMessage(undefined).trim() : ''}
              />
            ) : null}
          </>
        ) : null}
        {state.view === 'resources' ? (
          <>
            <Text wrap="truncate">
              <Text bold color="cyan">
                {resourceTitle(state.kind, state.namespace, state.resourceScope)}[{resourceList.length}]
              </Text>
              {state.filterText ? <Text> filter /{state.filterText}</Text> : null}
              {state.wide ? <Text dimColor> wide</Text> : null}
              {state.resourceScope ? <Text dimColor> (Esc goes back)</Text> : null}
            </Text>
            <PodTable
              header={resourceHeader}
              rowCount={resourceList.length}
              rowAt={resourceRowAt}
              selectedIndex={selectedResource.index}
              height={tableHeight + paneHeight}
              width={width}
              sort={{ column: 'NAME', ascending: true }}
              podStatus={false}
            />
            {state.dialog ? <Dialog dialog={state.dialog} session={session} width={width} /> : null}
          </>
        ) : null}
        {state.view === 'events' ? (
          <EventsPane
            events={streamEvents}
            nowMs={wallNow}
            allNamespaces={state.namespace === undefined}
            height={screenHeight}
            width={width}
            title={`events(${state.namespace ?? 'all'})`}
            warningsOnly={state.warningsOnly}
            emptyText={noEventsFoundMessage(state.namespace).trim()}
            offset={state.followTail ? undefined : state.scroll}
          />
        ) : null}
        {state.view === 'describe' || state.view === 'yaml' ? (
          <TextView lines={textLines} offset={state.scroll} height={screenHeight} width={width} title={`${state.view === 'describe' ? 'Describe' : 'YAML'} ${textTitle(state.textKind, textKey)}`} />
        ) : null}
        {state.view === 'timeline' ? (
          <TimelineView podName={selected.key ?? ''} history={selectedPod ? session.timeline.history(selectedPod.metadata.uid ?? '') : undefined} nowMs={simulation.nowMs} height={screenHeight} width={width} />
        ) : null}
        {state.view === 'help' ? <HelpView height={screenHeight} width={width} /> : null}
      </Box>
      <PromptLine prompt={state.prompt} input={state.input} notice={state.notice || session.notice} isError={state.notice !== '' && state.noticeIsError} width={width} />
    </Box>
  );
}

/** Parses filter text; text the prompt already rejected matches everything. */
function parseFilterOrAll(text: string): PodFilter {
  try {
    return parsePodFilter(text);
  } catch {
    return MATCH_ALL;
  }
}

/** Finds the selected row: the selected pod where it now sits, else the same row index. */
function resolveSelection(state: ViewState, list: PodList): { index: number; key: string | undefined } {
  if (list.length === 0) return { index: -1, key: undefined };
  if (state.selectedKey !== undefined) {
    const index = list.indexOf(state.selectedKey);
    if (index >= 0) return { index, key: state.selectedKey };
  }
  const index = Math.max(0, Math.min(state.selectedIndex, list.length - 1));
  return { index, key: list.at(index)!.key };
}

/** Returns the predicate of a drilled-down pod list. A scope whose object is gone lists no pods. */
function scopePredicate(scope: ObjectScope, session: TuiSession): PodScopePredicate {
  return podScopePredicate(scope, session.resources) ?? { fingerprint: `gone ${scope.kind} ${scope.key}`, matches: () => false };
}

/** Returns the resource table's rows for `state`: its kind and namespace, limited to the objects of its scope when it has one. */
function listResources(session: TuiSession, state: ViewState, filter: PodFilter, nowMs: number): ResourceRow[] {
  const scope = state.resourceScope ? (resourceScopePredicate(state.resourceScope, session.resources) ?? (() => false)) : undefined;
  return resourceRows(session.resources, state.kind, state.namespace, filter, nowMs, scope);
}

/** Finds the selected object of the resource table, as resolveSelection does for pods. */
function resolveResourceSelection(state: ViewState, list: readonly ResourceRow[]): { index: number; key: string | undefined } {
  if (list.length === 0) return { index: -1, key: undefined };
  if (state.resourceKey !== undefined) {
    const index = list.findIndex((row) => row.key === state.resourceKey);
    if (index >= 0) return { index, key: state.resourceKey };
  }
  const index = Math.max(0, Math.min(state.resourceIndex, list.length - 1));
  return { index, key: list[index].key };
}

/** Draws the open dialog under the table. */
function Dialog({ dialog, session, width }: { dialog: DialogState; session: TuiSession; width: number }) {
  switch (dialog.type) {
    case 'delete':
      return <DeleteDialog podName={dialog.podKey} gracePeriodText={dialog.gracePeriodText} force={dialog.force} width={width} error={dialog.error} />;
    case 'scale':
      return <ScaleDialog kind={dialog.kind} objectName={`${dialog.namespace}/${dialog.name}`} replicasText={dialog.replicasText} width={width} error={dialog.error} />;
    case 'gate': {
      const pod = session.pods.get(dialog.podKey)?.pod;
      const gates = dialog.gates.map((conditionType) => ({ conditionType, status: pod ? gateStatus(pod, conditionType) : '<none>' }));
      return <GateDialog podName={dialog.podKey} gates={gates} index={dialog.index} width={width} />;
    }
  }
}

function textTitle(kind: string, key: string | undefined): string {
  return kind === 'Pod' ? (key ?? '') : `${kind.toLowerCase()}/${key ?? ''}`;
}

function tableRow(entry: PodEntry, wallNow: number, realNow: number, state: ViewState): PodTableRow {
  const cells = printedCells(entry, wallNow, state.wide);
  const changed = cells.map((_, column) => realNow - (entry.changedAt[column] ?? Number.NEGATIVE_INFINITY) < HIGHLIGHT_MS);
  if (state.namespace !== undefined) return { key: entry.key, cells, changed };
  return { key: entry.key, cells: [entry.pod.metadata.namespace ?? '', ...cells], changed: [false, ...changed] };
}

function textScreenLines(state: ViewState, object: KubeObject | undefined, key: string | undefined, session: TuiSession, wallNow: number): string[] {
  if (state.view !== 'describe' && state.view !== 'yaml') return [];
  if (!object) return [`${state.textKind.toLowerCase()} ${key ?? ''} not found: it was deleted`];
  let text: string;
  if (state.view === 'yaml') text = printObjects([object], 'yaml', true);
  else if (object.kind === 'Pod') text = describePod(object as Pod, session.simulation.eventsFor(object as Pod), wallNow);
  else text = describeResource(session.simulation, session.resources, object, wallNow);
  return text.replace(/\n$/, '').split('\n');
}

/** Returns the pod's events in the order `kubectl events --for pod/NAME` prints them. */
function podEvents(session: TuiSession, pod: Pod | undefined, warningsOnly: boolean): Event[] {
  if (!pod) return [];
  const events = sortEvents(session.simulation.eventsFor(pod), eventsCommandSortTime);
  return warningsOnly ? events.filter((event) => event.type === 'Warning') : events;
}

/**
 * Splits what one read of the terminal delivered into key presses. Keys typed
 * faster than a frame, or pasted (`:deploy` then Enter in one burst), arrive
 * as one string: each character is a press, and a carriage return or newline
 * in it is Enter. An escape sequence stays whole, as Ink parsed it.
 */
export function splitPresses(input: string, key: Key): [string, Key][] {
  if (input.length <= 1 || key.ctrl || key.meta || input.includes('\u001b')) return [[input, key]];
  return [...input].map((char): [string, Key] => {
    if (char === '\r' || char === '\n') return ['', { ...key, return: true }];
    if (char === '\u007f' || char === '\b') return ['', { ...key, backspace: true }];
    return [char, key];
  });
}
