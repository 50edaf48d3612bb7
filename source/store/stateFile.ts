// <data-dir>/state.json: the engine's latest snapshot plus what must survive a restart (halted flag,
// compliance history). lowdb over an atomic, 0600, secret-scrubbed adapter. Saves are serialised and
// coalesced: while one write is in flight only the newest pending state is written next.
import {copyFile, chmod} from 'node:fs/promises';
import {join} from 'node:path';
import {Low} from 'lowdb';
import type {PersistedState} from '../engine/view/snapshot.js';
import {AtomicJsonFile, removeStaleTempFiles, UnreadableFileError} from './atomicFile.js';
import {describeSchemaIssues, persistedStateSchema, restorableStateSchema} from './persistedStateSchema.js';
import {SecretGuard} from './secretGuard.js';

export const stateFileName = 'state.json';
/** where a state file that could not be loaded is copied before the next save replaces it */
export const corruptCopyName = 'state.json.corrupt';

export type StateCheck =
  | {kind: 'valid'; state: PersistedState}
  /** the restart-critical parts (halted, paused, compliance history) are sound; other fields are not */
  | {kind: 'restorable'; state: PersistedState; problem: string}
  | {kind: 'invalid'; problem: string};

export function checkPersistedState(value: unknown): StateCheck {
  const full = persistedStateSchema.safeParse(value);
  // The raw object, not zod's output: keeps fields a newer engine added (zod would strip them).
  if (full.success) return {kind: 'valid', state: value as PersistedState};
  const problem = describeSchemaIssues(full.error);
  const restorable = restorableStateSchema.safeParse(value);
  // the restart-critical fields as read (a damaged ledger reads as none), over the rest as it was
  if (restorable.success) return {kind: 'restorable', state: {...(value as object), ...restorable.data} as PersistedState, problem};
  return {kind: 'invalid', problem};
}

export interface StateFileOptions {
  /** values that must never be written; default: MEXC_API_KEY / MEXC_API_SECRET from the environment */
  secrets?: readonly string[];
}

interface PendingSave {
  state: PersistedState;
  waiters: {resolve: () => void; reject: (error: unknown) => void}[];
}

export class StateFile {
  /** why the last load found no usable state (file corrupt, wrong shape); null when it was fine or absent */
  lastLoadProblem: string | null = null;
  readonly path: string;
  readonly #db: Low<PersistedState | null>;
  readonly #guard: SecretGuard;
  #loaded: PersistedState | null = null;
  #pending: PendingSave | null = null;
  #writing = false;
  #saves = 0;
  #saveErrors = 0;

  private constructor(dir: string, guard: SecretGuard) {
    this.path = join(dir, stateFileName);
    this.#guard = guard;
    let check: StateCheck | null = null;
    const adapter = new AtomicJsonFile<PersistedState | null>(this.path, {
      validate: (value) => {
        check = checkPersistedState(value);
        if (check.kind === 'invalid') throw new Error(check.problem);
        return check.state;
      },
      beforeWrite: (text) => guard.scrub(text),
      mode: 0o600,
    });
    this.#db = new Low<PersistedState | null>(adapter, null);
    this.#lastCheck = () => check;
  }

  readonly #lastCheck: () => StateCheck | null;

  /** Opens `<dir>/state.json` (the directory must exist: see openDataDir) and reads the last saved state. */
  static async open(dir: string, options: StateFileOptions = {}): Promise<StateFile> {
    const guard = options.secrets ? new SecretGuard(options.secrets) : SecretGuard.fromEnv();
    const file = new StateFile(dir, guard);
    await removeStaleTempFiles(file.path);
    await file.#readInitial();
    return file;
  }

  async #readInitial(): Promise<void> {
    try {
      await this.#db.read();
    } catch (error) {
      if (!(error instanceof UnreadableFileError)) throw error;
      this.lastLoadProblem = error.message;
      // Keep the evidence: the next save replaces the file.
      const copy = join(this.path, '..', corruptCopyName);
      await copyFile(this.path, copy)
        .then(() => chmod(copy, 0o600))
        .catch(() => undefined);
      return;
    }
    const check = this.#lastCheck();
    if (check?.kind === 'restorable') {
      this.lastLoadProblem = `${this.path}: some fields are invalid (${check.problem}); restored the halted flag, pause and compliance history only`;
    }
    this.#loaded = this.#db.data;
  }

  /**
   * The last saved state: what was on disk at open, or the latest successful save since. null when there
   * was none or it was unusable (see lastLoadProblem). When lastLoadProblem is set but a state is
   * returned, only halted, paused, complianceHistory, mode and symbol are guaranteed sound.
   */
  load(): PersistedState | null {
    return this.#loaded;
  }

  /** Writes `state` atomically. Rejects with the I/O error when the write fails: callers must catch. */
  save(state: PersistedState): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.#pending) {
        this.#pending.state = state;
        this.#pending.waiters.push({resolve, reject});
      } else {
        this.#pending = {state, waiters: [{resolve, reject}]};
      }
      if (!this.#writing) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#pending) {
        const job = this.#pending;
        this.#pending = null;
        try {
          this.#db.data = job.state;
          await this.#db.write();
          this.#saves++;
          this.#loaded = job.state;
          for (const waiter of job.waiters) waiter.resolve();
        } catch (error) {
          this.#saveErrors++;
          for (const waiter of job.waiters) waiter.reject(error);
        }
      }
    } finally {
      this.#writing = false;
    }
  }

  stats(): {saves: number; saveErrors: number; secretsRedacted: number} {
    return {saves: this.#saves, saveErrors: this.#saveErrors, secretsRedacted: this.#guard.redactions};
  }
}

/** Reads `<dir>/state.json` without opening it for writing (for `status`). Partially valid files are a problem. */
export async function readStateFile(dir: string): Promise<{state: PersistedState} | {problem: string}> {
  const path = join(dir, stateFileName);
  let check: StateCheck | null = null;
  const adapter = new AtomicJsonFile<PersistedState>(path, {
    validate: (value) => {
      check = checkPersistedState(value);
      if (check.kind !== 'valid') throw new Error(check.problem);
      return check.state;
    },
  });
  try {
    const state = await adapter.read();
    if (state === null) return {problem: `no state file at ${path} (has mexc-mm run with --data-dir ${dir}?)`};
    return {state};
  } catch (error) {
    if (error instanceof UnreadableFileError) return {problem: `corrupt state file: ${error.message}`};
    throw error;
  }
}
