// A real Prometheus server (Debian's package, as .ci/run installs it) scrapes a headless bot on the
// simulator every second; the test asks Prometheus's HTTP API for the compliance, depth and order series
// and finds sane values, and checks that the shipped alert rules load and stay quiet on a healthy bot
// (docs/monitoring.md §1, §3).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {exitedWithin, startCli, tempDir, waitFor} from './processHarness.js';

const alertRules = fileURLToPath(new URL('../../deploy/prometheus/alerts.yml', import.meta.url));

/** A port nobody listens on right now (Prometheus cannot report the port it took for :0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as {port: number}).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

async function query(base: string, expr: string): Promise<Sample[]> {
  const response = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await response.json()) as {status: string; data?: {result: Sample[]}; error?: string};
  if (body.status !== 'success') throw new Error(`query ${expr}: ${body.error ?? response.status}`);
  return body.data!.result;
}

const values = (samples: Sample[]): number[] => samples.map((s) => Number(s.value[1]));

test('a real Prometheus scrapes the headless bot: compliance, depth and order series with sane values; the alert rules load and none fires', {timeout: 120_000}, async (t) => {
  const probe = spawnSync('prometheus', ['--version'], {encoding: 'utf8'});
  if (probe.error || probe.status !== 0) {
    const why = probe.error?.message ?? `exit ${probe.status}`;
    // .ci/run installs Debian's prometheus: under CI a missing server is a failure, not a skip
    if (process.env.CI && process.env.CI !== 'false') assert.fail(`prometheus is required under CI but unavailable: ${why}`);
    t.skip(`prometheus not installed (Debian package prometheus): ${why}`);
    return;
  }
  const dir = tempDir(t, 'mm-prom-');
  const bot = startCli(['--no-ui', '--duration', '60', '--seed', '7', '--metrics-port', '0', '--data-dir', join(dir, 'data')]);
  t.after(() => bot.child.kill('SIGKILL'));
  const listening = await waitFor('the bot to log "metrics listening"', () => {
    if (bot.child.exitCode !== null) throw new Error(`the bot exited ${bot.child.exitCode}: ${bot.stderr().slice(-600)}`);
    return bot.lines.find((l) => l.msg === 'metrics listening');
  }, 30_000);
  const target = new URL(String(listening.url));
  assert.equal(target.hostname, '127.0.0.1', 'loopback unless metrics.host says otherwise');

  const port = await freePort();
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      ...(existsSync(alertRules) ? ['rule_files:', `  - ${JSON.stringify(alertRules)}`] : []),
      'scrape_configs:',
      '  - job_name: mexc-mm',
      '    static_configs:',
      `      - targets: [${JSON.stringify(target.host)}]`,
      '',
    ].join('\n'),
  );
  const prometheus = spawn('prometheus', [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], {stdio: ['ignore', 'ignore', 'pipe']});
  let prometheusLog = '';
  prometheus.stderr.on('data', (chunk: Buffer) => (prometheusLog = (prometheusLog + chunk.toString()).slice(-4000)));
  t.after(() => prometheus.kill('SIGKILL'));
  const base = `http://127.0.0.1:${port}`;
  await waitFor('Prometheus to be ready', async () => {
    if (prometheus.exitCode !== null) throw new Error(`prometheus exited ${prometheus.exitCode}: ${prometheusLog}`);
    return fetch(`${base}/-/ready`).then((r) => r.ok, () => false);
  }, 30_000);

  // the bot quotes within seconds; give Prometheus a dozen scrapes of a quoting bot
  await waitFor('Prometheus to hold a passing per-side compliance sample', async () => values(await query(base, 'mexc_mm_compliance_pass{reading="per_side"}')).includes(1), 45_000);
  await new Promise((resolve) => setTimeout(resolve, 8_000));

  const up = await query(base, 'up{job="mexc-mm"}');
  assert.deepEqual(values(up), [1], `the target is up: ${prometheusLog}`);
  const [info] = await query(base, 'mexc_mm_info');
  assert.deepEqual([info?.metric.symbol, info?.metric.mode], ['RMVUSDT', 'sim']);

  // the listing rule, as Prometheus saw it over the last 8 s: every scrape passing, both sides deep enough
  const minPass = values(await query(base, 'min_over_time(mexc_mm_compliance_pass{reading="per_side"}[8s])'));
  assert.deepEqual(minPass, [1], 'every scraped per-side sample passed');
  const depth = await query(base, 'mexc_mm_depth_usdt{owner="all",side=~"bid|ask"}');
  assert.equal(depth.length, 2);
  for (const sample of depth) assert.ok(Number(sample.value[1]) >= 1000, `${sample.metric.side} depth ${sample.value[1]} ≥ 1,000 USDT`);
  const ours = values(await query(base, 'sum(mexc_mm_depth_usdt{owner="ours"})'));
  assert.ok(ours[0]! > 0, 'our own orders add depth');
  const [spread] = values(await query(base, 'mexc_mm_spread_ratio{venue="mexc"}'));
  assert.ok(spread! > 0 && spread! < 0.02, `spread ${spread} under 2 %`);
  const ratio = values(await query(base, 'mexc_mm_compliance_pass_ratio{window="1h",reading="per_side"}'));
  assert.ok(ratio[0]! >= 0.8 && ratio[0]! <= 1, `1 h pass ratio ${ratio[0]}`);

  // orders: both sides rest, placements counted and growing only
  const open = await query(base, 'mexc_mm_open_orders');
  assert.deepEqual(open.map((s) => s.metric.side).sort(), ['ask', 'bid']);
  for (const sample of open) assert.ok(Number(sample.value[1]) >= 1, `${sample.metric.side} orders ${sample.value[1]}`);
  const placed = values(await query(base, 'mexc_mm_orders_placed_total'));
  assert.ok(placed[0]! >= 10, `orders placed ${placed[0]}`);
  assert.deepEqual(values(await query(base, 'resets(mexc_mm_orders_placed_total[1m])')), [0], 'a counter, never going back');
  assert.deepEqual(values(await query(base, 'sum(mexc_mm_stream_state{state="live",stream=~"mexc.book|kucoin.book"})')), [2]);
  assert.deepEqual(values(await query(base, 'mexc_mm_halted')), [0]);
  const latency = values(await query(base, 'mexc_mm_decision_latency_seconds_count'));
  assert.ok(latency[0]! > 0, 'decision latency observed');
  assert.ok((await query(base, 'process_resident_memory_bytes{job="mexc-mm"}')).length === 1, 'prom-client default metrics');

  if (existsSync(alertRules)) {
    const rules = (await (await fetch(`${base}/api/v1/rules`)).json()) as {data: {groups: Array<{rules: Array<{name: string; health: string; lastError?: string}>}>}};
    const loaded = rules.data.groups.flatMap((g) => g.rules);
    assert.ok(loaded.length >= 8, `alert rules loaded: ${loaded.length}`);
    for (const rule of loaded) assert.equal(rule.health, 'ok', `${rule.name}: ${rule.lastError ?? rule.health}`);
    const alerts = (await (await fetch(`${base}/api/v1/alerts`)).json()) as {data: {alerts: Array<{labels: {alertname: string}; state: string}>}};
    assert.deepEqual(alerts.data.alerts.filter((a) => a.state === 'firing').map((a) => a.labels.alertname), [], 'no alert fires on a healthy bot');
  }

  bot.child.kill('SIGTERM');
  assert.equal(await exitedWithin(bot, 30_000, 'the bot to stop after SIGTERM'), 0, bot.stderr());
});
