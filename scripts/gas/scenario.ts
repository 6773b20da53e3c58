/**
 * The gas scenario: every call of every path, in steady state, on a fresh in-process Hardhat network.
 *
 * Steady state means what a buyer meets on a live deployment: a 6-decimal EIP-2612 token (USDC-like) that is
 * both the stake token and the payment token, an exact allowance set before each funding call, another pact
 * already open in the same token, and a warm-up pact that ran the whole happy path first. The clock is pinned
 * so that calldata, and so gas, is identical on every run.
 *
 * Figures are full transaction gas (`gasUsed` of the receipt, 21,000 included).
 */
import { network } from "hardhat";
import { parseSignature, zeroAddress, type Hex } from "viem";

// From the SDK's source, not "@surety/sdk": `hardhat test` runs this before any build of the SDK.
import { DEFAULT_ADMIN_DELAY, DEFAULT_SURETY_CONFIG } from "../../sdk/src/constants/config.ts";
import { OFFER_TYPES, offerDomain } from "../../sdk/src/utils/offer.ts";
import { hashOf, usd, type Offer, type Terms } from "../../test/helpers/fixture.ts";

/** Gas per call name, in the order measured. */
export type GasReport = Record<string, number>;

const START = 2_000_000_000;
/** Agents in the largest measured review: a Monday's review of a 400-agent deployment is two such calls. */
const REVIEW_BATCH = 400;

export async function measureGas(): Promise<GasReport> {
  const connection = await network.create();
  try {
    return await run(connection);
  } finally {
    await connection.close();
  }
}

