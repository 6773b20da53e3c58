import { encodeFunctionData } from "viem";
import { describe, expect, it } from "vitest";

import { suretyAbi } from "../../src/abis.ts";
import { acceptPact } from "../../src/actions/agent/acceptPact.ts";
import { requestWithdrawal } from "../../src/actions/agent/requestWithdrawal.ts";
import { withdrawStake } from "../../src/actions/agent/withdrawStake.ts";
import { createPact } from "../../src/actions/buyer/createPact.ts";
import { pause, preparePause } from "../../src/actions/guardian/pause.ts";
import { prepareUnpause, unpause } from "../../src/actions/guardian/unpause.ts";
import { prepareRecertify, recertify } from "../../src/actions/operator/recertify.ts";
import { prepareSetAgentStatus, setAgentStatus } from "../../src/actions/operator/setAgentStatus.ts";
import { getAgentStatus } from "../../src/actions/read/getAgentStatus.ts";
import { hashDocument } from "../../src/utils/document.ts";
import {
  accounts,
  agent,
  baseTerms,
  buyer,
  expectInvalid,
  expectRevert,
  nonceOf,
  openPact,
  operator,
  stake,
  stranger,
  travel,
  usd,
} from "../helpers.ts";

const reason = { ticket: "OPS-142", summary: "two late deliveries" };

describe("setAgentStatus", () => {
  it("test_Warned_IsRecordedWithTheReason", async () => {
    const result = await setAgentStatus(operator, { agent: accounts.agent.address, status: "warned", reason });
    expect(result.reason).toEqual(hashDocument(reason));
    expect(result.event).toEqual({
      agent: accounts.agent.address,
      operator: accounts.deployer.address,
      status: 1,
      cap: 0n,
      frozenUntil: 0,
      reasonHash: result.reason.hash,
    });
    expect(await getAgentStatus(operator, { agent: accounts.agent.address })).toMatchObject({
      status: "warned",
      cap: undefined,
      frozen: false,
      acceptsPacts: true,
    });
  });

  it("test_Narrowed_CapsNewExposure", async () => {
    await stake();
    await setAgentStatus(operator, { agent: accounts.agent.address, status: "narrowed", cap: "60", reason: "cap" });
    expect((await getAgentStatus(operator, { agent: accounts.agent.address })).cap).toBe(usd("60"));
    const first = await openPact();
    await acceptPact(agent, first);
    const second = await openPact();
    await expectRevert(acceptPact(agent, second), "Surety_ExposureCapExceeded", [
      accounts.agent.address,
      usd("60"),
      usd("100"),
    ]);
  });

  it("test_UnderReview_FreezesWithdrawals", async () => {
    await stake();
    await requestWithdrawal(agent, { amount: "10" });
    const { event } = await setAgentStatus(operator, {
      agent: accounts.agent.address,
      status: "under-review",
      cap: 0n,
      reason: "audit",
    });
    const status = await getAgentStatus(operator, { agent: accounts.agent.address });
    expect(status).toMatchObject({ status: "under-review", cap: 0n, frozen: true, frozenUntil: event.frozenUntil });
    await travel(7 * 86_400);
    await expectRevert(withdrawStake(agent), "Surety_StakeFrozen", [accounts.agent.address, BigInt(event.frozenUntil)]);
  });

  it("test_Paused_RefusesAcceptance", async () => {
    await stake();
    const { pactId } = await openPact();
    await setAgentStatus(operator, { agent: accounts.agent.address, status: "paused", reason: "incident" });
    expect((await getAgentStatus(operator, { agent: accounts.agent.address })).acceptsPacts).toBe(false);
    const revert = await expectRevert(acceptPact(agent, { pactId }), "Surety_AgentPaused", [accounts.agent.address]);
    expect(revert.shortMessage).toContain("the operator has paused agent");
  });

  it("test_RevertWhen_CallerNotOperator", async () => {
    const revert = await expectRevert(
      setAgentStatus(stranger, { agent: accounts.agent.address, status: "warned", reason: "x" }),
      "AccessControlUnauthorizedAccount",
    );
    expect(revert.shortMessage).toBe(
      `setAgentStatus reverted: ${accounts.stranger.address} does not hold the operator role.`,
    );
  });

  it("test_RevertWhen_CapMissingOrMisplaced_NothingSent", async () => {
    const nonce = await nonceOf(accounts.deployer.address);
    await expectInvalid(
      setAgentStatus(operator, { agent: accounts.agent.address, status: "narrowed", reason: "x" } as never),
      ["cap: is required for status narrowed"],
    );
    await expectInvalid(
      setAgentStatus(operator, { agent: accounts.agent.address, status: "warned", cap: 1n, reason: "x" } as never),
      ["cap: only applies from narrowed up"],
    );
    await expectInvalid(
      setAgentStatus(operator, {
        agent: "0x0000000000000000000000000000000000000000",
        status: "good",
        reason: 1n,
      } as never),
      [
        "agent: must not be the zero address",
        "status: must be one of warned, narrowed, under-review, paused",
        "reason: a bigint is not a JSON value",
      ],
    );
    expect(await nonceOf(accounts.deployer.address)).toBe(nonce);
  });

  it("test_Prepare_EncodesTheLadderIndex", async () => {
    const { calls, reason: hashed } = await prepareSetAgentStatus(operator, {
      agent: accounts.agent.address,
      status: "under-review",
      cap: "5",
      reason: "x",
    });
    expect(calls[0]!.data).toBe(
      encodeFunctionData({
        abi: suretyAbi,
        functionName: "setAgentStatus",
        args: [accounts.agent.address, 3, usd("5"), hashed.hash],
      }),
    );
  });
});

