import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {AlertEventName} from '../../../source/config/configSchema.js';
import {
  alertMessage,
  formatDuration,
  formatUsdt,
  webhookRequest,
  type AlertDetails,
  type AlertEvent,
  type Severity,
} from '../../../source/monitoring/alerts/alertMessages.js';
import type {ConditionDetails} from '../../../source/monitoring/alerts/alertConditions.js';
import type {ConditionEvent} from '../../../source/monitoring/alerts/alertTracker.js';
import type {WebhookTarget} from '../../../source/monitoring/alerts/webhookTargets.js';
import {alertEventNames} from '../../../source/config/configSchema.js';

const at = Date.parse('2026-12-03T03:12:44.120Z');
const context = {symbol: 'RMVUSDT', mode: 'live' as const};
const all = new Set(alertEventNames);
const telegram: WebhookTarget = {index: 0, kind: 'telegram', apiUrl: 'https://api.telegram.org', token: '123456:TEST-token-abcdef', chatId: '-1001234567890', events: all};
const slack: WebhookTarget = {index: 1, kind: 'slack', url: 'https://hooks.slack.com/services/T000/B000/XXXXSECRET', events: all};
const generic: WebhookTarget = {index: 2, kind: 'generic', url: 'https://ops.example.com/hooks/mexc-mm', events: all};

const compliance: ConditionDetails = {kind: 'compliance', reason: 'ask depth 870 < 1,000', lastHourPct: 97.2};
const halt: ConditionDetails = {kind: 'halted', reason: 'kill switch: 3 unknown outcomes'};
const down: ConditionDetails = {kind: 'stream', stream: 'mexc.book', state: 'down', reason: 'socket closed'};
const shortBid: ConditionDetails = {kind: 'funding', side: 'bid', shortfallUsdt: 420.5, targetUsdt: 1250, reason: 'not enough USDT'};

const condition = (event: ConditionEvent['event'], durationMs: number, details: ConditionDetails, extra: Partial<ConditionEvent> = {}): ConditionEvent => ({
  event,
  key: 'compliance',
  at,
  reminder: false,
  durationMs,
  details,
  after: null,
  ...extra,
});

interface Row {
  event: AlertEvent;
  text: string;
  severity: Severity;
  details: AlertDetails;
}

const rows: Row[] = [
  {
    event: condition('complianceFailing', 312_000, compliance),
    text: 'RMVUSDT (live): compliance failing for 5m12s: ask depth 870 < 1,000 (1 h: 97.2 %)',
    severity: 'critical',
    details: {reason: 'ask depth 870 < 1,000', lastHourPct: 97.2, durationSec: 312},
  },
  {
    event: condition('complianceFailing', 3_912_000, compliance, {reminder: true}),
    text: 'RMVUSDT (live): compliance still failing for 1h05m: ask depth 870 < 1,000 (1 h: 97.2 %)',
    severity: 'critical',
    details: {reason: 'ask depth 870 < 1,000', lastHourPct: 97.2, durationSec: 3912},
  },
  {
    event: condition('complianceRecovered', 750_000, compliance, {after: {kind: 'compliance', reason: null, lastHourPct: 95.19}}),
    text: 'RMVUSDT (live): compliance recovered after failing for 12m30s (1 h: 95.1 %)',
    severity: 'info',
    details: {reason: 'ask depth 870 < 1,000', lastHourPct: 95.1, durationSec: 750},
  },
  {
    event: condition('halted', 0, halt, {key: 'halted'}),
    text: 'RMVUSDT (live): halted: kill switch: 3 unknown outcomes',
    severity: 'critical',
    details: {reason: 'kill switch: 3 unknown outcomes', durationSec: 0},
  },
  {
    event: condition('halted', 3_600_000, halt, {key: 'halted', reminder: true}),
    text: 'RMVUSDT (live): still halted after 1h00m: kill switch: 3 unknown outcomes',
    severity: 'critical',
    details: {reason: 'kill switch: 3 unknown outcomes', durationSec: 3600},
  },
  {
    event: condition('resumed', 190_000, halt, {key: 'halted'}),
    text: 'RMVUSDT (live): resumed: the halt was cleared after 3m10s (kill switch: 3 unknown outcomes)',
    severity: 'info',
    details: {reason: 'kill switch: 3 unknown outcomes', durationSec: 190},
  },
  {
    event: condition('streamDown', 125_000, down, {key: 'stream:mexc.book'}),
    text: 'RMVUSDT (live): stream mexc.book down for 2m05s: socket closed',
    severity: 'warning',
    details: {stream: 'mexc.book', state: 'down', reason: 'socket closed', durationSec: 125},
  },
  {
    event: condition('streamDown', 3_725_000, {...down, state: 'connecting', reason: null}, {key: 'stream:mexc.book', reminder: true}),
    text: 'RMVUSDT (live): stream mexc.book still not live (connecting) for 1h02m',
    severity: 'warning',
    details: {stream: 'mexc.book', state: 'connecting', reason: null, durationSec: 3725},
  },
  {
    event: condition('streamRecovered', 150_000, down, {key: 'stream:mexc.book', after: {...down, state: 'live', reason: null}}),
    text: 'RMVUSDT (live): stream mexc.book live again after an outage of 2m30s',
    severity: 'info',
    details: {stream: 'mexc.book', state: 'live', reason: null, durationSec: 150},
  },
  {
    event: condition('cannotFund', 601_000, shortBid, {key: 'funding:bid'}),
    text: 'RMVUSDT (live): bid side short of funds for 10m01s: 421 of the 1,250 USDT target unfunded (not enough USDT)',
    severity: 'warning',
    details: {side: 'bid', shortfallUsdt: 420.5, targetUsdt: 1250, reason: 'not enough USDT', durationSec: 601},
  },
  {
    event: condition('funded', 720_000, shortBid, {key: 'funding:bid', after: {...shortBid, shortfallUsdt: 0, reason: null}}),
    text: 'RMVUSDT (live): bid side funded again after 12m00s short',
    severity: 'info',
    details: {side: 'bid', shortfallUsdt: 0, targetUsdt: 1250, reason: null, durationSec: 720},
  },
  {event: {event: 'started', at, details: {version: '0.1.0'}}, text: 'RMVUSDT (live): started', severity: 'info', details: {version: '0.1.0'}},
  {event: {event: 'stopped', at, details: {}}, text: 'RMVUSDT (live): stopped; none of our orders is left', severity: 'info', details: {}},
  {
    event: {event: 'stopUnconfirmed', at, details: {reason: '2 of ours may be left: C02__1, C02__2', ordersLeft: 2}},
    text: 'RMVUSDT (live): stopped, but the exchange did not confirm that none of our orders is left: 2 of ours may be left: C02__1, C02__2',
    severity: 'critical',
    details: {reason: '2 of ours may be left: C02__1, C02__2', ordersLeft: 2},
  },
];

