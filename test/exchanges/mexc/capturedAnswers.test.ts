// The client reads the answers MEXC really sends (captured from the live API: capturedAnswers.ts,
// docs/protocols/mexc.md §2.12): ids, times and versions as strings, `orderListId` "-1", `updateTime` null, an
// empty or null client id, and a cancel answer without a status.
import assert from 'node:assert/strict';
import {after, test} from 'node:test';
import {MexcRestClient} from '../../../source/exchanges/mexc/mexcRestClient.js';
import {MexcTradingPort} from '../../../source/exchanges/mexc/mexcTradingPort.js';
import {cancelledOrder, depth, filledOrder, openOrder, ownTrade, placedOrder} from './capturedAnswers.js';
import {json, startScriptedServer, type Answer, type SeenRequest} from './scriptedHttpServer.js';

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** exchangeInfo for one of the captured symbols, at the decimals its captured prices and sizes need */
function symbolInfo(symbol: string, baseAsset: string, priceDecimals: number, qtyDecimals: number) {
  return {
    symbol,
    status: '1',
    baseAsset,
    quoteAsset: 'USDT',
    baseAssetPrecision: qtyDecimals,
    quotePrecision: priceDecimals,
    quoteAssetPrecision: priceDecimals,
    baseSizePrecision: '0',
    quoteAmountPrecision: '1',
    isSpotTradingAllowed: true,
    permissions: ['SPOT'],
    tradeSideType: 1,
    st: false,
  };
}

async function setup(info: ReturnType<typeof symbolInfo>, route: (req: SeenRequest) => Answer | undefined) {
  const server = await startScriptedServer((req) => {
    if (req.path === '/api/v3/time') return json(200, {serverTime: Date.now()});
    if (req.path === '/api/v3/exchangeInfo') return json(200, {symbols: [info]});
    return route(req) ?? json(404, {code: -1, msg: 'no route'});
  });
  const rest = new MexcRestClient({baseUrl: server.url, apiKey: 'k', apiSecret: 's', recvWindowMs: 5000, timeoutMs: 500});
  const port = new MexcTradingPort({rest, symbol: info.symbol, clientOrderIdPrefix: 'mmx'});
  cleanups.push(() => server.close(), () => rest.close());
  return {rest, port};
}

test('the captured placement answer (orderListId and transactTime as strings, no client id) is a placed order with its exchange id', async () => {
  const {port} = await setup(symbolInfo('ADAUSDT', 'ADA', 4, 2), (req) => (req.path === '/api/v3/order' && req.method === 'POST' ? json(200, placedOrder) : undefined));
  const outcomes = await port.placeOrders([{kind: 'place', clientOrderId: 'mmx1', side: 'BUY', priceTicks: 20_000, qtyLots: 50, reason: 'test'}]);
  assert.deepEqual(outcomes, [{kind: 'placed', clientOrderId: 'mmx1', orderId: 'C02__545584045430513665029'}]);
});

test('the captured cancel answer, which carries no status and no client id, is a successful cancel', async () => {
  const {port} = await setup(symbolInfo('BTCUSDT', 'BTC', 2, 6), (req) => (req.path === '/api/v3/order' && req.method === 'DELETE' ? json(200, cancelledOrder) : undefined));
  const outcomes = await port.cancelOrders([{kind: 'cancel', clientOrderId: 'mmx1', orderId: '133734823834447872', reason: 'test'}]);
  assert.deepEqual(outcomes, [{kind: 'cancelled', clientOrderId: 'mmx1'}]);
});

test('the captured open order (time a string, updateTime null, client id empty) maps to a resting order in ticks and lots', async () => {
  const {port} = await setup(symbolInfo('BTCUSDT', 'BTC', 2, 6), (req) => (req.path === '/api/v3/openOrders' ? json(200, [openOrder]) : undefined));
  assert.deepEqual(await port.openOrders(), [
    {clientOrderId: '', orderId: '133949373632483328', side: 'SELL', priceTicks: 4_500_000, origQtyLots: 200, filledLots: 0, status: 'resting'},
  ]);
});

test('the captured order query (all numbers as strings, client id null) maps to a filled order', async () => {
  const {port} = await setup(symbolInfo('ATLASUSDT', 'ATLAS', 6, 2), (req) => (req.path === '/api/v3/order' && req.method === 'GET' ? json(200, filledOrder) : undefined));
  assert.deepEqual(await port.queryOrder('mmx1'), {
    clientOrderId: '',
    orderId: 'C02__385413065019117569043',
    side: 'SELL',
    priceTicks: 4_327,
    origQtyLots: 122_000,
    filledLots: 122_000,
    status: 'filled',
  });
});

test('the captured own trade and order book (ids, times and versions as strings) are read with numbers where numbers are meant', async () => {
  const {rest} = await setup(symbolInfo('ATLASUSDT', 'ATLAS', 6, 2), (req) => {
    if (req.path === '/api/v3/myTrades') return json(200, [ownTrade]);
    if (req.path === '/api/v3/depth') return json(200, depth);
    return undefined;
  });
  const [trade] = await rest.myTrades({symbol: 'ATLASUSDT'});
  assert.deepEqual([trade!.orderId, trade!.price, trade!.qty, trade!.time, trade!.clientOrderId], ['C02__385413065019117569043', '0.004542', '1220', 1_707_671_871_000, null]);
  const book = await rest.depth('BTCUSDT', 1);
  assert.deepEqual(book, {...book, lastUpdateId: 20_453_289_489, bids: [['45995.47', '10.337165']], asks: [['45995.48', '13.457322']]});
});
