// manage_orders + check_market_depth as one pure decision: from the engine state, which orders to place,
// which to cancel now (risk) and which to retire (cancel once their replacement rests, so depth never
// leaves the book while orders move). Called once per batch of events (coalesced), never sends anything.
import type {Side} from '../events.js';
import type {CancelIntent, PlaceIntent} from '../ports.js';
import {isWorking, remainingLots, type EngineState, type LocalOrder} from '../engineState.js';
import {fairPrice, type FairPriceResult} from '../market/fairPrice.js';
import {inventoryDeviation, quotes} from './quotes.js';
import {buildLadder, type LadderLevel} from './ladder.js';
import {sideBudgets} from './sideBudgets.js';
import {bestAfterExclusion, marketDepth, type OwnLevels} from '../market/depth.js';
import {lotsWithinNotional, notionalOf} from '../symbolRules.js';
import {accountView} from '../market/accountView.js';

export interface SidePlan {
  /** why the side is not (fully) quoting; null when all is well */
  reason: string | null;
  shortfallQuote: number;
}

export interface Plan {
  fair: FairPriceResult | null;
  places: PlaceIntent[];
  cancels: CancelIntent[];
  retire: Array<{clientOrderId: string; reason: string}>;
  sides: {bid: SidePlan; ask: SidePlan};
}

/** Fraction of a level's target size an order must still have to keep its place (mostly filled orders are replaced). */
const KEEP_FRACTION = 0.3;
/** check_market_depth top-up: below the top-up line, the most depleted order under this fraction is replaced. */
const TOP_UP_KEEP_FRACTION = 0.9;

export function ownLevels(orders: Iterable<LocalOrder>, rules: EngineState['rules']): OwnLevels {
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  for (const order of orders) {
    if (order.state !== 'open' && order.state !== 'pendingCancel') continue;
    const map = order.side === 'BUY' ? bids : asks;
    const size = remainingLots(order) / 10 ** rules.qtyDecimals;
    map.set(order.priceTicks, (map.get(order.priceTicks) ?? 0) + size);
  }
  return {bids, asks};
}

const sideKey = (side: Side): 'bid' | 'ask' => (side === 'BUY' ? 'bid' : 'ask');

function cancelIntent(order: LocalOrder, reason: string): CancelIntent {
  return {kind: 'cancel', clientOrderId: order.clientOrderId, orderId: order.orderId, reason};
}

/** Cancel every order that can be cancelled now (halt, quit, stale beyond hold). */
function cancelEverything(state: EngineState, reason: string, fair: FairPriceResult | null): Plan {
  const cancels: CancelIntent[] = [];
  for (const order of state.orders.values()) {
    if (order.state === 'open' || order.state === 'unknown') cancels.push(cancelIntent(order, reason));
  }
  const side: SidePlan = {reason, shortfallQuote: 0};
  return {fair, places: [], cancels, retire: [], sides: {bid: side, ask: {...side}}};
}

function holdPlan(fair: FairPriceResult | null, reason: string): Plan {
  return {fair, places: [], cancels: [], retire: [], sides: {bid: {reason, shortfallQuote: 0}, ask: {reason, shortfallQuote: 0}}};
}

