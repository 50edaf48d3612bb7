// The answers about our orders applied to engine state (orderEvents.ts): for each request outcome, order
// update and fill, where the order goes, which counters move, what is journalled and noticed (with its
// level), what counts toward the kill switch (benign rejections and throttles do not), when order changes
// are held, and whether a decision pass is asked for. Every counter is compared as a whole, so a counter
// that moves when it should not fails too.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {applyFill, applyOrderOutcome, applyOrderUpdate, type OrderOutcomeEvent} from '../../../source/engine/orders/orderEvents.js';
import type {EngineState} from '../../../source/engine/engineState.js';
import type {EventOf, ExchangeOrder, RejectReason} from '../../../source/engine/events.js';
import type {LocalOrder, LocalOrderState} from '../../../source/engine/orders/localOrder.js';
import type {OrderAction} from '../../../source/engine/view/journalRecords.js';
import {putOrder, recordedContext, T0} from '../engineFixtures.js';

/** when the answers arrive (state.now, and so every journal record and notice, stays at T0) */
const AT = T0 + 40;

/** The counters these handlers move, plus the kill switch's count. */
const tally = (s: EngineState) => ({
  ordersPlaced: s.counters.ordersPlaced,
  ordersRejected: s.counters.ordersRejected,
  ordersCancelled: s.counters.ordersCancelled,
  unknownOutcomes: s.counters.unknownOutcomes,
  fills: s.counters.fills,
  invalidTransitions: s.counters.invalidTransitions,
  errors: s.counters.errors,
  rateLimited: s.counters.rateLimited,
  consecutiveOrderErrors: s.consecutiveOrderErrors,
});
const ZERO = {ordersPlaced: 0, ordersRejected: 0, ordersCancelled: 0, unknownOutcomes: 0, fills: 0, invalidTransitions: 0, errors: 0, rateLimited: 0, consecutiveOrderErrors: 0};

/** A context holding one order `mmxa` (BUY 1000 @ 0.249, orderId Xmmxa, reason 'fill ladder') in `state`. */
function withOrder(state: LocalOrderState, fields: Partial<LocalOrder> = {}) {
  const r = recordedContext();
  const order = {...putOrder(r.state, 'mmxa', {state}), ...fields};
  r.state.orders.set('mmxa', order);
  return {...r, order};
}

/** The journal record of mmxa as built by hand (price 24 900 ticks = 0.249, 100 000 lots = 1000). */
const record = (action: OrderAction, reason: string, orderId: string | null = 'Xmmxa') => ({
  stream: 'orders',
  at: T0,
  action,
  clientOrderId: 'mmxa',
  orderId,
  side: 'BUY',
  price: 0.249,
  qty: 1000,
  reason,
});

const invalidNotice = (event: string, from: string) => ({
  at: T0,
  level: 'error',
  text: `order mmxa: ${event} refused in state ${from}; kept as it was until reconciled`,
});

/** A refused transition: the handler still asks for a decision pass, keeps the order exactly as it was,
 * counts one invalid transition (an error), journals nothing and raises one error notice. */
function assertRefused(r: ReturnType<typeof withOrder>, event: OrderOutcomeEvent, transition: string, counters: Partial<typeof ZERO> = {}): void {
  assert.equal(applyOrderOutcome(r.ctx, event), true);
  assert.deepEqual(r.state.orders.get('mmxa'), r.order);
  assert.deepEqual(tally(r.state), {...ZERO, invalidTransitions: 1, errors: 1, ...counters});
  assert.deepEqual(r.journal, []);
  assert.deepEqual(r.notices, [invalidNotice(transition, r.order.state)]);
}

const rejected = (reason: RejectReason, detail = 'Order price cannot exceed 5% (30010)', requestId = 7, clientOrderId = 'mmxa'): OrderOutcomeEvent => ({
  type: 'order.rejected',
  clientOrderId,
  reason,
  detail,
  requestId,
  at: AT,
});

// ---- answers about an order we do not have ----------------------------------------------------------

