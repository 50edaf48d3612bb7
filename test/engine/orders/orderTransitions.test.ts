// The order state machine, pinned cell by cell against a table written out here (state first, so it is
// not a copy of the module's event-first table): a change to either the module or this table fails a
// test. Then the facts each event carries, and a property over random event sequences.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {localOrder, localOrderStates, type LocalOrder, type LocalOrderState} from '../../../source/engine/orders/localOrder.js';
import {transition, transitionTarget, type OrderEvent, type OrderEventKind} from '../../../source/engine/orders/orderTransitions.js';
import {T0} from '../engineFixtures.js';

type Target = LocalOrderState | 'gone' | 'refused';

/** EXPECTED[from][event] = where the event takes the order ('refused': the pair is not allowed). */
const EXPECTED: Record<LocalOrderState, Record<OrderEventKind, Target>> = {
  pendingNew: {
    placeAcked: 'open',
    placeRefused: 'gone',
    placeUnknown: 'unknown',
    cancelSent: 'refused',
    cancelAcked: 'refused',
    cancelRefused: 'refused',
    cancelUnknown: 'refused',
    cancelFoundGone: 'refused',
    listed: 'open',
    queriedResting: 'open',
    pushedResting: 'open',
    gone: 'gone',
  },
  unknown: {
    placeAcked: 'open',
    placeRefused: 'gone',
    placeUnknown: 'unknown',
    cancelSent: 'pendingCancel',
    cancelAcked: 'refused',
    cancelRefused: 'refused',
    cancelUnknown: 'refused',
    cancelFoundGone: 'refused',
    listed: 'open',
    queriedResting: 'open',
    pushedResting: 'open',
    gone: 'gone',
  },
  open: {
    placeAcked: 'open',
    placeRefused: 'gone',
    placeUnknown: 'open',
    cancelSent: 'pendingCancel',
    cancelAcked: 'refused',
    cancelRefused: 'refused',
    cancelUnknown: 'refused',
    cancelFoundGone: 'refused',
    listed: 'open',
    queriedResting: 'open',
    pushedResting: 'open',
    gone: 'gone',
  },
  pendingCancel: {
    placeAcked: 'pendingCancel',
    placeRefused: 'refused',
    placeUnknown: 'pendingCancel',
    cancelSent: 'refused',
    cancelAcked: 'gone',
    cancelRefused: 'open',
    cancelUnknown: 'cancelUnknown',
    cancelFoundGone: 'gone',
    listed: 'pendingCancel',
    queriedResting: 'pendingCancel',
    pushedResting: 'pendingCancel',
    gone: 'gone',
  },
  cancelUnknown: {
    placeAcked: 'cancelUnknown',
    placeRefused: 'refused',
    placeUnknown: 'cancelUnknown',
    cancelSent: 'refused',
    cancelAcked: 'refused',
    cancelRefused: 'refused',
    cancelUnknown: 'refused',
    cancelFoundGone: 'refused',
    listed: 'open',
    queriedResting: 'open',
    pushedResting: 'cancelUnknown',
    gone: 'gone',
  },
};

const STATES = Object.keys(EXPECTED) as LocalOrderState[];
const EVENT_KINDS = Object.keys(EXPECTED.pendingNew) as OrderEventKind[];

const EVENT_AT = T0 + 5_000;
const ORDER_CHANGED_AT = T0 + 1_000;

const orderIn = (state: LocalOrderState, fields: Partial<LocalOrder> = {}): LocalOrder =>
  Object.freeze({
    ...localOrder({
      clientOrderId: 'mmxt1',
      orderId: state === 'pendingNew' ? null : 'X-old',
      side: 'BUY',
      priceTicks: 24_900,
      qtyLots: 100_000,
      filledLots: 300,
      state,
      retiring: null,
      createdAt: T0,
      changedAt: ORDER_CHANGED_AT,
      reason: 'fill ladder',
    }),
    ...fields,
  });

