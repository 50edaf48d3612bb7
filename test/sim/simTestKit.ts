// Test-side helpers that speak to the simulator like an independent client: hand-built signed requests
// (HMAC per the fact sheet, not the project's client) and a WebSocket probe that decodes pushes with the
// official schema and waits for conditions with a deadline.
import {createHmac} from 'node:crypto';
import WebSocket from 'ws';
import {decodePushWrapper} from '../../source/wire/mexcProtobuf/schema.js';

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

export interface Creds {
  apiKey: string;
  apiSecret: string;
}

export function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

export async function publicGet(base: string, path: string, query = ''): Promise<Reply> {
  const response = await fetch(`${base}${path}${query ? `?${query}` : ''}`);
  const text = await response.text();
  return {status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null};
}

/** A signed request with every parameter in the query string, as ccxt does. */
export async function signedRequest(
  base: string,
  creds: Creds,
  method: string,
  path: string,
  params: Record<string, string>,
  options: {timestamp?: number; recvWindow?: number; tamper?: boolean; signal?: AbortSignal} = {},
): Promise<Reply> {
  const query = new URLSearchParams({...params, timestamp: String(options.timestamp ?? Date.now())});
  if (options.recvWindow !== undefined) query.set('recvWindow', String(options.recvWindow));
  const payload = query.toString().replace(/%[0-9a-f]{2}/g, (escape) => escape.toUpperCase());
  let signature = sign(creds.apiSecret, payload);
  if (options.tamper) signature = sign(creds.apiSecret + 'x', payload);
  const response = await fetch(`${base}${path}?${payload}&signature=${signature}`, {
    method,
    headers: {'X-MEXC-APIKEY': creds.apiKey, 'Content-Type': 'application/json'},
    signal: options.signal,
  });
  const text = await response.text();
  return {status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null};
}

export async function waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export class WsProbe {
  readonly texts: any[] = [];
  readonly rawTexts: string[] = [];
  readonly pushes: Array<Record<string, any>> = [];
  closedWith: number | null = null;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) this.pushes.push(decodePushWrapper(new Uint8Array(data as Buffer)) as Record<string, any>);
      else {
        const text = data.toString();
        this.rawTexts.push(text);
        try {
          this.texts.push(JSON.parse(text));
        } catch {
          this.texts.push(text);
        }
      }
    });
    ws.on('close', (code) => {
      this.closedWith = code;
    });
    ws.on('error', () => undefined);
  }

  static async open(url: string): Promise<WsProbe> {
    const ws = new WebSocket(url);
    const probe = new WsProbe(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return probe;
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  async subscribe(topics: string[], id = 1): Promise<void> {
    const before = this.texts.length;
    this.send({method: 'SUBSCRIPTION', params: topics, id});
    await waitFor(() => this.texts.slice(before).find((t) => t && t.id === id), 3000, 'subscription ack');
  }

  pushesOf(channelPart: string): Array<Record<string, any>> {
    return this.pushes.filter((push) => String(push.channel).includes(channelPart));
  }

  close(): void {
    this.ws.terminate();
  }
}
