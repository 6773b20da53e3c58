import assert from "node:assert/strict";
import { describe, it } from "node:test";

import hre, { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import {
  encodeAbiParameters,
  encodeErrorResult,
  encodeFunctionData,
  getAddress,
  keccak256,
  parseEther,
  toHex,
  zeroAddress,
  type Address,
  type Hash,
  type Hex,
} from "viem";

import {
  CONFIG,
  DAY,
  PactStatus,
  as,
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
/** Seconds after a dispute within which the buyer must pay the court's fee. */
const FEE_WINDOW = 2 * 86_400;

/**
 * The deployment's ERC-1497 meta-evidence: the jurors' question and each ruling's meaning, exactly as the adapter's
 * `decisionOf` applies them with {@link SPLITS}. Fixed at deployment; no party writes it.
 */
const META_EVIDENCE = {
  category: "Escrow",
  title: "Dispute over a Surety pact: a buyer contests an AI agent's delivery",
  description:
    "A buyer paid the price of a Surety pact into escrow for work by an AI agent, which locked stake as collateral " +
    "against a failed delivery. The buyer disputed the delivery and paid this court to decide. The pact's terms " +
    "document, whose keccak256 hash is the pact's termsHash, sets what the agent promised. A dispute's evidence " +
    "group is its pact id. Ruling 0 (a refusal to arbitrate) and any ruling above 4 apply the pact's default " +
    "split: the share of the price its terms give the buyer when no ruling is made, with nothing slashed.",
  question: "Did the agent deliver what the pact's terms promise?",
  rulingOptions: {
    type: "single-select",
    titles: ["Refund the buyer", "Pay the agent", "Split: 30% to the buyer", "Split: 70% to the buyer"],
    descriptions: [
      "The agent did not deliver what the pact's terms promise: the buyer gets the whole price back, and the " +
        "pact's penalty is slashed from the agent's collateral to the buyer.",
      "The agent delivered what the pact's terms promise: the agent gets the whole price, and nothing is slashed.",
      "The delivery met the pact's terms in part: the buyer gets 30% of the price (3000 basis points, rounded " +
        "down) and the agent the rest, and nothing is slashed.",
      "The delivery met the pact's terms in part: the buyer gets 70% of the price (7000 basis points, rounded " +
        "down) and the agent the rest, and nothing is slashed.",
    ],
    reserved: { "0x0": "Refuse to arbitrate: the pact's default split applies, and nothing is slashed." },
  },
};
const META = `data:application/json,${encodeURIComponent(JSON.stringify(META_EVIDENCE))}`;
/** The buyer's ERC-1497 evidence giving the dispute's reason. */
const REASON = "ipfs://bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku/reason.json";
/** Surety's ruling hash when the buyer left the court's fee unpaid. */
const UNFUNDED_RULING = keccak256(toHex("surety.court.unfunded"));

/** ERC-792 dispute statuses, in the order of the Solidity enum. */
const CourtStatus = { Waiting: 0, Appealable: 1, Solved: 2 } as const;

type Viem = NetworkConnection["viem"];

/** The adapter's constructor arguments, the fixture's unless overridden. */
type AdapterSettings = {
  surety: Address;
  court: Address;
  extraData?: Hex;
  splits?: readonly number[];
  maxRulingPeriod?: number;
  feeWindow?: number;
  metaEvidence?: string;
  tokens?: readonly Address[];
};

function deployAdapter(viem: Viem, s: AdapterSettings) {
  return viem.deployContract("CourtAdapter", [
    s.surety,
    s.court,
    s.extraData ?? "0x",
    s.splits ?? [],
    s.maxRulingPeriod ?? CONFIG.maxRulingPeriod,
    s.feeWindow ?? FEE_WINDOW,
    s.metaEvidence ?? META,
    s.tokens ?? [],
  ]);
}

/** Surety's fixture plus a test court and an adapter to it, registered for mUSD and ETH. */
async function deployCourt(connection: NetworkConnection) {
  const f = await deploySurety(connection);
  const court = await f.viem.deployContract("TestArbitrator", [ARBITRATION_COST, APPEAL_COST, APPEAL_DURATION]);
  const adapter = await deployAdapter(f.viem, {
    surety: f.surety.address,
    court: court.address,
    extraData: EXTRA_DATA,
    splits: SPLITS,
    tokens: [f.usdc.address, zeroAddress],
  });
  // The cooperative module's reads (the ruling hold), at Surety's own address.
  const coop = await f.viem.getContractAt("SuretyCooperative", f.surety.address);
  return { ...f, court, adapter, coop };
}

/**
 * Surety's fixture plus a court that behaves as deployed ERC-792 courts do (TestRealisticCourt) and an adapter to it:
 * the appeal cost doubles per round and may change mid-period, and the court takes exactly its cost, no more.
 */
async function realisticCourt(connection: NetworkConnection, exactPayment: boolean, periodReverts: boolean) {
  const f = await deploySurety(connection);
  const court = await f.viem.deployContract("TestRealisticCourt", [
    ARBITRATION_COST,
    APPEAL_COST,
    APPEAL_DURATION,
    exactPayment,
    periodReverts,
  ]);
  const adapter = await deployAdapter(f.viem, {
    surety: f.surety.address,
    court: court.address,
    splits: SPLITS,
    tokens: [f.usdc.address, zeroAddress],
  });
  const coop = await f.viem.getContractAt("SuretyCooperative", f.surety.address);
  return { ...f, court, adapter, coop };
}

/** A court taking exact payments only, whose `appealPeriod` reverts before a round's ruling. */
const deployStrictCourt = (connection: NetworkConnection) => realisticCourt(connection, true, true);
/** A court taking any payment of at least its cost, whose `appealPeriod` is (0, 0) before a round's ruling. */
const deployLenientCourt = (connection: NetworkConnection) => realisticCourt(connection, false, false);

type CourtFixture = Awaited<ReturnType<typeof deployCourt>>;
type RealisticFixture = Awaited<ReturnType<typeof deployStrictCourt>>;
type AnyCourtFixture = CourtFixture | RealisticFixture;

describe("CourtAdapter", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deployCourt);
  const loadStrict = () => networkHelpers.loadFixture(deployStrictCourt);
  const loadLenient = () => networkHelpers.loadFixture(deployLenientCourt);

  /** Terms naming the adapter, with no arbiter fee and a ruling period of 10 days. */
  function courtTerms(f: AnyCourtFixture, overrides: Partial<Terms> = {}): Promise<Terms> {
    return makeTerms(f as unknown as SuretyFixture, {
      arbiter: f.adapter.address,
      arbiterFee: 0n,
      rulingPeriod: 10 * 86_400,
      ...overrides,
    });
  }

  async function status(f: AnyCourtFixture, pactId: bigint): Promise<number> {
    const [pactStatus] = await f.surety.read.getPact([pactId]);
    return pactStatus;
  }

  async function disputedAt(f: AnyCourtFixture, pactId: bigint): Promise<number> {
    const [, at] = await f.surety.read.getPact([pactId]);
    return Number(at);
  }

  /** The last second the buyer of a fresh dispute may pay the court: the fee window, or half the ruling period. */
  async function feeDeadlineOf(f: AnyCourtFixture, pactId: bigint, terms: Terms): Promise<number> {
    return (await disputedAt(f, pactId)) + Math.min(FEE_WINDOW, Math.floor(terms.rulingPeriod / 2));
  }

  /** A Disputed pact naming the adapter; returns its terms and id. */
  async function disputed(f: AnyCourtFixture, overrides: Partial<Terms> = {}) {
    const terms = await courtTerms(f, overrides);
    const pactId = await disputedPact(f as unknown as SuretyFixture, terms);
    return { terms, pactId };
  }

  /** A Disputed pact naming the adapter whose buyer requested the court's dispute; returns its ids. */
  async function requested(f: AnyCourtFixture, overrides: Partial<Terms> = {}) {
    const { terms, pactId } = await disputed(f, overrides);
    await f.adapter.write.requestArbitration([pactId, terms, REASON], { ...as(f.buyer), value: ARBITRATION_COST });
    const { disputeID } = await f.adapter.read.courtDispute([pactId]);
    const heldUntil = Number(await f.coop.read.rulingHeldUntil([pactId]));
    const rulingEnd = (await disputedAt(f, pactId)) + terms.rulingPeriod;
    return { terms, pactId, disputeID, heldUntil, rulingEnd };
  }

  /** The court rules and, once its appeal period is over, makes the ruling final. */
  async function finalRuling(f: CourtFixture, disputeID: bigint, ruling: bigint): Promise<Hash> {
    await f.court.write.giveRuling([disputeID, ruling]);
    const [, end] = await f.court.read.appealPeriod([disputeID]);
    await nextTxAt(f as SuretyFixture, end);
    return f.court.write.executeRuling([disputeID]);
  }

  /**
   * The losing agent holds up Surety while the court's ruling is executed: a contract buyer cancels an ETH pact and,
   * on receiving the refund inside Surety's call with the deployment's default payout gas, calls the court's
   * permissionless `executeRuling` for a final ruling 1. `trigger` returns the cancellation's transaction and the
   * court's call as the receive hook saw it.
   */
  async function suretyBusy(f: CourtFixture) {
    assert.equal((await f.surety.read.config()).payoutGas, CONFIG.payoutGas);
    const r = await requested(f);
    await f.court.write.giveRuling([r.disputeID, 1n]);
    const [, end] = await f.court.read.appealPeriod([r.disputeID]);

    const hook = await viem.deployContract("MockReentrantRecipient", [f.stranger.account.address]);
    const ethTerms = await makeTerms(f as SuretyFixture, {
      buyer: hook.address,
      agent: f.agent2.account.address,
      token: zeroAddress,
      price: parseEther("1"),
      arbiterFee: 0n,
    });
    const create = encodeFunctionData({ abi: f.surety.abi, functionName: "createPact", args: [ethTerms] });
    await hook.write.execute([f.surety.address, ethTerms.price, create], { ...as(f.stranger), value: ethTerms.price });
    const ethPactId = (await f.surety.read.nextPactId()) - 1n;
    const execute = encodeFunctionData({ abi: f.court.abi, functionName: "executeRuling", args: [r.disputeID] });
    await hook.write.setReentry([f.court.address, execute, false], as(f.stranger));

    const trigger = async () => {
      const cancel = encodeFunctionData({ abi: f.surety.abi, functionName: "cancelPact", args: [ethPactId, ethTerms] });
      const hash = await hook.write.execute([f.surety.address, 0n, cancel], as(f.stranger));
      const { blockHash } = await f.publicClient.waitForTransactionReceipt({ hash });
      const [attempt] = await hook.getEvents.ReentryAttempted({}, { blockHash });
      return { hash, blockHash, attempt: attempt.args };
    };
    return { ...r, appealEnd: Number(end), hook: hook.address, ethPactId, trigger };
  }

  async function usdcOf(f: AnyCourtFixture, who: Address): Promise<bigint> {
    return f.usdc.read.balanceOf([who]);
  }

  async function ethOf(f: AnyCourtFixture, who: Address): Promise<bigint> {
    return f.publicClient.getBalance({ address: who });
  }

  /** What a transaction cost its sender in gas, in wei. */
  async function gasCost(f: AnyCourtFixture, hash: Hash): Promise<bigint> {
    const receipt = await f.publicClient.waitForTransactionReceipt({ hash });
    return receipt.gasUsed * receipt.effectiveGasPrice;
  }

  async function gasOf(f: AnyCourtFixture, hash: Hash): Promise<bigint> {
    return (await f.publicClient.waitForTransactionReceipt({ hash })).gasUsed;
  }

  /*//////////////////////////////////////////////////////////////
                              deployment
  //////////////////////////////////////////////////////////////*/

  describe("deployment", () => {
    it("test_RegistersWithNoFeeAndKeepsTheCourtSettings", async () => {
      const f = await load();
      for (const token of [f.usdc.address, zeroAddress]) {
        const arbiter = await f.surety.read.arbiterTerms([f.adapter.address, token]);
        assert.deepEqual(arbiter, { registered: true, maxRulingPeriod: CONFIG.maxRulingPeriod, minFee: 0n });
      }
      assert.equal((await f.surety.read.arbiterTerms([f.adapter.address, f.dai.address])).registered, false);
      assert.equal(await f.adapter.read.COURT(), getAddress(f.court.address));
      assert.equal(await f.adapter.read.SURETY(), getAddress(f.surety.address));
      assert.equal(await f.adapter.read.MAX_RULING_PERIOD(), CONFIG.maxRulingPeriod);
      assert.equal(await f.adapter.read.FEE_WINDOW(), FEE_WINDOW);
      assert.equal(await f.adapter.read.arbitratorExtraData(), EXTRA_DATA);
      assert.deepEqual(await f.adapter.read.splits(), SPLITS);
      assert.equal(await f.adapter.read.numberOfChoices(), 4n);
      assert.equal(await f.adapter.read.arbitrationCost(), ARBITRATION_COST);
    });

    it("test_EmitsTheMetaEvidenceOnceAsId0", async () => {
      const f = await load();
      assert.equal(await f.adapter.read.META_EVIDENCE_ID(), 0n);
      assert.equal(await f.adapter.read.metaEvidenceURI(), META);
      const events = await f.adapter.getEvents.MetaEvidence({}, { fromBlock: 0n });
      assert.deepEqual(
        events.map((e) => e.args),
        [{ metaEvidenceID: 0n, evidence: META }],
      );
      // The document is the deployment's ERC-1497 meta-evidence: one ruling option per choice offered.
      const doc = JSON.parse(decodeURIComponent(META.slice("data:application/json,".length)));
      assert.equal(doc.rulingOptions.titles.length, Number(await f.adapter.read.numberOfChoices()));
    });

    it("test_RevertWhen_SplitAboveAllBps", async () => {
      const f = await load();
      await viem.assertions.revertWithCustomErrorWithArgs(
        deployAdapter(viem, { surety: f.surety.address, court: f.court.address, splits: [10_000, 10_001] }),
        f.adapter,
        "CourtAdapter_SplitTooHigh",
        [1n, 10_001],
      );
    });

    it("test_RevertWhen_SuretyOrCourtHasNoCode", async () => {
      const f = await load();
      const nobody = f.stranger.account.address;
      await viem.assertions.revertWithCustomErrorWithArgs(
        deployAdapter(viem, { surety: nobody, court: f.court.address }),
        f.adapter,
        "CourtAdapter_InvalidSurety",
        [nobody],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        deployAdapter(viem, { surety: f.surety.address, court: nobody }),
        f.adapter,
        "CourtAdapter_InvalidCourt",
        [nobody],
      );
    });

    it("test_RevertWhen_FeeWindowZero", async () => {
      const f = await load();
      await viem.assertions.revertWithCustomErrorWithArgs(
        deployAdapter(viem, { surety: f.surety.address, court: f.court.address, feeWindow: 0 }),
        f.adapter,
        "CourtAdapter_ZeroFeeWindow",
        [],
      );
      const adapter = await deployAdapter(viem, { surety: f.surety.address, court: f.court.address, feeWindow: 1 });
      assert.equal(await adapter.read.FEE_WINDOW(), 1);
    });

    it("test_RevertWhen_MetaEvidenceEmpty", async () => {
      const f = await load();
      await viem.assertions.revertWithCustomErrorWithArgs(
        deployAdapter(viem, { surety: f.surety.address, court: f.court.address, metaEvidence: "" }),
        f.adapter,
        "CourtAdapter_EmptyMetaEvidence",
        [],
      );
    });

    it("test_WhenAnyoneRegistersAToken_AddsItWithNoFee", async () => {
      const f = await load();
      await viem.assertions.emitWithArgs(
        f.adapter.write.register([f.dai.address], as(f.stranger)),
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
    it("test_GivenDisputed_TheBuyerCreatesTheCourtDisputeHoldsTheRulingAndGetsTheExcessBack", async () => {
      const f = await load();
      const { terms, pactId } = await disputed(f);
      const excess = parseEther("0.03");
      const before = await ethOf(f, f.buyer.account.address);
      const hash = await f.adapter.write.requestArbitration([pactId, terms, REASON], {
        ...as(f.buyer),
        value: ARBITRATION_COST + excess,
      });
      assert.equal(before - (await ethOf(f, f.buyer.account.address)), ARBITRATION_COST + (await gasCost(f, hash)));
      assert.equal(await ethOf(f, f.adapter.address), 0n);
      assert.equal(await ethOf(f, f.court.address), ARBITRATION_COST);

      // The dispute refers to the deployment's meta-evidence (id 0); its evidence group is the pact.
      await viem.assertions.emitWithArgs(hash, f.adapter, "Dispute", [f.court.address, 0n, 0n, pactId]);
      await viem.assertions.emitWithArgs(hash, f.adapter, "ArbitrationRequested", [
        pactId,
        0n,
        f.buyer.account.address,
        ARBITRATION_COST,
      ]);
      await viem.assertions.emitWithArgs(hash, f.adapter, "Evidence", [
        f.court.address,
        pactId,
        f.buyer.account.address,
        REASON,
      ]);
      await viem.assertions.emitWithArgs(hash, f.court, "DisputeCreation", [0n, f.adapter.address]);
      const { blockHash } = await f.publicClient.waitForTransactionReceipt({ hash });
      assert.equal((await f.adapter.getEvents.MetaEvidence({}, { blockHash })).length, 0);

      // Surety holds off the default ruling until the deployment's bound after the dispute.
      const heldUntil = (await disputedAt(f, pactId)) + CONFIG.maxRulingHold;
      await viem.assertions.emitWithArgs(hash, f.surety, "RulingHeld", [pactId, f.adapter.address, heldUntil]);
      assert.equal(await f.coop.read.rulingHeldUntil([pactId]), heldUntil);

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

    it("test_GivenNoReason_EmitsNoEvidence", async () => {
      const f = await load();
      const { terms, pactId } = await disputed(f);
      const hash = await f.adapter.write.requestArbitration([pactId, terms, ""], {
        ...as(f.buyer),
        value: ARBITRATION_COST,
      });
      const { blockHash } = await f.publicClient.waitForTransactionReceipt({ hash });
      assert.equal((await f.adapter.getEvents.Evidence({}, { blockHash })).length, 0);
      await viem.assertions.emitWithArgs(hash, f.adapter, "ArbitrationRequested", [
        pactId,
        0n,
        f.buyer.account.address,
        ARBITRATION_COST,
      ]);
    });

    it("test_RevertWhen_CallerNotBuyer", async () => {
      const f = await load();
      const { terms, pactId } = await disputed(f);
      for (const caller of [f.agent, f.stranger, f.arbiter]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.adapter.write.requestArbitration([pactId, terms, REASON], { ...as(caller), value: ARBITRATION_COST }),
          f.adapter,
          "CourtAdapter_CallerNotBuyer",
          [pactId, caller.account.address],
        );
      }
      assert.equal((await f.adapter.read.courtDispute([pactId])).requested, false);
      assert.equal(await f.coop.read.rulingHeldUntil([pactId]), 0);
    });

    for (const [offset, label] of [
      [-1, "OneSecondBeforeTheFeeDeadline"],
      [0, "AtTheFeeDeadline"],
    ] as const) {
      it(`test_Given${label}_Requests`, async () => {
        const f = await load();
        const { terms, pactId } = await disputed(f);
        const deadline = await feeDeadlineOf(f, pactId, terms);
        await nextTxAt(f as SuretyFixture, deadline + offset);
        await f.adapter.write.requestArbitration([pactId, terms, REASON], { ...as(f.buyer), value: ARBITRATION_COST });
        assert.equal((await f.adapter.read.courtDispute([pactId])).requested, true);
      });
    }

    it("test_RevertWhen_OneSecondAfterTheFeeDeadline", async () => {
      const f = await load();
      const { terms, pactId } = await disputed(f);
      const deadline = await feeDeadlineOf(f, pactId, terms);
      assert.equal(deadline, (await disputedAt(f, pactId)) + FEE_WINDOW);
      await nextTxAt(f as SuretyFixture, deadline + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.requestArbitration([pactId, terms, REASON], { ...as(f.buyer), value: ARBITRATION_COST }),
        f.adapter,
        "CourtAdapter_FeeWindowOver",
        [pactId, BigInt(deadline)],
      );
    });

    it("test_GivenARulingPeriodShorterThanTwiceTheFeeWindow_TheWindowIsHalfTheRulingPeriod", async () => {
      const f = await load();
      // 1 day + 1 s of ruling period: the buyer has 43,200 s (rounded down), not the 2-day fee window.
      const { terms, pactId } = await disputed(f, { rulingPeriod: 86_401 });
      const deadline = (await disputedAt(f, pactId)) + 43_200;
      await nextTxAt(f as SuretyFixture, deadline + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.requestArbitration([pactId, terms, REASON], { ...as(f.buyer), value: ARBITRATION_COST }),
        f.adapter,
        "CourtAdapter_FeeWindowOver",
        [pactId, BigInt(deadline)],
      );
    });

    it("test_RevertWhen_AlreadyRequested", async () => {
      const f = await load();
      const { terms, pactId, disputeID } = await requested(f);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.requestArbitration([pactId, terms, REASON], { ...as(f.buyer), value: ARBITRATION_COST }),
        f.adapter,
        "CourtAdapter_AlreadyRequested",
        [pactId, disputeID],
      );
    });

    it("test_RevertWhen_ValueBelowTheCourtsCost", async () => {
      const f = await load();
      const { terms, pactId } = await disputed(f);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.requestArbitration([pactId, terms, REASON], { ...as(f.buyer), value: ARBITRATION_COST - 1n }),
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
        f.adapter.write.requestArbitration([pactId, terms, REASON], { ...as(f.buyer), value: ARBITRATION_COST }),
        f.adapter,
        "CourtAdapter_NotArbiter",
        [pactId, f.arbiter.account.address],
      );
    });

    it("test_GivenArbiterFee_RefusesAndTheDefaultRulingApplies", async () => {
      const f = await load();
      const { terms, pactId } = await disputed(f, { arbiterFee: usd("5") });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.requestArbitration([pactId, terms, REASON], { ...as(f.buyer), value: ARBITRATION_COST }),
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
      const { terms, pactId } = await disputed(f);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.requestArbitration([pactId, { ...terms, penalty: 0n }, REASON], {
          ...as(f.buyer),
          value: ARBITRATION_COST,
        }),
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
        f.adapter.write.requestArbitration([pactId, terms, REASON], { ...as(f.buyer), value: ARBITRATION_COST }),
        f.adapter,
        "CourtAdapter_PactNotDisputed",
        [pactId, PactStatus.Delivered],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.requestArbitration([99n, terms, REASON], { ...as(f.buyer), value: ARBITRATION_COST }),
        f.adapter,
        "CourtAdapter_PactNotDisputed",
        [99n, PactStatus.None],
      );
    });

    it("test_RevertWhen_RulingPeriodOver", async () => {
      const f = await load();
      const { terms, pactId } = await disputed(f);
      const rulingEnd = (await disputedAt(f, pactId)) + terms.rulingPeriod;
      await nextTxAt(f as SuretyFixture, rulingEnd + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.requestArbitration([pactId, terms, REASON], { ...as(f.buyer), value: ARBITRATION_COST }),
        f.adapter,
        "CourtAdapter_RulingPeriodOver",
        [pactId, BigInt(rulingEnd)],
      );
    });
  });

  /*//////////////////////////////////////////////////////////////
                              feeDeadline
  //////////////////////////////////////////////////////////////*/

  describe("feeDeadline", () => {
    for (const [rulingPeriod, window, label] of [
      [10 * 86_400, FEE_WINDOW, "FeeWindowShorterThanHalfTheRulingPeriod_IsTheFeeWindow"],
      [2 * FEE_WINDOW, FEE_WINDOW, "FeeWindowExactlyHalfTheRulingPeriod_IsTheFeeWindow"],
      [3 * 86_400 + 1, 129_600, "FeeWindowLongerThanHalfTheRulingPeriod_IsHalfTheRulingPeriodRoundedDown"],
    ] as const) {
      it(`test_Given${label}`, async () => {
        const f = await load();
        const { terms, pactId } = await disputed(f, { rulingPeriod });
        const deadline = await f.adapter.read.feeDeadline([pactId, terms]);
        assert.equal(deadline, BigInt((await disputedAt(f, pactId)) + window));
      });
    }

    it("test_RevertWhen_TermsMismatch", async () => {
      const f = await load();
      const { terms, pactId } = await disputed(f);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.read.feeDeadline([pactId, { ...terms, rulingPeriod: 86_400 }]),
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
        f.adapter.read.feeDeadline([pactId, terms]),
        f.adapter,
        "CourtAdapter_PactNotDisputed",
        [pactId, PactStatus.Delivered],
      );
      await f.surety.write.disputePact([pactId, terms, keccak256("0x01")], as(f.buyer));
      await f.surety.write.releasePact([pactId, terms], as(f.buyer));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.read.feeDeadline([pactId, terms]),
        f.adapter,
        "CourtAdapter_PactNotDisputed",
        [pactId, PactStatus.Released],
      );
    });
  });

  /*//////////////////////////////////////////////////////////////
                            settleUnfunded
  //////////////////////////////////////////////////////////////*/

  describe("settleUnfunded", () => {
    it("test_GivenTheFeeWindowOverUnfunded_AnyonePaysTheAgentInFullWithNoSlash", async () => {
      const f = await load();
      const { terms, pactId } = await disputed(f);
      const deadline = await feeDeadlineOf(f, pactId, terms);
      const [buyer, agent] = [await usdcOf(f, terms.buyer), await usdcOf(f, terms.agent)];
      const stakeBefore = await f.surety.read.stakeAccount([terms.agent]);
      await nextTxAt(f as SuretyFixture, deadline + 1);
      const hash = await f.adapter.write.settleUnfunded([pactId, terms], as(f.stranger));

      await viem.assertions.emitWithArgs(hash, f.adapter, "ArbitrationUnfunded", [pactId, f.stranger.account.address]);
      await viem.assertions.emitWithArgs(hash, f.surety, "DisputeResolved", [
        pactId,
        f.adapter.address,
        0,
        0n,
        terms.price,
        0n,
        0n,
        UNFUNDED_RULING,
        false,
      ]);
      assert.equal(await status(f, pactId), PactStatus.Resolved);
      assert.equal(await usdcOf(f, terms.buyer), buyer);
      assert.equal((await usdcOf(f, terms.agent)) - agent, terms.price);
      const stakeAfter = await f.surety.read.stakeAccount([terms.agent]);
      assert.equal(stakeAfter.bonded, stakeBefore.bonded);
      assert.equal(stakeBefore.locked - stakeAfter.locked, terms.collateral);
      // No court was involved: nothing was paid to it, and no court dispute exists.
      assert.equal(await ethOf(f, f.court.address), 0n);
      assert.equal((await f.adapter.read.courtDispute([pactId])).requested, false);
    });

    for (const [offset, label] of [
      [-1, "OneSecondBeforeTheFeeDeadline"],
      [0, "AtTheFeeDeadline"],
    ] as const) {
      it(`test_RevertWhen_${label}`, async () => {
        const f = await load();
        const { terms, pactId } = await disputed(f);
        const deadline = await feeDeadlineOf(f, pactId, terms);
        await nextTxAt(f as SuretyFixture, deadline + offset);
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.adapter.write.settleUnfunded([pactId, terms], as(f.agent)),
          f.adapter,
          "CourtAdapter_FeeWindowOpen",
          [pactId, BigInt(deadline)],
        );
      });
    }

    it("test_GivenOneSecondAfterTheFeeDeadline_Settles", async () => {
      const f = await load();
      const { terms, pactId } = await disputed(f, { rulingPeriod: 86_401 });
      const deadline = await feeDeadlineOf(f, pactId, terms);
      assert.equal(deadline, (await disputedAt(f, pactId)) + 43_200);
      await nextTxAt(f as SuretyFixture, deadline + 1);
      await f.adapter.write.settleUnfunded([pactId, terms], as(f.agent));
      assert.equal(await status(f, pactId), PactStatus.Resolved);
    });

    it("test_RevertWhen_TheBuyerPaidTheCourt", async () => {
      const f = await load();
      const { terms, pactId, disputeID } = await requested(f);
      await nextTxAt(f as SuretyFixture, (await feeDeadlineOf(f, pactId, terms)) + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.settleUnfunded([pactId, terms], as(f.agent)),
        f.adapter,
        "CourtAdapter_AlreadyRequested",
        [pactId, disputeID],
      );
    });

    it("test_GivenRulingPeriodOver_RevertsAndTheDefaultRulingApplies", async () => {
      const f = await load();
      const { terms, pactId } = await disputed(f);
      const rulingEnd = (await disputedAt(f, pactId)) + terms.rulingPeriod;
      await nextTxAt(f as SuretyFixture, rulingEnd + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.settleUnfunded([pactId, terms], as(f.agent)),
        f.adapter,
        "CourtAdapter_RulingPeriodOver",
        [pactId, BigInt(rulingEnd)],
      );
      await f.surety.write.applyDefaultRuling([pactId, terms], as(f.stranger));
      assert.equal(await status(f, pactId), PactStatus.DefaultRuled);
    });

    it("test_RevertWhen_PactNotDisputedOrNotTheAdapters", async () => {
      const f = await load();
      const terms = await courtTerms(f);
      const pactId = await deliveredPact(f as SuretyFixture, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.settleUnfunded([pactId, terms], as(f.agent)),
        f.adapter,
        "CourtAdapter_PactNotDisputed",
        [pactId, PactStatus.Delivered],
      );
      const other = await makeTerms(f as SuretyFixture);
      const otherId = await disputedPact(f as SuretyFixture, other);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.settleUnfunded([otherId, other], as(f.agent)),
        f.adapter,
        "CourtAdapter_NotArbiter",
        [otherId, f.arbiter.account.address],
      );
      const { terms: feeTerms, pactId: feeId } = await disputed(f, {
        arbiterFee: usd("1"),
        termsHash: keccak256("0x0f"),
      });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.settleUnfunded([feeId, feeTerms], as(f.agent)),
        f.adapter,
        "CourtAdapter_ArbiterFeeNotZero",
        [feeId, usd("1")],
      );
    });

    it("test_GivenSettled_TheBuyerCanNoLongerGoToCourt", async () => {
      const f = await load();
      const { terms, pactId } = await disputed(f);
      await nextTxAt(f as SuretyFixture, (await feeDeadlineOf(f, pactId, terms)) + 1);
      await f.adapter.write.settleUnfunded([pactId, terms], as(f.agent));
      for (const call of [
        () => f.adapter.write.settleUnfunded([pactId, terms], as(f.agent)),
        () => f.adapter.write.requestArbitration([pactId, terms, REASON], { ...as(f.buyer), value: ARBITRATION_COST }),
      ]) {
        await viem.assertions.revertWithCustomErrorWithArgs(call(), f.adapter, "CourtAdapter_PactNotDisputed", [
          pactId,
          PactStatus.Resolved,
        ]);
      }
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
          f.adapter.write.rule([disputeID, 1n], as(caller)),
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

    for (const [label, at] of [
      ["OneSecondAfterTheRulingPeriod", (r: { rulingEnd: number }) => r.rulingEnd + 1],
      ["OneSecondBeforeTheHoldEnds", (r: { heldUntil: number }) => r.heldUntil - 1],
      ["AtTheEndOfTheHold", (r: { heldUntil: number }) => r.heldUntil],
    ] as const) {
      it(`test_GivenHeld_When${label}_AppliesTheRuling`, async () => {
        const f = await load();
        const r = await requested(f);
        await f.court.write.giveRuling([r.disputeID, 1n]);
        await nextTxAt(f as SuretyFixture, at(r));
        const hash = await f.court.write.executeRuling([r.disputeID]);
        await viem.assertions.emitWithArgs(hash, f.adapter, "RulingApplied", [
          r.pactId,
          r.disputeID,
          1n,
          10_000,
          r.terms.penalty,
          false,
        ]);
        assert.equal(await status(f, r.pactId), PactStatus.Resolved);
      });
    }

    it("test_GivenTheHoldOver_RecordsTheRulingAsLate", async () => {
      const f = await load();
      const { terms, pactId, disputeID, heldUntil } = await requested(f);
      await f.court.write.giveRuling([disputeID, 1n]);
      await nextTxAt(f as SuretyFixture, heldUntil + 1);
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
      await f.surety.write.releasePact([pactId, terms], as(f.buyer));
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

    it("test_GivenSuretyBusy_TheCourtsCallRevertsRecordsNothingAndSucceedsLater", async () => {
      const f = await load();
      const r = await suretyBusy(f);
      await nextTxAt(f as SuretyFixture, r.appealEnd);
      const { hash, blockHash, attempt } = await r.trigger();

      // The court's call, made from the payout hook while Surety's lock is held, reverted with SuretyBusy.
      assert.equal(attempt.target, getAddress(f.court.address));
      assert.equal(attempt.success, false);
      assert.equal(
        attempt.returnData,
        encodeErrorResult({ abi: f.adapter.abi, errorName: "CourtAdapter_SuretyBusy", args: [] }),
      );
      // Nothing was recorded: no ruling on the adapter or at the court, the pact still Disputed.
      assert.equal((await f.adapter.getEvents.Ruling({}, { blockHash })).length, 0);
      assert.deepEqual(await f.adapter.read.courtDispute([r.pactId]), {
        disputeID: r.disputeID,
        ruling: 0n,
        requested: true,
        ruled: false,
        applied: false,
      });
      assert.equal(await f.court.read.disputeStatus([r.disputeID]), CourtStatus.Appealable);
      assert.equal(await status(f, r.pactId), PactStatus.Disputed);
      // The cancellation itself went through.
      await viem.assertions.emitWithArgs(hash, f.surety, "PactCancelled", [r.ethPactId, r.hook, parseEther("1")]);

      // The court's call, made again outside Surety, applies the buyer's ruling with the slash.
      const buyer = await usdcOf(f, r.terms.buyer);
      const retry = await f.court.write.executeRuling([r.disputeID], as(f.stranger));
      await viem.assertions.emitWithArgs(retry, f.adapter, "RulingApplied", [
        r.pactId,
        r.disputeID,
        1n,
        10_000,
        r.terms.penalty,
        false,
      ]);
      assert.equal(await status(f, r.pactId), PactStatus.Resolved);
      assert.equal((await usdcOf(f, r.terms.buyer)) - buyer, r.terms.price + r.terms.penalty);
    });

    it("test_GivenSuretyBusy_WhenTheCourtCallsAgainAfterTheHold_RecordsTheRulingAsLate", async () => {
      const f = await load();
      const r = await suretyBusy(f);
      await nextTxAt(f as SuretyFixture, r.appealEnd);
      const { attempt } = await r.trigger();
      assert.equal(attempt.success, false);

      // The court never calls again in time: once the hold ends, the default split applies, and the ruling that
      // arrives afterwards is only recorded.
      await nextTxAt(f as SuretyFixture, r.heldUntil);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.applyDefaultRuling([r.pactId, r.terms]),
        f.surety,
        "Surety_DeadlineNotPassed",
        [r.pactId, BigInt(r.heldUntil)],
      );
      await nextTxAt(f as SuretyFixture, r.heldUntil + 1);
      await f.surety.write.applyDefaultRuling([r.pactId, r.terms], as(f.stranger));
      const hash = await f.court.write.executeRuling([r.disputeID]);
      await viem.assertions.emitWithArgs(hash, f.adapter, "RulingLate", [
        r.pactId,
        r.disputeID,
        1n,
        PactStatus.DefaultRuled,
      ]);
      assert.equal(await status(f, r.pactId), PactStatus.DefaultRuled);
    });

    it("test_GivenCourtNeverRules_TheDefaultRulingAppliesOnlyAfterTheHold", async () => {
      const f = await load();
      const { terms, pactId, heldUntil, rulingEnd } = await requested(f, { defaultBuyerBps: 2_500 });
      assert.equal(heldUntil, rulingEnd - terms.rulingPeriod + CONFIG.maxRulingHold);
      for (const at of [rulingEnd, rulingEnd + 1, heldUntil - 1, heldUntil]) {
        await nextTxAt(f as SuretyFixture, at);
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.surety.write.applyDefaultRuling([pactId, terms]),
          f.surety,
          "Surety_DeadlineNotPassed",
          [pactId, BigInt(at <= rulingEnd ? rulingEnd : heldUntil)],
        );
      }
      const buyer = await usdcOf(f, terms.buyer);
      await nextTxAt(f as SuretyFixture, heldUntil + 1);
      await f.surety.write.applyDefaultRuling([pactId, terms], as(f.stranger));
      assert.equal(await status(f, pactId), PactStatus.DefaultRuled);
      assert.equal((await usdcOf(f, terms.buyer)) - buyer, usd("25"));
    });

    it("test_RevertWhen_ApplyRulingNotFromTheAdapter", async () => {
      const f = await load();
      const { terms, pactId } = await requested(f);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.applyRuling([pactId, terms, false, 10_000, terms.penalty, keccak256("0x")], as(f.buyer)),
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

      const before = await ethOf(f, f.buyer.account.address);
      const hash = await f.adapter.write.fundAppeal([pactId], { ...as(f.buyer), value: APPEAL_COST + parseEther("1") });
      assert.equal(before - (await ethOf(f, f.buyer.account.address)), APPEAL_COST + (await gasCost(f, hash)));
      assert.equal(await ethOf(f, f.adapter.address), 0n);
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
      await f.adapter.write.fundAppeal([pactId], { ...as(f.agent), value: APPEAL_COST });
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
        f.adapter.write.fundAppeal([pactId], { ...as(f.stranger), value: APPEAL_COST }),
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
        f.adapter.write.fundAppeal([pactId], { ...as(f.buyer), value: APPEAL_COST }),
        f.adapter,
        "CourtAdapter_NotAppealable",
        [pactId, disputeID],
      );
      // The appeal period is over.
      await f.court.write.giveRuling([disputeID, 2n]);
      const [, end] = await f.court.read.appealPeriod([disputeID]);
      await nextTxAt(f as SuretyFixture, end);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.fundAppeal([pactId], { ...as(f.buyer), value: APPEAL_COST }),
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
        f.adapter.write.fundAppeal([pactId], { ...as(f.agent), value: APPEAL_COST - 1n }),
        f.adapter,
        "CourtAdapter_InsufficientValue",
        [APPEAL_COST, APPEAL_COST - 1n],
      );
    });

    it("test_RevertWhen_NotRequested", async () => {
      const f = await load();
      const { pactId } = await disputed(f);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.fundAppeal([pactId], { ...as(f.buyer), value: APPEAL_COST }),
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

    it("test_GivenHeld_AppealsAfterTheRulingPeriodUntilTheHoldEnds", async () => {
      const f = await load();
      const { pactId, disputeID, rulingEnd, heldUntil } = await requested(f);
      // A ruling whose appeal window straddles the end of the pact's ruling period.
      await nextTxAt(f as SuretyFixture, rulingEnd - 86_400);
      await f.court.write.giveRuling([disputeID, 2n]);
      await nextTxAt(f as SuretyFixture, rulingEnd + 1);
      await f.adapter.write.fundAppeal([pactId], { ...as(f.buyer), value: APPEAL_COST });
      // A ruling whose appeal window straddles the end of the hold.
      await nextTxAt(f as SuretyFixture, heldUntil - 86_400);
      await f.court.write.giveRuling([disputeID, 2n]);
      await nextTxAt(f as SuretyFixture, heldUntil);
      await f.adapter.write.fundAppeal([pactId], { ...as(f.buyer), value: APPEAL_COST });
      assert.equal(await f.court.read.disputeStatus([disputeID]), CourtStatus.Waiting);
    });

    it("test_RevertWhen_TheHoldOverOrPactSettled", async () => {
      const f = await load();
      const { terms, pactId, disputeID, heldUntil } = await requested(f, { rulingPeriod: 86_400 });
      await nextTxAt(f as SuretyFixture, heldUntil - 86_400);
      await f.court.write.giveRuling([disputeID, 2n]);
      await nextTxAt(f as SuretyFixture, heldUntil + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.fundAppeal([pactId], { ...as(f.buyer), value: APPEAL_COST }),
        f.adapter,
        "CourtAdapter_RulingPeriodOver",
        [pactId, BigInt(heldUntil)],
      );
      await f.surety.write.releasePact([pactId, terms], as(f.buyer));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.fundAppeal([pactId], { ...as(f.agent), value: APPEAL_COST }),
        f.adapter,
        "CourtAdapter_PactNotDisputed",
        [pactId, PactStatus.Released],
      );
    });
  });

  /*//////////////////////////////////////////////////////////////
                       appeals at a realistic court
  //////////////////////////////////////////////////////////////*/

  describe("fundAppeal at a realistic court", () => {
    it("test_GivenAppealPeriodRevertsBeforeTheFirstRuling_NotAppealable", async () => {
      const f = await loadStrict();
      const { pactId, disputeID } = await requested(f);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.court.read.appealPeriod([disputeID]),
        f.court,
        "TestRealisticCourt_NoRulingYet",
        [disputeID],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.fundAppeal([pactId], { ...as(f.agent), value: APPEAL_COST }),
        f.adapter,
        "CourtAdapter_NotAppealable",
        [pactId, disputeID],
      );
      // The court's "not payable" cost passes through unchanged; the adapter never pays it.
      assert.equal(await f.adapter.read.appealCost([pactId]), await f.court.read.NOT_PAYABLE());
    });

    it("test_GivenAppealPeriodEmptyBeforeTheFirstRuling_NotAppealable", async () => {
      const f = await loadLenient();
      const { pactId, disputeID } = await requested(f);
      assert.deepEqual(await f.court.read.appealPeriod([disputeID]), [0n, 0n]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.fundAppeal([pactId], { ...as(f.buyer), value: APPEAL_COST }),
        f.adapter,
        "CourtAdapter_NotAppealable",
        [pactId, disputeID],
      );
    });

    it("test_GivenANewRoundBeforeItsRuling_NotAppealable", async () => {
      const f = await loadStrict();
      const { pactId, disputeID } = await requested(f);
      await f.court.write.giveRuling([disputeID, 1n]);
      await f.adapter.write.fundAppeal([pactId], { ...as(f.agent), value: APPEAL_COST });
      // The appeal round has no ruling yet: its appeal period reverts again.
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.fundAppeal([pactId], { ...as(f.buyer), value: 2n * APPEAL_COST }),
        f.adapter,
        "CourtAdapter_NotAppealable",
        [pactId, disputeID],
      );
    });

    it("test_GivenSolvedBeforeRuleIsCalled_NotAppealableAndTheRulingApplies", async () => {
      const f = await loadStrict();
      const { terms, pactId, disputeID } = await requested(f);
      await f.court.write.giveRuling([disputeID, 2n]);
      const [, end] = await f.court.read.appealPeriod([disputeID]);
      await mineAt(f as SuretyFixture, end);
      assert.equal(await f.court.read.disputeStatus([disputeID]), CourtStatus.Solved);
      assert.equal((await f.adapter.read.courtDispute([pactId])).ruled, false);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.fundAppeal([pactId], { ...as(f.buyer), value: APPEAL_COST }),
        f.adapter,
        "CourtAdapter_NotAppealable",
        [pactId, disputeID],
      );
      const agent = await usdcOf(f, terms.agent);
      await f.court.write.executeRuling([disputeID], as(f.stranger));
      assert.equal((await usdcOf(f, terms.agent)) - agent, terms.price);
    });

    it("test_GivenAnExactPaymentCourt_RequestPaysExactlyTheCurrentCostAndRefundsTheRest", async () => {
      const f = await loadStrict();
      const { terms, pactId } = await disputed(f);
      // The court's fee changed after the dispute: the adapter pays what the court asks now.
      const cost = ARBITRATION_COST / 2n;
      await f.court.write.setFees([cost, APPEAL_COST]);
      const before = await ethOf(f, f.buyer.account.address);
      const hash = await f.adapter.write.requestArbitration([pactId, terms, REASON], {
        ...as(f.buyer),
        value: ARBITRATION_COST,
      });
      await viem.assertions.emitWithArgs(hash, f.adapter, "ArbitrationRequested", [
        pactId,
        0n,
        f.buyer.account.address,
        cost,
      ]);
      assert.equal(await ethOf(f, f.court.address), cost);
      assert.equal(await ethOf(f, f.adapter.address), 0n);
      assert.equal(before - (await ethOf(f, f.buyer.account.address)), cost + (await gasCost(f, hash)));
    });

    it("test_GivenEachAppealRound_TheCostDoublesAndTheAdapterPaysExactlyIt", async () => {
      const f = await loadStrict();
      const { pactId, disputeID } = await requested(f);
      const overpay = parseEther("1");
      for (const [round, party] of [f.agent, f.buyer, f.agent].entries()) {
        await f.court.write.giveRuling([disputeID, round % 2 === 0 ? 1n : 2n]);
        const cost = APPEAL_COST << BigInt(round);
        assert.equal(await f.adapter.read.appealCost([pactId]), cost);
        const [court, payer] = [await ethOf(f, f.court.address), await ethOf(f, party.account.address)];
        const hash = await f.adapter.write.fundAppeal([pactId], { ...as(party), value: cost + overpay });
        await viem.assertions.emitWithArgs(hash, f.adapter, "AppealFunded", [
          pactId,
          disputeID,
          party.account.address,
          cost,
        ]);
        assert.equal((await ethOf(f, f.court.address)) - court, cost, `round ${round}: the court took its cost`);
        assert.equal(payer - (await ethOf(f, party.account.address)), cost + (await gasCost(f, hash)));
        assert.equal(await ethOf(f, f.adapter.address), 0n);
      }
    });

    it("test_GivenTheCostRaisedMidPeriod_WhenTheOldCostIsSent_RevertsThenPaysTheNewCost", async () => {
      const f = await loadStrict();
      const { pactId, disputeID } = await requested(f);
      await f.court.write.giveRuling([disputeID, 1n]);
      const raised = 3n * APPEAL_COST;
      await f.court.write.setFees([ARBITRATION_COST, raised]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.fundAppeal([pactId], { ...as(f.agent), value: APPEAL_COST }),
        f.adapter,
        "CourtAdapter_InsufficientValue",
        [raised, APPEAL_COST],
      );
      const court = await ethOf(f, f.court.address);
      await f.adapter.write.fundAppeal([pactId], { ...as(f.agent), value: raised + 1n });
      assert.equal((await ethOf(f, f.court.address)) - court, raised);
      assert.equal(await ethOf(f, f.adapter.address), 0n);
    });

    it("test_GivenTheCostLoweredMidPeriod_PaysTheNewCostAndRefundsTheRest", async () => {
      const f = await loadStrict();
      const { pactId, disputeID } = await requested(f);
      await f.court.write.giveRuling([disputeID, 1n]);
      const lowered = APPEAL_COST / 5n;
      await f.court.write.setFees([ARBITRATION_COST, lowered]);
      const [court, agent] = [await ethOf(f, f.court.address), await ethOf(f, f.agent.account.address)];
      // The agent sends the cost it read before the change; the adapter pays the court's new cost exactly.
      const hash = await f.adapter.write.fundAppeal([pactId], { ...as(f.agent), value: APPEAL_COST });
      assert.equal((await ethOf(f, f.court.address)) - court, lowered);
      assert.equal(agent - (await ethOf(f, f.agent.account.address)), lowered + (await gasCost(f, hash)));
      assert.equal(await ethOf(f, f.adapter.address), 0n);
    });
  });

  /*//////////////////////////////////////////////////////////////
                               evidence
  //////////////////////////////////////////////////////////////*/

  describe("submitEvidence", () => {
    it("test_GivenDisputed_EitherPartySubmitsBeforeAndAfterTheCourtDispute", async () => {
      const f = await load();
      const { terms, pactId } = await disputed(f);
      await viem.assertions.emitWithArgs(
        f.adapter.write.submitEvidence([pactId, terms, "ipfs://buyer.json"], as(f.buyer)),
        f.adapter,
        "Evidence",
        [f.court.address, pactId, f.buyer.account.address, "ipfs://buyer.json"],
      );
      await f.adapter.write.requestArbitration([pactId, terms, REASON], { ...as(f.buyer), value: ARBITRATION_COST });
      await viem.assertions.emitWithArgs(
        f.adapter.write.submitEvidence([pactId, terms, "ipfs://agent.json"], as(f.agent)),
        f.adapter,
        "Evidence",
        [f.court.address, pactId, f.agent.account.address, "ipfs://agent.json"],
      );
    });

    it("test_GivenHeld_SubmitsAfterTheRulingPeriodUntilTheHoldEnds", async () => {
      const f = await load();
      const { terms, pactId, rulingEnd, heldUntil } = await requested(f);
      for (const at of [rulingEnd + 1, heldUntil]) {
        await nextTxAt(f as SuretyFixture, at);
        await f.adapter.write.submitEvidence([pactId, terms, "ipfs://late.json"], as(f.agent));
      }
      await nextTxAt(f as SuretyFixture, heldUntil + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.submitEvidence([pactId, terms, "ipfs://too-late.json"], as(f.agent)),
        f.adapter,
        "CourtAdapter_RulingPeriodOver",
        [pactId, BigInt(heldUntil)],
      );
    });

    it("test_RevertWhen_NotHeldAndTheRulingPeriodOver", async () => {
      const f = await load();
      const { terms, pactId } = await disputed(f);
      const rulingEnd = (await disputedAt(f, pactId)) + terms.rulingPeriod;
      await nextTxAt(f as SuretyFixture, rulingEnd);
      await f.adapter.write.submitEvidence([pactId, terms, "ipfs://last.json"], as(f.buyer));
      await nextTxAt(f as SuretyFixture, rulingEnd + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.submitEvidence([pactId, terms, "ipfs://late.json"], as(f.buyer)),
        f.adapter,
        "CourtAdapter_RulingPeriodOver",
        [pactId, BigInt(rulingEnd)],
      );
    });

    it("test_RevertWhen_CallerNotPartyOrPactNotDisputed", async () => {
      const f = await load();
      const terms = await courtTerms(f);
      const pactId = await deliveredPact(f as SuretyFixture, terms);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.submitEvidence([pactId, terms, "ipfs://early.json"], as(f.buyer)),
        f.adapter,
        "CourtAdapter_PactNotDisputed",
        [pactId, PactStatus.Delivered],
      );
      await f.surety.write.disputePact([pactId, terms, keccak256("0x01")], as(f.buyer));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.adapter.write.submitEvidence([pactId, terms, "ipfs://x.json"], as(f.stranger)),
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
    it("test_EveryRulingMapsToItsOutcome", async () => {
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
    it("test_RequestArbitrationAndRuleStayWithinTheirBudgets", async () => {
      const f = await load();
      const { terms, pactId } = await disputed(f);
      const request = await gasOf(
        f,
        await f.adapter.write.requestArbitration([pactId, terms, REASON], { ...as(f.buyer), value: ARBITRATION_COST }),
      );
      const { disputeID } = await f.adapter.read.courtDispute([pactId]);
      await f.court.write.giveRuling([disputeID, 1n]);
      const [, end] = await f.court.read.appealPeriod([disputeID]);
      await mineAt(f as SuretyFixture, end);
      const rule = await gasOf(f, await f.court.write.executeRuling([disputeID]));
      // Both include the test court's own work (storing its dispute, calling back). The request also holds the
      // pact's ruling on Surety (a call through its module and one new storage slot, about 30,000 gas) and emits the
      // buyer's reason as evidence.
      assert.ok(request < 375_000n, `requestArbitration used ${request} gas`);
      assert.ok(rule < 150_000n, `the court's executeRuling, with rule, used ${rule} gas`);
    });
  });
});
