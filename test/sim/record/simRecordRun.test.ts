// The record file end to end: an in-process simulator's record against its own REST answers, and the
// `--sim-record` flag of a sim-mode run and of `mexc-mm sim` (docs/simulator.md §9).
import assert from 'node:assert/strict';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {test} from 'node:test';
import {parseCommandLine, UsageError} from '../../../source/cli/parseCommandLine.js';
import {startSimulator} from '../../../source/sim/simulator.js';
import {auditAccount} from '../../../source/sim/record/accountAudit.js';
import {readSimRecord} from '../../../source/sim/record/recordFile.js';
import {exitedWithin, startCli, startStandaloneSim, tempDir, waitFor as waitForProcess} from '../../e2e/processHarness.js';
import {signedRequest, waitFor} from '../simTestKit.js';

test('the record holds every trade as GET /api/v3/myTrades reports it, the balances and one reference point per step', async (t) => {
  const dir = tempDir(t, 'mm-simrecord-');
  const recordFile = join(dir, 'record.json');
  // calm with an eager arbitrageur: a stale ask of ours is taken at once, so the test needs no luck with takers
  const sim = await startSimulator({
    symbol: 'RMVUSDT',
    referenceSymbol: 'RMV-USDT',
    scenario: 'calm',
    seed: 5,
    tickMs: 20,
    baseBalance: 2000,
    quoteBalance: 1000,
    recordFile,
    arbitrage: {reactionSteps: 0, feePpm: 1500, maxTakeUsdt: 300, budgetUsdt: 600, budgetSteps: 10},
  });
  let myTrades: any[];
  let account: any;
  try {
    const order = (params: Record<string, string>) => signedRequest(sim.urls.mexcRest, sim.account, 'POST', '/api/v3/order', {symbol: 'RMVUSDT', ...params});
    const reference = sim.market().reference;
    const stale = await order({side: 'SELL', type: 'LIMIT_MAKER', quantity: '80', price: (Math.floor(reference * 0.99 * 1e5) / 1e5).toFixed(5), newClientOrderId: 'mmx-stale'});
    assert.equal(stale.status, 200, JSON.stringify(stale.body));
    const taker = await order({side: 'BUY', type: 'IMMEDIATE_OR_CANCEL', quantity: '40', price: (Math.floor(reference * 1.02 * 1e5) / 1e5).toFixed(5), newClientOrderId: 'mmx-taker'});
    assert.equal(taker.status, 200, JSON.stringify(taker.body));
    const trades = async () => (await signedRequest(sim.urls.mexcRest, sim.account, 'GET', '/api/v3/myTrades', {symbol: 'RMVUSDT'})).body as any[];
    let latest: any[] = [];
    const poll = setInterval(() => void trades().then((body) => (latest = body)), 20);
    try {
      await waitFor(() => latest.some((trade) => trade.clientOrderId === 'mmx-stale') && latest.some((trade) => trade.clientOrderId === 'mmx-taker'), 10_000, 'the arbitrageur and our taker order to trade');
    } finally {
      clearInterval(poll);
    }
    await signedRequest(sim.urls.mexcRest, sim.account, 'DELETE', '/api/v3/openOrders', {symbol: 'RMVUSDT'});
    myTrades = await trades();
    account = (await signedRequest(sim.urls.mexcRest, sim.account, 'GET', '/api/v3/account', {})).body;
  } finally {
    await sim.close();
  }

  const record = await readSimRecord(recordFile);
  assert.deepEqual(
    record.trades.map((trade) => ({
      id: trade.tradeId,
      orderId: trade.orderId,
      clientOrderId: trade.clientOrderId,
      isBuyer: trade.side === 'BUY',
      price: trade.price,
      qty: trade.qty,
      quoteQty: trade.quoteQty,
      commission: trade.fee,
      commissionAsset: trade.feeAsset,
      isMaker: trade.isMaker,
      time: String(trade.time),
    })),
    myTrades.map((trade) => ({
      id: trade.id,
      orderId: trade.orderId,
      clientOrderId: trade.clientOrderId,
      isBuyer: trade.isBuyer,
      price: trade.price,
      qty: trade.qty,
      quoteQty: trade.quoteQty,
      commission: trade.commission,
      commissionAsset: trade.commissionAsset,
      isMaker: trade.isMaker,
      time: trade.time,
    })),
  );
  assert.ok(record.trades.some((trade) => trade.clientOrderId === 'mmx-stale' && trade.isMaker && trade.side === 'SELL'));
  assert.ok(record.trades.some((trade) => trade.clientOrderId === 'mmx-taker' && !trade.isMaker && trade.feeAsset === 'RMV'));
  assert.deepEqual(record.startBalances, {RMV: '2000', USDT: '1000'});
  const totals = Object.fromEntries(account.balances.map((b: any) => [b.asset, Number(b.free) + Number(b.locked)]));
  assert.equal(Number(record.finalBalances.RMV), totals.RMV);
  assert.equal(Number(record.finalBalances.USDT), totals.USDT);
  assert.equal(auditAccount(record).balancesReconcile, true, 'start + the recorded trades = final');
  assert.ok(Number(record.market.arbitrageAccountFills) >= 1, JSON.stringify(record.market));
  // one point when the books were primed, then one per step, in time order
  assert.equal(record.reference.strideSteps, 1);
  assert.equal(record.reference.path.length, Number(record.market.steps) + 1);
  const times = record.reference.path.map(([time]) => time);
  assert.deepEqual(times, [...times].sort((a, b) => a - b));
  assert.deepEqual(record.reference.final, record.reference.path.at(-1));
  assert.ok(record.startedAt <= record.reference.path[0]![0] && record.endedAt >= record.reference.final![0]);
});

