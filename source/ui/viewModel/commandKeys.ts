// The console's keyboard state machine: a key in, maybe one operator command out. Pure, so every key and
// every confirmation path is testable without a terminal. The hook (use-key-commands.ts) only feeds it.
import type {OperatorCommand} from '../../engine/operatorCommand.js';

/** Commands that need a `y` before they are sent. */
export type Confirmable = 'cancelAll' | 'kill' | 'unkill';

export interface KeyState {
  /** waiting for y / anything else */
  confirming: Confirmable | null;
  help: boolean;
  /** quit sent: the engine is cancelling orders and will stop */
  stopping: boolean;
  /** what the last key did, shown in the key bar until the next key */
  note: string | null;
}

export interface KeyPress {
  input: string;
  ctrl: boolean;
}

/** What the keys need to know about the engine. */
export interface KeyContext {
  paused: boolean;
  halted: boolean;
}

export interface KeyResult {
  state: KeyState;
  command: OperatorCommand | null;
}

export const initialKeyState: KeyState = {confirming: null, help: false, stopping: false, note: null};

export const OPERATOR_REASON = 'operator';

export function confirmQuestion(what: Confirmable): string {
  switch (what) {
    case 'cancelAll':
      return 'Cancel ALL our orders?';
    case 'kill':
      return 'KILL SWITCH: cancel all and halt quoting?';
    case 'unkill':
      return 'Resume quoting from HALTED?';
  }
}

function confirmedCommand(what: Confirmable): OperatorCommand {
  switch (what) {
    case 'cancelAll':
      return {kind: 'cancelAll'};
    case 'kill':
      return {kind: 'kill', reason: OPERATOR_REASON};
    case 'unkill':
      return {kind: 'unkill'};
  }
}

export function describeCommand(command: OperatorCommand): string {
  switch (command.kind) {
    case 'pause':
      return 'pause sent';
    case 'resume':
      return 'resume sent';
    case 'cancelAll':
      return 'cancel all sent';
    case 'resetNow':
      return 'reset sent';
    case 'kill':
      return 'kill switch sent';
    case 'unkill':
      return 'un-halt sent';
    case 'quit':
      return 'quit sent';
  }
}

const send = (state: KeyState, command: OperatorCommand): KeyResult => ({
  state: {...state, confirming: null, help: false, note: describeCommand(command)},
  command,
});

const quiet = (state: KeyState): KeyResult => ({state, command: null});

export function interpretKey(state: KeyState, key: KeyPress, context: KeyContext): KeyResult {
  const quit: OperatorCommand = {kind: 'quit', reason: OPERATOR_REASON};
  // Ctrl-C always means quit, whatever is on screen; every press is passed on so the caller can escalate.
  if (key.ctrl && key.input === 'c') return send({...state, stopping: true}, quit);
  if (key.ctrl) return quiet(state);
  if (state.stopping) return quiet(state);
  if (state.help) return quiet({...state, help: false});
  const input = key.input.toLowerCase();
  if (state.confirming !== null) {
    if (input === 'y') return send(state, confirmedCommand(state.confirming));
    return quiet({...state, confirming: null, note: 'nothing sent'});
  }
  switch (input) {
    case 'p':
      return send(state, context.paused ? {kind: 'resume'} : {kind: 'pause'});
    case 'c':
      return quiet({...state, confirming: 'cancelAll', note: null});
    case 'r':
      return send(state, {kind: 'resetNow'});
    case 'k':
      return quiet({...state, confirming: context.halted ? 'unkill' : 'kill', note: null});
    case 'q':
      return send({...state, stopping: true}, quit);
    case '?':
      return quiet({...state, help: true});
    default:
      return quiet(state);
  }
}
