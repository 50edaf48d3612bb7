// A real HTTP receiver on loopback for the webhook tests: records every request, answers as told, and
// is closed (with its open connections) after the test.
import {createServer, type IncomingMessage, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {TestContext} from 'node:test';

export interface ReceivedRequest {
  method: string;
  path: string;
  body: unknown;
  at: number;
}

/** the status to answer with, or 'hang' to never answer */
export type Answer = number | 'hang';

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  server: Server;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? null : (JSON.parse(text) as unknown);
}

export async function startReceiver(t: TestContext, answer: (request: ReceivedRequest, count: number) => Answer = () => 200): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const received: ReceivedRequest = {method: request.method ?? '', path: request.url ?? '', body, at: Date.now()};
      requests.push(received);
      const status = answer(received, requests.length);
      if (status === 'hang') return;
      response.writeHead(status, {'content-type': 'application/json'}).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const {port} = server.address() as AddressInfo;
  return {url: `http://127.0.0.1:${port}`, requests, server};
}

/** A loopback port nobody listens on (bound, then released): connections to it are refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls `check` until it holds, or fails after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
