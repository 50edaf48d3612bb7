// The alert state machine (docs/monitoring.md §4). Pure and explicit: the previous state, this moment's
// observations and the time in; the next state and the messages to send out. No timers: the caller
// (alerter.ts) ticks it, tests drive it with any clock.
//
// Per condition: absent → pending (holds, inside its grace period) → announced (one message) → gone
// (one recovery message, only if it had been announced). While announced, a reminder at most every
// reminderMin minutes.
import type {AlertEventName, Config} from '../../config/configSchema.js';
import {conditionKind, type ConditionDetails, type ConditionKey, type ConditionKind, type Observation} from './alertConditions.js';

/** Events the tracker raises; `started`, `stopped`, `stopUnconfirmed` come from the caller. */
export type ConditionEventName = Exclude<AlertEventName, 'started' | 'stopped' | 'stopUnconfirmed'>;

export const conditionEvents: Readonly<Record<ConditionKind, {begins: ConditionEventName; ends: ConditionEventName}>> = {
  compliance: {begins: 'complianceFailing', ends: 'complianceRecovered'},
  halted: {begins: 'halted', ends: 'resumed'},
  stream: {begins: 'streamDown', ends: 'streamRecovered'},
  funding: {begins: 'cannotFund', ends: 'funded'},
};

export interface TrackerSettings {
  /** how long a condition must hold before it is announced; 0: at once */
  graceMs: Readonly<Record<ConditionKind, number>>;
  /** reminders at most this often while a condition lasts; 0: none */
  reminderMs: number;
}

export type AlertTimingConfig = Pick<Config['alerts'], 'complianceGraceSec' | 'streamDownSec' | 'fundingGraceSec' | 'reminderMin'>;

export function trackerSettings(alerts: AlertTimingConfig): TrackerSettings {
  return {
    // a halt is the kill switch acting: there is nothing to wait for
    graceMs: {compliance: alerts.complianceGraceSec * 1000, halted: 0, stream: alerts.streamDownSec * 1000, funding: alerts.fundingGraceSec * 1000},
    reminderMs: alerts.reminderMin * 60_000,
  };
}

export interface TrackedCondition {
  /** when it began */
  since: number;
  announced: boolean;
  /** when its announcement or last reminder went out (null before it was announced) */
  lastSentAt: number | null;
  /** as last seen while it held */
  details: ConditionDetails;
}

export interface TrackerState {
  readonly conditions: Readonly<Partial<Record<ConditionKey, TrackedCondition>>>;
}

export interface ConditionEvent {
  event: ConditionEventName;
  key: ConditionKey;
  at: number;
  reminder: boolean;
  /** how long the condition has lasted (for a recovery: how long it lasted) */
  durationMs: number;
  /** the condition as last seen while it held */
  details: ConditionDetails;
  /** for a recovery, how things are now (null when the snapshot says no more than "gone") */
  after: ConditionDetails | null;
}

export interface TrackerStep {
  state: TrackerState;
  events: ConditionEvent[];
}

export function initialTrackerState(): TrackerState {
  return {conditions: {}};
}

export function trackAlerts(previous: TrackerState, observations: readonly Observation[], now: number, settings: TrackerSettings): TrackerStep {
  const conditions: Partial<Record<ConditionKey, TrackedCondition>> = {...previous.conditions};
  const events: ConditionEvent[] = [];
  const seen = new Set<ConditionKey>();

  for (const observation of observations) {
    const {key} = observation;
    if (seen.has(key)) continue; // the first observation of a key decides; conditions never repeat one
    seen.add(key);
    const tracked = conditions[key];
    if (observation.status === 'holds') {
      const next: TrackedCondition = tracked
        ? {
            ...tracked,
            // until announced, the snapshot's own start wins (the streak may have restarted unseen);
            // after, the announced outage goes on until it is seen to end
            since: !tracked.announced && observation.since !== null ? observation.since : tracked.since,
            details: observation.details,
          }
        : {since: observation.since ?? now, announced: false, lastSentAt: null, details: observation.details};
      conditions[key] = advance(key, next, now, settings, events);
    } else if (observation.status === 'unsure') {
      if (tracked) conditions[key] = advance(key, observation.details ? {...tracked, details: observation.details} : tracked, now, settings, events);
    } else if (tracked) {
      delete conditions[key];
      if (tracked.announced) {
        events.push({
          event: conditionEvents[conditionKind(key)].ends,
          key,
          at: now,
          reminder: false,
          durationMs: elapsed(tracked.since, now),
          details: tracked.details,
          after: observation.details,
        });
      }
    }
  }
  // not observed at all (no snapshot): nothing is known to have changed, so it goes on
  for (const key of Object.keys(conditions) as ConditionKey[]) {
    if (!seen.has(key)) conditions[key] = advance(key, conditions[key]!, now, settings, events);
  }
  return {state: {conditions}, events};
}

/** Announces a condition whose grace has passed, or reminds of one that has gone on long enough. */
function advance(key: ConditionKey, condition: TrackedCondition, now: number, settings: TrackerSettings, events: ConditionEvent[]): TrackedCondition {
  const kind = conditionKind(key);
  const lasted = elapsed(condition.since, now);
  const event = (reminder: boolean): ConditionEvent => ({
    event: conditionEvents[kind].begins,
    key,
    at: now,
    reminder,
    durationMs: lasted,
    details: condition.details,
    after: null,
  });
  if (!condition.announced) {
    const graceMs = settings.graceMs[kind];
    // "for longer than the grace"; a grace of 0 means at once, even in the millisecond it began
    if (graceMs > 0 && lasted <= graceMs) return condition;
    events.push(event(false));
    return {...condition, announced: true, lastSentAt: now};
  }
  if (settings.reminderMs > 0 && condition.lastSentAt !== null && now - condition.lastSentAt >= settings.reminderMs) {
    events.push(event(true));
    return {...condition, lastSentAt: now};
  }
  return condition;
}

// a start in the future (clock skew between snapshot and caller) counts as just now
const elapsed = (since: number, now: number): number => Math.max(0, now - since);
