// Types of scripts/buildDist.mjs.
export type BuildStatus = 'current' | 'built' | 'typeErrors' | 'failed';
export declare function buildDist(options?: {log?: (line: string) => void; showTypeErrors?: boolean}): {status: BuildStatus; message?: string};
export declare function ensureDistCurrent(who: string): void;
