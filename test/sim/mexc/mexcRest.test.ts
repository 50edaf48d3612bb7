import assert from 'node:assert/strict';
import {connect} from 'node:net';
import {after, before, describe, test} from 'node:test';
import {startSimulator, type Simulator} from '../../../source/sim/simulator.js';
import {publicGet, sign, signedRequest, waitFor} from '../simTestKit.js';

describe('MEXC REST over real sockets', () => {
  let sim: Simulator;
  let base: string;
  before(async () => {
    sim = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'calm', seed: 11, tickMs: 50, baseBalance: 1000, quoteBalance: 500});
    base = sim.urls.mexcRest;
  });
  after(() => sim.close());

  const bestPrices = async () => {
    const depth = (await publicGet(base, '/api/v3/depth', 'symbol=RMVUSDT&limit=1')).body;
    return {bid: Number(depth.bids[0][0]), ask: Number(depth.asks[0][0])};
  };

  test('public endpoints answer with MEXC shapes', async () => {
    assert.deepEqual((await publicGet(base, '/api/v3/ping')).body, {});
    const asked = Date.now();
    const time = (await publicGet(base, '/api/v3/time')).body;
    // bracketed by our clock before and after the request (same process, same clock): no tolerance to tune
    assert.ok(time.serverTime >= asked && time.serverTime <= Date.now(), `serverTime ${time.serverTime}, asked at ${asked}`);
    const info = (await publicGet(base, '/api/v3/exchangeInfo', 'symbol=RMVUSDT')).body;
    const symbol = info.symbols[0];
    assert.equal(symbol.symbol, 'RMVUSDT');
    assert.equal(symbol.status, '1');
    assert.equal(symbol.baseAsset, 'RMV');
    assert.equal(symbol.quotePrecision, 5);
    assert.equal(symbol.baseAssetPrecision, 2);
    assert.equal(symbol.quoteAmountPrecision, '1');
    assert.equal(symbol.isSpotTradingAllowed, true);
    assert.deepEqual(symbol.permissions, ['SPOT']);
    const depth = (await publicGet(base, '/api/v3/depth', 'symbol=RMVUSDT&limit=5')).body;
    // the version and time arrive as strings, as in answers captured from MEXC (docs/protocols/mexc.md §2.4)
    assert.match(depth.lastUpdateId, /^\d+$/);
    assert.match(depth.timestamp, /^\d+$/);
    assert.ok(depth.bids.length > 0 && depth.asks.length > 0);
    assert.ok(Number(depth.bids[0][0]) < Number(depth.asks[0][0]));
    assert.deepEqual((await publicGet(base, '/api/v3/defaultSymbols')).body, {code: 200, data: ['RMVUSDT'], msg: null});
  });

  test('a hand-signed order is accepted and shows in openOrders and the engine', async () => {
    const {bid} = await bestPrices();
    const price = (bid - 0.001).toFixed(5);
    const placed = await signedRequest(base, sim.account, 'POST', '/api/v3/order', {symbol: 'RMVUSDT', side: 'BUY', type: 'LIMIT', quantity: '20', price, newClientOrderId: 'mmx-rest-1'});
    assert.equal(placed.status, 200, JSON.stringify(placed.body));
    assert.match(placed.body.orderId, /^C02__\d+$/);
    assert.equal(placed.body.orderListId, '-1');
    assert.equal(placed.body.origQty, '20');
    assert.match(placed.body.transactTime, /^\d+$/);
    const open = await signedRequest(base, sim.account, 'GET', '/api/v3/openOrders', {symbol: 'RMVUSDT'});
    assert.ok(open.body.some((order: any) => order.clientOrderId === 'mmx-rest-1' && order.status === 'NEW'));
    assert.ok(sim.openOrders().some((order) => order.clientOrderId === 'mmx-rest-1' && order.orderId === placed.body.orderId));
    const query = await signedRequest(base, sim.account, 'GET', '/api/v3/order', {symbol: 'RMVUSDT', origClientOrderId: 'mmx-rest-1'});
    assert.equal(query.body.orderId, placed.body.orderId);
    const account = await signedRequest(base, sim.account, 'GET', '/api/v3/account', {});
    const usdt = account.body.balances.find((balance: any) => balance.asset === 'USDT');
    assert.equal(Number(usdt.locked), Number((20 * Number(price)).toFixed(5)));
    const cancelled = await signedRequest(base, sim.account, 'DELETE', '/api/v3/order', {symbol: 'RMVUSDT', orderId: placed.body.orderId});
    assert.equal(cancelled.status, 200);
    assert.deepEqual(cancelled.body, {symbol: 'RMVUSDT', orderId: placed.body.orderId, price: placed.body.price, origQty: '20', type: 'LIMIT', side: 'BUY'}, 'the cancel answer carries no status and no client ids');
    const after = await signedRequest(base, sim.account, 'GET', '/api/v3/order', {symbol: 'RMVUSDT', orderId: placed.body.orderId});
    assert.equal(after.body.status, 'CANCELED');
  });

  test('parameters split between query string and body are signed as query + body', async () => {
    const {bid} = await bestPrices();
    const query = 'symbol=RMVUSDT&side=BUY&type=LIMIT_MAKER';
    const body = `quantity=10&price=${(bid - 0.002).toFixed(5)}&recvWindow=5000&timestamp=${Date.now()}`;
    const signature = sign(sim.account.apiSecret, query + body);
    const response = await fetch(`${base}/api/v3/order?${query}`, {
      method: 'POST',
      headers: {'X-MEXC-APIKEY': sim.account.apiKey},
      body: `${body}&signature=${signature}`,
    });
    assert.equal(response.status, 200, await response.clone().text());
    const placed = (await response.json()) as any;
    await signedRequest(base, sim.account, 'DELETE', '/api/v3/order', {symbol: 'RMVUSDT', orderId: placed.orderId});
  });

  test('a wrong signature is rejected with 700002', async () => {
    const reply = await signedRequest(base, sim.account, 'GET', '/api/v3/account', {}, {tamper: true});
    assert.equal(reply.status, 400);
    assert.deepEqual(reply.body, {code: 700002, msg: 'Signature for this request is not valid.'});
  });

  test('a stale timestamp is rejected with 700003, a too large recvWindow with 700005', async () => {
    const stale = await signedRequest(base, sim.account, 'GET', '/api/v3/account', {}, {timestamp: Date.now() - 10_000});
    assert.equal(stale.status, 400);
    assert.equal(stale.body.code, 700003);
    const future = await signedRequest(base, sim.account, 'GET', '/api/v3/account', {}, {timestamp: Date.now() + 5000});
    assert.equal(future.body.code, 700003);
    const wide = await signedRequest(base, sim.account, 'GET', '/api/v3/account', {}, {recvWindow: 70_000});
    assert.equal(wide.body.code, 700005);
  });

  test('missing or unknown API keys are rejected', async () => {
    const missing = await fetch(`${base}/api/v3/account?timestamp=${Date.now()}&signature=00`);
    assert.equal(missing.status, 400);
    assert.deepEqual(await missing.json(), {code: 400, msg: 'api key required'});
    const unknown = await signedRequest(base, {apiKey: 'mx0vnotmine', apiSecret: sim.account.apiSecret}, 'GET', '/api/v3/account', {});
    assert.equal(unknown.body.code, 10072);
  });

  test('insufficient balance is rejected with 10101', async () => {
    const {bid} = await bestPrices();
    const reply = await signedRequest(base, sim.account, 'POST', '/api/v3/order', {symbol: 'RMVUSDT', side: 'BUY', type: 'LIMIT', quantity: '100000', price: (bid - 0.001).toFixed(5)});
    assert.equal(reply.status, 400);
    assert.deepEqual(reply.body, {code: 10101, msg: 'Insufficient balance'});
  });

  test('a post-only order that would cross is rejected and nothing trades', async () => {
    const {ask} = await bestPrices();
    const fillsBefore = sim.stats().fills;
    const reply = await signedRequest(base, sim.account, 'POST', '/api/v3/order', {symbol: 'RMVUSDT', side: 'BUY', type: 'LIMIT_MAKER', quantity: '10', price: ask.toFixed(5)});
    assert.equal(reply.status, 400);
    assert.equal(reply.body.code, 30041);
    assert.equal(sim.stats().fills, fillsBefore);
  });

  test('below minimum notional is rejected with 30002', async () => {
    const {bid} = await bestPrices();
    const reply = await signedRequest(base, sim.account, 'POST', '/api/v3/order', {symbol: 'RMVUSDT', side: 'BUY', type: 'LIMIT', quantity: '1', price: (bid - 0.001).toFixed(5)});
    assert.equal(reply.body.code, 30002);
    assert.match(reply.body.msg, /cannot be less than:1USDT/);
  });

  test('unknown orders: cancel -2011, query -2013, no id 700004', async () => {
    const cancel = await signedRequest(base, sim.account, 'DELETE', '/api/v3/order', {symbol: 'RMVUSDT', orderId: 'C02__nope'});
    assert.deepEqual(cancel.body, {code: -2011, msg: 'Unknown order sent.'});
    const query = await signedRequest(base, sim.account, 'GET', '/api/v3/order', {symbol: 'RMVUSDT', origClientOrderId: 'nope'});
    assert.deepEqual(query.body, {code: -2013, msg: 'Order does not exist.'});
    const none = await signedRequest(base, sim.account, 'DELETE', '/api/v3/order', {symbol: 'RMVUSDT'});
    assert.equal(none.body.code, 700004);
  });

  test('batchOrders places up to 20 with per-item results and refuses more', async () => {
    const {bid} = await bestPrices();
    const orders = [
      {symbol: 'RMVUSDT', side: 'BUY', type: 'LIMIT_MAKER', quantity: '10', price: (bid - 0.003).toFixed(5), newClientOrderId: 'mmx-b1'},
      {symbol: 'RMVUSDT', side: 'BUY', type: 'LIMIT_MAKER', quantity: '0.5', price: (bid - 0.003).toFixed(5), newClientOrderId: 'mmx-b2'},
    ];
    const reply = await signedRequest(base, sim.account, 'POST', '/api/v3/batchOrders', {batchOrders: JSON.stringify(orders)});
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.length, 2);
    assert.match(reply.body[0].orderId, /^C02__/);
    assert.equal(reply.body[1].code, 30002);
    assert.equal(reply.body[1].newClientOrderId, 'mmx-b2');
    const tooMany = Array.from({length: 21}, (_, i) => ({...orders[0], newClientOrderId: `mmx-x${i}`}));
    await new Promise((resolve) => setTimeout(resolve, 1000)); // batchOrders is limited to 2 requests/s
    const refused = await signedRequest(base, sim.account, 'POST', '/api/v3/batchOrders', {batchOrders: JSON.stringify(tooMany)});
    assert.equal(refused.status, 400);
    const cancelAll = await signedRequest(base, sim.account, 'DELETE', '/api/v3/openOrders', {symbol: 'RMVUSDT'});
    assert.ok(cancelAll.body.some((order: any) => order.orderId === reply.body[0].orderId));
    assert.equal(sim.openOrders().length, 0);
  });

  test('listen keys: create, list, keepalive, delete; unknown keys get 730708', async () => {
    const created = await signedRequest(base, sim.account, 'POST', '/api/v3/userDataStream', {});
    assert.match(created.body.listenKey, /^[0-9a-f]{64}$/);
    const listed = await signedRequest(base, sim.account, 'GET', '/api/v3/userDataStream', {});
    assert.ok(listed.body.listenKey.includes(created.body.listenKey));
    const kept = await signedRequest(base, sim.account, 'PUT', '/api/v3/userDataStream', {listenKey: created.body.listenKey});
    assert.deepEqual(kept.body, {listenKey: created.body.listenKey});
    const deleted = await signedRequest(base, sim.account, 'DELETE', '/api/v3/userDataStream', {listenKey: created.body.listenKey});
    assert.equal(deleted.status, 200);
    const again = await signedRequest(base, sim.account, 'PUT', '/api/v3/userDataStream', {listenKey: created.body.listenKey});
    assert.equal(again.body.code, 730708);
  });

  test('malformed requests get MEXC-style errors and the simulator keeps serving', async () => {
    const badJson = await fetch(`${base}/api/v3/order`, {method: 'POST', headers: {'X-MEXC-APIKEY': sim.account.apiKey, 'Content-Type': 'application/json'}, body: '{"symbol":'});
    assert.equal(badJson.status, 400);
    assert.equal(((await badJson.json()) as any).code, 33333);
    const missing = await signedRequest(base, sim.account, 'POST', '/api/v3/order', {symbol: 'RMVUSDT', side: 'BUY', type: 'LIMIT'});
    assert.equal(missing.body.code, 700004);
    assert.match(missing.body.msg, /'quantity'/);
    const unknownSymbol = await publicGet(base, '/api/v3/depth', 'symbol=NOPEUSDT');
    assert.deepEqual(unknownSymbol.body, {code: 10007, msg: 'bad symbol'});
    const badLimit = await publicGet(base, '/api/v3/depth', 'symbol=RMVUSDT&limit=abc');
    assert.equal(badLimit.body.code, 33333);
    const badBatch = await signedRequest(base, sim.account, 'POST', '/api/v3/batchOrders', {batchOrders: '[{"symbol":'});
    assert.equal(badBatch.body.code, 33333);
    const tooPrecise = await signedRequest(base, sim.account, 'POST', '/api/v3/order', {symbol: 'RMVUSDT', side: 'BUY', type: 'LIMIT', quantity: '10.001', price: '0.2'});
    assert.equal(tooPrecise.body.code, 33333);
    const market = await signedRequest(base, sim.account, 'POST', '/api/v3/order', {symbol: 'RMVUSDT', side: 'BUY', type: 'MARKET', quantity: '10', price: '0.2'});
    assert.equal(market.body.code, 30051);
    const huge = await fetch(`${base}/api/v3/order`, {method: 'POST', body: 'x'.repeat(200 * 1024)});
    assert.equal(huge.status, 413);
    assert.equal(((await huge.json()) as any).code, 413);
    const unknownPath = await publicGet(base, '/api/v3/nothing');
    assert.equal(unknownPath.status, 404);
    assert.equal(unknownPath.body.code, 404);
    const badEscape = await publicGet(base, '/api/v3/depth', 'symbol=%E0%A4%A');
    assert.equal(badEscape.body.code, 700008);
    await new Promise<void>((resolve) => {
      const socket = connect(new URL(base).port ? Number(new URL(base).port) : 80, '127.0.0.1', () => socket.end('GARBAGE\r\n\r\n'));
      socket.on('data', () => undefined);
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    assert.deepEqual((await publicGet(base, '/api/v3/ping')).body, {});
  });

  test('exceeding an endpoint limit answers 429 with Retry-After', async () => {
    let limited: Response | null = null;
    for (let i = 0; i < 60 && !limited; i++) {
      const response = await fetch(`${base}/api/v3/exchangeInfo`);
      if (response.status === 429) limited = response;
      else await response.arrayBuffer();
    }
    assert.ok(limited, 'exchangeInfo (weight 10) is limited after 500 weight in 10 s');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.deepEqual(await limited.json(), {code: 429, msg: 'Too Many Requests'});
  });

  test('the observer is served over HTTP, with the true reference price and the outage flags', async () => {
    // What is served is the simulator's observer summary as it stands (its figures are checked against the
    // book in test/sim/market/observer.test.ts and test/commands/sim.test.ts). The observer samples once a
    // second: read until no sample fell between the two in-process reads around the request.
    await waitFor(() => sim.observer().samples >= 1, 5000, 'the observer to take its first sample');
    for (let attempt = 0; ; attempt++) {
      const before = JSON.parse(JSON.stringify(sim.observer()));
      const {reference, outages, ...summary} = (await publicGet(base, '/observer')).body;
      const after = JSON.parse(JSON.stringify(sim.observer()));
      if (before.samples !== after.samples && attempt < 5) continue;
      assert.ok(summary.samples >= 1, `${summary.samples} samples served after the first was taken`);
      assert.deepEqual(summary, after);
      assert.ok(typeof reference === 'number' && reference > 0, `reference ${reference}`);
      assert.deepEqual(outages, {referenceOutage: false, mexcPublicOutage: false});
      assert.deepEqual(summary.rule, {maxSpreadPct: 2, bandPct: 2, minDepthUsdt: 1000});
      break;
    }
  });
});

