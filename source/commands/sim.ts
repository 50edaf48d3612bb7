// `mexc-mm sim`: runs the simulator alone, prints its URLs, the test account's key and secret and the
// command that connects a bot to it (to the terminal only, never to a file), serves until SIGINT/SIGTERM,
// then prints the observer's summary.
import type {Config} from '../config/configSchema.js';
import {startSimulator, type SimulatorOptions} from '../sim/simulator.js';
import {asFaultSpec, describeFaultSpec} from '../sim/faultSpec.js';
import type {ObserverSummary} from '../sim/market/observer.js';
import {simulatorOptionsFromConfig} from '../runtime/simulatorOptions.js';
import {botInvocation, simConnectCommand} from './simConnectCommand.js';

export function formatObserverSummary(summary: ObserverSummary): string {
  const lines = [
    `observer: ${summary.samples} samples`,
    `  pass (each side >= ${summary.rule.minDepthUsdt} USDT): ${summary.passPerSidePct.toFixed(1)} %`,
    `  pass (combined   >= ${summary.rule.minDepthUsdt} USDT): ${summary.passCombinedPct.toFixed(1)} %`,
    `  longest gap: ${summary.longestGapSec.toFixed(0)} s`,
  ];
  if (summary.lastFailure) lines.push(`  last failure: ${new Date(summary.lastFailure.time).toISOString()} ${summary.lastFailure.reason}`);
  return lines.join('\n') + '\n';
}

/** The command: the simulator as the config describes it (scenario, seed, port, symbols, the record file). */
export async function runSimCommand(config: Config, out: NodeJS.WritableStream): Promise<number> {
  await serveSimulator(simulatorOptionsFromConfig(config), out);
  return 0;
}

/** The faults line of the banner: what will go wrong, and when. */
export function describeFaults(opts: Pick<SimulatorOptions, 'scenario' | 'faults'>): string {
  const given = (opts.faults ?? []).map((fault) => describeFaultSpec(asFaultSpec(fault)));
  if (opts.scenario === 'stress') given.unshift('every stress fault, staggered');
  return given.length === 0 ? 'none' : given.join('; ');
}

export async function serveSimulator(opts: SimulatorOptions, out: NodeJS.WritableStream): Promise<void> {
  const sim = await startSimulator(opts);
  out.write(
    [
      `mexc-mm simulator (scenario ${opts.scenario}, seed ${opts.seed}, symbols ${opts.symbol} / ${opts.referenceSymbol})`,
      `  faults:      ${describeFaults(opts)}`,
      `  MEXC REST:   ${sim.urls.mexcRest}`,
      `  MEXC WS:     ${sim.urls.mexcWs}`,
      `  KuCoin REST: ${sim.urls.kucoinRest}`,
      `  observer:    ${sim.urls.observer}`,
      `  API key:     ${sim.account.apiKey}`,
      `  API secret:  ${sim.account.apiSecret}`,
      'Connect a bot to it (sim mode; add --live --yes for the live code path):',
      `  ${simConnectCommand({urls: sim.urls, account: sim.account, symbol: opts.symbol, referenceSymbol: opts.referenceSymbol, invocation: botInvocation()})}`,
      'Ctrl-C stops.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const summary = sim.observer();
  await sim.close();
  out.write(formatObserverSummary(summary));
  if (opts.recordFile !== undefined) out.write(`record: ${opts.recordFile}\n`);
}