test('the table covers every event', () => {
  assert.deepEqual(new Set(rows.map((r) => r.event.event)), new Set<AlertEventName>(alertEventNames));
});

for (const row of rows) {
  const label = `${row.event.event}${'reminder' in row.event && row.event.reminder ? ' (reminder)' : ''}`;
  test(`${label}: one human line, its severity, and each kind's exact URL and body`, () => {
    const message = alertMessage(row.event, context);
    assert.equal(message.text, row.text);
    assert.ok(!message.text.includes('\n'));
    assert.equal(message.severity, row.severity);
    assert.deepEqual(message.details, row.details);
    const reminder = 'reminder' in row.event && row.event.reminder;

    assert.deepEqual(webhookRequest(telegram, message), {
      url: 'https://api.telegram.org/bot123456:TEST-token-abcdef/sendMessage',
      json: {chat_id: '-1001234567890', text: row.text, disable_web_page_preview: true},
    });
    assert.deepEqual(webhookRequest(slack, message), {url: 'https://hooks.slack.com/services/T000/B000/XXXXSECRET', json: {text: row.text}});
    assert.deepEqual(webhookRequest(generic, message), {
      url: 'https://ops.example.com/hooks/mexc-mm',
      json: {
        source: 'mexc-mm',
        event: row.event.event,
        severity: row.severity,
        symbol: 'RMVUSDT',
        mode: 'live',
        at: '2026-12-03T03:12:44.120Z',
        text: row.text,
        reminder,
        details: row.details,
      },
    });
  });
}

test('the generic body has exactly the keys of docs/monitoring.md §4, and survives JSON', () => {
  const request = webhookRequest(generic, alertMessage(rows[0]!.event, context));
  assert.deepEqual(Object.keys(request.json), ['source', 'event', 'severity', 'symbol', 'mode', 'at', 'text', 'reminder', 'details']);
  assert.deepEqual(JSON.parse(JSON.stringify(request.json)), request.json);
});

test('a numeric Telegram chat id is sent as a number', () => {
  const message = alertMessage(rows[0]!.event, context);
  assert.equal(webhookRequest({...telegram, chatId: -100987}, message).json['chat_id'], -100987);
});

test('durations read as the largest two units', () => {
  const table: [number, string][] = [
    [0, '0s'],
    [999, '0s'],
    [45_000, '45s'],
    [60_000, '1m00s'],
    [312_000, '5m12s'],
    [3_600_000, '1h00m'],
    [3_912_000, '1h05m'],
    [86_400_000, '1d00h'],
    [183_600_000, '2d03h'],
    [-5_000, '0s'],
  ];
  for (const [ms, text] of table) assert.equal(formatDuration(ms), text, `${ms} ms`);
});

test('USDT amounts are grouped, with cents only below 100', () => {
  assert.equal(formatUsdt(1250), '1,250');
  assert.equal(formatUsdt(420.5), '421');
  assert.equal(formatUsdt(12.345), '12.35');
  assert.equal(formatUsdt(0), '0');
});

test('a pass rate never rounds up to 100.0 %', () => {
  const message = alertMessage(condition('complianceFailing', 400_000, {...compliance, lastHourPct: 99.97}), context);
  assert.match(message.text, /\(1 h: 99\.9 %\)$/);
  const none = alertMessage(condition('complianceFailing', 400_000, {...compliance, lastHourPct: null}), context);
  assert.equal(none.text, 'RMVUSDT (live): compliance failing for 6m40s: ask depth 870 < 1,000');
});
