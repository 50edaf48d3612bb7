// Builds the venue clients for a mode. Every mode uses the same real-protocol clients; only where they
// point differs: the in-process simulator (sim), the real exchanges (live), or real public feeds with a
// local paper matcher for orders (paper).
import type {Config} from '../config/configSchema.js';
import type {Mode} from '../engine/view/snapshot.js';
import type {StreamPort, TradingPort} from '../engine/ports.js';
import type {SymbolRules} from '../engine/symbolRules.js';
import {MexcRestClient} from '../exchanges/mexc/mexcRestClient.js';
import {MexcTradingPort} from '../exchanges/mexc/mexcTradingPort.js';
import {MexcBookStream, restPollDefaults} from '../exchanges/mexc/mexcBookStream.js';
import {MexcUserStream} from '../exchanges/mexc/mexcUserStream.js';
import {KucoinBookStream} from '../exchanges/kucoin/kucoinBookStream.js';
import {fetchKucoinSymbol} from '../exchanges/kucoin/kucoinSymbol.js';
import type {Logger} from '../exchanges/shared/logger.js';
import type {VenueEndpointOverrides} from '../exchanges/shared/venueEndpoints.js';
import {checkLiveReadiness} from './liveReadiness.js';
import {simulatorOptionsFromConfig} from './simulatorOptions.js';
import {StartupError} from './startupError.js';
import {withStartupRetries} from './startupRetry.js';
import {checkCredentials} from './credentialCheck.js';
import type {StartupProgress, StartupStepId} from './startupProgress.js';
import {simulatorKeys} from './simulatorKeys.js';

export interface Venues {
  rules: SymbolRules;
  kucoinPriceDecimals: number;
  trading: TradingPort;
  mexcBook: StreamPort;
  kucoinBook: StreamPort;
  /** every stream to start and stop, book feeds included */
  streams: StreamPort[];
  observerSummary?: () => unknown;
  close(): Promise<void>;
}

export interface ConnectOptions {
  config: Config;
  mode: Mode;
  /** endpoint flags given explicitly on the command line (they win over the simulator's own URLs) */
  overrides?: VenueEndpointOverrides;
  log: Logger;
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  yes: boolean;
  ui: boolean;
  env?: NodeJS.ProcessEnv;
  /** the start-up screen's steps; each read below reports to it */
  progress?: StartupProgress;
  /** start-up abandoned (stop signal, q): the retries stop at once */
  signal?: AbortSignal;
}


