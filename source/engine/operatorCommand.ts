// What an operator (keys, signals, --duration) can ask of the engine. The console imports this and the
// snapshot types only.

export type OperatorCommand =
  | {kind: 'pause'}
  | {kind: 'resume'}
  | {kind: 'cancelAll'}
  | {kind: 'resetNow'}
  | {kind: 'kill'; reason: string}
  | {kind: 'unkill'}
  | {kind: 'quit'; reason: string};

export type CommandSource = 'key' | 'signal' | 'duration' | 'control' | 'engine';
