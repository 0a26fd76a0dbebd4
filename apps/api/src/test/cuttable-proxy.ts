import { connect, createServer, type Server, type Socket } from "node:net";

type Mode = "forward" | "silent";

/**
 * A TCP proxy in the test's process between the app and PostgreSQL, which a test cuts (every
 * socket destroyed, nothing listening: the connection is refused), silences (connections are
 * accepted and never answered) and restores, on the same port, without restarting the app.
 */
export class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(mode: Mode = "forward") {
    const server = createServer((client) => {
      this.track(client);
      if (mode === "silent") return;
      const upstream = this.track(connect(this.target.port, this.target.host));
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async cut() {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  private track(socket: Socket) {
    this.sockets.add(socket);
    socket.on("error", () => socket.destroy());
    socket.on("close", () => this.sockets.delete(socket));
    return socket;
  }
}
