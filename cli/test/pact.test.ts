/** `surety pact …` against the node: every path from creation to settlement, the reads, and refused actions. */
import { describe, expect, it } from "vitest";

import { addressOf } from "./helpers/accounts.ts";
import { cli, file, isolate, ok, testClient, travel } from "./helpers/cli.ts";
import { createArgs, pactAt, statusOf } from "./helpers/pacts.ts";

isolate();

describe("pact create", () => {
  it("test_GivenJsonTermsFile_CreatesOpenPact_CanonicalisedWithPermit", async () => {
    const terms = file("pact.json", { task: "Summarise", pages: 40 });
    const created = ok(await cli([...createArgs({ terms: `./${terms}` }), "--json"], { as: "buyer" })).json();
    expect(created).toMatchObject({ action: "pact.create", eventName: "PactCreated" });
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

  it("test_GivenTextFileOrHash_HashesTextOrKeepsHash", async () => {
    const text = file("terms.md", "# Terms\nTranslate 20 pages.\n");
    const fromText = ok(await cli([...createArgs({ terms: text }), "--json"], { as: "buyer" })).json();
    expect(fromText.termsDocument).toMatchObject({ canonical: "# Terms\nTranslate 20 pages.\n", source: "file" });
    const hash = `0x${"ab".repeat(32)}`;
    const fromHash = ok(await cli([...createArgs({ terms: hash }), "--json"], { as: "buyer" })).json();
    expect(fromHash.terms.termsHash).toBe(hash);
    expect(fromHash.termsDocument).toMatchObject({ canonical: null, source: "hash" });
  });

  it("test_GivenTokenEth_PaysInEth_PrintsTable", async () => {
    const created = ok(
      await cli(createArgs({ token: "eth", price: "0.5", "arbiter-fee": "0.01" }), { as: "buyer" }),
    ).stdout;
    expect(created).toMatch(/Pact \d+ created/);
    expect(created).toContain("0.5 ETH");
    expect(created).toContain("50 mUSD"); // the collateral, in the stake token
    expect(created).toContain("(the text given)");
  });

  it("test_RevertGiven_AgentPaused_WhenAccepting", async () => {
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

describe("pact accept, deliver, release, cancel, reclaim, refund, finalize, dispute", () => {
  it("test_WhenAcceptedDeliveredReleased_ShowAndHistoryFollow", async () => {
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

  it("test_GivenOpen_WhenBuyerCancels_Cancels", async () => {
    const pactId = await pactAt("open");
    const cancelled = ok(await cli(["pact", "cancel", pactId, "--json"], { as: "buyer" })).json();
    expect(cancelled.event).toMatchObject({ pactId, refund: "100000000" });
    expect((await statusOf(pactId)).status).toBe("cancelled");
  });

  it("test_GivenAcceptByPassed_WhenAnyoneReclaims_Reclaims", async () => {
    const pactId = await pactAt("open");
    expect((await cli(["pact", "reclaim", pactId], { as: "stranger" })).code).toBe(1);
    await travel(86_401);
    expect((await statusOf(pactId)).effectiveStatus).toBe("expired");
    ok(await cli(["pact", "reclaim", pactId], { as: "stranger" }));
    expect((await statusOf(pactId)).status).toBe("reclaimed");
  });

  it("test_GivenDeliveryMissed_WhenRefunded_SlashesPenalty", async () => {
    const pactId = await pactAt("active");
    await travel(3 * 86_400 + 1);
    const show = ok(await cli(["pact", "show", pactId])).stdout;
    expect(show).toContain("overdue (on-chain: active)");
    const refunded = ok(await cli(["pact", "refund", pactId, "--json"], { as: "buyer" })).json();
    expect(refunded.event).toMatchObject({ refund: "100000000", slashed: "20000000" });
  });

  it("test_GivenDeliveryMissedWithNoBlockSince_ShowsOverdue_AndRefunds", async () => {
    // No time travel: the deadline passes while the node (automine only) mines nothing, as on an idle local chain.
    const pactId = await pactAt("active", { "accept-in": "4s", "deliver-in": "5s" });
    const { terms } = ok(await cli(["pact", "show", pactId, "--json"])).json<{ terms: { deliverBy: number } }>();
    const node = testClient();
    const idle = await node.getBlockNumber();
    const waitUntil = Date.now() + 20_000;
    while ((await node.getBlock({ blockTag: "pending" })).timestamp <= BigInt(terms.deliverBy)) {
      expect(Date.now(), "the node's clock did not pass deliverBy").toBeLessThan(waitUntil);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await node.getBlockNumber()).toBe(idle);
    expect((await node.getBlock()).timestamp).toBeLessThanOrEqual(BigInt(terms.deliverBy));
    // The reads and the refund judge the deadline at the next block's time, not at the stale latest block's.
    const show = ok(await cli(["pact", "show", pactId])).stdout;
    expect(show).toContain("overdue (on-chain: active)");
    const refunded = ok(await cli(["pact", "refund", pactId, "--json"], { as: "stranger" })).json();
    expect(refunded.event).toMatchObject({ refund: "100000000", slashed: "20000000" });
  });

  it("test_GivenReviewPeriodOver_WhenFinalized_PaysAgent", async () => {
    const pactId = await pactAt("delivered");
    const early = await cli(["pact", "finalize", pactId], { as: "stranger" });
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/the deadline of pact \d+ \(.*\) has not passed yet/);
    await travel(2 * 86_400 + 1);
    const finalized = ok(await cli(["pact", "finalize", pactId, "--json"], { as: "stranger" })).json();
    expect(finalized.event).toMatchObject({ payment: "100000000", caller: addressOf("stranger") });
  });

  it("test_WhenDisputed_PaysArbiterFee_WithReasonHash", async () => {
    const pactId = await pactAt("delivered");
    const reason = file("reason.json", { missing: "pages 30 to 40" });
    const disputed = ok(await cli(["pact", "dispute", pactId, "--reason", reason, "--json"], { as: "buyer" })).json();
    expect(disputed.event).toMatchObject({ fee: "1000000", arbiter: addressOf("arbiter") });
    expect(disputed.reason).toMatchObject({ canonical: '{"missing":"pages 30 to 40"}', source: "json-file" });
    expect((await statusOf(pactId)).status).toBe("disputed");
  });
});

describe("pact writes refused by the contract", () => {
  it("test_RevertGiven_AlreadyAccepted", async () => {
    const pactId = await pactAt("active");
    const again = await cli(["pact", "accept", pactId], { as: "agent" });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`acceptPact reverted: pact ${pactId} is active, which does not allow this call.`);
    expect(again.stdout).toBe("");
  });

  it("test_RevertWhen_CallerNotBuyer_JsonGivesDecodedError", async () => {
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

  it("test_RevertGiven_PactDoesNotExist", async () => {
    const missing = await cli(["pact", "show", "999999"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("No pact 999999");
    const write = await cli(["pact", "accept", "999999"], { as: "agent" });
    expect(write.code).toBe(1);
    expect(write.stderr).toContain("No pact 999999");
  });
});

describe("pact create (checked before sending)", () => {
  it("test_RevertWhen_EthPriceAboveBalance_NamesBalanceInEth", async () => {
    const refused = await cli(createArgs({ token: "eth", price: "20000", "arbiter-fee": "0.01" }), { as: "buyer" });
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(
        `error \\(refused\\): the buyer ${addressOf("buyer")} holds [\\d.]+ ETH, less than the price of 20000 ETH`,
      ),
    );
  });

  it("test_RevertWhen_TokenPriceAboveBalance_NamesBalanceInTokens", async () => {
    const refused = await cli(createArgs({ price: "250000" }), { as: "buyer" });
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toContain(`holds 100000 mUSD, less than the price of 250000 mUSD`);
    expect(refused.stderr).not.toMatch(/\d{9,}/);
  });

  it("test_RevertWhen_TokenIsNotAnErc20_SaysSoInCliWords", async () => {
    const refused = await cli(createArgs({ token: addressOf("stranger"), price: "12.5" }), { as: "buyer" });
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain("--price: ");
    expect(refused.stderr).not.toMatch(/bigint|base units/);
  });

  it("test_RevertWhen_PeriodsOutsideDeploymentBounds_ReportsEveryFlagBeforeSending", async () => {
    const before = await testClient().getBlockNumber();
    const refused = await cli(createArgs({ "review-period": "30m", "ruling-period": "90d", penalty: "60" }), {
      as: "buyer",
    });
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain("--review-period: must be from 1h to 30d on this deployment, not 30m");
    expect(refused.stderr).toContain("--ruling-period: must be from 1d to 60d on this deployment, not 90d");
    expect(refused.stderr).toContain("--penalty: must be at most the collateral (50 mUSD), not 60 mUSD");
    expect(await testClient().getBlockNumber()).toBe(before);
  });
});

describe("pact accept, pact deliver (--json)", () => {
  it("test_WhenWriting_NamesActionByCommandAndEventByContract", async () => {
    const pactId = await pactAt("open");
    const accepted = ok(await cli(["pact", "accept", pactId, "--json"], { as: "agent" })).json();
    expect(accepted).toMatchObject({ action: "pact.accept", eventName: "PactAccepted", pactId });
    const delivered = ok(
      await cli(["pact", "deliver", pactId, "--delivery", "the report", "--json"], { as: "agent" }),
    ).json();
    expect(delivered).toMatchObject({ action: "pact.deliver", eventName: "PactDelivered" });
    expect(delivered.delivery).toMatchObject({ canonical: "the report", source: "text" });
    const shown = ok(await cli(["pact", "show", pactId, "--json"])).json();
    expect(shown.status).toBe("delivered");
  });
});

describe("pact show", () => {
  it("test_GivenProposals_FitsHundredColumns", async () => {
    const pactId = await pactAt("delivered");
    ok(await cli(["pact", "settle", "propose", pactId, "--buyer-bps", "30%"], { as: "agent" }));
    const shown = ok(await cli(["pact", "show", pactId])).stdout;
    const widest = Math.max(...shown.split("\n").map((line) => line.length));
    expect(widest, shown).toBeLessThanOrEqual(100);
    for (const heading of [`Pact ${pactId}`, "Proposals", "Terms"]) expect(shown).toContain(`${heading}\n`);
    // Nothing is cut: the hashes and addresses print whole.
    expect(shown).toContain(addressOf("arbiter"));
  });
});
