/**
 * A scripted history for a freshly deployed local chain (deployLocalSurety): every path of the contract, for four
 * agents, three buyers and three arbiters, spread over three ISO weeks of chain time, driven through the SDK. The
 * indexer tests replay it and compare what the indexer holds with a recomputation from the chain.
 *
 * The operator's weekly loop has data in every signal from the first start: two weeks of recorded reviews, each a
 * Monday batch of three of the four agents in one transaction (a keep, a narrow after a lost dispute, a pause, and a
 * recertification of an agent never contained, which changes nothing and is followed by a relapse), then in the
 * second week the recertification of the paused agent, followed by more work; the agent slashed in each week before
 * is left unreviewed both times (coverage below 100 %); a buyer's rescue note on an accepted pact, the operator's
 * second note on that pact, a note on an unlisted pact and a note on an agent; and settled value spread over buyers
 * for one agent, concentrated on one buyer for another, and exactly half from one buyer (not concentrated: the
 * threshold is strict) for a third.
 *
 * Weeks run from the Monday after the chain's clock at the start: the scenario first moves the clock to that
 * Monday, 09:00 UTC, so every step lands on a known weekday and hour whatever the wall clock. The clock moves only
 * with `evm_increaseTime` followed by a single `evm_mine`, so an indexer may follow the chain while it runs.
 */
import {
  buildMetaEvidence,
  getDeployment,
  suretyActions,
  toDataUri,
  type CreatePactFromTermsParameters,
  type Deployment,
} from "@surety/sdk";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  getAddress,
  http,
  parseAbi,
  parseUnits,
  type Account,
  type Address,
  type Hex,
} from "viem";
import { hardhat } from "viem/chains";

import { artifact, deployLocalCourt, localAccount, type Artifact } from "./local-chain.ts";

const DAY = 86_400n;
const HOUR = 3_600n;
const WEEK = 7n * DAY;

/** The mocks' own functions, beyond ERC-20. */
/** The test court's owner's calls: a ruling open to appeal, then the final ruling once the appeal period ended. */
const courtAbi = parseAbi([
  "function giveRuling(uint256 disputeID, uint256 ruling)",
  "function executeRuling(uint256 disputeID)",
]);

const mockAbi = parseAbi([
  "function mint(address to, uint256 amount)",
  "function setBlocked(address account, bool isBlocked)",
]);

/** The pacts the scenario creates, by the path each one takes. */
export type ScenarioPacts = {
  /** Created, then cancelled by the buyer. */
  cancelled: bigint;
  /** Created, never accepted, reclaimed after its acceptance deadline. */
  reclaimed: bigint;
  /** Accepted, delivered, released by the buyer. */
  released: bigint;
  /** Accepted, released by the buyer before any delivery. */
  releasedActive: bigint;
  /** Accepted without collateral, delivered, finalized after the review period. */
  finalized: bigint;
  /** Accepted, delivery missed, refunded with the penalty slashed: a slash no ladder step ever answers. */
  refunded: bigint;
  /** Disputed, evidence from both parties, ruled 70 % to the buyer with a slash: answered by a narrowing. */
  resolvedSplit: bigint;
  /** Disputed, ruled entirely for the agent (0 bps, no slash). */
  resolvedForAgent: bigint;
  /** Disputed, ruled 60 % to the buyer without a slash: a lost dispute, answered by a review. */
  resolvedLost: bigint;
  /** Disputed, the arbiter abstained (default split of 40 % to the buyer). */
  abstained: bigint;
  /** Disputed, the arbiter stayed silent, the default ruling applied after the ruling period. */
  defaultRuled: bigint;
  /** Disputed, then released by the buyer during the dispute (the fee went back) over its own standing proposal. */
  releasedInDispute: bigint;
  /**
   * Active, proposals crossing (agent 20 %, buyer 60 %); the buyer withdraws its 60 %, the agent's is replaced by
   * 40 %, which the buyer accepts.
   */
  settledActive: bigint;
  /** Delivered, disputed, settled at the agent's proposal of 70 % to the buyer (the fee went back). */
  settledInDispute: bigint;
  /** Active, refunded by its agent before the deadline, the penalty slashed. */
  refundedByAgent: bigint;
  /**
   * Deadline extended by three days at both parties' request, delivered after the first deadline, released; then a
   * rescue note from its buyer and an exception note from the operator (the pact's rescue work counts once).
   */
  extended: bigint;
  /** Funded from the agent's signed offer, delivered, released. */
  fromOffer: bigint;
  /** In the unlisted permit token: accepted, delivered, released. */
  unlistedReleased: bigint;
  /** In the unlisted permit token: disputed, ruled with a slash of stake; then an operator's note (no rescue work). */
  unlistedSlashed: bigint;
  /** In the blocklist token, no collateral: released while the agent was blocked, so the payment was credited. */
  creditedPayout: bigint;
  /** Narrowed agent's pact within its cap, finalized. */
  finalizedUnderCap: bigint;
  /**
   * No collateral, priced 250: released as the last event of its agent's stake account, making its buyer the source
   * of most of the agent's settled value.
   */
  releasedWithoutCollateral: bigint;
  /** Taken by the recertified agent after its recertification, delivered and released: a pact since recertification. */
  afterRecertification: bigint;
  /** Left delivered at the end (no collateral). */
  openDelivered: bigint;
  /** Left active at the end, with the buyer's settlement proposal and the agent's request for a later deadline. */
  openActive: bigint;
  /**
   * Names the court adapter: evidence from both parties, arbitration paid by the buyer with its reason, an appeal by
   * the agent, then the court's ruling for the agent applied.
   */
  courtRuled: bigint;
  /**
   * Names the court adapter: disputed, but the buyer never pays the court; after the fee window a stranger has the
   * delivery stand (settleUnfunded), and the agent is paid in full.
   */
  courtUnfunded: bigint;
  /**
   * Names the court adapter with a one-day ruling period: arbitration paid, the court rules for the agent, the buyer
   * appeals, and the appeal round ends after the ruling period; the adapter's hold keeps the default split away, and
   * the court's final ruling for the buyer is applied.
   */
  courtHeld: bigint;
  /** Left disputed at the end. */
  openDisputed: bigint;
  /** Never accepted, never settled: pacts naming the spammed agent (two listed, one unlisted). */
  spam: readonly bigint[];
};

