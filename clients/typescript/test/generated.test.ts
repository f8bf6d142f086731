import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import { TestGateway } from "./support/gateway.js";

/** The SDK's types are generated from the gateway's OpenAPI document; this fails while they lag behind it. */
describe("generated API types", () => {
  let gateway: TestGateway;

  before(async () => {
    gateway = await TestGateway.start();
  });

  after(async () => {
    await gateway?.stop();
  });

  it("match the running gateway's OpenAPI document (run `npm run generate` if not)", async () => {
    const generator = (await import(pathToFileURL(resolve(process.cwd(), "scripts/generate.mjs")).href)) as {
      generate(document: unknown): string;
    };
    const document = await (await fetch(`${gateway.url}/openapi/v1.json`)).json();
    const committed = await readFile(resolve(process.cwd(), "src/generated/api.ts"), "utf8");

    assert.equal(committed, generator.generate(document));
  });

  it("cover every operation the gateway serves", async () => {
    const document = (await (await fetch(`${gateway.url}/openapi/v1.json`)).json()) as { paths: Record<string, object> };
    const committed = await readFile(resolve(process.cwd(), "src/generated/api.ts"), "utf8");
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of Object.keys(item).filter((m) => ["get", "put", "post", "delete", "patch"].includes(m))) {
        assert.ok(committed.includes(JSON.stringify(`${method.toUpperCase()} ${path}`)), `${method.toUpperCase()} ${path}`);
      }
    }
  });
});
