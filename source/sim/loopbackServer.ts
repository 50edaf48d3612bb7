// Binding and closing the simulator's HTTP servers (the MEXC venue's and the KuCoin venue's), one way.
import type {Server} from 'node:http';

/** Listens on host:port (0 = any free port) and resolves with the port actually bound. */
export function listenOn(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error(`no TCP address for ${host}:${port}`));
      else resolve(address.port);
    });
  });
}

/** Closes a server; open connections are cut first, since an idle keep-alive socket would hold close() open. */
export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
