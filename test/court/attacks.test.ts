import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import { encodeFunctionData, parseEther, toFunctionSelector, zeroAddress, type Address } from "viem";

import {
  CONFIG,
  DAY,
  PactStatus,
  as,
  deliveredPact,
  deploySurety,
  disputedPact,
  makeTerms,
  nextTxAt,
  statusOf,
  type SuretyFixture,
  type Terms,
} from "../helpers/fixture.ts";

/** The court's fees, in ETH: a court that costs more than the pact is worth to the agent. */
const ARBITRATION_COST = parseEther("0.1");
const BASE_APPEAL_COST = parseEther("0.2");
const APPEAL_DURATION = 3n * DAY;
const FEE_WINDOW = 2 * 86_400;
const META_EVIDENCE = "data:application/json,{}";

/**
 * The attacks of issue 14 on court-arbitrated pacts, performed as the losing party or a stranger would against a
 * court that behaves as deployed ERC-792 courts do (TestRealisticCourt: anyone may appeal, the appeal cost doubles
 * per round, statuses move before `rule` is called, exact payment only), each asserting the honest outcome.
 */
describe("CourtAdapter: attacks by the losing side", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;

  async function deployRealCourt(c: NetworkConnection) {
    const f = await deploySurety(c);
    const court = await c.viem.deployContract("TestRealisticCourt", [
      ARBITRATION_COST,
      BASE_APPEAL_COST,
      APPEAL_DURATION,
      true,
      true,
    ]);
    const adapter = await c.viem.deployContract("CourtAdapter", [
      f.surety.address,
      court.address,
      "0x",
      [],
      CONFIG.maxRulingPeriod,
      FEE_WINDOW,
      META_EVIDENCE,
      [f.usdc.address, zeroAddress],
    ]);
    // The cooperative module's calls, at Surety's own address.
    const coop = await c.viem.getContractAt("SuretyCooperative", f.surety.address);
    return { ...f, court, adapter, coop };
  }
  type Fixture = Awaited<ReturnType<typeof deployRealCourt>>;
  const load = () => networkHelpers.loadFixture(deployRealCourt);

  const disputedAt = async (f: Fixture, pactId: bigint) => Number((await f.surety.read.getPact([pactId]))[1]);
  const usdcOf = (f: Fixture, who: Address) => f.usdc.read.balanceOf([who]);

  /** Terms naming the adapter, no arbiter fee, a ruling period of 7 days: longer than one court round, far shorter than several. */
  const courtTerms = (f: Fixture, overrides: Partial<Terms> = {}) =>
    makeTerms(f as SuretyFixture, {
      arbiter: f.adapter.address,
      arbiterFee: 0n,
      rulingPeriod: 7 * 86_400,
      ...overrides,
    });

  /** A delivered pact the buyer disputes and takes to court, paying the court's fee. */
  async function inCourt(f: Fixture) {
    const terms = await courtTerms(f);
    const pactId = await disputedPact(f as SuretyFixture, terms);
    await f.adapter.write.requestArbitration([pactId, terms, "ipfs://reason.json"], {
      ...as(f.buyer),
      value: ARBITRATION_COST,
    });
    const { disputeID } = await f.adapter.read.courtDispute([pactId]);
    return { terms, pactId, disputeID };
  }

  /** The court's current appeal window for `disputeID` (after a ruling). */
  async function appealWindow(f: Fixture, disputeID: bigint) {
    const [start, end] = await f.court.read.appealPeriod([disputeID]);
    return { start: Number(start), end: Number(end) };
  }

  /*//////////////////////////////////////////////////////////////
                    2. Appeals cannot reach the default split
  //////////////////////////////////////////////////////////////*/

  it("test_Attack_LoserAppealsInTheLastSecondOfTheWindow_NextRoundOverrunsTheRulingPeriod_CourtsRulingApplies", async () => {
    const f = await load();
    const { terms, pactId, disputeID } = await inCourt(f);
    const rulingEnd = (await disputedAt(f, pactId)) + terms.rulingPeriod;

    // Round 1: the court finds for the buyer on day 3; the agent appeals in the last second of the window.
    await nextTxAt(f as SuretyFixture, (await disputedAt(f, pactId)) + 3 * 86_400);
    await f.court.write.giveRuling([disputeID, 1n]);
    const first = await appealWindow(f, disputeID);
    await nextTxAt(f as SuretyFixture, first.end - 1);
    const cost = await f.adapter.read.appealCost([pactId]);
    assert.equal(cost, BASE_APPEAL_COST);
    await f.adapter.write.fundAppeal([pactId], { ...as(f.agent), value: cost });

    // The pact's own ruling period ends while the court deliberates: no one can apply the default split.
    await nextTxAt(f as SuretyFixture, rulingEnd + 1);
    const heldUntil = await f.coop.read.rulingHeldUntil([pactId]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.surety.write.applyDefaultRuling([pactId, terms], as(f.agent)),
      f.surety,
      "Surety_DeadlineNotPassed",
      [pactId, BigInt(heldUntil)],
    );

    // Round 2 confirms; once final, anyone has it executed, and the pact pays the court's ruling.
    await f.court.write.giveRuling([disputeID, 1n]);
    await nextTxAt(f as SuretyFixture, (await appealWindow(f, disputeID)).end);
    const buyerBefore = await usdcOf(f, terms.buyer);
    await f.court.write.executeRuling([disputeID], as(f.stranger));
    assert.equal(await statusOf(f, pactId), PactStatus.Resolved);
    assert.equal((await usdcOf(f, terms.buyer)) - buyerBefore, terms.price + terms.penalty);
  });

  it("test_Attack_StrangerAppealsAtTheCourtDirectly_AsTheRulingPeriodEnds_CourtsRulingApplies", async () => {
    const f = await load();
    const { terms, pactId, disputeID } = await inCourt(f);
    const rulingEnd = (await disputedAt(f, pactId)) + terms.rulingPeriod;

    await nextTxAt(f as SuretyFixture, rulingEnd - 2 * 86_400);
    await f.court.write.giveRuling([disputeID, 2n]);
    // A stranger, not a party, pays the court directly (no adapter involved), at the last second.
    const { end } = await appealWindow(f, disputeID);
    await nextTxAt(f as SuretyFixture, end - 1);
    await f.court.write.appeal([disputeID, "0x"], { ...as(f.stranger), value: BASE_APPEAL_COST });

    await nextTxAt(f as SuretyFixture, rulingEnd + 10 * 86_400);
    await viem.assertions.revertWithCustomError(
      f.surety.write.applyDefaultRuling([pactId, terms], as(f.buyer)),
      f.surety,
      "Surety_DeadlineNotPassed",
    );
    await f.court.write.giveRuling([disputeID, 2n]);
    await nextTxAt(f as SuretyFixture, (await appealWindow(f, disputeID)).end);
    const agentBefore = await usdcOf(f, terms.agent);
    await f.court.write.executeRuling([disputeID], as(f.buyer));
    assert.equal(await statusOf(f, pactId), PactStatus.Resolved);
    assert.equal((await usdcOf(f, terms.agent)) - agentBefore, terms.price);
  });

  it("test_GivenACourtThatNeverRules_DefaultRulingReachableOnceTheHoldEndsAndALateRulingIsOnlyRecorded", async () => {
    const f = await load();
    const { terms, pactId, disputeID } = await inCourt(f);
    const heldUntil = Number(await f.coop.read.rulingHeldUntil([pactId]));
    assert.equal(heldUntil, (await disputedAt(f, pactId)) + CONFIG.maxRulingHold);

    await nextTxAt(f as SuretyFixture, heldUntil);
    await viem.assertions.revertWithCustomError(
      f.surety.write.applyDefaultRuling([pactId, terms]),
      f.surety,
      "Surety_DeadlineNotPassed",
    );
    await nextTxAt(f as SuretyFixture, heldUntil + 1);
    await f.surety.write.applyDefaultRuling([pactId, terms], as(f.stranger));
    assert.equal(await statusOf(f, pactId), PactStatus.DefaultRuled);

    await f.court.write.giveRuling([disputeID, 1n]);
    await nextTxAt(f as SuretyFixture, (await appealWindow(f, disputeID)).end);
    await viem.assertions.emitWithArgs(f.court.write.executeRuling([disputeID]), f.adapter, "RulingLate", [
      pactId,
      disputeID,
      1n,
      PactStatus.DefaultRuled,
    ]);
  });

  /*//////////////////////////////////////////////////////////////
                      3. Court disputes are not free
  //////////////////////////////////////////////////////////////*/

  it("test_Attack_BuyerDisputesAGoodDeliveryAndNeverPaysTheCourt_AgentIsPaidInFull", async () => {
    const f = await load();
    // A small price next to the court's fee: the case where an agent would rather let a split apply.
    const terms = await courtTerms(f, { defaultBuyerBps: 5_000 });
    const pactId = await disputedPact(f as SuretyFixture, terms);
    const deadline = Number(await f.adapter.read.feeDeadline([pactId, terms]));
    assert.equal(deadline, (await disputedAt(f, pactId)) + FEE_WINDOW);

    // The buyer waits out the window, then tries to start the court anyway: refused.
    await nextTxAt(f as SuretyFixture, deadline + 1);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.adapter.write.requestArbitration([pactId, terms, ""], { ...as(f.buyer), value: ARBITRATION_COST }),
      f.adapter,
      "CourtAdapter_FeeWindowOver",
      [pactId, BigInt(deadline)],
    );
    const [agentBefore, bondedBefore] = [
      await usdcOf(f, terms.agent),
      (await f.surety.read.stakeAccount([terms.agent])).bonded,
    ];
    await viem.assertions.emitWithArgs(
      f.adapter.write.settleUnfunded([pactId, terms], as(f.agent)),
      f.adapter,
      "ArbitrationUnfunded",
      [pactId, f.agent.account.address],
    );
    assert.equal(await statusOf(f, pactId), PactStatus.Resolved);
    assert.equal((await usdcOf(f, terms.agent)) - agentBefore, terms.price);
    assert.equal((await f.surety.read.stakeAccount([terms.agent])).bonded, bondedBefore);
  });

  it("test_Attack_BuyerLetsTheFeeWindowLapseHopingForTheDefaultSplit_AnyoneSettlesForTheAgentFirst", async () => {
    const f = await load();
    const terms = await courtTerms(f);
    const pactId = await disputedPact(f as SuretyFixture, terms);
    const deadline = Number(await f.adapter.read.feeDeadline([pactId, terms]));
    // Within the window nothing can end the dispute early for the agent.
    await nextTxAt(f as SuretyFixture, deadline);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.adapter.write.settleUnfunded([pactId, terms], as(f.stranger)),
      f.adapter,
      "CourtAdapter_FeeWindowOpen",
      [pactId, BigInt(deadline)],
    );
    // Past it, a keeper settles for the agent long before the default ruling opens.
    await nextTxAt(f as SuretyFixture, deadline + 1);
    await f.adapter.write.settleUnfunded([pactId, terms], as(f.stranger));
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.surety.write.applyDefaultRuling([pactId, terms], as(f.buyer)),
      f.surety,
      "Surety_InvalidStatus",
      [pactId, PactStatus.Resolved],
    );
  });

  it("test_Attack_StrangerPaysTheCourtForTheBuyer_Refused", async () => {
    const f = await load();
    const terms = await courtTerms(f);
    const pactId = await disputedPact(f as SuretyFixture, terms);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.adapter.write.requestArbitration([pactId, terms, ""], { ...as(f.stranger), value: ARBITRATION_COST }),
      f.adapter,
      "CourtAdapter_CallerNotBuyer",
      [pactId, f.stranger.account.address],
    );
  });

  /*//////////////////////////////////////////////////////////////
                  4. A reentrant court call loses nothing
  //////////////////////////////////////////////////////////////*/

  it("test_Attack_LoserExecutesTheRulingFromAPayoutHookWhileSuretyIsLocked_DefaultPayoutGas_RulingStillApplies", async () => {
    const f = await load();
    const { terms, pactId, disputeID } = await inCourt(f);
    await f.court.write.giveRuling([disputeID, 1n]);
    await nextTxAt(f as SuretyFixture, (await appealWindow(f, disputeID)).end);

    // The losing agent is also the buyer of an ETH pact, through a contract whose receive hook executes the court's
    // ruling: cancelling that pact pays it inside Surety's call, with the deployment's default payout gas.
    assert.equal((await f.surety.read.config()).payoutGas, CONFIG.payoutGas);
    const hook = await viem.deployContract("MockReentrantRecipient", [f.agent.account.address]);
    const ethTerms = await makeTerms(f as SuretyFixture, {
      buyer: hook.address,
      agent: f.agent2.account.address,
      token: zeroAddress,
      price: parseEther("1"),
      arbiterFee: 0n,
    });
    const createData = encodeFunctionData({ abi: f.surety.abi, functionName: "createPact", args: [ethTerms] });
    await hook.write.execute([f.surety.address, ethTerms.price, createData], {
      ...as(f.agent),
      value: ethTerms.price,
    });
    const executeData = encodeFunctionData({ abi: f.court.abi, functionName: "executeRuling", args: [disputeID] });
    await hook.write.setReentry([f.court.address, executeData, false], as(f.agent));
    const cancelData = encodeFunctionData({ abi: f.surety.abi, functionName: "cancelPact", args: [2n, ethTerms] });
    const hash = await hook.write.execute([f.surety.address, 0n, cancelData], as(f.agent));

    // The court's call reached the adapter and was refused for Surety's lock, so nothing was recorded anywhere.
    const [attempt] = await hook.getEvents.ReentryAttempted(
      {},
      { blockHash: (await f.publicClient.getTransactionReceipt({ hash })).blockHash },
    );
    assert.equal(attempt.args.success, false);
    assert.equal(attempt.args.returnData, toFunctionSelector("CourtAdapter_SuretyBusy()"));
    assert.equal((await f.adapter.read.courtDispute([pactId])).ruled, false);

    // The court's call stays repeatable: run again outside Surety, the buyer's ruling applies with the slash.
    const buyerBefore = await usdcOf(f, terms.buyer);
    await f.court.write.executeRuling([disputeID], as(f.stranger));
    assert.equal(await statusOf(f, pactId), PactStatus.Resolved);
    assert.equal((await usdcOf(f, terms.buyer)) - buyerBefore, terms.price + terms.penalty);
  });

  /*//////////////////////////////////////////////////////////////
                5. Meta-evidence is not the requester's to write
  //////////////////////////////////////////////////////////////*/

  it("test_Attack_AgentRequestsFirstToRelabelTheRulings_MetaEvidenceIsTheDeploymentsOwn", async () => {
    const f = await load();
    const terms = await courtTerms(f);
    const pactId = await disputedPact(f as SuretyFixture, terms);
    // The agent cannot be the one to open the court at all, let alone choose what the rulings mean.
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.adapter.write.requestArbitration([pactId, terms, "ipfs://ruling-1-pays-the-agent.json"], {
        ...as(f.agent),
        value: ARBITRATION_COST,
      }),
      f.adapter,
      "CourtAdapter_CallerNotBuyer",
      [pactId, f.agent.account.address],
    );
    // The buyer's request carries only the buyer's evidence; the court's question stays the deployment's document.
    const hash = await f.adapter.write.requestArbitration([pactId, terms, "ipfs://reason.json"], {
      ...as(f.buyer),
      value: ARBITRATION_COST,
    });
    const receipt = await f.publicClient.getTransactionReceipt({ hash });
    const metaEvents = await f.adapter.getEvents.MetaEvidence({}, { blockHash: receipt.blockHash });
    assert.equal(metaEvents.length, 0);
    const [dispute] = await f.adapter.getEvents.Dispute({}, { blockHash: receipt.blockHash });
    assert.equal(dispute.args.metaEvidenceID, await f.adapter.read.META_EVIDENCE_ID());
    assert.equal(dispute.args.evidenceGroupID, pactId);
    const [deployed] = await f.adapter.getEvents.MetaEvidence({}, { fromBlock: 0n });
    assert.equal(deployed.args.evidence, META_EVIDENCE);
    await viem.assertions.emitWithArgs(hash, f.adapter, "Evidence", [
      f.court.address,
      pactId,
      f.buyer.account.address,
      "ipfs://reason.json",
    ]);
  });

  /*//////////////////////////////////////////////////////////////
                      6. Real courts' behaviours
  //////////////////////////////////////////////////////////////*/

  it("test_GivenARealCourt_WhenAppealCostDoublesAndChangesMidPeriod_TheAdapterPaysExactlyTheCurrentCost", async () => {
    const f = await load();
    const { pactId, disputeID } = await inCourt(f);
    // Before any ruling the court's appeal period reverts: the adapter says "not appealable", not a 1970 window.
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.adapter.write.fundAppeal([pactId], { ...as(f.agent), value: BASE_APPEAL_COST }),
      f.adapter,
      "CourtAdapter_NotAppealable",
      [pactId, disputeID],
    );
    assert.equal(await f.adapter.read.appealCost([pactId]), await f.court.read.NOT_PAYABLE());

    await f.court.write.giveRuling([disputeID, 1n]);
    await f.court.write.setFees([ARBITRATION_COST, 3n * BASE_APPEAL_COST]); // mid-period change
    const cost = await f.adapter.read.appealCost([pactId]);
    assert.equal(cost, 3n * BASE_APPEAL_COST);
    const extra = parseEther("0.5");
    const before = await f.publicClient.getBalance({ address: f.court.address });
    await f.adapter.write.fundAppeal([pactId], { ...as(f.agent), value: cost + extra });
    // The exact-payment court took exactly its cost; the adapter kept nothing.
    assert.equal((await f.publicClient.getBalance({ address: f.court.address })) - before, cost);
    assert.equal(await f.publicClient.getBalance({ address: f.adapter.address }), 0n);

    await f.court.write.giveRuling([disputeID, 1n]);
    assert.equal(await f.adapter.read.appealCost([pactId]), 2n * 3n * BASE_APPEAL_COST);
  });

  it("test_GivenARealCourt_WhenStatusSolvedBeforeRuleIsCalled_NoOneCanAppealOrDefaultAndTheRulingApplies", async () => {
    const f = await load();
    const { terms, pactId, disputeID } = await inCourt(f);
    await f.court.write.giveRuling([disputeID, 2n]);
    await nextTxAt(f as SuretyFixture, (await appealWindow(f, disputeID)).end);
    await f.testClient.mine({ blocks: 1 });
    assert.equal(await f.court.read.disputeStatus([disputeID]), 2); // Solved, and `rule` not called yet
    await viem.assertions.revertWithCustomError(
      f.adapter.write.fundAppeal([pactId], { ...as(f.buyer), value: BASE_APPEAL_COST }),
      f.adapter,
      "CourtAdapter_NotAppealable",
    );
    const agentBefore = await usdcOf(f, terms.agent);
    await f.court.write.executeRuling([disputeID], as(f.agent));
    assert.equal((await usdcOf(f, terms.agent)) - agentBefore, terms.price);
  });

  it("test_GivenDeliveredCourtPactWithNoDisputeYet_NothingToSettle", async () => {
    const f = await load();
    const terms = await courtTerms(f);
    const pactId = await deliveredPact(f as SuretyFixture, terms);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.adapter.write.settleUnfunded([pactId, terms]),
      f.adapter,
      "CourtAdapter_PactNotDisputed",
      [pactId, PactStatus.Delivered],
    );
  });
});
