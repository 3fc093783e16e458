// Loopback networking shared by the test fixtures and launchers: every server a test starts
// listens on 127.0.0.1 only, on a port the OS picks.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** A free port on 127.0.0.1, for programs that must be given a port (code-server, Alertmanager). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface LoopbackListener {
  readonly port: number;
  readonly url: string;
  /** Open connections, so a fixture can drop them all when it stops or simulates a failure. */
  readonly sockets: ReadonlySet<Socket>;
}

/** Starts `server` (HTTP or plain TCP) on a free loopback port and tracks its connections. */
export async function listenOnLoopback(server: Server): Promise<LoopbackListener> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, url: `http://127.0.0.1:${port}`, sockets };
}
