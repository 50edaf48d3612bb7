// Assembles the exchange simulator (docs/simulator.md): the MEXC venue (REST + WS on one loopback port),
// the KuCoin venue, the market model clock, fault injection, the independent compliance observer and,
// when asked, the record of the test account's trades and the reference path written at the stop.
import {randomBytes} from 'node:crypto';
import {createServer} from 'node:http';
import {startKucoinSim, type KucoinSim} from './kucoin/kucoinSim.js';
import {DEFAULT_FAULT_TIMING, FaultController, stressFaultNames, type FaultAction, type FaultName, type FaultTiming, type KucoinFaultLevels} from './faults.js';
import {asFaultSpec, type FaultSpec} from './faultSpec.js';
import {amountToAtoms} from './fixedPoint.js';
import {closeServer, listenOn} from './loopbackServer.js';
import {ListenKeys} from './mexc/listenKeys.js';
import {Arbitrageur, type ArbitrageParams} from './market/arbitrageur.js';
import {MarketModel} from './market/marketModel.js';
import {MarketPlan} from './market/marketPlan.js';
import {privateAccountPush, privateDealPush, privateOrderPush} from './mexc/mexcPushes.js';
import {MexcRestServer} from './mexc/mexcRestServer.js';
import {NORMAL_CONDITIONS, type VenueConditions} from './mexc/venueConditions.js';
import {MexcVenue, type VenueEvent} from './mexc/mexcVenue.js';
import {DEFAULT_WS_LIMITS, MexcWsServer, type WsLimits} from './mexc/mexcWsServer.js';
import {ComplianceObserver, type ObserverSummary} from './market/observer.js';
import {OtherParticipants} from './market/otherParticipants.js';
import {PublicFeed} from './mexc/publicFeed.js';
import {scenarioParams, type ScenarioName} from './market/scenarios.js';
import {makeSimSymbol, priceText, qtyText} from './mexc/simSymbol.js';
import {writeSimRecord} from './record/recordFile.js';
import {SimRecorder} from './record/simRecord.js';

export type {ObserverSummary} from './market/observer.js';
export type {FaultName} from './faults.js';
export type {FaultSpec} from './faultSpec.js';
export type {ScenarioName} from './market/scenarios.js';

export interface SimulatorOptions {
  /** MEXC symbol, e.g. 'RMVUSDT' (base = symbol minus 'USDT') */
  symbol: string;
  /** KuCoin symbol, e.g. 'RMV-USDT' */
  referenceSymbol: string;
  scenario: ScenarioName;
  seed: number;
  /** MEXC server port (0 = free); KuCoin gets port+1 when port > 0, else a free one */
  port?: number;
  /**
   * faults switched on from the start (a name) or for a window (a spec: faultSpec.ts); scenario `stress`
   * switches every stress fault on, and the outage faults given here still apply on top of it
   */
  faults?: ReadonlyArray<FaultName | FaultSpec>;
  /** the funded test account (base units / USDT); default 4000 each */
  baseBalance?: number;
  quoteBalance?: number;
  /** market model step (default 100 ms) */
  tickMs?: number;
  /** observer sampling period (default 1000 ms) */
  observerIntervalMs?: number;
  /** WS limit overrides (tests shorten the documented 30 s / 60 s / 24 h) */
  wsLimits?: Partial<WsLimits>;
  /** fault timing overrides */
  faultTiming?: Partial<FaultTiming>;
  /** symbol/account states that stop trading (default: all open); tests of the live readiness checks set them */
  conditions?: Partial<VenueConditions>;
  /** the MEXC server's clock runs this far ahead of the machine's (ms; negative = behind): clock-skew tests */
  clockOffsetMs?: number;
  /** write the record of the test account's trades and the reference path here at the stop (docs/simulator.md §9) */
  recordFile?: string;
  /** the arbitrageur instead of the scenario's (null: none); tests switch it on in calm or tune it */
  arbitrage?: ArbitrageParams | null;
}

export interface SimulatorStats {
  privateRequests: number;
  publicRequests: number;
  ordersPlaced: number;
  ordersCancelled: number;
  fills: number;
  faultsInjected: Record<string, number>;
  /** exceptions the simulator caught in itself (REST handlers, model steps, push flushes); 0 in a healthy run */
  internalErrors: number;
  /** the KuCoin venue's own counters (requests, pushes, its level-triggered fault flags) */
  kucoin: Record<string, number>;
}

/** What GET /observer serves: the observer's summary, the model's true reference price and the outages now on. */
export interface ObserverReport extends ObserverSummary {
  reference: number;
  outages: {referenceOutage: boolean; mexcPublicOutage: boolean};
}

export interface SimOpenOrder {
  clientOrderId: string;
  orderId: string;
  side: 'BUY' | 'SELL';
  price: string;
  origQty: string;
  executedQty: string;
}

