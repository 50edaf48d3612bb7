import {useCallback, useRef, useState} from 'react';
import {useInput, useStdin} from 'ink';
import type {OperatorCommand} from '../../engine/operatorCommand.js';
import {initialKeyState, interpretKey, type KeyContext, type KeyState} from '../viewModel/commandKeys.js';

/**
 * Turns key presses into operator commands (see commandKeys.ts for the map and the confirmations).
 * Without a raw-mode stdin (not a TTY) the console is display-only rather than crashing.
 * `stopping`: quit was already sent (on the start-up screen), so the keys start in the stopping state.
 */
export function useKeyCommands(context: KeyContext, onCommand: (command: OperatorCommand) => void, stopping = false): KeyState {
  const {isRawModeSupported} = useStdin();
  const [state, setState] = useState<KeyState>(() => ({...initialKeyState, stopping}));
  // Refs keep the input handler stable while state and snapshot change, and let a burst of keys within one
  // render see each other's effect.
  const stateRef = useRef(state);
  const contextRef = useRef(context);
  contextRef.current = context;
  const onCommandRef = useRef(onCommand);
  onCommandRef.current = onCommand;

  const handler = useCallback((input: string, key: {ctrl: boolean}) => {
    const result = interpretKey(stateRef.current, {input, ctrl: key.ctrl}, contextRef.current);
    stateRef.current = result.state;
    setState(result.state);
    if (result.command !== null) onCommandRef.current(result.command);
  }, []);
  useInput(handler, {isActive: isRawModeSupported});
  return state;
}
