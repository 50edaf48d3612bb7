import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parse} from 'csv-parse/sync';
import {csvDocument, csvField, csvNumber} from '../../../source/store/report/csvDocument.js';
import {markdownTable} from '../../../source/store/report/markdownTable.js';
import {toCells, type ReportColumn} from '../../../source/store/report/reportTable.js';
import {textTable} from '../../../source/store/report/textTable.js';

interface Row {
  name: string;
  amount: number | null;
  note: string;
}

const columns: ReportColumn<Row>[] = [
  {key: 'name', header: 'name', align: 'left', minWidth: 6, display: (r) => r.name, value: (r) => r.name},
  {key: 'amount', header: 'amount', align: 'right', display: (r) => (r.amount === null ? '—' : r.amount.toFixed(2)), value: (r) => r.amount},
  {key: 'note', header: 'note', align: 'left', display: (r) => r.note, value: (r) => r.note},
  {key: 'raw', header: 'raw', align: 'right', csvOnly: true, display: (r) => String(r.amount), value: (r) => r.amount},
];
const rows: Row[] = [
  {name: 'a', amount: 1234.5, note: 'plain'},
  {name: 'b|c', amount: null, note: 'says "hi", twice\nand a line'},
];
const table = toCells({section: 'things', title: 'things (UTC)', columns, rows});

test('text: columns two spaces apart, the title heads the first column, csv-only columns left out', () => {
  assert.deepEqual(textTable(table), [
    'things (UTC)   amount  note',
    'a             1234.50  plain',
    'b|c                 —  says "hi", twice\nand a line',
  ]);
  const narrow = toCells({section: 's', title: 'x', columns, rows: [rows[0]!]});
  assert.equal(textTable(narrow)[1], 'a       1234.50  plain', 'the first column is at least minWidth wide');
});

test('md: a header, an alignment row per column, pipes and backslashes escaped, line breaks flattened', () => {
  assert.deepEqual(markdownTable(table), [
    '| name | amount | note |',
    '|:---|---:|:---|',
    '| a | 1234.50 | plain |',
    '| b\\|c | — | says "hi", twice and a line |',
  ]);
  const empty = toCells({section: 's', title: 'x', columns, rows: [{name: '', amount: 1, note: 'a\\b'}]});
  assert.equal(markdownTable(empty)[2], '|   | 1.00 | a\\\\b |', 'an empty cell keeps its place');
});

test('csv: quoted where RFC 4180 needs it, CRLF line ends, read back by a CSV parser field for field', () => {
  assert.deepEqual(['plain', 'a,b', 'say "x"', 'two\nlines', 'cr\r', ''].map(csvField), ['plain', '"a,b"', '"say ""x"""', '"two\nlines"', '"cr\r"', '']);
  assert.deepEqual([csvField(null), csvField(true), csvField(false)], ['', 'true', 'false']);
  const other = toCells<{name: string; count: number}>({
    section: 'others',
    title: 'others',
    columns: [
      {key: 'name', header: 'name', align: 'left', display: (r) => r.name, value: (r) => r.name},
      {key: 'count', header: 'count', align: 'right', display: (r) => String(r.count), value: (r) => r.count},
    ],
    rows: [{name: 'z', count: 3}],
  });
  const text = csvDocument([table, other]);
  assert.equal(text.split('\r\n')[0], 'section,name,amount,note,raw,count', 'the union of the columns, section first, a shared key once');
  assert.ok(text.endsWith('\r\n'));
  const parsed = parse(text, {columns: true}) as Record<string, string>[];
  assert.deepEqual(parsed, [
    {section: 'things', name: 'a', amount: '1234.5', note: 'plain', raw: '1234.5', count: ''},
    {section: 'things', name: 'b|c', amount: '', note: 'says "hi", twice\nand a line', raw: '', count: ''},
    {section: 'others', name: 'z', amount: '', note: '', raw: '', count: '3'},
  ]);
  assert.equal(csvDocument([]), 'section\r\n', 'no table: the header alone');
});

test('csv numbers: plain decimals, no exponent, no grouping, no float noise, no negative zero', () => {
  assert.deepEqual(
    [1e-7, 0.1 + 0.2, 1500.0000000002, 123456789.123, -0, -1e-14, 0.0125015, 1234567, Number.NaN].map(csvNumber),
    ['0.0000001', '0.3', '1500', '123456789.123', '0', '0', '0.0125015', '1234567', ''],
  );
});
