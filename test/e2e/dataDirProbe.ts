// Reads what a running headless bot leaves in its data dir (state.json, the events and orders journals)
// and what its in-process simulator's observer says, as seen from outside the process: a test samples
// both every few hundred ms and then judges the whole timeline. Only the fields the tests read are typed.
import assert from 'node:assert/strict';
import {readdirSync, readFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {exitedWithin, startCli, waitFor, type RunningCli} from './processHarness.js';

export interface StateOrder {
  clientOrderId: string;
  side: 'BUY' | 'SELL';
  price: number;
  qty: number;
  filled: number;
  status: 'PENDING_NEW' | 'NEW' | 'PARTIALLY_FILLED' | 'PENDING_CANCEL' | 'UNKNOWN';
}

export interface BotState {
  pid: number;
  startedAt: number;
  updatedAt: number;
  halted: {since: number; reason: string} | null;
  suspension: {cause: string; since: number; reason: string} | null;
  pricing: {step: string; since: number; detail: string; widenLevel: number; referenceStaleSince: number | null; outage: string};
  orders: StateOrder[];
  sides: Record<'bid' | 'ask', {quoting: boolean; reason: string | null; ownDepth: number; target: number}>;
  streams: Record<string, {state: string; reason: string | null}>;
  books: Record<'mexc' | 'kucoin', {synced: boolean}>;
  counters: {ordersPlaced: number; ordersRejected: number; unknownOutcomes: number; errors: number};
}

export interface ObserverView {
  samples: number;
  passPerSidePct: number;
  current: {passPerSide: boolean; bidDepthUsdt: number; askDepthUsdt: number; spreadPct: number | null; reason: string | null} | null;
  reference?: number;
  outages?: {referenceOutage: boolean; mexcPublicOutage: boolean};
}

export interface JournalLine {
  at: number;
  level?: string;
  text?: string;
  action?: string;
  clientOrderId?: string;
}

/**
 * At the end of the test, however it ends: SIGKILL the bot if it still runs, wait for it to be gone, then
 * remove `dir` (again: a bot killed after tempDir's own clean-up could have written into it meanwhile).
 */
export function killAtEnd(t: {after: (fn: () => Promise<void>) => void}, run: RunningCli, dir: string): void {
  t.after(async () => {
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    await run.exited;
    rmSync(dir, {recursive: true, force: true});
  });
}

/** state.json, or null while it does not exist yet (it is replaced atomically, so a read never sees half a file). */
export function readState(dir: string): BotState | null {
  try {
    return JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as BotState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Every record of one journal stream (`events`, `orders`, …), oldest file first; [] before the first flush. */
export function readJournal(dir: string, stream: string): JournalLine[] {
  let names: string[];
  try {
    names = readdirSync(join(dir, 'journal'));
  } catch {
    return [];
  }
  const lines: JournalLine[] = [];
  for (const name of names.filter((n) => n.startsWith(`${stream}-`) && n.endsWith('.ndjson')).sort()) {
    for (const line of readFileSync(join(dir, 'journal', name), 'utf8').split('\n')) {
      if (line.trim()) lines.push(JSON.parse(line) as JournalLine);
    }
  }
  return lines;
}

/** Our acknowledged resting orders on one side. */
export const resting = (state: BotState, side: 'BUY' | 'SELL'): StateOrder[] =>
  state.orders.filter((o) => o.side === side && (o.status === 'NEW' || o.status === 'PARTIALLY_FILLED'));

export const quotesBothSides = (state: BotState): boolean => resting(state, 'BUY').length > 0 && resting(state, 'SELL').length > 0;

/**
 * The in-process simulator's observer URL: sim mode journals "simulator (…) at <MEXC REST>" as its first
 * event (the journal is flushed about once a second).
 */
export async function observerUrlOf(dir: string, run: RunningCli): Promise<string> {
  return waitFor(
    'the "simulator … at <url>" event in the journal',
    () => {
      if (run.child.exitCode !== null) throw new Error(`the bot exited ${run.child.exitCode} early: ${run.stderr().slice(-600)}`);
      const line = readJournal(dir, 'events').find((e) => /^simulator \(.*\) at http:\/\/127\.0\.0\.1:\d+$/.test(e.text ?? ''));
      return line ? `${/at (\S+)$/.exec(line.text!)![1]}/observer` : null;
    },
    20_000,
  );
}

export async function readObserver(url: string): Promise<ObserverView | null> {
  try {
    const response = await fetch(url, {signal: AbortSignal.timeout(2_000)});
    return (await response.json()) as ObserverView;
  } catch {
    return null; // the simulator is gone (the bot stopped) or busy: the sample just has no observer part
  }
}

export interface Sample {
  /** wall-clock ms when the sample was taken */
  at: number;
  state: BotState | null;
  observer: ObserverView | null;
  /** why the state file could not be read (it should never happen: it is replaced atomically) */
  problem?: string;
}

/**
 * Samples state.json (and the observer, once its URL is known) every `everyMs` until stopped. Samples of
 * an older process's state file (another pid) are kept out.
 */
export class Sampler {
  readonly samples: Sample[] = [];
  observerUrl: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    private readonly dir: string,
    private readonly pid: number,
    private readonly everyMs = 250,
  ) {}

  start(): this {
    this.timer = setInterval(() => void this.take(), this.everyMs);
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async take(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const at = Date.now();
      const observer = this.observerUrl ? await readObserver(this.observerUrl) : null;
      const state = readState(this.dir);
      this.samples.push({at, state: state?.pid === this.pid ? state : null, observer});
    } catch (error) {
      // never an unhandled rejection from the timer: the sample records the problem and the wait goes on
      this.samples.push({at: Date.now(), state: null, observer: null, problem: String(error)});
    } finally {
      this.busy = false;
    }
  }

  /** Waits until a sample taken from now on satisfies `check`, and returns it. */
  async next(what: string, check: (sample: Sample) => boolean, timeoutMs: number, run: RunningCli): Promise<Sample> {
    const from = this.samples.length;
    return waitFor(
      what,
      () => {
        if (run.child.exitCode !== null) throw new Error(`the bot exited ${run.child.exitCode} while waiting for ${what}: ${run.stderr().slice(-600)}`);
        return this.samples.slice(from).find(check) ?? null;
      },
      timeoutMs,
    );
  }

  /** The samples with a state from this process, taken at or after `from` (and before `to`). */
  states(from = 0, to = Infinity): Array<Sample & {state: BotState}> {
    return this.samples.filter((s): s is Sample & {state: BotState} => s.state !== null && s.at >= from && s.at < to);
  }
}

/** One line per sample, for assertion messages: when, step, suspension, orders per side, stream states. */
export function describeSamples(samples: Sample[], limit = 40): string {
  return samples
    .slice(-limit)
    .map((s) => {
      const st = s.state;
      if (!st) return `${s.at}: ${s.problem ?? '(no state of this run)'}`;
      const out = s.observer?.outages;
      return (
        `${s.at}: ${st.pricing.step}${st.pricing.widenLevel > 0 ? `/${st.pricing.widenLevel}` : ''}${st.suspension ? ` SUSPENDED(${st.suspension.cause})` : ''}${st.halted ? ' HALTED' : ''} ` +
        `bids ${resting(st, 'BUY').length} asks ${resting(st, 'SELL').length} own ${Math.round(st.sides.bid.ownDepth)}/${Math.round(st.sides.ask.ownDepth)} ` +
        `kucoin ${st.streams['kucoin.book']?.state} mexc ${st.streams['mexc.book']?.state}` +
        (out ? ` outages ${out.referenceOutage ? 'R' : '-'}${out.mexcPublicOutage ? 'M' : '-'}` : '') +
        (s.observer?.current ? ` obs ${s.observer.current.passPerSide ? 'pass' : `FAIL ${s.observer.current.reason}`}` : '')
      );
    })
    .join('\n');
}

/**
 * A headless bot on its in-process simulator with `args`, sampled from the start (state file and observer),
 * killed and cleaned up when the test ends; `failIfNot(what)` turns a missed wait into an error that shows
 * the last samples.
 */
export async function startObservedRun(
  t: {after: (fn: () => Promise<void> | void) => void},
  dir: string,
  args: readonly string[],
): Promise<{run: RunningCli; sampler: Sampler; failIfNot: (what: string) => (error: Error) => never}> {
  const run = startCli(['--no-ui', ...args, '--data-dir', dir]);
  killAtEnd(t, run, dir);
  const sampler = new Sampler(dir, run.child.pid!).start();
  t.after(() => sampler.stop());
  sampler.observerUrl = await observerUrlOf(dir, run);
  const failIfNot = (what: string) => (error: Error): never => {
    throw new Error(`${error.message}\n${what}; last samples:\n${describeSamples(sampler.samples)}`);
  };
  return {run, sampler, failIfNot};
}

/**
 * The bot stops cleanly: SIGTERM (unless it stops by itself), exit 0 within `timeoutMs`, a final "stopped"
 * line, and no order of ours left on the exchange.
 */
export async function stoppedCleanly(run: RunningCli, what: string, opts: {signal?: boolean; timeoutMs?: number} = {}): Promise<void> {
  if (opts.signal ?? true) run.child.kill('SIGTERM');
  const code = await exitedWithin(run, opts.timeoutMs ?? 40_000, what);
  assert.equal(code, 0, `${what}: exit ${code}; stderr: ${run.stderr().slice(-600)}`);
  const stopped = run.lines.find((l) => l.msg === 'stopped');
  assert.ok(stopped, `${what}: a final "stopped" line`);
  assert.equal(stopped.leftoverOrders, 0, `${what}: no order of ours left on the exchange`);
}