export type ScenarioResult = {
  deployment: Deployment;
  /** The deployer, holder of the operator role. */
  operator: Address;
  agents: {
    /**
     * Warned, loses a dispute with a slash, narrowed by the next week's review, narrowed again with a new cap by the
     * week after's; has a deadline extended, and is asked at the end to settle a pact whose deadline it asked to
     * extend. Its largest buyer holds exactly half its settled value: not concentrated.
     */
    narrowed: Address;
    /**
     * Kept by the first review; loses a dispute without a slash, put under review (a direct ladder step), paused by
     * the second review, recertified by a review two days later, then takes, delivers and is paid for one more pact;
     * leaves stake queued. Settles two pacts by agreement, one of them in a dispute. Its settled value is spread
     * over three buyers.
     */
    recertified: Address;
    /**
     * Slashed three times (a listed refund, a refund it made itself, an unlisted ruling), never moved on the ladder,
     * never reviewed; the operator logs a note on it and on its unlisted slashed pact.
     */
    unanswered: Address;
    /**
     * Named by spam pacts; its blocked payout is credited, then claimed. Kept by the first review while it has no
     * accepted pact in a listed token, recertified by the second though never contained, then loses the held court
     * dispute: a relapse five pacts after its recertification. Most of its settled value comes from one buyer.
     */
    spammed: Address;
  };
  buyers: readonly [Address, Address, Address];
  arbiters: {
    /** Registered for every token; rules, abstains, is released on. */
    main: Address;
    /** Rules and stays silent; registers again with new terms. */
    second: Address;
    /** Registers, then deregisters, never named. */
    deregistered: Address;
  };
  tokens: {
    /** The stake token, also a payment token: the only listed token by default. */
    stake: Address;
    /** A permit token of 18 decimals, off the indexer's list. */
    unlisted: Address;
    /** A 6-decimal token with a blocklist and no permit, off the list. */
    blocklist: Address;
  };
  pacts: ScenarioPacts;
  /**
   * The test ERC-792 court (owned by the operator account) and the court adapter to it, for the stake token: rulings
   * 1 and 2 only, a one-day fee window, and meta-evidence built by the SDK.
   */
  court: { court: Address; adapter: Address };
  offers: { funded: { pactId: bigint; nonce: bigint }; revokedNonce: bigint };
  /** Monday 00:00 UTC of each ISO week the scenario acts in. */
  weekStarts: readonly [bigint, bigint, bigint];
  /** The chain's last block when the scenario ended. */
  lastBlock: bigint;
};

