// Validation of order parameters (POST /api/v3/order and batchOrders items, docs/protocols/mexc.md §2.5–§2.6) into
// a venue request, and the mapping of venue rejections to MEXC's codes.
import {parseUnits} from '../fixedPoint.js';
import {MexcApiError, mexcErrors} from './mexcErrors.js';
import type {PlaceRejection, PlaceRequest} from './mexcVenue.js';
import type {OrderType} from './orderRecords.js';
import {qtyText, quoteText, type SimSymbol} from './simSymbol.js';

const ORDER_TYPES: readonly OrderType[] = ['LIMIT', 'LIMIT_MAKER', 'IMMEDIATE_OR_CANCEL', 'FILL_OR_KILL'];
/** No length/charset rule is documented for newClientOrderId; we accept up to 64 printable ASCII characters. */
const CLIENT_ORDER_ID = /^[\x21-\x7e]{1,64}$/;

export function checkSymbol(symbol: string | undefined, rules: SimSymbol): void {
  if (symbol === undefined) throw mexcErrors.mandatoryParam('symbol');
  if (symbol !== rules.symbol) throw mexcErrors.badSymbol();
}

export function parseClientOrderId(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!CLIENT_ORDER_ID.test(value)) throw mexcErrors.illegalCharacters();
  return value;
}

/** Reads one order from a parameter getter; throws MexcApiError on any invalid field. */
export function parseOrderInput(get: (name: string) => string | undefined, rules: SimSymbol): PlaceRequest {
  checkSymbol(get('symbol'), rules);
  const side = get('side');
  if (side === undefined) throw mexcErrors.mandatoryParam('side');
  if (side !== 'BUY' && side !== 'SELL') throw mexcErrors.paramError();
  const type = get('type');
  if (type === undefined) throw mexcErrors.mandatoryParam('type');
  if (type === 'MARKET') throw mexcErrors.marketOrderDisabled();
  if (!ORDER_TYPES.includes(type as OrderType)) throw mexcErrors.paramError();
  const quantity = get('quantity');
  if (quantity === undefined) throw mexcErrors.mandatoryParam('quantity');
  const price = get('price');
  if (price === undefined) throw mexcErrors.mandatoryParam('price');
  // More decimals than the symbol's precision is refused rather than rounded (exact code unverified).
  const lots = parseUnits(quantity, rules.qtyDecimals);
  const priceTicks = parseUnits(price, rules.priceDecimals);
  if (lots === null || priceTicks === null || priceTicks <= 0) throw mexcErrors.paramError();
  return {side, type: type as OrderType, priceTicks, lots, clientOrderId: parseClientOrderId(get('newClientOrderId'))};
}

export function rejectionError(reason: PlaceRejection, rules: SimSymbol): MexcApiError {
  switch (reason) {
    case 'minQuantity':
      return mexcErrors.minNotional(qtyText(rules.minQtyLots, rules), rules.baseAsset);
    case 'minNotional':
      return mexcErrors.minNotional(quoteText(rules.minNotionalTickLots, rules), rules.quoteAsset);
    case 'maxNotional':
      return mexcErrors.maxNotional(quoteText(rules.maxNotionalTickLots, rules), rules.quoteAsset);
    case 'priceOutOfBand':
      return mexcErrors.priceOutOfBand();
    case 'insufficientBalance':
      return mexcErrors.insufficientBalance();
    case 'postOnlyWouldCross':
      return mexcErrors.postOnlyWouldCross();
    case 'tooManyOpenOrders':
      return mexcErrors.tooManyOpenOrders();
  }
}