test('an answer about an order we do not have changes nothing and asks for no decision pass', () => {
  const events: OrderOutcomeEvent[] = [
    {type: 'order.ack', clientOrderId: 'mmxz', orderId: 'Xz', at: AT},
    rejected('invalid', 'bad', 7, 'mmxz'),
    {type: 'order.throttled', clientOrderId: 'mmxz', retryAt: null, message: 'budget', at: AT},
    {type: 'order.unknown', clientOrderId: 'mmxz', message: 'timeout', requestId: 3, at: AT},
    {type: 'cancel.ack', clientOrderId: 'mmxz', at: AT},
    {type: 'cancel.rejected', clientOrderId: 'mmxz', reason: 'other', detail: 'no', requestId: 7, at: AT},
    {type: 'cancel.throttled', clientOrderId: 'mmxz', retryAt: null, message: 'budget', at: AT},
    {type: 'cancel.unknown', clientOrderId: 'mmxz', message: 'timeout', at: AT},
    {type: 'order.query', clientOrderId: 'mmxz', order: null, at: AT},
  ];
  for (const event of events) {
    const r = withOrder('open');
    assert.equal(applyOrderOutcome(r.ctx, event), false, event.type);
    assert.deepEqual([...r.state.orders.values()], [r.order], event.type);
    assert.deepEqual(tally(r.state), ZERO, event.type);
    assert.deepEqual(r.journal, [], event.type);
    assert.deepEqual(r.notices, [], event.type);
    assert.equal(r.state.rateLimitedUntil, 0, event.type);
  }
});

// ---- order.ack ----------------------------------------------------------------------------------------

test('order.ack: the order opens with its exchange id, is counted and journalled placed, and clears the order-error count', () => {
  const r = withOrder('pendingNew', {orderId: null});
  r.state.consecutiveOrderErrors = 3;
  assert.equal(applyOrderOutcome(r.ctx, {type: 'order.ack', clientOrderId: 'mmxa', orderId: 'E1', at: AT}), true);
  assert.deepEqual(r.state.orders.get('mmxa'), {...r.order, state: 'open', orderId: 'E1', changedAt: AT});
  assert.deepEqual(tally(r.state), {...ZERO, ordersPlaced: 1});
  assert.deepEqual(r.journal, [record('placed', 'fill ladder', 'E1')]);
  assert.deepEqual(r.notices, []);
});

// ---- order.rejected -----------------------------------------------------------------------------------

test('order.rejected for a real reason: the order is gone, counted, journalled with the venue detail, one error notice and a kill-switch count', () => {
  const r = withOrder('pendingNew');
  assert.equal(applyOrderOutcome(r.ctx, rejected('invalid', 'Order price cannot\n  exceed 5%\t(30010)')), true);
  assert.equal(r.state.orders.has('mmxa'), false);
  assert.deepEqual(tally(r.state), {...ZERO, ordersRejected: 1, errors: 1, consecutiveOrderErrors: 1});
  assert.equal(r.state.lastFailedRequestId, 7);
  assert.deepEqual(r.journal, [record('rejected', 'Order price cannot\n  exceed 5%\t(30010)')], 'the journal keeps the detail as the venue wrote it');
  const text = 'order mmxa rejected: Order price cannot exceed 5% (30010)';
  assert.deepEqual(r.notices, [{at: T0, level: 'error', text}], 'the notice folds whitespace runs to one space');
  assert.deepEqual(r.state.lastError, {at: T0, message: text});
});

test('order.rejected "insufficientFunds" and "wouldCross" are benign: an info notice, no kill-switch count', () => {
  for (const reason of ['insufficientFunds', 'wouldCross'] as const) {
    const r = withOrder('pendingNew');
    assert.equal(applyOrderOutcome(r.ctx, rejected(reason, 'Oversold')), true, reason);
    assert.equal(r.state.orders.has('mmxa'), false, reason);
    assert.deepEqual(tally(r.state), {...ZERO, ordersRejected: 1}, reason);
    assert.equal(r.state.lastFailedRequestId, -1, reason);
    assert.deepEqual(r.journal, [record('rejected', 'Oversold')], reason);
    assert.deepEqual(r.notices, [{at: T0, level: 'info', text: 'order mmxa rejected: Oversold'}], reason);
    assert.equal(r.state.lastError, null, reason);
  }
});

test('order.rejected "notNow" (MEXC refuses for now): no kill-switch count, an info notice, and the refusal recorded for the exchangeClosed suspension', () => {
  const r = withOrder('pendingNew');
  r.state.consecutiveOrderErrors = 2;
  assert.equal(applyOrderOutcome(r.ctx, rejected('notNow', '30004 symbol\n paused')), true);
  assert.equal(r.state.orders.has('mmxa'), false);
  assert.deepEqual(tally(r.state), {...ZERO, ordersRejected: 1, consecutiveOrderErrors: 2}, 'the count neither grows nor resets');
  assert.equal(r.state.lastFailedRequestId, -1);
  assert.deepEqual(r.state.venueRefusal, {at: AT, detail: '30004 symbol\n paused'}, 'at the answer time, with the venue text');
  assert.deepEqual(r.journal, [record('rejected', '30004 symbol\n paused')]);
  assert.deepEqual(r.notices, [{at: T0, level: 'info', text: 'order mmxa rejected: 30004 symbol paused'}]);
  assert.equal(r.state.lastError, null);
});

