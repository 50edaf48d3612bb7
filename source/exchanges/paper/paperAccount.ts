// The virtual account of paper mode: free and locked base/quote, funds locked for resting orders and
// settled on fills, exactly (bigint units). Quote units are fine enough that price ticks × lots is exact,
// plus EXTRA_DECIMALS so that fees on small fills are not rounded to a whole lot or tick.
import type {Balance, Side} from '../../engine/events.js';
import type {SymbolRules} from '../../engine/symbolRules.js';
import {decimalToUnits, feeOf, formatUnits, unitsToNumber, type FeeRate} from './paperAmounts.js';

const EXTRA_DECIMALS = 8;

interface Holding {
  free: bigint;
  locked: bigint;
}

export interface Settlement {
  /** fee charged, as a decimal string, and the asset it was taken in (what the order received) */
  fee: string;
  feeAsset: string;
}

export class PaperAccount {
  readonly baseDecimals: number;
  readonly quoteDecimals: number;
  private readonly base: Holding;
  private readonly quote: Holding;

  constructor(
    private readonly rules: SymbolRules,
    balances: {base: number; quote: number},
    private readonly makerFee: FeeRate,
  ) {
    this.baseDecimals = rules.qtyDecimals + EXTRA_DECIMALS;
    this.quoteDecimals = rules.priceDecimals + rules.qtyDecimals + EXTRA_DECIMALS;
    this.base = {free: decimalToUnits(balances.base, this.baseDecimals), locked: 0n};
    this.quote = {free: decimalToUnits(balances.quote, this.quoteDecimals), locked: 0n};
  }

  /** What an order of `lots` at `priceTicks` locks: quote for a buy, base for a sell. */
  requirement(side: Side, priceTicks: number, lots: number): {asset: string; units: bigint; decimals: number} {
    return side === 'BUY'
      ? {asset: this.rules.quoteAsset, units: this.quoteOf(priceTicks, lots), decimals: this.quoteDecimals}
      : {asset: this.rules.baseAsset, units: this.baseOf(lots), decimals: this.baseDecimals};
  }

  /** Locks the funds of a new order; false (and nothing changed) when free funds are short. */
  lock(side: Side, priceTicks: number, lots: number): boolean {
    const holding = side === 'BUY' ? this.quote : this.base;
    const units = this.requirement(side, priceTicks, lots).units;
    if (holding.free < units) return false;
    holding.free -= units;
    holding.locked += units;
    return true;
  }

  /** Returns the locked funds of `lots` not filled (cancel). */
  unlock(side: Side, priceTicks: number, lots: number): void {
    const holding = side === 'BUY' ? this.quote : this.base;
    const units = this.requirement(side, priceTicks, lots).units;
    holding.locked -= units;
    holding.free += units;
  }

  /** A maker fill of `lots` at the order's own price: locked funds pay, the other asset arrives minus the fee. */
  settle(side: Side, priceTicks: number, lots: number): Settlement {
    const quoteUnits = this.quoteOf(priceTicks, lots);
    const baseUnits = this.baseOf(lots);
    if (side === 'BUY') {
      const fee = feeOf(baseUnits, this.makerFee);
      this.quote.locked -= quoteUnits;
      this.base.free += baseUnits - fee;
      return {fee: formatUnits(fee, this.baseDecimals), feeAsset: this.rules.baseAsset};
    }
    const fee = feeOf(quoteUnits, this.makerFee);
    this.base.locked -= baseUnits;
    this.quote.free += quoteUnits - fee;
    return {fee: formatUnits(fee, this.quoteDecimals), feeAsset: this.rules.quoteAsset};
  }

  free(asset: 'base' | 'quote'): bigint {
    return (asset === 'base' ? this.base : this.quote).free;
  }

  balances(): Record<string, Balance> {
    return {
      [this.rules.baseAsset]: {free: unitsToNumber(this.base.free, this.baseDecimals), locked: unitsToNumber(this.base.locked, this.baseDecimals)},
      [this.rules.quoteAsset]: {free: unitsToNumber(this.quote.free, this.quoteDecimals), locked: unitsToNumber(this.quote.locked, this.quoteDecimals)},
    };
  }

  private quoteOf(priceTicks: number, lots: number): bigint {
    return BigInt(priceTicks) * BigInt(lots) * 10n ** BigInt(EXTRA_DECIMALS);
  }

  private baseOf(lots: number): bigint {
    return BigInt(lots) * 10n ** BigInt(EXTRA_DECIMALS);
  }
}
