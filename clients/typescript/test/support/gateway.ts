import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * A real gateway process on a loopback port with its own SQLite folder, as the SDK's users meet it.
 * It runs the Release build `npm test` makes first (scripts/build-gateway.mjs); COPRODUCE_GATEWAY_DLL overrides the path.
 */
export class TestGateway {
  private output = "";

  private constructor(
    readonly url: string,
    private readonly process: ChildProcess,
    private readonly folder: string,
    private readonly signingKey: Buffer,
  ) {
    process.stdout?.on("data", (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)));
    process.stderr?.on("data", (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)));
  }

  static async start(): Promise<TestGateway> {
    const dll = process.env.COPRODUCE_GATEWAY_DLL
      ?? resolve(process.cwd(), "../../gateway/CoProduce.Gateway/bin/Release/net10.0/CoProduce.Gateway.dll");
    const folder = await mkdtemp(join(tmpdir(), "coproduce-sdk-"));
    const port = await freePort();
    // Every gateway is an Orleans silo: its own silo and client-gateway ports, so gateways never share them.
    let siloPort = await freePort();
    while (siloPort === port) {
      siloPort = await freePort();
    }
    let clientPort = await freePort();
    while (clientPort === siloPort || clientPort === port) {
      clientPort = await freePort();
    }
    const signingKey = randomBytes(32);
    const child = spawn("dotnet", [dll], {
      cwd: folder,
      env: {
        ...process.env,
        ASPNETCORE_URLS: `http://127.0.0.1:${port}`,
        DOTNET_ENVIRONMENT: "Production",
        CoProduce__Invitations__LinkBase: `http://127.0.0.1:${port}`,
        CoProduce__Storage__Provider: "Sqlite",
        CoProduce__Cluster__SiloPort: `${siloPort}`,
        CoProduce__Cluster__GatewayPort: `${clientPort}`,
        CoProduce__Storage__DataDirectory: folder,
        CoProduce__Auth__SigningKey: signingKey.toString("base64"),
        CoProduce__Anonymity__Key: randomBytes(32).toString("base64"),
        Logging__LogLevel__Default: "Warning",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const gateway = new TestGateway(`http://127.0.0.1:${port}`, child, folder, signingKey);
    await gateway.waitUntilReady();
    return gateway;
  }

  /** A token for a person, signed as the gateway's configured issuer signs them (HS256). */
  tokenFor(personId: string = randomUUID()): string {
    const now = Math.floor(Date.now() / 1000);
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const body = `${part({ alg: "HS256", typ: "JWT" })}.${part({
      iss: "coproduce", aud: "coproduce-api", sub: personId, iat: now, nbf: now, exp: now + 3600, jti: randomUUID(),
    })}`;
    return `${body}.${createHmac("sha256", this.signingKey).update(body).digest("base64url")}`;
  }

  recentOutput(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    if (this.process.exitCode === null) {
      const exited = new Promise((done) => this.process.once("exit", done));
      this.process.kill("SIGTERM");
      await exited;
    }
    await rm(this.folder, { recursive: true, force: true });
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) throw new Error(`The gateway exited (${this.process.exitCode}):\n${this.output}`);
      try {
        if ((await fetch(`${this.url}/health/ready`)).ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error(`The gateway was not ready within a minute:\n${this.output}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}
