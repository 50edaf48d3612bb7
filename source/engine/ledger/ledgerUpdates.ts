// The ledger's side of the consumer (docs/strategy.md §19): a fill becomes a ledger entry with the mids
// of that moment; every compliance tick begins the ledger once balances and a reference mid are known,
// moves its mark, reads the markouts that fell due and journals what is complete (a fill's markouts, a
// closed hour).
import type {EngineContext} from '../engineContext.js';
import type {EngineState} from '../engineState.js';
import type {EventOf} from '../events.js';
import {lotsToQty, ticksToPrice} from '../symbolRules.js';
import type {LedgerFillInput} from './fillLedger.js';

/**
 * A markout reads the reference mid in force at its due time: the last reading at or before it, if that
 * reading is no older than the staleness limit (an older one means the reference was not there).
 */
export function referenceMidAt(state: EngineState, due: number): number | null {
  const point = state.referencePath.lastAtOrBefore(due);
  if (!point || due - point.at > state.config.risk.staleAfterSec * 1000) return null;
  return point.mid;
}

/** The reference mid now, when the reference is fresh: the mark everything is valued at. */
export function currentReferenceMid(state: EngineState): number | null {
  if (state.referenceStaleSince !== null || !state.kucoinBook.synced || state.kucoinBook.isCrossed()) return null;
  return state.kucoinBook.mid();
}

/** The ledger's view of a fill: display units, the fee valued in USDT, the inventory change it made. */
export function ledgerFillOf(state: EngineState, event: EventOf<'fill'>): LedgerFillInput {
  const {rules} = state;
  const price = ticksToPrice(event.priceTicks, rules);
  const qty = lotsToQty(event.qtyLots, rules);
  const fee = Number(event.fee);
  const feeAmount = Number.isFinite(fee) ? fee : 0;
  const baseFee = event.feeAsset === rules.baseAsset ? feeAmount : 0;
  const quoteFee = event.feeAsset === rules.quoteAsset ? feeAmount : 0;
  // a fee in a third asset (MEXC can charge MX) moves neither side of the pair and has no price here
  const feeQuote = quoteFee + baseFee * price;
  const signed = event.side === 'BUY' ? 1 : -1;
  const mexcMid = state.mexcBook.synced && !state.mexcBook.isCrossed() ? state.mexcBook.mid() : null;
  return {
    at: event.at,
    tradeId: event.tradeId,
    clientOrderId: event.clientOrderId,
    orderId: event.orderId,
    side: event.side,
    price,
    qty,
    fee: feeAmount,
    feeAsset: event.feeAsset,
    feeQuote,
    baseChange: signed * qty - baseFee,
    quoteChange: -signed * price * qty - quoteFee,
    refMid: currentReferenceMid(state),
    mexcMid,
  };
}

/** Once per compliance tick: begin, mark, markouts, and the hours ready to journal. */
export function tickLedger(ctx: EngineContext): void {
  const {state} = ctx;
  const ledger = state.ledger;
  const mid = currentReferenceMid(state);
  if (!ledger.begun) {
    if (mid === null || !state.balancesKnown) return;
    const base = state.balances[state.rules.baseAsset] ?? {free: 0, locked: 0};
    const quote = state.balances[state.rules.quoteAsset] ?? {free: 0, locked: 0};
    ledger.begin(state.now, base.free + base.locked, quote.free + quote.locked, mid);
    ctx.persistSoon();
  } else if (mid !== null) {
    ledger.setMark(state.now, mid);
  }
  for (const fill of ledger.measureMarkouts(state.now, (due) => referenceMidAt(state, due))) {
    ctx.outputs.journal({stream: 'markouts', at: state.now, tradeId: fill.tradeId, side: fill.side, price: fill.price, qty: fill.qty, refMid: fill.refMid, markoutMids: fill.markoutMids, markouts: fill.markouts});
  }
  for (const hour of ledger.hoursToJournal(state.now)) ctx.outputs.journal({stream: 'pnl', at: state.now, inventory: hour.inventory, ...hour.figures});
}
