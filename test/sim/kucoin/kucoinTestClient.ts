// A minimal KuCoin client for the tests, written from docs/protocols/kucoin.md (not from the simulator's code): token,
// WS frames collected in order, and the official level-2 calibration procedure (docs/protocols/kucoin.md §3.7).

import WebSocket from 'ws';

export type Frame = Record<string, any>;

export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function postJson(url: string): Promise<{status: number; body: any; headers: Headers}> {
  const res = await fetch(url, {method: 'POST'});
  return {status: res.status, body: await res.json(), headers: res.headers};
}

export async function getJson(url: string): Promise<{status: number; body: any; headers: Headers}> {
  const res = await fetch(url);
  return {status: res.status, body: await res.json(), headers: res.headers};
}

export async function bullet(restUrl: string): Promise<{token: string; endpoint: string; pingInterval: number}> {
  const {body} = await postJson(`${restUrl}/api/v1/bullet-public`);
  const server = body.data.instanceServers[0];
  return {token: body.data.token, endpoint: server.endpoint, pingInterval: server.pingInterval};
}

export class WsClient {
  readonly frames: Frame[] = [];
  readonly raw: string[] = [];
  closedWith: number | null = null;
  readonly ws: WebSocket;

  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.on('message', (data) => {
      const text = data.toString();
      this.raw.push(text);
      this.frames.push(JSON.parse(text));
    });
    this.ws.on('close', (code) => {
      this.closedWith = code;
    });
    this.ws.on('error', () => undefined);
  }

  static async connect(restUrl: string, connectId = 'test-conn'): Promise<WsClient> {
    const {token, endpoint} = await bullet(restUrl);
    const client = new WsClient(`${endpoint}?token=${token}&connectId=${connectId}`);
    await client.waitFrame((f) => f.type === 'welcome', 'welcome');
    return client;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  async waitFrame(match: (frame: Frame) => boolean, what: string, timeoutMs = 3000): Promise<Frame> {
    let found: Frame | undefined;
    await waitUntil(() => (found = this.frames.find(match)) !== undefined, what, timeoutMs);
    return found!;
  }

  async subscribe(topic: string, id = 'sub-1'): Promise<void> {
    this.send({id, type: 'subscribe', topic, privateChannel: false, response: true});
    await this.waitFrame((f) => f.type === 'ack' && f.id === id, `ack ${id}`);
  }

  l2updates(): Frame[] {
    return this.frames.filter((f) => f.type === 'message' && f.subject === 'trade.l2update').map((f) => f.data);
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    const done = new Promise<void>((resolve) => this.ws.once('close', () => resolve()));
    this.ws.terminate();
    await done;
  }
}

/** Local book keyed by the exact price strings the venue sent. */
export interface LocalBook {
  sequence: number;
  bids: Map<string, string>;
  asks: Map<string, string>;
}

export function bookFromSnapshot(data: {sequence: string; bids: [string, string][]; asks: [string, string][]}): LocalBook {
  return {sequence: Number(data.sequence), bids: new Map(data.bids), asks: new Map(data.asks)};
}

/** Official procedure step 4–5: continuity by sequenceStart/End, per-change filter by sequence. Throws on a gap. */
export function applyUpdate(book: LocalBook, update: Frame): void {
  if (update.sequenceEnd <= book.sequence) return;
  if (update.sequenceStart > book.sequence + 1) throw new Error(`gap: book at ${book.sequence}, update starts ${update.sequenceStart}`);
  for (const side of ['asks', 'bids'] as const) {
    for (const [price, size, seq] of update.changes[side] as [string, string, string][]) {
      if (Number(seq) <= book.sequence) continue;
      if (price === '0') continue;
      if (size === '0') book[side].delete(price);
      else book[side].set(price, size);
    }
  }
  book.sequence = update.sequenceEnd;
}
