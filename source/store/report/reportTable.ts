// A table of `mexc-mm report`, defined once and rendered in every format (text, md, csv): each column
// says what text and markdown show and what csv holds.

export type CellValue = string | number | boolean | null;

export interface ReportColumn<Row> {
  /** the csv header: snake_case, the same key meaning the same thing in every section */
  key: string;
  /** the heading in text and markdown */
  header: string;
  align: 'left' | 'right';
  /** text: the narrowest the column is, so the tables of one kind line up */
  minWidth?: number;
  /** what text and markdown show */
  display: (row: Row) => string;
  /** what csv holds: numbers unformatted, times ISO 8601, null empty */
  value: (row: Row) => CellValue;
  /** detail for machines: in csv only */
  csvOnly?: boolean;
}

export interface ReportTable<Row> {
  /** the csv `section` value, e.g. "pnl-hours" */
  section: string;
  /** the heading in markdown; in text it stands in the first column's heading */
  title: string;
  columns: readonly ReportColumn<Row>[];
  rows: readonly Row[];
}

export interface CellColumn {
  key: string;
  header: string;
  align: 'left' | 'right';
  minWidth: number;
  csvOnly: boolean;
}

/** A table with its cells worked out: what the renderers take, whatever the row type was. */
export interface CellTable {
  section: string;
  title: string;
  columns: CellColumn[];
  rows: {shown: string[]; values: CellValue[]}[];
}

export function toCells<Row>(table: ReportTable<Row>): CellTable {
  return {
    section: table.section,
    title: table.title,
    columns: table.columns.map((c) => ({key: c.key, header: c.header, align: c.align, minWidth: c.minWidth ?? 0, csvOnly: c.csvOnly ?? false})),
    rows: table.rows.map((row) => ({shown: table.columns.map((c) => c.display(row)), values: table.columns.map((c) => c.value(row))})),
  };
}

/** The columns text and markdown show, with their index in the table. */
export const shownColumns = (table: CellTable): {column: CellColumn; index: number}[] =>
  table.columns.map((column, index) => ({column, index})).filter(({column}) => !column.csvOnly);
