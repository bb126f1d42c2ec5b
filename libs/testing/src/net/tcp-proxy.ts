import { createConnection, createServer, Server, Socket } from 'node:net';

/**
 * A loopback TCP forwarder between the app and PostgreSQL. `cut()` closes every connection and
 * refuses new ones, as a database outage looks to the app; `silence()` keeps every socket open
 * but forwards nothing, as a hung server or a dropped network path looks (no reset, no answer);
 * `restore()` forwards new connections again.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private silent = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = 0): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
    return this.port;
  }

  async cut(): Promise<void> {
    this.silent = false;
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * Freezes existing connections (bytes are read and dropped both ways) and accepts new ones
   * without ever connecting them upstream. The frozen sockets stay frozen after `restore()`,
   * as a dead path would: the app must give up on them by itself.
   */
  silence(): void {
    this.silent = true;
    for (const socket of this.sockets) {
      socket.unpipe();
      socket.removeAllListeners('data');
      socket.on('data', () => undefined);
      socket.resume();
    }
  }

  async restore(): Promise<void> {
    if (this.silent) {
      this.silent = false;
      return;
    }
    await this.start(this.port);
  }

  async stop(): Promise<void> {
    await this.cut();
  }

  private accept(client: Socket): void {
    this.track(client);
    if (this.silent) {
      client.on('data', () => undefined);
      return;
    }
    const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
    this.track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }
}
