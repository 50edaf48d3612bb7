// ccxt's WebSocket order-book sides (Bids/Asks from js/src/base/ws/OrderBookSide.js), loaded from the
// installed dev dependency. The package's exports map hides that file, so it is located next to the
// resolved package entry.
import {createRequire} from 'node:module';
import {pathToFileURL} from 'node:url';
import {dirname, join} from 'node:path';

/** An ccxt order-book side: an Array of [price, size] rows, best first, kept sorted by binary search. */
export interface CcxtBookSide extends Array<[number, number]> {
  store(price: number, size: number): void;
  storeArray(delta: [number, number]): void;
}

export interface CcxtSides {
  Bids: new (deltas?: Array<[number, number]>, depth?: number) => CcxtBookSide;
  Asks: new (deltas?: Array<[number, number]>, depth?: number) => CcxtBookSide;
  version: string;
}

export async function loadCcxtSides(): Promise<CcxtSides> {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('ccxt'); // <package>/dist/ccxt.cjs
  const root = dirname(dirname(entry));
  const module = (await import(pathToFileURL(join(root, 'js/src/base/ws/OrderBookSide.js')).href)) as Pick<CcxtSides, 'Bids' | 'Asks'>;
  const version = (require(join(root, 'package.json')) as {version: string}).version;
  return {Bids: module.Bids, Asks: module.Asks, version};
}
