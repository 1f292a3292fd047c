/**
 * The fleet dashboard: a blessed-contrib grid over the running session. It
 * owns the terminal while open, so the caller must unmount Ink first.
 */
import blessed from 'blessed';
import contrib from 'blessed-contrib';
import { goDuration, printPodRow } from '../printers/index.js';
import type { EventOccurrence } from '../tui/model/eventStream.js';
import type { TuiSession } from '../tui/session.js';
import { CHARTED_PHASES } from './fleetHistory.js';

/** The way the dashboard was closed: `back` by q or Escape, `quit` by ctrl-c. */
export type DashboardExit = 'back' | 'quit';

/** Real ms between two redraws. */
const REDRAW_MS = 250;
const PHASE_COLORS: Record<(typeof CHARTED_PHASES)[number], string> = { Pending: 'yellow', Running: 'green', Succeeded: 'white', Failed: 'red' };
const BAR_OWNERS = 8;
const TABLE_ROWS = 12;

/**
 * Opens the dashboard on the terminal; resolves when the user closes it.
 * `standalone` is true for `podsim dashboard`, where q quits instead of returning to the table.
 */
export function openDashboard(session: TuiSession, standalone = false): Promise<DashboardExit> {
  // blessed draws borders with the VT100 alternate character set unless this ncurses variable is set,
  // which tells it the terminal draws Unicode line characters. Under tmux, ACS borders showed as `lqqk`.
  process.env.NCURSES_NO_UTF8_ACS ??= '1';
  return new Promise((resolve) => {
    const screen = blessed.screen({ smartCSR: true, fullUnicode: true, title: 'podsim dashboard' });
    const grid = new contrib.grid({ rows: 12, cols: 12, screen });

    const phaseChart = grid.set(0, 0, 6, 8, contrib.line, {
      label: ' Pods per phase (simulated time) ',
      showLegend: true,
      legend: { width: 12 },
      wholeNumbersOnly: true,
    });
    const readyGauge = grid.set(0, 8, 3, 4, contrib.gauge, { label: ' Ready pods ', stroke: 'green', fill: 'white' });
    const eventSparkline = grid.set(3, 8, 3, 4, contrib.sparkline, { label: ' Events per simulated second (last 60 s) ', tags: true, style: { fg: 'cyan' } });
    const restartBars = grid.set(6, 0, 6, 4, contrib.bar, { label: ' Restarts by owner ', barWidth: 6, barSpacing: 2, xOffset: 0, maxHeight: 9 });
    const restartTable = grid.set(6, 4, 6, 4, contrib.table, {
      label: ' Pods restarting most ',
      keys: false,
      interactive: false,
      columnSpacing: 2,
      columnWidth: [28, 9, 18],
    });
    const warningLog = grid.set(6, 8, 6, 4, contrib.log, { label: ' Warning events ', fg: 'yellow' });
    const footer = blessed.box({ parent: screen, bottom: 0, left: 0, height: 1, width: '100%', content: '' });

    let loggedOccurrences = 0;
    const redraw = () => {
      // The counters are kept up to date per pod change, so a redraw visits no pod.
      const counters = session.counters;
      const simulation = session.simulation;

      const samples = session.fleet.phases;
      const labels = samples.map((sample) => goDuration(Math.floor(sample.timeMs / 1000) * 1000));
      phaseChart.setData(
        CHARTED_PHASES.map((phase) => ({ title: phase, x: labels, y: samples.map((sample) => sample.counts[phase]), style: { line: PHASE_COLORS[phase] } })),
      );

      const { ready, total } = counters;
      readyGauge.setPercent(total === 0 ? 0 : Math.round((ready / total) * 100));
      readyGauge.setLabel(` Ready pods ${ready}/${total} `);

      eventSparkline.setData(['events/s'], [session.fleet.eventRates(simulation.nowMs)]);

      const owners = counters.restartsByOwner(BAR_OWNERS);
      restartBars.setData({ titles: owners.map((owner) => owner.owner.slice(0, 6)), data: owners.map((owner) => owner.restarts) });

      restartTable.setData({
        headers: ['POD', 'RESTARTS', 'STATUS'],
        // STATUS is the table's STATUS cell (CrashLoopBackOff, Error ...), not the pod phase.
        data: counters.topRestartingPods(TABLE_ROWS).map(({ pod, restarts }) => [pod.metadata.name ?? '', String(restarts), printPodRow(pod, session.simulation.epochMs + session.simulation.nowMs)[2] ?? '']),
      });

      // Occurrences arrive in order, so the last (total - logged) of them are the ones not logged yet.
      const all = session.events.occurrences();
      const fresh: EventOccurrence[] = all.slice(Math.max(0, all.length - (session.events.total - loggedOccurrences)));
      for (const warning of fresh.filter((occurrence) => occurrence.type === 'Warning')) {
        warningLog.log(`${new Date(warning.timeMs).toISOString().slice(11, 19)} ${warning.reason} ${warning.object}: ${warning.message}`);
      }
      loggedOccurrences = session.events.total;

      footer.setContent(
        ` simulated +${goDuration(Math.floor(simulation.nowMs / 1000) * 1000)}  pods ${total}  restarts ${counters.restarts}  ${session.paused ? 'paused' : 'running'}   ${standalone ? 'q quit' : 'q back'} · space pause · ctrl-c quit`,
      );
      screen.render();
    };

    const timer = setInterval(redraw, REDRAW_MS);
    const close = (exit: DashboardExit) => {
      clearInterval(timer);
      screen.destroy();
      resolve(exit);
    };
    screen.key(['q', 'escape', 'D'], () => close('back'));
    screen.key(['C-c'], () => close('quit'));
    screen.key(['space'], () => session.togglePause());
    screen.on('resize', redraw);
    redraw();
  });
}