/** Monday 00:00 UTC of the ISO week that holds `timestamp` (Unix seconds). 1970-01-01 was a Thursday. */
function mondayOf(timestamp: bigint): bigint {
  const days = timestamp / DAY;
  const sinceMonday = (days + 3n) % 7n;
  return (days - sinceMonday) * DAY;
}

/**
 * Drives the local chain at `rpcUrl` through the whole scenario. The chain must hold a fresh deployment at
 * getDeployment(31337)'s addresses with no pact yet.
 */
export async function runScenario(options: { rpcUrl: string }): Promise<ScenarioResult> {
  const deployment = getDeployment(31337);
  const chain = { ...hardhat, rpcUrls: { default: { http: [options.rpcUrl] } } } as const;
  const transport = http(options.rpcUrl);
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 50 });
  const testClient = createTestClient({ mode: "hardhat", chain, transport });
  const walletOf = (account: Account) =>
    createWalletClient({ account, chain, transport, pollingInterval: 50 }).extend(suretyActions(deployment));

  const [code, nextPactId] = await Promise.all([
    publicClient.getCode({ address: deployment.surety }),
    publicClient
      .readContract({
        address: deployment.surety,
        abi: parseAbi(["function nextPactId() view returns (uint256)"]),
        functionName: "nextPactId",
      })
      .catch(() => 0n),
  ]);
  if (code === undefined || code === "0x" || nextPactId !== 1n) {
    throw new Error(`no fresh Surety deployment at ${deployment.surety}: run deployLocalSurety on a new node first`);
  }

  const wallet = (index: number) => walletOf(localAccount(index));
  const operator = wallet(0);
  const [a1, a2, a3, a4] = [wallet(1), wallet(2), wallet(3), wallet(4)];
  const [b1, b2, b3] = [wallet(5), wallet(6), wallet(7)];
  const [r1, r2, r3] = [wallet(8), wallet(9), wallet(10)];
  const stranger = wallet(11);
  type Client = ReturnType<typeof walletOf>;
  const addressOf = (client: Client) => client.account.address;

  /* ---------------------------------------------- clock ---------------------------------------------- */

  const latest = async () => (await publicClient.getBlock({ blockTag: "latest" })).timestamp;
  const firstMonday = mondayOf(await latest()) + WEEK;
  const weekStarts = [firstMonday, firstMonday + WEEK, firstMonday + 2n * WEEK] as const;
  /** Moves the clock to `hour`:00 UTC of day `day` (0 is Monday) of scenario week `week` (0 to 2). */
  const travelTo = async (week: 0 | 1 | 2, day: number, hour: number) => {
    const target = weekStarts[week] + BigInt(day) * DAY + BigInt(hour) * HOUR;
    const seconds = target - (await latest());
    if (seconds <= 0n) throw new Error(`the scenario is late: week ${week}, day ${day}, ${hour}:00 has passed`);
    await testClient.increaseTime({ seconds: Number(seconds) });
    await testClient.request({ method: "evm_mine", params: undefined });
  };

  /* ---------------------------------------------- tokens --------------------------------------------- */

  const deploy = async (contract: Artifact, args: readonly unknown[]) => {
    const hash = await operator.deployContract({ abi: contract.abi, bytecode: contract.bytecode, args });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    return getAddress(receipt.contractAddress!);
  };
  const write = async (request: Promise<Hex>) => {
    await publicClient.waitForTransactionReceipt({ hash: await request });
  };
  const mint = (token: Address, to: Address, amount: bigint) =>
    write(operator.writeContract({ address: token, abi: mockAbi, functionName: "mint", args: [to, amount] }));
  const setBlocked = (token: Address, account: Address, blocked: boolean) =>
    write(
      operator.writeContract({ address: token, abi: mockAbi, functionName: "setBlocked", args: [account, blocked] }),
    );

  await travelTo(0, 0, 9);
  const [permitArtifact, blocklistArtifact] = await Promise.all([
    artifact("mocks/MockERC20Permit.sol/MockERC20Permit.json"),
    artifact("mocks/MockBlocklistToken.sol/MockBlocklistToken.json"),
  ]);
  const usd = deployment.stakeToken;
  const dai = await deploy(permitArtifact, ["Mock DAI", "mDAI", 18]);
  const bus = await deploy(blocklistArtifact, []);
  for (const agent of [a1, a2, a3, a4]) await mint(usd, addressOf(agent), parseUnits("10000", 6));
  for (const buyer of [b1, b2, b3]) {
    await mint(usd, addressOf(buyer), parseUnits("10000", 6));
    await mint(dai, addressOf(buyer), parseUnits("10000", 18));
  }
  await mint(bus, addressOf(b3), parseUnits("10000", 6));
  // A court charging 0.01 ETH to arbitrate and 0.02 ETH to appeal, with one-day appeal periods, and its adapter:
  // rulings 1 and 2 only, a one-day fee window, and the meta-evidence the SDK builds for those rulings.
  const { court, adapter } = await deployLocalCourt(options.rpcUrl, {
    surety: deployment.surety,
    court: { kind: "test", arbitrationCost: 10n ** 16n, appealCost: 2n * 10n ** 16n, appealDuration: Number(DAY) },
    splits: [],
    maxRulingPeriod: 30 * 86_400,
    feeWindow: Number(DAY),
    metaEvidenceURI: toDataUri(buildMetaEvidence({ splits: [] })),
    tokens: [usd],
  });
  const rule = (functionName: "giveRuling" | "executeRuling", args: readonly bigint[]) =>
    write(operator.writeContract({ address: court, abi: courtAbi, functionName, args: args as never }));

  /* --------------------------------------------- week 1 ---------------------------------------------- */

  // Arbiters publish their terms; the third will leave.
  await r1.registerArbiter({ token: usd, minFee: "1", maxRulingPeriod: "30d" });
  await r1.registerArbiter({ token: dai, minFee: "0", maxRulingPeriod: "30d" });
  await r1.registerArbiter({ token: bus, minFee: "0", maxRulingPeriod: "30d" });
  await r2.registerArbiter({ token: usd, minFee: "0", maxRulingPeriod: "14d" });
  await r2.registerArbiter({ token: dai, minFee: "0", maxRulingPeriod: "14d" });
  await r3.registerArbiter({ token: usd, minFee: "2", maxRulingPeriod: "10d" });

  // Agents stake; the first queues part of it for withdrawal.
  await a1.depositStake({ amount: "1000" });
  await a2.depositStake({ amount: "1000" });
  await a3.depositStake({ amount: "500" });
  await a4.depositStake({ amount: "200" });
  await a1.requestWithdrawal({ amount: "100" });

  const base = {
    token: usd,
    price: "100",
    arbiterFee: "1",
    collateral: "50",
    penalty: "20",
    acceptBy: "1d",
    deliverBy: "5d",
    reviewPeriod: "2d",
    rulingPeriod: "3d",
    defaultBuyerBps: 5_000,
  } as const;
  const create = async (
    buyer: Client,
    agent: Client,
    arbiter: Client,
    overrides: Partial<CreatePactFromTermsParameters>,
    document: string,
  ) => {
    const { pactId, terms } = await buyer.createPact({
      ...base,
      agent: addressOf(agent),
      arbiter: addressOf(arbiter),
      terms: { document },
      ...overrides,
    });
    return { pactId, terms };
  };
  type Pact = Awaited<ReturnType<typeof create>>;
  const accept = (agent: Client, pact: Pact) => agent.acceptPact(pact);
  const deliver = (agent: Client, pact: Pact) => agent.deliverPact({ ...pact, delivery: `delivery of ${pact.pactId}` });
  const dispute = (buyer: Client, pact: Pact) => buyer.disputePact({ ...pact, reason: `reasons for ${pact.pactId}` });
  const proposeSettlement = (party: Client, pact: Pact, buyerBps: number) =>
    party.proposeSettlement({ ...pact, buyerBps });
  const acceptSettlement = (party: Client, pact: Pact, buyerBps: number) =>
    party.acceptSettlement({ ...pact, buyerBps });
  const extendDeadline = (party: Client, pact: Pact, deliverBy: number) => party.extendDeadline({ ...pact, deliverBy });

  const cancelled = await create(b1, a1, r1, {}, "cancelled");
  await b1.cancelPact(cancelled);

  const reclaimed = await create(b2, a2, r2, {}, "reclaimed");

  const released = await create(b1, a1, r1, {}, "released");
  await accept(a1, released);
  await deliver(a1, released);

  const releasedActive = await create(b2, a1, r2, { collateral: "40" }, "released while active");
  await accept(a1, releasedActive);
  await b2.releasePact(releasedActive);

  const finalized = await create(
    b3,
    a2,
    r2,
    { collateral: "0", penalty: "0", reviewPeriod: "1h" },
    "finalized without collateral",
  );
  await accept(a2, finalized);
  await deliver(a2, finalized);

  const refunded = await create(b1, a3, r1, { collateral: "60", penalty: "25", deliverBy: "2d" }, "delivery missed");
  await accept(a3, refunded);

  const offer = await a2.signOffer({
    buyer: addressOf(b1),
    arbiter: addressOf(r1),
    token: usd,
    price: "30",
    arbiterFee: "1",
    collateral: "30",
    penalty: "10",
    deliveryPeriod: "3d",
    reviewPeriod: "1d",
    rulingPeriod: "3d",
    defaultBuyerBps: 5_000,
    terms: "an offer, funded",
    nonce: 1n,
    expiry: "1d",
  });
  const fromOffer = await b1.createPact(offer);
  const revoked = await a2.signOffer({
    arbiter: addressOf(r2),
    token: usd,
    price: "75",
    arbiterFee: "0",
    deliveryPeriod: "2d",
    reviewPeriod: "1d",
    rulingPeriod: "2d",
    defaultBuyerBps: 5_000,
    terms: "an offer, revoked",
    nonce: 2n,
    expiry: "2d",
  });
  await a2.revokeOffer({ nonce: revoked.offer.nonce });

  const spam = [
    await create(
      b3,
      a4,
      r2,
      { price: "1", arbiterFee: "0", collateral: "0", penalty: "0", acceptBy: "10d", deliverBy: "12d" },
      "spam 1",
    ),
    await create(
      b3,
      a4,
      r2,
      { price: "2", arbiterFee: "0", collateral: "0", penalty: "0", acceptBy: "10d", deliverBy: "12d" },
      "spam 2",
    ),
    await create(
      b3,
      a4,
      r2,
      { token: dai, price: "3", arbiterFee: "0", collateral: "0", penalty: "0", acceptBy: "10d", deliverBy: "12d" },
      "spam 3, unlisted",
    ),
  ];

  await operator.setAgentStatus({ agent: addressOf(a1), status: "warned", reason: "late answers" });

  const resolvedSplit = await create(b2, a1, r1, { arbiterFee: "2", collateral: "80", penalty: "30" }, "split");
  await accept(a1, resolvedSplit);
  await deliver(a1, resolvedSplit);

  const resolvedForAgent = await create(b3, a3, r2, { collateral: "30", penalty: "10" }, "for the agent");
  await accept(a3, resolvedForAgent);
  await deliver(a3, resolvedForAgent);

  const unlistedReleased = await create(
    b1,
    a2,
    r1,
    { token: dai, price: "50", arbiterFee: "0", collateral: "20", penalty: "5" },
    "unlisted, released",
  );
  await accept(a2, unlistedReleased);
  await deliver(a2, unlistedReleased);

  // Ended or amended by agreement: proposals that cross, a settlement in a dispute, a refund, an extension.
  const settledActive = await create(b1, a2, r2, { collateral: "30", penalty: "10" }, "settled while active");
  await accept(a2, settledActive);
  await proposeSettlement(a2, settledActive, 2_000);
  await proposeSettlement(b1, settledActive, 6_000);

  const settledInDispute = await create(b2, a2, r1, { collateral: "30", penalty: "10" }, "settled in dispute");
  await accept(a2, settledInDispute);
  await deliver(a2, settledInDispute);

  const refundedByAgent = await create(b3, a3, r1, { collateral: "40", penalty: "15" }, "refunded by the agent");
  await accept(a3, refundedByAgent);

  const extendedAsCreated = await create(b1, a1, r1, { deliverBy: "2d" }, "extended");
  await accept(a1, extendedAsCreated);
  const extendedTo = extendedAsCreated.terms.deliverBy + 3 * Number(DAY);
  await extendDeadline(a1, extendedAsCreated, extendedTo);

  await travelTo(0, 1, 10);
  await b1.withdrawProposals(settledActive);
  await proposeSettlement(a2, settledActive, 4_000);
  await acceptSettlement(b1, settledActive, 4_000);
  await dispute(b2, settledInDispute);
  await a3.refundByAgent(refundedByAgent);
  const agreed = await extendDeadline(b1, extendedAsCreated, extendedTo);
  if (agreed.extended?.deliverBy !== extendedTo) throw new Error("the agreed deadline extension did not take effect");
  // From now on the pact's terms are the extended ones.
  const extended = { ...extendedAsCreated, terms: { ...extendedAsCreated.terms, deliverBy: extendedTo } };
  await b1.releasePact(released);
  await stranger.finalizePact(finalized);
  await a2.deliverPact({ pactId: fromOffer.pactId, terms: fromOffer.terms, delivery: "the offered work" });
  await dispute(b2, resolvedSplit);
  await b2.submitEvidence({ ...resolvedSplit, evidence: "the buyer's evidence" });
  await dispute(b3, resolvedForAgent);
  await b1.releasePact(unlistedReleased);

  await travelTo(0, 2, 11);
  await proposeSettlement(a2, settledInDispute, 7_000);
  await acceptSettlement(b2, settledInDispute, 7_000);
  await b2.reclaimPact(reclaimed);
  await b1.releasePact({ pactId: fromOffer.pactId, terms: fromOffer.terms });
  await a1.submitEvidence({ ...resolvedSplit, evidence: "the agent's evidence" });

  await travelTo(0, 3, 12);
  // Past the deadline the pact was created with, within the one agreed.
  await deliver(a1, extended);
  await stranger.claimRefund(refunded);
  await r1.resolveDispute({ ...resolvedSplit, buyerBps: 7_000, slash: "30", ruling: "mostly for the buyer" });
  await r2.resolveDispute({ ...resolvedForAgent, buyerBps: 0, slash: "0", ruling: "entirely for the agent" });

  /* --------------------------------------------- week 2 ---------------------------------------------- */

  await travelTo(1, 0, 9);
  await b1.releasePact(extended);
  // The buyer of the extended pact logs the deadline's rescue, which happened outside any dispute.
  await b1.logPactException({ ...extended, kind: "rescue", note: "deadline moved by three days on request" });
  // The operator's first weekly review, in one transaction: the agent that lost a dispute last week is narrowed; the
  // agent with no signal is kept, and so is the spammed one (no accepted pact in a listed token: reviewed, not
  // active). The agent slashed twice last week is left unreviewed: coverage below 100 %.
  await operator.recordReviews({
    reviews: [
      { agent: addressOf(a1), decision: "narrow", cap: "300", evidence: "lost a dispute" },
      { agent: addressOf(a2), decision: "keep", evidence: "no signal this week" },
      { agent: addressOf(a4), decision: "keep", evidence: "spam pacts only" },
    ],
  });

  const abstained = await create(b1, a2, r1, { collateral: "40", defaultBuyerBps: 4_000 }, "abstained");
  await accept(a2, abstained);
  await deliver(a2, abstained);
  await dispute(b1, abstained);
  await b1.submitEvidence({ ...abstained, evidence: "a screenshot" });

  const defaultRuled = await create(
    b2,
    a3,
    r2,
    { collateral: "30", penalty: "10", rulingPeriod: "1d", defaultBuyerBps: 6_000 },
    "default ruling",
  );
  await accept(a3, defaultRuled);
  await deliver(a3, defaultRuled);
  await dispute(b2, defaultRuled);

  const releasedInDispute = await create(b3, a1, r1, {}, "released in dispute");
  await accept(a1, releasedInDispute);
  await deliver(a1, releasedInDispute);
  await dispute(b3, releasedInDispute);
  await proposeSettlement(b3, releasedInDispute, 9_000);

  const resolvedLost = await create(b2, a2, r2, { collateral: "30", penalty: "10" }, "lost without slash");
  await accept(a2, resolvedLost);
  await deliver(a2, resolvedLost);
  await dispute(b2, resolvedLost);

  const unlistedSlashed = await create(
    b2,
    a3,
    r1,
    { token: dai, price: "20", arbiterFee: "1", collateral: "40", penalty: "10" },
    "unlisted, slashed",
  );
  await accept(a3, unlistedSlashed);
  await deliver(a3, unlistedSlashed);
  await dispute(b2, unlistedSlashed);

  const creditedPayout = await create(
    b3,
    a4,
    r1,
    { token: bus, price: "10", arbiterFee: "0", collateral: "0", penalty: "0" },
    "blocked payout",
  );
  await accept(a4, creditedPayout);
  await deliver(a4, creditedPayout);

  await a2.requestWithdrawal({ amount: "100" });

  await travelTo(1, 1, 10);
  await a1.withdrawStake();
  await r1.abstain({ ...abstained, ruling: "conflict of interest" });
  await b3.releasePact(releasedInDispute);
  await r2.resolveDispute({ ...resolvedLost, buyerBps: 6_000, slash: "0", ruling: "partly for the buyer" });
  await r1.resolveDispute({ ...unlistedSlashed, buyerBps: 3_000, slash: "15", ruling: "a slash in an unlisted pact" });
  await setBlocked(bus, addressOf(a4), true);
  const credited = await b3.releasePact(creditedPayout);
  if (credited.credits.length !== 1) throw new Error("the blocked agent's payment was not credited");
  // A second note on the extended pact, by the operator: the pact's rescue counts once. A note on a pact in an
  // unlisted token is in the agent's notes, not in its rescue work.
  await operator.logPactException({ ...extended, kind: "exception", note: "confirmed with both parties" });
  await operator.logPactException({ ...unlistedSlashed, kind: "exception", note: "slashed in an unlisted token" });

  await travelTo(1, 2, 11);
  await operator.setAgentStatus({
    agent: addressOf(a2),
    status: "under-review",
    cap: "1000",
    reason: "lost a dispute",
  });

  await travelTo(1, 3, 12);
  await stranger.applyDefaultRuling(defaultRuled);
  await operator.logAgentException({
    agent: addressOf(a3),
    kind: "exception",
    note: "slashed twice, asked to explain",
  });

  /* --------------------------------------------- week 3 ---------------------------------------------- */

  await travelTo(2, 0, 9);
  await setBlocked(bus, addressOf(a4), false);
  await a4.claimPayout({ token: bus });
  // The second weekly review: the narrowed agent's cap is raised, the agent under review is paused, and the spammed
  // agent, never contained, is recertified (its standing was already good: a decision that changes nothing). The
  // agent slashed last week is again left unreviewed.
  await operator.recordReviews({
    reviews: [
      { agent: addressOf(a1), decision: "narrow", cap: "400", evidence: "cap raised" },
      { agent: addressOf(a2), decision: "pause", evidence: "review found issues" },
      { agent: addressOf(a4), decision: "recertify", evidence: "payout claimed, terms sound" },
    ],
  });
  await r3.deregisterArbiter({ token: usd });
  await r2.registerArbiter({ token: usd, minFee: "0.5", maxRulingPeriod: "20d" });

  const finalizedUnderCap = await create(b1, a1, r2, { collateral: "100", reviewPeriod: "1h" }, "under the cap");
  await accept(a1, finalizedUnderCap);
  await deliver(a1, finalizedUnderCap);

  const openDelivered = await create(
    b2,
    a4,
    r1,
    { collateral: "0", penalty: "0", reviewPeriod: "7d" },
    "left delivered",
  );
  await accept(a4, openDelivered);
  await deliver(a4, openDelivered);

  const releasedWithoutCollateral = await create(
    b1,
    a4,
    r2,
    { price: "250", collateral: "0", penalty: "0" },
    "released without collateral",
  );
  await accept(a4, releasedWithoutCollateral);
  await deliver(a4, releasedWithoutCollateral);

  const openActive = await create(b3, a1, r2, { collateral: "60", deliverBy: "10d" }, "left active");
  await accept(a1, openActive);

  const openDisputed = await create(
    b1,
    a3,
    r1,
    { collateral: "30", penalty: "10", rulingPeriod: "5d" },
    "left disputed",
  );
  await accept(a3, openDisputed);
  await deliver(a3, openDisputed);
  await dispute(b1, openDisputed);

  // Three pacts name the court adapter (no arbiter fee). The first goes through evidence, arbitration paid by its
  // buyer and an appeal; the buyer of the second never pays the court; the third's appeal outlasts its one-day
  // ruling period, and the adapter's hold keeps its default split away.
  const courtTerms = { arbiterFee: "0", collateral: "0", penalty: "0" } as const;
  const courtPact = async (buyer: Client, overrides: Partial<CreatePactFromTermsParameters>, document: string) => {
    const { pactId, terms } = await buyer.createPact({
      ...base,
      ...courtTerms,
      agent: addressOf(a4),
      arbiter: adapter,
      terms: { document },
      ...overrides,
    });
    return { pactId, terms };
  };
  const courtRuled = await courtPact(b2, {}, "before a court");
  await accept(a4, courtRuled);
  await deliver(a4, courtRuled);
  await dispute(b2, courtRuled);
  await b2.submitCourtEvidence({ pactId: courtRuled.pactId, evidence: "ipfs://evidence/buyer.json" });
  const ruledRequest = await b2.requestArbitration({
    ...courtRuled,
    reason: { name: "Incomplete delivery", description: `The delivery of ${courtRuled.pactId} misses half the work.` },
  });
  await a4.submitCourtEvidence({ pactId: courtRuled.pactId, evidence: "ipfs://evidence/agent.json" });
  await rule("giveRuling", [ruledRequest.disputeID, 1n]);
  await a4.fundAppeal({ pactId: courtRuled.pactId });
  await rule("giveRuling", [ruledRequest.disputeID, 2n]);

  const courtUnfunded = await courtPact(b3, {}, "before a court, unpaid");
  await accept(a4, courtUnfunded);
  await deliver(a4, courtUnfunded);
  await dispute(b3, courtUnfunded);

  const courtHeld = await courtPact(b1, { rulingPeriod: "1d" }, "before a slow court");
  await accept(a4, courtHeld);
  await deliver(a4, courtHeld);
  await dispute(b1, courtHeld);
  const heldRequest = await b1.requestArbitration({ ...courtHeld, reason: "ipfs://reason/held.json" });
  await rule("giveRuling", [heldRequest.disputeID, 2n]);
  await b1.fundAppeal({ pactId: courtHeld.pactId });

  await travelTo(2, 1, 10);
  await proposeSettlement(b3, openActive, 5_000);
  await extendDeadline(a1, openActive, openActive.terms.deliverBy + Number(DAY));
  await rule("executeRuling", [ruledRequest.disputeID]);
  // Past the fee window: the delivery stands. Past the one-day ruling period: the court still rules, for the buyer.
  await stranger.settleUnfunded(courtUnfunded);
  await rule("giveRuling", [heldRequest.disputeID, 1n]);
  await stranger.finalizePact(finalizedUnderCap);

  await travelTo(2, 2, 11);
  await rule("executeRuling", [heldRequest.disputeID]);
  // The paused agent passes its review: recertified, ending the containment it entered last week (a recovery).
  await operator.recordReviews({
    reviews: [{ agent: addressOf(a2), decision: "recertify", evidence: "review passed" }],
  });
  await b1.releasePact(releasedWithoutCollateral);
  // Work after the recertification: pacts since recertification, and a third buyer's share of its settled value.
  const afterRecertification = await create(b3, a2, r1, {}, "after recertification");
  await accept(a2, afterRecertification);
  await deliver(a2, afterRecertification);
  await b3.releasePact(afterRecertification);

  const lastBlock = await publicClient.getBlockNumber();
  const id = (pact: { pactId: bigint }) => pact.pactId;
  return {
    deployment,
    operator: addressOf(operator),
    agents: { narrowed: addressOf(a1), recertified: addressOf(a2), unanswered: addressOf(a3), spammed: addressOf(a4) },
    buyers: [addressOf(b1), addressOf(b2), addressOf(b3)],
    arbiters: { main: addressOf(r1), second: addressOf(r2), deregistered: addressOf(r3) },
    tokens: { stake: usd, unlisted: dai, blocklist: bus },
    pacts: {
      cancelled: id(cancelled),
      reclaimed: id(reclaimed),
      released: id(released),
      releasedActive: id(releasedActive),
      finalized: id(finalized),
      refunded: id(refunded),
      resolvedSplit: id(resolvedSplit),
      resolvedForAgent: id(resolvedForAgent),
      resolvedLost: id(resolvedLost),
      abstained: id(abstained),
      defaultRuled: id(defaultRuled),
      releasedInDispute: id(releasedInDispute),
      settledActive: id(settledActive),
      settledInDispute: id(settledInDispute),
      refundedByAgent: id(refundedByAgent),
      extended: id(extended),
      fromOffer: id(fromOffer),
      unlistedReleased: id(unlistedReleased),
      unlistedSlashed: id(unlistedSlashed),
      creditedPayout: id(creditedPayout),
      finalizedUnderCap: id(finalizedUnderCap),
      releasedWithoutCollateral: id(releasedWithoutCollateral),
      afterRecertification: id(afterRecertification),
      openDelivered: id(openDelivered),
      openActive: id(openActive),
      openDisputed: id(openDisputed),
      courtRuled: id(courtRuled),
      courtUnfunded: id(courtUnfunded),
      courtHeld: id(courtHeld),
      spam: spam.map(id),
    },
    court: { court, adapter },
    offers: { funded: { pactId: fromOffer.pactId, nonce: offer.offer.nonce }, revokedNonce: revoked.offer.nonce },
    weekStarts,
    lastBlock,
  };
}
