// `report` judges every journalled compliance sample again under its own rules (the config's
// compliance.minDepthUsdt and compliance.maxSpreadPct, or the defaults), from the spread and depths the
// sample recorded, the way the gauge does (docs/strategy.md §14): per side, spread < max and bid and ask
// depth ≥ min each; combined, spread < max and bid + ask depth ≥ min. A sample taken from a book the
// engine could not trust (not synced, stale: its recorded reason says so) fails every criterion whatever
// its numbers. The depths are those within the band the bot measured them in: the journal cannot be
// re-measured in another band.
import type {ComplianceRules} from './complianceRules.js';

export interface RecordedSample {
  spread: number | null;
  bidDepth: number;
  askDepth: number;
  combinedDepth: number;
  /** the engine's reason for failing the sample, if it did */
  reason: string | null;
}

export interface SampleVerdict {
  pass: boolean;
  passCombined: boolean;
  bid: boolean;
  ask: boolean;
  spread: boolean;
  /** why it fails under these rules: the first failing criterion, or the engine's reason for an untrusted book */
  reason: string | null;
}

/** the engine's reasons for a book it does not trust (source/engine/market/compliance.ts) */
const untrustedBook = /book (not synced|stale)/;

const percentText = (fraction: number): string => `${Number((fraction * 100).toFixed(2))} %`;

export function judgeSample(sample: RecordedSample, rules: ComplianceRules): SampleVerdict {
  if (sample.reason !== null && untrustedBook.test(sample.reason))
    return {pass: false, passCombined: false, bid: false, ask: false, spread: false, reason: sample.reason};
  const spread = sample.spread !== null && sample.spread < rules.maxSpreadPct;
  const bid = sample.bidDepth >= rules.minDepthUsdt;
  const ask = sample.askDepth >= rules.minDepthUsdt;
  const pass = spread && bid && ask;
  const passCombined = spread && sample.combinedDepth >= rules.minDepthUsdt;
  let reason: string | null = null;
  if (sample.spread === null) reason = 'no two-sided market';
  else if (!spread) reason = `spread ${(sample.spread * 100).toFixed(2)} % ≥ ${percentText(rules.maxSpreadPct)}`;
  else if (!bid) reason = `bid depth ${sample.bidDepth.toFixed(2)} < ${rules.minDepthUsdt} USDT`;
  else if (!ask) reason = `ask depth ${sample.askDepth.toFixed(2)} < ${rules.minDepthUsdt} USDT`;
  return {pass, passCombined, bid, ask, spread, reason};
}
