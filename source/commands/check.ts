// `mexc-mm check --live|--paper`: run the readiness checks against the configured venues, place nothing.
import type {Config} from '../config/configSchema.js';
import type {Mode} from '../engine/view/snapshot.js';
import {acceptedSidesText, specialTreatmentText} from '../engine/symbolRules.js';
import {MexcRestClient} from '../exchanges/mexc/mexcRestClient.js';
import {MexcTradingPort} from '../exchanges/mexc/mexcTradingPort.js';
import {fetchKucoinSymbol} from '../exchanges/kucoin/kucoinSymbol.js';
import type {VenueEndpointOverrides} from '../exchanges/shared/venueEndpoints.js';
import {inspectLiveAccount, readinessBanner} from '../runtime/liveReadiness.js';
import {withStartupRetries} from '../runtime/startupRetry.js';

export async function runCheckCommand(input: {
  config: Config;
  mode: Mode;
  overrides: VenueEndpointOverrides;
  out: NodeJS.WritableStream;
  env?: NodeJS.ProcessEnv;
}): Promise<number> {
  const {config, out} = input;
  const env = input.env ?? process.env;
  const lines: string[] = [];
  let failed = false;
  const ok = (text: string): void => void lines.push(`  ok    ${text}`);
  const fail = (text: string): void => {
    failed = true;
    lines.push(`  FAIL  ${text}`);
  };
  // worth knowing, not a refusal: the check still passes
  const warn = (text: string): void => void lines.push(`  warn  ${text}`);
  try {
    const kucoin = await fetchKucoinSymbol(config.exchange.kucoinRest, config.referenceSymbol, config.exchange.requestTimeoutMs);
    if (kucoin.enableTrading) ok(`KuCoin ${config.referenceSymbol} reachable (price decimals ${kucoin.priceDecimals})`);
    else fail(`KuCoin ${config.referenceSymbol} is not trading`);
  } catch (error) {
    fail(`KuCoin ${config.referenceSymbol}: ${(error as Error).message}`);
  }
  const apiKey = env.MEXC_API_KEY;
  const apiSecret = env.MEXC_API_SECRET;
  if (input.mode === 'live' && (!apiKey || !apiSecret)) {
    out.write(`mexc-mm: --live needs ${[!apiKey && 'MEXC_API_KEY', !apiSecret && 'MEXC_API_SECRET'].filter(Boolean).join(' and ')} in the environment\n`);
    return 2;
  }
  const rest = new MexcRestClient({
    baseUrl: config.exchange.mexcRest,
    apiKey: input.mode === 'live' ? apiKey : undefined,
    apiSecret: input.mode === 'live' ? apiSecret : undefined,
    recvWindowMs: config.exchange.recvWindowMs,
    timeoutMs: config.exchange.requestTimeoutMs,
  });
  try {
    const trading = new MexcTradingPort({rest, symbol: config.symbol, clientOrderIdPrefix: config.exchange.clientOrderIdPrefix});
    const rules = await trading.rules();
    ok(`MEXC ${config.symbol}: tick 10^-${rules.priceDecimals}, lot 10^-${rules.qtyDecimals}, min notional ${rules.minNotional}`);
    if (rules.specialTreatment) warn(specialTreatmentText(rules.symbol));
    // in live mode a refused side is a readiness problem (a FAIL below); elsewhere it is worth a warning
    if (input.mode !== 'live' && rules.acceptedSides !== 'both') warn(`${rules.symbol}: ${acceptedSidesText(rules.acceptedSides)}`);
    if (input.mode === 'live') {
      const retrying = <T>(what: string, call: () => Promise<T>) => withStartupRetries(what, call, {log: () => undefined});
      const report = await inspectLiveAccount({rest, rules, config, retrying});
      for (const problem of report.problems) fail(problem);
      if (report.problems.length === 0) ok('clock, symbol, permission and balances ready for live trading');
      out.write(readinessBanner(report, config));
    } else {
      const depth = await rest.depth(config.symbol, 5);
      ok(`MEXC ${config.symbol} order book readable (${depth.bids.length} bids, ${depth.asks.length} asks shown)`);
    }
  } catch (error) {
    fail(`MEXC ${config.symbol}: ${(error as Error).message}`);
  }
  out.write(`mexc-mm check (${input.mode}): nothing was placed\n${lines.join('\n')}\n`);
  return failed ? 1 : 0;
}
