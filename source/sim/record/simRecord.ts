// The simulator's own record of a run (docs/simulator.md §9): the test account's balances at start and
// stop, every trade of the test account as exact decimal text, and the reference path. It is built from
// the venue's deals and the model's steps only, never from anything a client said, so tests and the
// bench can recompute P&L independently of the bot (accountAudit.ts).
import {formatAtoms} from '../fixedPoint.js';
import type {OwnTrade} from '../mexc/orderRecords.js';
import {priceText, qtyText, quoteText, type SimSymbol} from '../mexc/simSymbol.js';

export const SIM_RECORD_FORMAT = 'mexc-mm-sim-record/1';

/** Every model step is kept up to this many points (6 h at the default 100 ms tick); beyond, the path is thinned. */
export const MAX_REFERENCE_POINTS = 216_000;

/** One trade of the test account, as MEXC's `GET /api/v3/myTrades` reports it (exact decimal text). */
export interface RecordedTrade {
  /** ms since the epoch, on the venue's clock (the same clock as the reference path) */
  time: number;
  tradeId: string;
  orderId: string;
  clientOrderId: string | null;
  /** the test account's side */
  side: 'BUY' | 'SELL';
  price: string;
  qty: string;
  quoteQty: string;
  fee: string;
  feeAsset: string;
  isMaker: boolean;
}

/** The reference path: the price process's value (docs/simulator.md §9), one point per `strideSteps` model steps. */
export interface RecordedReference {
  source: 'price process';
  strideSteps: number;
  maxPoints: number;
  /** [time ms, reference mid], oldest first */
  path: Array<[number, number]>;
  /** the last step's point, kept whatever the thinning */
  final: [number, number] | null;
}

export interface SimRecord {
  format: typeof SIM_RECORD_FORMAT;
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  scenario: string;
  seed: number;
  tickMs: number;
  startedAt: number;
  endedAt: number;
  /** free + locked per asset, exact decimal text */
  startBalances: Record<string, string>;
  finalBalances: Record<string, string>;
  trades: RecordedTrade[];
  reference: RecordedReference;
  /** the market model's counters at the stop (steps, taker orders, the arbitrageur's takes) */
  market: Record<string, number | string | null>;
  /** the independent observer's summary at the stop (after the bot's last cancels) */
  observer: unknown;
}

export interface RecordMeta {
  scenario: string;
  seed: number;
  tickMs: number;
  startedAt: number;
  startBalances: Record<string, bigint>;
}

/** Mid values are kept to 10 decimals: far below the 0.00001 tick, and a third of the bytes of a full float. */
const roundMid = (mid: number): number => Math.round(mid * 1e10) / 1e10;

export class SimRecorder {
  private readonly trades: RecordedTrade[] = [];
  private path: Array<[number, number]> = [];
  private stride = 1;
  private steps = 0;
  private final: [number, number] | null = null;

  constructor(
    private readonly rules: SimSymbol,
    private readonly meta: RecordMeta,
    private readonly maxPoints = MAX_REFERENCE_POINTS,
  ) {}

  addTrade(trade: OwnTrade): void {
    const rules = this.rules;
    this.trades.push({
      time: trade.time,
      tradeId: trade.tradeId,
      orderId: trade.orderId,
      clientOrderId: trade.clientOrderId,
      side: trade.side,
      price: priceText(trade.priceTicks, rules),
      qty: qtyText(trade.lots, rules),
      quoteQty: quoteText(trade.priceTicks * trade.lots, rules),
      fee: formatAtoms(trade.feeAtoms),
      feeAsset: trade.feeAsset,
      isMaker: trade.isMaker,
    });
  }

  /** One model step's reference. Step k is kept when k is a multiple of the stride; when full, every other point goes. */
  addReference(time: number, mid: number): void {
    const point: [number, number] = [time, roundMid(mid)];
    this.final = point;
    if (this.steps++ % this.stride !== 0) return;
    this.path.push(point);
    if (this.path.length > this.maxPoints) {
      this.path = this.path.filter((_, i) => i % 2 === 0);
      // point i is step i × stride: the even points are exactly the steps on the doubled stride
      this.stride *= 2;
    }
  }

  record(stop: {endedAt: number; finalBalances: Record<string, bigint>; market: SimRecord['market']; observer: unknown}): SimRecord {
    const text = (balances: Record<string, bigint>) => Object.fromEntries(Object.entries(balances).map(([asset, atoms]) => [asset, formatAtoms(atoms)]));
    return {
      format: SIM_RECORD_FORMAT,
      symbol: this.rules.symbol,
      baseAsset: this.rules.baseAsset,
      quoteAsset: this.rules.quoteAsset,
      scenario: this.meta.scenario,
      seed: this.meta.seed,
      tickMs: this.meta.tickMs,
      startedAt: this.meta.startedAt,
      endedAt: stop.endedAt,
      startBalances: text(this.meta.startBalances),
      finalBalances: text(stop.finalBalances),
      trades: [...this.trades],
      reference: {source: 'price process', strideSteps: this.stride, maxPoints: this.maxPoints, path: [...this.path], final: this.final},
      market: stop.market,
      observer: stop.observer,
    };
  }
}
