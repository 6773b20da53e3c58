/**
 * The court adapter's actions against the node: the friendly test court for the flows, and TestRealisticCourt (its
 * appeal period reverting, or reading (0, 0), before a ruling; a "not payable" appeal cost outside appeal periods;
 * Solved before anyone executes the ruling) for what getCourtDispute reports in every state.
 */
import { parseAbi, parseEther, type Address } from "viem";
import { describe, expect, inject, it } from "vitest";

import { courtAdapterAbi } from "../../src/abis.ts";
import { applyDefaultRuling } from "../../src/actions/anyone/applyDefaultRuling.ts";
import { createPact } from "../../src/actions/buyer/createPact.ts";
import { buildAdapterMetaEvidence } from "../../src/actions/court/buildAdapterMetaEvidence.ts";
import { fundAppeal, prepareFundAppeal } from "../../src/actions/court/fundAppeal.ts";
import { getCourtDispute } from "../../src/actions/court/getCourtDispute.ts";
import { prepareRequestArbitration, requestArbitration } from "../../src/actions/court/requestArbitration.ts";
import { prepareSettleUnfunded, settleUnfunded } from "../../src/actions/court/settleUnfunded.ts";
import { prepareSubmitCourtEvidence, submitCourtEvidence } from "../../src/actions/court/submitCourtEvidence.ts";
import { prepareSubmitEvidence, submitEvidence } from "../../src/actions/party/submitEvidence.ts";
import { getPact } from "../../src/actions/read/getPact.ts";
import { buildMetaEvidence, parseDataUri } from "../../src/utils/erc1497.ts";
import {
  accounts,
  agent,
  balanceOf,
  baseTerms,
  buyer,
  courts,
  deliveredPact,
  disputedPact,
  expectInvalid,
  expectRevert,
  operator,
  publicClient,
  stranger,
  travel,
  usd,
  usdc,
} from "../helpers.ts";

const realCourts = inject("realCourts");

const DAY = 86_400;
const ARBITRATION_COST = 10n ** 16n;
const APPEAL_COST = 2n * 10n ** 16n;
/** Every test adapter's fee window, and the deployment's longest ruling hold. */
const FEE_WINDOW = DAY;
const MAX_RULING_HOLD = 180 * DAY;
const REASON = { name: "Missing pages", description: "Pages 30 to 40 of the summary are missing." };

/** The owner's calls of both test courts. */
const courtAbi = parseAbi([
  "function giveRuling(uint256 disputeID, uint256 ruling)",
  "function executeRuling(uint256 disputeID)",
]);

/** The court's owner (the deployer) gives a ruling, open to appeal for a day, or has the final one executed. */
async function courtCall(
  court: Address,
  functionName: "giveRuling" | "executeRuling",
  args: readonly bigint[],
): Promise<void> {
  const hash = await operator.writeContract({ address: court, abi: courtAbi, functionName, args: args as never });
  await publicClient.waitForTransactionReceipt({ hash });
}

/** A disputed pact naming `adapter`, with no arbiter fee; its dispute time. */
async function courtPact(adapter: Address = courts.adapter) {
  const pact = await disputedPact({ arbiter: adapter, arbiterFee: undefined });
  const { updatedAt } = await getPact(stranger, pact);
  return { ...pact, disputedAt: updatedAt };
}

describe("createPact", () => {
  it("test_GivenCourtAdapter_NamesItWithNoFee", async () => {
    const { terms } = await courtPact();
    expect(terms.arbiter).toBe(courts.adapter);
    expect(terms.arbiterFee).toBe(0n);
    await expectInvalid(createPact(buyer, { ...baseTerms, arbiter: courts.adapter, arbiterFee: "5" }), [
      `arbiterFee: must be 0: the arbiter is a court adapter (court ${courts.court}), paid in ETH on arbitration`,
    ]);
  });
});

