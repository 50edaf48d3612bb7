// The public WebSocket token (docs/protocols/kucoin.md §2.2): POST /api/v1/bullet-public returns a token and
// the servers to connect to, with the ping cadence each expects. The token is single-use in spirit: fetch a
// new one for every connection (docs/protocols/kucoin.md §6 pitfall 1), never cache it across reconnects.
import {kucoinRequest} from './kucoinRest.js';

export interface KucoinInstanceServer {
  /** WS URL as given by KuCoin; it changes over time, so it is never hard-coded (docs/protocols/kucoin.md §6 pitfall 11) */
  endpoint: string;
  encrypt: boolean;
  protocol: string;
  /** ms between our JSON pings */
  pingIntervalMs: number;
  /** ms to wait for a pong before the connection counts as dead */
  pingTimeoutMs: number;
}

export interface KucoinBulletToken {
  token: string;
  servers: KucoinInstanceServer[];
}

export const BULLET_PUBLIC_PATH = '/api/v1/bullet-public';

const positiveInt = (value: unknown): number | null =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;

/** Parses the `data` of a bullet-public response; throws with the reason when a required field is bad. */
export function parseBulletData(data: unknown): KucoinBulletToken {
  if (typeof data !== 'object' || data === null) throw new Error('bullet-public: data is not an object');
  const record = data as Record<string, unknown>;
  if (typeof record.token !== 'string' || record.token.length === 0) throw new Error('bullet-public: missing token');
  if (!Array.isArray(record.instanceServers)) throw new Error('bullet-public: instanceServers is not an array');
  const servers: KucoinInstanceServer[] = [];
  for (const entry of record.instanceServers) {
    if (typeof entry !== 'object' || entry === null) continue;
    const server = entry as Record<string, unknown>;
    const pingIntervalMs = positiveInt(server.pingInterval);
    const pingTimeoutMs = positiveInt(server.pingTimeout);
    if (typeof server.endpoint !== 'string' || pingIntervalMs === null || pingTimeoutMs === null) continue;
    let endpoint: URL;
    try {
      endpoint = new URL(server.endpoint);
    } catch {
      continue;
    }
    if (endpoint.protocol !== 'wss:' && endpoint.protocol !== 'ws:') continue;
    servers.push({
      endpoint: server.endpoint,
      encrypt: server.encrypt === true,
      protocol: typeof server.protocol === 'string' ? server.protocol : 'websocket',
      pingIntervalMs,
      pingTimeoutMs,
    });
  }
  if (servers.length === 0) throw new Error('bullet-public: no usable instanceServers entry');
  return {token: record.token, servers};
}

/** `<endpoint>?token=<token>&connectId=<id>`, keeping any query the endpoint already has (docs/protocols/kucoin.md §2.3). */
export function buildWsUrl(endpoint: string, token: string, connectId: string): string {
  const url = new URL(endpoint);
  url.searchParams.set('token', token);
  url.searchParams.set('connectId', connectId);
  return url.toString();
}

/** The endpoint without its query, safe to log (the query holds the token). */
export function describeEndpoint(endpoint: string): string {
  const url = new URL(endpoint);
  return `${url.protocol}//${url.host}${url.pathname}`;
}

export async function fetchBulletPublic(restUrl: string, timeoutMs: number, signal?: AbortSignal): Promise<KucoinBulletToken> {
  const data = await kucoinRequest({method: 'POST', restUrl, path: BULLET_PUBLIC_PATH, timeoutMs, ...(signal ? {signal} : {})});
  return parseBulletData(data);
}
