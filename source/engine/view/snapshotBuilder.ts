// Builds the read-only EngineSnapshot (UI, state file, status) from engine state. Display units only.
import type {EngineState} from '../engineState.js';
import {remainingLots} from '../orders/localOrder.js';
import {ownLevels} from '../market/ownLevels.js';
import type {OrderBook} from '../market/orderbook.js';
import type {BookView, EngineSnapshot, OwnOrderView, PersistedState, ViewLevel} from './snapshot.js';
import type {Plan} from '../planner/plan.js';
import {haltOf, isPaused} from '../risk/tradingState.js';
import {marketDepth, marketSpread, type OwnLevels} from '../market/depth.js';
import {accountView} from '../market/accountView.js';
import {lotsToQty, notionalOf, ticksToPrice} from '../symbolRules.js';
import type {BookSide} from '../events.js';
import {referenceOutage} from '../risk/suspensionControl.js';
import {copyTallies} from '../engineTallies.js';
import {SNAPSHOT_MINUTES} from '../market/minuteHistory.js';

const VIEW_LEVELS = 20;

function bookView(book: OrderBook, own: OwnLevels | null): BookView {
  const side = (name: BookSide): ViewLevel[] => {
    let cumulative = 0;
    const mine = own ? (name === 'bids' ? own.bids : own.asks) : null;
    return book.levels(name, VIEW_LEVELS).map(({priceTicks, size}) => {
      const price = book.ticksToPrice(priceTicks);
      cumulative += price * size;
      return {price, size, cumulativeQuote: cumulative, ownSize: mine?.get(priceTicks) ?? 0};
    });
  };
  return {bids: side('bids'), asks: side('asks'), synced: book.synced, lastUpdateAt: book.lastUpdateAt, version: book.version};
}

export function buildSnapshot(state: EngineState, plan: Plan | null): EngineSnapshot {
  const {rules, config} = state;
  const own = ownLevels(state.orders.values(), rules);
  const account = accountView(state);
  const depth = marketDepth(state.mexcBook, config.bandPct);
  const fair = plan?.fair ?? null;
  // the fallback chain sizes sides down while it holds the last fair price: show the target in force
  const depthTarget = plan?.pricing?.depthTarget ?? config.depthTargetUsdt;
  const ownDepth = {bid: 0, ask: 0};
  const mid = state.mexcBook.mid();
  const orders: OwnOrderView[] = [];
  for (const order of state.orders.values()) {
    const price = ticksToPrice(order.priceTicks, rules);
    if (order.state === 'open' && mid !== null && Math.abs(price - mid) <= mid * config.bandPct) {
      ownDepth[order.side === 'BUY' ? 'bid' : 'ask'] += notionalOf(order.priceTicks, remainingLots(order), rules);
    }
    orders.push({
      clientOrderId: order.clientOrderId,
      orderId: order.orderId,
      side: order.side,
      price,
      qty: lotsToQty(order.qtyLots, rules),
      filled: lotsToQty(order.filledLots, rules),
      status:
        order.state === 'pendingNew'
          ? 'PENDING_NEW'
          : order.state === 'pendingCancel' || order.state === 'cancelUnknown'
            ? 'PENDING_CANCEL'
            : order.state === 'unknown'
              ? 'UNKNOWN'
              : order.filledLots > 0
                ? 'PARTIALLY_FILLED'
                : 'NEW',
      createdAt: order.createdAt,
    });
  }
  orders.sort((a, b) => b.price - a.price);
  const base = state.balances[rules.baseAsset] ?? {free: 0, locked: 0};
  const quote = state.balances[rules.quoteAsset] ?? {free: 0, locked: 0};
  const sideStatus = (key: 'bid' | 'ask') => ({
    quoting: state.sideReasons[key] === null,
    reason: state.sideReasons[key],
    ownDepth: ownDepth[key],
    target: depthTarget,
    shortfall: state.sideShortfall[key],
  });
  const streams = {} as EngineSnapshot['streams'];
  // a book stream's messages are its book updates (the stream status changes only on connection events)
  const bookUpdate: Partial<Record<keyof EngineSnapshot['streams'], number | null>> = {'mexc.book': state.mexcBook.lastUpdateAt, 'kucoin.book': state.kucoinBook.lastUpdateAt};
  for (const [name, status] of Object.entries(state.streams) as [keyof EngineSnapshot['streams'], (typeof state.streams)[keyof typeof state.streams]][]) {
    streams[name] = {state: status.state, reason: status.reason, lastMessageAt: latest(status.lastMessageAt, bookUpdate[name] ?? null)};
  }
  return {
    mode: state.mode,
    symbol: rules.symbol,
    referenceSymbol: config.referenceSymbol,
    baseAsset: rules.baseAsset,
    quoteAsset: rules.quoteAsset,
    pid: process.pid,
    startedAt: state.startedAt,
    updatedAt: state.now,
    paused: isPaused(state.trading),
    halted: haltOf(state.trading),
    suspension: state.suspension === null ? null : {...state.suspension},
    pricing: {
      step: state.pricing.step,
      since: state.pricing.since,
      detail: state.pricing.detail,
      widenLevel: state.pricing.widenLevel,
      referenceStaleSince: state.referenceStaleSince,
      outage: referenceOutage(state),
    },
    books: {mexc: bookView(state.mexcBook, own), kucoin: bookView(state.kucoinBook, null)},
    fair: {
      price: fair?.price ?? null,
      model: config.fairPrice.model,
      mexcMid: fair?.mexcMid ?? mid,
      kucoinMid: fair?.kucoinMid ?? state.kucoinBook.mid(),
      mexcDepth: fair?.mexcDepth ?? null,
      kucoinDepth: fair?.kucoinDepth ?? null,
    },
    spread: {mexc: marketSpread(state.mexcBook), kucoin: marketSpread(state.kucoinBook)},
    depth,
    depthTarget,
    bandPct: config.bandPct,
    compliance: state.compliance.gauges(state.now),
    orders,
    balances: {
      base: {asset: rules.baseAsset, free: base.free, locked: base.locked},
      quote: {asset: rules.quoteAsset, free: quote.free, locked: quote.locked},
      baseRatio: account.baseRatio,
    },
    sides: {bid: sideStatus('bid'), ask: sideStatus('ask')},
    streams,
    counters: {...state.counters, rateLimited: Math.max(state.counters.rateLimited, state.portRateLimited)},
    tallies: copyTallies(state.tallies),
    lastError: state.lastError,
    nextResetAt: state.nextResetAt,
    reconciledAt: state.lastReconcileAt,
    recentEvents: state.recentEvents.slice(-20),
    ledger: state.ledger.view(state.now),
    history: state.minuteHistory.points(Math.floor(state.now / 60_000) - SNAPSHOT_MINUTES + 1),
  };
}

export function buildPersistedState(state: EngineState, plan: Plan | null): PersistedState {
  return {
    ...buildSnapshot(state, plan),
    schemaVersion: 1,
    complianceHistory: state.compliance.persisted(),
    ledgerState: state.ledger.persisted(),
    minuteHistory: state.minuteHistory.persisted(),
  };
}

const latest = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));
