/** `surety stake …` against the node. */
import { describe, expect, it } from "vitest";

import { addressOf } from "./helpers/accounts.ts";
import { cli, isolate, ok, travel } from "./helpers/cli.ts";

isolate();

describe("stake", () => {
  it("test_WhenDepositedQueuedWithdrawn_FollowsUnbondingDelay", async () => {
    const deposited = ok(await cli(["stake", "deposit", "--amount", "250.5", "--json"], { as: "agent2" })).json();
    expect(deposited.event).toMatchObject({ agent: addressOf("agent2"), amount: "250500000", bonded: "250500000" });
    expect(deposited.approval).toBeNull();

    const shown = ok(await cli(["stake", "show", "--json"], { as: "agent2" })).json();
    expect(shown).toMatchObject({ agent: addressOf("agent2"), staked: "250500000", free: "250500000", decimals: 6 });

    const queued = ok(await cli(["stake", "withdraw-request", "--amount", "100"], { as: "agent2" })).stdout;
    expect(queued).toContain("Withdrawal queued");
    expect(queued).toContain("100 mUSD");

    const early = await cli(["stake", "withdraw"], { as: "agent2" });
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("queued stake is not withdrawable before");

    await travel(7 * 86_400 + 1);
    const withdrawn = ok(
      await cli(["stake", "withdraw", "--recipient", addressOf("stranger"), "--json"], { as: "agent2" }),
    ).json();
    expect(withdrawn.event).toMatchObject({ recipient: addressOf("stranger"), amount: "100000000" });

    const table = ok(await cli(["stake", "show", addressOf("agent2")])).stdout;
    expect(table).toContain(`Stake of ${addressOf("agent2")}`);
    expect(table).toContain("150.5 mUSD");
  });

  it("test_GivenAllowanceApprove_DepositsAfterExactApproval", async () => {
    const deposited = ok(
      await cli(["stake", "deposit", "--amount", "5", "--allowance", "approve", "--json"], { as: "agent2" }),
    ).json();
    expect(deposited.approval.hash).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it("test_RevertWhen_MoreDecimalsThanToken", async () => {
    const refused = await cli(["stake", "deposit", "--amount", "1.1234567"], { as: "agent2" });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--amount: has more decimal places than the token's 6");
  });

  it("test_RevertGiven_NothingQueued", async () => {
    const refused = await cli(["stake", "withdraw"], { as: "agent2" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`agent ${addressOf("agent2")} has no stake queued for withdrawal`);
  });

  it("test_RevertWhen_QueuingMoreThanFreeStake", async () => {
    const refused = await cli(["stake", "withdraw-request", "--amount", "5000"], { as: "agent" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("free stake but needs");
  });

  it("test_RevertWhen_ShowWithoutAddressOrAccount", async () => {
    const refused = await cli(["stake", "show"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("<agent>: is required when no account is configured");
  });
});
