// Wires one bot run: data dir + state file, venue clients (pointed at the simulator, paper matcher or the
// real exchanges), the engine and its queue, timers, and the console or headless log. Returns the exit code.
import type {Config} from '../config/configSchema.js';
import {EventQueue} from '../engine/queue.js';
import {Engine} from '../engine/kernel.js';
import {createEngineState} from '../engine/engineState.js';
import {OrderExecutor} from '../engine/orders/orderExecutor.js';
import {clientOrderIdFactory} from '../engine/orders/clientOrderIds.js';
import {buildPersistedState, buildSnapshot} from '../engine/view/snapshotBuilder.js';
import type {EngineEvent, OperatorCommand} from '../engine/events.js';
import type {Mode, RecentEvent} from '../engine/view/snapshot.js';
import type {VenueEndpointOverrides} from '../exchanges/shared/venueEndpoints.js';
import {openDataDir} from '../store/dataDir.js';
import {StateFile} from '../store/stateFile.js';
import {Journals} from '../store/journals.js';
import {EngineTimers} from '../runtime/engineTimers.js';
import {SnapshotFeed} from '../runtime/snapshotFeed.js';
import {JsonLineLog} from '../runtime/headlessLog.js';
import {connectVenues, type Venues} from '../runtime/connectVenues.js';
import {finalSweep} from '../runtime/finalSweep.js';

export interface RunOptions {
  config: Config;
  mode: Mode;
  ui: boolean;
  dataDir: string;
  durationSec: number | null;
  /** skip the interactive live confirmation */
  yes: boolean;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  overrides?: VenueEndpointOverrides;
}

const STATE_FLUSH_MS = 1000;
const SNAPSHOT_MS = 200;

