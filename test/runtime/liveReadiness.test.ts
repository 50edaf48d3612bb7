// Live readiness against the simulator: the same checks `--live` and `mexc-mm check --live` run before
// the first order, each refusal with its own message and exit code, and a ready account passing.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Writable} from 'node:stream';
import {defaultConfig, type Config} from '../../source/config/configSchema.js';
import {startSimulator, type SimulatorOptions} from '../../source/sim/simulator.js';
import {MexcRestClient} from '../../source/exchanges/mexc/mexcRestClient.js';
import {MexcTradingPort} from '../../source/exchanges/mexc/mexcTradingPort.js';
import {runCheckCommand} from '../../source/commands/check.js';
import {checkLiveReadiness, inspectLiveAccount} from '../../source/runtime/liveReadiness.js';
import {withStartupRetries} from '../../source/runtime/startupRetry.js';
import {rules as fixtureRules} from '../engine/engineFixtures.js';
import {MexcApiError} from '../../source/exchanges/mexc/errors.js';
import {StartupError} from '../../source/runtime/startupError.js';

type TestContext = {after: (fn: () => Promise<void> | void) => void};

async function simulator(t: TestContext, options: Partial<SimulatorOptions> = {}) {
  const sim = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'calm', seed: 3, ...options});
  t.after(() => sim.close());
  const config: Config = defaultConfig();
  config.exchange.mexcRest = sim.urls.mexcRest;
  config.exchange.mexcWs = sim.urls.mexcWs;
  config.exchange.kucoinRest = sim.urls.kucoinRest;
  return {sim, config};
}

function capture(): {stream: Writable; text: () => string} {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return {stream, text: () => text};
}

async function check(config: Config, env: NodeJS.ProcessEnv) {
  const out = capture();
  const code = await runCheckCommand({config, mode: 'live', overrides: {}, out: out.stream, env});
  return {code, text: out.text()};
}

/** The startup path of `--live`: rules from exchangeInfo, then the readiness gate (headless, --yes). */
async function startLive(config: Config, apiKey: string, apiSecret: string): Promise<{error: unknown; stdout: string}> {
  const rest = new MexcRestClient({baseUrl: config.exchange.mexcRest, apiKey, apiSecret, recvWindowMs: config.exchange.recvWindowMs, timeoutMs: config.exchange.requestTimeoutMs});
  const rules = await new MexcTradingPort({rest, symbol: config.symbol, clientOrderIdPrefix: config.exchange.clientOrderIdPrefix}).rules();
  const out = capture();
  try {
    await checkLiveReadiness({rest, rules, config, stdout: out.stream as unknown as NodeJS.WriteStream, stdin: process.stdin, yes: true, ui: false});
    return {error: null, stdout: out.text()};
  } catch (error) {
    return {error, stdout: out.text()};
  }
}

function assertRefused(error: unknown, code: number, pattern: RegExp): void {
  assert.ok(error instanceof StartupError, `refused with a StartupError, got ${String(error)}`);
  assert.equal(error.exitCode, code);
  assert.match(error.message, pattern);
}

test('a funded, permitted account on an open symbol passes: check exits 0 and --live logs the LIVE banner', async (t) => {
  const {sim, config} = await simulator(t, {baseBalance: 20_000, quoteBalance: 5_000});
  const env = {MEXC_API_KEY: sim.account.apiKey, MEXC_API_SECRET: sim.account.apiSecret};
  const result = await check(config, env);
  assert.equal(result.code, 0, result.text);
  assert.match(result.text, /ok +clock, symbol, permission and balances ready/);
  assert.match(result.text, /nothing was placed/);
  const live = await startLive(config, sim.account.apiKey, sim.account.apiSecret);
  assert.equal(live.error, null);
  const line = JSON.parse(live.stdout.trim()) as {mode: string; banner: string[]};
  assert.equal(line.mode, 'LIVE');
  assert.ok(line.banner.some((l) => /20000 RMV, 5000\.00 USDT/.test(l)), live.stdout);
  assert.equal(sim.stats().ordersPlaced, 0, 'readiness places nothing');
});

