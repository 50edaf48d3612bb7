// What holds right now, read from one engine snapshot (docs/monitoring.md §4). Pure: the tracker
// (alertTracker.ts) turns these observations into messages, with the grace periods and reminders.
import type {EngineSnapshot, StreamName, StreamState} from '../../engine/view/snapshot.js';

export type FundedSide = 'bid' | 'ask';
export type ConditionKind = 'compliance' | 'halted' | 'stream' | 'funding';
/** One condition, tracked on its own: one per stream and one per side. */
export type ConditionKey = 'compliance' | 'halted' | `stream:${StreamName}` | `funding:${FundedSide}`;

/** What the messages say about a condition (display units). */
export type ConditionDetails =
  | {kind: 'compliance'; reason: string | null; lastHourPct: number | null}
  | {kind: 'halted'; reason: string}
  | {kind: 'stream'; stream: StreamName; state: StreamState; reason: string | null}
  | {kind: 'funding'; side: FundedSide; shortfallUsdt: number; targetUsdt: number; reason: string | null};

/**
 * - holds: the condition is there (it starts, or goes on);
 * - clear: it is gone (it ends, and recovers if it had been announced);
 * - unsure: this snapshot cannot tell; a condition already there goes on, none starts.
 */
export type Observation =
  | {status: 'holds'; key: ConditionKey; since: number | null; details: ConditionDetails}
  | {status: 'clear' | 'unsure'; key: ConditionKey; details: ConditionDetails | null};

export function conditionKind(key: ConditionKey): ConditionKind {
  return key.split(':')[0] as ConditionKind;
}

/**
 * The observations one snapshot allows. `since` is when the condition began when the snapshot says so
 * (the compliance streak, the halt); null lets the tracker count from when it first saw it.
 * Before the engine has published a snapshot nothing is known, so nothing is observed at all.
 */
export function observeConditions(snapshot: EngineSnapshot | null): Observation[] {
  if (snapshot === null) return [];
  return [complianceObservation(snapshot), haltObservation(snapshot), ...streamObservations(snapshot), ...fundingObservations(snapshot)].filter(
    (o): o is Observation => o !== null,
  );
}

function complianceObservation(snapshot: EngineSnapshot): Observation | null {
  const {now, streakSec, lastHour} = snapshot.compliance;
  // no sample yet: the bot is starting, which is neither a failure nor a recovery
  if (now === null) return null;
  const details: ConditionDetails = {kind: 'compliance', reason: now.reason, lastHourPct: lastHour.perSide};
  if (now.pass) return {status: 'clear', key: 'compliance', details};
  // Counted back from the sample, not the snapshot: once sampling stops the streak ends at the last
  // sample (engine/market/compliance.ts), and the start stays put; while it goes on this is at most one
  // sample interval early.
  const since = streakSec < 0 ? now.at + streakSec * 1000 : null;
  return {status: 'holds', key: 'compliance', since, details: {...details, reason: now.reason ?? 'failed'}};
}

function haltObservation(snapshot: EngineSnapshot): Observation {
  const {halted} = snapshot;
  if (halted === null) return {status: 'clear', key: 'halted', details: null};
  return {status: 'holds', key: 'halted', since: halted.since, details: {kind: 'halted', reason: halted.reason}};
}

const troubled: readonly StreamState[] = ['down', 'stale'];
// 'polling' is the MEXC book's REST fallback: degraded but delivering, so it ends an outage too
const working: readonly StreamState[] = ['live', 'polling'];

function streamObservations(snapshot: EngineSnapshot): Observation[] {
  return (Object.entries(snapshot.streams) as [StreamName, EngineSnapshot['streams'][StreamName]][]).map(([stream, health]) => {
    const key: ConditionKey = `stream:${stream}`;
    const details: ConditionDetails = {kind: 'stream', stream, state: health.state, reason: health.reason};
    if (troubled.includes(health.state)) return {status: 'holds', key, since: null, details};
    if (working.includes(health.state)) return {status: 'clear', key, details};
    // connecting, syncing: a reconnect in progress neither starts an outage nor ends one, so a stream
    // that cycles down → connecting → down is one outage, not many short ones
    return {status: 'unsure', key, details};
  });
}

function fundingObservations(snapshot: EngineSnapshot): Observation[] {
  return (['bid', 'ask'] as const).map((side) => {
    const status = snapshot.sides[side];
    const key: ConditionKey = `funding:${side}`;
    const details: ConditionDetails = {kind: 'funding', side, shortfallUsdt: status.shortfall, targetUsdt: status.target, reason: status.reason};
    if (status.shortfall > 0) return {status: 'holds', key, since: null, details};
    // a side that is not quoting for another reason (halt, pause, rate limit) reports no shortfall:
    // that says nothing about its funds
    if (!status.quoting) return {status: 'unsure', key, details: null};
    return {status: 'clear', key, details};
  });
}
