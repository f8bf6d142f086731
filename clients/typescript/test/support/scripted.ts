import { createServer, type Server } from "node:http";

/** A request as the scripted server received it, with when it arrived (ms, performance.now()). */
export interface Received {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  at: number;
}

/**
 * A small HTTP server on a free loopback port: it answers each request with the next status of its script (503 as
 * problem details with Retry-After), then 200 with `body`, and keeps what arrived and when.
 */
export class ScriptedServer {
  readonly received: Received[] = [];

  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(statuses: number[], retryAfter: string, body: unknown): Promise<ScriptedServer> {
    const script = [...statuses];
    let scripted: ScriptedServer | undefined;
    const server = createServer((request, response) => {
      const key = request.headers["idempotency-key"];
      scripted!.received.push({
        method: request.method ?? "",
        path: new URL(request.url ?? "/", "http://scripted").pathname,
        idempotencyKey: typeof key === "string" ? key : undefined,
        at: performance.now(),
      });
      request.resume();
      const status = script.shift() ?? 200;
      if (status === 503) {
        response.writeHead(503, { "content-type": "application/problem+json", "retry-after": retryAfter });
        response.end(JSON.stringify({ title: "A node of the cluster is not answering just now.", status }));
        return;
      }
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const address = server.address();
    scripted = new ScriptedServer(server, `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
    return scripted;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((done) => this.server.close(done));
  }
}