async function run(connection: Awaited<ReturnType<typeof network.create>>): Promise<GasReport> {
  const { viem } = connection;
  const publicClient = await viem.getPublicClient();
  const testClient = await viem.getTestClient();
  const [admin, operator, buyer, agent, arbiter] = await viem.getWalletClients();
  const chainId = await publicClient.getChainId();

  // Every block not stamped here gets the previous one's time + 1, so the clock stays deterministic.
  let clock = START;
  await testClient.setNextBlockTimestamp({ timestamp: BigInt(clock) });
  let waiting = 0;
  /** Lets `seconds` pass before the next transaction. */
  const wait = (seconds: number) => {
    waiting += seconds;
  };
  const tick = async (seconds: number) => {
    clock = Number((await publicClient.getBlock()).timestamp) + seconds + waiting;
    waiting = 0;
    await testClient.setNextBlockTimestamp({ timestamp: BigInt(clock) });
  };

  const usdc = await viem.deployContract("MockERC20Permit", ["Mock USD", "mUSD", 6]);
  const surety = await viem.deployContract("Surety", [
    { stakeToken: usdc.address, ...DEFAULT_SURETY_CONFIG },
    admin.account.address,
    DEFAULT_ADMIN_DELAY,
    operator.account.address,
    zeroAddress,
  ]);
  await usdc.write.mint([buyer.account.address, usd("1000000")]);
  await usdc.write.mint([agent.account.address, usd("1000000")]);

  const report: GasReport = {};
  const measure = async (name: string, send: () => Promise<Hex>) => {
    await tick(1);
    const hash = await send();
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`gas scenario: ${name} reverted`);
    report[name] = Number(receipt.gasUsed);
    return receipt;
  };
  const untracked = async (send: () => Promise<Hex>) => {
    await tick(1);
    await publicClient.waitForTransactionReceipt({ hash: await send() });
  };
  const approve = (who: typeof buyer, amount: bigint) =>
    untracked(() => usdc.write.approve([surety.address, amount], { account: who.account }));
  const pactIdOf = async (hash: Hex) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    const [event] = await surety.getEvents.PactCreated({}, { blockHash: receipt.blockHash });
    return event.args.pactId!;
  };

  const as = (who: typeof buyer) => ({ account: who.account });
  const terms = (overrides: Partial<Terms> = {}): Terms => ({
    buyer: buyer.account.address,
    agent: agent.account.address,
    arbiter: arbiter.account.address,
    token: usdc.address,
    price: usd("100"),
    arbiterFee: usd("5"),
    collateral: usd("50"),
    penalty: usd("20"),
    acceptBy: clock + 86_400,
    deliverBy: clock + 3 * 86_400,
    reviewPeriod: 2 * 86_400,
    rulingPeriod: 5 * 86_400,
    defaultBuyerBps: 5_000,
    termsHash: hashOf("pact document"),
    ...overrides,
  });
  const create = async (t: Terms) => {
    await approve(buyer, t.price);
    await tick(1);
    return pactIdOf(await surety.write.createPact([t], as(buyer)));
  };
  const permit = async (owner: typeof buyer, value: bigint, deadline: bigint) => {
    const nonce = await usdc.read.nonces([owner.account.address]);
    const signature = await owner.signTypedData({
      account: owner.account,
      domain: { name: "Mock USD", version: "1", chainId, verifyingContract: usdc.address },
      types: {
        Permit: [
          { name: "owner", type: "address" },
          { name: "spender", type: "address" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      primaryType: "Permit",
      message: { owner: owner.account.address, spender: surety.address, value, nonce, deadline },
    });
    const { v, r, s } = parseSignature(signature);
    return { deadline, v: Number(v), r, s };
  };

  // --- set-up: arbiter, stake, warm-up pact, a pact left open ---
  await measure("registerArbiter", () =>
    surety.write.registerArbiter([usdc.address, usd("1"), DEFAULT_SURETY_CONFIG.maxRulingPeriod], as(arbiter)),
  );
  await untracked(() =>
    surety.write.registerArbiter([zeroAddress, 0n, DEFAULT_SURETY_CONFIG.maxRulingPeriod], as(arbiter)),
  );
  await approve(agent, usd("10000"));
  await untracked(() => surety.write.depositStake([usd("10000")], as(agent)));

  const warm = terms();
  const warmId = await create(warm);
  await untracked(() => surety.write.acceptPact([warmId, warm], as(agent)));
  await untracked(() => surety.write.deliverPact([warmId, warm, hashOf("delivery")], as(agent)));
  await untracked(() => surety.write.releasePact([warmId, warm], as(buyer)));
  await create(terms({ termsHash: hashOf("left open") }));

  // --- happy path ---
  const happy = terms({ termsHash: hashOf("happy") });
  await approve(buyer, happy.price);
  const created = await measure("createPact", () => surety.write.createPact([happy], as(buyer)));
  const happyId = (await surety.getEvents.PactCreated({}, { blockHash: created.blockHash }))[0].args.pactId!;
  await measure("acceptPact", () => surety.write.acceptPact([happyId, happy], as(agent)));
  await measure("deliverPact", () => surety.write.deliverPact([happyId, happy, hashOf("delivery")], as(agent)));
  await measure("releasePact", () => surety.write.releasePact([happyId, happy], as(buyer)));
  report.happyPath = report.createPact + report.acceptPact + report.deliverPact + report.releasePact;

  // --- creation variants ---
  const permitted = terms({ termsHash: hashOf("permit") });
  const p = await permit(buyer, permitted.price, BigInt(clock + 3_600));
  await measure("createPactWithPermit", () => surety.write.createPactWithPermit([permitted, p], as(buyer)));

  const offer: Offer = {
    agent: agent.account.address,
    buyer: zeroAddress,
    arbiter: arbiter.account.address,
    token: usdc.address,
    price: usd("100"),
    arbiterFee: usd("5"),
    collateral: usd("50"),
    penalty: usd("20"),
    deliveryPeriod: 3 * 86_400,
    reviewPeriod: 2 * 86_400,
    rulingPeriod: 5 * 86_400,
    defaultBuyerBps: 5_000,
    termsHash: hashOf("offer"),
    nonce: 1n,
    expiry: clock + 86_400,
  };
  const offerSignature = await agent.signTypedData({
    account: agent.account,
    domain: offerDomain({ chainId, verifyingContract: surety.address }),
    types: OFFER_TYPES,
    primaryType: "Offer",
    message: offer,
  });
  await approve(buyer, offer.price);
  await measure("createPactFromOffer", () => surety.write.createPactFromOffer([offer, offerSignature], as(buyer)));
  await measure("revokeOffer", () => surety.write.revokeOffer([2n], as(agent)));

  // --- finalize after the review period ---
  const fin = terms({ termsHash: hashOf("finalize") });
  const finId = await create(fin);
  await untracked(() => surety.write.acceptPact([finId, fin], as(agent)));
  await untracked(() => surety.write.deliverPact([finId, fin, hashOf("delivery")], as(agent)));
  wait(fin.reviewPeriod + 1);
  await measure("finalizePact", () => surety.write.finalizePact([finId, fin], as(arbiter)));

  // --- cancel, reclaim ---
  const can = terms({ termsHash: hashOf("cancel") });
  const canId = await create(can);
  await measure("cancelPact", () => surety.write.cancelPact([canId, can], as(buyer)));
  const rec = terms({ termsHash: hashOf("reclaim"), acceptBy: clock + 10, deliverBy: clock + 86_400 });
  const recId = await create(rec);
  wait(20);
  await measure("reclaimPact", () => surety.write.reclaimPact([recId, rec], as(arbiter)));

  // --- missed delivery: refund and slash ---
  const ref = terms({ termsHash: hashOf("refund"), acceptBy: clock + 100, deliverBy: clock + 200 });
  const refId = await create(ref);
  await untracked(() => surety.write.acceptPact([refId, ref], as(agent)));
  wait(300);
  await measure("claimRefund", () => surety.write.claimRefund([refId, ref], as(arbiter)));

  // --- disputes: ruling, abstention, default ruling, release during a dispute ---
  const disputed = async (tag: string) => {
    const t = terms({ termsHash: hashOf(tag) });
    const id = await create(t);
    await untracked(() => surety.write.acceptPact([id, t], as(agent)));
    await untracked(() => surety.write.deliverPact([id, t, hashOf("delivery")], as(agent)));
    await approve(buyer, t.arbiterFee);
    return { t, id };
  };
  const d1 = await disputed("ruled");
  await measure("disputePact", () => surety.write.disputePact([d1.id, d1.t, hashOf("reason")], as(buyer)));
  await measure("submitEvidence", () => surety.write.submitEvidence([d1.id, d1.t, hashOf("evidence")], as(agent)));
  await measure("resolveDispute", () =>
    surety.write.resolveDispute([d1.id, d1.t, 2_500, usd("10"), hashOf("ruling")], as(arbiter)),
  );
  const d2 = await disputed("abstained");
  await untracked(() => surety.write.disputePact([d2.id, d2.t, hashOf("reason")], as(buyer)));
  await measure("abstain", () => surety.write.abstain([d2.id, d2.t, hashOf("abstain")], as(arbiter)));
  const d3 = await disputed("default");
  await untracked(() => surety.write.disputePact([d3.id, d3.t, hashOf("reason")], as(buyer)));
  wait(d3.t.rulingPeriod + 1);
  await measure("applyDefaultRuling", () => surety.write.applyDefaultRuling([d3.id, d3.t], as(arbiter)));
  const d4 = await disputed("released");
  await untracked(() => surety.write.disputePact([d4.id, d4.t, hashOf("reason")], as(buyer)));
  await measure("releasePactDisputed", () => surety.write.releasePact([d4.id, d4.t], as(buyer)));

  // --- cooperative paths, called at Surety's address and run by its cooperative module ---
  const coop = await viem.getContractAt("SuretyCooperative", surety.address);
  const active = async (tag: string) => {
    const t = terms({ termsHash: hashOf(tag) });
    const id = await create(t);
    await untracked(() => surety.write.acceptPact([id, t], as(agent)));
    return { t, id };
  };
  const s1 = await active("settled");
  await measure("proposeSettlement", () => coop.write.proposeSettlement([s1.id, s1.t, 3_000], as(agent)));
  await measure("acceptSettlement", () => coop.write.acceptSettlement([s1.id, s1.t, 3_000], as(buyer)));
  const s2 = await disputed("settled in dispute");
  await untracked(() => surety.write.disputePact([s2.id, s2.t, hashOf("reason")], as(buyer)));
  await untracked(() => coop.write.proposeSettlement([s2.id, s2.t, 6_000], as(buyer)));
  await measure("acceptSettlementDisputed", () => coop.write.acceptSettlement([s2.id, s2.t, 6_000], as(agent)));
  const r1 = await active("refunded by the agent");
  await measure("refundByAgent", () => coop.write.refundByAgent([r1.id, r1.t], as(agent)));
  const e1 = await active("extended");
  const later = e1.t.deliverBy + 86_400;
  await measure("proposeExtension", () => coop.write.extendDeadline([e1.id, e1.t, later], as(agent)));
  await measure("extendDeadline", () => coop.write.extendDeadline([e1.id, e1.t, later], as(buyer)));
  const w1 = await active("withdrawn");
  await untracked(() => coop.write.proposeSettlement([w1.id, w1.t, 5_000], as(buyer)));
  await measure("withdrawProposals", () => coop.write.withdrawProposals([w1.id, w1.t], as(buyer)));
  const h1 = await disputed("held");
  await untracked(() => surety.write.disputePact([h1.id, h1.t, hashOf("reason")], as(buyer)));
  await measure("holdRuling", () => coop.write.holdRuling([h1.id, h1.t], as(arbiter)));

  // --- native ETH pact ---
  const eth = terms({ token: zeroAddress, price: 10n ** 17n, arbiterFee: 0n, termsHash: hashOf("eth") });
  const ethCreated = await measure("createPactEth", () =>
    surety.write.createPact([eth], { account: buyer.account, value: eth.price }),
  );
  const ethId = (await surety.getEvents.PactCreated({}, { blockHash: ethCreated.blockHash }))[0].args.pactId!;
  await untracked(() => surety.write.acceptPact([ethId, eth], as(agent)));
  await measure("releasePactEth", () => surety.write.releasePact([ethId, eth], as(buyer)));

  // --- stake ---
  await approve(agent, usd("100"));
  await measure("depositStake", () => surety.write.depositStake([usd("100")], as(agent)));
  const sp = await permit(agent, usd("100"), BigInt(clock + 3_600));
  await measure("depositStakeWithPermit", () => surety.write.depositStakeWithPermit([usd("100"), sp], as(agent)));
  await measure("requestWithdrawal", () => surety.write.requestWithdrawal([usd("100")], as(agent)));
  wait(DEFAULT_SURETY_CONFIG.unbondingDelay);
  await measure("withdrawStake", () => surety.write.withdrawStake([agent.account.address], as(agent)));

  // --- operator: the ladder, weekly reviews and exception notes, run by the operator module at Surety's address ---
  const ops = await viem.getContractAt("SuretyOperator", surety.address);
  await measure("setAgentStatus", () =>
    ops.write.setAgentStatus([agent.account.address, 3, usd("5000"), hashOf("review")], as(operator)),
  );
  await measure("recertify", () => ops.write.recertify([agent.account.address, hashOf("ok")], as(operator)));

  // A week's review of N agents in one call: all kept, or mixed as a Monday's review is (one in five narrowed, one
  // in ten warned, the rest kept). Agents are distinct deterministic addresses, ascending, never reviewed before.
  const reviewed = Array.from({ length: REVIEW_BATCH }, (_, i) => hashOf(`reviewed agent ${i}`).slice(0, 42) as Hex)
    .map((address) => address.toLowerCase() as Hex)
    .sort();
  const entry = (agentAddress: Hex, decision: number) => ({
    agent: agentAddress,
    decision,
    cap: decision === 2 ? usd("500") : 0n,
    evidenceHash: hashOf(`evidence ${agentAddress}`),
  });
  const mixed = (i: number) => (i % 5 === 0 ? 2 : i % 10 === 1 ? 1 : 0);
  await measure("recordReviews1Keep", () => ops.write.recordReviews([[entry(reviewed[0], 0)]], as(operator)));
  await measure("recordReviews100Keep", () =>
    ops.write.recordReviews([reviewed.slice(0, 100).map((a) => entry(a, 0))], as(operator)),
  );
  await measure("recordReviews1Narrow", () => ops.write.recordReviews([[entry(reviewed[100], 2)]], as(operator)));
  await measure("recordReviews100Mixed", () =>
    ops.write.recordReviews([reviewed.slice(100, 200).map((a, i) => entry(a, mixed(i)))], as(operator)),
  );
  await measure("recordReviews200Mixed", () =>
    ops.write.recordReviews([reviewed.slice(200).map((a, i) => entry(a, mixed(i)))], as(operator)),
  );
  report.reviewPerAgentKeep = Math.round((report.recordReviews100Keep - report.recordReviews1Keep) / 99);
  report.reviewPerAgentMixed = Math.round(report.recordReviews200Mixed / 200);

  await measure("logAgentException", () =>
    ops.write.logAgentException([agent.account.address, 1, hashOf("rescued by hand")], as(operator)),
  );
  await measure("logPactException", () => ops.write.logPactException([warmId, warm, 1, hashOf("rescue")], as(buyer)));

  return report;
}

/** Per-call ceilings set by the project. */
export const BUDGETS: Record<string, number> = {
  createPact: 100_000,
  acceptPact: 60_000,
  deliverPact: 40_000,
  releasePact: 65_000,
  happyPath: 250_000,
  // An operator reviewing 200 agents every Monday pays for one call: a kept agent must stay cheap.
  reviewPerAgentKeep: 6_000,
  reviewPerAgentMixed: 15_000,
};