export interface Simulator {
  urls: {mexcRest: string; mexcWs: string; kucoinRest: string; observer: string};
  /** generated per start; printed by `mexc-mm sim`, never written to a file */
  account: {apiKey: string; apiSecret: string};
  observer(): ObserverSummary;
  /** the observer's summary with the true reference price and the outage flags (GET /observer) */
  observerReport(): ObserverReport;
  stats(): SimulatorStats;
  /** the test account's open orders, straight from the matching engine */
  openOrders(): SimOpenOrder[];
  /** on for `durationSec` seconds of model time when given (then off by itself), else until switched off */
  setFault(name: FaultName, on: boolean, durationSec?: number): void;
  /** the market model's current reference price and step (for diagnostics and tests) */
  market(): {step: number; reference: number};
  close(): Promise<void>;
}

const KUCOIN_PRICE_DECIMALS = 5;
const KUCOIN_SIZE_DECIMALS = 4;
const HOST = '127.0.0.1';

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const rules = makeSimSymbol(opts.symbol);
  const params = scenarioParams(opts.scenario);
  const tickMs = opts.tickMs ?? 100;
  const clockOffsetMs = opts.clockOffsetMs ?? 0;
  // the venue's one clock: REST time, timestamp checks, pushes, listen keys and the observer all read it
  const now = () => Date.now() + clockOffsetMs;
  const faults = new FaultController(params.allFaults ? stressFaultNames : [], {...DEFAULT_FAULT_TIMING, ...opts.faultTiming}, params.allFaults);
  faults.stepMsHint = tickMs;
  const steps = (sec: number) => (sec * 1000) / tickMs;
  for (const given of opts.faults ?? []) {
    const spec = asFaultSpec(given);
    if (faults.isOn(spec.name)) continue;
    faults.schedule(spec.name, steps(spec.startSec), spec.durationSec === null ? null : steps(spec.durationSec));
  }
  const startBalances = {base: amountToAtoms(opts.baseBalance ?? 4000), quote: amountToAtoms(opts.quoteBalance ?? 4000)};
  const venue = new MexcVenue(rules, opts.seed, startBalances, now);
  const recorder =
    opts.recordFile === undefined
      ? null
      : new SimRecorder(rules, {
          scenario: opts.scenario,
          seed: opts.seed,
          tickMs,
          startedAt: now(),
          startBalances: {[rules.baseAsset]: startBalances.base, [rules.quoteAsset]: startBalances.quote},
        });
  const listenKeys = new ListenKeys();
  const account = {apiKey: `mx0v${randomBytes(9).toString('hex')}`, apiSecret: randomBytes(16).toString('hex')};
  const observer = new ComplianceObserver(venue.book, rules, now, opts.observerIntervalMs ?? 1000);
  const ws = new MexcWsServer({symbol: rules.symbol, listenKeys, now, limits: {...DEFAULT_WS_LIMITS, ...opts.wsLimits}});
  const feed = new PublicFeed(rules, venue.book, ws, faults, now);
  venue.book.onLevelChange = (change) => feed.onLevelChange(change);
  venue.onEvent((event: VenueEvent) => {
    switch (event.kind) {
      case 'publicTrade':
        feed.onTrade(event);
        return;
      case 'order':
        ws.sendPrivate('orders', privateOrderPush(rules, event.order, event.lastDealLots, event.isMaker, now()));
        return;
      case 'deal':
        recorder?.addTrade(event.trade);
        ws.sendPrivate('deals', privateDealPush(rules, event.trade, now()));
        return;
      case 'balance':
        ws.sendPrivate('account', privateAccountPush(event.change, now()));
        return;
    }
  });
  const conditions: VenueConditions = {...NORMAL_CONDITIONS, ...opts.conditions};
  // the model exists once both venues listen; until then the report carries the plan's starting price
  let trueReference = () => rules.startPrice;
  const observerReport = (): ObserverReport => ({
    ...observer.summary(),
    reference: trueReference(),
    outages: {referenceOutage: faults.isOn('referenceOutage'), mexcPublicOutage: faults.isOn('mexcPublicOutage')},
  });
  const rest = new MexcRestServer({venue, listenKeys, now, conditions, account, faults, observerSummary: observerReport});
  const server = createServer({maxHeaderSize: 32 * 1024}, (req, res) => rest.handle(req, res));
  server.on('upgrade', (req, socket, head) => ws.handleUpgrade(req, socket, head));
  // Unparseable HTTP gets a plain 400 (as any front proxy would) and never reaches the handlers.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  const cleanups: Array<() => Promise<void> | void> = [() => observer.close(), () => feed.close(), () => ws.close(), () => rest.close()];
  let kucoin: KucoinSim | null = null;
  try {
    const port = await listenOn(server, HOST, opts.port ?? 0);
    kucoin = await startKucoinSim({
      symbol: opts.referenceSymbol,
      priceDecimals: KUCOIN_PRICE_DECIMALS,
      sizeDecimals: KUCOIN_SIZE_DECIMALS,
      seed: opts.seed,
      port: opts.port && opts.port > 0 ? opts.port + 1 : 0,
      host: HOST,
    });
    return assemble(port, kucoin);
  } catch (error) {
    for (const cleanup of cleanups) await cleanup();
    await kucoin?.close();
    await closeServer(server);
    throw error;
  }

  function assemble(port: number, reference: KucoinSim): Simulator {
    let kucoinLevels: KucoinFaultLevels = {stall: false, rateLimitBurst: false, serverError: false};
    let referenceGapDue = false;
    const outagesApplied = {referenceOutage: false, mexcPublicOutage: false};
    const syncKucoinFaults = () => {
      const next = faults.kucoinLevels();
      for (const name of ['stall', 'rateLimitBurst', 'serverError'] as const) {
        if (next[name] !== kucoinLevels[name]) reference.setFault(name, next[name]);
      }
      kucoinLevels = next;
      // the outages are level-triggered too: applied on the step their window opens or closes
      const referenceDown = faults.isOn('referenceOutage');
      if (referenceDown !== outagesApplied.referenceOutage) reference.setReachable(!referenceDown);
      const publicDown = faults.isOn('mexcPublicOutage');
      if (publicDown !== outagesApplied.mexcPublicOutage) ws.setPublicOpen(!publicDown);
      outagesApplied.referenceOutage = referenceDown;
      outagesApplied.mexcPublicOutage = publicDown;
    };
    const applyFault = (action: FaultAction) => {
      switch (action.kind) {
        case 'dropConnections':
          ws.dropAll();
          reference.dropConnections();
          return;
        case 'expireListenKeys':
          ws.closeListenKeys(listenKeys.expireAll());
          return;
        case 'referenceGap':
          referenceGapDue = true;
          return;
      }
    };
    const arbitrage = opts.arbitrage === undefined ? params.arbitrage : opts.arbitrage;
    const model = new MarketModel({
      plan: new MarketPlan(opts.seed, rules.startPrice, params, rules),
      venue,
      others: new OtherParticipants(opts.seed, venue),
      arbitrageur: arbitrage === null ? null : new Arbitrageur(arbitrage, venue, () => reference.bestTicks()),
      faults,
      now,
      applyFault,
      stepReference: (time, mid) => {
        syncKucoinFaults();
        // KuCoin's sequenceGap is level-triggered (drops a message every step while on): one step per trigger.
        if (referenceGapDue) reference.setFault('sequenceGap', true);
        reference.step(time, mid);
        if (referenceGapDue) reference.setFault('sequenceGap', false);
        referenceGapDue = false;
        recorder?.addReference(time, mid);
      },
    });
    trueReference = () => model.stats.reference;
    model.prime();
    model.start(tickMs);
    const base = `http://${HOST}:${port}`;
    let closed = false;
    return {
      urls: {mexcRest: base, mexcWs: `ws://${HOST}:${port}/ws`, kucoinRest: reference.restUrl, observer: `${base}/observer`},
      account,
      observer: () => observer.summary(),
      observerReport,
      stats: () => ({
        privateRequests: rest.stats.privateRequests,
        publicRequests: rest.stats.publicRequests,
        ordersPlaced: venue.counters.ordersPlaced,
        ordersCancelled: venue.counters.ordersCancelled,
        fills: venue.counters.fills,
        faultsInjected: {...faults.injected},
        internalErrors: rest.stats.internalFailures + model.stats.stepErrors + feed.stats.flushErrors,
        kucoin: reference.stats(),
      }),
      openOrders: () =>
        venue.book.ordersOf('account').flatMap((resting) => {
          const order = venue.records.byOrderId(resting.orderId);
          if (!order) return [];
          return [
            {
              clientOrderId: order.clientOrderId ?? '',
              orderId: order.orderId,
              side: order.side,
              price: priceText(resting.priceTicks, rules),
              origQty: qtyText(order.origLots, rules),
              executedQty: qtyText(order.origLots - resting.remainingLots, rules),
            },
          ];
        }),
      setFault: (name, on, durationSec) => {
        if (on) faults.schedule(name, 0, durationSec === undefined ? null : steps(durationSec));
        else faults.set(name, false);
        syncKucoinFaults();
      },
      market: () => ({step: model.stats.steps, reference: model.stats.reference}),
      close: async () => {
        if (closed) return;
        closed = true;
        model.stop();
        // taken before anything closes: the balances and the path as the market left them
        const record = recorder?.record({
          endedAt: now(),
          finalBalances: Object.fromEntries(venue.ledger.assets().map(([asset, balance]) => [asset, balance.free + balance.locked])),
          market: {
            steps: model.stats.steps,
            takerOrders: model.stats.takerOrders,
            takerLotsFilled: model.stats.takerLotsFilled,
            ...Object.fromEntries(Object.entries(model.stats.arbitrage).map(([key, value]) => [`arbitrage${key[0]!.toUpperCase()}${key.slice(1)}`, value])),
            stepErrors: model.stats.stepErrors,
          },
          observer: observer.summary(),
        });
        for (const cleanup of cleanups) await cleanup();
        await reference.close();
        await closeServer(server);
        // last, so a file that cannot be written still leaves every port closed
        if (record && opts.recordFile !== undefined) await writeSimRecord(opts.recordFile, record);
      },
    };
  }
}