export async function connectVenues(options: ConnectOptions): Promise<Venues> {
  const {config, mode} = options;
  const env = options.env ?? process.env;
  const closers: Array<() => Promise<void>> = [];
  let endpoints = {mexcRest: config.exchange.mexcRest, mexcWs: config.exchange.mexcWs, kucoinRest: config.exchange.kucoinRest};
  let keys: {apiKey: string; apiSecret: string} | null = null;
  let observerSummary: (() => unknown) | undefined;
  const progress = options.progress;
  // one start-up step: reported to the start-up screen, with its retries, result or failure
  const step = async <T>(id: StartupStepId, what: string, call: () => Promise<T>, result: (value: T) => string): Promise<T> => {
    progress?.begin(id);
    const value = await withStartupRetries(what, call, {
      log: options.log,
      signal: options.signal,
      onRetry: (reason, attempt, waitMs) => progress?.retrying(id, reason, attempt, waitMs),
    });
    progress?.done(id, result(value));
    return value;
  };
  const retrying = <T>(what: string, call: () => Promise<T>) => withStartupRetries(what, call, {log: options.log, signal: options.signal});

  try {
    if (mode === 'sim') {
      const overrides = options.overrides ?? {};
      const external = overrides.mexcRest !== undefined && overrides.mexcWs !== undefined && overrides.kucoinRest !== undefined;
      if (external) {
        // every venue is elsewhere (an external `mexc-mm sim`): no simulator of our own
        endpoints = {mexcRest: overrides.mexcRest!, mexcWs: overrides.mexcWs!, kucoinRest: overrides.kucoinRest!};
        progress?.skip('simulator', `external at ${endpoints.mexcRest}`);
      } else {
        progress?.begin('simulator');
        // loaded only here: a live run against MEXC never holds the simulator's code in memory
        const {startSimulator} = await import('../sim/simulator.js');
        const sim = await startSimulator(simulatorOptionsFromConfig(config));
        closers.push(() => sim.close());
        endpoints = {...sim.urls, ...overrides};
        keys = sim.account;
        observerSummary = () => sim.observer();
        options.log('info', `simulator (${config.sim.scenario}, seed ${config.sim.seed}) at ${sim.urls.mexcRest}`);
        progress?.done('simulator', `${config.sim.scenario}, seed ${config.sim.seed}, at ${sim.urls.mexcRest}`);
      }
      // MEXC pointed elsewhere: that venue's keys, from the environment (`mexc-mm sim` prints them)
      if (overrides.mexcRest !== undefined) keys = simulatorKeys(env, overrides.mexcRest);
    } else if (mode === 'live') {
      const apiKey = env.MEXC_API_KEY;
      const apiSecret = env.MEXC_API_SECRET;
      const missing = [!apiKey && 'MEXC_API_KEY', !apiSecret && 'MEXC_API_SECRET'].filter(Boolean);
      if (missing.length > 0) throw new StartupError(`--live needs ${missing.join(' and ')} in the environment`, 2);
      keys = {apiKey: apiKey!, apiSecret: apiSecret!};
    }
    if (mode !== 'sim') progress?.skip('simulator', `${mode} mode`);

    const log: Logger = (level, msg) => options.log(level, msg);
    const rest = new MexcRestClient({
      baseUrl: endpoints.mexcRest,
      apiKey: keys?.apiKey,
      apiSecret: keys?.apiSecret,
      recvWindowMs: config.exchange.recvWindowMs,
      timeoutMs: config.exchange.requestTimeoutMs,
      log,
    });
    const staleAfterMs = config.risk.staleAfterSec * 1000;
    // the MEXC book from REST snapshots while its WebSocket is down (docs/protocols/mexc.md §4.7)
    const restPoll = {restPollMs: restPollDefaults.restPollMs, restPollLimit: restPollDefaults.restPollLimit};
    const kucoinSymbol = await step(
      'reference',
      `KuCoin symbol ${config.referenceSymbol}`,
      () => fetchKucoinSymbol(endpoints.kucoinRest, config.referenceSymbol, config.exchange.requestTimeoutMs),
      (symbol) => `KuCoin ${config.referenceSymbol}, ${symbol.priceDecimals} price decimals`,
    );
    const kucoinBook = new KucoinBookStream({
      restUrl: endpoints.kucoinRest,
      symbol: config.referenceSymbol,
      staleAfterMs,
      timeoutMs: config.exchange.requestTimeoutMs,
      log,
    });

    let trading: TradingPort;
    let rules: SymbolRules;
    let mexcBook: StreamPort | null = null;
    const streams: StreamPort[] = [];
    if (mode === 'paper') {
      const {startPaperVenue} = await import('../exchanges/paper/paperVenue.js');
      progress?.skip('time', 'paper orders are signed by nobody');
      const paper = await step('rules', 'paper venue start', () => startPaperVenue({rest, config, log, ...restPoll}), (venue) => rulesSummary(venue.rules));
      progress?.skip('account', 'paper balances');
      progress?.skip('listenKey', 'paper fills are local');
      closers.push(() => paper.close());
      trading = paper.trading;
      rules = paper.rules;
      // the paper venue's book is the real MEXC book with our paper orders resting in it
      mexcBook = paper.mexcBook;
      streams.push(paper.userStream);
    } else {
      await step('time', 'MEXC server time', () => rest.syncTime(), (offset) => `offset ${Math.round(offset)} ms`);
      const mexcTrading = new MexcTradingPort({rest, symbol: config.symbol, clientOrderIdPrefix: config.exchange.clientOrderIdPrefix});
      trading = mexcTrading;
      rules = await step('rules', `MEXC exchangeInfo ${config.symbol}`, () => mexcTrading.rules(), rulesSummary);
      const symbolRules = rules;
      // a bad key, secret, permission or IP stops here, in seconds, in every mode that signs
      await step('account', 'MEXC keys', () => checkCredentials({rest, rules: symbolRules, retrying, log}), (report) => report.summary);
      if (mode === 'live') {
        await checkLiveReadiness({rest, rules, config, retrying, stdout: options.stdout, stdin: options.stdin, yes: options.yes, ui: options.ui});
      }
      streams.push(new MexcUserStream({wsUrl: endpoints.mexcWs, rest, rules, log}));
    }
    mexcBook ??= new MexcBookStream({wsUrl: endpoints.mexcWs, rest, symbol: config.symbol, priceDecimals: rules.priceDecimals, staleAfterMs, log, ...restPoll});
    streams.unshift(kucoinBook, mexcBook);
    return {
      rules,
      kucoinPriceDecimals: kucoinSymbol.priceDecimals,
      trading,
      mexcBook,
      kucoinBook,
      streams,
      observerSummary,
      close: async () => {
        for (const close of closers.reverse()) await close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    throw error;
  }
}

function rulesSummary(rules: SymbolRules): string {
  return `${rules.symbol}: tick 10^-${rules.priceDecimals}, lot 10^-${rules.qtyDecimals}, min ${rules.minNotional} ${rules.quoteAsset}`;
}