test('a later "notNow" refusal moves the refusal time on; no other rejection records a refusal', () => {
  const r = recordedContext();
  for (const id of ['mmxa', 'mmxb']) putOrder(r.state, id, {state: 'pendingNew'});
  applyOrderOutcome(r.ctx, rejected('notNow', 'paused', 4, 'mmxa'));
  applyOrderOutcome(r.ctx, {...rejected('notNow', 'still paused', 5, 'mmxb'), at: AT + 1_000});
  assert.deepEqual(r.state.venueRefusal, {at: AT + 1_000, detail: 'still paused'});
  for (const reason of ['insufficientFunds', 'wouldCross', 'orderNotFound', 'invalid', 'other'] as const) {
    const one = withOrder('pendingNew');
    applyOrderOutcome(one.ctx, rejected(reason, 'no'));
    assert.equal(one.state.venueRefusal, null, reason);
  }
});

test('order.rejected for every other reason counts toward the kill switch with an error notice', () => {
  for (const reason of ['orderNotFound', 'invalid', 'other'] as const) {
    const r = withOrder('pendingNew');
    applyOrderOutcome(r.ctx, rejected(reason, 'no'));
    assert.deepEqual(tally(r.state), {...ZERO, ordersRejected: 1, errors: 1, consecutiveOrderErrors: 1}, reason);
    assert.deepEqual(r.notices.map((n) => n.level), ['error'], reason);
  }
});

test('order.rejected: the rejections of one request count once toward the kill switch, another request counts again', () => {
  const r = recordedContext();
  for (const id of ['mmxa', 'mmxb', 'mmxc']) putOrder(r.state, id, {state: 'pendingNew'});
  applyOrderOutcome(r.ctx, rejected('invalid', 'bad', 4, 'mmxa'));
  applyOrderOutcome(r.ctx, rejected('invalid', 'bad', 4, 'mmxb'));
  assert.equal(r.state.consecutiveOrderErrors, 1);
  applyOrderOutcome(r.ctx, rejected('invalid', 'bad', 5, 'mmxc'));
  assert.equal(r.state.consecutiveOrderErrors, 2);
  assert.equal(r.state.counters.ordersRejected, 3);
});

test('order.rejected for an order whose cancel is under way is a refused transition: kept, not counted as a rejection', () => {
  const r = withOrder('pendingCancel');
  assertRefused(r, rejected('invalid', 'bad'), 'placeRefused');
});

// ---- order.throttled ----------------------------------------------------------------------------------

test('order.throttled: the order is gone (never executed), journalled throttled, order changes held; no rejection, no kill-switch count', () => {
  const r = withOrder('pendingNew');
  r.state.consecutiveOrderErrors = 2;
  const event: OrderOutcomeEvent = {type: 'order.throttled', clientOrderId: 'mmxa', retryAt: T0 + 2_500, message: 'request budget exhausted', at: AT};
  assert.equal(applyOrderOutcome(r.ctx, event), true);
  assert.equal(r.state.orders.has('mmxa'), false);
  assert.deepEqual(tally(r.state), {...ZERO, rateLimited: 1, consecutiveOrderErrors: 2});
  assert.equal(r.state.rateLimitedUntil, T0 + 2_500);
  assert.deepEqual(r.journal, [record('throttled', 'request budget exhausted')]);
  assert.deepEqual(r.notices, [{at: T0, level: 'warn', text: 'rate limited (request budget exhausted); holding order changes for 3s'}]);
});

test('order.throttled for several orders of one request: one hold, one warning', () => {
  const r = recordedContext();
  putOrder(r.state, 'mmxa', {state: 'pendingNew'});
  putOrder(r.state, 'mmxb', {state: 'pendingNew'});
  for (const id of ['mmxa', 'mmxb']) applyOrderOutcome(r.ctx, {type: 'order.throttled', clientOrderId: id, retryAt: null, message: '429', at: AT});
  assert.equal(r.state.orders.size, 0);
  assert.equal(r.state.rateLimitedUntil, T0 + 1_000);
  assert.equal(r.state.counters.rateLimited, 1);
  assert.deepEqual(r.notices.map((n) => n.text), ['rate limited (429); holding order changes for 1s']);
  assert.deepEqual(r.journal.map((j) => j.stream === 'orders' && `${j.action} ${j.clientOrderId}`), ['throttled mmxa', 'throttled mmxb']);
});

