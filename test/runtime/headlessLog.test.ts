import {test} from 'node:test';
import assert from 'node:assert/strict';
import {JsonLineLog} from '../../source/runtime/headlessLog.js';
import {captureStream} from '../store/fixtures.js';

const lines = (text: string): Array<Record<string, unknown>> =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

test('lines below the threshold are not written; those at or above it are', () => {
  const out = captureStream();
  const log = new JsonLineLog(out.stream, 'sim', 'warn');
  log.write('debug', 'd');
  log.write('info', 'i');
  log.write('warn', 'w');
  log.write('error', 'e');
  assert.deepEqual(lines(out.text()).map((line) => [line.level, line.msg]), [['warn', 'w'], ['error', 'e']]);
});

test('enabled() follows the threshold debug < info < warn < error', () => {
  const order = ['debug', 'info', 'warn', 'error'] as const;
  for (const [t, threshold] of order.entries()) {
    const log = new JsonLineLog(captureStream().stream, 'sim', threshold);
    for (const [l, level] of order.entries()) assert.equal(log.enabled(level), l >= t, `${level} at threshold ${threshold}`);
  }
});

test('the default threshold is info: debug lines are left out', () => {
  const out = captureStream();
  const log = new JsonLineLog(out.stream, 'paper');
  log.write('debug', 'noise');
  log.write('info', 'started');
  assert.deepEqual(lines(out.text()).map((line) => line.msg), ['started']);
});

test('a debug threshold writes every level', () => {
  const out = captureStream();
  const log = new JsonLineLog(out.stream, 'sim', 'debug');
  for (const level of ['debug', 'info', 'warn', 'error'] as const) log.write(level, level);
  assert.deepEqual(lines(out.text()).map((line) => line.level), ['debug', 'info', 'warn', 'error']);
});

test('each line is one JSON object with time, level, mode in upper case, msg and the fields', () => {
  const out = captureStream();
  const log = new JsonLineLog(out.stream, 'live', 'info');
  const before = Date.now();
  log.write('info', 'metrics listening', {url: 'http://127.0.0.1:9464', paths: ['/metrics', '/healthz']});
  log.write('error', 'a line\nwith a newline', {code: 7});
  const after = Date.now();
  const text = out.text();
  assert.ok(text.endsWith('\n'));
  const raw = text.split('\n');
  assert.equal(raw.length, 3, 'two lines, each ended by a newline (the newline in msg is escaped)');
  const [first, second] = lines(text);
  assert.deepEqual(Object.keys(first!), ['time', 'level', 'mode', 'msg', 'url', 'paths']);
  assert.equal(first!.level, 'info');
  assert.equal(first!.mode, 'LIVE');
  assert.equal(first!.msg, 'metrics listening');
  assert.equal(first!.url, 'http://127.0.0.1:9464');
  assert.deepEqual(first!.paths, ['/metrics', '/healthz']);
  assert.match(String(first!.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const at = Date.parse(String(first!.time));
  assert.ok(at >= before && at <= after);
  assert.deepEqual(second, {time: second!.time, level: 'error', mode: 'LIVE', msg: 'a line\nwith a newline', code: 7});
});

test('a line without fields has just time, level, mode and msg', () => {
  const out = captureStream();
  new JsonLineLog(out.stream, 'sim').write('warn', 'rate limited');
  const [line] = lines(out.text());
  assert.deepEqual(Object.keys(line!), ['time', 'level', 'mode', 'msg']);
  assert.equal(line!.mode, 'SIM');
});
