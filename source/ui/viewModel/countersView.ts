// What the engine counter lines show: our orders; then requests and their limits, data problems, queue
// pressure. A count that is trouble when above zero is flagged.
import type {EngineCounters} from '../../engine/view/snapshot.js';

export interface CountView {
  /** "placed 412  " */
  text: string;
  /** a trouble count above zero (a warning) */
  warn: boolean;
}

export interface CountersView {
  orders: CountView[];
  requests: CountView[];
  data: CountView[];
  queue: string;
}

export function countersView(c: EngineCounters): CountersView {
  const count = (label: string, value: number, trouble = false): CountView => ({
    text: `${label} ${value.toLocaleString('en-US')}  `,
    warn: trouble && value > 0,
  });
  return {
    orders: [
      count('placed', c.ordersPlaced),
      count('cancelled', c.ordersCancelled),
      count('fills', c.fills),
      count('rejected', c.ordersRejected, true),
      count('unknown outcome', c.unknownOutcomes, true),
    ],
    requests: [count('sent', c.requests), count('throttled', c.throttled, true), count('429', c.rateLimited, true)],
    data: [count('resyncs', c.resyncs), count('malformed', c.malformed, true), count('errors', c.errors, true)],
    queue: `queue ${c.queueDepth}/${c.queueHighWater}`,
  };
}
