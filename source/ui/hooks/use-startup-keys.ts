import {useCallback, useRef, useState} from 'react';
import {useInput, useStdin} from 'ink';
import type {OperatorCommand} from '../../engine/operatorCommand.js';

/** Quit's reason while start-up runs. */
export const STARTUP_QUIT_REASON = 'q';

/**
 * Keys during start-up: only quitting makes sense before the engine runs. `q` quits once; Ctrl-C is passed on
 * at every press so the runtime can escalate, as in the normal view (source/ui/viewModel/commandKeys.ts).
 * Returns whether quit has been sent. `active` false once the normal view, with its own keys, has taken over.
 */
export function useStartupKeys(onCommand: (command: OperatorCommand) => void, active: boolean): boolean {
  const {isRawModeSupported} = useStdin();
  const [stopping, setStopping] = useState(false);
  // refs keep the handler stable and let a burst of keys within one render see the first quit
  const sentRef = useRef(false);
  const onCommandRef = useRef(onCommand);
  onCommandRef.current = onCommand;
  const handler = useCallback((input: string, key: {ctrl: boolean}) => {
    const ctrlC = key.ctrl && input === 'c';
    const q = !key.ctrl && input.toLowerCase() === 'q';
    if (!ctrlC && !(q && !sentRef.current)) return;
    sentRef.current = true;
    setStopping(true);
    onCommandRef.current({kind: 'quit', reason: STARTUP_QUIT_REASON});
  }, []);
  useInput(handler, {isActive: active && isRawModeSupported});
  return stopping;
}
