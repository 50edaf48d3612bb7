// Soak: the real engine and the real journals on an accelerated clock. Simulated hours (or days) of book
// deltas on both venues, timers (compliance samples, depth checks, reconciles, ladder rebuilds) and fills
// go through the engine, whose journal records go to real journal files with a small size cap. Journal
// bytes on disk must stay bounded; the heap after GC is sampled every simulated hour (see scenarios.ts).
import {readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {defaultConfig} from '../../source/config/configSchema.js';
import {createEngineState} from '../../source/engine/engineState.js';
import {Engine} from '../../source/engine/kernel.js';
import {EventQueue} from '../../source/engine/queue.js';
import {OrderExecutor} from '../../source/engine/orders/orderExecutor.js';
import type {EngineEvent, TimerName} from '../../source/engine/events.js';
import {Journals} from '../../source/store/journals.js';
import {benchRules, openingEvents} from '../../bench/engineHarness.js';
import {InstantTradingPort} from '../../bench/recordingPort.js';
import {generateDepthStream, type DepthStream} from '../../bench/deltaStream.js';
import {SeededRandom} from '../../source/sim/seededRandom.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface SoakOptions {
  dataDir: string;
  simulatedHours: number;
  /** book deltas per venue per simulated second */
  deltasPerSecond: number;
  maxFileBytes: number;
  maxTotalBytes: number;
  retentionDays: number;
  seed: number;
}

export interface SoakResult {
  simulatedHours: number;
  events: number;
  bookDeltas: number;
  fills: number;
  journalWritten: number;
  journalDropped: number;
  journalErrors: number;
  deletedFiles: number;
  /** journal bytes on disk at each simulated hour (largest) */
  maxDiskBytes: number;
  finalDiskBytes: number;
  /** heap after GC at each simulated hour, MB */
  heapMb: number[];
  ordersPlaced: number;
  wallMs: number;
}

const diskBytes = (dir: string): number => {
  try {
    return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
  } catch {
    return 0;
  }
};

export async function runSoak(opts: SoakOptions): Promise<SoakResult> {
  const started = Date.now();
  const random = SeededRandom.stream(opts.seed, 'soak');
  let now = Date.parse('2026-01-01T00:00:00Z');
  const clock = () => now;
  const config = defaultConfig();
  const journals = new Journals(opts.dataDir, {bookIntervalMs: 1000, bookLevels: 10, maxFileBytes: opts.maxFileBytes, maxTotalBytes: opts.maxTotalBytes, retentionDays: opts.retentionDays, flushIntervalMs: 3_600_000, secrets: []}, clock);
  const state = createEngineState({config, mode: 'sim', rules: benchRules, kucoinPriceDecimals: 5, now, halted: null, complianceHistory: null});
  const queue = new EventQueue();
  const port = new InstantTradingPort(benchRules, {RMV: {free: 16000, locked: 0}, USDT: {free: 4000, locked: 0}});
  const executor = new OrderExecutor(port, (event) => queue.push(event), clock);
  let sequence = 0;
  const engine = new Engine(
    state,
    queue,
    executor,
    {resync: () => undefined, journal: (record) => journals.append(record), notice: (e) => journals.append({stream: 'events', at: e.at, mode: 'sim', level: e.level, text: e.text}), snapshot: () => undefined, persist: () => undefined},
    () => `mmxsoak${(sequence++).toString(36)}`,
    clock,
  );
  let events = 0;
  const feed = async (batch: EngineEvent[]): Promise<void> => {
    events += batch.length;
    engine.handleBatch(batch);
    // let the instant port's answers come back through the queue
    for (let i = 0; i < 20; i++) {
      await executor.drained();
      if (queue.depth === 0) break;
      engine.handleBatch(await queue.next());
    }
  };

  // a fresh generated stream per simulated 10 minutes (the book resyncs from a snapshot, as after a gap)
  const chunkSeconds = 600;
  const chunk = (i: number, venue: 'kucoin' | 'mexc'): DepthStream =>
    generateDepthStream({seed: opts.seed * 1000 + i * 2 + (venue === 'mexc' ? 1 : 0), pushes: chunkSeconds * opts.deltasPerSecond, levelsPerSide: venue === 'kucoin' ? 200 : 40, gapTicks: venue === 'mexc' ? 40 : 1});
  const result: SoakResult = {simulatedHours: opts.simulatedHours, events: 0, bookDeltas: 0, fills: 0, journalWritten: 0, journalDropped: 0, journalErrors: 0, deletedFiles: 0, maxDiskBytes: 0, finalDiskBytes: 0, heapMb: [], ordersPlaced: 0, wallMs: 0};
  const totalSeconds = opts.simulatedHours * 3600;
  let tradeId = 0;
  for (let c = 0; c * chunkSeconds < totalSeconds; c++) {
    const kucoin = chunk(c, 'kucoin');
    const mexc = chunk(c, 'mexc');
    const versionBase = c * 10_000_000;
    await feed(openingEvents(kucoin, mexc, now).map((e) => (e.type === 'book.snapshot' ? {...e, version: e.version + versionBase} : e)));
    for (let s = 0; s < chunkSeconds; s++) {
      now += 1000;
      const batch: EngineEvent[] = [];
      for (let k = 0; k < opts.deltasPerSecond; k++) {
        const i = s * opts.deltasPerSecond + k;
        for (const [venue, stream] of [['kucoin', kucoin], ['mexc', mexc]] as const) {
          const p = stream.pushes[i]!;
          batch.push({type: 'book.delta', venue, fromVersion: p.fromVersion + versionBase, toVersion: p.toVersion + versionBase, bids: p.bids, asks: p.asks, at: now});
          result.bookDeltas++;
        }
      }
      const timers: TimerName[] = ['complianceSample', 'staleCheck'];
      const t = c * chunkSeconds + s;
      if (t % 2 === 0) timers.push('depthCheck');
      if (t % 60 === 0) timers.push('reconcile');
      if (t % 1800 === 0) timers.push('reset', 'stateFlush');
      for (const timer of timers) batch.push({type: 'timer', timer, at: now});
      // a fill on one of our resting orders now and then
      if (random.next() < 0.05) {
        const open = [...state.orders.values()].filter((o) => o.state === 'open' && o.orderId);
        const order = open[Math.floor(random.next() * open.length)];
        if (order) {
          batch.push({type: 'fill', clientOrderId: order.clientOrderId, orderId: order.orderId!, tradeId: `t${tradeId++}`, side: order.side, priceTicks: order.priceTicks, qtyLots: 1, fee: '0', feeAsset: 'USDT', isMaker: true, at: now});
          result.fills++;
        }
      }
      await feed(batch);
      if (t % 60 === 59) await journals.flush();
      if (t % 3600 === 3599) {
        await journals.flush();
        result.maxDiskBytes = Math.max(result.maxDiskBytes, diskBytes(journals.dir));
        gc();
        result.heapMb.push(Math.round((process.memoryUsage().heapUsed / 1048576) * 10) / 10);
      }
    }
  }
  await journals.close();
  const stats = journals.stats();
  result.events = events;
  result.journalWritten = stats.written;
  result.journalDropped = stats.dropped;
  result.journalErrors = stats.errors;
  result.deletedFiles = stats.deletedFiles;
  result.finalDiskBytes = diskBytes(journals.dir);
  result.ordersPlaced = state.counters.ordersPlaced;
  result.wallMs = Date.now() - started;
  return result;
}
