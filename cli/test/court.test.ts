/**
 * `surety court …` against the node: a court adapter as a pact's arbiter, from the buyer's request to the court's
 * ruling, the delivery standing when the buyer does not pay, and `court status` before a TestRealisticCourt in
 * every state.
 */
import { createWalletClient, http, parseAbi, publicActions, type Address } from "viem";
import { hardhat } from "viem/chains";
import { describe, expect, inject, it } from "vitest";

import { accountOf, addressOf } from "./helpers/accounts.ts";
import { cli, file, isolate, ok, rpcUrl, travel, unwrap } from "./helpers/cli.ts";
import { pactAt, statusOf } from "./helpers/pacts.ts";

isolate();

const { court, adapter, realistic } = inject("courts");
const DAY = 86_400;

const courtAbi = parseAbi([
  "function giveRuling(uint256 disputeID, uint256 ruling)",
  "function executeRuling(uint256 disputeID)",
]);

/** The court's owner (the operator account, which deployed it) calls it. */
async function courtCall(
  target: Address,
  functionName: "giveRuling" | "executeRuling",
  args: readonly bigint[],
): Promise<void> {
  const client = createWalletClient({
    account: accountOf("operator"),
    chain: { ...hardhat, rpcUrls: { default: { http: [rpcUrl()] } } },
    transport: http(rpcUrl()),
  }).extend(publicActions);
  const hash = await client.writeContract({ address: target, abi: courtAbi, functionName, args: args as never });
  await client.waitForTransactionReceipt({ hash });
}

/** A table row: its label, then its value (cli-table3 pads the label and draws a border between). */
function row(label: string, value: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`${escape(label)}\\s+│ ${escape(value)}`);
}

/** `court status` in both forms; the table never shows a 1970 date nor the court's "not payable" quote. */
async function status(pactId: string) {
  const table = unwrap(ok(await cli(["court", "status", pactId])).stdout);
  expect(table).not.toContain("1970-01-01");
  expect(table).not.toMatch(/\d{30,}/);
  return { table, json: ok(await cli(["court", "status", pactId, "--json"])).json() };
}

