import net from "node:net";

/**
 * A TCP proxy on node:net between the app's database client and the database server, for the
 * restart drill. `outage(ms)` kills every open connection (half with FIN, half with RST, as a
 * stopped or a crashed server would) and refuses new ones (port closed) until it reopens.
 * `freeze(ms)` is a network that silently stops delivering (no FIN, no RST: a partition, a
 * paused VM) and then resets everything, as the TCP stack finally would.
 */
export class TcpProxy {
  port = 0;
  readonly counts = { connections: 0, killed: 0 };
  private server: net.Server | null = null;
  private frozen = false;
  private readonly pairs = new Set<[net.Socket, net.Socket | null]>();

  constructor(private readonly target: { host: string; port: number }) {}

  get isUp(): boolean {
    return this.server !== null;
  }

  async up(): Promise<number> {
    if (this.server) return this.port;
    const server = net.createServer((client) => this.forward(client));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
    return this.port;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.killAll(false);
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Down for `ms`, then up again on the same port; resolves when it accepts connections again. */
  async outage(ms: number): Promise<void> {
    await this.down();
    await new Promise((r) => setTimeout(r, ms));
    await this.up();
  }

  /** Nothing gets through for `ms` (connections stay open, new ones hang), then every connection is reset. */
  async freeze(ms: number): Promise<void> {
    this.frozen = true;
    await new Promise((r) => setTimeout(r, ms));
    this.killAll(true);
    this.frozen = false;
  }

  private killAll(reset: boolean): void {
    let i = 0;
    for (const pair of this.pairs) {
      for (const s of pair) {
        if (!s) continue;
        if (reset || i % 2 === 1) s.resetAndDestroy();
        else s.destroy();
      }
      i++;
      this.counts.killed++;
    }
    this.pairs.clear();
  }

  private forward(client: net.Socket): void {
    this.counts.connections++;
    if (this.frozen) {
      // accepted by the kernel, never answered
      this.pairs.add([client, null]);
      client.on("error", () => client.destroy());
      return;
    }
    const upstream = net.connect(this.target.port, this.target.host);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    this.pairs.add(pair);
    const close = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
    client.on("data", (d: Buffer) => {
      if (!this.frozen) upstream.write(d);
    });
    upstream.on("data", (d: Buffer) => {
      if (!this.frozen) client.write(d);
    });
  }
}
