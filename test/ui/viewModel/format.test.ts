import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  decimalsOf,
  formatClock,
  formatCountdown,
  formatDuration,
  formatFraction,
  formatPrice,
  formatQty,
  formatRate,
  formatSignedQty,
  formatSignedUsdt,
  formatSpan,
  formatUsdt,
  sharedDecimals,
} from '../../../source/ui/viewModel/format.js';

test('decimalsOf finds the exact decimals of tick prices despite binary floats', () => {
  assert.equal(decimalsOf(0.012345), 6);
  assert.equal(decimalsOf(0.1 + 0.2), 1);
  assert.equal(decimalsOf(12), 0);
  assert.equal(decimalsOf(1.5), 1);
});

test('sharedDecimals uses the finest price so a ladder lines up, and a fallback when empty', () => {
  assert.equal(sharedDecimals([0.0123, 0.012331, 0.01]), 6);
  assert.equal(sharedDecimals([], 4), 4);
  assert.equal(formatPrice(0.0123, 6), '0.012300');
  assert.equal(formatPrice(null, 6), '—');
});

test('formatRate truncates so 99.96 % never reads as a perfect 100.0 %', () => {
  assert.equal(formatRate(99.96), '99.9%');
  assert.equal(formatRate(100), '100.0%');
  assert.equal(formatRate(99.6 + 0.3), '99.9%', 'binary noise is not truncated away');
  assert.equal(formatRate(null), '—');
});

test('formatDuration shows the two most significant units', () => {
  assert.equal(formatDuration(42), '42s');
  assert.equal(formatDuration(250), '4m10s');
  assert.equal(formatDuration(3 * 3600 + 125), '3h02m');
  assert.equal(formatDuration(2 * 86_400 + 3 * 3600), '2d03h');
  assert.equal(formatDuration(-42), '42s');
});

test('formatCountdown counts down in m:ss or h:mm:ss and says due once passed', () => {
  assert.equal(formatCountdown(754_000, 0), '12:34');
  assert.equal(formatCountdown(3_723_000, 0), '1:02:03');
  assert.equal(formatCountdown(1000, 1000), 'due');
  assert.equal(formatCountdown(1001, 1000), '0:01');
});

test('quantities, USDT values, fractions and clock times format at fixed widths', () => {
  assert.equal(formatQty(215_400), '215,400');
  assert.equal(formatQty(12_345_678), '12.35M');
  assert.equal(formatQty(2.5), '2.5');
  assert.equal(formatQty(0.00012346), '0.0001235');
  assert.equal(formatQty(0), '0');
  assert.equal(formatUsdt(1_402.4), '1,402');
  assert.equal(formatUsdt(12.345), '12.35');
  assert.equal(formatUsdt(0), '0');
  assert.equal(formatUsdt(null), '—');
  assert.equal(formatFraction(0.00227), '0.23%');
  assert.equal(formatClock(Date.UTC(2025, 0, 15, 8, 57, 55)), '08:57:55');
});

test('signed USDT always carries its sign and keeps two significant digits below one USDT', () => {
  assert.equal(formatSignedUsdt(-3.42), '-3.42');
  assert.equal(formatSignedUsdt(0.42), '+0.42');
  assert.equal(formatSignedUsdt(0.0045), '+0.0045');
  assert.equal(formatSignedUsdt(-0.08), '-0.080');
  assert.equal(formatSignedUsdt(-1_234.5), '-1,235');
  assert.equal(formatSignedUsdt(0.0000001), '+0.000000', 'no exponent notation');
  assert.equal(formatSignedUsdt(0), '0');
  assert.equal(formatSignedUsdt(null), '—');
  assert.equal(formatSignedUsdt(Number.NaN), '—');
});

test('a signed base change and a span of minutes', () => {
  assert.equal(formatSignedQty(12_400), '+12,400');
  assert.equal(formatSignedQty(-500), '-500');
  assert.equal(formatSignedQty(0), '0');
  assert.equal(formatSpan(14), '14 min');
  assert.equal(formatSpan(360), '6h');
  assert.equal(formatSpan(130), '2h10m');
});
