/** `surety dispute …` against the node: a ruling with a slash, an abstention, evidence and the default split. */
import { describe, expect, it } from "vitest";

import { addressOf } from "./helpers/accounts.ts";
import { cli, file, isolate, ok, travel } from "./helpers/cli.ts";
import { pactAt, statusOf } from "./helpers/pacts.ts";

isolate();

describe("dispute", () => {
  it("test_GivenEvidenceFromBothParties_WhenResolved_SplitsAndSlashes", async () => {
    const pactId = await pactAt("disputed");
    const fromBuyer = ok(
      await cli(["dispute", "evidence", pactId, "--evidence", "ipfs://bafy/chat-log", "--json"], { as: "buyer" }),
    ).json();
    expect(fromBuyer.event.party).toBe(addressOf("buyer"));
    const log = file("agent-evidence.txt", "The pages were delivered on time.");
    const fromAgent = ok(await cli(["dispute", "evidence", pactId, "--evidence", log], { as: "agent" })).stdout;
    expect(fromAgent).toContain(`Evidence added to pact ${pactId}`);
    expect(fromAgent).toContain("(text of ");

    const ruling = file("ruling.json", { finding: "Three of four deliverables met the terms" });
    const resolved = ok(
      await cli(["dispute", "resolve", pactId, "--buyer-bps", "75%", "--slash", "10", "--ruling", ruling, "--json"], {
        as: "arbiter",
      }),
    ).json();
    expect(resolved.event).toMatchObject({
      buyerBps: 7500,
      toBuyer: "75000000",
      toAgent: "25000000",
      slashed: "10000000",
      abstained: false,
    });
    expect(resolved.ruling.canonical).toBe('{"finding":"Three of four deliverables met the terms"}');
    expect((await statusOf(pactId)).status).toBe("resolved");
  });

  it("test_WhenResolved_TableShowsSplitInTokens", async () => {
    const pactId = await pactAt("disputed");
    const table = ok(
      await cli(["dispute", "resolve", pactId, "--buyer-bps", "2500", "--ruling", "Mostly delivered"], {
        as: "arbiter",
      }),
    ).stdout;
    expect(table).toContain(`Dispute on pact ${pactId} resolved`);
    expect(table).toContain("25%");
    expect(table).toContain("25 mUSD");
    expect(table).toContain("75 mUSD");
  });

  it("test_RevertWhen_SlashAboveCollateral", async () => {
    const pactId = await pactAt("disputed");
    const refused = await cli(["dispute", "resolve", pactId, "--buyer-bps", "0", "--slash", "51", "--ruling", "x"], {
      as: "arbiter",
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--slash: must be at most the pact's collateral (50 mUSD)");
  });

  it("test_RevertWhen_CallerNotArbiter", async () => {
    const pactId = await pactAt("disputed");
    const refused = await cli(["dispute", "resolve", pactId, "--buyer-bps", "0", "--ruling", "x"], { as: "buyer" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${addressOf("buyer")} is not the arbiter of pact ${pactId}`);
  });

  it("test_WhenAbstains_AppliesDefaultSplit", async () => {
    const pactId = await pactAt("disputed");
    const abstained = ok(
      await cli(["dispute", "abstain", pactId, "--ruling", "Conflict of interest", "--json"], { as: "arbiter" }),
    ).json();
    expect(abstained.event).toMatchObject({ abstained: true, buyerBps: 5000, toBuyer: "50000000" });
    expect((await statusOf(pactId)).status).toBe("abstained");
  });

  it("test_GivenArbiterSilent_WhenAnyoneAppliesDefault_Splits", async () => {
    const pactId = await pactAt("disputed");
    const early = await cli(["dispute", "default", pactId], { as: "stranger" });
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("has not passed yet");
    await travel(5 * 86_400 + 1);
    expect((await statusOf(pactId)).effectiveStatus).toBe("defaultable");
    const applied = ok(await cli(["dispute", "default", pactId, "--json"], { as: "stranger" })).json();
    expect(applied.event).toMatchObject({ caller: addressOf("stranger"), toBuyer: "50000000", toAgent: "50000000" });
    expect((await statusOf(pactId)).status).toBe("default-ruled");
  });
});
