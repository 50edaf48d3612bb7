// The simulator a config asks for (`mexc-mm sim` and the in-process simulator of sim mode). It lives on the
// bot's side: the simulator is an exchange and knows nothing of the bot's config.
import type {Config} from '../config/configSchema.js';
import type {SimulatorOptions} from '../sim/simulator.js';

export function simulatorOptionsFromConfig(config: Config): SimulatorOptions {
  const {sim} = config;
  return {
    symbol: config.symbol,
    referenceSymbol: config.referenceSymbol,
    scenario: sim.scenario,
    seed: sim.seed,
    port: sim.port,
    faults: sim.faults,
    baseBalance: sim.baseBalance,
    quoteBalance: sim.quoteBalance,
    ...(sim.keyCanTrade ? {} : {conditions: {accountCanTrade: false}}),
    ...(sim.recordFile === null ? {} : {recordFile: sim.recordFile}),
  };
}
