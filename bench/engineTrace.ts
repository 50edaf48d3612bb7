// A deterministic engine trace: the real engine on a fake clock, fed generated books, timers, fills,
// operator commands, connection drops and a trading port whose answers are drawn from a seeded generator
// (placed, rejected for funds / post-only / other, unknown, throttled, thrown; cancels likewise, with
// "unknown order" answers). Everything the engine emits (journal records, notices, the intents it sends)
// and its final snapshot are hashed. Two checkouts that give the same digest for the same seed behave the
// same: this is how a restructure proves it changed no behaviour.
//
//   node --import tsx bench/engineTrace.ts [--seed N] [--minutes N]
import {createHash} from 'node:crypto';
import {writeFileSync} from 'node:fs';
import {parseArgs} from 'node:util';
import {defaultConfig} from '../source/config/configSchema.js';
import {createEngineState} from '../source/engine/engineState.js';
import {Engine} from '../source/engine/kernel.js';
import {EventQueue} from '../source/engine/queue.js';
import {OrderExecutor} from '../source/engine/orders/orderExecutor.js';
import {buildSnapshot} from '../source/engine/view/snapshotBuilder.js';
import type {Balance, EngineEvent, ExchangeOrder, TimerName, WireLevel} from '../source/engine/events.js';
import type {OperatorCommand} from '../source/engine/operatorCommand.js';
import type {CancelIntent, CancelOutcome, PlaceIntent, PlaceOutcome, RequestCounters, TradingPort} from '../source/engine/ports.js';
import {PortError} from '../source/engine/ports.js';
import {benchRules} from './engineHarness.js';
import {generateDepthStream} from './deltaStream.js';
import {SeededRandom} from '../source/sim/seededRandom.js';

const {values} = parseArgs({options: {seed: {type: 'string', default: '1'}, minutes: {type: 'string', default: '90'}, dump: {type: 'string'}}});
const seed = Number(values.seed);
const minutes = Number(values.minutes);

/** A venue with a memory of what rests, answering from a seeded generator. */
class ScriptedPort implements TradingPort {
  readonly resting = new Map<string, ExchangeOrder>();
  private ids = 0;
  log: string[] = [];
  constructor(private readonly random: () => number, private readonly clock: () => number) {}
  async rules() {
    return benchRules;
  }
  async placeOrders(orders: readonly PlaceIntent[]): Promise<PlaceOutcome[]> {
    this.log.push(`place ${orders.map((o) => `${o.clientOrderId}:${o.side}:${o.priceTicks}:${o.qtyLots}:${o.reason}`).join(',')}`);
    const r = this.random();
    if (r < 0.02) throw new Error('socket hang up');
    if (r < 0.05) return orders.map((o) => ({kind: 'throttled' as const, clientOrderId: o.clientOrderId, retryAt: r < 0.035 ? this.clock() + 2500 : null, message: 'budget'}));
    return orders.map((o) => {
      const x = this.random();
      if (x < 0.03) return {kind: 'rejected' as const, clientOrderId: o.clientOrderId, reason: 'insufficientFunds', detail: '10101 Insufficient balance'};
      if (x < 0.05) return {kind: 'rejected' as const, clientOrderId: o.clientOrderId, reason: 'wouldCross', detail: '30041 order would immediately match (LIMIT_MAKER)'};
      if (x < 0.06) return {kind: 'rejected' as const, clientOrderId: o.clientOrderId, reason: 'invalid', detail: '700004 Param error'};
      const rest = (): void => void this.resting.set(o.clientOrderId, {clientOrderId: o.clientOrderId, orderId: `X${++this.ids}`, side: o.side, priceTicks: o.priceTicks, origQtyLots: o.qtyLots, filledLots: 0, status: 'resting'});
      if (x < 0.08) {
        if (this.random() < 0.5) rest();
        return {kind: 'unknown' as const, clientOrderId: o.clientOrderId, message: 'timeout'};
      }
      rest();
      return {kind: 'placed' as const, clientOrderId: o.clientOrderId, orderId: this.resting.get(o.clientOrderId)!.orderId};
    });
  }
  async cancelOrders(orders: readonly CancelIntent[]): Promise<CancelOutcome[]> {
    this.log.push(`cancel ${orders.map((o) => `${o.clientOrderId}:${o.reason}`).join(',')}`);
    return orders.map((o) => {
      const x = this.random();
      if (!this.resting.has(o.clientOrderId)) return {kind: 'rejected' as const, clientOrderId: o.clientOrderId, reason: 'orderNotFound', detail: 'Unknown order sent.'};
      if (x < 0.03) return {kind: 'throttled' as const, clientOrderId: o.clientOrderId, retryAt: null, message: '429'};
      if (x < 0.05) return {kind: 'rejected' as const, clientOrderId: o.clientOrderId, reason: 'other', detail: 'system busy'};
      if (x < 0.07) {
        if (this.random() < 0.5) this.resting.delete(o.clientOrderId);
        return {kind: 'unknown' as const, clientOrderId: o.clientOrderId, message: 'timeout'};
      }
      this.resting.delete(o.clientOrderId);
      return {kind: 'cancelled' as const, clientOrderId: o.clientOrderId};
    });
  }
  async openOrders(): Promise<ExchangeOrder[]> {
    if (this.random() < 0.05) throw new PortError('openOrders: MEXC HTTP 503', null, null, true);
    return [...this.resting.values()].map((o) => ({...o}));
  }
  async queryOrder(clientOrderId: string): Promise<ExchangeOrder | null> {
    const o = this.resting.get(clientOrderId);
    return o ? {...o} : null;
  }
  async balances(): Promise<Record<string, Balance>> {
    if (this.random() < 0.05) throw new PortError('account: MEXC HTTP 429', null, this.clock() + 1500);
    return {RMV: {free: 16000, locked: 0}, USDT: {free: 4000, locked: 0}};
  }
  counters(): RequestCounters {
    return {requests: 0, throttled: 0, rateLimited: 0, blockedUntil: null};
  }
}

