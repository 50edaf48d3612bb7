// The one logging callback every venue client and the runtime take. The level union is the engine's own
// (engine/events.ts): client lines end up in the console's event list, so the two must not drift.
import type {LogLevel} from '../../engine/events.js';

export type {LogLevel};
export type Logger = (level: LogLevel, msg: string) => void;

/** For clients built without a logger (tests, tools). */
export const silentLogger: Logger = () => undefined;