describe("recertify", () => {
  it("test_ReturnsToGood_EndingTheFreeze", async () => {
    await setAgentStatus(operator, { agent: accounts.agent.address, status: "paused", reason: "incident" });
    const { event, reason: hashed } = await recertify(operator, { agent: accounts.agent.address, reason: "fixed" });
    expect(event).toMatchObject({ status: 0, cap: 0n, reasonHash: hashed.hash });
    expect(await getAgentStatus(operator, { agent: accounts.agent.address })).toMatchObject({
      status: "good",
      frozen: false,
    });
    expect((await prepareRecertify(operator, { agent: accounts.agent.address, reason: "x" })).calls).toHaveLength(1);
  });

  it("test_RevertWhen_CallerNotOperator", async () => {
    await expectRevert(
      recertify(agent, { agent: accounts.agent.address, reason: "me" }),
      "AccessControlUnauthorizedAccount",
    );
  });
});

describe("pause", () => {
  it("test_StopsNewPactsUntilUnpaused", async () => {
    const paused = await pause(operator);
    expect(paused.event).toEqual({ account: accounts.deployer.address });
    const revert = await expectRevert(createPact(buyer, baseTerms), "EnforcedPause", []);
    expect(revert.shortMessage).toContain("the guardian has paused new pacts");
    await expectRevert(pause(operator), "EnforcedPause");
    const unpaused = await unpause(operator);
    expect(unpaused.event).toEqual({ account: accounts.deployer.address });
    expect((await createPact(buyer, baseTerms)).pactId).toBe(1n);
    await expectRevert(unpause(operator), "ExpectedPause");
  });

  it("test_RevertWhen_CallerNotGuardian", async () => {
    const revert = await expectRevert(pause(stranger), "AccessControlUnauthorizedAccount");
    expect(revert.message).toContain("does not hold the guardian role");
    expect((await preparePause(stranger)).calls[0]!.data).toBe(
      encodeFunctionData({ abi: suretyAbi, functionName: "pause" }),
    );
    expect((await prepareUnpause(stranger)).calls[0]!.data).toBe(
      encodeFunctionData({ abi: suretyAbi, functionName: "unpause" }),
    );
  });
});
