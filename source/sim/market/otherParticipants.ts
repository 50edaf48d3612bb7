// The other participants of the thin MEXC book: a few post-only ladders far from the reference. Alone
// they fail the listing rule on purpose (spread ≈ 2.2–2.6 %, a few hundred USDT per side within ±2 %),
// so the bot has to supply the depth. They re-quote when the reference drifts away or takers eat them.
import type {Side} from '../mexc/matchingEngine.js';
import type {MexcVenue} from '../mexc/mexcVenue.js';
import {SeededRandom} from '../seededRandom.js';

interface Slot {
  side: Side;
  /** distance from the reference as a fraction */
  offset: number;
  /** median USDT notional of this slot */
  medianUsdt: number;
  orderId: string | null;
  priceTicks: number;
  origLots: number;
}

/** Offsets and sizes per side: two levels inside ±2 %, the rest outside, like a neglected small-cap book. */
const LADDER: ReadonlyArray<{offset: number; medianUsdt: number}> = [
  {offset: 0.011, medianUsdt: 60},
  {offset: 0.016, medianUsdt: 90},
  {offset: 0.023, medianUsdt: 150},
  {offset: 0.03, medianUsdt: 250},
  {offset: 0.04, medianUsdt: 400},
  {offset: 0.055, medianUsdt: 600},
  {offset: 0.075, medianUsdt: 900},
];

/** Re-quote a slot when its price is this far (fraction) from target or mostly consumed. */
const DRIFT_TOLERANCE = 0.003;
const CONSUMED_SHARE = 0.4;
const RANDOM_REFRESH_PER_STEP = 0.002;

export class OtherParticipants {
  private readonly random: SeededRandom;
  private readonly slots: Slot[];

  constructor(seed: number, private readonly venue: MexcVenue) {
    this.random = SeededRandom.stream(seed, 'other-participants');
    this.slots = (['BUY', 'SELL'] as const).flatMap((side) =>
      LADDER.map((level) => ({side, ...level, orderId: null, priceTicks: 0, origLots: 0})),
    );
  }

  /** Re-quotes stale or consumed slots around `reference`. */
  step(reference: number): void {
    const rules = this.venue.rules;
    const tick = 10 ** -rules.priceDecimals;
    for (const slot of this.slots) {
      const refreshDraw = this.random.next();
      const jitter = this.random.uniform(-0.001, 0.001);
      const sizeDraw = this.random.normal();
      const target = slot.side === 'BUY' ? reference * (1 - slot.offset - jitter) : reference * (1 + slot.offset + jitter);
      const resting = slot.orderId ? this.venue.book.get(slot.orderId) : undefined;
      if (resting) {
        const drift = Math.abs(slot.priceTicks * tick - target) / target;
        const consumed = resting.remainingLots < slot.origLots * CONSUMED_SHARE;
        if (drift < DRIFT_TOLERANCE && !consumed && refreshDraw >= RANDOM_REFRESH_PER_STEP) continue;
        this.venue.cancelOthers(resting.orderId);
      }
      const priceTicks = slot.side === 'BUY' ? Math.floor(target / tick) : Math.ceil(target / tick);
      const notional = slot.medianUsdt * Math.exp(0.5 * sizeDraw);
      const lots = Math.max(1, Math.round((notional / target) * 10 ** rules.qtyDecimals));
      slot.orderId = this.venue.placeOthers(slot.side, priceTicks, lots);
      slot.priceTicks = priceTicks;
      slot.origLots = lots;
    }
  }
}