describe("court adapter actions", () => {
  it("test_FullFlow_EvidenceArbitrationAppealAndRuling", async () => {
    const { pactId, terms, disputedAt } = await courtPact();

    const early = await submitCourtEvidence(buyer, { pactId, evidence: "ipfs://bafy/buyer.json" });
    expect(early.event).toEqual({
      arbitrator: courts.court,
      evidenceGroupID: pactId,
      party: accounts.buyer.address,
      evidence: "ipfs://bafy/buyer.json",
    });
    expect(await getCourtDispute(stranger, { pactId })).toMatchObject({
      requested: false,
      pactStatus: "disputed",
      feeDeadline: disputedAt + FEE_WINDOW,
      rulingHeldUntil: undefined,
      rulingEnd: disputedAt + terms.rulingPeriod,
      appealable: false,
      notAppealableReason: "no court dispute: the buyer has not had the court arbitrate",
    });

    // The buyer pays the court, with its reason as an ERC-1497 document; the adapter holds the default ruling off.
    const requested = await requestArbitration(buyer, { pactId, reason: REASON });
    expect(requested.event).toEqual({
      pactId,
      disputeID: requested.disputeID,
      requester: accounts.buyer.address,
      cost: ARBITRATION_COST,
    });
    expect(parseDataUri(requested.reasonURI!)).toEqual(REASON);
    expect(requested.held).toEqual({
      pactId,
      arbiter: courts.adapter,
      heldUntil: disputedAt + MAX_RULING_HOLD,
    });
    await expectRevert(
      requestArbitration(buyer, { pactId, terms, reason: "ipfs://bafy/again.json" }),
      "CourtAdapter_AlreadyRequested",
      [pactId, requested.disputeID],
    );

    const waiting = await getCourtDispute(stranger, { pactId, adapter: courts.adapter });
    expect(waiting).toMatchObject({
      court: courts.court,
      requested: true,
      disputeID: requested.disputeID,
      courtStatus: "waiting",
      numberOfChoices: 3n,
      arbitrationCost: ARBITRATION_COST,
      metaEvidenceMatches: true,
      rulingHeldUntil: disputedAt + MAX_RULING_HOLD,
      rulingEnd: disputedAt + MAX_RULING_HOLD,
      appealPeriod: undefined,
      appealCost: undefined,
      appealable: false,
      notAppealableReason: "the court has not ruled in this round yet",
      ruled: false,
      ruling: undefined,
      applied: false,
      late: false,
    });

    await courtCall(courts.court, "giveRuling", [requested.disputeID, 2n]);
    const appealable = await getCourtDispute(stranger, { pactId });
    expect(appealable).toMatchObject({
      courtStatus: "appealable",
      currentRuling: 2n,
      appealCost: APPEAL_COST,
      appealable: true,
      notAppealableReason: undefined,
    });
    expect(appealable.appealPeriod!.end - appealable.appealPeriod!.start).toBe(86_400n);

    await expectInvalid(fundAppeal(stranger, { pactId }), [
      `account: must be the pact's buyer ${terms.buyer} or agent ${terms.agent}`,
    ]);
    const appeal = await fundAppeal(buyer, { pactId, value: APPEAL_COST + parseEther("1") });
    expect(appeal.event).toEqual({
      pactId,
      disputeID: requested.disputeID,
      party: accounts.buyer.address,
      cost: APPEAL_COST,
    });
    expect((await getCourtDispute(stranger, { pactId })).courtStatus).toBe("waiting");

    // The appeal splits the price evenly (ruling 3); once the appeal period is over, the court's ruling is final.
    await courtCall(courts.court, "giveRuling", [requested.disputeID, 3n]);
    await travel(86_400);
    await courtCall(courts.court, "executeRuling", [requested.disputeID]);
    expect(await getCourtDispute(stranger, { pactId })).toMatchObject({
      courtStatus: "solved",
      pactStatus: "resolved",
      feeDeadline: undefined,
      rulingEnd: undefined,
      ruled: true,
      ruling: 3n,
      applied: true,
      late: false,
      appealable: false,
      notAppealableReason: "the pact is resolved: nothing can change its outcome",
    });
    expect((await getPact(stranger, { pactId })).status).toBe("resolved");
  });

  it("test_Prepare_ReturnsTheAdapterCallsWithTheCourtsCosts", async () => {
    const { pactId } = await courtPact();
    const request = await prepareRequestArbitration(buyer, { pactId });
    expect(request.calls).toHaveLength(1);
    expect(request.calls[0]).toMatchObject({ to: courts.adapter, value: ARBITRATION_COST });
    const evidence = await prepareSubmitCourtEvidence(agent, { pactId, evidence: "ipfs://bafy/agent.json" });
    expect(evidence.calls[0]).toMatchObject({ to: courts.adapter, value: 0n });
    const unfunded = await prepareSettleUnfunded(stranger, { pactId });
    expect(unfunded.calls).toEqual([{ to: courts.adapter, data: expect.stringMatching(/^0x/), value: 0n }]);

    await requestArbitration(buyer, { pactId });
    const { disputeID } = await getCourtDispute(stranger, { pactId });
    await courtCall(courts.court, "giveRuling", [disputeID!, 1n]);
    const appeal = await prepareFundAppeal(agent, { pactId });
    expect(appeal.calls[0]).toMatchObject({ to: courts.adapter, value: APPEAL_COST });
    expect(courtAdapterAbi.some((item) => item.type === "function" && item.name === "fundAppeal")).toBe(true);
  });

  it("test_RevertWhen_ParametersInvalid", async () => {
    const plain = await disputedPact();
    await expectInvalid(requestArbitration(buyer, { pactId: plain.pactId }), [
      "adapter: is not a court adapter (it has no COURT())",
      `pactId: has an arbiter fee (${plain.terms.arbiterFee}): a court adapter refuses it; the default ruling applies`,
    ]);
    await expectInvalid(settleUnfunded(stranger, { pactId: plain.pactId }), [
      "adapter: is not a court adapter (it has no COURT())",
    ]);
    await expectInvalid(getCourtDispute(stranger, { pactId: plain.pactId }), [
      `adapter: ${accounts.arbiter.address} is not a court adapter (it has no COURT())`,
    ]);

    const { pactId } = await courtPact();
    await expectInvalid(requestArbitration(buyer, { pactId, reason: "pages are missing" }), [
      "reason: must be a URI (ipfs://…, https://…, /ipfs/…, data:…) or an ERC-1497 evidence document { name, description }",
    ]);
    await expectInvalid(requestArbitration(stranger, { pactId, reason: "ipfs://bafy/reason.json" }), [
      `account: must be the pact's buyer ${accounts.buyer.address}: the buyer who disputed pays for the court`,
    ]);
    await expectInvalid(
      requestArbitration(buyer, { pactId, reason: { name: "", description: "x", extra: 1 } as never }),
      ["reason.name: must be non-empty text", "reason.extra: is not a parameter of buildEvidence"],
    );
    await expectInvalid(requestArbitration(buyer, { pactId, value: ARBITRATION_COST - 1n }), [
      `value: must be at least the court's arbitration cost (${ARBITRATION_COST} wei)`,
    ]);
    await expectInvalid(submitCourtEvidence(stranger, { pactId, evidence: "ipfs://x" }), [
      `account: must be the pact's buyer ${accounts.buyer.address} or agent ${accounts.agent.address}`,
    ]);
    await expectInvalid(getCourtDispute(stranger, { pactId, adapter: realCourts.reverting.adapter }), [
      `adapter: must be the pact's arbiter ${courts.adapter}`,
    ]);
    await expectRevert(fundAppeal(agent, { pactId, value: APPEAL_COST }), "CourtAdapter_NotRequested", [pactId]);
  });
});

