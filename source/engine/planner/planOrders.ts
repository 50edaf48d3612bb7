// manage_orders + check_market_depth as one pure decision (docs/strategy.md): from the engine state,
// which orders to place, which to cancel now and which to retire. Called once per batch of events
// (coalesced), never sends anything. The steps, each in its own module:
//   gates → per side: risk cancels → wanted ladder → match working orders (ladderMatch) →
//   place what is missing (sizing) → cancel retiring orders when it is safe (retirement).
// The wanted ladder is the fixed one (ladder.ts, docs/strategy.md §6) or, with quoting.mode
// "compliance", the cost-aware one of both sides at once (complianceLadder.ts, §5.1).
import type {Side} from '../events.js';
import type {EngineState} from '../engineState.js';
import {isWorking, remainingLots, type LocalOrder} from '../orders/localOrder.js';
import {fairPrice} from '../market/fairPrice.js';
import {bestAfterExclusion, marketDepth} from '../market/depth.js';
import {ownLevels} from '../market/ownLevels.js';
import {accountView, type AccountView} from '../market/accountView.js';
import {riskReason} from '../risk/orderRisk.js';
import {notionalOf, sideRefusal, ticksToPrice} from '../symbolRules.js';
import {choosePricing, type PricingDecision} from '../market/pricingChain.js';
import {mexcBookUsable} from '../risk/staleness.js';
import {suspensionCause} from '../risk/suspension.js';
import type {FairPriceResult} from '../market/fairPrice.js';
import {inventoryDeviation, quotes} from './quotes.js';
import {buildLadder, type LadderLevel} from './ladder.js';
import {innerTrailTicks, withInnerTrail} from './innerTrail.js';
import {sideBudgets, type SideBudget} from './sideBudgets.js';
import {gatePlan, placesBlocked, type PlacesBlocked} from './gates.js';
import {depletedOrder, matchLadder} from './ladderMatch.js';
import {sizeMissingLevels} from './sizing.js';
import {retirementCancels} from './retirement.js';
import {cancelIntent, sideKey, type Plan} from './plan.js';
import {complianceLadders, type ComplianceLadders} from './complianceLadder.js';
import {lastReferenceMessageAt, referenceRisk} from '../market/referenceRisk.js';

export function planOrders(state: EngineState, nextClientOrderId: () => string): Plan {
  const {config, rules} = state;
  const own = ownLevels(state.orders.values(), rules);
  const fair = fairPrice({
    model: config.fairPrice.model,
    mexc: state.mexcBook,
    kucoin: state.kucoinBook,
    pct: config.bandPct,
    mexcOwn: own,
    includeOwnOrders: config.fairPrice.includeOwnOrders,
  });
  const othersBest = {BUY: bestAfterExclusion(state.mexcBook, 'bids', own), SELL: bestAfterExclusion(state.mexcBook, 'asks', own)};
  const pricing = choosePricing({
    config,
    now: state.now,
    referenceStaleSince: state.referenceStaleSince,
    referenceFair: fair?.price ?? null,
    mexcUsable: mexcBookUsable(state),
    othersBid: othersBest.BUY === null ? null : ticksToPrice(othersBest.BUY, rules),
    othersAsk: othersBest.SELL === null ? null : ticksToPrice(othersBest.SELL, rules),
    lastReferenceFair: state.lastReferenceFair,
    lastFair: state.lastFair,
  });
  const effectiveFair = pricedFair(fair, pricing);
  const suspension = suspensionCause(state, pricing);
  const gated = gatePlan(state, {fair: effectiveFair, pricing, suspension});
  if (gated) return {...gated, pricing, suspension};
  const price = pricing.price!;

  const account = accountView(state);
  const blocked = placesBlocked(state, {pricing, suspension});
  const refusedByExchange = {bid: sideRefusal(rules.acceptedSides, 'BUY'), ask: sideRefusal(rules.acceptedSides, 'SELL')};
  const deviation = account.baseRatio === null ? 0 : inventoryDeviation(account.baseRatio, config.quoting.targetBaseRatio);
  const quote = quotes({fair: price, halfSpreadPct: pricing.halfSpreadPct, skewPct: config.quoting.inventorySkewPct, inventoryDeviation: deviation});
  // Others' depth is deliberately not subtracted from our target: other participants can pull their
  // orders at any moment, which is exactly when the pair would fall out of compliance.
  const budgets = sideBudgets({
    target: pricing.depthTarget,
    othersDepth: {bid: 0, ask: 0},
    available: {quote: account.quoteTotal, base: account.baseTotal},
    fair: price,
    maxTotalNotional: config.risk.maxTotalNotionalUsdt,
    baseRatio: account.baseRatio,
    inventoryBand: config.risk.inventoryBand,
    refusedByExchange,
  });
  const measured = marketDepth(state.mexcBook, config.bandPct);
  const compliance = config.quoting.mode === 'compliance' ? complianceLaddersOf(state, {price, deviation, pricing, othersBest, budgets, blocked}) : null;

  const plan: Plan = {fair: effectiveFair, pricing, suspension, places: [], cancels: [], retire: [], sides: {bid: {reason: null, shortfallQuote: 0}, ask: {reason: null, shortfallQuote: 0}}};
  let committed = account.committedBuy + account.committedSell;
  const toleranceTicks = refreshToleranceTicks(state, price);
  const trailTicks = innerTrailTicks({
    fair: price,
    bid: quote.bid,
    ask: quote.ask,
    priceDecimals: rules.priceDecimals,
    maxSpreadPct: config.compliance.maxSpreadPct,
    trailPct: config.quoting.innerTrailPct,
    toleranceTicks,
  });
  for (const side of ['BUY', 'SELL'] as const) {
    const ladder: LadderLevel[] = compliance
      ? compliance[sideKey(side)].levels
      : budgets[sideKey(side)].budgetQuote > 0
        ? withInnerTrail(
            buildLadder({
              side,
              rules,
              innerPrice: side === 'BUY' ? quote.bid : quote.ask,
              center: price,
              bandPct: config.bandPct,
              bandMarginPct: config.quoting.bandMarginPct,
              levels: config.levels,
              budgetQuote: budgets[sideKey(side)].budgetQuote,
              oppositeBestTicks: side === 'BUY' ? othersBest.SELL : othersBest.BUY,
              maxOrderNotional: config.risk.maxOrderNotionalUsdt,
            }),
            toleranceTicks,
            trailTicks,
          )
        : [];
    const sideDepth = side === 'BUY' ? measured.bid : measured.ask;
    const refusal = refusedByExchange[sideKey(side)];
    const spareRange = compliance?.[sideKey(side)].spareRange;
    committed = planSide({state, plan, side, ladder, spareRange, budget: budgets[sideKey(side)], refusal, depthTarget: pricing.depthTarget, sideDepth, price, toleranceTicks, account, blocked, committed, nextClientOrderId});
  }
  return plan;
}

