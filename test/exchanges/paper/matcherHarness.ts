// A paper matcher on a hand-built real book, with every emitted event recorded (no I/O, no timers).
import type {EngineEvent, Side, WireLevel} from '../../../source/engine/events.js';
import type {PlaceIntent} from '../../../source/engine/ports.js';
import type {SymbolRules} from '../../../source/engine/symbolRules.js';
import {OverlaidBook} from '../../../source/exchanges/paper/overlaidBook.js';
import {PaperAccount} from '../../../source/exchanges/paper/paperAccount.js';
import {ZERO_FEE, type FeeRate} from '../../../source/exchanges/paper/paperAmounts.js';
import {PaperMatcher} from '../../../source/exchanges/paper/paperMatcher.js';
import type {PublicDeal} from '../../../source/exchanges/paper/publicDeals.js';

/** 5 price decimals (tick 0.00001), 2 quantity decimals (lot 0.01), 1 USDT minimum notional. */
export const rules: SymbolRules = {
  symbol: 'RMVUSDT',
  baseAsset: 'RMV',
  quoteAsset: 'USDT',
  priceDecimals: 5,
  qtyDecimals: 2,
  minQtyLots: 1,
  minNotional: 1,
  tradable: true,
  acceptedSides: 'both',
  specialTreatment: false,
};

export interface Harness {
  matcher: PaperMatcher;
  book: OverlaidBook;
  account: PaperAccount;
  events: EngineEvent[];
  clock: {now: number; server: number};
  place(clientOrderId: string, side: Side, priceTicks: number, qtyLots: number): ReturnType<PaperMatcher['place']>;
  deal(takerSide: Side, priceTicks: number, lots: number, time?: number): void;
  ofType<T extends EngineEvent['type']>(type: T): Extract<EngineEvent, {type: T}>[];
}

/** Real book levels in ticks/lots as wire strings. */
export const wire = (levels: ReadonlyArray<[ticks: number, lots: number]>): WireLevel[] =>
  levels.map(([ticks, lots]) => [(ticks / 1e5).toFixed(5), (lots / 100).toFixed(2)]);

export function makeHarness(opts: {
  bids?: ReadonlyArray<[number, number]>;
  asks?: ReadonlyArray<[number, number]>;
  base?: number;
  quote?: number;
  fee?: FeeRate;
  synced?: boolean;
  ruleOverrides?: Partial<SymbolRules>;
} = {}): Harness {
  const r = {...rules, ...opts.ruleOverrides};
  const book = new OverlaidBook(r);
  const account = new PaperAccount(r, {base: opts.base ?? 1000, quote: opts.quote ?? 1000}, opts.fee ?? ZERO_FEE);
  const events: EngineEvent[] = [];
  const clock = {now: 1_000_000, server: 1_000_000};
  const matcher = new PaperMatcher({
    rules: r,
    account,
    book,
    emit: (event) => events.push(event),
    now: () => clock.now,
    serverNow: () => clock.server,
    idPrefix: 'P',
  });
  if (opts.synced !== false) matcher.onRealSnapshot(wire(opts.bids ?? [[25000, 10000]]), wire(opts.asks ?? [[25500, 10000]]));
  book.dropDirty();
  let tradeSeq = 0;
  return {
    matcher,
    book,
    account,
    events,
    clock,
    place: (clientOrderId, side, priceTicks, qtyLots) => {
      const intent: PlaceIntent = {kind: 'place', clientOrderId, side, priceTicks, qtyLots, reason: 'test'};
      return matcher.place(intent);
    },
    deal: (takerSide, priceTicks, lots, time) => {
      const deal: PublicDeal = {takerSide, priceTicks, lots, time: time ?? clock.server + 1, tradeId: `t${++tradeSeq}`};
      matcher.onDeals([deal]);
    },
    ofType: <T extends EngineEvent['type']>(type: T) => events.filter((e): e is Extract<EngineEvent, {type: T}> => e.type === type),
  };
}
