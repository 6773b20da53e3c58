import { describe, expect, it } from "vitest";

import { LOCAL_CONFIG } from "../../../scripts/lib/local-chain.ts";
import { abstain } from "../../src/actions/arbiter/abstain.ts";
import { resolveDispute } from "../../src/actions/arbiter/resolveDispute.ts";
import { applyDefaultRuling } from "../../src/actions/anyone/applyDefaultRuling.ts";
import { finalizePact } from "../../src/actions/anyone/finalizePact.ts";
import { cancelPact } from "../../src/actions/buyer/cancelPact.ts";
import { claimRefund } from "../../src/actions/anyone/claimRefund.ts";
import { reclaimPact } from "../../src/actions/anyone/reclaimPact.ts";
import { releasePact } from "../../src/actions/buyer/releasePact.ts";
import { submitEvidence } from "../../src/actions/party/submitEvidence.ts";
import { getConfig } from "../../src/actions/read/getConfig.ts";
import { effectiveStatusOf, getPact } from "../../src/actions/read/getPact.ts";
import { getPactHistory } from "../../src/actions/read/getPactHistory.ts";
import { getPactTerms } from "../../src/actions/read/getPactTerms.ts";
import { getStake } from "../../src/actions/read/getStake.ts";
import { NotFoundError } from "../../src/errors/notFound.ts";
import { InvalidParametersError } from "../../src/errors/parameters.ts";
import type { Terms } from "../../src/types.ts";
import { commitmentOf } from "../../src/utils/terms.ts";
import {
  accounts,
  activePact,
  agent,
  arbiter,
  buyer,
  deliveredPact,
  deployment,
  disputedPact,
  expectInvalid,
  openPact,
  publicClient,
  stake,
  stranger,
  testClient,
  usd,
  usdc,
} from "../helpers.ts";

/**
 * Has the node stamp its next block at `deadline + offset` (evm_setNextBlockTimestamp, nothing mined) and reads the
 * effective status then: the status a transaction sent now would find.
 */
async function statusAt(pactId: bigint, deadline: number, offset: number) {
  await testClient.setNextBlockTimestamp({ timestamp: BigInt(deadline + offset) });
  const pact = await getPact(stranger, { pactId });
  expect(pact.nextBlockTime).toBe(deadline + offset);
  expect(pact.nextBlockTime).toBeGreaterThan(pact.timestamp);
  return pact.effectiveStatus;
}

