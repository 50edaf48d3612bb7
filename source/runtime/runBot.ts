// Wires one bot run: data dir + state file, venue clients (pointed at the simulator, paper matcher or the
// real exchanges), the engine and its queue, timers, and the console or headless log. Returns the exit code.
import type {Config} from '../config/configSchema.js';
import {EventQueue} from '../engine/queue.js';
import {Engine} from '../engine/kernel.js';
import {createEngineState} from '../engine/engineState.js';
import {OrderExecutor} from '../engine/orders/orderExecutor.js';
import {clientOrderIdFactory} from '../engine/orders/clientOrderIds.js';
import type {EngineEvent} from '../engine/events.js';
import type {Mode, RecentEvent} from '../engine/view/snapshot.js';
import {openDataDir} from '../store/dataDir.js';
import {StateFile} from '../store/stateFile.js';
import {Journals} from '../store/journals.js';
import {EngineTimers, requestCountersEvent} from './engineTimers.js';
import {SnapshotFeed} from './snapshotFeed.js';
import {StateWriter} from './stateWriter.js';
import {JsonLineLog} from './headlessLog.js';
import {connectVenues, type Venues} from './connectVenues.js';
import {finalSweep} from './finalSweep.js';
import type {OperatorCommand} from '../engine/operatorCommand.js';
import type {VenueEndpointOverrides} from '../exchanges/shared/venueEndpoints.js';

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

export async function runBot(options: RunOptions): Promise<number> {
  const {config, mode} = options;
  const lock = await openDataDir(options.dataDir);
  const stateFile = await StateFile.open(options.dataDir);
  const journals = new Journals(options.dataDir, config.journal);
  const log = new JsonLineLog(options.stdout, mode);
  const previous = stateFile.load();
  // every input reaches the engine through this one queue, client log lines included
  const queue = new EventQueue();
  const push = (event: EngineEvent): void => queue.push(event);
  const now = (): number => Date.now();
  const clientLog = (level: RecentEvent['level'], text: string): void => {
    const at = now();
    journals.append({stream: 'events', at, mode, level, text});
    if (!options.ui && level !== 'info') log.write(level, text, {source: 'client'});
    push({type: 'notice', level, text, at});
  };
  let venues: Venues | null = null;
  const cleanups: Array<() => Promise<void> | void> = [];
  try {
    venues = await connectVenues({config, mode, overrides: options.overrides, log: clientLog, stdout: options.stdout, stdin: options.stdin, yes: options.yes, ui: options.ui});
    cleanups.push(() => venues?.close());
    const trading = venues.trading;
    const state = createEngineState({
      config,
      mode,
      rules: venues.rules,
      kucoinPriceDecimals: venues.kucoinPriceDecimals,
      now: now(),
      halted: previous?.halted ?? null,
      complianceHistory: previous?.complianceHistory ?? null,
    });
    const executor = new OrderExecutor(trading, push, now);
    const feed = new SnapshotFeed();
    const stateWriter = new StateWriter(
      (persisted) => stateFile.save(persisted),
      (error) => clientLog('error', `state file: ${error.message}`),
    );
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
        snapshot: (snapshot) => feed.publish(snapshot),
        persist: (persisted) => stateWriter.write(persisted),
      },
      clientOrderIdFactory(config.exchange.clientOrderIdPrefix),
      now,
    );

    // streams and clocks feed the one queue; the engine is the only consumer
    const timers = new EngineTimers(config, push, now, () => trading.counters());
    cleanups.push(() => timers.stop());
    for (const stream of venues.streams) await stream.start(push);
    push({type: 'timer', timer: 'reconcile', at: now()});
    timers.start();
    // the engine publishes its first snapshot as it starts: readers below can rely on feed.get()
    const running = engine.run();

    // headless: a compliance line every minute
    if (!options.ui) {
      const minute = setInterval(() => {
        const gauges = feed.get().compliance;
        log.write('info', 'compliance', {
          now: gauges.now?.pass ?? null,
          lastHourPct: gauges.lastHour.perSide,
          lastDayPct: gauges.lastDay.perSide,
          reason: gauges.now?.reason ?? null,
          depth: feed.get().depth,
          spread: feed.get().spread.mexc,
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

    await running;
    // the engine has stopped placing; make sure nothing of ours is left resting
    timers.stop();
    await executor.drained();
    const leftovers = await finalSweep(trading, config.exchange.clientOrderIdPrefix, clientLog);
    for (const stream of venues.streams) await stream.stop();
    engine.finish([requestCountersEvent(trading.counters(), now())]);
    await stateWriter.idle();
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
