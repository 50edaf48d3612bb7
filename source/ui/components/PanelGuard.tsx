import React from 'react';
import {Text} from 'ink';

interface Props {
  /** a new value (the next screen view) clears a caught error and tries again */
  resetKey: unknown;
  children: React.ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * Keeps a display bug from taking the console down: without it a throwing panel unmounts the whole Ink app,
 * and with it the keys (q, k, c) that the operator may need right then. Shows the error in one line instead,
 * and tries again with the next screen that differs.
 */
export class PanelGuard extends React.Component<Props, State> {
  override state: State = {error: null};

  static getDerivedStateFromError(error: unknown): State {
    return {error: error instanceof Error ? error : new Error(String(error))};
  }

  override componentDidUpdate(previous: Props): void {
    if (this.state.error !== null && previous.resetKey !== this.props.resetKey) this.setState({error: null});
  }

  override render(): React.ReactNode {
    if (this.state.error === null) return this.props.children;
    return <DisplayError message={this.state.error.message} />;
  }
}

/** A display bug in one line, in place of the panels (a panel threw, or building the screen's view did). */
export function DisplayError({message}: {message: string}): React.JSX.Element {
  return (
    <Text bold color="red" wrap="truncate-end">
      {`DISPLAY ERROR (engine unaffected, keys still work): ${message}`}
    </Text>
  );
}
