/**
 * The live terminal UI of `podsim run`: reads the session once per frame and
 * lays out the status line, the error banner, the current screen and the
 * prompt line. Keys go through keyHandler.ts.
 */
import { Box, Text, useInput, type Key } from 'ink';
import { useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Pod } from '../api/v1.js';
import { describePod, podTableHeader, printObjects, printPodRow } from '../printers/index.js';
import { Banner, bannerHeight } from './components/Banner.js';
import { DeleteDialog } from './components/DeleteDialog.js';
import { EventsPane } from './components/EventsPane.js';
import { HelpView } from './components/HelpView.js';
import { PodTable, type PodTableRow } from './components/PodTable.js';
import { PromptLine } from './components/PromptLine.js';
import { StatusBar } from './components/StatusBar.js';
import { TextView } from './components/TextView.js';
import { TimelineView } from './components/TimelineView.js';
import { handleKey, type KeyContext, type KeyEffect } from './keyHandler.js';
import { toOccurrence } from './model/eventStream.js';
import { parsePodFilter, type PodFilter } from './model/podFilter.js';
import type { PodEntry } from './model/podIndex.js';
import type { TuiSession } from './session.js';
import { useTerminalSize } from './useTerminalSize.js';
import type { ViewState } from './viewState.js';

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
/** Lines of the delete dialog, its border included. */
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

  const filter = useMemo(() => {
    try {
      return parsePodFilter(state.filterText);
    } catch {
      return MATCH_ALL;
    }
  }, [state.filterText]);
  const listVersion = session.pods.listVersion(filter, state.sort);
  const list = useMemo(() => session.pods.list(state.namespace, filter, state.sort), [listVersion, state.namespace, filter, state.sort]);

  const selected = resolveSelection(state, list);
  const selectedPod = selected.key === undefined ? undefined : session.pods.get(selected.key)?.pod;
  const simulation = session.simulation;
  const wallNow = simulation.epochMs + simulation.nowMs;

  // Layout: status line, banner, screen, prompt line.
  const problems = session.problems.map((problem) => problem.text);
  const screenHeight = Math.max(3, height - 2 - bannerHeight(problems));
  const dialogHeight = state.dialog ? DIALOG_LINES : 0;
  // The event pane needs room for a useful table above it, and gives its lines to the dialog while that is open.
  let paneHeight = 0;
  if (!state.dialog && screenHeight >= 16) paneHeight = EVENTS_PANE_LINES;
  const tableHeight = Math.max(2, screenHeight - 1 - paneHeight - dialogHeight);

  const textLines = textScreenLines(state, selectedPod, session, wallNow);
  const streamEvents = state.view === 'events' ? session.events.occurrences(state.warningsOnly) : [];
  const pageSize = state.view === 'pods' ? tableHeight - 1 : screenHeight - 1;

  const context: KeyContext = {
    rowKeys: (index) => list[index]?.key ?? '',
    rowCount: list.length,
    podByKey: (key) => session.pods.get(key)?.pod,
    pageSize: Math.max(1, pageSize),
    lineCount: state.view === 'events' ? streamEvents.length : textLines.length,
  };

  useInput((input: string, key: Key) => {
    // Keys typed faster than a frame, or pasted, arrive as one string; outside a prompt each character is a command.
    const presses = input.length > 1 && !state.prompt && !key.ctrl && !key.meta ? [...input] : [input];
    // The selection resolved against the rendered list is valid only if no key changed the state since that render.
    let current: ViewState = latestState.current === state ? { ...state, selectedIndex: selected.index, selectedKey: selected.key } : latestState.current;
    for (const press of presses) {
      const result = handleKey(current, press, key, context);
      current = result.state;
      if (result.effect) {
        applyEffect(result.effect, props, (notice) => {
          current = { ...current, notice, noticeIsError: true };
        });
      }
    }
    latestState.current = current;
    setState(current);
    props.onStateChange?.(current);
  });

  const realNow = clock();
  const header = podTableHeader({ wide: state.wide, allNamespaces: state.namespace === undefined });
  const rowAt = (index: number): PodTableRow => tableRow(list[index], wallNow, realNow, state);

  return (
    <Box flexDirection="column" width={width} height={height}>
      <StatusBar
        wallMs={wallNow}
        elapsedMs={simulation.nowMs}
        speed={session.speed}
        paused={session.paused}
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
                pods({state.namespace ?? 'all'})[{list.length}]
              </Text>
              {state.filterText ? <Text> filter /{state.filterText}</Text> : null}
              {state.wide ? <Text dimColor> wide</Text> : null}
            </Text>
            <PodTable header={header} rowCount={list.length} rowAt={rowAt} selectedIndex={selected.index} height={tableHeight} width={width} sort={state.sort} />
            {state.dialog ? (
              <DeleteDialog podName={state.dialog.podKey} gracePeriodText={state.dialog.gracePeriodText} force={state.dialog.force} width={width} error={state.dialog.error} />
            ) : null}
            {paneHeight > 0 ? (
              <EventsPane
                events={podEvents(session, selectedPod, state.warningsOnly)}
                height={paneHeight}
                width={width}
                title={`Events of ${selected.key ?? '(no pod selected)'}`}
                warningsOnly={state.warningsOnly}
              />
            ) : null}
          </>
        ) : null}
        {state.view === 'events' ? (
          <EventsPane
            events={streamEvents}
            height={screenHeight}
            width={width}
            title="Events (all pods, newest last)"
            warningsOnly={state.warningsOnly}
            showNamespace
            offset={state.followTail ? undefined : state.scroll}
          />
        ) : null}
        {state.view === 'describe' || state.view === 'yaml' ? (
          <TextView lines={textLines} offset={state.scroll} height={screenHeight} width={width} title={`${state.view === 'describe' ? 'Describe' : 'YAML'} ${selected.key ?? ''}`} />
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

/** Finds the selected row: the selected pod where it now sits, else the same row index. */
function resolveSelection(state: ViewState, list: readonly PodEntry[]): { index: number; key: string | undefined } {
  if (list.length === 0) return { index: -1, key: undefined };
  if (state.selectedKey !== undefined) {
    const index = list.findIndex((entry) => entry.key === state.selectedKey);
    if (index >= 0) return { index, key: state.selectedKey };
  }
  const index = Math.max(0, Math.min(state.selectedIndex, list.length - 1));
  return { index, key: list[index].key };
}

function tableRow(entry: PodEntry, wallNow: number, realNow: number, state: ViewState): PodTableRow {
  const cells = printPodRow(entry.pod, wallNow, { wide: state.wide });
  const changed = cells.map((_, column) => realNow - (entry.changedAt[column] ?? Number.NEGATIVE_INFINITY) < HIGHLIGHT_MS);
  if (state.namespace !== undefined) return { key: entry.key, cells, changed };
  return { key: entry.key, cells: [entry.pod.metadata.namespace ?? '', ...cells], changed: [false, ...changed] };
}

function textScreenLines(state: ViewState, pod: Pod | undefined, session: TuiSession, wallNow: number): string[] {
  if (state.view !== 'describe' && state.view !== 'yaml') return [];
  if (!pod) return [`pod ${state.selectedKey ?? ''} not found: it was deleted`];
  const text = state.view === 'describe' ? describePod(pod, session.simulation.eventsFor(pod), wallNow) : printObjects([pod], 'yaml', true);
  return text.replace(/\n$/, '').split('\n');
}

function podEvents(session: TuiSession, pod: Pod | undefined, warningsOnly: boolean) {
  if (!pod) return [];
  const occurrences = session.simulation.eventsFor(pod).map((event) => toOccurrence(event, event.count ?? 1));
  occurrences.sort((a, b) => a.timeMs - b.timeMs);
  return warningsOnly ? occurrences.filter((occurrence) => occurrence.type === 'Warning') : occurrences;
}

function applyEffect(effect: KeyEffect, props: AppProps, reportError: (notice: string) => void): void {
  const { session } = props;
  switch (effect.type) {
    case 'quit':
      props.onQuit();
      return;
    case 'dashboard':
      props.onDashboard();
      return;
    case 'repaint':
      props.onRepaint();
      return;
    case 'togglePause':
      session.togglePause();
      return;
    case 'speed':
      session.changeSpeed(effect.delta);
      return;
    case 'step':
      session.stepToNextEvent();
      return;
    case 'delete':
      try {
        session.deletePod(effect.pod, effect.gracePeriodSeconds, effect.force);
      } catch (error) {
        reportError((error as Error).message);
      }
      return;
  }
}