test('order.throttled for an order whose cancel is under way is refused and holds nothing', () => {
  const r = withOrder('pendingCancel');
  assertRefused(r, {type: 'order.throttled', clientOrderId: 'mmxa', retryAt: T0 + 9_000, message: '429', at: AT}, 'placeRefused');
  assert.equal(r.state.rateLimitedUntil, 0);
});

// ---- cancel.throttled ---------------------------------------------------------------------------------

test('cancel.throttled: the order rests again (open), journalled cancel-throttled, order changes held, no kill-switch count', () => {
  const r = withOrder('pendingCancel', {retiring: 'replaced'});
  const event: OrderOutcomeEvent = {type: 'cancel.throttled', clientOrderId: 'mmxa', retryAt: T0 + 4_000, message: '429 Too Many Requests', at: AT};
  assert.equal(applyOrderOutcome(r.ctx, event), true);
  assert.deepEqual(r.state.orders.get('mmxa'), {...r.order, state: 'open', changedAt: AT});
  assert.deepEqual(tally(r.state), {...ZERO, rateLimited: 1});
  assert.equal(r.state.rateLimitedUntil, T0 + 4_000);
  assert.deepEqual(r.journal, [record('cancel-throttled', '429 Too Many Requests')]);
  assert.deepEqual(r.notices, [{at: T0, level: 'warn', text: 'rate limited (429 Too Many Requests); holding order changes for 4s'}]);
});

test('cancel.throttled for an order with no cancel under way is refused: no journal, no hold', () => {
  const r = withOrder('open');
  assertRefused(r, {type: 'cancel.throttled', clientOrderId: 'mmxa', retryAt: T0 + 4_000, message: '429', at: AT}, 'cancelRefused');
  assert.equal(r.state.rateLimitedUntil, 0);
});

// ---- order.unknown ------------------------------------------------------------------------------------

test('order.unknown: the order waits for reconcile as unknown, counted, an error notice, journalled unknown, a kill-switch count', () => {
  const r = withOrder('pendingNew');
  const event: OrderOutcomeEvent = {type: 'order.unknown', clientOrderId: 'mmxa', message: 'socket hang up', requestId: 12, at: AT};
  assert.equal(applyOrderOutcome(r.ctx, event), true);
  assert.deepEqual(r.state.orders.get('mmxa'), {...r.order, state: 'unknown', changedAt: AT});
  assert.deepEqual(tally(r.state), {...ZERO, unknownOutcomes: 1, errors: 1, consecutiveOrderErrors: 1});
  assert.equal(r.state.lastFailedRequestId, 12);
  assert.deepEqual(r.notices, [{at: T0, level: 'error', text: 'order mmxa outcome unknown (socket hang up); will reconcile'}]);
  assert.deepEqual(r.journal, [record('unknown', 'socket hang up')]);
});

test('order.unknown for the orders of one request counts once toward the kill switch', () => {
  const r = recordedContext();
  putOrder(r.state, 'mmxa', {state: 'pendingNew'});
  putOrder(r.state, 'mmxb', {state: 'pendingNew'});
  for (const id of ['mmxa', 'mmxb']) applyOrderOutcome(r.ctx, {type: 'order.unknown', clientOrderId: id, message: 'timeout', requestId: 3, at: AT});
  assert.equal(r.state.consecutiveOrderErrors, 1);
  assert.equal(r.state.counters.unknownOutcomes, 2);
});

// ---- cancel.ack ---------------------------------------------------------------------------------------

test('cancel.ack: the order is gone, counted cancelled, journalled with its retiring reason, and clears the order-error count', () => {
  const r = withOrder('pendingCancel', {retiring: 'off ladder'});
  r.state.consecutiveOrderErrors = 4;
  assert.equal(applyOrderOutcome(r.ctx, {type: 'cancel.ack', clientOrderId: 'mmxa', at: AT}), true);
  assert.equal(r.state.orders.has('mmxa'), false);
  assert.deepEqual(tally(r.state), {...ZERO, ordersCancelled: 1});
  assert.deepEqual(r.journal, [record('cancelled', 'off ladder')]);
  assert.deepEqual(r.notices, []);
});