describe("getPact", () => {
  it("test_Open_ThenExpiredAfterAcceptBy", async () => {
    const { pactId, terms } = await openPact();
    const pact = await getPact(stranger, { pactId });
    expect(pact).toMatchObject({ pactId, terms, status: "open", effectiveStatus: "open", deadline: terms.acceptBy });
    expect(pact.commitment).toBe(commitmentOf(terms));
    expect(await statusAt(pactId, terms.acceptBy, 0)).toBe("open");
    expect(await statusAt(pactId, terms.acceptBy, 1)).toBe("expired");
    await reclaimPact(stranger, { pactId });
    expect(await getPact(stranger, { pactId })).toMatchObject({
      status: "reclaimed",
      effectiveStatus: "reclaimed",
      deadline: undefined,
    });
  });

  it("test_Active_ThenOverdueAfterDeliverBy", async () => {
    const { pactId, terms } = await activePact();
    expect((await getPact(stranger, { pactId })).effectiveStatus).toBe("active");
    expect(await statusAt(pactId, terms.deliverBy, 0)).toBe("active");
    expect(await statusAt(pactId, terms.deliverBy, 1)).toBe("overdue");
    await claimRefund(stranger, { pactId });
    expect((await getPact(stranger, { pactId })).effectiveStatus).toBe("refunded");
  });

  it("test_Delivered_ThenFinalizableAfterReview", async () => {
    const { pactId, terms } = await deliveredPact();
    const pact = await getPact(stranger, { pactId, terms });
    expect(pact.effectiveStatus).toBe("delivered");
    expect(pact.deadline).toBe(pact.updatedAt + terms.reviewPeriod);
    expect(await statusAt(pactId, pact.deadline!, 0)).toBe("delivered");
    expect(await statusAt(pactId, pact.deadline!, 1)).toBe("finalizable");
    await finalizePact(stranger, { pactId });
    expect((await getPact(stranger, { pactId })).effectiveStatus).toBe("finalized");
  });

  it("test_Disputed_ThenDefaultableAfterRuling", async () => {
    const { pactId, terms } = await disputedPact();
    const pact = await getPact(stranger, { pactId });
    expect(pact.effectiveStatus).toBe("disputed");
    expect(pact.deadline).toBe(pact.updatedAt + terms.rulingPeriod);
    expect(await statusAt(pactId, pact.deadline!, 0)).toBe("disputed");
    expect(await statusAt(pactId, pact.deadline!, 1)).toBe("defaultable");
    await applyDefaultRuling(stranger, { pactId });
    expect((await getPact(stranger, { pactId })).effectiveStatus).toBe("default-ruled");
  });

  it("test_TerminalStatuses", async () => {
    const cancelled = await openPact();
    await cancelPact(buyer, cancelled);
    const released = await activePact();
    await releasePact(buyer, released);
    const resolved = await disputedPact();
    await resolveDispute(arbiter, { ...resolved, buyerBps: 0, ruling: "agent was right" });
    const abstained = await disputedPact();
    await abstain(arbiter, { ...abstained, ruling: "no opinion" });
    const statuses = await Promise.all(
      [cancelled, released, resolved, abstained].map(
        async ({ pactId }) => (await getPact(stranger, { pactId })).status,
      ),
    );
    expect(statuses).toEqual(["cancelled", "released", "resolved", "abstained"]);
  });

  it("test_RevertWhen_UnknownPact_OrWrongTerms", async () => {
    await expect(getPact(stranger, { pactId: 1n })).rejects.toBeInstanceOf(NotFoundError);
    const { pactId, terms } = await openPact();
    const error = await getPact(stranger, { pactId, terms: { ...terms, price: 1n } }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidParametersError);
    expect((error as InvalidParametersError).issues[0]!.message).toMatch(/^do not match pact 1's commitment 0x/);
  });

  it("test_EffectiveStatusOf_IsPure", () => {
    const terms = { acceptBy: 10, deliverBy: 20, reviewPeriod: 5, rulingPeriod: 7 } as Terms;
    expect(effectiveStatusOf("open", terms, 0, 10)).toEqual({ effectiveStatus: "open", deadline: 10 });
    expect(effectiveStatusOf("open", terms, 0, 11).effectiveStatus).toBe("expired");
    expect(effectiveStatusOf("active", terms, 0, 21).effectiveStatus).toBe("overdue");
    expect(effectiveStatusOf("delivered", terms, 30, 35).effectiveStatus).toBe("delivered");
    expect(effectiveStatusOf("delivered", terms, 30, 36).effectiveStatus).toBe("finalizable");
    expect(effectiveStatusOf("disputed", terms, 30, 38).effectiveStatus).toBe("defaultable");
    // A ruling held until later moves the disputed window's end; one held until earlier does not shorten it.
    expect(effectiveStatusOf("disputed", terms, 30, 38, 50)).toEqual({ effectiveStatus: "disputed", deadline: 50 });
    expect(effectiveStatusOf("disputed", terms, 30, 51, 50).effectiveStatus).toBe("defaultable");
    expect(effectiveStatusOf("disputed", terms, 30, 36, 33)).toEqual({ effectiveStatus: "disputed", deadline: 37 });
    expect(effectiveStatusOf("released", terms, 30, 99)).toEqual({ effectiveStatus: "released", deadline: undefined });
    expect(effectiveStatusOf("settled", terms, 30, 10)).toEqual({ effectiveStatus: "settled", deadline: undefined });
  });
});

describe("getPactHistory", () => {
  it("test_ListsThePactsEventsInOrder", async () => {
    const { pactId } = await disputedPact();
    const other = await openPact();
    await submitEvidence(agent, { pactId, evidence: "log" });
    await resolveDispute(arbiter, { pactId, buyerBps: 10_000, slash: "5", ruling: "refund" });
    const history = await getPactHistory(stranger, { pactId });
    expect(history.map((entry) => entry.eventName)).toEqual([
      "PactCreated",
      "PactAccepted",
      "PactDelivered",
      "PactDisputed",
      "EvidenceSubmitted",
      "DisputeResolved",
    ]);
    expect(history.every((entry) => entry.args.pactId === pactId)).toBe(true);
    const created = history[0]!;
    if (created.eventName === "PactCreated") expect(created.args.terms.price).toBe(usd("100"));
    const blocks = history.map((entry) => entry.blockNumber);
    expect([...blocks].sort((a, b) => (a < b ? -1 : 1))).toEqual(blocks);
    expect(history[0]!.transactionHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect((await getPactHistory(stranger, { pactId: other.pactId })).map((entry) => entry.eventName)).toEqual([
      "PactCreated",
    ]);
    // a window that starts after the creation leaves it out
    const later = await getPactHistory(stranger, { pactId, fromBlock: history[4]!.blockNumber });
    expect(later.map((entry) => entry.eventName)).toEqual(["EvidenceSubmitted", "DisputeResolved"]);
  });

  it("test_RevertWhen_NoEvents_NotFound", async () => {
    const error = await getPactHistory(stranger, { pactId: 5n }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "NotFoundError", resource: "pact", id: "5" });
  });
});

describe("getPactTerms", () => {
  it("test_ReadsTheCreationEvent", async () => {
    const { pactId, terms } = await openPact();
    expect(await getPactTerms(stranger, { pactId })).toEqual(terms);
    await expect(getPactTerms(stranger, { pactId: 2n })).rejects.toThrow(
      `No pact 2: no PactCreated event with this id since block ${deployment.startBlock}.`,
    );
  });
});

describe("getConfig", () => {
  it("test_ReadsTheDeploymentsConfig_WithItsLongestRulingHold", async () => {
    expect(await getConfig(stranger)).toEqual({ stakeToken: usdc, ...LOCAL_CONFIG });
    expect((await getConfig(stranger, { deployment })).maxRulingHold).toBe(180 * 86_400);
    await expectInvalid(getConfig(stranger, { extra: 1 } as never), ["extra: is not a parameter of getConfig"]);
  });
});

describe("getStake", () => {
  it("test_ReadsTheParts", async () => {
    expect(await getStake(stranger, { agent: accounts.agent.address })).toEqual({
      agent: accounts.agent.address,
      stakeToken: usdc,
      staked: 0n,
      free: 0n,
      locked: 0n,
      queued: 0n,
      readyAt: 0,
    });
    await stake();
    const { pactId } = await openPact();
    const { acceptPact } = await import("../../src/actions/agent/acceptPact.ts");
    await acceptPact(agent, { pactId });
    expect(await getStake(stranger, { agent: accounts.agent.address })).toMatchObject({
      staked: usd("1000"),
      free: usd("950"),
      locked: usd("50"),
    });
    expect(await publicClient.getChainId()).toBe(31337);
  });
});