/** The venue's own book, from the generated snapshot and every push (also the ones the engine lost). */
class Replica {
  private readonly bids = new Map<string, string>();
  private readonly asks = new Map<string, string>();
  private version: number;
  constructor(snapshot: {version: number; bids: readonly WireLevel[]; asks: readonly WireLevel[]}) {
    for (const [p, q] of snapshot.bids) this.bids.set(p, q);
    for (const [p, q] of snapshot.asks) this.asks.set(p, q);
    this.version = snapshot.version;
  }
  apply(push: {toVersion: number; bids: readonly WireLevel[]; asks: readonly WireLevel[]}): void {
    for (const [side, levels] of [[this.bids, push.bids], [this.asks, push.asks]] as const) {
      for (const [p, q] of levels) {
        if (Number(q) === 0) side.delete(p);
        else side.set(p, q);
      }
    }
    this.version = push.toVersion;
  }
  snapshot(base: number): {version: number; bids: WireLevel[]; asks: WireLevel[]} {
    const sorted = (side: Map<string, string>, desc: boolean): WireLevel[] =>
      [...side.entries()].sort((a, b) => (desc ? Number(b[0]) - Number(a[0]) : Number(a[0]) - Number(b[0])));
    return {version: this.version + base, bids: sorted(this.bids, true), asks: sorted(this.asks, false)};
  }
}

