import assert from "node:assert/strict";
import { describe, it } from "node:test";

import hre, { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import {
  encodeAbiParameters,
  encodeFunctionData,
  getAddress,
  keccak256,
  parseEther,
  zeroAddress,
  type Address,
  type Hash,
} from "viem";

import {
  CONFIG,
  DAY,
  PactStatus,
  deliveredPact,
  deploySurety,
  disputedPact,
  makeTerms,
  mineAt,
  nextTxAt,
  usd,
  type SuretyFixture,
  type Terms,
} from "../helpers/fixture.ts";

/** The court's fees, in ETH. */
const ARBITRATION_COST = parseEther("0.1");
const APPEAL_COST = parseEther("0.25");
const APPEAL_DURATION = 2n * DAY;
const EXTRA_DATA = "0x000000000000000000000000000000000000000000000000000000000000000103" as const;
/** Buyer's shares of rulings 3 and 4. */
const SPLITS = [3_000, 7_000];
const META = "ipfs://meta-evidence.json";

/** ERC-792 dispute statuses, in the order of the Solidity enum. */
const CourtStatus = { Waiting: 0, Appealable: 1, Solved: 2 } as const;

/** Surety's fixture plus a test court and an adapter to it, registered for mUSD and ETH. */
async function deployCourt(connection: NetworkConnection) {
  const f = await deploySurety(connection);
  const court = await f.viem.deployContract("TestArbitrator", [ARBITRATION_COST, APPEAL_COST, APPEAL_DURATION]);
  const adapter = await f.viem.deployContract("CourtAdapter", [
    f.surety.address,
    court.address,
    EXTRA_DATA,
    SPLITS,
    CONFIG.maxRulingPeriod,
    [f.usdc.address, zeroAddress],
  ]);
  return { ...f, court, adapter };
}

type CourtFixture = Awaited<ReturnType<typeof deployCourt>>;

describe("CourtAdapter", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deployCourt);

  /** Terms naming the adapter, with no arbiter fee and a ruling period of 10 days. */
  function courtTerms(f: CourtFixture, overrides: Partial<Terms> = {}): Promise<Terms> {
    return makeTerms(f as SuretyFixture, {
      arbiter: f.adapter.address,
      arbiterFee: 0n,
      rulingPeriod: 10 * 86_400,
      ...overrides,
    });
  }

  async function status(f: CourtFixture, pactId: bigint): Promise<number> {
    const [pactStatus] = await f.surety.read.getPact([pactId]);
    return pactStatus;
  }

  async function disputedAt(f: CourtFixture, pactId: bigint): Promise<number> {
    const [, at] = await f.surety.read.getPact([pactId]);
    return Number(at);
  }

  /** A Disputed pact naming the adapter whose court dispute was requested; returns its ids. */
  async function requested(f: CourtFixture, overrides: Partial<Terms> = {}) {
    const terms = await courtTerms(f, overrides);
    const pactId = await disputedPact(f as SuretyFixture, terms);
    await f.adapter.write.requestArbitration([pactId, terms, META], {
      account: f.stranger.account,
      value: ARBITRATION_COST,
    });
    const { disputeID } = await f.adapter.read.courtDispute([pactId]);
    return { terms, pactId, disputeID };
  }

  /** The court rules and, once its appeal period is over, makes the ruling final. */
  async function finalRuling(f: CourtFixture, disputeID: bigint, ruling: bigint): Promise<Hash> {
    await f.court.write.giveRuling([disputeID, ruling]);
    const [, end] = await f.court.read.appealPeriod([disputeID]);
    await nextTxAt(f as SuretyFixture, end);
    return f.court.write.executeRuling([disputeID]);
  }

  /**
   * A second Surety whose payouts forward 1,000,000 gas, with its own court and adapter, and a requested court
   * dispute on a mUSD pact. `trigger` makes Surety refuse the court's ruling: a contract buyer cancels an ETH pact,
   * and on receiving the refund (inside Surety's call) has the court rule, so Surety's reentrancy guard refuses it.
   */
  async function refusingSurety(f: CourtFixture) {
    const surety = await viem.deployContract("Surety", [
      { stakeToken: f.usdc.address, ...CONFIG, payoutGas: 1_000_000 },
      f.admin.account.address,
      3 * 86_400,
      f.operator.account.address,
      f.guardian.account.address,
    ]);
    const court = await viem.deployContract("TestArbitrator", [ARBITRATION_COST, APPEAL_COST, APPEAL_DURATION]);
    const adapter = await viem.deployContract("CourtAdapter", [
      surety.address,
      court.address,
      "0x",
      [],
      CONFIG.maxRulingPeriod,
      [f.usdc.address, zeroAddress],
    ]);
    await f.usdc.write.approve([surety.address, 2n ** 255n], { account: f.buyer.account });
    await f.usdc.write.approve([surety.address, 2n ** 255n], { account: f.agent.account });
    await surety.write.depositStake([usd("1000")], { account: f.agent.account });

    const terms = await courtTerms(f, { arbiter: adapter.address });
    await surety.write.createPact([terms], { account: f.buyer.account });
    const pactId = 1n;
    await surety.write.acceptPact([pactId, terms], { account: f.agent.account });
    await surety.write.deliverPact([pactId, terms, keccak256("0x02")], { account: f.agent.account });
    await surety.write.disputePact([pactId, terms, keccak256("0x03")], { account: f.buyer.account });
    await adapter.write.requestArbitration([pactId, terms, META], { value: ARBITRATION_COST });
    const disputeID = 0n;

    const buyer = await viem.deployContract("MockReentrantRecipient", [f.stranger.account.address]);
    const ethTerms = await courtTerms(f, {
      buyer: buyer.address,
      arbiter: adapter.address,
      token: zeroAddress,
      price: parseEther("1"),
    });
    await buyer.write.execute(
      [
        surety.address,
        ethTerms.price,
        encodeFunctionData({ abi: surety.abi, functionName: "createPact", args: [ethTerms] }),
      ],
      { account: f.stranger.account, value: ethTerms.price },
    );
    await buyer.write.setReentry(
      [
        court.address,
        encodeFunctionData({ abi: court.abi, functionName: "forceRule", args: [adapter.address, disputeID, 1n, 0n] }),
        false,
      ],
      { account: f.stranger.account },
    );
    const trigger = () =>
      buyer.write.execute(
        [surety.address, 0n, encodeFunctionData({ abi: surety.abi, functionName: "cancelPact", args: [2n, ethTerms] })],
        { account: f.stranger.account },
      );
    return { surety, court, adapter, terms, pactId, disputeID, trigger };
  }

  async function usdcOf(f: CourtFixture, who: Address): Promise<bigint> {
    return f.usdc.read.balanceOf([who]);
  }

  async function gasOf(f: CourtFixture, hash: Hash): Promise<bigint> {
    return (await f.publicClient.waitForTransactionReceipt({ hash })).gasUsed;
  }

  /*//////////////////////////////////////////////////////////////
                              deployment
  //////////////////////////////////////////////////////////////*/

  describe("deployment", () => {
    it("test_Constructor_RegistersWithNoFeeAndKeepsTheCourtSettings", async () => {
      const f = await load();
      for (const token of [f.usdc.address, zeroAddress]) {
        const arbiter = await f.surety.read.arbiterTerms([f.adapter.address, token]);
        assert.deepEqual(arbiter, { registered: true, maxRulingPeriod: CONFIG.maxRulingPeriod, minFee: 0n });
      }
      assert.equal((await f.surety.read.arbiterTerms([f.adapter.address, f.dai.address])).registered, false);
      assert.equal(await f.adapter.read.COURT(), getAddress(f.court.address));
      assert.equal(await f.adapter.read.SURETY(), getAddress(f.surety.address));
      assert.equal(await f.adapter.read.arbitratorExtraData(), EXTRA_DATA);
      assert.deepEqual(await f.adapter.read.splits(), SPLITS);
      assert.equal(await f.adapter.read.numberOfChoices(), 4n);
      assert.equal(await f.adapter.read.arbitrationCost(), ARBITRATION_COST);
    });

    it("test_RevertWhen_SplitAboveAllBps", async () => {
      const f = await load();
      await viem.assertions.revertWithCustomErrorWithArgs(
        viem.deployContract("CourtAdapter", [f.surety.address, f.court.address, "0x", [10_000, 10_001], 86_400, []]),
        f.adapter,
        "CourtAdapter_SplitTooHigh",
        [1n, 10_001],
      );
    });

    it("test_RevertWhen_SuretyOrCourtHasNoCode", async () => {
      const f = await load();
      const nobody = f.stranger.account.address;
      await viem.assertions.revertWithCustomErrorWithArgs(
        viem.deployContract("CourtAdapter", [nobody, f.court.address, "0x", [], 86_400, []]),
        f.adapter,
        "CourtAdapter_InvalidSurety",
        [nobody],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        viem.deployContract("CourtAdapter", [f.surety.address, nobody, "0x", [], 86_400, []]),
        f.adapter,
        "CourtAdapter_InvalidCourt",
        [nobody],
      );
    });

    it("test_Register_AnyoneAddsATokenWithNoFee", async () => {
      const f = await load();
      await viem.assertions.emitWithArgs(
        f.adapter.write.register([f.dai.address], { account: f.stranger.account }),
        f.adapter,
        "TokenRegistered",
        [f.dai.address, CONFIG.maxRulingPeriod],
      );
      const arbiter = await f.surety.read.arbiterTerms([f.adapter.address, f.dai.address]);
      assert.deepEqual(arbiter, { registered: true, maxRulingPeriod: CONFIG.maxRulingPeriod, minFee: 0n });
    });
  });

  /*//////////////////////////////////////////////////////////////
                          requestArbitration
  //////////////////////////////////////////////////////////////*/

  describe("requestArbitration", () => {
    it("test_GivenDisputed_CreatesTheCourtDisputeAndRefundsTheExcess", async () => {
      const f = await load();
      const terms = await courtTerms(f);
      const pactId = await disputedPact(f as SuretyFixture, terms);
      const excess = parseEther("0.03");
      const before = await f.publicClient.getBalance({ address: f.stranger.account.address });
      const hash = await f.adapter.write.requestArbitration([pactId, terms, META], {
        account: f.stranger.account,
        value: ARBITRATION_COST + excess,
      });
      const receipt = await f.publicClient.waitForTransactionReceipt({ hash });
      const after = await f.publicClient.getBalance({ address: f.stranger.account.address });
      assert.equal(before - after, ARBITRATION_COST + receipt.gasUsed * receipt.effectiveGasPrice);
      assert.equal(await f.publicClient.getBalance({ address: f.adapter.address }), 0n);
      assert.equal(await f.publicClient.getBalance({ address: f.court.address }), ARBITRATION_COST);

      await viem.assertions.emitWithArgs(hash, f.adapter, "MetaEvidence", [pactId, META]);
      await viem.assertions.emitWithArgs(hash, f.adapter, "Dispute", [f.court.address, 0n, pactId, pactId]);
      await viem.assertions.emitWithArgs(hash, f.adapter, "ArbitrationRequested", [
        pactId,
        0n,
        f.stranger.account.address,
        ARBITRATION_COST,
      ]);
      await viem.assertions.emitWithArgs(hash, f.court, "DisputeCreation", [0n, f.adapter.address]);
      const [arbitrable, choices, , courtStatus] = await f.court.read.disputes([0n]);
      assert.equal(arbitrable, getAddress(f.adapter.address));
      assert.equal(choices, 4n);
      assert.equal(courtStatus, CourtStatus.Waiting);
      assert.deepEqual(await f.adapter.read.courtDispute([pactId]), {
        disputeID: 0n,
        ruling: 0n,
        requested: true,
        ruled: false,
        applied: false,
      });
      assert.equal(await f.adapter.read.pactOfDispute([0n]), pactId);
      assert.deepEqual(await f.adapter.read.termsOf([pactId]), {
        ...terms,
        buyer: getAddress(terms.buyer),
        agent: getAddress(terms.agent),
        arbiter: getAddress(terms.arbiter),
        token: getAddress(terms.token),
      });
      assert.equal((await f.adapter.read.termsOf([pactId + 1n])).buyer, zeroAddress);
    });

    it("test_RevertWhen_AlreadyRequested", async () => {
      const f = await load();
      const { terms, pactId, disputeID } = await requested(f);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.requestArbitration([pactId, terms, META], { value: ARBITRATION_COST }),
        f.adapter,
        "CourtAdapter_AlreadyRequested",
        [pactId, disputeID],
      );
    });

    it("test_RevertWhen_ValueBelowTheCourtsCost", async () => {
      const f = await load();
      const terms = await courtTerms(f);
      const pactId = await disputedPact(f as SuretyFixture, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.requestArbitration([pactId, terms, META], { value: ARBITRATION_COST - 1n }),
        f.adapter,
        "CourtAdapter_InsufficientValue",
        [ARBITRATION_COST, ARBITRATION_COST - 1n],
      );
    });

    it("test_RevertWhen_PactNamesAnotherArbiter", async () => {
      const f = await load();
      const terms = await makeTerms(f as SuretyFixture);
      const pactId = await disputedPact(f as SuretyFixture, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.requestArbitration([pactId, terms, META], { value: ARBITRATION_COST }),
        f.adapter,
        "CourtAdapter_NotArbiter",
        [pactId, f.arbiter.account.address],
      );
    });

    it("test_GivenArbiterFee_RefusesAndTheDefaultRulingApplies", async () => {
      const f = await load();
      const terms = await courtTerms(f, { arbiterFee: usd("5") });
      const pactId = await disputedPact(f as SuretyFixture, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.requestArbitration([pactId, terms, META], { value: ARBITRATION_COST }),
        f.adapter,
        "CourtAdapter_ArbiterFeeNotZero",
        [pactId, usd("5")],
      );
      await nextTxAt(f as SuretyFixture, (await disputedAt(f, pactId)) + terms.rulingPeriod + 1);
      await f.surety.write.applyDefaultRuling([pactId, terms]);
      assert.equal(await status(f, pactId), PactStatus.DefaultRuled);
    });

    it("test_RevertWhen_TermsMismatch", async () => {
      const f = await load();
      const terms = await courtTerms(f);
      const pactId = await disputedPact(f as SuretyFixture, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.requestArbitration([pactId, { ...terms, penalty: 0n }, META], { value: ARBITRATION_COST }),
        f.adapter,
        "CourtAdapter_TermsMismatch",
        [pactId],
      );
    });

    it("test_RevertWhen_PactNotDisputed", async () => {
      const f = await load();
      const terms = await courtTerms(f);
      const pactId = await deliveredPact(f as SuretyFixture, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.requestArbitration([pactId, terms, META], { value: ARBITRATION_COST }),
        f.adapter,
        "CourtAdapter_PactNotDisputed",
        [pactId, PactStatus.Delivered],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.requestArbitration([99n, terms, META], { value: ARBITRATION_COST }),
        f.adapter,
        "CourtAdapter_PactNotDisputed",
        [99n, PactStatus.None],
      );
    });

    it("test_RevertWhen_RulingPeriodOver", async () => {
      const f = await load();
      const terms = await courtTerms(f);
      const pactId = await disputedPact(f as SuretyFixture, terms);
      const rulingEnd = (await disputedAt(f, pactId)) + terms.rulingPeriod;
      await nextTxAt(f as SuretyFixture, rulingEnd + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.requestArbitration([pactId, terms, META], { value: ARBITRATION_COST }),
        f.adapter,
        "CourtAdapter_RulingPeriodOver",
        [pactId, BigInt(rulingEnd)],
      );
    });
  });

  /*//////////////////////////////////////////////////////////////
                                 rule
  //////////////////////////////////////////////////////////////*/

  describe("rule", () => {
    it("test_GivenRuling0_AbstainsWithTheDefaultSplit", async () => {
      const f = await load();
      const { terms, pactId, disputeID } = await requested(f, { defaultBuyerBps: 4_000 });
      const [buyer, agent] = [await usdcOf(f, terms.buyer), await usdcOf(f, terms.agent)];
      const hash = await finalRuling(f, disputeID, 0n);
      await viem.assertions.emitWithArgs(hash, f.adapter, "Ruling", [f.court.address, disputeID, 0n]);
      await viem.assertions.emitWithArgs(hash, f.adapter, "RulingApplied", [pactId, disputeID, 0n, 4_000, 0n, true]);
      assert.equal(await status(f, pactId), PactStatus.Abstained);
      assert.equal((await usdcOf(f, terms.buyer)) - buyer, usd("40"));
      assert.equal((await usdcOf(f, terms.agent)) - agent, usd("60"));
      assert.equal((await f.adapter.read.courtDispute([pactId])).applied, true);
    });

    it("test_GivenRuling1_RefundsTheBuyerAndSlashesThePenalty", async () => {
      const f = await load();
      const { terms, pactId, disputeID } = await requested(f);
      const [buyer, agent] = [await usdcOf(f, terms.buyer), await usdcOf(f, terms.agent)];
      const [staked] = await f.surety.read.stakeOf([terms.agent]);
      const hash = await finalRuling(f, disputeID, 1n);
      await viem.assertions.emitWithArgs(hash, f.adapter, "RulingApplied", [
        pactId,
        disputeID,
        1n,
        10_000,
        terms.penalty,
        false,
      ]);
      const rulingHash = keccak256(
        encodeAbiParameters(
          [{ type: "address" }, { type: "uint256" }, { type: "uint256" }],
          [f.court.address, disputeID, 1n],
        ),
      );
      await viem.assertions.emitWithArgs(hash, f.surety, "DisputeResolved", [
        pactId,
        f.adapter.address,
        10_000,
        terms.price,
        0n,
        terms.penalty,
        0n,
        rulingHash,
        false,
      ]);
      assert.equal(await status(f, pactId), PactStatus.Resolved);
      assert.equal((await usdcOf(f, terms.buyer)) - buyer, terms.price + terms.penalty);
      assert.equal(await usdcOf(f, terms.agent), agent);
      const [stakedAfter, locked] = await f.surety.read.stakeOf([terms.agent]);
      assert.equal(staked - stakedAfter, terms.penalty);
      assert.equal(locked, 0n);
    });

    it("test_GivenRuling2_ReleasesToTheAgentWithNoSlash", async () => {
      const f = await load();
      const { terms, pactId, disputeID } = await requested(f);
      const [buyer, agent] = [await usdcOf(f, terms.buyer), await usdcOf(f, terms.agent)];
      const [staked] = await f.surety.read.stakeOf([terms.agent]);
      const hash = await finalRuling(f, disputeID, 2n);
      await viem.assertions.emitWithArgs(hash, f.adapter, "RulingApplied", [pactId, disputeID, 2n, 0, 0n, false]);
      assert.equal(await status(f, pactId), PactStatus.Resolved);
      assert.equal(await usdcOf(f, terms.buyer), buyer);
      assert.equal((await usdcOf(f, terms.agent)) - agent, terms.price);
      assert.equal((await f.surety.read.stakeOf([terms.agent]))[0], staked);
    });

    for (const [ruling, bps] of [
      [3n, SPLITS[0]],
      [4n, SPLITS[1]],
    ] as const) {
      it(`test_GivenRuling${ruling}_SplitsThePriceAsConfigured`, async () => {
        const f = await load();
        const { terms, pactId, disputeID } = await requested(f);
        const [buyer, agent] = [await usdcOf(f, terms.buyer), await usdcOf(f, terms.agent)];
        const hash = await finalRuling(f, disputeID, ruling);
        await viem.assertions.emitWithArgs(hash, f.adapter, "RulingApplied", [
          pactId,
          disputeID,
          ruling,
          bps,
          0n,
          false,
        ]);
        assert.equal(await status(f, pactId), PactStatus.Resolved);
        assert.equal((await usdcOf(f, terms.buyer)) - buyer, (terms.price * BigInt(bps)) / 10_000n);
        assert.equal((await usdcOf(f, terms.agent)) - agent, (terms.price * BigInt(10_000 - bps)) / 10_000n);
      });
    }

    it("test_GivenRulingAboveTheChoices_AbstainsAsTheCourtsError", async () => {
      const f = await load();
      const { pactId, disputeID } = await requested(f);
      const hash = await f.court.write.forceRule([f.adapter.address, disputeID, 5n, 0n]);
      await viem.assertions.emitWithArgs(hash, f.adapter, "RulingApplied", [pactId, disputeID, 5n, 5_000, 0n, true]);
      assert.equal(await status(f, pactId), PactStatus.Abstained);
      assert.equal((await f.adapter.read.courtDispute([pactId])).ruling, 5n);
    });

    it("test_RevertWhen_CourtRulesTwice", async () => {
      const f = await load();
      const { pactId, disputeID } = await requested(f);
      await finalRuling(f, disputeID, 2n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.court.write.forceRule([f.adapter.address, disputeID, 1n, 0n]),
        f.adapter,
        "CourtAdapter_AlreadyRuled",
        [pactId, disputeID],
      );
      assert.equal((await f.adapter.read.courtDispute([pactId])).ruling, 2n);
    });

    it("test_RevertWhen_CallerNotTheCourt", async () => {
      const f = await load();
      const { disputeID } = await requested(f);
      for (const caller of [f.buyer, f.agent, f.stranger]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.adapter.write.rule([disputeID, 1n], { account: caller.account }),
          f.adapter,
          "CourtAdapter_CallerNotCourt",
          [caller.account.address],
        );
      }
      const otherCourt = await viem.deployContract("TestArbitrator", [0n, 0n, APPEAL_DURATION]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        otherCourt.write.forceRule([f.adapter.address, disputeID, 1n, 0n]),
        f.adapter,
        "CourtAdapter_CallerNotCourt",
        [otherCourt.address],
      );
    });

    it("test_RevertWhen_DisputeUnknown", async () => {
      const f = await load();
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.court.write.forceRule([f.adapter.address, 7n, 1n, 0n]),
        f.adapter,
        "CourtAdapter_UnknownDispute",
        [7n],
      );
    });

    it("test_GivenRulingPeriodOver_RecordsTheRulingAsLate", async () => {
      const f = await load();
      const { terms, pactId, disputeID } = await requested(f);
      await f.court.write.giveRuling([disputeID, 1n]);
      await nextTxAt(f as SuretyFixture, (await disputedAt(f, pactId)) + terms.rulingPeriod + 1);
      const hash = await f.court.write.executeRuling([disputeID]);
      await viem.assertions.emitWithArgs(hash, f.adapter, "Ruling", [f.court.address, disputeID, 1n]);
      await viem.assertions.emitWithArgs(hash, f.adapter, "RulingLate", [pactId, disputeID, 1n, PactStatus.Disputed]);
      assert.equal(await status(f, pactId), PactStatus.Disputed);
      assert.deepEqual(await f.adapter.read.courtDispute([pactId]), {
        disputeID,
        ruling: 1n,
        requested: true,
        ruled: true,
        applied: false,
      });
      await f.surety.write.applyDefaultRuling([pactId, terms]);
      assert.equal(await status(f, pactId), PactStatus.DefaultRuled);
    });

    it("test_GivenPactSettledMeanwhile_RecordsTheRulingAsLate", async () => {
      const f = await load();
      const { terms, pactId, disputeID } = await requested(f);
      await f.surety.write.releasePact([pactId, terms], { account: f.buyer.account });
      const hash = await finalRuling(f, disputeID, 1n);
      await viem.assertions.emitWithArgs(hash, f.adapter, "RulingLate", [pactId, disputeID, 1n, PactStatus.Released]);
      assert.equal(await status(f, pactId), PactStatus.Released);
    });

    it("test_RevertWhen_TooLittleGasForSuretysPayouts", async () => {
      const f = await load();
      const { pactId, disputeID } = await requested(f);
      for (const gas of [90_000n, 160_000n]) {
        await viem.assertions.revertWithCustomError(
          f.court.write.forceRule([f.adapter.address, disputeID, 1n, gas]),
          f.adapter,
          "CourtAdapter_InsufficientGas",
        );
      }
      assert.equal((await f.adapter.read.courtDispute([pactId])).ruled, false);
      await f.court.write.forceRule([f.adapter.address, disputeID, 1n, 0n]);
      assert.equal(await status(f, pactId), PactStatus.Resolved);
    });

    it("test_GivenSuretyRefuses_RecordsTheRulingForExecuteRuling", async () => {
      const f = await load();
      const r = await refusingSurety(f);
      const hash = await r.trigger();
      await viem.assertions.emitWithArgs(hash, r.adapter, "RulingNotApplied", [
        r.pactId,
        r.disputeID,
        1n,
        (reason: string) => reason.startsWith("0x3ee5aeb5"), // ReentrancyGuardReentrantCall()
      ]);
      assert.equal(await r.surety.read.getPact([r.pactId]).then(([s]) => s), PactStatus.Disputed);
      assert.deepEqual(await r.adapter.read.courtDispute([r.pactId]), {
        disputeID: r.disputeID,
        ruling: 1n,
        requested: true,
        ruled: true,
        applied: false,
      });

      const buyer = await usdcOf(f, r.terms.buyer);
      const retry = await r.adapter.write.executeRuling([r.pactId], { account: f.stranger.account });
      await viem.assertions.emitWithArgs(retry, r.adapter, "RulingApplied", [
        r.pactId,
        r.disputeID,
        1n,
        10_000,
        r.terms.penalty,
        false,
      ]);
      assert.equal(await r.surety.read.getPact([r.pactId]).then(([s]) => s), PactStatus.Resolved);
      assert.equal((await usdcOf(f, r.terms.buyer)) - buyer, r.terms.price + r.terms.penalty);
      await viem.assertions.revertWithCustomErrorWithArgs(
        r.adapter.write.executeRuling([r.pactId]),
        r.adapter,
        "CourtAdapter_AlreadyApplied",
        [r.pactId],
      );
    });

    it("test_GivenCourtNeverRules_TheDefaultRulingAppliesAfterTheRulingPeriod", async () => {
      const f = await load();
      const { terms, pactId } = await requested(f, { defaultBuyerBps: 2_500 });
      const rulingEnd = (await disputedAt(f, pactId)) + terms.rulingPeriod;
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.applyDefaultRuling([pactId, terms]),
        f.surety,
        "Surety_DeadlineNotPassed",
        [pactId, BigInt(rulingEnd)],
      );
      const buyer = await usdcOf(f, terms.buyer);
      await nextTxAt(f as SuretyFixture, rulingEnd + 1);
      await f.surety.write.applyDefaultRuling([pactId, terms], { account: f.stranger.account });
      assert.equal(await status(f, pactId), PactStatus.DefaultRuled);
      assert.equal((await usdcOf(f, terms.buyer)) - buyer, usd("25"));
    });
  });

  /*//////////////////////////////////////////////////////////////
                             executeRuling
  //////////////////////////////////////////////////////////////*/

  describe("executeRuling", () => {
    it("test_RevertWhen_NotRuled", async () => {
      const f = await load();
      const { pactId } = await requested(f);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.executeRuling([pactId]),
        f.adapter,
        "CourtAdapter_NotRuled",
        [pactId],
      );
    });

    it("test_RevertWhen_RulingPeriodOverOrPactSettled", async () => {
      const f = await load();
      const r = await refusingSurety(f);
      await r.trigger();
      const [, at] = await r.surety.read.getPact([r.pactId]);
      const rulingEnd = Number(at) + r.terms.rulingPeriod;
      await nextTxAt(f as SuretyFixture, rulingEnd + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        r.adapter.write.executeRuling([r.pactId]),
        r.adapter,
        "CourtAdapter_RulingPeriodOver",
        [r.pactId, BigInt(rulingEnd)],
      );
      await r.surety.write.applyDefaultRuling([r.pactId, r.terms]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        r.adapter.write.executeRuling([r.pactId]),
        r.adapter,
        "CourtAdapter_PactNotDisputed",
        [r.pactId, PactStatus.DefaultRuled],
      );
    });

    it("test_RevertWhen_ApplyRulingNotFromTheAdapter", async () => {
      const f = await load();
      const { terms, pactId } = await requested(f);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.applyRuling([pactId, terms, false, 10_000, terms.penalty, keccak256("0x")], {
          account: f.buyer.account,
        }),
        f.adapter,
        "CourtAdapter_CallerNotSelf",
        [f.buyer.account.address],
      );
    });
  });

  /*//////////////////////////////////////////////////////////////
                                appeals
  //////////////////////////////////////////////////////////////*/

  describe("fundAppeal", () => {
    it("test_GivenAppealPeriod_AppealsAndTheNewRulingApplies", async () => {
      const f = await load();
      const { terms, pactId, disputeID } = await requested(f);
      await f.court.write.giveRuling([disputeID, 2n]);
      assert.equal(await f.court.read.disputeStatus([disputeID]), CourtStatus.Appealable);
      assert.equal(await f.adapter.read.appealCost([pactId]), APPEAL_COST);

      const before = await f.publicClient.getBalance({ address: f.buyer.account.address });
      const hash = await f.adapter.write.fundAppeal([pactId], {
        account: f.buyer.account,
        value: APPEAL_COST + parseEther("1"),
      });
      const receipt = await f.publicClient.waitForTransactionReceipt({ hash });
      const after = await f.publicClient.getBalance({ address: f.buyer.account.address });
      assert.equal(before - after, APPEAL_COST + receipt.gasUsed * receipt.effectiveGasPrice);
      assert.equal(await f.publicClient.getBalance({ address: f.adapter.address }), 0n);
      await viem.assertions.emitWithArgs(hash, f.adapter, "AppealFunded", [
        pactId,
        disputeID,
        f.buyer.account.address,
        APPEAL_COST,
      ]);
      await viem.assertions.emitWithArgs(hash, f.court, "AppealDecision", [disputeID, f.adapter.address]);
      assert.equal(await f.court.read.disputeStatus([disputeID]), CourtStatus.Waiting);

      // The appeal court reverses; the agent appeals again, and the second appeal ruling stands.
      await f.court.write.giveRuling([disputeID, 1n]);
      await f.adapter.write.fundAppeal([pactId], { account: f.agent.account, value: APPEAL_COST });
      const final = await finalRuling(f, disputeID, 1n);
      await viem.assertions.emitWithArgs(final, f.adapter, "RulingApplied", [
        pactId,
        disputeID,
        1n,
        10_000,
        terms.penalty,
        false,
      ]);
      assert.equal(await f.court.read.disputeStatus([disputeID]), CourtStatus.Solved);
      assert.equal(await status(f, pactId), PactStatus.Resolved);
    });

    it("test_RevertWhen_CallerNotParty", async () => {
      const f = await load();
      const { pactId, disputeID } = await requested(f);
      await f.court.write.giveRuling([disputeID, 2n]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.fundAppeal([pactId], { account: f.stranger.account, value: APPEAL_COST }),
        f.adapter,
        "CourtAdapter_CallerNotParty",
        [pactId, f.stranger.account.address],
      );
    });

    it("test_RevertWhen_NotAppealable", async () => {
      const f = await load();
      const { pactId, disputeID } = await requested(f);
      // No ruling yet.
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.fundAppeal([pactId], { account: f.buyer.account, value: APPEAL_COST }),
        f.adapter,
        "CourtAdapter_NotAppealable",
        [pactId, disputeID],
      );
      // The appeal period is over.
      await f.court.write.giveRuling([disputeID, 2n]);
      const [, end] = await f.court.read.appealPeriod([disputeID]);
      await nextTxAt(f as SuretyFixture, end);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.fundAppeal([pactId], { account: f.buyer.account, value: APPEAL_COST }),
        f.adapter,
        "CourtAdapter_NotAppealable",
        [pactId, disputeID],
      );
    });

    it("test_RevertWhen_ValueBelowTheAppealCost", async () => {
      const f = await load();
      const { pactId, disputeID } = await requested(f);
      await f.court.write.giveRuling([disputeID, 2n]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.fundAppeal([pactId], { account: f.agent.account, value: APPEAL_COST - 1n }),
        f.adapter,
        "CourtAdapter_InsufficientValue",
        [APPEAL_COST, APPEAL_COST - 1n],
      );
    });

    it("test_RevertWhen_NotRequested", async () => {
      const f = await load();
      const terms = await courtTerms(f);
      const pactId = await disputedPact(f as SuretyFixture, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.fundAppeal([pactId], { account: f.buyer.account, value: APPEAL_COST }),
        f.adapter,
        "CourtAdapter_NotRequested",
        [pactId],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.read.appealCost([pactId]),
        f.adapter,
        "CourtAdapter_NotRequested",
        [pactId],
      );
    });

    it("test_RevertWhen_PactSettledOrRulingPeriodOver", async () => {
      const f = await load();
      const { terms, pactId, disputeID } = await requested(f, { rulingPeriod: 86_400 });
      await f.court.write.giveRuling([disputeID, 2n]);
      const rulingEnd = (await disputedAt(f, pactId)) + terms.rulingPeriod;
      await nextTxAt(f as SuretyFixture, rulingEnd + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.fundAppeal([pactId], { account: f.buyer.account, value: APPEAL_COST }),
        f.adapter,
        "CourtAdapter_RulingPeriodOver",
        [pactId, BigInt(rulingEnd)],
      );
      await f.surety.write.releasePact([pactId, terms], { account: f.buyer.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.fundAppeal([pactId], { account: f.agent.account, value: APPEAL_COST }),
        f.adapter,
        "CourtAdapter_PactNotDisputed",
        [pactId, PactStatus.Released],
      );
    });
  });

  /*//////////////////////////////////////////////////////////////
                               evidence
  //////////////////////////////////////////////////////////////*/

  describe("submitEvidence", () => {
    it("test_GivenDisputed_EitherPartySubmitsBeforeAndAfterTheCourtDispute", async () => {
      const f = await load();
      const terms = await courtTerms(f);
      const pactId = await disputedPact(f as SuretyFixture, terms);
      await viem.assertions.emitWithArgs(
        f.adapter.write.submitEvidence([pactId, terms, "ipfs://buyer.json"], { account: f.buyer.account }),
        f.adapter,
        "Evidence",
        [f.court.address, pactId, f.buyer.account.address, "ipfs://buyer.json"],
      );
      await f.adapter.write.requestArbitration([pactId, terms, META], { value: ARBITRATION_COST });
      await viem.assertions.emitWithArgs(
        f.adapter.write.submitEvidence([pactId, terms, "ipfs://agent.json"], { account: f.agent.account }),
        f.adapter,
        "Evidence",
        [f.court.address, pactId, f.agent.account.address, "ipfs://agent.json"],
      );
    });

    it("test_RevertWhen_CallerNotPartyOrPactNotDisputed", async () => {
      const f = await load();
      const terms = await courtTerms(f);
      const pactId = await deliveredPact(f as SuretyFixture, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.submitEvidence([pactId, terms, "ipfs://early.json"], { account: f.buyer.account }),
        f.adapter,
        "CourtAdapter_PactNotDisputed",
        [pactId, PactStatus.Delivered],
      );
      await f.surety.write.disputePact([pactId, terms, keccak256("0x01")], { account: f.buyer.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.submitEvidence([pactId, terms, "ipfs://x.json"], { account: f.stranger.account }),
        f.adapter,
        "CourtAdapter_CallerNotParty",
        [pactId, f.stranger.account.address],
      );
    });
  });

  /*//////////////////////////////////////////////////////////////
                                 reads
  //////////////////////////////////////////////////////////////*/

  describe("decisionOf", () => {
    it("test_EveryRuling_MapsToItsOutcome", async () => {
      const f = await load();
      const terms = await courtTerms(f, { defaultBuyerBps: 1_234 });
      const expected: [bigint, readonly [boolean, number, bigint]][] = [
        [0n, [true, 1_234, 0n]],
        [1n, [false, 10_000, terms.penalty]],
        [2n, [false, 0, 0n]],
        [3n, [false, SPLITS[0], 0n]],
        [4n, [false, SPLITS[1], 0n]],
        [5n, [true, 1_234, 0n]],
        [2n ** 256n - 1n, [true, 1_234, 0n]],
      ];
      for (const [ruling, outcome] of expected) {
        assert.deepEqual(await f.adapter.read.decisionOf([terms, ruling]), outcome, `ruling ${ruling}`);
      }
    });
  });

  // Coverage instruments the bytecode, so its gas is not the deployed contract's.
  describe("gas", { skip: hre.globalOptions.coverage ? "gas is not comparable under coverage" : false }, () => {
    it("test_RequestArbitrationAndRule_StayWithinTheirBudgets", async () => {
      const f = await load();
      const terms = await courtTerms(f);
      const pactId = await disputedPact(f as SuretyFixture, terms);
      const request = await gasOf(
        f,
        await f.adapter.write.requestArbitration([pactId, terms, META], { value: ARBITRATION_COST }),
      );
      const { disputeID } = await f.adapter.read.courtDispute([pactId]);
      await f.court.write.giveRuling([disputeID, 1n]);
      const [, end] = await f.court.read.appealPeriod([disputeID]);
      await mineAt(f as SuretyFixture, end);
      const rule = await gasOf(f, await f.court.write.executeRuling([disputeID]));
      // Both include the test court's own work (storing its dispute, calling back).
      assert.ok(request < 340_000n, `requestArbitration used ${request} gas`);
      assert.ok(rule < 150_000n, `the court's executeRuling, with rule, used ${rule} gas`);
    });
  });
});
