import {test} from 'node:test';
import assert from 'node:assert/strict';
import {observeConditions, type Observation} from '../../../source/monitoring/alerts/alertConditions.js';
import {fixtureNow, makeSnapshot} from '../../store/fixtures.js';

const byKey = (observations: Observation[]): Record<string, Observation> => Object.fromEntries(observations.map((o) => [o.key, o]));

test('before the engine has published a snapshot nothing is observed', () => {
  assert.deepEqual(observeConditions(null), []);
});

test('a running engine: passing compliance, no halt, each stream and side observed on its own', () => {
  const seen = byKey(observeConditions(makeSnapshot()));
  assert.deepEqual(Object.keys(seen).sort(), [
    'compliance',
    'funding:ask',
    'funding:bid',
    'halted',
    'stream:kucoin.book',
    'stream:mexc.book',
    'stream:mexc.listenKey',
    'stream:mexc.rest',
    'stream:mexc.user',
  ]);
  assert.equal(seen['compliance']!.status, 'clear');
  assert.equal(seen['halted']!.status, 'clear');
  assert.equal(seen['stream:mexc.book']!.status, 'clear');
  // the fixture's REST client is stale while rate limited
  assert.deepEqual(seen['stream:mexc.rest'], {
    status: 'holds',
    key: 'stream:mexc.rest',
    since: null,
    details: {kind: 'stream', stream: 'mexc.rest', state: 'stale', reason: 'rate limited until 12:30:05'},
  });
  assert.equal(seen['funding:bid']!.status, 'clear');
  // the fixture's ask side is not quoting (rate limited) and reports no shortfall: that says nothing
  assert.deepEqual(seen['funding:ask'], {status: 'unsure', key: 'funding:ask', details: null});
});

test('failing compliance holds since the start of the failing streak, with its reason and the hour pass rate', () => {
  const base = makeSnapshot();
  const snapshot = makeSnapshot({
    compliance: {
      ...base.compliance,
      now: {...base.compliance.now!, at: fixtureNow - 400, pass: false, reason: 'ask depth 870 < 1000'},
      streakSec: -312,
      lastHour: {...base.compliance.lastHour, perSide: 97.24},
    },
  });
  assert.deepEqual(byKey(observeConditions(snapshot))['compliance'], {
    status: 'holds',
    key: 'compliance',
    since: fixtureNow - 400 - 312_000,
    details: {kind: 'compliance', reason: 'ask depth 870 < 1000', lastHourPct: 97.24},
  });
});

test('no compliance sample yet (start-up) is neither a failure nor a recovery', () => {
  const base = makeSnapshot();
  const seen = byKey(observeConditions(makeSnapshot({compliance: {...base.compliance, now: null}})));
  assert.equal(seen['compliance'], undefined);
});

test('a halt holds since the kill switch tripped, with its reason', () => {
  const seen = byKey(observeConditions(makeSnapshot({halted: {since: fixtureNow - 5000, reason: 'kill switch: 3 unknown outcomes'}})));
  assert.deepEqual(seen['halted'], {status: 'holds', key: 'halted', since: fixtureNow - 5000, details: {kind: 'halted', reason: 'kill switch: 3 unknown outcomes'}});
});

test('streams: down and stale hold, live and polling clear, connecting and syncing are unsure', () => {
  const base = makeSnapshot();
  const snapshot = makeSnapshot({
    streams: {
      'kucoin.book': {state: 'down', reason: 'socket closed', lastMessageAt: null},
      'mexc.book': {state: 'polling', reason: 'websocket refused', lastMessageAt: null},
      'mexc.user': {state: 'connecting', reason: null, lastMessageAt: null},
      'mexc.listenKey': {state: 'syncing', reason: null, lastMessageAt: null},
      'mexc.rest': {...base.streams['mexc.rest'], state: 'live'},
    },
  });
  const statuses = Object.fromEntries(observeConditions(snapshot).filter((o) => o.key.startsWith('stream:')).map((o) => [o.key, o.status]));
  assert.deepEqual(statuses, {
    'stream:kucoin.book': 'holds',
    'stream:mexc.book': 'clear',
    'stream:mexc.user': 'unsure',
    'stream:mexc.listenKey': 'unsure',
    'stream:mexc.rest': 'clear',
  });
});

test('a side short of funds holds with the shortfall and the target', () => {
  const base = makeSnapshot();
  const snapshot = makeSnapshot({sides: {...base.sides, bid: {quoting: true, reason: 'not enough USDT for the target', ownDepth: 830, target: 1250, shortfall: 420}}});
  assert.deepEqual(byKey(observeConditions(snapshot))['funding:bid'], {
    status: 'holds',
    key: 'funding:bid',
    since: null,
    details: {kind: 'funding', side: 'bid', shortfallUsdt: 420, targetUsdt: 1250, reason: 'not enough USDT for the target'},
  });
});
