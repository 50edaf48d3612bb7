// The one command that connects a bot to a running `mexc-mm sim`: its endpoints as flags and its keys as
// environment variables (sim mode pointed elsewhere takes them from there: runtime/simulatorKeys.ts).
// Printed to the terminal only, like the keys themselves; never written to a file.
import {basename} from 'node:path';

export interface SimEndpoints {
  mexcRest: string;
  mexcWs: string;
  kucoinRest: string;
}

/** How this binary was started, so the printed command runs the same one (installed, npm start, a path). */
export function botInvocation(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env, execArgv: readonly string[] = process.execArgv): string {
  if (env.npm_lifecycle_event === 'start') return 'npm start --';
  const script = argv[1] ?? 'mexc-mm';
  if (basename(script) === 'mexc-mm') return 'mexc-mm';
  // node's own flags too (a loader such as `--import tsx` when run from source)
  return ['node', ...execArgv, script].join(' ');
}

export function simConnectCommand(input: {
  urls: SimEndpoints;
  account: {apiKey: string; apiSecret: string};
  symbol: string;
  referenceSymbol: string;
  invocation: string;
}): string {
  const {urls, account} = input;
  return [
    `MEXC_API_KEY=${account.apiKey} MEXC_API_SECRET=${account.apiSecret}`,
    input.invocation,
    `--mexc-rest ${urls.mexcRest} --mexc-ws ${urls.mexcWs} --kucoin-rest ${urls.kucoinRest}`,
    `--symbol ${input.symbol} --reference-symbol ${input.referenceSymbol}`,
  ].join(' ');
}
