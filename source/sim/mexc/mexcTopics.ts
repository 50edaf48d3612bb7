// MEXC protobuf-era channel names (docs/protocols/mexc.md §4.4) understood by the simulator. Anything else, including
// the dead JSON-era topics, is acked with MEXC's "Not Subscribed successfully! … Blocked!" message.

export type PushInterval = '100ms' | '10ms';

export type Topic =
  | {kind: 'aggreDepth'; interval: PushInterval}
  | {kind: 'aggreDeals'; interval: PushInterval}
  | {kind: 'aggreBookTicker'; interval: PushInterval}
  | {kind: 'limitDepth'; levels: 5 | 10 | 20}
  | {kind: 'privateOrders'}
  | {kind: 'privateDeals'}
  | {kind: 'privateAccount'};

export const PRIVATE_ORDERS = 'spot@private.orders.v3.api.pb';
export const PRIVATE_DEALS = 'spot@private.deals.v3.api.pb';
export const PRIVATE_ACCOUNT = 'spot@private.account.v3.api.pb';

const AGGRE = /^spot@public\.aggre\.(depth|deals|bookTicker)\.v3\.api\.pb@(100ms|10ms)@([A-Z0-9]+)$/;
const LIMIT = /^spot@public\.limit\.depth\.v3\.api\.pb@([A-Z0-9]+)@(5|10|20)$/;

export function parseTopic(topic: string, symbol: string): Topic | null {
  switch (topic) {
    case PRIVATE_ORDERS:
      return {kind: 'privateOrders'};
    case PRIVATE_DEALS:
      return {kind: 'privateDeals'};
    case PRIVATE_ACCOUNT:
      return {kind: 'privateAccount'};
  }
  const aggre = AGGRE.exec(topic);
  if (aggre) {
    if (aggre[3] !== symbol) return null;
    const interval = aggre[2] as PushInterval;
    const kind = aggre[1] === 'depth' ? 'aggreDepth' : aggre[1] === 'deals' ? 'aggreDeals' : 'aggreBookTicker';
    return {kind, interval};
  }
  const limit = LIMIT.exec(topic);
  if (limit && limit[1] === symbol) return {kind: 'limitDepth', levels: Number(limit[2]) as 5 | 10 | 20};
  return null;
}

export const isPrivate = (topic: Topic): boolean =>
  topic.kind === 'privateOrders' || topic.kind === 'privateDeals' || topic.kind === 'privateAccount';

export function aggreTopic(kind: 'depth' | 'deals' | 'bookTicker', interval: PushInterval, symbol: string): string {
  return `spot@public.aggre.${kind}.v3.api.pb@${interval}@${symbol}`;
}

export function limitDepthTopic(symbol: string, levels: number): string {
  return `spot@public.limit.depth.v3.api.pb@${symbol}@${levels}`;
}

/** The body's `eventType`: the topic without its symbol (docs/protocols/mexc.md §4.4). */
export function eventTypeOf(topic: string, symbol: string): string {
  return topic.replace(`@${symbol}`, '');
}
