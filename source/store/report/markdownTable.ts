// A report table as a GitHub-flavoured markdown table: a header row, an alignment row, one row per row.
import {shownColumns, type CellTable} from './reportTable.js';

/** a cell's text with the characters that would break the table escaped */
const cell = (text: string): string => (text === '' ? ' ' : text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' '));

export function markdownTable(table: CellTable): string[] {
  const columns = shownColumns(table);
  const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [
    row(columns.map(({column}) => column.header)),
    `|${columns.map(({column}) => (column.align === 'left' ? ':---' : '---:')).join('|')}|`,
    ...table.rows.map((r) => row(columns.map(({index}) => r.shown[index]!))),
  ];
}
