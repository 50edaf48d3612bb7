// Before the first real order: the checks an operator would do by hand, then a banner and (on a
// terminal) an explicit confirmation. Any failed check refuses to start with a message saying why.
import {createInterface} from 'node:readline/promises';
import type {Config} from '../config/configSchema.js';
import {acceptedSidesText, type SymbolRules} from '../engine/symbolRules.js';
import type {MexcRestClient} from '../exchanges/mexc/mexcRestClient.js';
import {StartupError} from './startupError.js';

export interface ReadinessReport {
  clockOffsetMs: number;
  symbolTradable: boolean;
  canTrade: boolean | null;
  balances: {base: number; quote: number; baseAsset: string; quoteAsset: string};
  price: number | null;
  problems: string[];
}

/** Runs one read, retrying what may pass by waiting (withStartupRetries); the default tries once. */
export type ReadinessRetry = <T>(what: string, call: () => Promise<T>) => Promise<T>;
const once: ReadinessRetry = (_what, call) => call();

export async function inspectLiveAccount(input: {rest: MexcRestClient; rules: SymbolRules; config: Config; retrying?: ReadinessRetry}): Promise<ReadinessReport> {
  const {rest, rules, config} = input;
  // a transient failure (5xx, 429, timeout) of a readiness read is waited out like the rest of start-up:
  // refusing live mode over one 503 would leave a killed run's orders resting
  const retrying = input.retrying ?? once;
  const problems: string[] = [];
  const clockOffsetMs = await retrying('MEXC server time', () => rest.syncTime());
  const maxSkew = config.exchange.recvWindowMs / 2;
  if (Math.abs(clockOffsetMs) > maxSkew)
    problems.push(`clock skew ${Math.round(clockOffsetMs)} ms against MEXC exceeds ${maxSkew} ms (half of recvWindow): fix the system clock (NTP)`);
  if (!rules.tradable) problems.push(`${rules.symbol} is not tradable through the API (status offline/paused, no SPOT permission, or API trading disabled)`);
  if (rules.acceptedSides !== 'both') problems.push(`${rules.symbol}: ${acceptedSidesText(rules.acceptedSides)} (MEXC exchangeInfo tradeSideType)`);
  let canTrade: boolean | null = null;
  let base = 0;
  let quote = 0;
  let balancesReadable = false;
  try {
    // one account request serves both the permission flag and the balances (it is a heavy endpoint)
    const account = (await retrying('MEXC account', () => rest.account())) as {canTrade?: boolean; balances?: Array<{asset: string; free: string; locked: string}>};
    canTrade = typeof account.canTrade === 'boolean' ? account.canTrade : null;
    if (canTrade === false) problems.push('the API key has no spot trading permission (account canTrade=false)');
    const find = (asset: string) => account.balances?.find((b) => b.asset === asset);
    const amount = (asset: string) => Number(find(asset)?.free ?? 0) + Number(find(asset)?.locked ?? 0);
    base = amount(rules.baseAsset);
    quote = amount(rules.quoteAsset);
    if (!Number.isFinite(base) || !Number.isFinite(quote)) throw new Error('balances are not numbers');
    balancesReadable = true;
  } catch (error) {
    problems.push(`account balances unreadable: ${(error as Error).message} (check MEXC_API_KEY/MEXC_API_SECRET, key permissions and IP whitelist)`);
  }
  let price: number | null = null;
  try {
    const depth = await retrying(`MEXC order book ${rules.symbol}`, () => rest.depth(rules.symbol, 5));
    const bid = Number(depth.bids[0]?.[0]);
    const ask = Number(depth.asks[0]?.[0]);
    if (bid > 0 && ask > 0) price = (bid + ask) / 2;
  } catch (error) {
    problems.push(`order book of ${rules.symbol} unreadable: ${(error as Error).message}`);
  }
  const target = config.depthTargetUsdt;
  if (!balancesReadable) return {clockOffsetMs, symbolTradable: rules.tradable, canTrade, balances: {base, quote, baseAsset: rules.baseAsset, quoteAsset: rules.quoteAsset}, price, problems};
  if (quote < target) problems.push(`${rules.quoteAsset} balance ${quote.toFixed(2)} is short of the ${target} per-side target by ${(target - quote).toFixed(2)}`);
  if (price !== null && base * price < target)
    problems.push(`${rules.baseAsset} balance worth ${(base * price).toFixed(2)} ${rules.quoteAsset} is short of the ${target} per-side target by ${(target - base * price).toFixed(2)}`);
  return {clockOffsetMs, symbolTradable: rules.tradable, canTrade, balances: {base, quote, baseAsset: rules.baseAsset, quoteAsset: rules.quoteAsset}, price, problems};
}

export function readinessBanner(report: ReadinessReport, config: Config): string {
  const {balances} = report;
  return [
    '',
    '  ================================  LIVE  ================================',
    `  REAL MONEY on MEXC ${config.symbol} (reference KuCoin ${config.referenceSymbol})`,
    `  balances: ${balances.base} ${balances.baseAsset}, ${balances.quote.toFixed(2)} ${balances.quoteAsset}` +
      (report.price !== null ? ` (mid ${report.price})` : ''),
    `  target: ${config.depthTargetUsdt} USDT per side within ±${config.bandPct * 100}% in ${config.levels} levels`,
    `  caps: ${config.risk.maxOrderNotionalUsdt} USDT per order, ${config.risk.maxTotalNotionalUsdt} USDT total`,
    `  clock offset: ${Math.round(report.clockOffsetMs)} ms`,
    '  ========================================================================',
    '',
  ].join('\n');
}

export async function checkLiveReadiness(input: {
  retrying?: ReadinessRetry;
  rest: MexcRestClient;
  rules: SymbolRules;
  config: Config;
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  yes: boolean;
  ui: boolean;
}): Promise<void> {
  const report = await inspectLiveAccount(input);
  if (report.problems.length > 0) throw new StartupError(`live mode refused:\n  - ${report.problems.join('\n  - ')}`, 1);
  const banner = readinessBanner(report, input.config);
  if (input.yes) {
    // headless runs log the banner as a JSON line; a terminal gets it as text
    if (input.ui) input.stdout.write(banner + '\n');
    else input.stdout.write(JSON.stringify({time: new Date().toISOString(), level: 'warn', mode: 'LIVE', msg: 'live trading', banner: banner.trim().split('\n')}) + '\n');
    return;
  }
  if (!input.stdin.isTTY) throw new StartupError('live mode needs confirmation: run it on a terminal or pass --yes', 2);
  input.stdout.write(banner);
  const rl = createInterface({input: input.stdin, output: input.stdout});
  try {
    const answer = await rl.question('  Type LIVE to start trading real money: ');
    if (answer.trim() !== 'LIVE') throw new StartupError('live mode not confirmed: nothing was placed', 1);
  } finally {
    rl.close();
  }
}