test('no keys: check --live exits 2 naming both variables', async (t) => {
  const {config} = await simulator(t);
  const result = await check(config, {});
  assert.equal(result.code, 2);
  assert.match(result.text, /MEXC_API_KEY and MEXC_API_SECRET/);
  const onlySecret = await check(config, {MEXC_API_SECRET: 'x'});
  assert.equal(onlySecret.code, 2);
  assert.match(onlySecret.text, /needs MEXC_API_KEY in the environment/);
});

test('wrong keys: balances unreadable, refused with a hint at the key, and the secret never printed', async (t) => {
  const {sim, config} = await simulator(t, {baseBalance: 20_000, quoteBalance: 5_000});
  const wrongSecret = 'f'.repeat(32);
  const result = await check(config, {MEXC_API_KEY: sim.account.apiKey, MEXC_API_SECRET: wrongSecret});
  assert.equal(result.code, 1);
  assert.match(result.text, /FAIL +account balances unreadable: .*(700002|Signature)/);
  assert.match(result.text, /check MEXC_API_KEY\/MEXC_API_SECRET/);
  assert.doesNotMatch(result.text, new RegExp(wrongSecret));
  const live = await startLive(config, 'mx0vunknownkey', wrongSecret);
  assertRefused(live.error, 1, /account balances unreadable: .*(10072|Api key info invalid)/);
  assert.equal(live.stdout, '', 'no banner before a refusal');
});

test('a symbol closed to API trading is refused', async (t) => {
  for (const conditions of [{symbolStatus: '2' as const}, {spotTradingAllowed: false}]) {
    const {sim, config} = await simulator(t, {baseBalance: 20_000, quoteBalance: 5_000, conditions});
    const result = await check(config, {MEXC_API_KEY: sim.account.apiKey, MEXC_API_SECRET: sim.account.apiSecret});
    assert.equal(result.code, 1, JSON.stringify(conditions));
    assert.match(result.text, /FAIL +RMVUSDT is not tradable through the API/);
    const live = await startLive(config, sim.account.apiKey, sim.account.apiSecret);
    assertRefused(live.error, 1, /RMVUSDT is not tradable through the API/);
  }
});

test('a side the exchange refuses (tradeSideType 2, 3, 4) fails check --live naming the side, and --live is refused', async (t) => {
  const expected = {
    '2': 'RMVUSDT: exchange allows only buys: the ask side cannot be quoted',
    '3': 'RMVUSDT: exchange allows only sells: the bid side cannot be quoted',
    '4': 'RMVUSDT: exchange allows no orders: neither side can be quoted',
  } as const;
  for (const tradeSideType of ['2', '3', '4'] as const) {
    const {sim, config} = await simulator(t, {baseBalance: 20_000, quoteBalance: 5_000, conditions: {tradeSideType}});
    const result = await check(config, {MEXC_API_KEY: sim.account.apiKey, MEXC_API_SECRET: sim.account.apiSecret});
    assert.equal(result.code, 1, result.text);
    assert.ok(result.text.includes(`  FAIL  ${expected[tradeSideType]} (MEXC exchangeInfo tradeSideType)`), result.text);
    assert.doesNotMatch(result.text, /ready for live trading/);
    const live = await startLive(config, sim.account.apiKey, sim.account.apiSecret);
    assertRefused(live.error, 1, new RegExp(expected[tradeSideType].replace(/[()]/g, '\\$&')));
    assert.equal(sim.stats().ordersPlaced, 0);
  }
});

