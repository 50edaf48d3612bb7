// The request-cost baseline: a bot that follows Hummingbot's pure-market-making refresh defaults
// (order_refresh_time 30 s, order_refresh_tolerance_pct 0): every 30 s it cancels every order it has and,
// once the cancels are answered, places the whole ladder again, one REST request per order (Hummingbot's
// MEXC connector has no batch placement). Between refreshes it sends nothing.
//
// It runs against its own in-process simulator on the scenario and seed our bot gets, through the same
// MEXC client (real signed REST), and prices its ladder with our own pure ladder function from KuCoin's
// mid, with our depth target (1,250 USDT per side, 5 levels, inner quotes ±0.3 %), so the refresh policy is
// the only difference. Simplifications, all in the baseline's favour: no Hummingbot status/balance polling
// is sent (only the account read at start), no filled_order_delay pause after fills.
//
// Usage: node --import tsx bench/baselineBot.ts --scenario calm --seed 1 --duration 60 [--sim-record FILE]
// (--sim-record: the simulator's record of the account's trades, docs/simulator.md §9, for the cost bench)
// Prints one JSON line: {requestsAt: [[epochMs, requests]...], observer, cancelsOfGoneOrders, ...}.
import {parseArgs} from 'node:util';
import {startSimulator} from '../source/sim/simulator.js';
import {MexcRestClient} from '../source/exchanges/mexc/mexcRestClient.js';
import {MexcTradingPort} from '../source/exchanges/mexc/mexcTradingPort.js';
import {KucoinBookStream} from '../source/exchanges/kucoin/kucoinBookStream.js';
import {fetchKucoinSymbol} from '../source/exchanges/kucoin/kucoinSymbol.js';
import {OrderBook} from '../source/engine/market/orderbook.js';
import {buildLadder} from '../source/engine/planner/ladder.js';
import type {EngineEvent} from '../source/engine/events.js';
import type {PlaceIntent, PlaceOutcome} from '../source/engine/ports.js';
import {scenarioNames, type ScenarioName} from '../source/sim/market/scenarios.js';

const REFRESH_MS = 30_000;
const LEVELS = 5;
const TARGET_PER_SIDE = 1250;
const HALF_SPREAD = 0.003;
const BAND = 0.02;
const BAND_MARGIN = 0.003;
const MAX_ORDER_NOTIONAL = 600;
const PREFIX = 'hbb';

const {values} = parseArgs({
  options: {scenario: {type: 'string', default: 'calm'}, seed: {type: 'string', default: '1'}, duration: {type: 'string', default: '60'}, 'sim-record': {type: 'string'}},
});
const scenario = values.scenario as ScenarioName;
if (!scenarioNames.includes(scenario)) throw new Error(`--scenario must be one of ${scenarioNames.join(', ')}`);
const seed = Number(values.seed);
const durationMs = Number(values.duration) * 1000;

const recordFile = values['sim-record'];
const sim = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario, seed, ...(recordFile === undefined ? {} : {recordFile})});
const rest = new MexcRestClient({baseUrl: sim.urls.mexcRest, apiKey: sim.account.apiKey, apiSecret: sim.account.apiSecret, recvWindowMs: 5000, timeoutMs: 5000});
const port = new MexcTradingPort({rest, symbol: 'RMVUSDT', clientOrderIdPrefix: PREFIX});
const started = Date.now();
const requestsAt: Array<[number, number]> = [];
const sampler = setInterval(() => requestsAt.push([Date.now(), rest.counters().requests]), 1000);

await rest.syncTime();
const rules = await port.rules();
const kucoinInfo = await fetchKucoinSymbol(sim.urls.kucoinRest, 'RMV-USDT', 5000);
const reference = new OrderBook(kucoinInfo.priceDecimals);
const kucoin = new KucoinBookStream({restUrl: sim.urls.kucoinRest, symbol: 'RMV-USDT', staleAfterMs: 10_000, timeoutMs: 5000});
await kucoin.start((event: EngineEvent) => {
  if (event.type === 'book.snapshot') reference.applySnapshot(event.version, event.bids, event.asks, event.at);
  else if (event.type === 'book.delta' && reference.applyDelta(event.fromVersion, event.toVersion, event.bids, event.asks, event.at) === 'gap') kucoin.resync('gap');
});
const funds = await port.balances();

let sequence = 0;
let active: Array<{clientOrderId: string; orderId: string}> = [];
let cancelsOfGoneOrders = 0;
let placeFailures = 0;
let refreshes = 0;

async function cancelAll(): Promise<void> {
  if (active.length === 0) return;
  const outcomes = await port.cancelOrders(active.map((o) => ({kind: 'cancel' as const, clientOrderId: o.clientOrderId, orderId: o.orderId, reason: 'refresh'})));
  cancelsOfGoneOrders += outcomes.filter((o) => o.kind === 'rejected').length;
  active = [];
}

function ladder(mid: number): PlaceIntent[] {
  const intents: PlaceIntent[] = [];
  const baseFree = funds[rules.baseAsset]?.free ?? 0;
  const quoteFree = funds[rules.quoteAsset]?.free ?? 0;
  for (const side of ['BUY', 'SELL'] as const) {
    const budget = Math.min(TARGET_PER_SIDE, (side === 'BUY' ? quoteFree : baseFree * mid) * 0.995);
    const levels = buildLadder({
      side,
      rules,
      innerPrice: mid * (side === 'BUY' ? 1 - HALF_SPREAD : 1 + HALF_SPREAD),
      center: mid,
      bandPct: BAND,
      bandMarginPct: BAND_MARGIN,
      levels: LEVELS,
      budgetQuote: budget,
      oppositeBestTicks: null,
      maxOrderNotional: MAX_ORDER_NOTIONAL,
    });
    for (const level of levels) {
      intents.push({kind: 'place', clientOrderId: `${PREFIX}${started.toString(36)}${(sequence++).toString(36)}`, side, priceTicks: level.priceTicks, qtyLots: level.qtyLots, reason: 'refresh'});
    }
  }
  return intents;
}

async function refresh(): Promise<void> {
  const mid = reference.mid();
  if (mid === null || !reference.synced) return;
  refreshes++;
  await cancelAll();
  // one request per order, sent together
  const outcomes: PlaceOutcome[] = (await Promise.all(ladder(mid).map((intent) => port.placeOrders([intent])))).flat();
  for (const outcome of outcomes) {
    if (outcome.kind === 'placed') active.push({clientOrderId: outcome.clientOrderId, orderId: outcome.orderId});
    else placeFailures++;
  }
}

// first ladder as soon as the reference is synced, then every 30 s
const deadline = started + durationMs;
while (!reference.synced && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
let nextRefresh = Date.now();
while (Date.now() < deadline) {
  if (Date.now() >= nextRefresh) {
    await refresh();
    nextRefresh += REFRESH_MS;
  }
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(nextRefresh, deadline) - Date.now())));
}
clearInterval(sampler);
requestsAt.push([Date.now(), rest.counters().requests]);
const observer = sim.observer();
await cancelAll();
const leftovers = sim.openOrders().filter((o) => o.clientOrderId.startsWith(PREFIX)).length;
await kucoin.stop();
rest.close();
await sim.close();
process.stdout.write(JSON.stringify({msg: 'baseline', scenario, seed, started, refreshes, requestsAt, observer, cancelsOfGoneOrders, placeFailures, leftovers}) + '\n');
