// What the bot is allowed to do, as one union. Its kind is also the precedence: stopping beats halted,
// halted beats the operator's cancel-all, cancel-all beats pause. A halt and a stop remember the state
// they interrupted, because both must keep what lies under them: a halt persists through a quit (the
// state file keeps it for the next start), and releasing the kill switch returns to what the operator
// had chosen (a paused bot stays paused). Transitions are pure; the engine applies them.
import type {OperatorCommand} from '../operatorCommand.js';

export interface Halt {
  since: number;
  reason: string;
}

/** The operator's own choice, when no halt or stop overrides it. */
export type OperatingState = {kind: 'active'} | {kind: 'paused'} | {kind: 'cancellingAll'};

export type TradingState =
  | OperatingState
  | ({kind: 'halted'; resumeTo: OperatingState} & Halt)
  | {kind: 'stopping'; since: number; reason: string; deadline: number; from: Exclude<TradingState, {kind: 'stopping'}>};

/** Inputs that move the trading state: operator commands, an automatic halt, and "cancel-all has finished". */
export type TradingInput = OperatorCommand | {kind: 'autoHalt'; reason: string} | {kind: 'cancelsDone'};

type OperatorInput = 'pause' | 'resume' | 'cancelAll' | 'cancelsDone';

/** The operator layer as a table: OPERATING[from][input] = to. */
const OPERATING: Record<OperatingState['kind'], Record<OperatorInput, OperatingState['kind']>> = {
  active: {pause: 'paused', resume: 'active', cancelAll: 'cancellingAll', cancelsDone: 'active'},
  paused: {pause: 'paused', resume: 'active', cancelAll: 'cancellingAll', cancelsDone: 'paused'},
  // pause during a cancel-all keeps cancelling; once none is left the bot stays paused
  cancellingAll: {pause: 'cancellingAll', resume: 'active', cancelAll: 'cancellingAll', cancelsDone: 'paused'},
};

export const initialTradingState = (halt: Halt | null): TradingState =>
  halt ? {kind: 'halted', ...halt, resumeTo: {kind: 'active'}} : {kind: 'active'};

/**
 * The next state. `now` and `stopDeadlineMs` only matter for quit. Inputs that do not apply (unkill when
 * not halted, a second quit) leave the state as it is.
 */
export function nextTradingState(state: TradingState, input: TradingInput, now: number, stopDeadlineMs: number): TradingState {
  switch (state.kind) {
    case 'stopping':
      // everything but a second quit still reaches the layers underneath (what the state file keeps)
      if (input.kind === 'quit') return state;
      return {...state, from: notStopping(nextTradingState(state.from, input, now, stopDeadlineMs))};
    case 'halted':
      switch (input.kind) {
        case 'quit':
          return {kind: 'stopping', since: now, reason: input.reason, deadline: now + stopDeadlineMs, from: state};
        case 'kill':
        case 'autoHalt':
          return state;
        case 'unkill':
          return state.resumeTo;
        case 'resetNow':
          return state;
        default:
          return {...state, resumeTo: operating(state.resumeTo, input.kind)};
      }
    case 'active':
    case 'paused':
    case 'cancellingAll':
      switch (input.kind) {
        case 'quit':
          return {kind: 'stopping', since: now, reason: input.reason, deadline: now + stopDeadlineMs, from: state};
        case 'kill':
        case 'autoHalt':
          return {kind: 'halted', since: now, reason: input.reason, resumeTo: state};
        case 'unkill':
        case 'resetNow':
          return state;
        default:
          return operating(state, input.kind);
      }
  }
}

function operating(state: OperatingState, input: OperatorInput): OperatingState {
  const kind = OPERATING[state.kind][input];
  return kind === state.kind ? state : {kind};
}

function notStopping(state: TradingState): Exclude<TradingState, {kind: 'stopping'}> {
  if (state.kind === 'stopping') throw new Error('a stop cannot nest');
  return state;
}

/** The persisted halt, wherever it sits (a halted bot that is stopping is still halted). */
export function haltOf(state: TradingState): Halt | null {
  switch (state.kind) {
    case 'halted':
      return {since: state.since, reason: state.reason};
    case 'stopping':
      return haltOf(state.from);
    default:
      return null;
  }
}

/** The operator's choice under any halt or stop. */
export function operatingOf(state: TradingState): OperatingState {
  switch (state.kind) {
    case 'halted':
      return state.resumeTo;
    case 'stopping':
      return operatingOf(state.from);
    default:
      return state;
  }
}

/** Paused by the operator (a cancel-all pauses too), as the console and the state file show it. */
export const isPaused = (state: TradingState): boolean => operatingOf(state).kind !== 'active';
