import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CoProduceHttp, ProblemError } from "../src/index.js";

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
