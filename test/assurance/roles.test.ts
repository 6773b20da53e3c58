/**
 * Roles against funds: a random sequence of every operator action never moves a balance, a stake or a credit;
 * an arbiter never receives more than the fee; arbiters cannot be swapped in terms or named unregistered.
 *
 * Already covered elsewhere, not repeated here: a fixed sequence of operator actions leaves token balances alone
 * (admin `test_WhenOperatorActs_NoTokenBalanceChanges`); only the pact's arbiter rules or abstains, another
 * registered arbiter included (disputes `resolveDispute test_RevertWhen_CallerNotArbiter`,
 * `abstain test_RevertWhen_CallerNotArbiter`); ruling twice (disputes `test_RevertWhen_RuledTwice`); an
 * unregistered, zero, other-token or deregistered arbiter cannot be named at creation (pacts
 * `test_RevertWhen_ArbiterNotRegistered`, `test_RevertWhen_ArbiterRegisteredForAnotherToken`,
 * `test_RevertWhen_ArbiterDeregistered`); role checks on every operator and guardian function (admin
 * `test_RevertWhen_CallerNotOperator`, `test_RevertWhen_CallerNotGuardian`); the guardian's pause never blocks
 * settlement, claims, deposits or withdrawals (admin `test_GivenGuardianPaused_When*_Succeeds`).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { getAddress, maxUint256, parseEther, zeroAddress, zeroHash, type Address, type Hash } from "viem";

import {
  AgentStatus,
  CONFIG,
  PactStatus,
  activePact,
  createPact,
  deliveredPact,
  deploySurety,
  disputedPact,
  hashOf,
  makeOffer,
  makeTerms,
  mineAt,
  now,
  signOffer,
  statusOf,
  usd,
  type Terms,
} from "../helpers/fixture.ts";
import { split } from "../helpers/pacts.ts";

const RULING = hashOf("ruling");
const REASON = hashOf("operator reason");
const SEED = 0x5eed_2026;
const STEPS = 300;

/** mulberry32: a small, seeded, deterministic PRNG. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe("Surety roles and funds", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deploySurety);
  const expectError = viem.assertions.revertWithCustomErrorWithArgs;

  /*//////////////////////////////////////////////////////////////
                               OPERATOR
  //////////////////////////////////////////////////////////////*/

  describe("operator", () => {
    it("test_GivenRandomSequenceOfEveryOperatorAction_WhenApplied_NoBalanceStakeOrCreditChanges", async () => {
      const f = await load();
      const { surety, operator } = f;
      const asOperator = { account: operator.account };

      // State with funds everywhere: live pacts of every status in three tokens, queued stake, credits.
      const blocklist = await viem.deployContract("MockBlocklistToken");
      await surety.write.registerArbiter([blocklist.address, 0n, CONFIG.maxRulingPeriod], {
        account: f.arbiter.account,
      });
      await blocklist.write.mint([f.buyer.account.address, usd("1000")]);
      await blocklist.write.approve([surety.address, maxUint256], { account: f.buyer.account });
      const live: { id: bigint; terms: Terms }[] = [];
      const far = async (name: string, overrides: Partial<Terms> = {}) => {
        // Deadlines far out, so that open and active pacts stay live through every time warp of the sequence.
        const t = await now(f);
        const deadlines = { acceptBy: t + 400 * 86_400, deliverBy: t + 800 * 86_400 };
        return makeTerms(f, { termsHash: hashOf(name), ...deadlines, ...overrides });
      };
      const open = await far("open");
      live.push({ id: await createPact(f, open), terms: open });
      const active = await far("active", {
        token: f.dai.address,
        price: parseEther("70"),
        agent: f.agent2.account.address,
      });
      live.push({ id: await activePact(f, active), terms: active });
      const delivered = await far("delivered", { token: zeroAddress, price: parseEther("3") });
      live.push({ id: await deliveredPact(f, delivered), terms: delivered });
      const disputed = await far("disputed", { reviewPeriod: CONFIG.maxReviewPeriod });
      live.push({ id: await disputedPact(f, disputed), terms: disputed });
      const credited = await far("credited", { token: blocklist.address });
      const creditedId = await activePact(f, credited);
      await blocklist.write.setBlocked([credited.agent, true]);
      await surety.write.releasePact([creditedId, credited], { account: f.buyer.account });
      await blocklist.write.setBlocked([credited.agent, false]);
      live.push({ id: creditedId, terms: credited });
      await surety.write.requestWithdrawal([usd("1234")], { account: f.agent.account });
      await surety.write.requestWithdrawal([usd("99")], { account: f.agent2.account });
      assert.equal(await surety.read.creditOf([blocklist.address, credited.agent]), credited.price);

      const wallets = [f.admin, f.operator, f.guardian, f.buyer, f.agent, f.arbiter, f.stranger, f.agent2, f.buyer2];
      const accounts: Address[] = [...wallets.map((w) => w.account.address), surety.address];
      const tokens: Address[] = [f.usdc.address, f.dai.address, blocklist.address];
      const agents: Address[] = [f.agent.account.address, f.agent2.account.address, f.stranger.account.address];

      async function snapshot() {
        const erc20 = (token: Address, who: Address) =>
          f.publicClient.readContract({ address: token, abi: f.usdc.abi, functionName: "balanceOf", args: [who] });
        const [balances, eth, credits, stakes, pacts, nextPactId] = await Promise.all([
          Promise.all(tokens.flatMap((token) => accounts.map((who) => erc20(token, who)))),
          Promise.all(accounts.map((address) => f.publicClient.getBalance({ address }))),
          Promise.all(
            [...tokens, zeroAddress].flatMap((token) => accounts.map((who) => surety.read.creditOf([token, who]))),
          ),
          Promise.all(agents.map((agent) => surety.read.stakeAccount([agent]))),
          Promise.all(live.map(({ id }) => surety.read.getPact([id]))),
          surety.read.nextPactId(),
        ]);
        return { balances, eth, credits, stakes, pacts, nextPactId };
      }

      const expected = await snapshot();
      const operatorIndex = accounts.indexOf(operator.account.address);
      const random = prng(SEED);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
      const caps = [0n, 1n, usd("50"), 2n ** 128n - 1n, 2n ** 128n, maxUint256];
      const statuses = [AgentStatus.Warned, AgentStatus.Narrowed, AgentStatus.UnderReview, AgentStatus.Paused];
      const operatorRole = await surety.read.OPERATOR_ROLE();
      const guardianRole = await surety.read.GUARDIAN_ROLE();
      const unauthorized = (role: Hash): [Address, Hash] => [getAddress(operator.account.address), role];
      const counts: Record<string, number> = {};

      /** Sends an operator transaction that must succeed and charges its fee to the expected operator balance. */
      async function succeeds(hash: Promise<Hash>): Promise<void> {
        const receipt = await f.publicClient.getTransactionReceipt({ hash: await hash });
        assert.equal(receipt.status, "success");
        expected.eth[operatorIndex] -= receipt.gasUsed * receipt.effectiveGasPrice;
      }

      // Every action the operator can take: its two role functions in every form, and every other fund-moving
      // or role function it might try. Each entry runs one randomised call and asserts its outcome.
      const actions: Record<string, () => Promise<void>> = {
        setAgentStatus: async () => {
          const [agent, status, cap] = [pick(agents), pick(statuses), pick(caps)];
          const call = f.ops.write.setAgentStatus([agent, status, cap, REASON], asOperator);
          if (status >= AgentStatus.Narrowed && cap >= 2n ** 128n) {
            await expectError(call, surety, "SafeCastOverflowedUintDowncast", [128, cap]);
          } else {
            await succeeds(call);
          }
        },
        setAgentStatusGood: () =>
          expectError(
            f.ops.write.setAgentStatus([pick(agents), AgentStatus.Good, pick(caps), REASON], asOperator),
            surety,
            "Surety_InvalidAgentStatus",
            [AgentStatus.Good],
          ),
        setAgentStatusZeroAgent: () =>
          expectError(
            f.ops.write.setAgentStatus([zeroAddress, pick(statuses), 0n, REASON], asOperator),
            surety,
            "Surety_ZeroAgent",
            [],
          ),
        recertify: () => succeeds(f.ops.write.recertify([pick(agents), REASON], asOperator)),
        recertifyZeroAgent: () =>
          expectError(f.ops.write.recertify([zeroAddress, REASON], asOperator), surety, "Surety_ZeroAgent", []),
        recordReviews: async () => {
          // Every agent once, ascending, each with a random decision (a cap only where the decision takes one).
          const reviews = [...agents]
            .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))
            .map((agent) => {
              const decision = Math.floor(random() * 6);
              const capped = decision >= 2 && decision <= 4;
              return { agent, decision, cap: capped ? pick([0n, 1n, usd("50")]) : 0n, evidenceHash: REASON };
            });
          await succeeds(f.ops.write.recordReviews([reviews], asOperator));
        },
        logAgentException: () =>
          succeeds(f.ops.write.logAgentException([pick(agents), Math.floor(random() * 2), REASON], asOperator)),
        logPactException: async () => {
          const { id, terms } = pick(live);
          await succeeds(f.ops.write.logPactException([id, terms, Math.floor(random() * 2), REASON], asOperator));
        },
        timeWarp: async () => {
          await mineAt(f, (await now(f)) + 1 + Math.floor(random() * 3 * 86_400));
        },
        pause: () =>
          expectError(
            surety.write.pause(asOperator),
            surety,
            "AccessControlUnauthorizedAccount",
            unauthorized(guardianRole),
          ),
        unpause: () =>
          expectError(
            surety.write.unpause(asOperator),
            surety,
            "AccessControlUnauthorizedAccount",
            unauthorized(guardianRole),
          ),
        grantRole: () =>
          expectError(
            surety.write.grantRole([pick([operatorRole, guardianRole]), operator.account.address], asOperator),
            surety,
            "AccessControlUnauthorizedAccount",
            unauthorized(zeroHash),
          ),
        beginDefaultAdminTransfer: () =>
          expectError(
            surety.write.beginDefaultAdminTransfer([operator.account.address], asOperator),
            surety,
            "AccessControlUnauthorizedAccount",
            unauthorized(zeroHash),
          ),
        cancelPact: () =>
          expectError(surety.write.cancelPact([live[0].id, open], asOperator), surety, "Surety_CallerNotBuyer", [
            live[0].id,
            getAddress(operator.account.address),
          ]),
        releasePact: () =>
          expectError(surety.write.releasePact([live[2].id, delivered], asOperator), surety, "Surety_CallerNotBuyer", [
            live[2].id,
            getAddress(operator.account.address),
          ]),
        resolveDispute: () =>
          expectError(
            surety.write.resolveDispute(
              [live[3].id, disputed, pick([0, 10_000]), disputed.collateral, RULING],
              asOperator,
            ),
            surety,
            "Surety_CallerNotArbiter",
            [live[3].id, getAddress(operator.account.address)],
          ),
        abstain: () =>
          expectError(
            surety.write.abstain([live[3].id, disputed, RULING], asOperator),
            surety,
            "Surety_CallerNotArbiter",
            [live[3].id, getAddress(operator.account.address)],
          ),
        claimPayout: () =>
          expectError(
            surety.write.claimPayout([blocklist.address, operator.account.address], asOperator),
            surety,
            "Surety_NoCredit",
            [getAddress(blocklist.address), getAddress(operator.account.address)],
          ),
        withdrawStake: () =>
          expectError(
            surety.write.withdrawStake([operator.account.address], asOperator),
            surety,
            "Surety_NothingQueued",
            [getAddress(operator.account.address)],
          ),
        requestWithdrawal: () =>
          expectError(surety.write.requestWithdrawal([1n], asOperator), surety, "Surety_InsufficientFreeStake", [
            getAddress(operator.account.address),
            0n,
            1n,
          ]),
      };
      const names = Object.keys(actions);

      for (let step = 0; step < STEPS; step++) {
        const name = pick(names);
        counts[name] = (counts[name] ?? 0) + 1;
        await actions[name]();
        assert.deepEqual(await snapshot(), expected, `step ${step} (${name}) changed a balance, stake or credit`);
      }
      for (const name of names) assert.ok((counts[name] ?? 0) > 0, `${name} was drawn at least once`);

      // The standing the sequence left behind still never blocks settlement: every live pact ends as before.
      for (const agent of agents) await f.ops.write.recertify([agent, REASON], asOperator);
      assert.equal(await statusOf(f, live[2].id), PactStatus.Delivered);
      await surety.write.releasePact([live[2].id, delivered], { account: f.buyer.account });
      assert.equal(await statusOf(f, live[2].id), PactStatus.Released);
    });
  });

  /*//////////////////////////////////////////////////////////////
                               ARBITER
  //////////////////////////////////////////////////////////////*/

  describe("arbiter", () => {
    it("test_GivenRulingGrid_WhenArbiterRules_ArbiterReceivesExactlyTheFee", async () => {
      const f = await load();
      // Paid in the stake token, so that price, fee and slash all share one balance the arbiter could aim at.
      const collateral = usd("50");
      const arbiter = f.arbiter.account.address;
      for (const buyerBps of [0, 1, 5_000, 9_999, 10_000]) {
        for (const slash of [0n, 1n, collateral - 1n, collateral]) {
          const terms = await makeTerms(f, {
            price: usd("100") + 3n,
            arbiterFee: usd("5") + 1n,
            collateral,
            termsHash: hashOf(`grid ${buyerBps} ${slash}`),
          });
          const pactId = await disputedPact(f, terms);
          const who = [terms.buyer, terms.agent, arbiter, f.surety.address];
          const before = await Promise.all(who.map((a) => f.usdc.read.balanceOf([a])));
          const [stakedBefore] = await f.surety.read.stakeOf([terms.agent]);
          await f.surety.write.resolveDispute([pactId, terms, buyerBps, slash, RULING], { account: f.arbiter.account });
          const after = await Promise.all(who.map((a) => f.usdc.read.balanceOf([a])));
          const toBuyer = split(terms.price, buyerBps);
          assert.deepEqual(
            after.map((b, i) => b - before[i]),
            [toBuyer + slash, terms.price - toBuyer, terms.arbiterFee, -(terms.price + terms.arbiterFee + slash)],
            `bps ${buyerBps}, slash ${slash}: [buyer, agent, arbiter, surety]`,
          );
          const [stakedAfter] = await f.surety.read.stakeOf([terms.agent]);
          assert.equal(stakedBefore - stakedAfter, slash);
          assert.equal(await f.surety.read.creditOf([f.usdc.address, arbiter]), 0n);
        }
      }
    });

    it("test_GivenEthRulingGrid_WhenArbiterRules_ArbiterReceivesExactlyTheFeeNetOfGas", async () => {
      const f = await load();
      const arbiter = f.arbiter.account.address;
      for (const buyerBps of [0, 10_000]) {
        for (const slash of [0n, usd("50")]) {
          const terms = await makeTerms(f, {
            token: zeroAddress,
            price: parseEther("1") + 1n,
            arbiterFee: parseEther("0.01") + 1n,
            termsHash: hashOf(`eth grid ${buyerBps} ${slash}`),
          });
          const pactId = await disputedPact(f, terms);
          const arbiterUsdc = await f.usdc.read.balanceOf([arbiter]);
          // balancesHaveChanged nets out the gas the arbiter pays for its own transaction.
          await viem.assertions.balancesHaveChanged(
            f.surety.write.resolveDispute([pactId, terms, buyerBps, slash, RULING], { account: f.arbiter.account }),
            [
              { address: arbiter, amount: terms.arbiterFee },
              { address: terms.buyer, amount: split(terms.price, buyerBps) },
              { address: terms.agent, amount: terms.price - split(terms.price, buyerBps) },
              { address: f.surety.address, amount: -(terms.price + terms.arbiterFee) },
            ],
          );
          assert.equal(await f.usdc.read.balanceOf([arbiter]), arbiterUsdc, "the slash never reaches the arbiter");
        }
      }
    });

    it("test_GivenArbiterAbstainsOrStaysSilent_ArbiterReceivesNothing", async () => {
      const f = await load();
      const arbiter = f.arbiter.account.address;
      for (const path of ["abstain", "default"] as const) {
        const terms = await makeTerms(f, { termsHash: hashOf(path), defaultBuyerBps: 2_500 });
        const pactId = await disputedPact(f, terms);
        const before = await f.usdc.read.balanceOf([arbiter]);
        if (path === "abstain") {
          await f.surety.write.abstain([pactId, terms, RULING], { account: f.arbiter.account });
        } else {
          const [, disputedAt] = await f.surety.read.getPact([pactId]);
          await mineAt(f, disputedAt + terms.rulingPeriod + 1);
          await f.surety.write.applyDefaultRuling([pactId, terms], { account: f.arbiter.account });
        }
        assert.equal(await f.usdc.read.balanceOf([arbiter]), before, `${path}: no fee`);
        assert.equal(await f.surety.read.creditOf([f.usdc.address, arbiter]), 0n);
      }
    });

    it("test_RevertWhen_ArbiterRulesWithTermsThatPayItMore", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      const arbiter = f.arbiter.account.address;
      const tampered: Partial<Terms>[] = [
        { arbiterFee: terms.arbiterFee + 1n },
        { arbiterFee: terms.price },
        { buyer: arbiter },
        { agent: arbiter },
        { collateral: terms.collateral * 2n },
        { price: terms.price * 2n },
      ];
      for (const change of tampered) {
        await expectError(
          f.surety.write.resolveDispute([pactId, { ...terms, ...change }, 0, 0n, RULING], {
            account: f.arbiter.account,
          }),
          f.surety,
          "Surety_TermsMismatch",
          [pactId],
        );
      }
      assert.equal(await statusOf(f, pactId), PactStatus.Disputed);
    });

    it("test_RevertWhen_AnotherArbiterSubstitutesItselfInTerms", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);
      const usurped = { ...terms, arbiter: f.arbiter2.account.address };
      const asArbiter2 = { account: f.arbiter2.account };
      await expectError(
        f.surety.write.resolveDispute([pactId, usurped, 0, terms.collateral, RULING], asArbiter2),
        f.surety,
        "Surety_TermsMismatch",
        [pactId],
      );
      await expectError(
        f.surety.write.abstain([pactId, usurped, RULING], asArbiter2),
        f.surety,
        "Surety_TermsMismatch",
        [pactId],
      );
      // The pact's own arbiter still rules.
      await f.surety.write.resolveDispute([pactId, terms, 5_000, 0n, RULING], { account: f.arbiter.account });
      assert.equal(await statusOf(f, pactId), PactStatus.Resolved);
    });

    it("test_RevertWhen_OfferNamesUnregisteredArbiter", async () => {
      const f = await load();
      const stranger = f.stranger.account.address;
      await f.surety.write.registerArbiter([f.dai.address, 0n, CONFIG.maxRulingPeriod], {
        account: f.stranger.account,
      });
      await f.surety.write.deregisterArbiter([f.usdc.address], { account: f.arbiter2.account });
      const cases: [Address, Address][] = [
        [stranger, f.usdc.address], // registered for another token only
        [zeroAddress, f.usdc.address],
        [f.arbiter2.account.address, f.usdc.address], // deregistered
        [f.buyer2.account.address, zeroAddress], // never registered
      ];
      let nonce = 1n;
      for (const [arbiter, token] of cases) {
        const offer = await makeOffer(f, { arbiter, token, nonce: nonce++ });
        await expectError(
          f.surety.write.createPactFromOffer([offer, await signOffer(f, offer)], {
            account: f.buyer.account,
            value: token === zeroAddress ? offer.price : 0n,
          }),
          f.surety,
          "Surety_ArbiterNotRegistered",
          [getAddress(arbiter), getAddress(token)],
        );
        assert.equal(await f.surety.read.isNonceUsed([offer.agent, offer.nonce]), false);
      }
      assert.equal(await f.surety.read.nextPactId(), 1n);
    });
  });
});
