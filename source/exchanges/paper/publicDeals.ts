// A decoded `publicAggreDeals` push (docs/protocols/mexc.md §4.4, §6.4) → trades in ticks and lots, validated.
// `tradeType` is read as the taker's side (1 buy, 2 sell), as Hummingbot's MEXC connector and the
// simulator do; MEXC documents only "1 buy, 2 sell" (docs/protocols/mexc.md §4.6).
import type {Side} from '../../engine/events.js';
import {type SymbolRules} from '../../engine/symbolRules.js';
import {parseScaled} from '../../wire/scaledDecimal.js';
import type {PushWrapper} from '../mexc/wsFrames.js';

export interface PublicDeal {
  priceTicks: number;
  lots: number;
  takerSide: Side;
  /** server time of the trade, epoch ms; 0 when the push did not carry one (then taken as just now) */
  time: number;
  tradeId: string;
}

export type DecodedDeals = {ok: true; deals: PublicDeal[]} | {ok: false; reason: string};

const DECIMAL = /^\d+(\.\d+)?$/;

export const dealsTopic = (symbol: string, interval: '100ms' | '10ms' = '100ms'): string =>
  `spot@public.aggre.deals.v3.api.pb@${interval}@${symbol}`;

export function dealsFromWrapper(wrapper: PushWrapper, rules: Pick<SymbolRules, 'priceDecimals' | 'qtyDecimals'>): DecodedDeals {
  if (wrapper.body !== 'publicAggreDeals') return {ok: false, reason: `expected publicAggreDeals, got ${String(wrapper.body)}`};
  const body = wrapper.publicAggreDeals as {deals?: unknown} | undefined;
  if (!body || !Array.isArray(body.deals)) return {ok: false, reason: 'publicAggreDeals without deals'};
  const deals: PublicDeal[] = [];
  for (const item of body.deals) {
    const {price, quantity, tradeType, time, tradeId} = (item ?? {}) as Record<string, unknown>;
    if (typeof price !== 'string' || typeof quantity !== 'string' || !DECIMAL.test(price) || !DECIMAL.test(quantity)) {
      return {ok: false, reason: `bad deal price/quantity ${String(price)} / ${String(quantity)}`};
    }
    const takerSide = tradeType === 1 ? 'BUY' : tradeType === 2 ? 'SELL' : null;
    if (takerSide === null) return {ok: false, reason: `bad deal tradeType ${String(tradeType)}`};
    const at = typeof time === 'string' && /^\d+$/.test(time) ? Number(time) : typeof time === 'number' ? time : 0;
    const priceTicks = conservativeTicks(price, rules.priceDecimals, takerSide);
    const lots = parseScaled(quantity, rules.qtyDecimals);
    if (priceTicks <= 0 || lots <= 0) continue; // nothing traded that could fill us
    deals.push({priceTicks, lots, takerSide, time: Number.isSafeInteger(at) ? at : 0, tradeId: typeof tradeId === 'string' ? tradeId : ''});
  }
  return {ok: true, deals};
}

/**
 * Price in ticks; a price finer than the tick (stale symbol rules) is rounded against us: up for a seller's
 * trade (which fills bids above it), down for a buyer's, so an off-tick print never fills us by rounding.
 */
function conservativeTicks(price: string, decimals: number, takerSide: Side): number {
  const [whole = '0', frac = ''] = price.split('.');
  const floor = parseScaled(`${whole}.${frac.slice(0, decimals)}`, decimals);
  const finer = /[1-9]/.test(frac.slice(decimals));
  return finer && takerSide === 'SELL' ? floor + 1 : floor;
}