test('cancel.ack of an order that was not retiring is journalled with the order reason', () => {
  const r = withOrder('pendingCancel');
  applyOrderOutcome(r.ctx, {type: 'cancel.ack', clientOrderId: 'mmxa', at: AT});
  assert.deepEqual(r.journal, [record('cancelled', 'fill ladder')]);
});

test('cancel.ack for an order with no cancel under way is refused: not counted, the order-error count stays', () => {
  const r = withOrder('open');
  r.state.consecutiveOrderErrors = 4;
  assertRefused(r, {type: 'cancel.ack', clientOrderId: 'mmxa', at: AT}, 'cancelAcked', {consecutiveOrderErrors: 4});
});

// ---- cancel.rejected ----------------------------------------------------------------------------------

test('cancel.rejected "orderNotFound": the order no longer rests, journalled closed, no error of any kind', () => {
  const r = withOrder('pendingCancel');
  r.state.consecutiveOrderErrors = 2;
  const event: OrderOutcomeEvent = {type: 'cancel.rejected', clientOrderId: 'mmxa', reason: 'orderNotFound', detail: 'Unknown order sent (-2011)', requestId: 7, at: AT};
  assert.equal(applyOrderOutcome(r.ctx, event), true);
  assert.equal(r.state.orders.has('mmxa'), false);
  assert.deepEqual(tally(r.state), {...ZERO, consecutiveOrderErrors: 2});
  assert.deepEqual(r.journal, [record('closed', 'cancel: Unknown order sent (-2011)')]);
  assert.deepEqual(r.notices, []);
});

test('cancel.rejected "orderNotFound" for an order with no cancel under way is refused and kept', () => {
  const r = withOrder('open');
  assertRefused(r, {type: 'cancel.rejected', clientOrderId: 'mmxa', reason: 'orderNotFound', detail: 'gone', requestId: 7, at: AT}, 'cancelFoundGone');
});

test('cancel.rejected for another reason: the order rests again, an error notice, journalled cancel-rejected, one kill-switch count', () => {
  const r = withOrder('pendingCancel');
  r.state.consecutiveOrderErrors = 1;
  const event: OrderOutcomeEvent = {type: 'cancel.rejected', clientOrderId: 'mmxa', reason: 'notNow', detail: 'symbol paused', requestId: 7, at: AT};
  assert.equal(applyOrderOutcome(r.ctx, event), true);
  assert.deepEqual(r.state.orders.get('mmxa'), {...r.order, state: 'open', changedAt: AT});
  assert.deepEqual(tally(r.state), {...ZERO, errors: 1, consecutiveOrderErrors: 2});
  assert.deepEqual(r.notices, [{at: T0, level: 'error', text: 'cancel of mmxa rejected: symbol paused'}]);
  assert.deepEqual(r.journal, [record('cancel-rejected', 'symbol paused')]);
});

test('cancel.rejected for another reason on an order with no cancel under way is refused: no kill-switch count', () => {
  const r = withOrder('open');
  assertRefused(r, {type: 'cancel.rejected', clientOrderId: 'mmxa', reason: 'other', detail: 'no', requestId: 7, at: AT}, 'cancelRefused');
});

// ---- cancel.unknown -----------------------------------------------------------------------------------

test('cancel.unknown: the cancel outcome is unknown until reconciled, counted, an error notice, no journal, no kill-switch count', () => {
  const r = withOrder('pendingCancel');
  assert.equal(applyOrderOutcome(r.ctx, {type: 'cancel.unknown', clientOrderId: 'mmxa', message: 'ETIMEDOUT', at: AT}), true);
  assert.deepEqual(r.state.orders.get('mmxa'), {...r.order, state: 'cancelUnknown', changedAt: AT});
  assert.deepEqual(tally(r.state), {...ZERO, unknownOutcomes: 1, errors: 1});
  assert.deepEqual(r.notices, [{at: T0, level: 'error', text: 'cancel of mmxa outcome unknown (ETIMEDOUT); will reconcile'}]);
  assert.deepEqual(r.journal, []);
});

test('cancel.unknown for an order with no cancel under way is refused and not counted as an unknown outcome', () => {
  const r = withOrder('open');
  assertRefused(r, {type: 'cancel.unknown', clientOrderId: 'mmxa', message: 'ETIMEDOUT', at: AT}, 'cancelUnknown');
});

