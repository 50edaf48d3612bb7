// `mexc-mm sim` as a separate process, so the simulator outlives bots that are killed and restarted. It
// prints its URLs and the test account's key and secret on stdout; those stay in this process's memory
// and reach a bot only through its environment.
import {startProcess, exitWithin, binPath, type RunningProcess} from './childProcess.js';
import type {ObserverSummary} from '../source/sim/market/observer.js';

export interface SimUrls {
  mexcRest: string;
  mexcWs: string;
  kucoinRest: string;
  observer: string;
}

export interface SimProcess {
  proc: RunningProcess;
  urls: SimUrls;
  keys: {apiKey: string; apiSecret: string};
  /** bot flags that point at this simulator */
  endpointArgs(): string[];
  /** environment for a bot trading on this simulator's test account */
  botEnv(): NodeJS.ProcessEnv;
  observer(): Promise<ObserverSummary>;
  stop(): Promise<void>;
}

export async function startSimProcess(opts: {scenario: 'calm' | 'volatile' | 'stress'; seed: number; faults?: readonly string[]}): Promise<SimProcess> {
  const args = [binPath, 'sim', '--port', '0', '--scenario', opts.scenario, '--seed', String(opts.seed)];
  if (opts.faults && opts.faults.length > 0) args.push('--faults', opts.faults.join(','));
  const proc = startProcess(args);
  try {
    await proc.waitForLine((line) => line.startsWith('Ctrl-C'), 30_000);
  } catch (error) {
    proc.kill('SIGKILL');
    throw error;
  }
  const value = (label: string): string => {
    const line = proc.stdoutLines.find((l) => l.trimStart().startsWith(label));
    const text = line?.slice(line.indexOf(label) + label.length).trim();
    if (!text) throw new Error(`simulator did not print "${label}"`);
    return text;
  };
  const urls = {mexcRest: value('MEXC REST:'), mexcWs: value('MEXC WS:'), kucoinRest: value('KuCoin REST:'), observer: value('observer:')};
  const keys = {apiKey: value('API key:'), apiSecret: value('API secret:')};
  return {
    proc,
    urls,
    keys,
    endpointArgs: () => ['--mexc-rest', urls.mexcRest, '--mexc-ws', urls.mexcWs, '--kucoin-rest', urls.kucoinRest],
    botEnv: () => ({MEXC_API_KEY: keys.apiKey, MEXC_API_SECRET: keys.apiSecret}),
    observer: async () => {
      const response = await fetch(urls.observer);
      if (!response.ok) throw new Error(`observer: HTTP ${response.status}`);
      return (await response.json()) as ObserverSummary;
    },
    stop: async () => {
      proc.kill('SIGTERM');
      await exitWithin(proc, 15_000);
    },
  };
}
