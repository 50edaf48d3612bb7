// Wires one bot run: data dir + state file, venue clients (pointed at the simulator, paper matcher or the
// real exchanges), the engine and its queue, timers, and the console or headless log. Returns the exit code.
// Every way the run can end goes through one of two stops (docs/architecture.md §6): the
// orderly one (q, a stop signal, --duration) and the crash stop (an error anywhere); both sweep our orders.
import {restoredHistory, restoredLedger} from './restoredLedger.js';
import {catchUpFills} from './fillCatchUp.js';
import type {Config} from '../config/configSchema.js';
import {EventQueue} from '../engine/queue.js';
import {Engine} from '../engine/kernel.js';
import {createEngineState} from '../engine/engineState.js';
import {OrderExecutor} from '../engine/orders/orderExecutor.js';
import {clientOrderIdFactory} from '../engine/orders/clientOrderIds.js';
import type {EngineEvent} from '../engine/events.js';
import type {EngineSnapshot, Mode, PersistedState, RecentEvent} from '../engine/view/snapshot.js';
import {openDataDir} from '../store/dataDir.js';
import {StateFile} from '../store/stateFile.js';
import {Journals} from '../store/journals.js';
import {CONSOLE_SNAPSHOT_MS, EngineTimers, HEADLESS_SNAPSHOT_MS} from './engineTimers.js';
import {SnapshotFeed} from './snapshotFeed.js';
import {StateWriter} from './stateWriter.js';
import {JsonLineLog} from './headlessLog.js';
import {connectVenues, type Venues} from './connectVenues.js';
import type {OperatorCommand} from '../engine/operatorCommand.js';
import type {VenueEndpointOverrides} from '../exchanges/shared/venueEndpoints.js';
import {installProcessHooks, type CrashOrigin, type StopSignal} from './processHooks.js';
import {StartupProgress} from './startupProgress.js';
import {StartupAborted, untilAborted} from './startupRetry.js';
import {armCrashInjection, CRASH_INJECTION_VARIABLE, parseCrashInjection} from './crashInjection.js';
import {describeCrash, maybeLeftText, stopRun, type Crash} from './stopRun.js';
import {RunMonitoring} from './runMonitoring.js';
import {secretsFromEnv} from '../store/secretGuard.js';

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
  env?: NodeJS.ProcessEnv;
  /** ends the process at once (a second stop signal); tests replace it */
  exit?: (code: number) => never;
}

/** How long the crash stop may take before the process exits regardless (the sweep itself gets 15 s). */
const CRASH_STOP_LIMIT_MS = 25_000;

