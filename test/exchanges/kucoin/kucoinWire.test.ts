import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseLevel2Snapshot, parseSequence, parseServerFrame} from '../../../source/exchanges/kucoin/kucoinWire.js';

test('parses the sheet single-change level2 sample (docs/protocols/kucoin.md §3.5)', () => {
  const text =
    '{"topic":"/market/level2:BTC-USDT","type":"message","subject":"trade.l2update","data":{"changes":{"asks":[["67993.3","1.21427407","14701689783"]],"bids":[]},"sequenceEnd":14701689783,"sequenceStart":14701689783,"symbol":"BTC-USDT","time":1729816425625}}';
  const parsed = parseServerFrame(text);
  assert.deepEqual(parsed, {
    ok: true,
    value: {
      kind: 'level2',
      topic: '/market/level2:BTC-USDT',
      update: {
        symbol: 'BTC-USDT',
        sequenceStart: 14701689783,
        sequenceEnd: 14701689783,
        bids: [],
        asks: [{price: '67993.3', size: '1.21427407', sequence: 14701689783}],
        time: 1729816425625,
      },
    },
  });
});

test('parses the sheet multi-change batch sample and tolerates a missing time', () => {
  const text =
    '{"type":"message","topic":"/market/level2:BTC-USDT","subject":"trade.l2update","data":{"changes":{"asks":[["18906","0.00331","14103845"],["18907.3","0.58751503","14103844"]],"bids":[["18891.9","0.15688","14103847"]]},"sequenceEnd":14103847,"sequenceStart":14103844,"symbol":"BTC-USDT"}}';
  const parsed = parseServerFrame(text);
  assert.ok(parsed.ok && parsed.value.kind === 'level2');
  if (parsed.ok && parsed.value.kind === 'level2') {
    assert.equal(parsed.value.update.asks.length, 2);
    assert.deepEqual(parsed.value.update.bids, [{price: '18891.9', size: '0.15688', sequence: 14103847}]);
    assert.equal(parsed.value.update.time, null);
  }
});

test('parses control frames: welcome, pong, ack (numeric id becomes a string), error without topic', () => {
  assert.deepEqual(parseServerFrame('{"id":"hQvf8jkno","type":"welcome"}'), {ok: true, value: {kind: 'welcome', id: 'hQvf8jkno'}});
  assert.deepEqual(parseServerFrame('{"id":"1545910590801","type":"pong"}'), {ok: true, value: {kind: 'pong', id: '1545910590801'}});
  assert.deepEqual(parseServerFrame('{"id":1545910660739,"type":"ack"}'), {ok: true, value: {kind: 'ack', id: '1545910660739'}});
  assert.deepEqual(parseServerFrame('{"code":404,"data":"topic /market/level2:BSV-BTC is not found","id":"1551623050668","type":"error"}'), {
    ok: true,
    value: {kind: 'error', id: '1551623050668', code: 404, data: 'topic /market/level2:BSV-BTC is not found'},
  });
  assert.deepEqual(parseServerFrame('{"type":"notice"}'), {ok: true, value: {kind: 'otherType', type: 'notice'}});
  assert.deepEqual(parseServerFrame('{"type":"message","topic":"/market/ticker:BTC-USDT","subject":"trade.ticker","data":{}}'), {
    ok: true,
    value: {kind: 'otherMessage', topic: '/market/ticker:BTC-USDT', subject: 'trade.ticker'},
  });
});

test('rejects malformed frames with a reason instead of throwing', () => {
  const level2 = (data: unknown) => JSON.stringify({type: 'message', topic: '/market/level2:X-Y', subject: 'trade.l2update', data});
  const good = {symbol: 'X-Y', sequenceStart: 1, sequenceEnd: 2, changes: {bids: [], asks: []}};
  const cases: string[] = [
    'not json',
    '[1,2]',
    '{"id":"x"}',
    '{"type":"welcome"}',
    '{"type":"message","data":{}}',
    level2(null),
    level2({...good, sequenceStart: 3}),
    level2({...good, sequenceEnd: 1.5}),
    level2({...good, sequenceStart: 2 ** 60}),
    level2({...good, symbol: undefined}),
    level2({...good, changes: undefined}),
    level2({...good, changes: {bids: 'x', asks: []}}),
    level2({...good, changes: {bids: [['1', '2']], asks: []}}),
    level2({...good, changes: {bids: [['-1', '2', '3']], asks: []}}),
    level2({...good, changes: {bids: [['1e3', '2', '3']], asks: []}}),
    level2({...good, changes: {bids: [['1', '2', 'x']], asks: []}}),
  ];
  for (const text of cases) {
    const parsed = parseServerFrame(text);
    assert.equal(parsed.ok, false, `expected malformed: ${text}`);
  }
  assert.equal(parseServerFrame(level2(good)).ok, true);
});

test('parses the sheet REST snapshot sample: string sequence, [price,size] levels (docs/protocols/kucoin.md §3.6)', () => {
  const data = {time: 1729176273859, sequence: '14610502970', bids: [['66976.4', '0.69109872'], ['66976.3', '0.14377']], asks: [['66976.5', '0.05408199'], ['66976.8', '0.0005']]};
  assert.deepEqual(parseLevel2Snapshot(data), {
    ok: true,
    value: {sequence: 14610502970, time: 1729176273859, bids: [['66976.4', '0.69109872'], ['66976.3', '0.14377']], asks: [['66976.5', '0.05408199'], ['66976.8', '0.0005']]},
  });
  assert.equal(parseLevel2Snapshot({...data, sequence: 'abc'}).ok, false);
  assert.equal(parseLevel2Snapshot({...data, bids: [['1']]}).ok, false);
  assert.equal(parseLevel2Snapshot(null).ok, false);
});

test('sequences must be non-negative safe integers, as numbers or digit strings', () => {
  assert.equal(parseSequence('14610502970'), 14610502970);
  assert.equal(parseSequence(5), 5);
  assert.equal(parseSequence('11067996711960577'), null); // beyond 2^53: cannot be carried exactly as a number
  assert.equal(parseSequence(-1), null);
  assert.equal(parseSequence('1.5'), null);
});