/** The cost-aware ladders of both sides (docs/strategy.md §5.1), from what this decision sees. */
function complianceLaddersOf(
  state: EngineState,
  input: {price: number; deviation: number; pricing: PricingDecision; othersBest: {BUY: number | null; SELL: number | null}; budgets: {bid: SideBudget; ask: SideBudget}; blocked: PlacesBlocked | null},
): ComplianceLadders {
  const {config} = state;
  // what stays on the book while no new order may be placed
  const ownBest = {bid: null as number | null, ask: null as number | null};
  for (const o of state.orders.values()) {
    if (o.state !== 'open' || o.retiring) continue;
    if (o.side === 'BUY') ownBest.bid = ownBest.bid === null ? o.priceTicks : Math.max(ownBest.bid, o.priceTicks);
    else ownBest.ask = ownBest.ask === null ? o.priceTicks : Math.min(ownBest.ask, o.priceTicks);
  }
  return complianceLadders({
    config,
    rules: state.rules,
    fair: input.price,
    skewPct: config.quoting.inventorySkewPct * input.deviation,
    pricing: input.pricing,
    risk: referenceRisk({path: state.referencePath, now: state.now, windowSec: config.quoting.compliance.volatilityWindowSec, lastMessageAt: lastReferenceMessageAt(state)}),
    others: {bid: input.othersBest.BUY, ask: input.othersBest.SELL},
    budgets: {bid: input.budgets.bid.budgetQuote, ask: input.budgets.ask.budgetQuote},
    placesBlocked: input.blocked !== null,
    ownBest,
  });
}

interface SideInput {
  state: EngineState;
  plan: Plan;
  side: Side;
  ladder: LadderLevel[];
  /** the compliance quoting's depth zone for spare orders (ladderMatch.ts); undefined in the fixed mode */
  spareRange: {innermostTicks: number; outermostTicks: number} | undefined;
  budget: SideBudget;
  /** why the exchange takes no orders on this side (it then has no ladder), or null */
  refusal: string | null;
  /** this pricing step's per-side target */
  depthTarget: number;
  /** the whole book's depth on this side within the band */
  sideDepth: number;
  price: number;
  /** quoting.refreshTolerancePct of the price, in ticks (refreshToleranceTicks) */
  toleranceTicks: number;
  account: AccountView;
  blocked: PlacesBlocked | null;
  committed: number;
  nextClientOrderId: () => string;
}

