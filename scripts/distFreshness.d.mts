// Types of scripts/distFreshness.mjs.
export declare const repoRoot: string;
export declare const stampPath: string;
export interface BuildStamp {
  /** epoch ms at which the build started reading its inputs */
  inputsAsOf: number;
  /** tsc reported no error */
  typeClean: boolean;
}
export declare function readStamp(): BuildStamp | null;
export declare function inputChangedSince(since: number): string | null;
