// The compliance rules `report` judges the journals by: the config's (`--config`) or the defaults.
import {defaultConfig, type Config} from '../../config/configSchema.js';

export interface ComplianceRules {
  /** per side (per-side reading) or in total (combined reading), USDT */
  minDepthUsdt: number;
  /** the spread must stay below this fraction */
  maxSpreadPct: number;
  /** the band around mid the depth counts in, as a fraction (the bot measured the journalled depths in it) */
  bandPct: number;
}

export const rulesOfConfig = (config: Config): ComplianceRules => ({
  minDepthUsdt: config.compliance.minDepthUsdt,
  maxSpreadPct: config.compliance.maxSpreadPct,
  bandPct: config.bandPct,
});

export const defaultRules = (): ComplianceRules => rulesOfConfig(defaultConfig());
