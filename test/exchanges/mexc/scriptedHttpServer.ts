// Test helper: a loopback HTTP server whose answer to each request is decided by the test, so the REST
// client's handling of specific wire situations (429, timeouts, resets, garbage) can be pinned down.
import http from 'node:http';
import type {AddressInfo} from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  query: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Answer =
  | {status: number; body: string; headers?: Record<string, string>}
  /** never answer (the client must time out) */
  | {hang: true}
  /** destroy the connection after reading the request */
  | {reset: true};

export interface ScriptedServer {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startScriptedServer(answer: (req: SeenRequest) => Answer): Promise<ScriptedServer> {
  const seen: SeenRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const [path, query = ''] = (req.url ?? '').split('?', 2) as [string, string?];
      const request: SeenRequest = {method: req.method ?? '', path, query, headers: req.headers, body: Buffer.concat(chunks).toString('utf8')};
      seen.push(request);
      const a = answer(request);
      if ('hang' in a) return;
      if ('reset' in a) {
        req.socket.destroy();
        return;
      }
      res.writeHead(a.status, {'content-type': 'application/json', ...a.headers});
      res.end(a.body);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export const json = (status: number, value: unknown, headers?: Record<string, string>): Answer => ({status, body: JSON.stringify(value), headers});
