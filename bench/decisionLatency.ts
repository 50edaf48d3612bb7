// Event → order-intent latency and sustained event rate of the real engine (queue + consumer + planner +
// executor), in-process with an instant trading port, so only our code is on the clock.
//
// Latency: one book event is pushed on the queue, the consumer takes the batch and runs the decision;
// the clock stops when handleBatch returns, by which time the intents have reached the port (the
// executor calls it synchronously). Outcomes (acks) are fed back untimed between samples.
//
// Rate: the real consumer loop (engine.run) against a producer that offers book deltas at a fixed rate,
// a chunk per macrotask as a socket read delivers them. A rate holds when the engine keeps up (≥ 99 % of
// the offered events consumed) and the queue never passes its high-water mark. Offered rates double
// until one fails; the last that held is the sustained rate.
import type {EngineEvent} from '../source/engine/events.js';
import {generateDepthStream, type DepthStream} from './deltaStream.js';
import {createEngineHarness, openingEvents} from './engineHarness.js';
import {quantile} from './sampleStats.js';

export interface LatencyResult {
  /** book events timed (after warm-up) */
  samples: number;
  /** of which the decision sent intents (the figure's population) */
  withIntents: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
  /** every book event, including those whose decision changed nothing */
  allP50Us: number;
  allP99Us: number;
}

export interface RateStep {
  offered: number;
  consumed: number;
  decisions: number;
  maxQueueDepth: number;
  overloads: number;
  held: boolean;
}

export interface RateResult {
  sustainedEventsPerSec: number;
  /** events per decision at the sustained rate (coalescing) */
  eventsPerDecision: number;
  steps: RateStep[];
}

function streams(pushes: number, jumpEvery: number): {kucoin: DepthStream; mexc: DepthStream} {
  // KuCoin: deep, tight, with a 0.4 % jump every `jumpEvery` pushes so decisions move the ladder
  const kucoin = generateDepthStream({seed: 11, pushes, levelsPerSide: 200, jumpEvery, jumpTicks: 100});
  // MEXC: thin others' book with a ~2 % gap each side
  const mexc = generateDepthStream({seed: 13, pushes: Math.ceil(pushes / 4), levelsPerSide: 20, gapTicks: 500, maxLevelsPerPush: 3});
  return {kucoin, mexc};
}

/** Interleaves the two venues' pushes (four KuCoin per MEXC) as engine events. */
function* bookEvents(kucoin: DepthStream, mexc: DepthStream, at: () => number): Generator<EngineEvent> {
  let m = 0;
  for (let k = 0; k < kucoin.pushes.length; k++) {
    const p = kucoin.pushes[k]!;
    yield {type: 'book.delta', venue: 'kucoin', fromVersion: p.fromVersion, toVersion: p.toVersion, bids: p.bids, asks: p.asks, at: at()};
    if (k % 4 === 3 && m < mexc.pushes.length) {
      const q = mexc.pushes[m++]!;
      yield {type: 'book.delta', venue: 'mexc', fromVersion: q.fromVersion, toVersion: q.toVersion, bids: q.bids, asks: q.asks, at: at()};
    }
  }
}

