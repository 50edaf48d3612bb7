// Report tables as one RFC 4180 CSV document: CRLF line ends, a field quoted when it holds a comma, a
// double quote, CR or LF (its quotes doubled). Several tables share the document: the first column,
// `section`, names the table a row belongs to; the header is the union of every table's columns in order
// of first appearance (a key means the same in every section); a row leaves the other tables' columns
// empty. Numbers are plain decimals (no thousands separator, no exponent; 12 significant digits, at most
// 10 decimals: no float noise), times ISO 8601, a value not known an empty field.
import type {CellTable, CellValue} from './reportTable.js';

const quoteWhen = /[",\r\n]/;

export function csvField(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return csvNumber(value);
  return quoteWhen.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const decimal = new Intl.NumberFormat('en-US', {
  useGrouping: false,
  maximumFractionDigits: 10,
  maximumSignificantDigits: 12,
  roundingPriority: 'lessPrecision',
});

export function csvNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  const text = decimal.format(value);
  return text === '-0' ? '0' : text;
}

export function csvDocument(tables: readonly CellTable[]): string {
  const keys = ['section'];
  for (const table of tables) for (const column of table.columns) if (!keys.includes(column.key)) keys.push(column.key);
  const lines = [keys.map(csvField).join(',')];
  for (const table of tables) {
    const at = new Map(table.columns.map((column, i) => [column.key, i]));
    for (const row of table.rows) {
      lines.push(keys.map((key, i) => (i === 0 ? csvField(table.section) : csvField(at.has(key) ? row.values[at.get(key)!]! : null))).join(','));
    }
  }
  return lines.map((line) => line + '\r\n').join('');
}
