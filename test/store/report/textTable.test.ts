import {test} from 'node:test';
import assert from 'node:assert/strict';
import {textTable} from '../../../source/store/report/textTable.js';
import {toCells} from '../../../source/store/report/reportTable.js';

const table = (columns: number, width: number) =>
  toCells<number>({
    section: 's',
    title: 'period',
    columns: Array.from({length: columns}, (_, i) => ({
      key: `c${i}`,
      header: i === 0 ? 'period' : `c${i}`,
      align: i === 0 ? ('left' as const) : ('right' as const),
      display: (row: number) => (i === 0 ? `row ${row}` : String(row * i).padStart(width, '9')),
      value: (row: number) => row * i,
    })),
    rows: [1, 2],
  });

test('a table that fits stays one block of aligned columns', () => {
  assert.deepEqual(textTable(table(3, 4)), ['period    c1    c2', 'row 1   9991  9992', 'row 2   9992  9994']);
});

test('a table wider than the width is cut into blocks of columns, each led by the first column, none wider than the width', () => {
  const lines = textTable(table(12, 10), 40);
  for (const line of lines) assert.ok(line.length <= 40, line);
  const headers = lines.filter((line) => line.startsWith('period'));
  assert.equal(headers.length, 6, '11 columns of 10 characters (12 with the gap) beside a 6-wide first column: 2 per block');
  assert.deepEqual(headers.map((h) => h.split(/ +/).slice(1)).flat(), Array.from({length: 11}, (_, i) => `c${i + 1}`), 'every column once, in order');
  assert.equal(lines.filter((line) => line === '').length, 5, 'a blank line between blocks');
  assert.equal(lines.filter((line) => line.startsWith('row 1')).length, 6, 'each block has every row');
});

test('a column wider than the width still gets a block of its own', () => {
  const lines = textTable(table(3, 50), 40);
  assert.equal(lines.filter((line) => line.startsWith('period')).length, 2);
});
