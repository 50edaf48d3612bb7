// Sim mode pointed at an external simulator (`--mexc-rest …`): the keys are that simulator's, given as
// MEXC_API_KEY / MEXC_API_SECRET (the simulator prints the command). The in-process simulator's own keys
// would be refused there on every signed call.
import {StartupError} from './startupError.js';

export function simulatorKeys(env: NodeJS.ProcessEnv, mexcRest: string): {apiKey: string; apiSecret: string} {
  const apiKey = env.MEXC_API_KEY;
  const apiSecret = env.MEXC_API_SECRET;
  const missing = [!apiKey && 'MEXC_API_KEY', !apiSecret && 'MEXC_API_SECRET'].filter(Boolean);
  if (missing.length > 0)
    throw new StartupError(`--mexc-rest ${mexcRest} needs that simulator's keys in ${missing.join(' and ')} (\`mexc-mm sim\` prints the command to use)`, 2);
  return {apiKey: apiKey!, apiSecret: apiSecret!};
}