describe("court", () => {
  it("test_WhenCourtRulesFinallyAfterAppeal_SettlesPact", async () => {
    const pactId = await pactAt("disputed", { arbiter: adapter });
    const evidence = ok(
      await cli(["court", "evidence", pactId, "--evidence", "ipfs://bafy/chat.json", "--json"], { as: "agent" }),
    ).json();
    expect(evidence.event).toMatchObject({ party: addressOf("agent"), evidence: "ipfs://bafy/chat.json" });

    const requested = ok(
      await cli(["court", "request", pactId, "--reason", "Pages 30 to 40 are missing", "--value", "0.5", "--json"], {
        as: "buyer",
      }),
    ).json();
    expect(requested.event).toMatchObject({ requester: addressOf("buyer"), cost: "10000000000000000" });
    expect(requested.reasonURI).toMatch(/^data:application\/json;base64,/);
    expect(requested.held).toMatchObject({ arbiter: adapter });
    const disputeID = BigInt(requested.event.disputeID);

    const waiting = (await status(pactId)).table;
    expect(waiting).toContain(`Court dispute of pact ${pactId}`);
    expect(waiting).toContain(`yes, court dispute ${disputeID}`);
    expect(waiting).toContain("waiting");
    expect(waiting).toContain("its rulings say what the adapter does");
    expect(waiting).toContain("Ruling held until");

    await courtCall(court, "giveRuling", [disputeID, 1n]);
    const appealable = await status(pactId);
    expect(appealable.json).toMatchObject({
      courtStatus: "appealable",
      currentRuling: "1",
      appealCost: "20000000000000000",
      appealable: true,
    });
    expect(appealable.table).toContain("1 (Refund the buyer)");
    expect(appealable.table).toContain("open: 0.02 ETH (surety court appeal, the buyer or the agent)");
    const appeal = ok(await cli(["court", "appeal", pactId, "--json"], { as: "agent" })).json();
    expect(appeal.event).toMatchObject({ party: addressOf("agent"), cost: "20000000000000000" });

    await courtCall(court, "giveRuling", [disputeID, 2n]);
    await travel(DAY);
    await courtCall(court, "executeRuling", [disputeID]);
    const solved = await status(pactId);
    expect(solved.json).toMatchObject({ courtStatus: "solved", ruled: true, ruling: "2", applied: true, late: false });
    expect(solved.table).toContain("2 (Pay the agent)");
    expect((await statusOf(pactId)).status).toBe("resolved");
  });

  it("test_GivenFeeWindowPassed_WhenSettleUnfunded_PaysAgentInFull", async () => {
    const pactId = await pactAt("disputed", { arbiter: adapter });
    const early = await cli(["court", "settle-unfunded", pactId], { as: "stranger" });
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`the buyer of pact ${pactId} may still pay the court's fee until`);
    expect((await status(pactId)).table).toContain(
      "the buyer may still have the court arbitrate (surety court request)",
    );

    await travel(DAY + 1);
    expect((await status(pactId)).table).toContain("passed: anyone may have the delivery stand");
    const late = await cli(["court", "request", pactId], { as: "buyer" });
    expect(late.code).toBe(1);
    expect(late.stderr).toContain(`the fee window of pact ${pactId} closed at`);

    const settled = ok(await cli(["court", "settle-unfunded", pactId], { as: "stranger" })).stdout;
    expect(settled).toContain(`Pact ${pactId} settled unfunded: the delivery stands`);
    expect(settled).toMatch(row("To the agent", "100 mUSD"));
    const json = ok(await cli(["pact", "history", pactId, "--json"])).json<{ eventName: string }[]>();
    expect(json.at(-1)).toMatchObject({ eventName: "DisputeResolved", args: { buyerBps: 0, toAgent: "100000000" } });
    expect((await statusOf(pactId)).status).toBe("resolved");
  });

  it("test_GivenRealisticCourt_StatusSaneInEveryState_HoldOutlastsAppeal", async () => {
    const pactId = await pactAt("disputed", { arbiter: realistic.adapter });
    const before = await status(pactId);
    expect(before.table).toMatch(row("Requested", "no"));
    expect(before.table).toContain("not now: no court dispute: the buyer has not had the court arbitrate");
    expect(before.json).not.toHaveProperty("appealPeriod");

    const reason = file("reason.json", { name: "Missing pages", description: "Pages 30 to 40 are missing" });
    const requested = ok(await cli(["court", "request", pactId, "--reason", reason, "--json"], { as: "buyer" })).json();
    const disputeID = BigInt(requested.event.disputeID);
    // Before the first ruling the court reverts on appealPeriod and quotes a cost no one can pay: neither shows.
    const waiting = await status(pactId);
    expect(waiting.table).toMatch(row("Current ruling", "none yet"));
    expect(waiting.table).not.toContain("Appeal period");
    expect(waiting.table).toContain("not now: the court has not ruled in this round yet");
    expect(waiting.json).not.toHaveProperty("appealCost");
    const early = await cli(["court", "appeal", pactId], { as: "agent" });
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`court dispute ${disputeID} (pact ${pactId}) is not in an appeal period`);

    await courtCall(realistic.court, "giveRuling", [disputeID, 1n]);
    const ruled = await status(pactId);
    expect(ruled.table).toContain("Appeal period");
    expect(ruled.table).toContain("open: 0.02 ETH");
    ok(await cli(["court", "appeal", pactId], { as: "agent" })); // exactly the cost: this court takes no more

    // The next round outlasts the pact's ruling period: still disputed, the default ruling held off.
    await travel(5 * DAY + 1);
    expect((await statusOf(pactId)).effectiveStatus).toBe("disputed");
    const held = await cli(["dispute", "default", pactId], { as: "stranger" });
    expect(held.code).toBe(1);
    expect(held.stderr).toMatch(new RegExp(`the deadline of pact ${pactId} \\(.*\\) has not passed yet`));

    await courtCall(realistic.court, "giveRuling", [disputeID, 2n]);
    expect((await status(pactId)).table).toContain("open: 0.04 ETH"); // the second round costs twice as much
    await travel(DAY);
    const solved = await status(pactId);
    expect(solved.json).toMatchObject({ courtStatus: "solved", ruled: false, appealable: false });
    expect(solved.table).toContain("not now: the court's ruling is final: its appeal period is over");
    expect(solved.table).not.toContain("Appeal period");
    await courtCall(realistic.court, "executeRuling", [disputeID]);
    const applied = await status(pactId);
    expect(applied.table).toMatch(row("Final ruling", "2 (Pay the agent)"));
    expect(applied.table).toMatch(row("Applied", "yes"));
  });

  it("test_RevertWhen_BadInputOrAdapterRefuses", async () => {
    const plain = await pactAt("disputed");
    const notCourt = await cli(["court", "request", plain], { as: "buyer" });
    expect(notCourt.code).toBe(2);
    expect(notCourt.stderr).toContain("--adapter: is not a court adapter (it has no COURT())");

    const pactId = await pactAt("disputed", { arbiter: adapter });
    const stranger = await cli(["court", "request", pactId], { as: "stranger" });
    expect(stranger.code).toBe(2);
    expect(stranger.stderr).toContain(`account: must be the pact's buyer ${addressOf("buyer")}`);
    const badDocument = file("bad-reason.json", { name: "", description: "x" });
    const bad = await cli(["court", "request", pactId, "--reason", badDocument], { as: "buyer" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--reason (reason.name): must be non-empty text");

    const notParty = await cli(["court", "evidence", pactId, "--evidence", "ipfs://x"], { as: "stranger" });
    expect(notParty.code).toBe(2);
    expect(notParty.stderr).toContain(`must be the pact's buyer ${addressOf("buyer")} or agent ${addressOf("agent")}`);

    const early = await cli(["court", "appeal", pactId], { as: "buyer" });
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`no one has requested arbitration of pact ${pactId} yet`);
  });
});