// ---- order.query --------------------------------------------------------------------------------------

const remote = (status: ExchangeOrder['status']): ExchangeOrder => ({
  clientOrderId: 'mmxa',
  orderId: 'E9',
  side: 'BUY',
  priceTicks: 24_900,
  origQtyLots: 100_000,
  filledLots: 2_500,
  status,
});

test('order.query that the exchange does not know: the order was never placed, journalled closed', () => {
  const r = withOrder('unknown', {orderId: null});
  assert.equal(applyOrderOutcome(r.ctx, {type: 'order.query', clientOrderId: 'mmxa', order: null, at: AT}), true);
  assert.equal(r.state.orders.has('mmxa'), false);
  assert.deepEqual(tally(r.state), ZERO);
  assert.deepEqual(r.journal, [record('closed', 'exchange does not know it: never placed', null)]);
  assert.deepEqual(r.notices, []);
});

test('order.query answered filled or cancelled: the order is gone, journalled closed with the status', () => {
  for (const status of ['filled', 'cancelled'] as const) {
    const r = withOrder('unknown');
    assert.equal(applyOrderOutcome(r.ctx, {type: 'order.query', clientOrderId: 'mmxa', order: remote(status), at: AT}), true, status);
    assert.equal(r.state.orders.has('mmxa'), false, status);
    assert.deepEqual(tally(r.state), ZERO, status);
    assert.deepEqual(r.journal, [record('closed', `exchange says ${status}`)], status);
    assert.deepEqual(r.notices, [], status);
  }
});

test('order.query answered resting: the order opens with the exchange id and fills, and an info notice confirms it', () => {
  const r = withOrder('unknown', {orderId: null});
  assert.equal(applyOrderOutcome(r.ctx, {type: 'order.query', clientOrderId: 'mmxa', order: remote('resting'), at: AT}), true);
  assert.deepEqual(r.state.orders.get('mmxa'), {...r.order, state: 'open', orderId: 'E9', filledLots: 2_500, changedAt: AT});
  assert.deepEqual(tally(r.state), ZERO);
  assert.deepEqual(r.journal, []);
  assert.deepEqual(r.notices, [{at: T0, level: 'info', text: 'order mmxa confirmed on the book after an unknown outcome'}]);
});

// ---- order.update (private stream) --------------------------------------------------------------------

const update = (status: EventOf<'order.update'>['status'], clientOrderId = 'mmxa'): EventOf<'order.update'> => ({
  type: 'order.update',
  clientOrderId,
  orderId: 'E5',
  side: 'BUY',
  status,
  priceTicks: 24_900,
  origQtyLots: 100_000,
  filledLots: 4_000,
  at: AT,
});

test('order.update about an unknown order of ours resting: the next reconcile is due at once (it adopts it); no decision pass', () => {
  const r = recordedContext();
  r.state.lastReconcileAt = T0 - 10_000;
  assert.equal(applyOrderUpdate(r.ctx, update('resting', 'mmxq')), false);
  assert.equal(r.state.lastReconcileAt, null);
  assert.equal(r.state.orders.size, 0);
  assert.deepEqual(r.journal, []);
  assert.deepEqual(r.notices, []);
});

test('order.update about an unknown order that no longer rests, or that is not ours, leaves the reconcile schedule alone', () => {
  for (const [status, id] of [['filled', 'mmxq'], ['cancelled', 'mmxq'], ['resting', 'web123'], ['resting', 'xmmx1']] as const) {
    const r = recordedContext();
    r.state.lastReconcileAt = T0 - 10_000;
    assert.equal(applyOrderUpdate(r.ctx, update(status, id)), false, `${status} ${id}`);
    assert.equal(r.state.lastReconcileAt, T0 - 10_000, `${status} ${id}`);
    assert.equal(r.state.orders.size, 0);
  }
});

test('order.update resting: a pending order opens with the pushed id and fills; nothing journalled', () => {
  const r = withOrder('pendingNew', {orderId: null});
  r.state.lastReconcileAt = T0 - 10_000;
  assert.equal(applyOrderUpdate(r.ctx, update('resting')), true);
  assert.deepEqual(r.state.orders.get('mmxa'), {...r.order, state: 'open', orderId: 'E5', filledLots: 4_000, changedAt: AT});
  assert.equal(r.state.lastReconcileAt, T0 - 10_000);
  assert.deepEqual(tally(r.state), ZERO);
  assert.deepEqual(r.journal, []);
  assert.deepEqual(r.notices, []);
});

