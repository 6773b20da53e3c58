/**
 * Denial of service: no operation loops over pacts, so every operation's execution gas is the same whether the
 * system holds a handful of live pacts or 1,000 of them, 100 of which belong to the agent being measured.
 *
 * Method. The same measurement script runs twice from the same snapshot, differing only in the load created
 * first:
 *   - baseline: 4 live pacts for the measured agent (one Open, Active, Delivered, Disputed), nothing else. The
 *     agent must have some collateral locked in the baseline too: otherwise its first acceptance writes a zero
 *     slot (20,000 gas) where the loaded run rewrites a non-zero one (2,900 gas) — a storage fact, not a loop.
 *   - loaded: 1,000 live pacts in the system, 100 of them the measured agent's (25 in each live status) and 900
 *     from two other buyers to another agent (100 of those accepted).
 * The load is created by real transactions (creations, acceptances, deliveries, disputes), not by writing storage.
 * The script then runs each operation once, every transaction in its own block at the same absolute timestamp in
 * both runs, with the same terms, amounts, offer and signature. The only input that differs is the pact id (a
 * baseline id fits one byte, a loaded id takes two), and calldata is priced per byte (4 gas a zero byte, 16 a
 * non-zero one). So we compare execution gas: gasUsed minus the intrinsic cost (21,000 plus the calldata bytes),
 * after checking that the EIP-7623 calldata floor did not set gasUsed. Equality is asserted exactly, and the raw
 * gasUsed of both runs is reported next to it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import { hexToBytes, maxUint256, type Address, type Hash } from "viem";

import {
  CONFIG,
  DAY,
  PactStatus,
  deploySurety,
  hashOf,
  makeOffer,
  nextTxAt,
  signOffer,
  usd,
  type Terms,
} from "../helpers/fixture.ts";

const FILL_GAS = 400_000n;

/** The fixture plus a blocklist token, so that a payout can be credited and then claimed. */
async function deployDos(connection: NetworkConnection) {
  const f = await deploySurety(connection);
  const blocklist = await connection.viem.deployContract("MockBlocklistToken");
  await blocklist.write.mint([f.buyer.account.address, usd("1000")]);
  await blocklist.write.approve([f.surety.address, maxUint256], { account: f.buyer.account });
  await f.surety.write.registerArbiter([blocklist.address, 0n, CONFIG.maxRulingPeriod], { account: f.arbiter.account });
  return { ...f, blocklist };
}
type Dos = Awaited<ReturnType<typeof deployDos>>;

type Load = { agentPacts: number; otherPacts: number; otherAccepted: number };
const BASELINE: Load = { agentPacts: 4, otherPacts: 0, otherAccepted: 0 };
const LOADED: Load = { agentPacts: 100, otherPacts: 900, otherAccepted: 100 };

type Gas = { gasUsed: bigint; intrinsic: bigint; execution: bigint };

/** 21,000 plus 4 gas per zero calldata byte and 16 per non-zero one; also checks the EIP-7623 floor was not hit. */
function intrinsicOf(input: `0x${string}`, gasUsed: bigint): bigint {
  const bytes = hexToBytes(input);
  const zeros = BigInt(bytes.filter((b) => b === 0).length);
  const nonZeros = BigInt(bytes.length) - zeros;
  const floor = 21_000n + 10n * (zeros + 4n * nonZeros);
  assert.ok(gasUsed > floor, "the calldata floor must not set gasUsed, or execution gas would be hidden");
  return 21_000n + 4n * zeros + 16n * nonZeros;
}

