// The two safety margins of the cost-aware quoting (docs/strategy.md §5.1): how far under the spread rule
// the book is kept, and how far inside the gauge's band edge the outermost order sits. Each is a base
// plus what the reference's recent range and its silence add: the more the reference moved lately, or the
// longer it has said nothing, the further it may have moved before our quotes follow.
import type {Config} from '../../config/configSchema.js';
import type {ReferenceRisk} from '../market/referenceRisk.js';

export interface ComplianceMargins {
  /** kept under compliance.maxSpreadPct, as a fraction */
  spreadPct: number;
  /** kept inside ±bandPct of MEXC's mid, as a fraction (the structural slack of §5.1 comes on top) */
  depthPct: number;
  /** 0 while the reference is fresh, 1 from risk.staleAfterSec on: how stale-ish it is */
  staleShare: number;
}

export function complianceMargins(config: Config, risk: ReferenceRisk): ComplianceMargins {
  const c = config.quoting.compliance;
  const staleShare = staleShareOf(risk.ageSec, c.staleFromSec, config.risk.staleAfterSec);
  const stale = c.staleMarginPct * staleShare;
  return {
    spreadPct: c.spreadMarginPct + c.spreadVolatilityMult * risk.rangePct + stale,
    depthPct: c.depthMarginPct + c.depthVolatilityMult * risk.rangePct + stale,
    staleShare,
  };
}

/** Linear from `fromSec` (0) to `fullSec` (1); a reference never heard from is fully stale. */
export function staleShareOf(ageSec: number, fromSec: number, fullSec: number): number {
  if (!(ageSec > fromSec)) return 0;
  if (!(fullSec > fromSec) || !Number.isFinite(ageSec)) return 1;
  return Math.min(1, (ageSec - fromSec) / (fullSec - fromSec));
}
