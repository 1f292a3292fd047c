/**
 * The pod table: kubectl's columns and strings, a status glyph and color,
 * changed cells highlighted, and only the rows that fit on screen rendered.
 */
import { Box, Text } from 'ink';
import { useRef } from 'react';
import { statusStyle } from '../model/statusStyle.js';
import type { SortOrder } from '../model/podSort.js';

/** One visible row. */
export interface PodTableRow {
  /** Stable identity of the row (`namespace/name`). */
  key: string;
  /** Cells in header order, as printPodRow prints them (plus NAMESPACE first when listing all). */
  cells: string[];
  /** Per cell: whether it changed recently and should be highlighted. */
  changed: boolean[];
}

export interface PodTableProps {
  /** Column names, from podTableHeader. */
  header: string[];
  /** Number of rows after filtering. */
  rowCount: number;
  /** Returns the row at an index; called only for the rows on screen. */
  rowAt: (index: number) => PodTableRow;
  /** Index of the selected row, or -1 when there is none. */
  selectedIndex: number;
  /** Lines available, the header line included. */
  height: number;
  /** Columns available; longer lines are cut. */
  width: number;
  /** The sort order, marked in the header with ↑ or ↓. */
  sort: SortOrder;
  /** Whether STATUS contains pod statuses, drawn with a glyph and color (default true). Tables of other kinds set false. */
  podStatus?: boolean;
}

/** kubectl's table printer puts 3 spaces between columns. */
const COLUMN_PADDING = 3;

export function PodTable({ header, rowCount, rowAt, selectedIndex, height, width, sort, podStatus = true }: PodTableProps) {
  const topRef = useRef(0);
  const bodyHeight = Math.max(1, height - 1);
  const top = scrollTop(topRef.current, selectedIndex, bodyHeight, rowCount);
  topRef.current = top;

  const rows: PodTableRow[] = [];
  for (let index = top; index < Math.min(rowCount, top + bodyHeight); index++) rows.push(rowAt(index));

  const statusColumn = podStatus ? header.indexOf('STATUS') : -1;
  const titles = header.map((name) => (name === sort.column ? `${name}${sort.ascending ? '↑' : '↓'}` : name));
  const widths = columnWidths(titles, rows, statusColumn);

  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold wrap="truncate">
        {titles.map((title, column) => pad(title, widths, column)).join('')}
      </Text>
      {rows.map((row, offset) => (
        <Text key={row.key} inverse={top + offset === selectedIndex} wrap="truncate">
          {rowSegments(row, widths, statusColumn).map((segment, index) =>
            segment.color === undefined && !segment.isChanged ? (
              segment.text
            ) : (
              <Text key={index} color={segment.color} bold={segment.isChanged} underline={segment.isChanged}>
                {segment.text}
              </Text>
            ),
          )}
        </Text>
      ))}
    </Box>
  );
}

/** A run of padded cells drawn in one style. */
export interface RowSegment {
  text: string;
  /** The STATUS color, for the status cell. */
  color: string | undefined;
  isChanged: boolean;
}

/**
 * Pads a row's cells and joins the neighbouring cells that share a style, so
 * a row of plain cells is one string and Ink lays out a few text nodes per
 * row instead of one per cell.
 */
export function rowSegments(row: PodTableRow, widths: number[], statusColumn: number): RowSegment[] {
  const segments: RowSegment[] = [];
  row.cells.forEach((cell, column) => {
    const isStatus = column === statusColumn;
    const text = pad(isStatus ? `${statusStyle(cell).glyph} ${cell}` : cell, widths, column);
    const color = isStatus ? statusStyle(cell).color : undefined;
    const isChanged = row.changed[column] ?? false;
    const last = segments.at(-1);
    if (last && last.color === color && last.isChanged === isChanged) last.text += text;
    else segments.push({ text, color, isChanged });
  });
  return segments;
}

/** Keeps the previous first row unless the selection left the window. */
export function scrollTop(previousTop: number, selectedIndex: number, bodyHeight: number, rowCount: number): number {
  let top = previousTop;
  if (selectedIndex >= 0 && selectedIndex < top) top = selectedIndex;
  if (selectedIndex >= top + bodyHeight) top = selectedIndex - bodyHeight + 1;
  return Math.max(0, Math.min(top, rowCount - bodyHeight));
}

function columnWidths(titles: string[], rows: PodTableRow[], statusColumn: number): number[] {
  return titles.map((title, column) => {
    let width = title.length;
    for (const row of rows) {
      const cell = row.cells[column] ?? '';
      width = Math.max(width, column === statusColumn ? cell.length + 2 : cell.length);
    }
    return width;
  });
}

function pad(text: string, widths: number[], column: number): string {
  if (column === widths.length - 1) return text;
  return text.padEnd(widths[column] + COLUMN_PADDING);
}
