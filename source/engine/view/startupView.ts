// What the console's start-up screen reads: each start-up step, its state and result. Written by the
// runtime (runtime/startupProgress.ts) before and while the engine starts; kept beside the snapshot types
// because it is, like them, a view readers get and never change.
export const startupStepIds = ['simulator', 'reference', 'time', 'rules', 'account', 'balances', 'books', 'openOrders', 'listenKey'] as const;
export type StartupStepId = (typeof startupStepIds)[number];

export const startupStepLabels: Record<StartupStepId, string> = {
  simulator: 'simulator',
  reference: 'reference symbol',
  time: 'time sync',
  rules: 'exchange rules',
  account: 'API keys',
  balances: 'balances',
  books: 'order books',
  openOrders: 'open orders',
  listenKey: 'listen key',
};

export type StartupStepState =
  | {kind: 'pending'}
  | {kind: 'running'; since: number}
  | {kind: 'retrying'; since: number; reason: string; attempt: number; nextAt: number}
  | {kind: 'done'; result: string}
  | {kind: 'skipped'; why: string}
  | {kind: 'failed'; reason: string};

export interface StartupStep {
  id: StartupStepId;
  label: string;
  state: StartupStepState;
}

export type StartupPhase = 'starting' | 'failed' | 'done';

export interface StartupView {
  phase: StartupPhase;
  startedAt: number;
  steps: readonly StartupStep[];
  /** why start-up failed (phase 'failed'); kept here too, since it may fail while no step is running */
  failure: string | null;
}