describe("requestArbitration", () => {
  it("test_RevertWhen_FeeWindowOver", async () => {
    const { pactId, disputedAt } = await courtPact();
    await travel(FEE_WINDOW + 1);
    const revert = await expectRevert(requestArbitration(buyer, { pactId }), "CourtAdapter_FeeWindowOver", [
      pactId,
      BigInt(disputedAt + FEE_WINDOW),
    ]);
    expect(revert.message).toContain(`the fee window of pact ${pactId} closed at`);
  });
});

describe("settleUnfunded", () => {
  it("test_GivenFeeWindowOver_PaysTheAgentInFull", async () => {
    const { pactId, terms } = await courtPact();
    await travel(FEE_WINDOW + 1);
    const before = await balanceOf(usdc, accounts.agent.address);
    const { event, resolved, credits } = await settleUnfunded(stranger, { pactId });
    expect(event).toEqual({ pactId, caller: accounts.stranger.address });
    expect(resolved).toMatchObject({ pactId, buyerBps: 0, toBuyer: 0n, toAgent: terms.price, slashed: 0n });
    expect(credits).toEqual([]);
    expect(await balanceOf(usdc, accounts.agent.address)).toBe(before + usd("100"));
    expect((await getPact(stranger, { pactId })).status).toBe("resolved");
  });

  it("test_RevertWhen_FeeWindowOpen_OrArbitrationRequested", async () => {
    const { pactId, disputedAt } = await courtPact();
    const open = await expectRevert(settleUnfunded(stranger, { pactId }), "CourtAdapter_FeeWindowOpen", [
      pactId,
      BigInt(disputedAt + FEE_WINDOW),
    ]);
    expect(open.message).toContain(`the buyer of pact ${pactId} may still pay the court's fee until`);
    const { disputeID } = await requestArbitration(buyer, { pactId });
    await travel(FEE_WINDOW + 1);
    await expectRevert(settleUnfunded(stranger, { pactId }), "CourtAdapter_AlreadyRequested", [pactId, disputeID]);
  });
});