export async function runBot(options: RunOptions): Promise<number> {
  const {config, mode} = options;
  const lock = await openDataDir(options.dataDir);
  const stateFile = await StateFile.open(options.dataDir);
  const journals = new Journals(options.dataDir, config.journal);
  const log = new JsonLineLog(options.stdout, mode);
  const previous = stateFile.load();
  const clientLog = (level: RecentEvent['level'], text: string): void => {
    const event = {at: Date.now(), level, text};
    feed?.addNotice(event);
    journals.append({stream: 'events', at: event.at, mode, level, text});
    if (!options.ui && level !== 'info') log.write(level, text, {source: 'client'});
  };
  let feed: SnapshotFeed | null = null;
  let venues: Venues | null = null;
  const cleanups: Array<() => Promise<void> | void> = [];
  try {
    venues = await connectVenues({config, mode, overrides: options.overrides, log: clientLog, stdout: options.stdout, stdin: options.stdin, yes: options.yes, ui: options.ui});
    cleanups.push(() => venues?.close());
    const queue = new EventQueue();
    const push = (event: EngineEvent): void => queue.push(event);
    const now = (): number => Date.now();
    const state = createEngineState({
      config,
      mode,
      rules: venues.rules,
      kucoinPriceDecimals: venues.kucoinPriceDecimals,
      now: now(),
      halted: previous?.halted ?? null,
      complianceHistory: previous?.complianceHistory ?? null,
    });
    const executor = new OrderExecutor(venues.trading, push, now);
    let persistRequested = false;
    const engine = new Engine(
      state,
      queue,
      executor,
      {
        resync: (venue, reason) => (venue === 'mexc' ? venues!.mexcBook : venues!.kucoinBook).resync(reason),
        journal: (record) => journals.append(record),
        notice: (event) => {
          journals.append({stream: 'events', at: event.at, mode, level: event.level, text: event.text});
          if (!options.ui) log.write(event.level, event.text);
        },
        persistNow: () => (persistRequested = true),
      },
      clientOrderIdFactory(config.exchange.clientOrderIdPrefix),
      now,
    );
    feed = new SnapshotFeed(() => {
      const snapshot = buildSnapshot(state, engine.plan);
      const counters = venues!.trading.counters();
      snapshot.counters.requests = counters.requests;
      snapshot.counters.throttled = counters.throttled;
      snapshot.counters.rateLimited = Math.max(snapshot.counters.rateLimited, counters.rateLimited);
      return snapshot;
    });
    const saveState = async (): Promise<void> => {
      const persisted = buildPersistedState(state, engine.plan);
      persisted.counters = feed!.get().counters;
      await stateFile.save(persisted);
    };

    // streams and clocks feed the one queue; the engine is the only consumer
    const timers = new EngineTimers(config, push, now);
    cleanups.push(() => timers.stop());
    for (const stream of venues.streams) await stream.start(push);
    push({type: 'timer', timer: 'reconcile', at: now()});
    timers.start();
    feed.start(SNAPSHOT_MS);
    cleanups.push(() => feed?.stop());
    let lastSave = 0;
    const flush = setInterval(() => {
      if (persistRequested || Date.now() - lastSave >= STATE_FLUSH_MS) {
        persistRequested = false;
        lastSave = Date.now();
        saveState().catch((error: unknown) => clientLog('error', `state file: ${(error as Error).message}`));
      }
    }, 250);
    cleanups.push(() => clearInterval(flush));

    // headless: a compliance line every minute
    if (!options.ui) {
      const minute = setInterval(() => {
        const gauges = feed!.get().compliance;
        log.write('info', 'compliance', {
          now: gauges.now?.pass ?? null,
          lastHourPct: gauges.lastHour.perSide,
          lastDayPct: gauges.lastDay.perSide,
          reason: gauges.now?.reason ?? null,
          depth: feed!.get().depth,
          spread: feed!.get().spread.mexc,
        });
      }, 60_000);
      cleanups.push(() => clearInterval(minute));
    }

    // the simulator's observer judges the pair while we trade: its figures as of the quit, not after our
    // orders were cancelled on the way out (the pair is expected to fail then)
    let observerAtQuit: unknown = undefined;
    const command = (cmd: OperatorCommand, source: 'key' | 'signal' | 'duration'): void => {
      if (cmd.kind === 'quit' && observerAtQuit === undefined) observerAtQuit = venues?.observerSummary?.();
      push({type: 'command', command: cmd, source, at: now()});
    };
    const onSignal = (signal: NodeJS.Signals): void => command({kind: 'quit', reason: signal}, 'signal');
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    cleanups.push(() => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    });
    if (options.durationSec !== null) {
      const handle = setTimeout(() => command({kind: 'quit', reason: `duration ${options.durationSec}s elapsed`}, 'duration'), options.durationSec * 1000);
      cleanups.push(() => clearTimeout(handle));
    }

    let consoleHandle: {waitUntilExit(): Promise<void>; unmount(): void} | null = null;
    if (options.ui) {
      const {renderConsole} = await import('../ui/renderConsole.js');
      consoleHandle = renderConsole({
        snapshots: feed,
        onCommand: (cmd) => command(cmd, 'key'),
        stdout: options.stdout,
        stdin: options.stdin,
      });
      cleanups.push(() => consoleHandle?.unmount());
    }

    await engine.run();
    // the engine has stopped placing; make sure nothing of ours is left resting
    timers.stop();
    await executor.drained();
    const leftovers = await finalSweep(venues.trading, config.exchange.clientOrderIdPrefix, clientLog);
    for (const stream of venues.streams) await stream.stop();
    feed.refresh();
    await saveState();
    await journals.flush();
    consoleHandle?.unmount();
    if (!options.ui) {
      // leftoverOrders null: the exchange never confirmed whether any order of ours is left
      log.write(leftovers === 0 ? 'info' : 'error', 'stopped', {leftoverOrders: leftovers, counters: feed.get().counters, compliance: feed.get().compliance.lastHour});
      const observer = observerAtQuit ?? venues.observerSummary?.();
      if (observer) log.write('info', 'simulator observer', {observer, asOf: observerAtQuit ? 'quit' : 'end'});
    } else {
      const observer = observerAtQuit ?? venues.observerSummary?.();
      if (observer) options.stderr.write(`simulator observer (as of the quit): ${JSON.stringify(observer)}\n`);
    }
    if (leftovers !== 0 && options.ui)
      options.stderr.write(`mexc-mm: ${leftovers === null ? 'could not confirm that none of our orders is left open' : `${leftovers} order(s) of ours still open`} on MEXC: check the exchange\n`);
    return leftovers === 0 ? 0 : 1;
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        options.stderr.write(`cleanup: ${(error as Error).message}\n`);
      }
    }
    await journals.close();
    await lock.release();
  }
}
