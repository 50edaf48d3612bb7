// A scripted KuCoin stand-in for unit tests of the client: the test decides every frame the client sees
// (malformed, duplicate, gapped, straddling) and every control answer (pong or silence, ack or error).
// Wire shapes follow docs/protocols/kucoin.md §2-§3. For the behaving market, see the simulator integration test.
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {WebSocketServer, type WebSocket} from 'ws';

export interface ScriptedSnapshot {
  sequence: number;
  bids: [string, string][];
  asks: [string, string][];
}

export interface ScriptedConnection {
  socket: WebSocket;
  token: string;
  connectId: string | null;
  /** parsed client frames, in order */
  received: Record<string, unknown>[];
  subscribed: boolean;
  send(frame: unknown): void;
}

export interface ScriptedKucoinServer {
  restUrl: string;
  tokensIssued: string[];
  connections: ScriptedConnection[];
  snapshotRequests: number;
  /** path and query of every snapshot request */
  snapshotUrls: string[];
  /** the snapshot the next GET returns (a function to compute it per request) */
  snapshot: () => ScriptedSnapshot | {code: string; msg: string};
  answerPings: boolean;
  sendWelcome: boolean;
  /** error frame sent instead of the ack, e.g. {code: 404, data: 'topic ... is not found'} */
  rejectSubscribe: {code: number; data: string} | null;
  pingIntervalMs: number;
  pingTimeoutMs: number;
  latest(): ScriptedConnection | undefined;
  close(): Promise<void>;
}

export async function startScriptedKucoinServer(): Promise<ScriptedKucoinServer> {
  const http = createServer((request, response) => void handle(request, response));
  const wss = new WebSocketServer({noServer: true});
  const state: ScriptedKucoinServer = {
    restUrl: '',
    tokensIssued: [],
    connections: [],
    snapshotRequests: 0,
    snapshotUrls: [],
    snapshot: () => ({sequence: 0, bids: [], asks: []}),
    answerPings: true,
    sendWelcome: true,
    rejectSubscribe: null,
    pingIntervalMs: 18000,
    pingTimeoutMs: 10000,
    latest: () => state.connections.at(-1),
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };

  function json(response: ServerResponse, body: unknown): void {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(body));
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://x');
    if (request.method === 'POST' && url.pathname === '/api/v1/bullet-public') {
      const token = `tok-${state.tokensIssued.length + 1}`;
      state.tokensIssued.push(token);
      const port = (http.address() as AddressInfo).port;
      json(response, {
        code: '200000',
        data: {
          token,
          instanceServers: [
            {endpoint: `ws://127.0.0.1:${port}/`, encrypt: false, protocol: 'websocket', pingInterval: state.pingIntervalMs, pingTimeout: state.pingTimeoutMs},
          ],
        },
      });
      return;
    }
    if (request.method === 'GET' && /^\/api\/v1\/market\/orderbook\/level2_(20|100)$/.test(url.pathname)) {
      state.snapshotRequests += 1;
      state.snapshotUrls.push(`${url.pathname}${url.search}`);
      const snapshot = state.snapshot();
      if ('code' in snapshot) json(response, snapshot);
      else json(response, {code: '200000', data: {time: Date.now(), sequence: String(snapshot.sequence), bids: snapshot.bids, asks: snapshot.asks}});
      return;
    }
    response.statusCode = 404;
    json(response, {code: '404000', msg: 'not found'});
  }

  http.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const token = url.searchParams.get('token') ?? '';
    if (!state.tokensIssued.includes(token)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection: ScriptedConnection = {
        socket: ws,
        token,
        connectId: url.searchParams.get('connectId'),
        received: [],
        subscribed: false,
        send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
      };
      state.connections.push(connection);
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as Record<string, unknown>;
        connection.received.push(frame);
        if (frame.type === 'ping' && state.answerPings) connection.send({id: frame.id, type: 'pong'});
        if (frame.type === 'subscribe') {
          if (state.rejectSubscribe) connection.send({id: frame.id, type: 'error', ...state.rejectSubscribe});
          else {
            connection.subscribed = true;
            if (frame.response === true) connection.send({id: String(frame.id), type: 'ack'});
          }
        }
      });
      if (state.sendWelcome) connection.send({id: connection.connectId ?? 'anon', type: 'welcome'});
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  state.restUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return state;
}

/** A `/market/level2` message as KuCoin sends it. */
export function l2Frame(symbol: string, sequenceStart: number, sequenceEnd: number, bids: [string, string, number][], asks: [string, string, number][] = []) {
  const triple = ([price, size, sequence]: [string, string, number]) => [price, size, String(sequence)];
  return {
    type: 'message',
    topic: `/market/level2:${symbol}`,
    subject: 'trade.l2update',
    data: {changes: {bids: bids.map(triple), asks: asks.map(triple)}, sequenceStart, sequenceEnd, symbol, time: Date.now()},
  };
}

/** Resolves when `condition()` holds; rejects after `timeoutMs` with `what`. Polls, never sleeps blindly. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
