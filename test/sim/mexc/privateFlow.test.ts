import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {startSimulator, type Simulator} from '../../../source/sim/simulator.js';
import {publicGet, signedRequest, WsProbe, waitFor} from '../simTestKit.js';

describe('private streams: fills from the market model reach the account', () => {
  let sim: Simulator;
  let probe: WsProbe;
  before(async () => {
    sim = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'calm', seed: 21, tickMs: 5, baseBalance: 2000, quoteBalance: 2000});
    const listenKey = (await signedRequest(sim.urls.mexcRest, sim.account, 'POST', '/api/v3/userDataStream', {})).body.listenKey;
    probe = await WsProbe.open(`${sim.urls.mexcWs}?listenKey=${listenKey}`);
    await probe.subscribe(['spot@private.orders.v3.api.pb', 'spot@private.deals.v3.api.pb', 'spot@private.account.v3.api.pb']);
  });
  after(async () => {
    probe.close();
    await sim.close();
  });

  const balances = async () => {
    const body = (await signedRequest(sim.urls.mexcRest, sim.account, 'GET', '/api/v3/account', {})).body;
    return Object.fromEntries(body.balances.map((b: any) => [b.asset, {free: Number(b.free), locked: Number(b.locked)}]));
  };

  test('a taker trade fills our resting bid and the orders, deals and account pushes follow', async () => {
    const {reference} = sim.market();
    const price = (Math.floor(reference * 0.9985 * 1e5) / 1e5).toFixed(5);
    const placed = await signedRequest(sim.urls.mexcRest, sim.account, 'POST', '/api/v3/order', {symbol: 'RMVUSDT', side: 'BUY', type: 'LIMIT_MAKER', quantity: '40', price, newClientOrderId: 'mmx-fill-1'});
    assert.equal(placed.status, 200, JSON.stringify(placed.body));
    const orderId = placed.body.orderId;
    const mine = (push: any) => push.privateOrders?.id === orderId;
    const created = await waitFor(() => probe.pushes.find((push) => mine(push) && push.privateOrders.status === 1), 3000, 'NEW order push');
    assert.equal(created.channel, 'spot@private.orders.v3.api.pb');
    assert.equal(created.privateOrders.clientId, 'mmx-fill-1');
    assert.equal(created.privateOrders.orderType, 2);
    assert.equal(created.privateOrders.tradeType, 1);
    const frozen = await waitFor(() => probe.pushes.find((push) => push.privateAccount?.type === 'ENTRUST_PLACE'), 3000, 'ENTRUST_PLACE push');
    assert.equal(frozen.privateAccount.vcoinName, 'USDT');
    assert.equal(Number(frozen.privateAccount.frozenAmountChange), Number((40 * Number(price)).toFixed(7)));

    const deal = await waitFor(() => probe.pushes.find((push) => push.privateDeals?.orderId === orderId), 20_000, 'deal push from a taker');
    assert.equal(deal.privateDeals.isMaker, true);
    assert.equal(deal.privateDeals.price, price.replace(/0+$/, ''));
    assert.equal(deal.privateDeals.clientOrderId, 'mmx-fill-1');
    assert.equal(deal.privateDeals.tradeType, 1);
    const update = await waitFor(() => probe.pushes.find((push) => mine(push) && [2, 3].includes(push.privateOrders.status)), 3000, 'fill order push');
    assert.equal(update.privateOrders.isMaker, true);
    assert.equal(update.privateOrders.lastDealQuantity, deal.privateDeals.quantity);
    const received = await waitFor(() => probe.pushes.find((push) => push.privateAccount?.vcoinName === 'RMV' && push.privateAccount.type === 'ENTRUST'), 3000, 'base credit push');
    assert.equal(Number(received.privateAccount.balanceAmountChange), Number(deal.privateDeals.quantity), 'maker fee is 0');

    const trades = (await signedRequest(sim.urls.mexcRest, sim.account, 'GET', '/api/v3/myTrades', {symbol: 'RMVUSDT', orderId})).body;
    assert.ok(trades.length >= 1);
    assert.equal(trades[0].isMaker, true);
    assert.equal(trades[0].isBuyer, true);
    assert.ok(sim.stats().fills >= 1);
    await signedRequest(sim.urls.mexcRest, sim.account, 'DELETE', '/api/v3/openOrders', {symbol: 'RMVUSDT'});
  });

  test('our own crossing LIMIT order takes liquidity, pays the taker fee and balances move exactly', async () => {
    const before = await balances();
    const depth = (await publicGet(sim.urls.mexcRest, '/api/v3/depth', 'symbol=RMVUSDT&limit=1')).body;
    const [askPrice, askQty] = depth.asks[0];
    const quantity = Math.min(20, Number(askQty)).toFixed(2);
    const placed = await signedRequest(sim.urls.mexcRest, sim.account, 'POST', '/api/v3/order', {symbol: 'RMVUSDT', side: 'BUY', type: 'IMMEDIATE_OR_CANCEL', quantity, price: (Number(askPrice) * 1.002).toFixed(5)});
    assert.equal(placed.status, 200, JSON.stringify(placed.body));
    const deal = await waitFor(() => probe.pushes.find((push) => push.privateDeals?.orderId === placed.body.orderId), 3000, 'taker deal push');
    assert.equal(deal.privateDeals.isMaker, false);
    const filled = Number(deal.privateDeals.quantity);
    assert.equal(Number(deal.privateDeals.feeAmount), filled * 0.0005);
    assert.equal(deal.privateDeals.feeCurrency, 'RMV');
    const query = (await signedRequest(sim.urls.mexcRest, sim.account, 'GET', '/api/v3/order', {symbol: 'RMVUSDT', orderId: placed.body.orderId})).body;
    assert.ok(['FILLED', 'PARTIALLY_CANCELED'].includes(query.status), query.status);
    const afterwards = await balances();
    const cost = Number(query.cummulativeQuoteQty);
    assert.ok(Math.abs(afterwards.USDT.free - (before.USDT.free - cost)) < 1e-9);
    assert.ok(Math.abs(afterwards.RMV.free - (before.RMV.free + Number(query.executedQty) * 0.9995)) < 1e-9);
  });
});
