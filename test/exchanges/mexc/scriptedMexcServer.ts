// Test helper: a scripted MEXC endpoint on loopback — REST depth snapshots from a book the test controls,
// and a /ws WebSocket that acks subscriptions (or refuses them), answers PING, and sends protobuf pushes
// encoded with the official schema. The test decides every push, so gaps and garbage are exact.
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {WebSocket, WebSocketServer} from 'ws';
import {encodePushWrapper} from '../../../source/wire/mexcProtobuf/schema.js';

export interface ScriptedMexc {
  restUrl: string;
  wsUrl: string;
  /** price → size of the server's book; a depth request answers it at `version` */
  book: {bids: Map<string, string>; asks: Map<string, string>; version: number};
  /** every WS connection so far (latest last) */
  sockets: WebSocket[];
  subscriptions: string[][];
  depthRequests: number;
  /** answer depth requests with 503 */
  failDepth: boolean;
  /** answer subscriptions with the "Blocked" refusal */
  refuseSubscriptions: boolean;
  /** do not answer PING */
  mutePongs: boolean;
  /** listen keys the server knows (valid ones) */
  listenKeys: Set<string>;
  listenKeyCalls: string[];
  /** answer keep-alive (PUT) with this error instead */
  failKeepAlive: {status: number; code: number} | null;
  /** listen key of each WS connection (null for public ones) */
  socketKeys: (string | null)[];
  /** set levels, bump the version, and push the change (or only bump when `send` is false: a lost push) */
  change(bids: [string, string][], asks: [string, string][], send?: boolean): void;
  pushRaw(data: Buffer): void;
  pushWrapper(payload: Record<string, unknown>): void;
  close(): Promise<void>;
}

export async function startScriptedMexc(symbol: string): Promise<ScriptedMexc> {
  const topic = `spot@public.aggre.depth.v3.api.pb@100ms@${symbol}`;
  const sockets = new Set<import('node:net').Socket>();
  const state: ScriptedMexc = {
    restUrl: '',
    wsUrl: '',
    book: {bids: new Map(), asks: new Map(), version: 1000},
    sockets: [],
    subscriptions: [],
    depthRequests: 0,
    failDepth: false,
    refuseSubscriptions: false,
    mutePongs: false,
    listenKeys: new Set(),
    listenKeyCalls: [],
    failKeepAlive: null,
    socketKeys: [],
    change(bids, asks, send = true) {
      const from = state.book.version + 1;
      state.book.version += 1 + Math.floor(Math.random() * 3); // a push may cover several versions
      for (const [p, s] of bids) s === '0' ? state.book.bids.delete(p) : state.book.bids.set(p, s);
      for (const [p, s] of asks) s === '0' ? state.book.asks.delete(p) : state.book.asks.set(p, s);
      if (!send) return;
      const level = ([price, quantity]: [string, string]) => ({price, quantity});
      state.pushWrapper({
        channel: topic,
        symbol,
        sendTime: Date.now(),
        publicAggreDepths: {
          asks: asks.map(level),
          bids: bids.map(level),
          eventType: 'spot@public.aggre.depth.v3.api.pb@100ms',
          fromVersion: String(from),
          toVersion: String(state.book.version),
        },
      });
    },
    pushRaw(data) {
      for (const ws of state.sockets) if (ws.readyState === WebSocket.OPEN) ws.send(data, {binary: true});
    },
    pushWrapper(payload) {
      state.pushRaw(Buffer.from(encodePushWrapper(payload)));
    },
    close: async () => {
      for (const ws of state.sockets) ws.terminate();
      wss.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/v3/depth') {
      state.depthRequests += 1;
      if (state.failDepth) {
        res.writeHead(503, {'content-type': 'application/json'}).end(JSON.stringify({code: 503, msg: 'service not available'}));
        return;
      }
      const side = (m: Map<string, string>) => [...m.entries()];
      res.writeHead(200, {'content-type': 'application/json'});
      res.end(JSON.stringify({lastUpdateId: state.book.version, bids: side(state.book.bids), asks: side(state.book.asks)}));
      return;
    }
    if (url.pathname === '/api/v3/time') {
      res.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify({serverTime: Date.now()}));
      return;
    }
    if (url.pathname === '/api/v3/userDataStream') {
      const method = req.method ?? '';
      state.listenKeyCalls.push(method);
      const answer = (status: number, body: unknown) => res.writeHead(status, {'content-type': 'application/json'}).end(JSON.stringify(body));
      if (method === 'POST') {
        const key = `key${state.listenKeyCalls.length}`.padEnd(64, '0');
        state.listenKeys.add(key);
        return answer(200, {listenKey: key});
      }
      const key = url.searchParams.get('listenKey') ?? '';
      if (method === 'PUT' && state.failKeepAlive) return answer(state.failKeepAlive.status, {code: state.failKeepAlive.code, msg: 'listen key information error'});
      if (!state.listenKeys.has(key)) return answer(400, {code: 730708, msg: 'listen key information error'});
      if (method === 'DELETE') state.listenKeys.delete(key);
      return answer(200, {listenKey: key});
    }
    res.writeHead(404).end('{}');
  });
  const wss = new WebSocketServer({noServer: true});
  server.on('upgrade', (req, socket, head) => {
    const key = new URL(req.url ?? '/', 'http://x').searchParams.get('listenKey');
    if (key !== null && !state.listenKeys.has(key)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      state.sockets.push(ws);
      state.socketKeys.push(key);
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as {method: string; params?: string[]; id?: number};
        if (msg.method.toUpperCase() === 'PING') {
          if (!state.mutePongs) ws.send(JSON.stringify({id: 0, code: 0, msg: 'PONG'}));
        } else if (msg.method === 'SUBSCRIPTION') {
          state.subscriptions.push(msg.params ?? []);
          const list = (msg.params ?? []).join(',');
          ws.send(JSON.stringify({id: msg.id ?? 0, code: 0, msg: state.refuseSubscriptions ? `Not Subscribed successfully! [${list}]. Reason： Blocked! ` : list}));
        }
      });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  state.restUrl = `http://127.0.0.1:${port}`;
  state.wsUrl = `ws://127.0.0.1:${port}/ws`;
  return state;
}