test('--sim-record is for the built-in simulator only, and never empty', () => {
  const recordFileOf = (argv: string[]) => {
    const invocation = parseCommandLine(argv);
    return invocation.command === 'run' || invocation.command === 'sim' ? invocation.config.sim.recordFile : 'not a run';
  };
  assert.equal(recordFileOf(['--sim-record', 'r.json']), 'r.json');
  assert.equal(recordFileOf(['sim', '--sim-record', 'r.json']), 'r.json');
  assert.equal(recordFileOf([]), null);
  assert.throws(() => parseCommandLine(['--live', '--sim-record', 'r.json']), (error: unknown) => error instanceof UsageError && /--sim-record/.test(error.message));
  assert.throws(() => parseCommandLine(['--paper', '--sim-record', 'r.json']), UsageError);
  assert.throws(() => parseCommandLine(['--sim-record', ' ']), /--sim-record must not be empty/);
  const external = ['--mexc-rest', 'http://127.0.0.1:1', '--mexc-ws', 'ws://127.0.0.1:1/ws', '--kucoin-rest', 'http://127.0.0.1:2'];
  assert.throws(() => parseCommandLine([...external, '--sim-record', 'r.json']), /mexc-mm sim/);
});

test('a sim-mode run writes the record of its simulator: the bot\'s fills are its trades', async (t) => {
  const dir = tempDir(t, 'mm-simrecord-run-');
  const recordFile = join(dir, 'record.json');
  const run = startCli(['--no-ui', '--duration', '8', '--scenario', 'volatile', '--seed', '2', '--data-dir', join(dir, 'data'), '--sim-record', recordFile]);
  assert.equal(await exitedWithin(run, 60_000, 'the 8 s run to end'), 0, run.stderr());
  const record = await readSimRecord(recordFile);
  assert.equal(record.scenario, 'volatile');
  assert.equal(record.seed, 2);
  assert.deepEqual(record.startBalances, {RMV: '16000', USDT: '4000'}, 'the config\'s sim balances');
  assert.ok(record.reference.path.length > 40, `${record.reference.path.length} points in 8 s at 100 ms`);
  const journal = join(dir, 'data', 'journal');
  const fills = readdirSync(journal)
    .filter((name) => name.startsWith('fills'))
    .flatMap((name) => readFileSync(join(journal, name), 'utf8').split('\n').filter(Boolean))
    .map((line) => (JSON.parse(line) as {tradeId: string}).tradeId);
  assert.deepEqual(record.trades.map((trade) => trade.tradeId).sort(), fills.sort());
  assert.equal(auditAccount(record).balancesReconcile, true);
});

test('`mexc-mm sim --sim-record FILE` writes the record when it is stopped', async (t) => {
  const dir = tempDir(t, 'mm-simrecord-sim-');
  const recordFile = join(dir, 'record.json');
  const sim = await startStandaloneSim(['--scenario', 'calm', '--seed', '3', '--sim-record', recordFile]);
  try {
    await waitForProcess('a few model steps', async () => ((await (await fetch(sim.urls.observer)).json()) as {samples: number}).samples >= 1, 10_000);
    assert.equal(existsSync(recordFile), false, 'written at the stop, not before');
  } finally {
    await sim.stop();
  }
  const record = await readSimRecord(recordFile);
  assert.equal(record.scenario, 'calm');
  assert.deepEqual(record.trades, []);
  assert.deepEqual(record.finalBalances, record.startBalances);
  assert.ok(record.reference.path.length >= 10);
  assert.match(sim.output(), new RegExp(`record: ${recordFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
});