async function main(): Promise<void> {
  const events = SeededRandom.stream(seed, 'trace-events');
  const random = (): number => events.next();
  let now = Date.parse('2026-01-01T00:00:00Z');
  const clock = () => now;
  const config = defaultConfig();
  const state = createEngineState({config, mode: 'sim', rules: benchRules, kucoinPriceDecimals: 5, now, halted: null, complianceHistory: null});
  const queue = new EventQueue();
  const answers = SeededRandom.stream(seed, 'trace-answers');
  const port = new ScriptedPort(() => answers.next(), clock);
  const executor = new OrderExecutor(port, (event) => queue.push(event), clock);
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  // --dump FILE: every hashed line, to find where two checkouts part
  const dump: string[] | null = values.dump ? [] : null;
  const out = (kind: string, value: unknown): void => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    // a rejection's venue code is the port's business, not the engine's: left out of the compared text
    const line = kind + JSON.stringify(value).replace(/rejected: -?\d+ /g, 'rejected: ');
    hash.update(line + '\n');
    dump?.push(line);
  };
  let sequence = 0;
  const resyncDue = new Set<'mexc' | 'kucoin'>();
  let persisted = 0;
  const engine = new Engine(
    state,
    queue,
    executor,
    {
      resync: (venue, reason) => {
        out('resync', {venue, reason});
        resyncDue.add(venue);
      },
      journal: (record) => out(`journal.${record.stream}`, record),
      notice: (e) => out('notice', e),
      // when the state is persisted is the runtime's cadence, not a decision: counted, not compared
      snapshot: () => undefined,
      persist: () => void (persisted += 1),
    },
    () => `mmxtrace${(sequence++).toString(36)}`,
    clock,
    // the decision-latency histogram measures wall time, which differs run to run: a still clock keeps
    // the hashed snapshot a function of the seed alone
    () => 0,
  );
  const feed = async (batch: EngineEvent[]): Promise<void> => {
    const plan = engine.handleBatch(batch);
    if (plan) out('plan', {places: plan.places, cancels: plan.cancels, retire: plan.retire, sides: plan.sides, fair: plan.fair});
    for (let i = 0; i < 20; i++) {
      await executor.drained();
      if (queue.depth === 0) break;
      const next = engine.handleBatch(await queue.next());
      if (next) out('plan', {places: next.places, cancels: next.cancels, retire: next.retire, sides: next.sides, fair: next.fair});
    }
  };

  const chunkSeconds = 600;
  const totalSeconds = minutes * 60;
  let tradeId = 0;
  const commandAt = new Map<number, OperatorCommand>([
    [400, {kind: 'pause'}],
    [460, {kind: 'resume'}],
    [900, {kind: 'resetNow'}],
    [1300, {kind: 'cancelAll'}],
    [1360, {kind: 'resume'}],
    [2000, {kind: 'kill', reason: 'operator'}],
    [2100, {kind: 'unkill'}],
  ]);
  for (let c = 0; c * chunkSeconds < totalSeconds; c++) {
    const kucoin = generateDepthStream({seed: seed * 1000 + c * 2, pushes: chunkSeconds * 2, levelsPerSide: 200, gapTicks: 1, jumpEvery: 300, jumpTicks: 120});
    const mexc = generateDepthStream({seed: seed * 1000 + c * 2 + 1, pushes: chunkSeconds * 2, levelsPerSide: 40, gapTicks: 40, jumpEvery: 300, jumpTicks: 120});
    const base = c * 10_000_000;
    // what each venue's book is now, so a resync can be answered with a current snapshot
    const replica = {kucoin: new Replica(kucoin.snapshot), mexc: new Replica(mexc.snapshot)};
    resyncDue.clear();
    await feed([
      {type: 'book.snapshot', venue: 'kucoin', version: kucoin.snapshot.version + base, bids: kucoin.snapshot.bids, asks: kucoin.snapshot.asks, at: now},
      {type: 'book.snapshot', venue: 'mexc', version: mexc.snapshot.version + base, bids: mexc.snapshot.bids, asks: mexc.snapshot.asks, at: now},
      {type: 'connection', stream: 'kucoin.book', state: 'live', reason: null, at: now},
      {type: 'connection', stream: 'mexc.book', state: 'live', reason: null, at: now},
      {type: 'connection', stream: 'mexc.user', state: 'live', reason: null, at: now},
      {type: 'balance', balances: {RMV: {free: 16000, locked: 0}, USDT: {free: 4000, locked: 0}}, complete: true, at: now},
    ]);
    let kucoinDownUntil = -1;
    for (let s = 0; s < chunkSeconds; s++) {
      now += 1000;
      const t = c * chunkSeconds + s;
      const batch: EngineEvent[] = [];
      for (let k = 0; k < 2; k++) {
        const i = s * 2 + k;
        const skip = random() < 0.002; // a lost push: the engine sees a gap
        for (const [venue, stream] of [['kucoin', kucoin], ['mexc', mexc]] as const) {
          if (venue === 'kucoin' && t < kucoinDownUntil) continue;
          const p = stream.pushes[i]!;
          replica[venue].apply(p);
          if (skip && venue === 'mexc') continue;
          batch.push({type: 'book.delta', venue, fromVersion: p.fromVersion + base, toVersion: p.toVersion + base, bids: p.bids, asks: p.asks, at: now});
        }
      }
      for (const venue of resyncDue) {
        if (venue === 'kucoin' && t < kucoinDownUntil) continue;
        batch.push({type: 'book.snapshot', venue, ...replica[venue].snapshot(base), at: now});
      }
      resyncDue.clear();
      const timers: TimerName[] = ['complianceSample', 'staleCheck'];
      if (t % 2 === 0) timers.push('depthCheck');
      if (t % 60 === 0) timers.push('reconcile');
      if (t % 5 === 0) timers.push('reset');
      for (const timer of timers) batch.push({type: 'timer', timer, at: now});
      const command = commandAt.get(t);
      if (command) batch.push({type: 'command', command, source: 'key', at: now});
      if (random() < 0.004) {
        kucoinDownUntil = t + 15 + Math.floor(random() * 40);
        batch.push({type: 'connection', stream: 'kucoin.book', state: 'down', reason: 'socket closed', at: now});
      }
      if (t === kucoinDownUntil) {
        batch.push({type: 'connection', stream: 'kucoin.book', state: 'live', reason: null, at: now});
        batch.push({type: 'book.snapshot', venue: 'kucoin', ...replica.kucoin.snapshot(base), at: now});
      }
      if (random() < 0.003) batch.push({type: 'connection', stream: 'mexc.user', state: random() < 0.5 ? 'down' : 'live', reason: null, at: now});
      if (random() < 0.08) {
        const open = [...state.orders.values()].filter((o) => o.state === 'open' && o.orderId);
        const order = open[Math.floor(random() * open.length)];
        const remote = order ? port.resting.get(order.clientOrderId) : undefined;
        if (order && remote) {
          const lots = Math.max(1, Math.floor((remote.origQtyLots - remote.filledLots) * (random() < 0.3 ? 1 : 0.4)));
          remote.filledLots += lots;
          const done = remote.filledLots >= remote.origQtyLots;
          if (done) port.resting.delete(order.clientOrderId);
          batch.push({type: 'fill', clientOrderId: order.clientOrderId, orderId: remote.orderId, tradeId: `t${tradeId++}`, side: order.side, priceTicks: order.priceTicks, qtyLots: lots, fee: '0', feeAsset: 'USDT', isMaker: true, at: now});
          batch.push({type: 'order.update', clientOrderId: order.clientOrderId, orderId: remote.orderId, side: order.side, status: done ? 'filled' : 'resting', priceTicks: order.priceTicks, origQtyLots: remote.origQtyLots, filledLots: remote.filledLots, at: now});
        }
      }
      await feed(batch);
    }
  }
  await feed([{type: 'command', command: {kind: 'quit', reason: 'trace end'}, source: 'signal', at: now}]);
  for (let i = 0; i < 30 && state.orders.size > 0; i++) {
    now += 1000;
    await feed([{type: 'timer', timer: 'staleCheck', at: now}]);
  }
  const snapshot = buildSnapshot(state, engine.plan) as unknown as Record<string, unknown>;
  delete snapshot['pid'];
  const counters = snapshot['counters'] as Record<string, number>;
  // counters added since (0 unless something new happened) are reported beside the digest, not in it
  const added = {invalidTransitions: counters['invalidTransitions'] ?? 0};
  delete counters['invalidTransitions'];
  out('snapshot', snapshot);
  for (const line of port.log) out('port', line);
  const digest = hash.digest('hex');
  if (dump && values.dump) writeFileSync(values.dump, dump.join('\n') + '\n');
  process.stdout.write(JSON.stringify({seed, minutes, digest, added, persisted, counts, ordersLeft: state.orders.size, counters: state.counters}) + '\n');
}

await main();
