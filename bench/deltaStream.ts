// One generated depth stream, shared by every book under test: a snapshot and a long run of incremental
// pushes as wire strings (price, absolute size; size "0" deletes), in the shape of MEXC aggregated depth.
// Activity is concentrated near the touch, the mid random-walks, and levels the mid crosses are deleted in
// the same push, so the book stays uncrossed like a real one.
import type {WireLevel} from '../source/engine/events.js';
import {SeededRandom} from '../source/sim/seededRandom.js';

export interface DepthPushFrame {
  fromVersion: number;
  toVersion: number;
  bids: WireLevel[];
  asks: WireLevel[];
}

export interface DepthStream {
  priceDecimals: number;
  snapshot: {version: number; bids: WireLevel[]; asks: WireLevel[]};
  pushes: DepthPushFrame[];
  /** total level changes across all pushes */
  levelChanges: number;
}

export interface DepthStreamOptions {
  seed: number;
  pushes: number;
  /** mid in ticks (default 25,000 = 0.25000 at 5 decimals) */
  midTicks?: number;
  priceDecimals?: number;
  /** levels per side in the snapshot and the typical resting depth */
  levelsPerSide?: number;
  /** max level changes per push (uniform 1..max) */
  maxLevelsPerPush?: number;
  /** distance of the first level from mid, in ticks (default 1; a thin venue has a wide gap) */
  gapTicks?: number;
  /** every this many pushes the mid jumps by ±jumpTicks (default never) */
  jumpEvery?: number;
  jumpTicks?: number;
}

export function generateDepthStream(options: DepthStreamOptions): DepthStream {
  const random = SeededRandom.stream(options.seed, 'depth-stream');
  const decimals = options.priceDecimals ?? 5;
  const levelsPerSide = options.levelsPerSide ?? 400;
  const maxPerPush = options.maxLevelsPerPush ?? 6;
  let mid = options.midTicks ?? 25_000;
  const gap = options.gapTicks ?? 1;
  const jumpEvery = options.jumpEvery ?? 0;
  const jumpTicks = options.jumpTicks ?? 0;
  const scale = 10 ** decimals;
  const priceText = new Map<number, string>();
  const price = (ticks: number): string => {
    let text = priceText.get(ticks);
    if (text === undefined) {
      text = (ticks / scale).toFixed(decimals);
      priceText.set(ticks, text);
    }
    return text;
  };
  const size = (): string => (1 + random.int(0, 499_999) / 100).toFixed(2);
  // the generator's own model of the book, so deletes name levels that exist
  const bids = new Set<number>();
  const asks = new Set<number>();
  const snapshotBids: WireLevel[] = [];
  const snapshotAsks: WireLevel[] = [];
  for (let d = gap; d < gap + levelsPerSide; d++) {
    bids.add(mid - d);
    asks.add(mid + d);
    snapshotBids.push([price(mid - d), size()]);
    snapshotAsks.push([price(mid + d), size()]);
  }
  const meanDistance = Math.max(2, Math.floor(levelsPerSide / 20));
  const pushes: DepthPushFrame[] = [];
  let version = 1_000_000;
  let levelChanges = 0;
  for (let n = 0; n < options.pushes; n++) {
    const frameBids: WireLevel[] = [];
    const frameAsks: WireLevel[] = [];
    // about one push in 40 moves the mid by a tick; levels it crosses go in the same push
    const jump = jumpEvery > 0 && n > 0 && n % jumpEvery === 0;
    if (jump || random.next() < 0.025) {
      const step = jump ? jumpTicks : 1;
      mid += random.next() < 0.5 ? -step : step;
      for (const ticks of [...bids]) if (ticks >= mid) (bids.delete(ticks), frameBids.push([price(ticks), '0']));
      for (const ticks of [...asks]) if (ticks <= mid) (asks.delete(ticks), frameAsks.push([price(ticks), '0']));
    }
    const count = random.int(1, maxPerPush);
    for (let i = 0; i < count; i++) {
      const isBid = random.next() < 0.5;
      const side = isBid ? bids : asks;
      const distance = gap - 1 + random.geometric(meanDistance, levelsPerSide * 2);
      const ticks = isBid ? mid - distance : mid + distance;
      const frame = isBid ? frameBids : frameAsks;
      // keep the side near its typical size: delete more often when it is above it
      const deleteBias = side.size > levelsPerSide ? 0.55 : 0.3;
      if (side.has(ticks) && random.next() < deleteBias) {
        side.delete(ticks);
        frame.push([price(ticks), '0']);
      } else {
        side.add(ticks);
        frame.push([price(ticks), size()]);
      }
    }
    levelChanges += frameBids.length + frameAsks.length;
    pushes.push({fromVersion: version + 1, toVersion: version + 1, bids: frameBids, asks: frameAsks});
    version += 1;
  }
  return {priceDecimals: decimals, snapshot: {version: 1_000_000, bids: snapshotBids, asks: snapshotAsks}, pushes, levelChanges};
}
