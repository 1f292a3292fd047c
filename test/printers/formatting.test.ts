/** Go formatting ports: tabwriter alignment, time.Duration strings and RFC1123Z dates. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { alignTabs, DESCRIBE_TABWRITER, formatRFC1123Z, goDuration, TABLE_TABWRITER, TabWriter } from '../../src/printers/index.js';

describe('tabwriter', () => {
  it('aligns a block with padding 2', () => {
    assert.equal(alignTabs('Name:\tweb\nNamespace:\tdefault\n', DESCRIBE_TABWRITER), 'Name:       web\nNamespace:  default\n');
  });

  it('ends a block at a line without a tab', () => {
    const text = 'A:\t1\nLonger key:\t2\nSection:\n  B:\t3\n';
    assert.equal(alignTabs(text, DESCRIBE_TABWRITER), 'A:           1\nLonger key:  2\nSection:\n  B:  3\n');
  });

  it('pads a cell before an empty trailing cell', () => {
    assert.equal(alignTabs('    Medium:\t\n    SizeLimit:\t<unset>\n', DESCRIBE_TABWRITER), '    Medium:     \n    SizeLimit:  <unset>\n');
  });

  it('sizes inner columns per sub-block', () => {
    const text = 'a\tb\tc\nlonger\tb\n';
    assert.equal(alignTabs(text, DESCRIBE_TABWRITER), 'a       b  c\nlonger  b\n');
  });

  it('counts code points, not UTF-16 units', () => {
    assert.equal(alignTabs('é😀\tx\nab\ty\n', DESCRIBE_TABWRITER), 'é😀  x\nab  y\n');
  });

  it('applies minwidth 6 to table columns', () => {
    assert.equal(alignTabs('A\tB\nx\ty\n', TABLE_TABWRITER), 'A     B\nx     y\n');
  });

  it('remembers column widths across flushes', () => {
    const writer = new TabWriter(TABLE_TABWRITER);
    writer.write('NAME\tSTATUS\n');
    writer.flush();
    writer.write('a\tRunning\n');
    writer.flush();
    writer.write('a-much-longer-name\tRunning\n');
    writer.flush();
    writer.write('b\tRunning\n');
    writer.flush();
    assert.equal(
      writer.takeOutput(),
      'NAME   STATUS\na      Running\na-much-longer-name   Running\nb                    Running\n',
    );
  });

  it('keeps an unterminated last line as it is', () => {
    assert.equal(alignTabs('a\tb\nc\td', DESCRIBE_TABWRITER), 'a  b\nc  d');
  });
});

describe('goDuration', () => {
  const cases: [number, string][] = [
    [0, '0s'],
    [250, '250ms'],
    [1500, '1.5s'],
    [10_000, '10s'],
    [80_000, '1m20s'],
    [160_000, '2m40s'],
    [300_000, '5m0s'],
    [3_600_000, '1h0m0s'],
    [3_723_000, '1h2m3s'],
    [-10_000, '-10s'],
  ];
  for (const [ms, text] of cases) {
    it(`${ms} ms prints ${text}`, () => {
      assert.equal(goDuration(ms), text);
    });
  }
});

describe('formatRFC1123Z', () => {
  it('formats a UTC timestamp with +0000', () => {
    assert.equal(formatRFC1123Z('2006-01-02T15:04:05Z'), 'Mon, 02 Jan 2006 15:04:05 +0000');
  });

  it('converts an offset timestamp to UTC', () => {
    assert.equal(formatRFC1123Z('2024-02-29T23:30:00-02:00'), 'Fri, 01 Mar 2024 01:30:00 +0000');
  });

  it('prints Go zero time for a missing timestamp', () => {
    assert.equal(formatRFC1123Z(undefined), 'Mon, 01 Jan 0001 00:00:00 +0000');
  });
});
