/** `surety pact …` against the node: every path from creation to settlement, the reads, and refused actions. */
import { describe, expect, it } from "vitest";

import { addressOf } from "./helpers/accounts.ts";
import { cli, file, isolate, ok, travel } from "./helpers/cli.ts";
import { createArgs, pactAt, statusOf } from "./helpers/pacts.ts";

isolate();

describe("pact create", () => {
  it("creates an open pact from terms in a JSON file, canonicalised, with a permit", async () => {
    const terms = file("pact.json", { task: "Summarise", pages: 40 });
    const created = ok(await cli([...createArgs({ terms: `./${terms}` }), "--json"], { as: "buyer" })).json();
    expect(created.action).toBe("createPact");
    expect(created.pactId).toMatch(/^\d+$/);
    expect(created.terms.price).toBe("100000000");
    expect(created.terms.collateral).toBe("50000000");
    expect(created.terms.defaultBuyerBps).toBe(5000);
    expect(created.terms.buyer).toBe(addressOf("buyer"));
    expect(created.termsDocument).toMatchObject({ canonical: '{"pages":40,"task":"Summarise"}', source: "json-file" });
    expect(created.termsDocument.hash).toBe(created.terms.termsHash);
    expect(created.approval).toBeNull(); // the mock token has a permit
    expect(created.terms.deliverBy - created.terms.acceptBy).toBe(2 * 86_400);
    expect((await statusOf(created.pactId)).status).toBe("open");
  });

  it("hashes a text file as its text, and a 0x hash as it is", async () => {
    const text = file("terms.md", "# Terms\nTranslate 20 pages.\n");
    const fromText = ok(await cli([...createArgs({ terms: text }), "--json"], { as: "buyer" })).json();
    expect(fromText.termsDocument).toMatchObject({ canonical: "# Terms\nTranslate 20 pages.\n", source: "file" });
    const hash = `0x${"ab".repeat(32)}`;
    const fromHash = ok(await cli([...createArgs({ terms: hash }), "--json"], { as: "buyer" })).json();
    expect(fromHash.terms.termsHash).toBe(hash);
    expect(fromHash.termsDocument).toMatchObject({ canonical: null, source: "hash" });
  });

  it("pays in ETH with --token eth and prints a table by default", async () => {
    const created = ok(
      await cli(createArgs({ token: "eth", price: "0.5", "arbiter-fee": "0.01" }), { as: "buyer" }),
    ).stdout;
    expect(created).toMatch(/Pact \d+ created/);
    expect(created).toContain("0.5 ETH");
    expect(created).toContain("50 mUSD"); // the collateral, in the stake token
    expect(created).toContain("(the text given)");
  });

  it("cannot be accepted by a paused agent: refused in plain words (exit 1)", async () => {
    const pactId = await pactAt("open");
    ok(
      await cli(["agent", "set-status", addressOf("agent"), "--status", "paused", "--reason", "incident"], {
        as: "operator",
      }),
    );
    const refused = await cli(["pact", "accept", pactId], { as: "agent" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`the operator has paused agent ${addressOf("agent")}: it cannot take new pacts`);
    expect(refused.stderr).toContain("Surety_AgentPaused");
  });
});

describe("a pact's paths", () => {
  it("accept, deliver, release; show and history follow", async () => {
    const pactId = await pactAt("open");
    const accepted = ok(await cli(["pact", "accept", pactId, "--json"], { as: "agent" })).json();
    expect(accepted.event).toMatchObject({ pactId, collateral: "50000000" });
    const delivered = ok(
      await cli(["pact", "deliver", pactId, "--delivery", "ipfs://bafy/report.pdf", "--json"], { as: "agent" }),
    ).json();
    expect(delivered.delivery).toMatchObject({ canonical: "ipfs://bafy/report.pdf", source: "text" });

    const shown = ok(await cli(["pact", "show", pactId]));
    expect(shown.stdout).toContain(`Pact ${pactId}`);
    expect(shown.stdout).toContain("delivered");
    expect(shown.stdout).toContain("the buyer releases (surety pact release)");

    const released = ok(await cli(["pact", "release", pactId], { as: "buyer" })).stdout;
    expect(released).toContain(`Pact released (pact ${pactId})`);
    expect(released).toContain("payment 100 mUSD");
    expect((await statusOf(pactId)).status).toBe("released");

    const history = ok(await cli(["pact", "history", pactId, "--json"])).json<{ eventName: string }[]>();
    expect(history.map((entry) => entry.eventName)).toEqual([
      "PactCreated",
      "PactAccepted",
      "PactDelivered",
      "PactReleased",
    ]);
    const table = ok(await cli(["pact", "history", pactId])).stdout;
    expect(table).toContain("PactReleased");
    expect(table).toContain("price 100 mUSD");
  });

  it("cancel by the buyer while open", async () => {
    const pactId = await pactAt("open");
    const cancelled = ok(await cli(["pact", "cancel", pactId, "--json"], { as: "buyer" })).json();
    expect(cancelled.event).toMatchObject({ pactId, refund: "100000000" });
    expect((await statusOf(pactId)).status).toBe("cancelled");
  });

  it("reclaim after acceptBy, by anyone", async () => {
    const pactId = await pactAt("open");
    expect((await cli(["pact", "reclaim", pactId], { as: "stranger" })).code).toBe(1);
    await travel(86_401);
    expect((await statusOf(pactId)).effectiveStatus).toBe("expired");
    ok(await cli(["pact", "reclaim", pactId], { as: "stranger" }));
    expect((await statusOf(pactId)).status).toBe("reclaimed");
  });

  it("refund after a missed delivery, with the penalty slashed", async () => {
    const pactId = await pactAt("active");
    await travel(3 * 86_400 + 1);
    const show = ok(await cli(["pact", "show", pactId])).stdout;
    expect(show).toContain("overdue (on-chain: active)");
    const refunded = ok(await cli(["pact", "refund", pactId, "--json"], { as: "buyer" })).json();
    expect(refunded.event).toMatchObject({ refund: "100000000", slashed: "20000000" });
  });

  it("finalize after the review period", async () => {
    const pactId = await pactAt("delivered");
    const early = await cli(["pact", "finalize", pactId], { as: "stranger" });
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/the deadline of pact \d+ \(.*\) has not passed yet/);
    await travel(2 * 86_400 + 1);
    const finalized = ok(await cli(["pact", "finalize", pactId, "--json"], { as: "stranger" })).json();
    expect(finalized.event).toMatchObject({ payment: "100000000", caller: addressOf("stranger") });
  });

  it("dispute pays the arbiter fee, with the reason's hash", async () => {
    const pactId = await pactAt("delivered");
    const reason = file("reason.json", { missing: "pages 30 to 40" });
    const disputed = ok(await cli(["pact", "dispute", pactId, "--reason", reason, "--json"], { as: "buyer" })).json();
    expect(disputed.event).toMatchObject({ fee: "1000000", arbiter: addressOf("arbiter") });
    expect(disputed.reason).toMatchObject({ canonical: '{"missing":"pages 30 to 40"}', source: "json-file" });
    expect((await statusOf(pactId)).status).toBe("disputed");
  });
});

describe("refused actions (exit 1, the contract's reason in plain words)", () => {
  it("accepting twice", async () => {
    const pactId = await pactAt("active");
    const again = await cli(["pact", "accept", pactId], { as: "agent" });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`acceptPact reverted: pact ${pactId} is active, which does not allow this call.`);
    expect(again.stdout).toBe("");
  });

  it("releasing someone else's pact, with --json giving the decoded error", async () => {
    const pactId = await pactAt("active");
    const refused = await cli(["pact", "release", pactId, "--json"], { as: "stranger" });
    expect(refused.code).toBe(1);
    const { error } = refused.json();
    expect(error).toMatchObject({
      code: 1,
      kind: "refused",
      errorName: "Surety_CallerNotBuyer",
      args: [pactId, addressOf("stranger")],
    });
    expect(error.message).toContain(`${addressOf("stranger")} is not the buyer of pact ${pactId}`);
  });

  it("a pact that does not exist", async () => {
    const missing = await cli(["pact", "show", "999999"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("No pact 999999");
    const write = await cli(["pact", "accept", "999999"], { as: "agent" });
    expect(write.code).toBe(1);
    expect(write.stderr).toContain("No pact 999999");
  });
});