/** One event of each kind carrying facts that differ from the order's (new id, more fills, a later time). */
function eventOf(kind: OrderEventKind, facts: {orderId?: string; filledLots?: number; at?: number} = {}): OrderEvent {
  const orderId = facts.orderId ?? 'X-new';
  const filledLots = facts.filledLots ?? 700;
  const at = facts.at ?? EVENT_AT;
  switch (kind) {
    case 'placeAcked':
      return {kind, orderId, at};
    case 'listed':
      return {kind, orderId, filledLots};
    case 'queriedResting':
    case 'pushedResting':
      return {kind, orderId, filledLots, at};
    case 'gone':
      return {kind, orderId, filledLots};
    default:
      return {kind, at};
  }
}

/** The facts an allowed event must leave on the order, derived from the event's documented meaning. */
function expectedFacts(before: LocalOrder, event: OrderEvent): Pick<LocalOrder, 'orderId' | 'filledLots' | 'changedAt'> {
  const orderId = 'orderId' in event && event.orderId ? event.orderId : before.orderId;
  const filledLots = 'filledLots' in event && event.filledLots !== undefined && event.filledLots > before.filledLots ? event.filledLots : before.filledLots;
  const changedAt = 'at' in event ? event.at : before.changedAt; // a listing (and 'gone') carries no time
  return {orderId, filledLots, changedAt};
}

test('the expected table covers exactly the module’s five order states', () => {
  assert.deepEqual([...STATES].sort(), [...localOrderStates].sort());
  assert.equal(localOrderStates.length, 5);
});

for (const from of STATES) {
  for (const kind of EVENT_KINDS) {
    const target = EXPECTED[from][kind];
    const name = target === 'refused' ? `${from} + ${kind} is refused` : `${from} + ${kind} → ${target}`;
    test(name, () => {
      const before = orderIn(from);
      const event = eventOf(kind);
      const result = transition(before, event);
      if (target === 'refused') {
        assert.equal(transitionTarget(from, kind), null);
        assert.deepEqual(result, {kind: 'invalid', order: before, event: kind, from});
        assert.equal(result.order, before, 'the order is kept as it was (same object)');
        return;
      }
      assert.equal(transitionTarget(from, kind), target);
      if (target === 'gone') {
        assert.equal(result.kind, 'gone');
        // the removed order keeps its own state field; the caller drops it from the engine's orders
        assert.equal(result.order.state, from);
      } else {
        assert.equal(result.kind, 'moved');
        assert.equal(result.order.state, target);
      }
      const facts = expectedFacts(before, event);
      assert.equal(result.order.orderId, facts.orderId, 'orderId');
      assert.equal(result.order.filledLots, facts.filledLots, 'filledLots');
      assert.equal(result.order.changedAt, facts.changedAt, 'changedAt');
      // nothing else about the order changes
      const {state: _s, orderId: _o, filledLots: _f, changedAt: _c, ...rest} = result.order;
      const {state: _s2, orderId: _o2, filledLots: _f2, changedAt: _c2, ...restBefore} = before;
      assert.deepEqual(rest, restBefore);
    });
  }
}

test('placeAcked takes the exchange’s orderId and the answer’s time; fills are untouched', () => {
  const result = transition(orderIn('pendingNew'), {kind: 'placeAcked', orderId: 'X42', at: EVENT_AT});
  assert.deepEqual([result.kind, result.order.orderId, result.order.changedAt, result.order.filledLots], ['moved', 'X42', EVENT_AT, 300]);
});

test('a listing updates orderId and fills but not changedAt (it is not an answer about this order)', () => {
  const result = transition(orderIn('open'), {kind: 'listed', orderId: 'X-listed', filledLots: 900});
  assert.equal(result.order.orderId, 'X-listed');
  assert.equal(result.order.filledLots, 900);
  assert.equal(result.order.changedAt, ORDER_CHANGED_AT);
});

test('request answers without facts move changedAt only', () => {
  for (const [from, kind] of [['pendingNew', 'placeUnknown'], ['open', 'cancelSent'], ['pendingCancel', 'cancelRefused'], ['pendingCancel', 'cancelUnknown']] as const) {
    const before = orderIn(from);
    const result = transition(before, eventOf(kind));
    assert.equal(result.order.changedAt, EVENT_AT, `${from} + ${kind}`);
    assert.equal(result.order.orderId, before.orderId);
    assert.equal(result.order.filledLots, before.filledLots);
  }
});