test('order.update resting while a cancel is under way keeps the cancel pending and takes the fills', () => {
  const r = withOrder('pendingCancel');
  assert.equal(applyOrderUpdate(r.ctx, update('resting')), true);
  assert.deepEqual(r.state.orders.get('mmxa'), {...r.order, orderId: 'E5', filledLots: 4_000, changedAt: AT});
});

test('order.update filled: the order is gone, journalled closed "filled" with the pushed exchange id; not a cancel', () => {
  const r = withOrder('pendingNew', {orderId: null});
  assert.equal(applyOrderUpdate(r.ctx, update('filled')), true);
  assert.equal(r.state.orders.has('mmxa'), false);
  assert.deepEqual(tally(r.state), ZERO);
  assert.deepEqual(r.journal, [record('closed', 'filled', 'E5')]);
  assert.deepEqual(r.notices, []);
});

test('order.update cancelled after our cancel (pending or unknown): counted cancelled, journalled with the retiring reason', () => {
  for (const state of ['pendingCancel', 'cancelUnknown'] as const) {
    const r = withOrder(state, {retiring: 'reset'});
    assert.equal(applyOrderUpdate(r.ctx, update('cancelled')), true, state);
    assert.equal(r.state.orders.has('mmxa'), false, state);
    assert.deepEqual(tally(r.state), {...ZERO, ordersCancelled: 1}, state);
    assert.deepEqual(r.journal, [record('cancelled', 'reset', 'E5')], state);
  }
});

test('order.update cancelled without a cancel of ours: gone, not counted as our cancel, journalled "cancelled on the exchange"', () => {
  for (const state of ['open', 'pendingNew', 'unknown'] as const) {
    const r = withOrder(state);
    assert.equal(applyOrderUpdate(r.ctx, update('cancelled')), true, state);
    assert.equal(r.state.orders.has('mmxa'), false, state);
    assert.deepEqual(tally(r.state), ZERO, state);
    assert.deepEqual(r.journal, [record('cancelled', 'cancelled on the exchange', 'E5')], state);
  }
});

test('order.update without a client id is matched by the exchange id learned from the placement answer', () => {
  // MEXC may leave `clientId` off a push (proto3 drops empty strings, docs/protocols/mexc.md §5.1, §6.5)
  const r = withOrder('open', {orderId: 'E5'});
  assert.equal(applyOrderUpdate(r.ctx, update('resting', '')), true);
  assert.deepEqual(r.state.orders.get('mmxa'), {...r.order, filledLots: 4_000, changedAt: AT});
  const filled = withOrder('open', {orderId: 'E5'});
  assert.equal(applyOrderUpdate(filled.ctx, update('filled', '')), true);
  assert.equal(filled.state.orders.has('mmxa'), false);
  assert.deepEqual(filled.journal, [record('closed', 'filled', 'E5')]);
  const cancelled = withOrder('pendingCancel', {orderId: 'E5', retiring: 'reset'});
  assert.equal(applyOrderUpdate(cancelled.ctx, update('cancelled', '')), true);
  assert.deepEqual(tally(cancelled.state), {...ZERO, ordersCancelled: 1});
  assert.deepEqual(cancelled.journal, [record('cancelled', 'reset', 'E5')]);
});

test('order.update without a client id about an exchange id we do not hold changes nothing and asks for no reconcile', () => {
  const r = withOrder('open', {orderId: 'E4'});
  r.state.lastReconcileAt = T0 - 10_000;
  assert.equal(applyOrderUpdate(r.ctx, update('resting', '')), false);
  assert.deepEqual(r.state.orders.get('mmxa'), r.order);
  assert.equal(r.state.lastReconcileAt, T0 - 10_000);
  const unacked = withOrder('pendingNew', {orderId: null});
  assert.equal(applyOrderUpdate(unacked.ctx, update('filled', '')), false, 'an order with no exchange id yet cannot be matched without its client id');
  assert.deepEqual(unacked.state.orders.get('mmxa'), unacked.order);
});

// ---- fill ---------------------------------------------------------------------------------------------

