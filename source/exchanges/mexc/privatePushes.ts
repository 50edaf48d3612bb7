// Private protobuf pushes (docs/protocols/mexc.md §5, §6.3) → engine events, prices and sizes as integer ticks/lots.
// proto3 leaves defaults off the wire, so a missing status/tradeType decodes as 0 and is rejected here.
import type {Balance, EngineEvent} from '../../engine/events.js';
import {type SymbolRules} from '../../engine/symbolRules.js';
import {parseScaled} from '../../wire/scaledDecimal.js';
import type {Decoded} from './depthPush.js';
import {orderStatusFromPush, sideFromTradeType} from './orderMapping.js';
import type {PushWrapper} from './wsFrames.js';

export const privateTopics = {
  orders: 'spot@private.orders.v3.api.pb',
  deals: 'spot@private.deals.v3.api.pb',
  account: 'spot@private.account.v3.api.pb',
} as const;

type Rules = Pick<SymbolRules, 'symbol' | 'priceDecimals' | 'qtyDecimals'>;
type PrivateEvent = Extract<EngineEvent, {type: 'order.update' | 'fill' | 'balance'}>;

/** One private push → one event; `null` for a push of another symbol (nothing to do). */
export function privateEventFromWrapper(wrapper: PushWrapper, rules: Rules, at: number): Decoded<PrivateEvent | null> {
  try {
    switch (wrapper.body) {
      case 'privateOrders':
        return orderUpdate(wrapper, rules, at);
      case 'privateDeals':
        return fill(wrapper, rules, at);
      case 'privateAccount':
        return balance(wrapper, at);
      default:
        return {ok: false, reason: `unexpected push body ${String(wrapper.body)} on ${wrapper.channel}`};
    }
  } catch (error) {
    return {ok: false, reason: `${String(wrapper.body)}: ${error instanceof Error ? error.message : String(error)}`};
  }
}

function otherSymbol(wrapper: PushWrapper, rules: Rules): boolean {
  return typeof wrapper.symbol === 'string' && wrapper.symbol !== '' && wrapper.symbol !== rules.symbol;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`missing ${name}`);
  return value;
}

/** A price or quantity in ticks/lots; parseScaled accepts a sign, but none of these can be negative. */
function scaled(value: string, decimals: number, name: string): number {
  const n = parseScaled(value, decimals);
  if (n < 0) throw new Error(`negative ${name} ${value}`);
  return n;
}

function orderUpdate(wrapper: PushWrapper, rules: Rules, at: number): Decoded<PrivateEvent | null> {
  if (otherSymbol(wrapper, rules)) return {ok: true, value: null};
  const o = wrapper.privateOrders as Record<string, unknown>;
  const status = orderStatusFromPush(Number(o.status));
  const side = sideFromTradeType(Number(o.tradeType));
  if (!status) return {ok: false, reason: `privateOrders: undocumented status ${String(o.status)}`};
  if (!side) return {ok: false, reason: `privateOrders: undocumented tradeType ${String(o.tradeType)}`};
  return {
    ok: true,
    value: {
      type: 'order.update',
      clientOrderId: typeof o.clientId === 'string' ? o.clientId : '',
      orderId: text(o.id, 'id'),
      side,
      status,
      priceTicks: scaled(text(o.price, 'price'), rules.priceDecimals, 'price'),
      origQtyLots: scaled(text(o.quantity, 'quantity'), rules.qtyDecimals, 'quantity'),
      filledLots: scaled(typeof o.cumulativeQuantity === 'string' && o.cumulativeQuantity !== '' ? o.cumulativeQuantity : '0', rules.qtyDecimals, 'cumulativeQuantity'),
      at,
    },
  };
}

function fill(wrapper: PushWrapper, rules: Rules, at: number): Decoded<PrivateEvent | null> {
  if (otherSymbol(wrapper, rules)) return {ok: true, value: null};
  const d = wrapper.privateDeals as Record<string, unknown>;
  const side = sideFromTradeType(Number(d.tradeType));
  if (!side) return {ok: false, reason: `privateDeals: undocumented tradeType ${String(d.tradeType)}`};
  return {
    ok: true,
    value: {
      type: 'fill',
      clientOrderId: typeof d.clientOrderId === 'string' ? d.clientOrderId : '',
      orderId: text(d.orderId, 'orderId'),
      tradeId: text(d.tradeId, 'tradeId'),
      side,
      priceTicks: scaled(text(d.price, 'price'), rules.priceDecimals, 'price'),
      qtyLots: scaled(text(d.quantity, 'quantity'), rules.qtyDecimals, 'quantity'),
      fee: typeof d.feeAmount === 'string' && d.feeAmount !== '' ? d.feeAmount : '0',
      feeAsset: typeof d.feeCurrency === 'string' ? d.feeCurrency : '',
      isMaker: d.isMaker === true,
      at,
    },
  };
}

function balance(wrapper: PushWrapper, at: number): Decoded<PrivateEvent | null> {
  const a = wrapper.privateAccount as Record<string, unknown>;
  const asset = text(a.vcoinName, 'vcoinName');
  // available = balanceAmount, frozen = frozenAmount (docs/protocols/mexc.md §5.3); empty means 0 on the wire
  const free = Number(typeof a.balanceAmount === 'string' && a.balanceAmount !== '' ? a.balanceAmount : '0');
  const locked = Number(typeof a.frozenAmount === 'string' && a.frozenAmount !== '' ? a.frozenAmount : '0');
  if (!Number.isFinite(free) || !Number.isFinite(locked) || free < 0 || locked < 0) return {ok: false, reason: `privateAccount: unreadable amounts for ${asset}`};
  const balances: Record<string, Balance> = {[asset]: {free, locked}};
  return {ok: true, value: {type: 'balance', balances, complete: false, at}};
}