test('filledLots never decreases: a lower count in listed, queriedResting, pushedResting or gone is ignored', () => {
  for (const kind of ['listed', 'queriedResting', 'pushedResting', 'gone'] as const) {
    const result = transition(orderIn('open', {filledLots: 500}), eventOf(kind, {filledLots: 200}));
    assert.equal(result.order.filledLots, 500, kind);
  }
  const noFills = transition(orderIn('open', {filledLots: 500}), {kind: 'gone'});
  assert.equal(noFills.order.filledLots, 500, 'gone without a fill count keeps the fills');
});

test('a push or a gone without an orderId keeps the one we have', () => {
  const pushed = transition(orderIn('open'), eventOf('pushedResting', {orderId: ''}));
  assert.equal(pushed.order.orderId, 'X-old');
  const gone = transition(orderIn('open'), {kind: 'gone'});
  assert.equal(gone.order.orderId, 'X-old');
});

test('a push for an order not yet acknowledged gives it its orderId', () => {
  const result = transition(orderIn('pendingNew'), eventOf('pushedResting', {orderId: 'X-pushed'}));
  assert.deepEqual([result.kind, result.order.state, result.order.orderId], ['moved', 'open', 'X-pushed']);
});

test('gone carries no time: changedAt stays', () => {
  const result = transition(orderIn('pendingCancel'), {kind: 'gone', orderId: 'X-old', filledLots: 300});
  assert.equal(result.kind, 'gone');
  assert.equal(result.order.changedAt, ORDER_CHANGED_AT);
});

// ---------------------------------------------------------------------------------------------------
// Property: any sequence of events, applied the way the engine does (a gone order is removed and later
// answers about it find nothing), keeps the order in one of the five states or gone.

const eventArb: fc.Arbitrary<OrderEvent> = fc
  .record({
    kind: fc.constantFrom(...EVENT_KINDS),
    orderId: fc.constantFrom('', 'X1', 'X2'),
    filledLots: fc.integer({min: 0, max: 1_000}),
    at: fc.integer({min: T0, max: T0 + 60_000}),
  })
  .map(({kind, orderId, filledLots, at}) => eventOf(kind, {orderId: kind === 'placeAcked' || kind === 'listed' || kind === 'queriedResting' ? orderId || 'X1' : orderId, filledLots, at}));

test('property: random event sequences from pendingNew keep a valid state, refusals change nothing, fills never decrease', () => {
  fc.assert(
    fc.property(fc.array(eventArb, {maxLength: 40}), (events) => {
      const orders = new Map<string, LocalOrder>();
      const first = orderIn('pendingNew', {filledLots: 0});
      orders.set(first.clientOrderId, first);
      let expectedState: LocalOrderState | 'gone' = 'pendingNew';
      let lastFilled = 0;
      for (const event of events) {
        const current = orders.get(first.clientOrderId);
        if (!current) {
          assert.equal(expectedState, 'gone');
          continue; // an answer about an order we no longer have: nothing to apply it to
        }
        const target = EXPECTED[current.state][event.kind];
        const result = transition(current, event);
        if (target === 'refused') {
          assert.equal(result.kind, 'invalid');
          assert.equal(result.order, current);
          assert.deepEqual(orders.get(first.clientOrderId), current);
          continue;
        }
        assert.ok(result.order.filledLots >= lastFilled, `filledLots ${result.order.filledLots} < ${lastFilled}`);
        lastFilled = result.order.filledLots;
        if (result.kind === 'gone') {
          assert.equal(target, 'gone');
          orders.delete(first.clientOrderId);
          expectedState = 'gone';
        } else {
          assert.equal(result.kind, 'moved');
          assert.equal(result.order.state, target);
          assert.ok(localOrderStates.includes(result.order.state));
          orders.set(first.clientOrderId, result.order);
          expectedState = result.order.state;
        }
      }
      const final = orders.get(first.clientOrderId);
      assert.equal(final?.state ?? 'gone', expectedState);
    }),
    {numRuns: 500},
  );
});
