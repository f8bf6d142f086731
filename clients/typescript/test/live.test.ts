import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CoProduceHttp, LiveSession, type LiveMessage } from "../src/index.js";
import { TestGateway } from "./support/gateway.js";
import { CuttableProxy } from "./support/proxy.js";

/** Live sessions over real WebSockets against a real gateway. */
describe("live sessions", () => {
  let gateway: TestGateway;
  let facilitatorToken: string;
  let http: CoProduceHttp;

  before(async () => {
    gateway = await TestGateway.start();
    facilitatorToken = gateway.tokenFor();
    http = new CoProduceHttp({ baseUrl: gateway.url, token: facilitatorToken });
  });

  after(async () => {
    await gateway?.stop();
  });

  /** A project with its facilitator and one contributor who joined by invitation. */
  async function project(name: string) {
    const organisation = await http.call("POST /api/organisations", { body: { name: `Org ${name}`, kind: "Charity", displayName: "Priya" } });
    const created = await http.call("POST /api/projects", { body: { organisationId: organisation.value.id, name } });
    const projectId = created.value.id;
    const invitation = await http.call("POST /api/projects/{projectId}/invitations", { path: { projectId }, body: { role: "Contributor", inviteeName: "Sam" } });
    const redeemed = await new CoProduceHttp({ baseUrl: gateway.url, token: "" })
      .call("POST /api/invitations/redeem", { body: { code: invitation.value.code } });
    return { projectId, contributorToken: redeemed.value.token, contributorId: redeemed.value.personId };
  }

  /** Resolves when `received` holds a message that satisfies `test`. */
  function waitFor(received: LiveMessage[], test: (m: LiveMessage) => boolean, session: LiveSession): Promise<LiveMessage> {
    return new Promise((resolve, reject) => {
      const found = received.find(test);
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error(`not received; saw ${JSON.stringify(received.map((m) => m.event.type))}`)), 20_000);
      const off = session.on("*", (m) => {
        if (test(m)) {
          clearTimeout(timer);
          off();
          resolve(m);
        }
      });
    });
  }

  it("pushes an agenda item to everyone in the session with the project's sequence number", async () => {
    const { projectId, contributorToken } = await project("Live agenda");
    const seenByContributor: LiveMessage[] = [];
    const facilitator = await LiveSession.connect({ baseUrl: gateway.url, token: facilitatorToken, projectId });
    const contributor = await LiveSession.connect({ baseUrl: gateway.url, token: contributorToken, projectId }, (m) => seenByContributor.push(m));
    try {
      assert.equal(facilitator.joined.role, "Facilitator");
      assert.equal(contributor.joined.role, "Contributor");

      const item = await facilitator.proposeItem("Crisis line hours");
      const pushed = await waitFor(seenByContributor, (m) => m.event.type === "agendaItemProposed", contributor);

      assert.equal(pushed.event.type === "agendaItemProposed" && pushed.event.item.id, item.id);
      assert.ok(pushed.sequence > contributor.joined.resumeAfter);
    } finally {
      await contributor.close();
      await facilitator.close();
    }
  });

  it("reads who is present in pages, with access needs only for facilitators", async () => {
    const { projectId, contributorToken, contributorId } = await project("Live presence");
    const facilitator = await LiveSession.connect({ baseUrl: gateway.url, token: facilitatorToken, projectId });
    const contributor = await LiveSession.connect({ baseUrl: gateway.url, token: contributorToken, projectId, accessNeeds: ["Large print"] });
    try {
      assert.equal(contributor.joined.snapshot.presentCount, 2);
      assert.equal(contributor.joined.snapshot.presentNext, null);

      const first = await facilitator.presence(undefined, 1);
      assert.equal(first.total, 2);
      assert.equal(first.people.length, 1);
      assert.ok(first.next);
      const second = await facilitator.presence(first.next, 1);
      assert.equal(second.next, null);
      const ids = [...first.people, ...second.people].map((p) => p.personId);
      assert.equal(new Set(ids).size, 2);
      assert.ok(ids.includes(contributorId));

      const seenByFacilitator = await facilitator.everyonePresent();
      const seenByContributor = await contributor.everyonePresent();
      assert.deepEqual(seenByFacilitator.people.map((p) => p.personId), ids);
      assert.deepEqual(seenByFacilitator.people.find((p) => p.personId === contributorId)?.accessNeeds, ["Large print"]);
      assert.ok(seenByContributor.people.every((p) => p.accessNeeds === null));
      await assert.rejects(facilitator.presence(undefined, 0), (e: unknown) => e instanceof Error && /limit/.test(e.message));
    } finally {
      await contributor.close();
      await facilitator.close();
    }
  });

  it("refuses a person who is not in the project", async () => {
    const { projectId } = await project("Members only");
    await assert.rejects(
      LiveSession.connect({ baseUrl: gateway.url, token: gateway.tokenFor(), projectId }),
      (e: unknown) => e instanceof Error && /member|belong|not/i.test(e.message),
    );
  });

  it("after connections are cut mid-stream, catches up with no gap and no repeat", async () => {
    const { projectId, contributorToken } = await project("Cut mid-stream");
    const port = Number(new URL(gateway.url).port);
    const proxy = await CuttableProxy.start(port);
    const received: LiveMessage[] = [];
    const facilitator = await LiveSession.connect({ baseUrl: gateway.url, token: facilitatorToken, projectId });
    const contributor = await LiveSession.connect(
      { baseUrl: proxy.url, token: contributorToken, projectId, reconnectDelaysMs: [50, 100, 200] },
      (m) => received.push(m),
    );
    try {
      const titles: string[] = [];
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 5; i++) {
          const title = `Item ${round}.${i}`;
          titles.push(title);
          await facilitator.proposeItem(title);
        }
        proxy.cut();
      }
      const last = await facilitator.proposeItem("The last one");
      titles.push("The last one");

      await waitFor(received, (m) => m.event.type === "agendaItemProposed" && m.event.item.id === last.id, contributor);
      const sequences = received.map((m) => m.sequence);
      for (let i = 1; i < sequences.length; i++) assert.equal(sequences[i], sequences[i - 1]! + 1, `gap or repeat at ${i}: ${sequences}`);
      const proposed = received.flatMap((m) => (m.event.type === "agendaItemProposed" ? [m.event.item.title] : []));
      assert.deepEqual(proposed, titles);
      assert.ok(contributor.rejoins >= 1, "the contributor reconnected and joined again");
    } finally {
      await contributor.close();
      await facilitator.close();
      await proxy.stop();
    }
  });

  it("pushes tallies as votes change, and the results at close", async () => {
    const { projectId, contributorToken } = await project("Live voting");
    const facilitatorHttp = http;
    const closesAt = new Date(Date.now() + 3_600_000).toISOString();
    const received: LiveMessage[] = [];
    const facilitator = await LiveSession.connect({ baseUrl: gateway.url, token: facilitatorToken, projectId }, (m) => received.push(m));
    const contributor = await LiveSession.connect({ baseUrl: gateway.url, token: contributorToken, projectId });
    try {
      const decision = (await facilitatorHttp.call("POST /api/projects/{projectId}/decisions", {
        path: { projectId }, body: { title: "Where do we meet?", method: "ChooseOne", closesAt, options: ["Library", "Community centre"] },
      })).value;
      const library = decision.options.find((o) => o.label === "Library")!.id;
      const centre = decision.options.find((o) => o.label === "Community centre")!.id;

      await contributor.vote(decision.id, { choice: library });
      const first = await waitFor(received, (m) => m.event.type === "tallyChanged" && m.event.voters === 1, facilitator);
      await facilitator.vote(decision.id, { choice: centre });
      await contributor.vote(decision.id, { choice: centre });
      await facilitator.closeDecision(decision.id);
      const closed = await waitFor(received, (m) => m.event.type === "decisionClosed", facilitator);

      assert.ok(first.event.type === "tallyChanged" && first.event.tally?.winners.includes(library));
      assert.ok(closed.event.type === "decisionClosed");
      if (closed.event.type === "decisionClosed") {
        assert.equal(closed.event.voters, 2);
        assert.deepEqual(closed.event.results.winners, [centre]);
      }
    } finally {
      await contributor.close();
      await facilitator.close();
    }
  });
});
