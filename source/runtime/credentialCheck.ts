// The keys, proven before the engine starts (sim and live modes): one signed read (the symbol's open
// orders: it rejects a wrong key, a wrong secret, an IP off the whitelist, a clock outside recvWindow) and
// one test order (it rejects a key without trade permission), so a bad key stops start-up within seconds
// instead of running for hours with every signed call refused (docs/protocols/mexc.md §2.9, §8.12). The
// account endpoint is left to the engine: MEXC allows it twice a second, and the engine reads it at once.
import type {SymbolRules} from '../engine/symbolRules.js';
import {lotsToQty, ticksToPrice} from '../engine/symbolRules.js';
import type {MexcRestClient} from '../exchanges/mexc/mexcRestClient.js';
import type {NewOrder} from '../exchanges/mexc/orderRequests.js';
import type {Logger} from '../exchanges/shared/logger.js';
import {accessFailureOf} from '../exchanges/mexc/accessErrors.js';
import {StartupError} from './startupError.js';

export type Retrying = <T>(what: string, call: () => Promise<T>) => Promise<T>;

export interface CredentialReport {
  /** open orders on the symbol (ours or not) when the keys were checked */
  openOrders: number;
  /** whether the test order was accepted; null when it could not be tried (empty book) */
  testOrderAccepted: boolean | null;
  /** one line for the start-up screen */
  summary: string;
}

/**
 * A buy far below the best bid, of just over the minimum notional: valid by every rule of the symbol, and
 * never placed (order/test only validates). Null when the book has no bid to price it from.
 */
export function permissionProbeOrder(rules: SymbolRules, bestBid: number | null): NewOrder | null {
  if (bestBid === null || !(bestBid > 0)) return null;
  const ticks = Math.max(1, Math.floor((bestBid / 2) * 10 ** rules.priceDecimals));
  const price = ticksToPrice(ticks, rules);
  const lots = Math.max(rules.minQtyLots, Math.ceil(((rules.minNotional * 1.5) / price) * 10 ** rules.qtyDecimals));
  return {
    symbol: rules.symbol,
    side: 'BUY',
    type: 'LIMIT_MAKER',
    price: price.toFixed(rules.priceDecimals),
    quantity: lotsToQty(lots, rules).toFixed(rules.qtyDecimals),
  };
}

export async function checkCredentials(input: {rest: MexcRestClient; rules: SymbolRules; retrying: Retrying; log: Logger}): Promise<CredentialReport> {
  const {rest, rules, retrying, log} = input;
  const open = await retrying(`MEXC open orders ${rules.symbol} (signed)`, () => rest.openOrders(rules.symbol));
  const depth = await retrying(`MEXC order book ${rules.symbol}`, () => rest.depth(rules.symbol, 5));
  const probe = permissionProbeOrder(rules, depth.bids[0] ? Number(depth.bids[0][0]) : null);
  let testOrderAccepted: boolean | null = null;
  if (probe) {
    try {
      await retrying('MEXC test order', () => rest.testOrder(probe));
      testOrderAccepted = true;
    } catch (error) {
      // only an access answer is fatal; any other refusal of the probe (a parameter rule we did not
      // foresee) says nothing about the key
      if (error instanceof StartupError && accessFailureOf(error.cause) === null) {
        log('warn', `test order not accepted (${error.message}); trade permission not verified`);
        testOrderAccepted = false;
      } else {
        throw error;
      }
    }
  } else {
    log('warn', `${rules.symbol} has no bid to price a test order from; trade permission not verified`);
  }
  const permission = testOrderAccepted === true ? 'trading allowed' : 'trade permission not verified';
  return {openOrders: open.length, testOrderAccepted, summary: `${permission}; ${open.length} open order(s) on ${rules.symbol}`};
}
