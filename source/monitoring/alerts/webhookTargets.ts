// Each configured webhook as a destination with its secret in hand: the literal from the file, or the
// value of the environment variable it names (docs/monitoring.md §4). A named variable that is missing
// stops start-up, naming the config key; the value itself is never put in a message.
import {alertEventNames, type AlertEventName, type WebhookConfig} from '../../config/configSchema.js';

export type WebhookKind = WebhookConfig['kind'];

interface TargetBase {
  /** position in alerts.webhooks: how logs and errors name the receiver (never by its address) */
  index: number;
  events: ReadonlySet<AlertEventName>;
}

export interface TelegramTarget extends TargetBase {
  kind: 'telegram';
  /** the Bot API's address, without a trailing slash */
  apiUrl: string;
  token: string;
  chatId: string | number;
}

export interface UrlTarget extends TargetBase {
  kind: 'slack' | 'generic';
  url: string;
}

export type WebhookTarget = TelegramTarget | UrlTarget;

/** A webhook cannot be used as configured; `key` is the config path at fault (exit 2 at start-up). */
export class WebhookConfigError extends Error {
  readonly key: string;

  constructor(key: string, problem: string) {
    super(`${key}: ${problem}`);
    this.name = 'WebhookConfigError';
    this.key = key;
  }
}

export function resolveWebhookTargets(webhooks: readonly WebhookConfig[], env: NodeJS.ProcessEnv = process.env): WebhookTarget[] {
  return webhooks.map((hook, index) => {
    const key = (field: string): string => `alerts.webhooks[${index}].${field}`;
    const events: ReadonlySet<AlertEventName> = new Set(hook.events ?? alertEventNames);
    if (hook.kind === 'telegram') {
      const token = hook.token ?? fromEnv(env, key('tokenEnv'), hook.tokenEnv);
      return {index, kind: 'telegram', events, apiUrl: checkedUrl(hook.url, key('url')).replace(/\/+$/, ''), token, chatId: hook.chatId};
    }
    const url = hook.url !== undefined ? checkedUrl(hook.url, key('url')) : checkedUrl(fromEnv(env, key('urlEnv'), hook.urlEnv), key('urlEnv'));
    return {index, kind: hook.kind, events, url};
  });
}

function fromEnv(env: NodeJS.ProcessEnv, key: string, name: string | undefined): string {
  // the schema requires exactly one of the literal and the variable's name
  if (name === undefined) throw new WebhookConfigError(key, 'missing');
  const value = env[name];
  if (value === undefined) throw new WebhookConfigError(key, `environment variable ${name} is not set`);
  if (value.trim() === '') throw new WebhookConfigError(key, `environment variable ${name} is set but empty`);
  return value.trim();
}

/** The schema checks a literal URL; one from the environment is checked here. The value is not quoted: it is a secret. */
function checkedUrl(value: string, key: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new WebhookConfigError(key, 'not a URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new WebhookConfigError(key, `expected an http or https URL, not ${parsed.protocol}`);
  return value;
}

/**
 * The texts that must never be written: the tokens, and every address that may carry a secret in the
 * form it could appear in (as written, as normalised by URL, its path and query, which is where Slack
 * and most generic receivers keep theirs). For SecretGuard (store/secretGuard.ts), which skips
 * values too short to be secrets.
 */
export function webhookSecrets(targets: readonly WebhookTarget[]): string[] {
  const secrets = new Set<string>();
  const addUrl = (url: string): void => {
    secrets.add(url);
    const parsed = new URL(url);
    secrets.add(parsed.href);
    const pathAndQuery = `${parsed.pathname}${parsed.search}`;
    if (pathAndQuery !== '/') secrets.add(pathAndQuery);
  };
  for (const target of targets) {
    if (target.kind === 'telegram') {
      secrets.add(target.token);
      addUrl(`${target.apiUrl}/bot${target.token}/sendMessage`);
    } else {
      addUrl(target.url);
    }
  }
  return [...secrets];
}
