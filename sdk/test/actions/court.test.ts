import { parseEther } from "viem";
import { describe, expect, it } from "vitest";

import { courtAdapterAbi } from "../../src/abis.ts";
import { createPact } from "../../src/actions/buyer/createPact.ts";
import { fundAppeal, prepareFundAppeal } from "../../src/actions/court/fundAppeal.ts";
import { getCourtDispute } from "../../src/actions/court/getCourtDispute.ts";
import { prepareRequestArbitration, requestArbitration } from "../../src/actions/court/requestArbitration.ts";
import { prepareSubmitCourtEvidence, submitCourtEvidence } from "../../src/actions/court/submitCourtEvidence.ts";
import { getPact } from "../../src/actions/read/getPact.ts";
import {
  accounts,
  agent,
  baseTerms,
  buyer,
  courts,
  disputedPact,
  expectInvalid,
  expectRevert,
  operator,
  publicClient,
  stranger,
  travel,
} from "../helpers.ts";

const ARBITRATION_COST = 10n ** 16n;
const APPEAL_COST = 2n * 10n ** 16n;
const META = "ipfs://bafy/meta-evidence.json";

const testArbitratorAbi = [
  {
    type: "function",
    name: "giveRuling",
    stateMutability: "nonpayable",
    inputs: [
      { name: "disputeID", type: "uint256" },
      { name: "ruling", type: "uint256" },
    ],
    outputs: [],
  },
  {
    type: "function",
    name: "executeRuling",
    stateMutability: "nonpayable",
    inputs: [{ name: "disputeID", type: "uint256" }],
    outputs: [],
  },
] as const;

/** The test court's owner gives a ruling, open to appeal for a day. */
async function giveRuling(disputeID: bigint, ruling: bigint): Promise<void> {
  const hash = await operator.writeContract({
    address: courts.court,
    abi: testArbitratorAbi,
    functionName: "giveRuling",
    args: [disputeID, ruling],
  });
  await publicClient.waitForTransactionReceipt({ hash });
}

/** A disputed pact naming the court adapter, with no arbiter fee. */
const courtPact = () => disputedPact({ arbiter: courts.adapter, arbiterFee: undefined });

describe("court adapter actions", () => {
  it("test_CreatePact_NamesACourtAdapterWithNoFee", async () => {
    const { terms } = await courtPact();
    expect(terms.arbiter).toBe(courts.adapter);
    expect(terms.arbiterFee).toBe(0n);
    await expectInvalid(createPact(buyer, { ...baseTerms, arbiter: courts.adapter, arbiterFee: "5" }), [
      `arbiterFee: must be 0: the arbiter is a court adapter (court ${courts.court}), paid in ETH on arbitration`,
    ]);
  });

  it("test_FullFlow_EvidenceArbitrationAppealAndRuling", async () => {
    const { pactId, terms } = await courtPact();

    const early = await submitCourtEvidence(buyer, { pactId, evidence: "ipfs://bafy/buyer.json" });
    expect(early.event).toEqual({
      arbitrator: courts.court,
      evidenceGroupID: pactId,
      party: accounts.buyer.address,
      evidence: "ipfs://bafy/buyer.json",
    });
    expect((await getCourtDispute(stranger, { pactId })).requested).toBe(false);

    const requested = await requestArbitration(stranger, { pactId, metaEvidence: META });
    expect(requested.event).toEqual({
      pactId,
      disputeID: requested.disputeID,
      requester: accounts.stranger.address,
      cost: ARBITRATION_COST,
    });
    await expectRevert(
      requestArbitration(stranger, { pactId, terms, metaEvidence: META }),
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
      appealPeriod: undefined,
      ruled: false,
      ruling: undefined,
      applied: false,
    });

    await giveRuling(requested.disputeID, 2n);
    const appealable = await getCourtDispute(stranger, { pactId });
    expect(appealable.courtStatus).toBe("appealable");
    expect(appealable.currentRuling).toBe(2n);
    expect(appealable.appealCost).toBe(APPEAL_COST);
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
    await giveRuling(requested.disputeID, 3n);
    await travel(86_400);
    const hash = await operator.writeContract({
      address: courts.court,
      abi: testArbitratorAbi,
      functionName: "executeRuling",
      args: [requested.disputeID],
    });
    await publicClient.waitForTransactionReceipt({ hash });
    expect(await getCourtDispute(stranger, { pactId })).toMatchObject({
      courtStatus: "solved",
      ruled: true,
      ruling: 3n,
      applied: true,
    });
    expect((await getPact(stranger, { pactId })).status).toBe("resolved");
  });

  it("test_Prepare_ReturnsTheAdapterCallsWithTheCourtsCosts", async () => {
    const { pactId } = await courtPact();
    const request = await prepareRequestArbitration(stranger, { pactId, metaEvidence: META });
    expect(request.calls).toHaveLength(1);
    expect(request.calls[0]).toMatchObject({ to: courts.adapter, value: ARBITRATION_COST });
    const evidence = await prepareSubmitCourtEvidence(agent, { pactId, evidence: "ipfs://bafy/agent.json" });
    expect(evidence.calls[0]).toMatchObject({ to: courts.adapter, value: 0n });

    await requestArbitration(stranger, { pactId, metaEvidence: META });
    const { disputeID } = await getCourtDispute(stranger, { pactId });
    await giveRuling(disputeID!, 1n);
    const appeal = await prepareFundAppeal(agent, { pactId });
    expect(appeal.calls[0]).toMatchObject({ to: courts.adapter, value: APPEAL_COST });
    expect(courtAdapterAbi.some((item) => item.type === "function" && item.name === "fundAppeal")).toBe(true);
  });

  it("test_RevertWhen_ParametersInvalid", async () => {
    const plain = await disputedPact();
    await expectInvalid(requestArbitration(stranger, { pactId: plain.pactId, metaEvidence: META }), [
      "adapter: is not a court adapter (it has no COURT())",
      `pactId: has an arbiter fee (${plain.terms.arbiterFee}): a court adapter refuses it; the default ruling applies`,
    ]);
    await expectInvalid(
      requestArbitration(stranger, { pactId: plain.pactId, adapter: courts.adapter, metaEvidence: "" }),
      ["metaEvidence: must be a non-empty URI (e.g. ipfs://…)"],
    );
    await expectInvalid(getCourtDispute(stranger, { pactId: plain.pactId }), [
      `adapter: ${accounts.arbiter.address} is not a court adapter (it has no COURT())`,
    ]);

    const { pactId } = await courtPact();
    await expectInvalid(requestArbitration(stranger, { pactId, metaEvidence: META, value: ARBITRATION_COST - 1n }), [
      `value: must be at least the court's arbitration cost (${ARBITRATION_COST} wei)`,
    ]);
    await expectInvalid(submitCourtEvidence(stranger, { pactId, evidence: "ipfs://x" }), [
      `account: must be the pact's buyer ${accounts.buyer.address} or agent ${accounts.agent.address}`,
    ]);
    await expectRevert(fundAppeal(agent, { pactId, value: APPEAL_COST }), "CourtAdapter_NotRequested", [pactId]);
  });
});
