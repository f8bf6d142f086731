import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CoProduceHttp, ProblemError } from "../src/index.js";
import { ScriptedServer } from "./support/scripted.js";

/** The retry policy, against a scripted server: what is repeated, and what never is. */
describe("retrying while the service is briefly away", () => {
  function scripted(statuses: number[]) {
    const calls: string[] = [];
    const fetchStub: typeof fetch = async (input, init) => {
      calls.push(`${init?.method} ${new URL(String(input)).pathname}`);
      const status = statuses.shift() ?? 200;
      return status === 200
        ? new Response(JSON.stringify({ items: [], offset: 0, limit: 20, total: 0 }), { status, headers: { "content-type": "application/json" } })
        : new Response(JSON.stringify({ title: "The database is unavailable", status }), {
          status, headers: { "content-type": "application/problem+json", "retry-after": "0" },
        });
    };
    return { calls, client: new CoProduceHttp({ baseUrl: "http://gateway.test", token: "t", fetch: fetchStub, maxRetryDelayMs: 1 }) };
  }

  it("repeats a read after 503 with Retry-After until it succeeds", async () => {
    const { calls, client } = scripted([503, 503, 200]);
    const page = await client.call("GET /api/projects", {});
    assert.equal(page.value.total, 0);
    assert.equal(calls.length, 3);
  });

  it("never repeats a create that has no Idempotency-Key", async () => {
    const { calls, client } = scripted([503, 200]);
    await assert.rejects(
      client.call("POST /api/organisations", { body: { name: "x", kind: "Other", displayName: "y" } }),
      (e: unknown) => e instanceof ProblemError && e.status === 503 && e.retryAfterSeconds === 0,
    );
    assert.equal(calls.length, 1);
  });

  it("repeats a create that has an Idempotency-Key, and gives up after the configured retries", async () => {
    const { calls, client } = scripted([503, 503, 503, 503, 503]);
    await assert.rejects(
      client.call("POST /api/organisations", { body: { name: "x", kind: "Other", displayName: "y" }, idempotencyKey: "k1" }),
      (e: unknown) => e instanceof ProblemError && e.retryable,
    );
    assert.equal(calls.length, 4);
  });

  it("does not repeat a client error", async () => {
    const { calls, client } = scripted([400]);
    await assert.rejects(client.call("GET /api/projects", {}), (e: unknown) => e instanceof ProblemError && e.status === 400);
    assert.equal(calls.length, 1);
  });
});

/** The same policy over real HTTP, against a local server that answers 503 with Retry-After and then 200. */
describe("retrying against a server that asks to wait", () => {
  const organisation = { name: "x", kind: "Other", displayName: "y" } as const;
  const page = { items: [], offset: 0, limit: 20, total: 0 };

  it("sends a read again after the delay Retry-After names", async () => {
    const server = await ScriptedServer.start([503], "1", page);
    try {
      const client = new CoProduceHttp({ baseUrl: server.url, token: "t" });
      const answer = await client.call("GET /api/projects", {});
      assert.equal(answer.value.total, 0);
      assert.deepEqual(server.received.map((r) => `${r.method} ${r.path}`), ["GET /api/projects", "GET /api/projects"]);
      const waited = server.received[1]!.at - server.received[0]!.at;
      assert.ok(waited >= 950, `the retry came ${waited.toFixed(0)} ms after the 503 that asked for 1 s`);
    } finally {
      await server.stop();
    }
  });

  it("sends a create with an Idempotency-Key again with the same key", async () => {
    const server = await ScriptedServer.start([503], "0", { id: "0f8fad5b-d9cb-469f-a165-70867728950e" });
    try {
      const client = new CoProduceHttp({ baseUrl: server.url, token: "t" });
      await client.call("POST /api/organisations", { body: organisation, idempotencyKey: "create-1" });
      assert.deepEqual(server.received.map((r) => `${r.method} ${r.idempotencyKey}`), ["POST create-1", "POST create-1"]);
    } finally {
      await server.stop();
    }
  });

  it("never sends a POST without an Idempotency-Key again", async () => {
    const server = await ScriptedServer.start([503], "0", {});
    try {
      const client = new CoProduceHttp({ baseUrl: server.url, token: "t" });
      await assert.rejects(
        client.call("POST /api/organisations", { body: organisation }),
        (e: unknown) => e instanceof ProblemError && e.status === 503 && e.retryAfterSeconds === 0,
      );
      assert.equal(server.received.length, 1);
    } finally {
      await server.stop();
    }
  });
});
