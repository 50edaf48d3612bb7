import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {formatScaled, parseScaled} from '../../source/wire/scaledDecimal.js';

test('parseScaled: exact vectors, exponents and rounding half away from zero', () => {
  assert.equal(parseScaled('0.25', 5), 25000);
  assert.equal(parseScaled('10', 2), 1000);
  assert.equal(parseScaled('1.500', 2), 150);
  assert.equal(parseScaled('.5', 1), 5);
  assert.equal(parseScaled('7.', 0), 7);
  assert.equal(parseScaled(' 42 ', 0), 42);
  assert.equal(parseScaled('+3', 1), 30);
  assert.equal(parseScaled('-0.001', 3), -1);
  assert.equal(parseScaled('1e-3', 3), 1);
  assert.equal(parseScaled('2.5E2', 0), 250);
  assert.equal(parseScaled('0.123454', 5), 12345);
  assert.equal(parseScaled('0.123455', 5), 12346);
  assert.equal(parseScaled('-0.123455', 5), -12346);
  assert.equal(parseScaled('9007199254740991', 0), Number.MAX_SAFE_INTEGER);
});

test('parseScaled: huge exponents are settled without building their digits', () => {
  assert.equal(parseScaled('0e400000000', 5), 0);
  assert.equal(parseScaled('1e-400000000', 5), 0);
  assert.throws(() => parseScaled('1e400000000', 5), /out of range/);
});

test('parseScaled refuses what is not a decimal number or does not fit a safe integer', () => {
  for (const text of ['', ' ', '.', 'abc', '1.2.3', '--1', '1e', '0x10', 'NaN', 'Infinity']) {
    assert.throws(() => parseScaled(text, 2), /not a decimal number/, JSON.stringify(text));
  }
  assert.throws(() => parseScaled('9007199254740992', 0), /out of range/);
  assert.throws(() => parseScaled('90071992547409.92', 2), /out of range/);
});

test('formatScaled: exact vectors, minimal digits, no exponent', () => {
  assert.equal(formatScaled(25000, 5), '0.25');
  assert.equal(formatScaled(1000, 2), '10');
  assert.equal(formatScaled(123, 1), '12.3');
  assert.equal(formatScaled(7, 0), '7');
  assert.equal(formatScaled(0, 5), '0');
  assert.equal(formatScaled(-0, 5), '0');
  assert.equal(formatScaled(-1, 3), '-0.001');
  assert.equal(formatScaled(1, 20), '0.00000000000000000001');
  assert.equal(formatScaled(Number.MAX_SAFE_INTEGER, 0), '9007199254740991');
});

test('formatScaled refuses numbers that are not safe integers', () => {
  for (const value of [0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -(2 ** 53)]) {
    assert.throws(() => formatScaled(value, 2), /not an integer/, String(value));
  }
});

test('formatScaled takes bigints, with no range limit', () => {
  assert.equal(formatScaled(25000n, 5), '0.25');
  assert.equal(formatScaled(0n, 12), '0');
  assert.equal(formatScaled(-1n, 12), '-0.000000000001');
  assert.equal(formatScaled(4000n * 10n ** 12n, 12), '4000');
  assert.equal(formatScaled(2n ** 64n, 0), '18446744073709551616');
  assert.equal(formatScaled(10n ** 30n + 5n, 12), '1000000000000000000.000000000005');
});

const decimals = fc.integer({min: 0, max: 18});

test('property: a number and the same bigint format alike', () => {
  fc.assert(fc.property(fc.maxSafeInteger(), decimals, (value, d) => formatScaled(value, d) === formatScaled(BigInt(value), d)));
});

test('property: formatScaled writes canonical plain decimals that parseScaled reads back exactly', () => {
  fc.assert(
    fc.property(fc.maxSafeInteger(), decimals, (value, d) => {
      const text = formatScaled(value, d);
      assert.match(text, /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/);
      assert.equal(parseScaled(text, d), value);
    }),
  );
});
