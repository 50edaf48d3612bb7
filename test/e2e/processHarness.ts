// Helpers for tests that drive the real binary: start the CLI as a child process, read its JSON lines,
// run the simulator standalone, and ask it (with a hand-signed request) for the test account's orders.
import {spawn, type ChildProcess} from 'node:child_process';
import {createHmac} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {ensureDistCurrent} from '../../scripts/buildDist.mjs';

// The binary as installed: bin/mexc-mm.js runs the compiled dist/ under plain node. scripts/run-tests.mjs
// builds dist/ before the tests; a source saved since then, or tests run another way, rebuild it here
// (nothing to do when it is current), so no test runs an old dist/.
ensureDistCurrent('processHarness');
export const CLI = [fileURLToPath(new URL('../../bin/mexc-mm.js', import.meta.url))];

export interface RunningCli {
  child: ChildProcess;
  lines: Array<Record<string, unknown>>;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): RunningCli {
  const child = spawn(process.execPath, [...CLI, ...args], {env: {...process.env, ...env, NO_COLOR: '1'}, stdio: ['ignore', 'pipe', 'pipe']});
  let out = '';
  let err = '';
  const lines: Array<Record<string, unknown>> = [];
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    partial += chunk.toString();
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      if (!line.trim().startsWith('{')) continue; // `mexc-mm sim` prints plain text; a headless run's non-JSON lines are caught by tests reading stdout()
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        lines.push({msg: 'unparsable stdout line', line});
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {child, lines, stdout: () => out, stderr: () => err, exited};
}

export async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The exit code once the process has exited; fails after `timeoutMs` naming what it waited for (a hung
 * process fails here with its stderr, not at the test's overall timeout).
 */
export async function exitedWithin(run: Pick<RunningCli, 'exited' | 'stderr'>, timeoutMs: number, what: string): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; stderr: ${run.stderr().slice(-600)}`)), timeoutMs);
  });
  try {
    return await Promise.race([run.exited, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export interface StandaloneSim {
  urls: {mexcRest: string; mexcWs: string; kucoinRest: string; observer: string};
  apiKey: string;
  apiSecret: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

export async function startStandaloneSim(args: string[] = []): Promise<StandaloneSim> {
  const run = startCli(['sim', '--port', '0', ...args]);
  const text = await waitFor('simulator URLs', () => (/API secret:\s+\S+/.test(run.stdout()) ? run.stdout() : null), 30_000);
  const pick = (label: string) => new RegExp(`${label}:\\s+(\\S+)`).exec(text)![1]!;
  return {
    urls: {mexcRest: pick('MEXC REST'), mexcWs: pick('MEXC WS'), kucoinRest: pick('KuCoin REST'), observer: pick('observer')},
    apiKey: pick('API key'),
    apiSecret: pick('API secret'),
    child: run.child,
    output: run.stdout,
    stop: async () => {
      if (run.child.exitCode === null) run.child.kill('SIGTERM');
      await exitedWithin(run, 20_000, 'the standalone simulator to exit after SIGTERM');
    },
  };
}

/** GET a signed MEXC endpoint, signing exactly as the MEXC docs say (HMAC-SHA256 of the query string). */
export async function signedGet(sim: StandaloneSim, path: string, params: Record<string, string>): Promise<unknown> {
  const query = new URLSearchParams({...params, timestamp: String(Date.now()), recvWindow: '5000'}).toString();
  const signature = createHmac('sha256', sim.apiSecret).update(query).digest('hex');
  const response = await fetch(`${sim.urls.mexcRest}${path}?${query}&signature=${signature}`, {headers: {'X-MEXC-APIKEY': sim.apiKey}});
  return response.json();
}

export async function ourOpenOrders(sim: StandaloneSim, prefix = 'mmx'): Promise<Array<{clientOrderId: string}>> {
  const orders = (await signedGet(sim, '/api/v3/openOrders', {symbol: 'RMVUSDT'})) as Array<{clientOrderId: string}>;
  if (!Array.isArray(orders)) throw new Error(`openOrders: ${JSON.stringify(orders)}`);
  return orders.filter((o) => o.clientOrderId?.startsWith(prefix));
}

export function tempDir(t: {after: (fn: () => void) => void}, prefix = 'mm-e2e-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, {recursive: true, force: true}));
  return dir;
}

export function liveArgs(sim: StandaloneSim): string[] {
  return ['--live', '--yes', '--no-ui', '--mexc-rest', sim.urls.mexcRest, '--mexc-ws', sim.urls.mexcWs, '--kucoin-rest', sim.urls.kucoinRest];
}

/** Sim mode pointed at a standalone simulator: its endpoints as flags, its keys in the environment. */
export function simModeArgs(sim: StandaloneSim): {args: string[]; env: NodeJS.ProcessEnv} {
  return {
    args: ['--no-ui', '--mexc-rest', sim.urls.mexcRest, '--mexc-ws', sim.urls.mexcWs, '--kucoin-rest', sim.urls.kucoinRest],
    env: {MEXC_API_KEY: sim.apiKey, MEXC_API_SECRET: sim.apiSecret},
  };
}