describe("Surety denial of service", async () => {
  const connection = await network.create();
  const { networkHelpers } = connection;

  /**
   * Creates the load, one transaction per automined block with an explicit gas limit (no estimation). Automine is
   * deliberate: with automine off, EDR re-validates every new transaction against the whole pending pool, so a
   * pool of hundreds of transactions makes sending quadratic (measured: 300 creations took 0.35 s automined, 1.5 s
   * in blocks of 25, and 1,000 pending took minutes).
   */
  async function fill(f: Dos, start: number, load: Load): Promise<void> {
    const { surety } = f;
    const fillTerms = (buyer: Address, agent: Address, name: string, collateral: bigint): Terms => ({
      buyer,
      agent,
      arbiter: f.arbiter.account.address,
      token: f.usdc.address,
      price: usd("1"),
      arbiterFee: usd("1"),
      collateral,
      penalty: 0n,
      // Far enough that every loaded pact is still in time while the operations are measured.
      acceptBy: start + 50 * 86_400,
      deliverBy: start + 100 * 86_400,
      reviewPeriod: 30 * 86_400,
      rulingPeriod: 60 * 86_400,
      defaultBuyerBps: 5_000,
      termsHash: hashOf(name),
    });
    const mine = fillTerms(f.buyer.account.address, f.agent.account.address, "fill agent", usd("10"));
    const others = [f.buyer2, f.stranger].map((b) =>
      fillTerms(b.account.address, f.agent2.account.address, "fill other", usd("5")),
    );
    const gas = { gas: FILL_GAS };

    const firstId = await surety.read.nextPactId();
    const agentIds: bigint[] = [];
    const otherIds: { id: bigint; terms: Terms }[] = [];
    for (let i = 0; i < load.agentPacts; i++) {
      agentIds.push(firstId + BigInt(i));
      await surety.write.createPact([mine], { account: mine.buyer, ...gas });
    }
    for (let i = 0; i < load.otherPacts; i++) {
      const terms = others[i % 2];
      otherIds.push({ id: firstId + BigInt(load.agentPacts + i), terms });
      await surety.write.createPact([terms], { account: terms.buyer, ...gas });
    }
    // The agent's pacts: a quarter stay Open, the rest are accepted; of those, two thirds are delivered; of
    // those, half are disputed. One of each live status in the baseline.
    const quarter = load.agentPacts / 4;
    for (const id of agentIds.slice(quarter))
      await surety.write.acceptPact([id, mine], { account: mine.agent, ...gas });
    for (const { id, terms } of otherIds.slice(0, load.otherAccepted)) {
      await surety.write.acceptPact([id, terms], { account: terms.agent, ...gas });
    }
    for (const id of agentIds.slice(2 * quarter)) {
      await surety.write.deliverPact([id, mine, hashOf("fill")], { account: mine.agent, ...gas });
    }
    for (const id of agentIds.slice(3 * quarter)) {
      await surety.write.disputePact([id, mine, hashOf("fill")], { account: mine.buyer, ...gas });
    }

    // The load is as intended.
    assert.equal(await surety.read.nextPactId(), firstId + BigInt(load.agentPacts + load.otherPacts));
    const counts = [0, 0, 0, 0, 0];
    for (const id of agentIds) counts[(await surety.read.getPact([id]))[0]]++;
    assert.deepEqual(counts, [0, quarter, quarter, quarter, quarter], "agent's pacts per live status");
    let open = 0;
    for (const { id } of otherIds) if ((await surety.read.getPact([id]))[0] <= PactStatus.Disputed) open++;
    assert.equal(open, load.otherPacts);
    const [, locked] = await surety.read.stakeOf([f.agent.account.address]);
    assert.equal(locked, BigInt(3 * quarter) * usd("10"));
    const [, otherLocked] = await surety.read.stakeOf([f.agent2.account.address]);
    assert.equal(otherLocked, BigInt(load.otherAccepted) * usd("5"));
  }

  /** Runs every operation once at fixed absolute times from `t0`, returning each one's gas. */
  async function measure(f: Dos, t0: number): Promise<Record<string, Gas>> {
    const { surety, publicClient } = f;
    const gas: Record<string, Gas> = {};
    let clock = t0;
    const buyer = { account: f.buyer.account };
    const agent = { account: f.agent.account };
    const arbiter = { account: f.arbiter.account };
    const anyone = { account: f.stranger.account };

    /** Sends `send` alone in a block at `at` (or one second after the previous one) and records it as `label`. */
    async function step(label: string | undefined, send: () => Promise<Hash>, at?: number): Promise<void> {
      clock = at ?? clock + 1;
      await nextTxAt(f, clock);
      const hash = await send();
      const receipt = await publicClient.getTransactionReceipt({ hash });
      assert.equal(receipt.status, "success");
      if (label === undefined) return;
      const { input } = await publicClient.getTransaction({ hash });
      const intrinsic = intrinsicOf(input, receipt.gasUsed);
      gas[label] = { gasUsed: receipt.gasUsed, intrinsic, execution: receipt.gasUsed - intrinsic };
    }

    const terms: Terms = {
      buyer: f.buyer.account.address,
      agent: f.agent.account.address,
      arbiter: f.arbiter.account.address,
      token: f.usdc.address,
      price: usd("100"),
      arbiterFee: usd("5"),
      collateral: usd("50"),
      penalty: usd("20"),
      acceptBy: t0 + Number(DAY),
      deliverBy: t0 + 3 * Number(DAY),
      reviewPeriod: 2 * 86_400,
      rulingPeriod: 5 * 86_400,
      defaultBuyerBps: 5_000,
      termsHash: hashOf("measured pact"),
    };
    const blocked: Terms = { ...terms, token: f.blocklist.address };

    const ids: Record<string, bigint> = {};
    const create = async (name: string, t: Terms, label?: string) => {
      ids[name] = await surety.read.nextPactId();
      await step(label, () => surety.write.createPact([t], buyer));
    };
    await create("cancel", terms, "createPact");
    for (const name of ["reclaim", "release", "finalize", "refund", "resolve", "abstain", "default"]) {
      await create(name, terms);
    }
    await create("credit", blocked);

    await step("acceptPact", () => surety.write.acceptPact([ids.release, terms], agent));
    for (const name of ["finalize", "refund", "resolve", "abstain", "default"]) {
      await step(undefined, () => surety.write.acceptPact([ids[name], terms], agent));
    }
    await step(undefined, () => surety.write.acceptPact([ids.credit, blocked], agent));
    await step("deliverPact", () => surety.write.deliverPact([ids.release, terms, hashOf("work")], agent));
    for (const name of ["finalize", "resolve", "abstain", "default"]) {
      await step(undefined, () => surety.write.deliverPact([ids[name], terms, hashOf("work")], agent));
    }
    await step(undefined, () => surety.write.deliverPact([ids.credit, blocked, hashOf("work")], agent));
    await step("releasePact", () => surety.write.releasePact([ids.release, terms], buyer));
    await step("disputePact", () => surety.write.disputePact([ids.resolve, terms, hashOf("why")], buyer));
    await step(undefined, () => surety.write.disputePact([ids.abstain, terms, hashOf("why")], buyer));
    await step(undefined, () => surety.write.disputePact([ids.default, terms, hashOf("why")], buyer));
    await step("submitEvidence", () => surety.write.submitEvidence([ids.default, terms, hashOf("proof")], agent));
    await step("resolveDispute", () =>
      surety.write.resolveDispute([ids.resolve, terms, 7_000, usd("10"), hashOf("ruling")], arbiter),
    );
    await step("abstain", () => surety.write.abstain([ids.abstain, terms, hashOf("ruling")], arbiter));
    await step("cancelPact", () => surety.write.cancelPact([ids.cancel, terms], buyer));

    const offer = await makeOffer(f, { expiry: t0 + 10 * 86_400, termsHash: hashOf("measured offer"), nonce: 7n });
    const signature = await signOffer(f, offer);
    await step("createPactFromOffer", () => surety.write.createPactFromOffer([offer, signature], buyer));
    await step("revokeOffer", () => surety.write.revokeOffer([8n], agent));
    await step("depositStake", () => surety.write.depositStake([usd("5")], agent));
    await step("requestWithdrawal", () => surety.write.requestWithdrawal([usd("5")], agent));
    const requestedAt = clock;

    await step(undefined, () => f.blocklist.write.setBlocked([terms.agent, true]));
    await step("releasePact (credited)", () => surety.write.releasePact([ids.credit, blocked], buyer));
    await step(undefined, () => f.blocklist.write.setBlocked([terms.agent, false]));
    await step("claimPayout", () => surety.write.claimPayout([f.blocklist.address, terms.agent], agent));

    const at = async (id: bigint, period: number) => (await surety.read.getPact([id]))[1] + period + 1;
    await step("reclaimPact", () => surety.write.reclaimPact([ids.reclaim, terms], anyone), terms.acceptBy + 1);
    const finalizeAt = await at(ids.finalize, terms.reviewPeriod);
    await step("finalizePact", () => surety.write.finalizePact([ids.finalize, terms], anyone), finalizeAt);
    await step("claimRefund", () => surety.write.claimRefund([ids.refund, terms], anyone), terms.deliverBy + 1);
    const defaultAt = await at(ids.default, terms.rulingPeriod);
    await step("applyDefaultRuling", () => surety.write.applyDefaultRuling([ids.default, terms], anyone), defaultAt);
    await step(
      "withdrawStake",
      () => surety.write.withdrawStake([terms.agent], agent),
      requestedAt + CONFIG.unbondingDelay,
    );

    const statuses = await Promise.all(Object.values(ids).map(async (id) => (await surety.read.getPact([id]))[0]));
    assert.deepEqual(statuses, [
      PactStatus.Cancelled,
      PactStatus.Reclaimed,
      PactStatus.Released,
      PactStatus.Finalized,
      PactStatus.Refunded,
      PactStatus.Resolved,
      PactStatus.Abstained,
      PactStatus.DefaultRuled,
      PactStatus.Released,
    ]);
    return gas;
  }

  it("test_Given1000OpenPactsAnd100ForTheAgent_WhenEveryOperationRuns_ExecutionGasIsIdentical", async (t) => {
    const runs: Record<string, Record<string, Gas>> = {};
    const ids: Record<string, bigint> = {};
    for (const [name, load] of [
      ["baseline", BASELINE],
      ["loaded", LOADED],
    ] as const) {
      const f = await networkHelpers.loadFixture(deployDos);
      // The snapshot's last block is the same in both runs, and so is every time derived from it.
      const start = Number((await f.publicClient.getBlock()).timestamp) + 1_000;
      await fill(f, start, load);
      ids[name] = await f.surety.read.nextPactId();
      const t0 = start + 10_000;
      assert.ok(Number((await f.publicClient.getBlock()).timestamp) < t0, "the load fits before the measurement");
      runs[name] = await measure(f, t0);
    }
    assert.ok(ids.baseline < 256n && ids.loaded > 1_000n, "the measured pact ids differ in byte length");

    const { baseline, loaded } = runs;
    assert.deepEqual(Object.keys(loaded), Object.keys(baseline));
    const rows = Object.keys(baseline).map((op) => {
      const [b, l] = [baseline[op], loaded[op]];
      return `${op.padEnd(24)} execution ${String(b.execution).padStart(7)} | ${String(l.execution).padStart(7)}   gasUsed ${b.gasUsed} | ${l.gasUsed}`;
    });
    t.diagnostic(`operation, execution gas and gasUsed (baseline | loaded):\n${rows.join("\n")}`);
    for (const op of Object.keys(baseline)) {
      assert.equal(loaded[op].execution, baseline[op].execution, `${op}: execution gas differs under load`);
      // What remains of gasUsed is the pact id's extra non-zero calldata byte (16 - 4 gas), or nothing.
      assert.ok([0n, 12n].includes(loaded[op].gasUsed - baseline[op].gasUsed), `${op}: only calldata differs`);
    }
  });
});
