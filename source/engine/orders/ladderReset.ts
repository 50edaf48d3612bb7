// The periodic (or requested) ladder rebuild: every working order retires, so the planner places a fresh
// ladder first and cancels the old orders once the new ones rest (no compliance gap).
import type {EngineContext} from '../engineContext.js';
import {isWorking, retired} from './localOrder.js';

export function beginReset(ctx: EngineContext, reason: string): void {
  const {state} = ctx;
  let count = 0;
  for (const order of state.orders.values()) {
    if (isWorking(order) && !order.retiring) {
      state.orders.set(order.clientOrderId, retired(order, 'reset'));
      count++;
    }
  }
  state.nextResetAt = state.now + state.config.timers.resetIntervalSec * 1000;
  ctx.notices.info(`${reason}: rebuilding ${count} order(s), new ones first`);
}