test('fill: counted, journalled as a fill record in display units, an info notice; a decision pass', () => {
  const r = recordedContext();
  const event: EventOf<'fill'> = {
    type: 'fill',
    clientOrderId: 'mmxa',
    orderId: 'E5',
    tradeId: 'T77',
    side: 'SELL',
    priceTicks: 25_130,
    qtyLots: 1_250,
    fee: '0.0031',
    feeAsset: 'USDT',
    isMaker: true,
    at: AT,
  };
  assert.equal(applyFill(r.ctx, event), true);
  assert.deepEqual(tally(r.state), {...ZERO, fills: 1});
  assert.deepEqual(r.journal, [
    {
      stream: 'fills', at: AT, clientOrderId: 'mmxa', orderId: 'E5', tradeId: 'T77', side: 'SELL', price: 0.2513, qty: 12.5, fee: '0.0031', feeAsset: 'USDT',
      feeQuote: 0.0031, refMid: null, mexcMid: null, baseChange: -12.5, quoteChange: 0.2513 * 12.5 - 0.0031,
    },
  ]);
  assert.deepEqual(r.notices, [{at: T0, level: 'info', text: 'fill SELL 12.5 @ 0.2513 (mmxa)'}]);
});

test('fill: the same trade id again (a push, then the catch-up after a restart) is counted once: no tally, no journal, no decision', () => {
  const r = recordedContext();
  const event: EventOf<'fill'> = {type: 'fill', clientOrderId: 'mmxa', orderId: 'E5', tradeId: 'T77', side: 'SELL', priceTicks: 25_130, qtyLots: 1_250, fee: '0', feeAsset: 'USDT', isMaker: true, at: AT};
  assert.equal(applyFill(r.ctx, event), true);
  assert.equal(applyFill(r.ctx, {...event, at: AT + 5}), false);
  assert.deepEqual(tally(r.state), {...ZERO, fills: 1});
  assert.deepEqual(r.journal.map((j) => j.stream === 'fills' && j.tradeId), ['T77']);
  assert.equal(r.state.tallies.fills.ask.count, 1);
  assert.equal(r.state.ledger.view(AT)?.duplicateFills ?? r.state.ledger.persisted().duplicateFills, 1);
});

test('fill without a client id: journalled and noticed under the order its exchange id names; an unknown one under its exchange id', () => {
  const r = withOrder('open', {orderId: 'E5'});
  const event: EventOf<'fill'> = {type: 'fill', clientOrderId: '', orderId: 'E5', tradeId: 'T78', side: 'BUY', priceTicks: 24_900, qtyLots: 400, fee: '0', feeAsset: 'USDT', isMaker: true, at: AT};
  assert.equal(applyFill(r.ctx, event), true);
  const ledgerFields = {feeQuote: 0, refMid: null, mexcMid: null, baseChange: 4, quoteChange: -0.249 * 4};
  assert.deepEqual(r.journal, [{stream: 'fills', at: AT, clientOrderId: 'mmxa', orderId: 'E5', tradeId: 'T78', side: 'BUY', price: 0.249, qty: 4, fee: '0', feeAsset: 'USDT', ...ledgerFields}]);
  assert.deepEqual(r.notices, [{at: T0, level: 'info', text: 'fill BUY 4 @ 0.249 (mmxa)'}]);
  const other = recordedContext();
  assert.equal(applyFill(other.ctx, {...event, orderId: 'E9'}), true);
  assert.deepEqual(other.journal, [{stream: 'fills', at: AT, clientOrderId: '', orderId: 'E9', tradeId: 'T78', side: 'BUY', price: 0.249, qty: 4, fee: '0', feeAsset: 'USDT', ...ledgerFields}]);
  assert.deepEqual(other.notices, [{at: T0, level: 'info', text: 'fill BUY 4 @ 0.249 (E9)'}]);
  assert.deepEqual(tally(other.state), {...ZERO, fills: 1});
});

test('the cancels refused in one cancel request count once toward the kill switch; another request counts again', () => {
  const r = recordedContext();
  for (const id of ['mmxa', 'mmxb', 'mmxc']) putOrder(r.state, id, {state: 'pendingCancel'});
  for (const id of ['mmxa', 'mmxb', 'mmxc'])
    applyOrderOutcome(r.ctx, {type: 'cancel.rejected', clientOrderId: id, reason: 'notNow', detail: 'trading disabled (30016)', requestId: 4, at: AT});
  assert.equal(r.state.consecutiveOrderErrors, 1);
  putOrder(r.state, 'mmxd', {state: 'pendingCancel'});
  applyOrderOutcome(r.ctx, {type: 'cancel.rejected', clientOrderId: 'mmxd', reason: 'notNow', detail: 'trading disabled (30016)', requestId: 5, at: AT});
  assert.equal(r.state.consecutiveOrderErrors, 2);
});
