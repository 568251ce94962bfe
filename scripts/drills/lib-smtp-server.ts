import net from "node:net";

/**
 * A small SMTP server on node:net for the outbox drills, whose faults can be switched while it
 * runs: down (port closed), 421 at connect, 550/451 at RCPT, 451 after DATA, the connection
 * dropped (or the reply held) after the message was received, and slow replies. It keeps every
 * message it accepted or stored, with its Message-ID and the drill's clock at receipt.
 */
export type SmtpBehaviour = {
  greeting: "220" | "421";
  rcpt: "250" | "451" | "550";
  /** after the DATA terminator: accept, refuse (not stored), drop the connection or never answer (both stored) */
  data: "250" | "451" | "drop" | "hold";
  /** every reply is sent this much later */
  delayMs: number;
};

export type ReceivedMessage = { messageId: string | null; subject: string | null; rcpt: string[]; at: number };

const ACCEPTING: SmtpBehaviour = { greeting: "220", rcpt: "250", data: "250", delayMs: 0 };

export class FaultySmtpServer {
  behaviour: SmtpBehaviour = { ...ACCEPTING };
  /** the drill's (simulated) clock, stamped on each received message */
  clock: () => number = () => Date.now();
  readonly received: ReceivedMessage[] = [];
  readonly counts = { connections: 0, refused421: 0, rcpt451: 0, rcpt550: 0, data451: 0, dropped: 0, held: 0 };
  /** called when a message was stored and its reply is being held (see behaviour.data = "hold") */
  onHeld: ((m: ReceivedMessage) => void) | null = null;
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  set(b: Partial<SmtpBehaviour>): void {
    this.behaviour = { ...this.behaviour, ...b };
  }

  accept(): void {
    this.behaviour = { ...ACCEPTING };
  }

  get isUp(): boolean {
    return this.server !== null;
  }

  /** Listens (again) on the same port as before, or on a free one the first time. */
  async up(): Promise<number> {
    if (this.server) return this.port;
    const server = net.createServer((socket) => this.session(socket));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
    return this.port;
  }

  /** Closes the port and every open session: clients get "connection refused". */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Received copies grouped by Message-ID. */
  byMessageId(): Map<string, ReceivedMessage[]> {
    const map = new Map<string, ReceivedMessage[]>();
    for (const m of this.received) {
      const key = m.messageId ?? "(none)";
      map.set(key, [...(map.get(key) ?? []), m]);
    }
    return map;
  }

  private session(socket: net.Socket): void {
    this.sockets.add(socket);
    this.counts.connections++;
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    let queue = Promise.resolve();
    const reply = (line: string, then?: () => void) => {
      const delay = this.behaviour.delayMs;
      queue = queue.then(async () => {
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
        if (socket.destroyed) return;
        socket.write(`${line}\r\n`);
        then?.();
      });
    };
    if (this.behaviour.greeting === "421") {
      this.counts.refused421++;
      reply("421 4.3.2 drill: service not available, closing channel", () => socket.end());
      return;
    }
    reply("220 drill.local ESMTP drill");

    let buffer = "";
    let inData = false;
    let rcpt: string[] = [];
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.startsWith(".\r\n") ? 0 : buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          const body = end === 0 ? "" : buffer.slice(0, end);
          buffer = buffer.slice(end === 0 ? 3 : end + 5);
          inData = false;
          this.finishData(body, rcpt, socket, reply);
          rcpt = [];
          continue;
        }
        const nl = buffer.indexOf("\r\n");
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") reply("250-drill.local\r\n250-8BITMIME\r\n250 SIZE 10485760");
        else if (verb === "HELO") reply("250 drill.local");
        else if (verb === "MAIL") {
          rcpt = [];
          reply("250 2.1.0 ok");
        } else if (verb === "RCPT") {
          const code = this.behaviour.rcpt;
          if (code === "550") this.counts.rcpt550++;
          if (code === "451") this.counts.rcpt451++;
          if (code === "250") rcpt.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
          reply(code === "250" ? "250 2.1.5 ok" : code === "550" ? "550 5.1.1 drill: mailbox unavailable" : "451 4.3.0 drill: try again later");
        } else if (verb === "DATA") {
          if (rcpt.length === 0) reply("503 5.5.1 no valid recipients");
          else {
            inData = true;
            reply("354 end with <CRLF>.<CRLF>");
          }
        } else if (verb === "RSET") {
          rcpt = [];
          reply("250 2.0.0 ok");
        } else if (verb === "NOOP") reply("250 2.0.0 ok");
        else if (verb === "QUIT") reply("221 2.0.0 bye", () => socket.end());
        else reply("502 5.5.2 command not implemented");
      }
    });
  }

  private finishData(body: string, rcpt: string[], socket: net.Socket, reply: (line: string, then?: () => void) => void): void {
    const mode = this.behaviour.data;
    if (mode === "451") {
      this.counts.data451++;
      reply("451 4.3.0 drill: temporary failure after DATA");
      return;
    }
    const headers = body.split("\r\n\r\n", 1)[0] ?? "";
    const message: ReceivedMessage = {
      messageId: /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(headers)?.[1] ?? null,
      subject: /^Subject:\s*(.*)$/im.exec(headers)?.[1]?.trim() ?? null,
      rcpt,
      at: this.clock(),
    };
    this.received.push(message);
    if (mode === "drop") {
      // stored, but the client never hears so: it must count this as a temporary failure
      this.counts.dropped++;
      socket.destroy();
    } else if (mode === "hold") {
      this.counts.held++;
      this.onHeld?.(message);
    } else reply("250 2.0.0 queued");
  }
}
