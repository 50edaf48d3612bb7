// What an alert says and how each kind of receiver is sent it (docs/monitoring.md §4). Pure: an event in,
// one human line, a severity, machine-readable details and the HTTP request out.
import type {AlertEventName} from '../../config/configSchema.js';
import type {Mode, StreamState} from '../../engine/view/snapshot.js';
import type {ConditionEvent} from './alertTracker.js';
import type {WebhookTarget} from './webhookTargets.js';

export type LifecycleEventName = Extract<AlertEventName, 'started' | 'stopped' | 'stopUnconfirmed'>;
export type AlertDetailValue = string | number | boolean | null;
export type AlertDetails = Readonly<Record<string, AlertDetailValue>>;

/** Raised by the caller at the edges of a run; a string `reason` in the details is added to the text. */
export interface LifecycleEvent {
  event: LifecycleEventName;
  at: number;
  details: AlertDetails;
}

export type AlertEvent = ConditionEvent | LifecycleEvent;

export type Severity = 'critical' | 'warning' | 'info';

/** One message, before it is shaped for a kind of receiver. */
export interface AlertMessage {
  event: AlertEventName;
  severity: Severity;
  symbol: string;
  mode: Mode;
  at: number;
  text: string;
  reminder: boolean;
  details: AlertDetails;
}

export interface MessageContext {
  symbol: string;
  mode: Mode;
}

export interface WebhookRequest {
  url: string;
  json: Record<string, unknown>;
}

const critical: readonly AlertEventName[] = ['complianceFailing', 'halted', 'stopUnconfirmed'];
const warning: readonly AlertEventName[] = ['streamDown', 'cannotFund'];

export function severityOf(event: AlertEventName): Severity {
  if (critical.includes(event)) return 'critical';
  if (warning.includes(event)) return 'warning';
  return 'info';
}

const isConditionEvent = (event: AlertEvent): event is ConditionEvent => 'key' in event;

export function alertMessage(event: AlertEvent, context: MessageContext): AlertMessage {
  const [line, details] = isConditionEvent(event) ? describeCondition(event) : describeLifecycle(event);
  return {
    event: event.event,
    severity: severityOf(event.event),
    symbol: context.symbol,
    mode: context.mode,
    at: event.at,
    text: `${context.symbol} (${context.mode}): ${line}`,
    reminder: isConditionEvent(event) && event.reminder,
    details,
  };
}

/** The request that delivers `message` to `target`, in the body its kind expects (docs/monitoring.md §4). */
export function webhookRequest(target: WebhookTarget, message: AlertMessage): WebhookRequest {
  switch (target.kind) {
    case 'telegram':
      // the Bot API's sendMessage
      return {url: `${target.apiUrl}/bot${target.token}/sendMessage`, json: {chat_id: target.chatId, text: message.text, disable_web_page_preview: true}};
    case 'slack':
      // an incoming webhook
      return {url: target.url, json: {text: message.text}};
    case 'generic':
      return {url: target.url, json: genericBody(message)};
  }
}

export function genericBody(message: AlertMessage): Record<string, unknown> {
  return {
    source: 'mexc-mm',
    event: message.event,
    severity: message.severity,
    symbol: message.symbol,
    mode: message.mode,
    at: new Date(message.at).toISOString(),
    text: message.text,
    reminder: message.reminder,
    details: message.details,
  };
}

function describeLifecycle(event: LifecycleEvent): [string, AlertDetails] {
  const base = {
    started: 'started',
    stopped: 'stopped; none of our orders is left',
    stopUnconfirmed: 'stopped, but the exchange did not confirm that none of our orders is left',
  }[event.event];
  const reason = event.details['reason'];
  return [typeof reason === 'string' && reason !== '' ? `${base}: ${reason}` : base, event.details];
}

function describeCondition(event: ConditionEvent): [string, AlertDetails] {
  const {details, after, reminder} = event;
  const lasted = formatDuration(event.durationMs);
  const durationSec = Math.round(event.durationMs / 1000);
  const still = reminder ? 'still ' : '';
  const recovery = isRecovery(event.event);
  switch (details.kind) {
    case 'compliance': {
      const lastHourPct = roundPct(after?.kind === 'compliance' ? after.lastHourPct : details.lastHourPct);
      const hour = lastHourPct === null ? '' : ` (1 h: ${formatPct(lastHourPct)})`;
      const line = recovery ? `compliance recovered after failing for ${lasted}${hour}` : `compliance ${still}failing for ${lasted}: ${details.reason ?? 'failed'}${hour}`;
      return [line, {reason: details.reason, lastHourPct, durationSec}];
    }
    case 'halted': {
      const line = recovery ? `resumed: the halt was cleared after ${lasted} (${details.reason})` : reminder ? `still halted after ${lasted}: ${details.reason}` : `halted: ${details.reason}`;
      return [line, {reason: details.reason, durationSec}];
    }
    case 'stream': {
      const current = after?.kind === 'stream' ? after : details;
      // the last state seen during the outage may be a reconnect: the recovery names only its length
      const line = recovery
        ? `stream ${details.stream} ${current.state} again after an outage of ${lasted}`
        : `stream ${details.stream} ${still}${outageWord(details.state)} for ${lasted}${details.reason ? `: ${details.reason}` : ''}`;
      return [line, {stream: details.stream, state: current.state, reason: current.reason, durationSec}];
    }
    case 'funding': {
      const current = after?.kind === 'funding' ? after : details;
      const line = recovery
        ? `${details.side} side funded again after ${lasted} short`
        : `${details.side} side ${still}short of funds for ${lasted}: ${formatUsdt(details.shortfallUsdt)} of the ${formatUsdt(details.targetUsdt)} USDT target unfunded${details.reason ? ` (${details.reason})` : ''}`;
      return [line, {side: details.side, shortfallUsdt: roundUsdt(current.shortfallUsdt), targetUsdt: roundUsdt(current.targetUsdt), reason: current.reason, durationSec}];
    }
  }
}

const recoveries: readonly AlertEventName[] = ['complianceRecovered', 'resumed', 'streamRecovered', 'funded'];
const isRecovery = (event: AlertEventName): boolean => recoveries.includes(event);

// an outage announced as down may be seen reconnecting by the time of a reminder
const outageWord = (state: StreamState): string => (state === 'down' || state === 'stale' ? state : `not live (${state})`);

/** 312_000 → "5m12s", 45_000 → "45s", 3_900_000 → "1h05m", 183_600_000 → "2d03h". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number): string => String(n).padStart(2, '0');
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days}d${pad(hours)}h`;
  if (hours > 0) return `${hours}h${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m${pad(seconds)}s`;
  return `${seconds}s`;
}

// Rounded down, so a window that missed by a few samples never reads "100.0 %". The epsilon absorbs
// binary representation (97.2 × 10 = 971.999…).
const roundPct = (pct: number | null): number | null => (pct === null ? null : Math.floor(pct * 10 + 1e-9) / 10);
const formatPct = (pct: number): string => `${pct.toFixed(1)} %`;
const roundUsdt = (usdt: number): number => Math.round(usdt * 100) / 100;
const grouped = (digits: number) => new Intl.NumberFormat('en-US', {maximumFractionDigits: digits, minimumFractionDigits: 0});
const wholeUsdt = grouped(0);
const smallUsdt = grouped(2);
/** 1250 → "1,250"; 12.345 → "12.35": cents only where they matter */
export const formatUsdt = (usdt: number): string => (Math.abs(usdt) >= 100 ? wholeUsdt : smallUsdt).format(usdt);