describe('MEXC REST rate-limit ban', () => {
  test('a client that keeps hammering after 429 is banned with 418 and Retry-After', async (t) => {
    const sim = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'calm', seed: 2, tickMs: 50});
    t.after(() => sim.close());
    const statuses: number[] = [];
    let banned: Response | null = null;
    for (let i = 0; i < 200 && !banned; i++) {
      const response = await fetch(`${sim.urls.mexcRest}/api/v3/exchangeInfo`);
      statuses.push(response.status);
      if (response.status === 418) banned = response;
      else await response.arrayBuffer();
    }
    assert.ok(banned, `banned after ${statuses.length} requests`);
    assert.equal(statuses.filter((status) => status === 200).length, 50, 'weight 10 × 50 = the 500 budget');
    assert.ok(statuses.includes(429));
    assert.ok(Number(banned.headers.get('retry-after')) >= 100);
    assert.equal(((await banned.json()) as any).code, 418);
    assert.equal((await publicGet(sim.urls.mexcRest, '/api/v3/ping')).status, 418, 'the ban covers every endpoint');
    assert.equal(sim.stats().internalErrors, 0);
  });
});

describe('venue conditions that stop trading', () => {
  test('a paused symbol shows status 2 and refuses orders with 10007; a key without permission gets canTrade=false and 700007', async (t) => {
    const paused = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'calm', seed: 4, conditions: {symbolStatus: '2'}});
    t.after(() => paused.close());
    const info = (await publicGet(paused.urls.mexcRest, '/api/v3/exchangeInfo', 'symbol=RMVUSDT')).body;
    assert.equal(info.symbols[0].status, '2');
    const order = {symbol: 'RMVUSDT', side: 'BUY', type: 'LIMIT_MAKER', quantity: '100', price: '0.20000'};
    const refused = await signedRequest(paused.urls.mexcRest, paused.account, 'POST', '/api/v3/order', order);
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body, {code: 10007, msg: 'symbol not support api'});

    const noPermission = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'calm', seed: 4, conditions: {accountCanTrade: false}});
    t.after(() => noPermission.close());
    const account = await signedRequest(noPermission.urls.mexcRest, noPermission.account, 'GET', '/api/v3/account', {});
    assert.equal(account.body.canTrade, false);
    const denied = await signedRequest(noPermission.urls.mexcRest, noPermission.account, 'POST', '/api/v3/order', order);
    assert.equal(denied.body.code, 700007);
    assert.equal(noPermission.stats().ordersPlaced, 0);
  });

  test('tradeSideType 2 (buy only) shows in exchangeInfo and refuses sells with 30001, single and in a batch; buys still go', async (t) => {
    const buyOnly = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'calm', seed: 4, baseBalance: 1000, quoteBalance: 500, conditions: {tradeSideType: '2'}});
    t.after(() => buyOnly.close());
    const base = buyOnly.urls.mexcRest;
    const info = (await publicGet(base, '/api/v3/exchangeInfo', 'symbol=RMVUSDT')).body;
    assert.equal(info.symbols[0].tradeSideType, '2');
    const depth = (await publicGet(base, '/api/v3/depth', 'symbol=RMVUSDT&limit=1')).body;
    const bid = Number(depth.bids[0][0]);
    const ask = Number(depth.asks[0][0]);
    const sell = {symbol: 'RMVUSDT', side: 'SELL', type: 'LIMIT_MAKER', quantity: '10', price: (ask + 0.002).toFixed(5), newClientOrderId: 'mmx-s1'};
    const buy = {symbol: 'RMVUSDT', side: 'BUY', type: 'LIMIT_MAKER', quantity: '10', price: (bid - 0.002).toFixed(5), newClientOrderId: 'mmx-b1'};
    const refused = await signedRequest(base, buyOnly.account, 'POST', '/api/v3/order', sell);
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body, {code: 30001, msg: 'Current trading type (bid or ask) is not allowed'});
    const batch = await signedRequest(base, buyOnly.account, 'POST', '/api/v3/batchOrders', {batchOrders: JSON.stringify([buy, {...sell, newClientOrderId: 'mmx-s2'}])});
    assert.equal(batch.status, 200, JSON.stringify(batch.body));
    assert.match(batch.body[0].orderId, /^C02__/);
    assert.deepEqual(batch.body[1], {newClientOrderId: 'mmx-s2', msg: 'Current trading type (bid or ask) is not allowed', code: 30001});
    assert.deepEqual(buyOnly.openOrders().map((o) => o.side), ['BUY']);
  });

  test('tradeSideType 3 refuses buys, 4 refuses both sides; st shows as a boolean and changes nothing about trading', async (t) => {
    const order = (side: 'BUY' | 'SELL') => ({symbol: 'RMVUSDT', side, type: 'LIMIT_MAKER', quantity: '10', price: side === 'BUY' ? '0.20000' : '0.30000'});
    for (const [tradeSideType, refusedSides] of [['3', ['BUY']], ['4', ['BUY', 'SELL']]] as const) {
      const sim = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'calm', seed: 4, baseBalance: 1000, quoteBalance: 500, conditions: {tradeSideType}});
      t.after(() => sim.close());
      for (const side of ['BUY', 'SELL'] as const) {
        const reply = await signedRequest(sim.urls.mexcRest, sim.account, 'POST', '/api/v3/order', order(side));
        assert.equal(reply.body.code === 30001, (refusedSides as readonly string[]).includes(side), `tradeSideType ${tradeSideType}, ${side}: ${JSON.stringify(reply.body)}`);
      }
    }
    const tagged = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'calm', seed: 4, baseBalance: 1000, quoteBalance: 500, conditions: {specialTreatment: true}});
    t.after(() => tagged.close());
    const info = (await publicGet(tagged.urls.mexcRest, '/api/v3/exchangeInfo', 'symbol=RMVUSDT')).body;
    assert.deepEqual([info.symbols[0].st, info.symbols[0].tradeSideType, info.symbols[0].status], [true, '1', '1']);
    const placed = await signedRequest(tagged.urls.mexcRest, tagged.account, 'POST', '/api/v3/order', order('BUY'));
    assert.equal(placed.status, 200, JSON.stringify(placed.body));
  });

  test('a server clock ahead of ours shows in /api/v3/time and rejects our unadjusted timestamps', async (t) => {
    const skewed = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'calm', seed: 4, clockOffsetMs: 60_000});
    t.after(() => skewed.close());
    const asked = Date.now();
    const time = (await publicGet(skewed.urls.mexcRest, '/api/v3/time')).body;
    assert.ok(time.serverTime >= asked + 60_000 && time.serverTime <= Date.now() + 60_000, `serverTime ${time.serverTime}, asked at ${asked}`);
    const reply = await signedRequest(skewed.urls.mexcRest, skewed.account, 'GET', '/api/v3/account', {});
    assert.equal(reply.body.code, 700003);
  });
});