export async function runLatencyBench(opts: {quick: boolean; log: (line: string) => void}): Promise<LatencyResult> {
  const samples = opts.quick ? 4_000 : 40_000;
  const warmup = 1_000;
  let virtual = 1_760_000_000_000;
  const clock = (): number => virtual;
  const h = createEngineHarness(clock);
  const {kucoin, mexc} = streams(samples + warmup, 10);
  h.engine.handleBatch(openingEvents(kucoin, mexc, clock()));
  await h.settle();
  if (h.state.orders.size === 0) throw new Error('latency bench: the engine placed no orders on the opening market');
  h.port.takeIntentCount();
  const all: number[] = [];
  const withIntents: number[] = [];
  let n = 0;
  for (const event of bookEvents(kucoin, mexc, clock)) {
    virtual += 10; // 100 book events per second of virtual time
    const start = process.hrtime.bigint();
    h.queue.push(event);
    const batch = await h.queue.next();
    h.engine.handleBatch(batch);
    const us = Number(process.hrtime.bigint() - start) / 1000;
    const intents = h.port.takeIntentCount();
    if (n++ >= warmup) {
      all.push(us);
      if (intents > 0) withIntents.push(us);
    }
    await h.settle();
    h.port.takeIntentCount();
  }
  all.sort((a, b) => a - b);
  withIntents.sort((a, b) => a - b);
  opts.log(`latency: ${all.length} samples, ${withIntents.length} with intents, ${h.port.placedOrders} places / ${h.port.cancelledOrders} cancels`);
  return {
    samples: all.length,
    withIntents: withIntents.length,
    p50Us: quantile(withIntents, 0.5),
    p99Us: quantile(withIntents, 0.99),
    maxUs: withIntents[withIntents.length - 1] ?? Number.NaN,
    allP50Us: quantile(all, 0.5),
    allP99Us: quantile(all, 0.99),
  };
}

async function offer(rate: number, durationMs: number, kucoin: DepthStream, mexc: DepthStream): Promise<RateStep> {
  const h = createEngineHarness(Date.now);
  h.engine.handleBatch(openingEvents(kucoin, mexc, Date.now()));
  await h.settle();
  const consumer = h.engine.run();
  const events = bookEvents(kucoin, mexc, Date.now);
  const decisionsBefore = h.state.counters.decisions;
  let pushed = 0;
  let maxDepth = 0;
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const tick = (): void => {
      const elapsed = performance.now() - start;
      if (elapsed >= durationMs) return resolve();
      const due = Math.floor((elapsed / 1000) * rate);
      while (pushed < due) {
        const next = events.next();
        if (next.done) return reject(new Error('rate bench: event stream exhausted'));
        h.queue.push(next.value);
        pushed++;
      }
      maxDepth = Math.max(maxDepth, h.queue.depth);
      setImmediate(tick);
    };
    setImmediate(tick);
  });
  const offered = Math.floor((durationMs / 1000) * rate);
  // book events the consumer applied during the window: every push advances its venue's version by one
  const consumed = h.state.kucoinBook.version! - kucoin.snapshot.version + (h.state.mexcBook.version! - mexc.snapshot.version);
  const decisions = h.state.counters.decisions - decisionsBefore;
  h.queue.push({type: 'command', command: {kind: 'quit', reason: 'bench'}, source: 'engine', at: Date.now()});
  await consumer;
  const overloads = h.queue.overloadCount;
  return {offered, consumed, decisions, maxQueueDepth: maxDepth, overloads, held: consumed >= offered * 0.99 && overloads === 0};
}

export async function runRateBench(opts: {quick: boolean; log: (line: string) => void}): Promise<RateResult> {
  const durationMs = opts.quick ? 500 : 2000;
  const maxRate = 3_200_000;
  const {kucoin, mexc} = streams(Math.ceil((maxRate * durationMs) / 1000 / 1.25) + 10_000, 200);
  const steps: RateStep[] = [];
  let sustained = 0;
  let eventsPerDecision = Number.NaN;
  // warm-up, not counted: the first step otherwise also measures the JIT compiling the engine, and the
  // lowest rate is the one with the most decisions per event (little to coalesce), so a cold start there
  // could end the search before any rate was tried warm
  await offer(25_000, durationMs, kucoin, mexc);
  for (let rate = 25_000; rate <= maxRate; rate *= 2) {
    const step = await offer(rate, durationMs, kucoin, mexc);
    steps.push(step);
    opts.log(`rate: offered ${rate}/s → consumed ${step.consumed} of ${step.offered}, ${step.decisions} decisions, max queue ${step.maxQueueDepth}${step.held ? '' : ' (backed up)'}`);
    if (!step.held) break;
    sustained = rate;
    eventsPerDecision = step.consumed / Math.max(1, step.decisions);
  }
  return {sustainedEventsPerSec: sustained, eventsPerDecision, steps};
}
