// What moves the trading state, with its side effects: operator commands, the automatic kill switch,
// and the end of a cancel-all. The transitions themselves are pure (tradingState.ts).
import type {EngineContext} from '../engineContext.js';
import type {CommandSource, OperatorCommand} from '../operatorCommand.js';
import {accountView} from '../market/accountView.js';
import {beginReset} from '../orders/ladderReset.js';
import {killReason} from './killSwitch.js';
import {haltOf, nextTradingState, type TradingInput} from './tradingState.js';

/** how long a quit may take to see our orders gone before the engine stops anyway */
export const STOP_DEADLINE_MS = 15_000;

const move = (ctx: EngineContext, input: TradingInput): void => {
  ctx.state.trading = nextTradingState(ctx.state.trading, input, ctx.state.now, STOP_DEADLINE_MS);
};

export function applyCommand(ctx: EngineContext, command: OperatorCommand, source: CommandSource): boolean {
  const {state, notices} = ctx;
  switch (command.kind) {
    case 'pause':
      move(ctx, command);
      notices.warn(`paused (${source}): no new orders; press p to resume`);
      break;
    case 'resume':
      move(ctx, command);
      notices.info(`resumed (${source})`);
      break;
    case 'cancelAll': {
      // the planner keeps cancelling until none is left, so a throttled or failed cancel is retried
      move(ctx, command);
      const count = [...state.orders.values()].filter((o) => o.state === 'open' || o.state === 'unknown').length;
      notices.warn(`cancel all (${source}): ${count} order(s); paused — press p to resume quoting`);
      break;
    }
    case 'resetNow':
      beginReset(ctx, `reset requested (${source})`);
      break;
    case 'kill':
      halt(ctx, `${command.reason} (${source})`);
      break;
    case 'unkill':
      if (haltOf(state.trading)) {
        notices.warn(`kill switch released (${source}); quoting resumes`);
        move(ctx, command);
        state.consecutiveOrderErrors = 0;
      }
      break;
    case 'quit':
      if (state.trading.kind !== 'stopping') {
        move(ctx, command);
        notices.info(`stopping (${command.reason}): cancelling our orders`);
      }
      break;
  }
  ctx.persistSoon();
  return true;
}

/** The kill switch: cancel all, halt, persist (a restart stays halted until released). */
function halt(ctx: EngineContext, reason: string): void {
  if (haltOf(ctx.state.trading)) return;
  move(ctx, {kind: 'kill', reason});
  ctx.notices.error(`KILL SWITCH: ${reason}; cancelling all orders and halting (press k to resume)`);
  ctx.persistSoon();
}

/** After every batch: the automatic kill-switch rules, and the end of a cancel-all once none is left. */
export function checkTradingState(ctx: EngineContext): void {
  const {state} = ctx;
  if (state.trading.kind !== 'halted' && state.trading.kind !== 'stopping') {
    const reason = killReason(state, accountView(state).baseRatio);
    if (reason) halt(ctx, reason);
  }
  if (state.orders.size === 0) move(ctx, {kind: 'cancelsDone'});
}
