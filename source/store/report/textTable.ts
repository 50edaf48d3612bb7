// A report table as aligned text columns, two spaces apart; the table's title heads its first column
// (the look `mexc-mm report` always had). A table wider than the terminal it is read in (80 columns by
// default) is cut into blocks of columns, each led by the first column again, a blank line between.
import {shownColumns, type CellTable} from './reportTable.js';

const GAP = 2;

export function textTable(table: CellTable, maxWidth = 80): string[] {
  const columns = shownColumns(table);
  const headers = columns.map(({column}, i) => (i === 0 ? table.title : column.header));
  const widths = columns.map(({column, index}, i) =>
    Math.max(column.minWidth, headers[i]!.length, ...table.rows.map((row) => row.shown[index]!.length)),
  );
  // blocks of column positions after the first: as many as fit beside it, at least one each
  const blocks: number[][] = [];
  let used = Infinity;
  for (let i = 1; i < columns.length; i++) {
    if (used + GAP + widths[i]! > maxWidth) {
      blocks.push([]);
      used = widths[0]!;
    }
    blocks.at(-1)!.push(i);
    used += GAP + widths[i]!;
  }
  if (blocks.length === 0) blocks.push([]);
  const line = (cells: string[], positions: number[]) =>
    positions
      .map((at, k) => (columns[at]!.column.align === 'left' ? cells[k]!.padEnd(widths[at]!) : cells[k]!.padStart(widths[at]!)))
      .join(' '.repeat(GAP))
      .trimEnd();
  return blocks.flatMap((block, b) => {
    const positions = [0, ...block];
    const rows = table.rows.map((row) => line(positions.map((at) => row.shown[columns[at]!.index]!), positions));
    return [...(b > 0 ? [''] : []), line(positions.map((at) => headers[at]!), positions), ...rows];
  });
}