test('the ST tag is a warning, not a refusal: check --live passes and says what ST means', async (t) => {
  const {sim, config} = await simulator(t, {baseBalance: 20_000, quoteBalance: 5_000, conditions: {specialTreatment: true}});
  const result = await check(config, {MEXC_API_KEY: sim.account.apiKey, MEXC_API_SECRET: sim.account.apiSecret});
  assert.equal(result.code, 0, result.text);
  assert.match(result.text, /  warn  RMVUSDT carries MEXC's ST \(special treatment\) warning: .*trading goes on/);
  assert.match(result.text, /ok +clock, symbol, permission and balances ready/);
  const live = await startLive(config, sim.account.apiKey, sim.account.apiSecret);
  assert.equal(live.error, null);
});

test('a key without spot-trading permission is refused', async (t) => {
  const {sim, config} = await simulator(t, {baseBalance: 20_000, quoteBalance: 5_000, conditions: {accountCanTrade: false}});
  const live = await startLive(config, sim.account.apiKey, sim.account.apiSecret);
  assertRefused(live.error, 1, /no spot trading permission \(account canTrade=false\)/);
});

test('insufficient balances are refused, saying how short each side is', async (t) => {
  const {sim, config} = await simulator(t, {baseBalance: 1_000, quoteBalance: 300});
  const live = await startLive(config, sim.account.apiKey, sim.account.apiSecret);
  assertRefused(live.error, 1, /USDT balance 300\.00 is short of the 1250 per-side target by 950\.00/);
  assert.match((live.error as Error).message, /RMV balance worth \d+\.\d\d USDT is short of the 1250 per-side target by \d+\.\d\d/);
});

test('a large clock skew against the exchange is refused before any signed request is trusted', async (t) => {
  const {sim, config} = await simulator(t, {baseBalance: 20_000, quoteBalance: 5_000, clockOffsetMs: 45_000});
  const live = await startLive(config, sim.account.apiKey, sim.account.apiSecret);
  assertRefused(live.error, 1, /clock skew \d+ ms against MEXC exceeds \d+ ms .*NTP/);
  const small = await simulator(t, {baseBalance: 20_000, quoteBalance: 5_000, clockOffsetMs: 300});
  const ok = await startLive(small.config, small.sim.account.apiKey, small.sim.account.apiSecret);
  assert.equal(ok.error, null, 'a skew well inside recvWindow is fine (it is measured and compensated)');
});

test('a transient 503 on a readiness read is retried, not a refusal: the kill -9 restart that must adopt orders still starts', async () => {
  const {rules, config, rest} = await (async () => {
    const config: Config = defaultConfig();
    const rules = {symbol: 'RMVUSDT', baseAsset: 'RMV', quoteAsset: 'USDT', priceDecimals: 5, qtyDecimals: 2, minQtyLots: 10, minNotional: 1, tradable: true, acceptedSides: 'both', specialTreatment: false} as unknown as Parameters<typeof inspectLiveAccount>[0]['rules'];
    let depthCalls = 0;
    const rest = {
      syncTime: async () => 3,
      account: async () => ({canTrade: true, balances: [{asset: 'RMV', free: '20000', locked: '0'}, {asset: 'USDT', free: '5000', locked: '0'}]}),
      depth: async () => {
        if (depthCalls++ === 0) throw new MexcApiError(503, 503, 'service not available');
        return {lastUpdateId: 1, bids: [['0.25', '100']], asks: [['0.251', '100']]};
      },
    } as unknown as MexcRestClient;
    return {rules, config, rest};
  })();
  const retrying = <T>(what: string, call: () => Promise<T>) => withStartupRetries(what, call, {log: () => undefined, sleep: async () => undefined});
  const report = await inspectLiveAccount({rest, rules, config, retrying});
  assert.deepEqual(report.problems, []);
  assert.equal(report.price, 0.2505);
  const once = await inspectLiveAccount({rest: {...rest, depth: async () => { throw new MexcApiError(503, 503, 'service not available'); }} as unknown as MexcRestClient, rules, config});
  assert.ok(once.problems.some((p) => /order book of RMVUSDT unreadable: MEXC HTTP 503/.test(p)), 'without retries the same 503 refuses');
});