export function planOrders(state: EngineState, nextClientOrderId: () => string): Plan {
  const {config, rules, now} = state;
  const own = ownLevels(state.orders.values(), rules);
  const fair = fairPrice({
    model: config.fairPrice.model,
    mexc: state.mexcBook,
    kucoin: state.kucoinBook,
    pct: config.bandPct,
    mexcOwn: own,
    includeOwnOrders: config.fairPrice.includeOwnOrders,
  });

  // While rate-limited nothing can be sent (the client refuses it without asking): even the cancels of a
  // halt or a quit wait for the hold to end, instead of spinning on refusals.
  const rateLimitedFor = now < state.rateLimitedUntil ? `rate-limited for ${Math.ceil((state.rateLimitedUntil - now) / 1000)}s` : null;
  const cancelAll = (reason: string): Plan => (rateLimitedFor ? holdPlan(fair, `${reason} (${rateLimitedFor})`) : cancelEverything(state, reason, fair));
  if (state.stopping) return cancelAll(`stopping: ${state.stopping.reason}`);
  if (state.halted) return cancelAll(`halted: ${state.halted.reason}`);
  if (state.referenceStaleSince !== null && now - state.referenceStaleSince > config.risk.referenceStaleHoldSec * 1000)
    return cancelAll(`stale reference for over ${config.risk.referenceStaleHoldSec}s`);
  if (state.cancellingAll) return cancelAll('paused: operator cancel-all');
  if (!state.mexcBook.synced || state.streams['mexc.book'].state !== 'live')
    return holdPlan(fair, `MEXC book ${state.mexcBook.synced ? state.streams['mexc.book'].state : 'not synced'}: orders frozen`);
  if (rateLimitedFor) return holdPlan(fair, rateLimitedFor);
  if (fair === null) return holdPlan(fair, 'no reference price');

  const account = accountView(state);
  const fairTicks = fair.price * 10 ** rules.priceDecimals;
  const placesBlocked =
    state.paused ? 'paused' : state.referenceStaleSince !== null ? 'stale reference: holding quotes' : !state.balancesKnown ? 'balances unknown' : null;

  const deviation = account.baseRatio === null ? 0 : inventoryDeviation(account.baseRatio, config.quoting.targetBaseRatio);
  const quote = quotes({
    fair: fair.price,
    halfSpreadPct: config.quoting.halfSpreadPct,
    skewPct: config.quoting.inventorySkewPct,
    inventoryDeviation: deviation,
  });
  // Others' depth is deliberately not subtracted from our target: other participants can pull their
  // orders at any moment, which is exactly when the pair would fall out of compliance.
  const budgets = sideBudgets({
    target: config.depthTargetUsdt,
    othersDepth: {bid: 0, ask: 0},
    available: {quote: account.quoteTotal, base: account.baseTotal},
    fair: fair.price,
    maxTotalNotional: config.risk.maxTotalNotionalUsdt,
    baseRatio: account.baseRatio,
    inventoryBand: config.risk.inventoryBand,
  });
  const measured = marketDepth(state.mexcBook, config.bandPct);
  const othersBest = {
    BUY: bestAfterExclusion(state.mexcBook, 'bids', own),
    SELL: bestAfterExclusion(state.mexcBook, 'asks', own),
  };

  const plan: Plan = {fair, places: [], cancels: [], retire: [], sides: {bid: {reason: null, shortfallQuote: 0}, ask: {reason: null, shortfallQuote: 0}}};
  let committed = account.committedBuy + account.committedSell;
  for (const side of ['BUY', 'SELL'] as const) {
    const key = sideKey(side);
    const budget = budgets[key];
    const sidePlan = plan.sides[key];
    sidePlan.shortfallQuote = budget.shortfallQuote;
    sidePlan.reason = placesBlocked ?? budget.reason;
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

    // 2. the ladder we want on this side
    const ladder: LadderLevel[] =
      budget.budgetQuote > 0
        ? buildLadder({
            side,
            rules,
            innerPrice: side === 'BUY' ? quote.bid : quote.ask,
            center: fair.price,
            bandPct: config.bandPct,
            bandMarginPct: config.quoting.bandMarginPct,
            levels: config.levels,
            budgetQuote: budget.budgetQuote,
            oppositeBestTicks: side === 'BUY' ? othersBest.SELL : othersBest.BUY,
            maxOrderNotional: config.risk.maxOrderNotionalUsdt,
          })
        : [];

    // 3. match working orders to ladder levels; the rest retire
    const sideDepth = side === 'BUY' ? measured.bid : measured.ask;
    const toleranceTicks = Math.max(1, Math.floor(fairTicks * config.quoting.refreshTolerancePct));
    const candidates = sideOrders.filter((o) => isWorking(o) && !o.retiring && !riskCancelled.has(o.clientOrderId));
    // check_market_depth: top up only when the side nears the rule's minimum (between the minimum and our
    // target the buffer is doing its job), by replacing the most depleted order, one per pass: every
    // replacement costs two requests, and fills keep coming while the first one lands
    const topUpBelow = (config.compliance.minDepthUsdt + config.depthTargetUsdt) / 2;
    const restingValue = (orders: LocalOrder[]) => orders.reduce((sum, o) => sum + notionalOf(o.priceTicks, remainingLots(o), rules), 0);
    const ownDepth = restingValue(candidates);
    const fractionLeft = (o: LocalOrder) => remainingLots(o) / Math.max(1, o.qtyLots);
    let depleted: LocalOrder | null = null;
    if (Math.min(ownDepth, sideDepth) < topUpBelow) {
      for (const o of candidates) if (fractionLeft(o) < TOP_UP_KEEP_FRACTION && (!depleted || fractionLeft(o) < fractionLeft(depleted))) depleted = o;
    }
    const used = new Set<string>();
    const missing: LadderLevel[] = [];
    for (const level of ladder) {
      let best: LocalOrder | null = null;
      for (const order of candidates) {
        if (used.has(order.clientOrderId) || order === depleted) continue;
        const distance = Math.abs(order.priceTicks - level.priceTicks);
        if (distance > toleranceTicks) continue;
        if (remainingLots(order) < level.qtyLots * KEEP_FRACTION) continue;
        if (!best || distance < Math.abs(best.priceTicks - level.priceTicks)) best = order;
      }
      if (best) used.add(best.clientOrderId);
      else missing.push(level);
    }
    // An order off its exact level still does the job if it rests in the useful part of the band: depth
    // counts anywhere within ±band, so moving it would only spend two requests. It fills a missing level
    // other than the inner one (the inner level keeps the spread tight and must sit on its target).
    if (ladder.length > 0 && missing.length > 0) {
      const scale = 10 ** rules.priceDecimals;
      const slack = config.bandPct - config.quoting.bandMarginPct / 2;
      const inner = ladder[0]!.priceTicks;
      const useful = (o: LocalOrder): boolean =>
        side === 'BUY'
          ? o.priceTicks <= inner + toleranceTicks && o.priceTicks >= Math.ceil(fair.price * (1 - slack) * scale)
          : o.priceTicks >= inner - toleranceTicks && o.priceTicks <= Math.floor(fair.price * (1 + slack) * scale);
      const spare = candidates.filter((o) => !used.has(o.clientOrderId) && o !== depleted && useful(o));
      for (let i = missing.length - 1; i >= 0 && spare.length > 0; i--) {
        const level = missing[i]!;
        if (level === ladder[0]) continue;
        let pick = -1;
        for (let k = 0; k < spare.length; k++) {
          const order = spare[k]!;
          if (remainingLots(order) < level.qtyLots * KEEP_FRACTION) continue;
          if (pick < 0 || Math.abs(order.priceTicks - level.priceTicks) < Math.abs(spare[pick]!.priceTicks - level.priceTicks)) pick = k;
        }
        if (pick < 0) continue;
        used.add(spare[pick]!.clientOrderId);
        spare.splice(pick, 1);
        missing.splice(i, 1);
      }
    }
    for (const order of candidates) {
      if (!used.has(order.clientOrderId)) plan.retire.push({clientOrderId: order.clientOrderId, reason: ladder.length === 0 ? 'side not quoting' : 'off ladder'});
    }
    const retiringNow = new Set(plan.retire.map((r) => r.clientOrderId));
    const retiring = sideOrders.filter(
      (o) => (o.retiring || retiringNow.has(o.clientOrderId)) && !riskCancelled.has(o.clientOrderId),
    );

    // 4. place what is missing, inner levels first, as far as funds and the notional cap allow
    let available = side === 'BUY' ? account.availableQuote : account.availableBase * fair.price;
    let blockedByFunds = false;
    if (!placesBlocked) {
      // the new orders carry what the side lacks, not just their level's share: a top-up after fills
      // restores the whole budget in one replacement instead of one per partly filled order
      const keptDepth = restingValue(candidates.filter((o) => used.has(o.clientOrderId)));
      const missingCost = missing.reduce((sum, level) => sum + notionalOf(level.priceTicks, level.qtyLots, rules), 0);
      const grow = missingCost > 0 ? Math.max(1, (budget.budgetQuote - keptDepth) / missingCost) : 1;
      for (const missingLevel of missing) {
        const capLots = lotsWithinNotional(missingLevel.priceTicks, config.risk.maxOrderNotionalUsdt, rules);
        const level = {...missingLevel, qtyLots: Math.max(missingLevel.qtyLots, Math.min(Math.floor(missingLevel.qtyLots * grow), capLots))};
        const cost = notionalOf(level.priceTicks, level.qtyLots, rules);
        if (cost > available * 0.995 || committed + cost > config.risk.maxTotalNotionalUsdt) {
          blockedByFunds = true;
          break;
        }
        available -= cost;
        committed += cost;
        plan.places.push({
          kind: 'place',
          clientOrderId: nextClientOrderId(),
          side,
          priceTicks: level.priceTicks,
          qtyLots: level.qtyLots,
          reason: retiring.length > 0 ? 'replace' : 'fill ladder',
        });
      }
      if (blockedByFunds && sidePlan.reason === null) sidePlan.reason = 'waiting for funds to move orders';
    }

    // 5. retiring orders go once the ladder is whole (their replacements rest), or one at a time to free funds
    const ladderWhole = missing.length === 0 && sideOrders.every((o) => o.state !== 'pendingNew');
    const openRetiring = retiring.filter((o) => o.state === 'open');
    if (ladderWhole || placesBlocked === 'paused' || ladder.length === 0) {
      // paused: no replacements will come, but stale orders off the ladder still go (safety first)
      for (const order of openRetiring) plan.cancels.push(cancelIntent(order, order.retiring ?? 'off ladder'));
    } else if (
      blockedByFunds &&
      openRetiring.length > 0 &&
      // one step at a time: only once the last replacements rest and the last freed funds arrived
      !plan.places.some((p) => p.side === side) &&
      !sideOrders.some((o) => o.state === 'pendingCancel' || o.state === 'pendingNew')
    ) {
      const furthest = openRetiring.reduce((a, b) => (distanceToLadder(b, ladder) > distanceToLadder(a, ladder) ? b : a));
      plan.cancels.push(cancelIntent(furthest, `${furthest.retiring ?? 'off ladder'}: freeing funds`));
    }
  }
  return plan;
}

function distanceToLadder(order: LocalOrder, ladder: LadderLevel[]): number {
  let best = Infinity;
  for (const level of ladder) best = Math.min(best, Math.abs(level.priceTicks - order.priceTicks));
  return best;
}

/** Why an open order must be cancelled right now, or null. */
export function riskReason(order: LocalOrder, side: Side, fairTicks: number, state: EngineState): string | null {
  const {config, rules} = state;
  if (side === 'BUY' && order.priceTicks >= fairTicks) return 'bid at or above fair';
  if (side === 'SELL' && order.priceTicks <= fairTicks) return 'ask at or below fair';
  const distance = Math.abs(order.priceTicks - fairTicks) / fairTicks;
  if (distance > config.risk.maxDistanceFromFairPct) return `more than ${(config.risk.maxDistanceFromFairPct * 100).toFixed(1)}% from fair`;
  const notional = notionalOf(order.priceTicks, remainingLots(order), rules);
  if (notional > config.risk.maxOrderNotionalUsdt * 1.0001) return 'above size cap';
  return null;
}