export async function runBot(options: RunOptions): Promise<number> {
  const {config, mode} = options;
  const env = options.env ?? process.env;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const crashInjection = parseCrashInjection(env[CRASH_INJECTION_VARIABLE]);
  // the lock stops being ours (removed, or taken by a process that judged us dead): stop, cancelling ours;
  // if another bot now holds the data dir it re-places its own ladder after our sweep
  let lockLost: string | null = null;
  let onLockLost = (reason: string): void => void (lockLost = reason);
  const log = new JsonLineLog(options.stdout, mode, config.log.level);
  const now = (): number => Date.now();
  // before anything is written: the webhooks' secrets join the keys that the store never writes
  const monitoring = new RunMonitoring({
    config,
    mode,
    now,
    env,
    log: (level, text, fields) => {
      if (!options.ui) log.write(level, text, fields);
      else if (level !== 'debug') clientLog(level, fields?.url ? `${text} on ${String(fields.url)}` : text);
    },
  });
  const secrets = [...secretsFromEnv(env), ...monitoring.secrets()];
  const lock = await openDataDir(options.dataDir, {onLost: (reason) => onLockLost(reason)});
  const stateFile = await StateFile.open(options.dataDir, {secrets});
  const journals = new Journals(options.dataDir, {...config.journal, secrets});
  const previous = stateFile.load();
  // every input reaches the engine through this one queue, client log lines included
  const queue = new EventQueue();
  const push = (event: EngineEvent): void => queue.push(event);
  const noticeFrom = (source: 'client' | 'runtime') => (level: RecentEvent['level'], text: string): void => {
    const at = now();
    journals.append({stream: 'events', at, mode, level, text});
    // the clients' info lines are chatter: written headless at --log-level debug
    if (!options.ui) log.write(source === 'client' && level === 'info' ? 'debug' : level, text, {source});
    push({type: 'notice', level, text, at});
  };
  const clientLog = noticeFrom('client');
  const runtimeLog = noticeFrom('runtime');
  const say = (text: string): void => {
    // after a hangup there is no terminal: the write fails and is ignored (processHooks.ts)
    if (options.ui) options.stderr.write(`mexc-mm: ${text}\n`);
  };

  const progress = new StartupProgress(now);
  const startupAbort = new AbortController();
  const feed = new SnapshotFeed();
  let latestSnapshot: EngineSnapshot | null = null;
  let lastPersisted: PersistedState | null = null;
  let crash = null as Crash | null;
  let onCrashed: () => void = () => undefined;
  const crashed = new Promise<void>((resolve) => (onCrashed = resolve));
  let quit: (cmd: OperatorCommand, source: 'key' | 'signal' | 'duration') => void = () => undefined;

  const forceExit = (signal: StopSignal | 'crash stop limit'): never => {
    const text = `${signal === 'crash stop limit' ? 'the crash stop took too long' : `${signal} while stopping`}: exiting at once; ${maybeLeftText(latestSnapshot)}`;
    try {
      options.stderr.write(`mexc-mm: ${text}\n`);
      if (!options.ui) log.write('error', 'stopped at once', {reason: text});
    } catch {
      // the terminal may be gone
    }
    lock.releaseSync();
    return exit(1);
  };
  const recordCrash = (error: unknown, origin: CrashOrigin | 'engine'): void => {
    if (crash) {
      clientLog('error', `another ${origin} while stopping after a crash: ${describeCrash(error)}`);
      return;
    }
    crash = {error, origin};
    try {
      options.stderr.write(`mexc-mm: ${origin}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    } catch {
      // the terminal may be gone; the journal and state file still get it
    }
    journals.append({stream: 'events', at: now(), mode, level: 'error', text: `crash (${origin}): ${describeCrash(error)}`});
    if (!options.ui) log.write('error', 'crash', {origin, error: describeCrash(error)});
    setTimeout(() => forceExit('crash stop limit'), CRASH_STOP_LIMIT_MS).unref();
    startupAbort.abort(`crash: ${describeCrash(error)}`);
    onCrashed();
  };
  const hooks = installProcessHooks(
    {
      stop: (signal) => quit({kind: 'quit', reason: signal}, 'signal'),
      forceExit: (signal) => forceExit(signal),
      crash: recordCrash,
    },
    process,
    [options.stdout, options.stderr, options.stdin],
  );
  // from the quit on, signals insist rather than stop, and the health endpoints answer "stopping"
  const markStopping = (): void => {
    hooks.markStopping();
    monitoring.markStopping();
  };
  onLockLost = (reason) => {
    lockLost = reason;
    clientLog('error', `data-dir lock lost (${reason}): stopping`);
    quit({kind: 'quit', reason: 'data-dir lock lost'}, 'signal');
  };
  // before the engine runs, a quit abandons start-up (nothing of this run has been placed yet)
  quit = (cmd) => {
    if (cmd.kind === 'quit') startupAbort.abort(cmd.reason);
  };

  let venues: Venues | null = null;
  const cleanups: Array<() => Promise<void> | void> = [];
  let consoleHandle = null as {unmount(): void} | null;
  // the console shows start-up as it happens, except when live mode will ask for confirmation on the terminal
  const startupScreen = options.ui && (mode !== 'live' || options.yes);
  const mountConsole = async (): Promise<void> => {
    if (consoleHandle) return;
    const {renderConsole} = await import('../ui/renderConsole.js');
    consoleHandle = renderConsole({
      snapshots: feed,
      startup: startupScreen ? progress : undefined,
      mode,
      symbol: config.symbol,
      onCommand: (cmd) => quit(cmd, 'key'),
      stdout: options.stdout,
      stdin: options.stdin,
    });
    cleanups.push(() => consoleHandle?.unmount());
  };
  try {
    await monitoring.start();
    cleanups.push(() => monitoring.close());
    if (startupScreen) await mountConsole();
    try {
      venues = await untilAborted(
        connectVenues({config, mode, overrides: options.overrides, log: clientLog, stdout: options.stdout, stdin: options.stdin, yes: options.yes, ui: options.ui, env, progress, signal: startupAbort.signal}),
        startupAbort.signal,
      );
    } catch (error) {
      progress.fail(error instanceof Error ? error.message : String(error));
      if (crash) return 1;
      if (error instanceof StartupAborted) {
        consoleHandle?.unmount();
        say(`stopped during start-up (${error.reason}): this run placed no order`);
        if (!options.ui) log.write('info', 'stopped during start-up', {reason: error.reason, leftoverOrders: 0});
        return 0;
      }
      throw error;
    }
    const connected = venues;
    cleanups.push(() => connected.close());
    const trading = venues.trading;
    const state = createEngineState({
      config,
      mode,
      rules: venues.rules,
      kucoinPriceDecimals: venues.kucoinPriceDecimals,
      now: now(),
      halted: previous?.halted ?? null,
      complianceHistory: previous?.complianceHistory ?? null,
      ledger: restoredLedger(previous, mode, venues.rules.symbol),
      minuteHistory: restoredHistory(previous, venues.rules.symbol),
    });
    const executor = new OrderExecutor(trading, push, now);
    const stateWriter = new StateWriter(
      (persisted) => stateFile.save(persisted),
      (error) => clientLog('error', `state file: ${error.message}`),
    );
    const engineCrashDue = {value: false};
    const engine = new Engine(
      state,
      queue,
      executor,
      {
        resync: (venue, reason) => (venue === 'mexc' ? connected.mexcBook : connected.kucoinBook).resync(reason),
        journal: (record) => journals.append(record),
        notice: (event) => {
          journals.append({stream: 'events', at: event.at, mode, level: event.level, text: event.text});
          if (!options.ui) log.write(event.level, event.text);
        },
        snapshot: (snapshot) => {
          latestSnapshot = snapshot;
          feed.publish(snapshot);
          monitoring.observe(snapshot);
          progress.observe(snapshot);
          if (engineCrashDue.value) throw new Error('injected engine crash');
        },
        persist: (persisted) => {
          lastPersisted = persisted;
          stateWriter.write(persisted);
        },
      },
      clientOrderIdFactory(config.exchange.clientOrderIdPrefix),
      now,
    );

    // streams and clocks feed the one queue; the engine is the only consumer
    const timers = new EngineTimers(config, push, now, () => trading.counters(), options.ui ? CONSOLE_SNAPSHOT_MS : HEADLESS_SNAPSHOT_MS);
    cleanups.push(() => timers.stop());
    for (const stream of venues.streams) await stream.start(push);
    push({type: 'timer', timer: 'reconcile', at: now()});
    timers.start();
    progress.engineStarted();
    monitoring.engineStarted();
    // read before the consumer runs: after that only it touches engine state
    const catchUpFrom = state.ledger.newestFillAt ?? state.ledger.startedAt;
    // the engine publishes its first snapshot as it starts: readers below can rely on feed.get()
    const running = engine.run();
    if (catchUpFrom !== null) void catchUpFills({trading, since: catchUpFrom, push, log: runtimeLog});
    if (crashInjection) cleanups.push(armCrashInjection(crashInjection, engineCrashDue));

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
    quit = (cmd, source) => {
      if (cmd.kind === 'quit') {
        if (observerAtQuit === undefined) observerAtQuit = connected.observerSummary?.();
        markStopping();
      }
      push({type: 'command', command: cmd, source, at: now()});
    };
    if (options.durationSec !== null) {
      const handle = setTimeout(() => quit({kind: 'quit', reason: `duration ${options.durationSec}s elapsed`}, 'duration'), options.durationSec * 1000);
      cleanups.push(() => clearTimeout(handle));
    }
    if (options.ui && !consoleHandle) await mountConsole();

    // the engine's loop ends after a quit, or a crash (recorded in `crash`) ends the run
    await Promise.race([running.catch((error: unknown) => recordCrash(error, 'engine')), crashed]);
    markStopping();
    if (crash) engine.abort();
    const leftovers = await stopRun({
      crash,
      engine,
      executor,
      timers,
      trading,
      streams: connected.streams,
      prefix: config.exchange.clientOrderIdPrefix,
      log: clientLog,
      stateWriter,
      lastPersisted: () => lastPersisted,
      saveState: (persisted) => stateFile.save(persisted),
      journals,
      now,
    });
    monitoring.runEnded(leftovers, crash ? describeCrash(crash.error) : null);
    consoleHandle?.unmount();
    const observer = observerAtQuit ?? connected.observerSummary?.();
    if (!options.ui) {
      // leftoverOrders null: the exchange never confirmed whether any order of ours is left
      log.write(leftovers === 0 ? 'info' : 'error', 'stopped', {
        leftoverOrders: leftovers,
        counters: feed.get().counters,
        compliance: feed.get().compliance.lastHour,
        ...(crash ? {crash: describeCrash(crash.error)} : {}),
      });
      if (observer) log.write('info', 'simulator observer', {observer, asOf: observerAtQuit ? 'quit' : 'end'});
    } else if (observer) {
      say(`simulator observer (as of the quit): ${JSON.stringify(observer)}`);
    }
    if (leftovers !== 0) say(`${leftovers === null ? 'could not confirm that none of our orders is left open' : `${leftovers} order(s) of ours still open`} on MEXC: check the exchange`);
    return leftovers === 0 && crash === null && lockLost === null ? 0 : 1;
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        try {
          options.stderr.write(`cleanup: ${(error as Error).message}\n`);
        } catch {
          // the terminal may be gone
        }
      }
    }
    await journals.close();
    hooks.uninstall();
    await lock.release();
  }
}