/** One side's steps; adds to `plan` and returns what is committed after this side's places. */
function planSide(input: SideInput): number {
  const {state, plan, side, ladder, price, account} = input;
  const {config, rules} = state;
  const fairTicks = price * 10 ** rules.priceDecimals;
  const sidePlan = plan.sides[sideKey(side)];
  sidePlan.shortfallQuote = input.budget.shortfallQuote;
  // a side the exchange refuses stays unquoted whatever else holds: that is the reason to show
  sidePlan.reason = input.refusal ?? input.blocked ?? input.budget.reason;
  const sideOrders = [...state.orders.values()].filter((o) => o.side === side);

  // 1. risk: orders that must go now, whatever replaces them
  const riskCancelled = new Set<string>();
  for (const order of sideOrders) {
    if (order.state !== 'open') continue;
    const why = riskReason(order, side, fairTicks, state);
    if (why) {
      plan.cancels.push(cancelIntent(order, why));
      riskCancelled.add(order.clientOrderId);
    }
  }

  // 2. match working orders to the wanted ladder; the rest retire
  const {toleranceTicks} = input;
  const candidates = sideOrders.filter((o) => isWorking(o) && !o.retiring && !riskCancelled.has(o.clientOrderId));
  // the compliance quoting's small inner and guard orders are replaced at their size: a top-up grows depth
  const pinnedLots = ladder.reduce((most, level) => Math.max(most, level.pinned?.maxLots ?? 0), 0);
  const topUpCandidates = input.spareRange ? candidates.filter((o) => o.qtyLots > pinnedLots) : candidates;
  const depleted = depletedOrder(topUpCandidates, restingValue(candidates, state), input.sideDepth, config, input.depthTarget);
  const {used, missing} = matchLadder({side, ladder, candidates, depleted, toleranceTicks, fair: price, rules, config, ...(input.spareRange ? {spareRange: input.spareRange} : {})});
  for (const order of candidates) {
    if (!used.has(order.clientOrderId)) plan.retire.push({clientOrderId: order.clientOrderId, reason: ladder.length === 0 ? 'side not quoting' : 'off ladder'});
  }
  const retiringNow = new Set(plan.retire.map((r) => r.clientOrderId));
  const retiring = sideOrders.filter((o) => (o.retiring || retiringNow.has(o.clientOrderId)) && !riskCancelled.has(o.clientOrderId));

  // 3. place what is missing, inner levels first, as far as funds and the notional caps allow
  let committed = input.committed;
  let blockedByFunds = false;
  let placedNow = 0;
  if (!input.blocked) {
    const sized = sizeMissingLevels({
      side,
      missing,
      keptDepth: restingValue(candidates.filter((o) => used.has(o.clientOrderId)), state),
      budgetQuote: input.budget.budgetQuote,
      available: side === 'BUY' ? account.availableQuote : account.availableBase * price,
      committed,
      replacing: retiring.length > 0,
      rules,
      config,
      nextClientOrderId: input.nextClientOrderId,
    });
    plan.places.push(...sized.places);
    placedNow = sized.places.length;
    committed = sized.committed;
    blockedByFunds = sized.blockedByFunds;
    if (blockedByFunds && sidePlan.reason === null) sidePlan.reason = 'waiting for funds to move orders';
  }

  // 4. retiring orders go once it is safe
  plan.cancels.push(
    ...retirementCancels({sideOrders, retiring, ladder, missingLevels: missing.length, placedNow, placesBlocked: input.blocked, blockedByFunds}),
  );
  return committed;
}

/** quoting.refreshTolerancePct of fair, in ticks, at least one */
const refreshToleranceTicks = (state: EngineState, fair: number): number =>
  Math.max(1, Math.floor(fair * 10 ** state.rules.priceDecimals * state.config.quoting.refreshTolerancePct));

const restingValue = (orders: readonly LocalOrder[], state: EngineState): number =>
  orders.reduce((sum, o) => sum + notionalOf(o.priceTicks, remainingLots(o), state.rules), 0);

/** The fair price the plan centres on: the reference's, or the fallback step's price with the same inputs. */
function pricedFair(reference: FairPriceResult | null, pricing: PricingDecision): FairPriceResult | null {
  if (pricing.price === null) return null;
  if (reference !== null && reference.price === pricing.price) return reference;
  return {price: pricing.price, mexcMid: reference?.mexcMid ?? null, kucoinMid: reference?.kucoinMid ?? null, mexcDepth: reference?.mexcDepth ?? null, kucoinDepth: reference?.kucoinDepth ?? null};
}
