// `--paper`: real MEXC public data, orders on a local paper matcher. Assembles the venue the engine talks
// to: symbol rules from the public exchangeInfo, the real depth feed (the MEXC client's MexcBookStream) with
// our paper orders overlaid, the real public trades, a virtual account from config.paper, and a trading
// port that never sends anything to MEXC. The REST client is wrapped so that any private call would be
// refused and counted (privateRequests() must stay 0); no API keys are needed or read.
import type {Config} from '../../config/configSchema.js';
import type {StreamPort, TradingPort} from '../../engine/ports.js';
import type {SymbolRules} from '../../engine/symbolRules.js';
import type {Logger} from '../shared/logger.js';
import {summarizeFailure} from '../mexc/errors.js';
import {MexcBookStream, type BookStreamStats} from '../mexc/mexcBookStream.js';
import type {MexcRestClient} from '../mexc/mexcRestClient.js';
import {symbolRulesFromExchange} from '../mexc/symbolRulesFromExchange.js';
import type {WsSessionTiming} from '../mexc/wsSession.js';
import type {ExchangeSymbol} from '../mexc/endpoints.js';
import {DealsStream, type DealsStreamStats} from './dealsStream.js';
import {OverlaidBook} from './overlaidBook.js';
import {PaperAccount} from './paperAccount.js';
import {ZERO_FEE, feeRateFromDecimal, type FeeRate} from './paperAmounts.js';
import {PaperBookStream, type PaperBookStreamStats} from './paperBookStream.js';
import {PaperMatcher, type PaperMatcherStats} from './paperMatcher.js';
import {PaperTradingPort} from './paperTradingPort.js';
import {PaperUserStream} from './paperUserStream.js';
import {guardPrivateEndpoints} from './privateGuard.js';

export interface PaperVenueOptions {
  /** MEXC REST client; keys are neither needed nor used */
  rest: MexcRestClient;
  config: Config;
  log: Logger;
  /** MEXC WebSocket URL (default config.exchange.mexcWs) */
  wsUrl?: string;
  now?: () => number;
  /** WebSocket timing and reconnect overrides (tests) */
  timing?: Partial<WsSessionTiming>;
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** REST polling of the real book while MEXC's WebSocket is down (defaults: restPollDefaults) */
  restPollMs?: number;
  restPollLimit?: number;
}

export interface PaperVenueStats {
  matcher: PaperMatcherStats;
  book: PaperBookStreamStats;
  realBook: BookStreamStats;
  deals: DealsStreamStats;
  /** real book levels skipped as malformed */
  malformedLevels: number;
}

export interface PaperVenue {
  trading: TradingPort;
  rules: SymbolRules;
  /** order.update / fill / balance of the paper orders, and 'mexc.user'/'mexc.listenKey' health */
  userStream: StreamPort;
  /** the real MEXC book with our paper orders in it ('mexc.book', own continuous versions) */
  mexcBook: StreamPort;
  /** calls to MEXC private endpoints attempted (and refused); stays 0 */
  privateRequests(): number;
  stats(): PaperVenueStats;
  close(): Promise<void>;
}

export async function startPaperVenue(opts: PaperVenueOptions): Promise<PaperVenue> {
  const {config, log} = opts;
  const now = opts.now ?? Date.now;
  const guard = guardPrivateEndpoints(opts.rest, log);
  const rest = guard.rest;
  const wsUrl = opts.wsUrl ?? config.exchange.mexcWs;

  let info: ExchangeSymbol | null;
  try {
    info = await rest.exchangeInfo(config.symbol);
  } catch (error) {
    throw new Error(`paper: cannot read MEXC exchangeInfo for ${config.symbol}: ${summarizeFailure(error).message}`);
  }
  if (info === null) throw new Error(`paper: ${config.symbol} is not listed in MEXC exchangeInfo`);
  const {rules, warnings} = symbolRulesFromExchange(info);
  for (const warning of warnings) log('warn', warning);
  if (!rules.tradable) log('warn', `paper: ${config.symbol} is not API-tradable on MEXC; paper orders will be rejected as live ones would`);
  const makerFee = feeFrom(info, log);
  // public trade times are MEXC's clock: measure the offset once (public endpoint), else assume none
  await rest.syncTime().catch((error: unknown) => log('warn', `paper: server-time sync failed (${summarizeFailure(error).message}); using the local clock`));

  const account = new PaperAccount(rules, {base: config.paper.baseBalance, quote: config.paper.quoteBalance}, makerFee);
  const book = new OverlaidBook(rules);
  const userStream = new PaperUserStream({balances: () => account.balances(), now, log});
  const matcher = new PaperMatcher({
    rules,
    account,
    book,
    emit: userStream.push,
    now,
    serverNow: () => rest.serverNow(),
    maxNotional: numberOrNull(info.maxQuoteAmount),
  });
  const bookStream = new PaperBookStream({book, matcher, now, log});
  // both real feeds share MEXC's public WebSocket: the same endpoint, clock, timing and reconnect settings
  const publicWs = {wsUrl, log, now, timing: opts.timing, reconnectBaseMs: opts.reconnectBaseMs, reconnectMaxMs: opts.reconnectMaxMs};
  const realBook = new MexcBookStream({
    ...publicWs,
    rest,
    symbol: rules.symbol,
    priceDecimals: rules.priceDecimals,
    staleAfterMs: config.risk.staleAfterSec * 1000,
    restPollMs: opts.restPollMs,
    restPollLimit: opts.restPollLimit,
  });
  const deals = new DealsStream({
    ...publicWs,
    rules,
    onDeals: (trades) => {
      matcher.onDeals(trades);
      bookStream.flush();
    },
  });
  const trading = new PaperTradingPort({rules, matcher, account, afterChange: () => bookStream.flush(), counters: () => rest.counters()});

  await realBook.start(bookStream.onRealEvent);
  deals.start();
  log('info', `PAPER: ${rules.symbol} on real MEXC public data; orders stay local (virtual ${config.paper.baseBalance} ${rules.baseAsset} / ${config.paper.quoteBalance} ${rules.quoteAsset})`);

  let closed = false;
  return {
    trading,
    rules,
    userStream,
    mexcBook: bookStream,
    privateRequests: guard.privateRequests,
    stats: () => ({
      matcher: matcher.stats(),
      book: bookStream.stats(),
      realBook: realBook.stats(),
      deals: deals.stats(),
      malformedLevels: book.malformedLevels,
    }),
    close: async () => {
      if (closed) return;
      closed = true;
      await bookStream.stop();
      await userStream.stop();
      deals.stop();
      await realBook.stop();
    },
  };
}

/** exchangeInfo `makerCommission` (e.g. "0", "0.0002"); MEXC spot makers pay 0 on most pairs, the default. */
function feeFrom(info: ExchangeSymbol, log: Logger): FeeRate {
  const raw = (info as Record<string, unknown>).makerCommission;
  if (raw === undefined || raw === null || raw === '') return ZERO_FEE;
  try {
    return feeRateFromDecimal(String(raw));
  } catch {
    log('warn', `paper: unreadable makerCommission ${JSON.stringify(raw)}; paper fills pay no fee`);
    return ZERO_FEE;
  }
}

function numberOrNull(value: unknown): number | null {
  const n = typeof value === 'string' || typeof value === 'number' ? Number(value) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}
