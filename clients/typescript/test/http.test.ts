import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { CoProduceHttp, ProblemError } from "../src/index.js";
import { TestGateway } from "./support/gateway.js";

describe("typed HTTP calls against a real gateway", () => {
  let gateway: TestGateway;
  let facilitator: CoProduceHttp;

  before(async () => {
    gateway = await TestGateway.start();
    facilitator = new CoProduceHttp({ baseUrl: gateway.url, token: gateway.tokenFor() });
  });

  after(async () => {
    await gateway?.stop();
  });

  async function newProject(name: string) {
    const organisation = await facilitator.call("POST /api/organisations", {
      body: { name: `Org for ${name}`, kind: "Charity", displayName: "Priya" },
    });
    return (await facilitator.call("POST /api/projects", {
      body: { organisationId: organisation.value.id, name, summary: "Made by the SDK tests" },
    })).value;
  }

  it("creates and reads back a project, typed from the API's own description", async () => {
    const created = await newProject("Better crisis support");
    const read = await facilitator.call("GET /api/projects/{projectId}", { path: { projectId: created.id } });

    assert.equal(read.status, 200);
    assert.equal(read.value.name, "Better crisis support");
    assert.equal(read.value.stage, created.stage);
    assert.ok(read.value.participants.some((p) => p.role === "Facilitator"));
  });

  it("throws problem details for bad input, and the bad input changes nothing", async () => {
    const before = (await facilitator.call("GET /api/projects", { query: { limit: 200 } })).value.total;

    const refused = await facilitator
      .call("POST /api/projects", { body: { organisationId: randomUUID(), name: "   " } })
      .then(() => undefined, (e: unknown) => e);

    assert.ok(refused instanceof ProblemError);
    assert.ok(refused.status >= 400 && refused.status < 500, `status ${refused.status}`);
    assert.equal(refused.retryable, false);
    assert.equal((await facilitator.call("GET /api/projects", { query: { limit: 200 } })).value.total, before);
  });

  it("answers 404 as a ProblemError for a project the caller cannot see", async () => {
    const project = await newProject("Private to its members");
    const stranger = new CoProduceHttp({ baseUrl: gateway.url, token: gateway.tokenFor() });

    await assert.rejects(
      stranger.call("GET /api/projects/{projectId}", { path: { projectId: project.id } }),
      (e: unknown) => e instanceof ProblemError && e.status === 404,
    );
  });

  it("edits under If-Match: a stale version is refused, the current one accepted", async () => {
    const project = await newProject("Agenda under If-Match");
    const path = { projectId: project.id };
    const item = await facilitator.call("POST /api/projects/{projectId}/agenda/items", { path, body: { title: "Crisis line hours" } });
    assert.ok(item.etag, "a created item comes with its ETag");

    const edited = await facilitator.call("PUT /api/projects/{projectId}/agenda/items/{itemId}", {
      path: { ...path, itemId: item.value.id }, body: { title: "Crisis line opening hours" }, ifMatch: item.etag,
    });
    assert.equal(edited.value.title, "Crisis line opening hours");

    await assert.rejects(
      facilitator.call("PUT /api/projects/{projectId}/agenda/items/{itemId}", {
        path: { ...path, itemId: item.value.id }, body: { title: "Lost edit" }, ifMatch: item.etag,
      }),
      (e: unknown) => e instanceof ProblemError && e.status === 412,
    );
    const current = await facilitator.call("GET /api/projects/{projectId}/agenda/items/{itemId}", { path: { ...path, itemId: item.value.id } });
    assert.equal(current.value.title, "Crisis line opening hours");
  });

  it("a create retried with the same Idempotency-Key makes one project", async () => {
    const organisation = await facilitator.call("POST /api/organisations", {
      body: { name: "Idempotent org", kind: "UserLedOrganisation", displayName: "Sam" },
    });
    const body = { organisationId: organisation.value.id, name: "Once only" };
    const idempotencyKey = randomUUID();

    const first = await facilitator.call("POST /api/projects", { body, idempotencyKey });
    const second = await facilitator.call("POST /api/projects", { body, idempotencyKey });

    assert.equal(second.value.id, first.value.id);
    const all = (await facilitator.call("GET /api/projects", { query: { limit: 200 } })).value.items;
    assert.equal(all.filter((p) => p.name === "Once only").length, 1);
  });

  it("sends the project header the ingress hashes on", async () => {
    const project = await newProject("Routed by project");
    const seen: Array<string | null> = [];
    const recording = new CoProduceHttp({
      baseUrl: gateway.url,
      token: gateway.tokenFor(),
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers).get("x-coproduce-project"));
        return fetch(input, init);
      },
    });

    await recording.call("GET /api/projects/{projectId}", { path: { projectId: project.id } }).catch(() => undefined);
    await recording.call("GET /api/projects", {});

    assert.deepEqual(seen, [project.id, null]);
  });
});
