// Symbol metadata from GET /api/v2/symbols/{symbol} (docs/protocols/kucoin.md §4): KuCoin gives increments as decimal
// strings (priceIncrement = tick, baseIncrement = size step); the engine wants decimal counts.
import {PortError} from '../../engine/ports.js';
import {kucoinRequest} from './kucoinRest.js';
import {isDecimalString, isZeroDecimal} from './kucoinWire.js';

export interface KucoinSymbolInfo {
  symbol: string;
  priceDecimals: number;
  sizeDecimals: number;
  enableTrading: boolean;
}

/**
 * Decimals needed to write every multiple of `increment`: "0.00001" → 5, "0.5" → 1, "1" → 0, "10" → 0.
 * An increment such as "0.5" is not a power of ten; its multiples still fit the 10^-1 grid exactly.
 */
export function decimalsOfIncrement(increment: string): number {
  if (!isDecimalString(increment) || isZeroDecimal(increment)) throw new Error(`not a positive decimal increment: ${JSON.stringify(increment)}`);
  const fraction = increment.split('.')[1] ?? '';
  return fraction.replace(/0+$/, '').length;
}

/** Parses the `data` of /api/v2/symbols/{symbol}; throws on anything the engine could not trust. */
export function parseKucoinSymbol(data: unknown, requested: string): KucoinSymbolInfo {
  if (typeof data !== 'object' || data === null) throw new PortError(`kucoin symbol ${requested}: no data (unknown symbol?)`, null);
  const record = data as Record<string, unknown>;
  if (record.symbol !== requested) throw new PortError(`kucoin symbol ${requested}: server answered for ${JSON.stringify(record.symbol)}`, null);
  if (typeof record.priceIncrement !== 'string' || typeof record.baseIncrement !== 'string') {
    throw new PortError(`kucoin symbol ${requested}: priceIncrement/baseIncrement missing`, null);
  }
  try {
    return {
      symbol: requested,
      priceDecimals: decimalsOfIncrement(record.priceIncrement),
      sizeDecimals: decimalsOfIncrement(record.baseIncrement),
      enableTrading: record.enableTrading === true,
    };
  } catch (error) {
    throw new PortError(`kucoin symbol ${requested}: ${error instanceof Error ? error.message : String(error)}`, null);
  }
}

/** Throws PortError (with KuCoin's code when it sent one) on network errors, timeouts and API errors. */
export async function fetchKucoinSymbol(restUrl: string, symbol: string, timeoutMs: number): Promise<KucoinSymbolInfo> {
  const data = await kucoinRequest({method: 'GET', restUrl, path: `/api/v2/symbols/${encodeURIComponent(symbol)}`, timeoutMs});
  return parseKucoinSymbol(data, symbol);
}