describe("submitCourtEvidence", () => {
  it("test_EmbedsTheDocument_AndRevertWhen_PactNotDisputed", async () => {
    const { pactId } = await courtPact();
    const document = { name: "Chat log", description: "The agent agreed to 40 pages." };
    const { event } = await submitCourtEvidence(agent, { pactId, evidence: document });
    expect(event.evidence).toMatch(/^data:application\/json;base64,/);
    expect(parseDataUri(event.evidence)).toEqual(document);

    const delivered = await deliveredPact({ arbiter: courts.adapter, arbiterFee: undefined });
    const revert = await expectRevert(
      submitCourtEvidence(buyer, { pactId: delivered.pactId, evidence: "ipfs://bafy/early.json" }),
      "CourtAdapter_PactNotDisputed",
      [delivered.pactId, 3],
    );
    expect(revert.message).toContain(`pact ${delivered.pactId} is delivered, not disputed`);
  });
});

describe("buildAdapterMetaEvidence", () => {
  it("test_SaysWhatTheAdaptersRulingsDo", async () => {
    const uri = await publicClient.readContract({
      address: courts.adapter,
      abi: courtAdapterAbi,
      functionName: "metaEvidenceURI",
    });
    const published = parseDataUri(uri);
    expect(published).toEqual(await buildAdapterMetaEvidence(stranger, { adapter: courts.adapter }));
    expect(published).toEqual(buildMetaEvidence({ splits: [5_000] }));

    // Each label says what the adapter does with its ruling, for a pact with a penalty.
    const { terms } = await courtPact();
    const decision = (ruling: bigint) =>
      publicClient.readContract({
        address: courts.adapter,
        abi: courtAdapterAbi,
        functionName: "decisionOf",
        args: [terms, ruling],
      });
    expect(await decision(1n)).toEqual([false, 10_000, terms.penalty]); // Refund the buyer, penalty slashed
    expect(await decision(2n)).toEqual([false, 0, 0n]); // Pay the agent
    expect(await decision(3n)).toEqual([false, 5_000, 0n]); // Split: 50% to the buyer
    // Ruling 0 and above the choices: the pact's default split, nothing slashed.
    expect(await decision(0n)).toEqual([true, terms.defaultBuyerBps, 0n]);
    expect(await decision(4n)).toEqual([true, terms.defaultBuyerBps, 0n]);

    await expectInvalid(buildAdapterMetaEvidence(stranger, { adapter: accounts.arbiter.address }), [
      `adapter: ${accounts.arbiter.address} is not a court adapter (it has no splits())`,
    ]);
  });
});

describe("submitEvidence", () => {
  it("test_GivenCourtPact_ReachesTheCourtsEvidenceStream", async () => {
    const { pactId } = await courtPact();
    const text = "The brief asked for one page per contract, and got it.";
    const { event, evidence, court } = await submitEvidence(agent, { pactId, evidence: text });
    expect(event.evidenceHash).toBe(evidence.hash);
    expect(court!.event).toMatchObject({
      arbitrator: courts.court,
      evidenceGroupID: pactId,
      party: accounts.agent.address,
    });
    expect(parseDataUri(court!.event.evidence)).toEqual({
      name: `Evidence submitted on Surety by the agent (keccak256 ${evidence.hash})`,
      description: text,
    });

    // Not relayed when asked not to, when there is nothing to read (a bare hash), or when the arbiter is no court.
    const prepared = await prepareSubmitEvidence(buyer, { pactId, evidence: { note: "see the chat" } });
    expect(prepared.calls.map((call) => call.to)).toEqual([expect.any(String), courts.adapter]);
    expect((await prepareSubmitEvidence(buyer, { pactId, evidence: "x", relayToCourt: false })).calls).toHaveLength(1);
    expect((await submitEvidence(buyer, { pactId, evidence: evidence.hash })).court).toBeUndefined();
    const plain = await disputedPact();
    expect((await submitEvidence(buyer, { ...plain, evidence: "a screenshot" })).court).toBeUndefined();
  });
});

