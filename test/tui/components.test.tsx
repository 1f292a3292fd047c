import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { render } from 'ink-testing-library';
import { podTableHeader, printPodRow } from '../../src/printers/index.js';
import { Banner } from '../../src/tui/components/Banner.js';
import { PodTable, type PodTableRow } from '../../src/tui/components/PodTable.js';
import { StatusBar } from '../../src/tui/components/StatusBar.js';
import { TextView } from '../../src/tui/components/TextView.js';
import { EPOCH_MS, makePod } from './fakeSimulation.js';

const NAME_ASCENDING = { column: 'NAME', ascending: true } as const;

function rowsOf(lines: string[][]): (index: number) => PodTableRow {
  return (index) => ({ key: String(index), cells: lines[index], changed: lines[index].map(() => false) });
}

describe('PodTable', () => {
  test('prints printer cells with status glyphs', () => {
    const pods = [makePod({ name: 'web' }), makePod({ name: 'crash', state: 'Waiting:CrashLoopBackOff', restarts: 3 }), makePod({ name: 'init', state: 'Waiting:ContainerCreating' })];
    const now = EPOCH_MS + 300_000;
    const cells = pods.map((pod) => printPodRow(pod, now));
    const { lastFrame } = render(<PodTable header={podTableHeader()} rowCount={3} rowAt={rowsOf(cells)} selectedIndex={0} height={10} width={120} sort={NAME_ASCENDING} />);
    const lines = (lastFrame() ?? '').split('\n');

    assert.equal(lines[0].trimEnd(), 'NAME↑   READY   STATUS                RESTARTS     AGE');
    assert.equal(lines[1].trimEnd(), 'web     1/1     ● Running             0            5m');
    assert.equal(lines[2].trimEnd(), 'crash   0/1     ✖ CrashLoopBackOff    3 (5m ago)   5m');
    assert.equal(lines[3].trimEnd(), 'init    0/1     ◐ ContainerCreating   0            5m');
  });

  test('marks a descending sort in the header', () => {
    const cells = [printPodRow(makePod({ name: 'web' }), EPOCH_MS)];
    const { lastFrame } = render(<PodTable header={podTableHeader({ allNamespaces: true })} rowCount={1} rowAt={rowsOf(cells.map((row) => ['default', ...row]))} selectedIndex={0} height={4} width={120} sort={{ column: 'RESTARTS', ascending: false }} />);
    assert.match(lastFrame() ?? '', /^NAMESPACE {3}NAME {3}READY {3}STATUS {6}RESTARTS↓ {3}AGE/);
  });

  test('renders only visible rows of 10k', () => {
    const requested: number[] = [];
    const rowAt = (index: number): PodTableRow => {
      requested.push(index);
      return { key: `pod-${index}`, cells: [`pod-${index}`, '1/1', 'Running', '0', '1m'], changed: [false, false, false, false, false] };
    };
    const { lastFrame, rerender } = render(<PodTable header={podTableHeader()} rowCount={10_000} rowAt={rowAt} selectedIndex={0} height={20} width={80} sort={NAME_ASCENDING} />);
    assert.equal(requested.length, 19);
    assert.equal((lastFrame() ?? '').split('\n').length, 20);

    requested.length = 0;
    rerender(<PodTable header={podTableHeader()} rowCount={10_000} rowAt={rowAt} selectedIndex={9_999} height={20} width={80} sort={NAME_ASCENDING} />);
    assert.deepEqual([Math.min(...requested), Math.max(...requested)], [9_981, 9_999]);
    assert.match(lastFrame() ?? '', /pod-9999 /);
    assert.doesNotMatch(lastFrame() ?? '', /pod-0 /);
  });
});

describe('TextView', () => {
  test('shows the window at the offset', () => {
    const lines = Array.from({ length: 50 }, (_, index) => `line ${index}`);
    const { lastFrame } = render(<TextView lines={lines} offset={10} height={6} width={40} title="Describe default/web" />);
    const frame = (lastFrame() ?? '').split('\n');
    assert.equal(frame[0], 'Describe default/web [11-15 of 50]');
    assert.deepEqual(frame.slice(1), ['line 10', 'line 11', 'line 12', 'line 13', 'line 14']);
  });

  test('keeps the last page full', () => {
    const lines = Array.from({ length: 8 }, (_, index) => `line ${index}`);
    const { lastFrame } = render(<TextView lines={lines} offset={100} height={4} width={40} title="YAML" />);
    assert.deepEqual((lastFrame() ?? '').split('\n').slice(1), ['line 5', 'line 6', 'line 7']);
  });
});

describe('Banner', () => {
  test('shows file, line, column and message', () => {
    const { lastFrame } = render(<Banner problems={['pods.yaml:4:5: spec.containers[0].image: Required value']} width={120} />);
    const frame = lastFrame() ?? '';
    assert.match(frame, /scenario not applied/);
    assert.match(frame, /pods\.yaml:4:5: spec\.containers\[0\]\.image: Required value/);
  });

  test('hides when there are no problems', () => {
    const { lastFrame } = render(<Banner problems={[]} width={80} />);
    assert.equal(lastFrame(), '');
  });
});

describe('StatusBar', () => {
  const props = { wallMs: EPOCH_MS, elapsedMs: 90_000, speed: 1000, paused: false, engine: 'wasm', podCount: 3, eventsPerSecond: 12, width: 160 };

  test('says when the simulation is behind the chosen speed', () => {
    assert.match(render(<StatusBar {...props} behind />).lastFrame() ?? '', /speed x1000 ▶ running \(behind\)  engine wasm/);
    assert.doesNotMatch(render(<StatusBar {...props} behind={false} />).lastFrame() ?? '', /behind/);
  });

  test('a paused simulation is never behind', () => {
    assert.doesNotMatch(render(<StatusBar {...props} paused behind />).lastFrame() ?? '', /behind/);
  });
});