describe.each([
  { name: "reverting", pair: realCourts.reverting },
  { name: "zero period", pair: realCourts.zeroPeriod },
])("getCourtDispute before a realistic court ($name)", ({ pair }) => {
  it("test_GetCourtDispute_SaneInEveryState_AndTheHoldOutlastsAppeals", async () => {
    const { pactId, terms, disputedAt } = await courtPact(pair.adapter);
    const heldUntil = disputedAt + MAX_RULING_HOLD;

    const { disputeID } = await requestArbitration(buyer, { pactId });
    // Before the first ruling: no window (the court reverts, or says (0, 0)), no price ("not payable").
    const waiting = await getCourtDispute(stranger, { pactId });
    expect(waiting).toMatchObject({
      courtStatus: "waiting",
      appealPeriod: undefined,
      appealCost: undefined,
      appealable: false,
      notAppealableReason: "the court has not ruled in this round yet",
      rulingHeldUntil: heldUntil,
    });
    await expectRevert(fundAppeal(agent, { pactId }), "CourtAdapter_NotAppealable", [pactId, disputeID]);

    await courtCall(pair.court, "giveRuling", [disputeID, 1n]);
    const ruled = await getCourtDispute(stranger, { pactId });
    expect(ruled).toMatchObject({ courtStatus: "appealable", appealCost: APPEAL_COST, appealable: true });
    expect(ruled.appealPeriod!.end - ruled.appealPeriod!.start).toBe(BigInt(DAY));
    expect(ruled.appealPeriod!.start).toBe(BigInt(ruled.timestamp));

    // The agent appeals at exactly the court's cost (the reverting court refuses any other payment).
    expect((await fundAppeal(agent, { pactId })).event.cost).toBe(APPEAL_COST);
    // The next round outlasts the pact's ruling period: the hold keeps the default split away.
    await travel(terms.rulingPeriod + 1);
    const pact = await getPact(stranger, { pactId });
    expect([pact.effectiveStatus, pact.deadline, pact.rulingHeldUntil]).toEqual(["disputed", heldUntil, heldUntil]);
    await expectRevert(applyDefaultRuling(stranger, { pactId }), "Surety_DeadlineNotPassed", [
      pactId,
      BigInt(heldUntil),
    ]);

    // The second round costs twice the first.
    await courtCall(pair.court, "giveRuling", [disputeID, 2n]);
    expect((await getCourtDispute(stranger, { pactId })).appealCost).toBe(2n * APPEAL_COST);

    // Past the appeal period the court reads Solved before anyone executes its ruling.
    await travel(DAY);
    expect(await getCourtDispute(stranger, { pactId })).toMatchObject({
      courtStatus: "solved",
      currentRuling: 2n,
      appealPeriod: undefined,
      appealCost: undefined,
      appealable: false,
      notAppealableReason: "the court's ruling is final: its appeal period is over",
      ruled: false,
    });
    await courtCall(pair.court, "executeRuling", [disputeID]);
    expect(await getCourtDispute(stranger, { pactId })).toMatchObject({
      pactStatus: "resolved",
      ruled: true,
      ruling: 2n,
      applied: true,
      late: false,
      rulingHeldUntil: heldUntil,
    });
  });
});

describe("getCourtDispute", () => {
  it("test_GivenCourtThatNeverRules_ARulingAfterTheHoldIsLate", async () => {
    const { court, adapter } = realCourts.reverting;
    const { pactId, disputedAt } = await courtPact(adapter);
    const { disputeID } = await requestArbitration(buyer, { pactId });
    await courtCall(court, "giveRuling", [disputeID, 1n]);

    // The hold is bounded: past it, the default ruling is reachable again.
    await travel(MAX_RULING_HOLD + 1);
    const held = await getCourtDispute(stranger, { pactId });
    expect(held).toMatchObject({
      rulingEnd: disputedAt + MAX_RULING_HOLD,
      appealable: false,
      notAppealableReason: "the pact's ruling period and hold are over",
    });
    expect((await getPact(stranger, { pactId })).effectiveStatus).toBe("defaultable");
    await applyDefaultRuling(stranger, { pactId });
    await courtCall(court, "executeRuling", [disputeID]);
    expect(await getCourtDispute(stranger, { pactId })).toMatchObject({
      pactStatus: "default-ruled",
      feeDeadline: undefined,
      rulingEnd: undefined,
      ruled: true,
      ruling: 1n,
      applied: false,
      late: true,
    });
  });
});
