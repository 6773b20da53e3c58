import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { zeroAddress, zeroHash, type Address, type Hash, type Hex } from "viem";

import {
  ADMIN_DELAY,
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
  nextTxAt,
  now,
  signOffer,
  statusOf,
  usd,
  type SuretyFixture,
  type Terms,
} from "../helpers/fixture.ts";

const UNBONDING = CONFIG.unbondingDelay;
const MAX_FREEZE = CONFIG.maxFreeze;
const YEAR = 365 * 86_400;
const REASON = hashOf("operator reason");
const NO_PERMIT = { deadline: 0n, v: 0, r: zeroHash, s: zeroHash };

type Wallet = SuretyFixture["agent"];

/** Moves the fixture's agent (or `agent`) on the ladder as the operator. */
async function setStatus(f: SuretyFixture, status: number, cap = 0n, agent: Address = f.agent.account.address) {
  return f.ops.write.setAgentStatus([agent, status, cap, REASON], { account: f.operator.account });
}

/** Queues `amount` of the agent's stake and returns when it is ready. */
async function queue(f: SuretyFixture, amount: bigint): Promise<number> {
  await f.surety.write.requestWithdrawal([amount], { account: f.agent.account });
  const account = await f.surety.read.stakeAccount([f.agent.account.address]);
  return account.readyAt;
}

/** Terms with a distinct document hash, so several pacts can coexist. */
async function termsNamed(f: SuretyFixture, name: string, overrides: Partial<Terms> = {}): Promise<Terms> {
  return makeTerms(f, { termsHash: hashOf(name), ...overrides });
}

/**
 * Settlement paths that neither the agent's standing nor the guardian's pause may block. Each `setup` runs before
 * the restriction and returns an `act` that runs under it and asserts the outcome.
 */
type Scenario = { name: string; setup: (f: SuretyFixture) => Promise<() => Promise<void>> };

const deliverScenario: Scenario = {
  name: "Deliver",
  setup: async (f) => {
    const terms = await termsNamed(f, "deliver");
    const pactId = await activePact(f, terms);
    return async () => {
      await f.surety.write.deliverPact([pactId, terms, hashOf("work")], { account: f.agent.account });
      assert.equal(await statusOf(f, pactId), PactStatus.Delivered);
    };
  },
};

const releaseScenario: Scenario = {
  name: "Release",
  setup: async (f) => {
    const terms = await termsNamed(f, "release");
    const pactId = await deliveredPact(f, terms);
    return async () => {
      const before = await f.usdc.read.balanceOf([terms.agent]);
      await f.surety.write.releasePact([pactId, terms], { account: f.buyer.account });
      assert.equal(await statusOf(f, pactId), PactStatus.Released);
      assert.equal(await f.usdc.read.balanceOf([terms.agent]), before + terms.price);
    };
  },
};

const finalizeScenario: Scenario = {
  name: "Finalize",
  setup: async (f) => {
    const terms = await termsNamed(f, "finalize");
    const pactId = await deliveredPact(f, terms);
    const [, deliveredAt] = await f.surety.read.getPact([pactId]);
    return async () => {
      await nextTxAt(f, Math.max(deliveredAt + terms.reviewPeriod + 1, (await now(f)) + 1));
      await f.surety.write.finalizePact([pactId, terms], { account: f.stranger.account });
      assert.equal(await statusOf(f, pactId), PactStatus.Finalized);
    };
  },
};

const disputeScenario: Scenario = {
  name: "Dispute",
  setup: async (f) => {
    const terms = await termsNamed(f, "dispute");
    const pactId = await deliveredPact(f, terms);
    return async () => {
      await f.surety.write.disputePact([pactId, terms, hashOf("why")], { account: f.buyer.account });
      assert.equal(await statusOf(f, pactId), PactStatus.Disputed);
    };
  },
};

const rulingScenario: Scenario = {
  name: "Ruling",
  setup: async (f) => {
    const terms = await termsNamed(f, "ruling");
    const pactId = await disputedPact(f, terms);
    return async () => {
      const [stakedBefore] = await f.surety.read.stakeOf([terms.agent]);
      await f.surety.write.resolveDispute([pactId, terms, 7_000, usd("10"), hashOf("ruling")], {
        account: f.arbiter.account,
      });
      assert.equal(await statusOf(f, pactId), PactStatus.Resolved);
      const [stakedAfter] = await f.surety.read.stakeOf([terms.agent]);
      assert.equal(stakedAfter, stakedBefore - usd("10"));
    };
  },
};

const defaultRulingScenario: Scenario = {
  name: "DefaultRuling",
  setup: async (f) => {
    const terms = await termsNamed(f, "default ruling");
    const pactId = await disputedPact(f, terms);
    const [, disputedAt] = await f.surety.read.getPact([pactId]);
    return async () => {
      await nextTxAt(f, Math.max(disputedAt + terms.rulingPeriod + 1, (await now(f)) + 1));
      await f.surety.write.applyDefaultRuling([pactId, terms], { account: f.stranger.account });
      assert.equal(await statusOf(f, pactId), PactStatus.DefaultRuled);
    };
  },
};

const refundScenario: Scenario = {
  name: "Refund",
  setup: async (f) => {
    const terms = await termsNamed(f, "refund");
    const pactId = await activePact(f, terms);
    return async () => {
      await nextTxAt(f, Math.max(terms.deliverBy + 1, (await now(f)) + 1));
      const before = await f.usdc.read.balanceOf([terms.buyer]);
      await f.surety.write.claimRefund([pactId, terms], { account: f.stranger.account });
      assert.equal(await statusOf(f, pactId), PactStatus.Refunded);
      assert.equal(await f.usdc.read.balanceOf([terms.buyer]), before + terms.price + terms.penalty);
    };
  },
};

const claimPayoutScenario: Scenario = {
  name: "ClaimPayout",
  setup: async (f) => {
    // A payout to a blocked agent is credited; the agent claims it later.
    const token = await f.viem.deployContract("MockBlocklistToken");
    await f.surety.write.registerArbiter([token.address, 0n, CONFIG.maxRulingPeriod], { account: f.arbiter.account });
    await token.write.mint([f.buyer.account.address, usd("1000")]);
    await token.write.approve([f.surety.address, usd("1000")], { account: f.buyer.account });
    const terms = await termsNamed(f, "credit", { token: token.address });
    const pactId = await activePact(f, terms);
    await token.write.setBlocked([terms.agent, true]);
    await f.surety.write.releasePact([pactId, terms], { account: f.buyer.account });
    await token.write.setBlocked([terms.agent, false]);
    assert.equal(await f.surety.read.creditOf([token.address, terms.agent]), terms.price);
    return async () => {
      await f.surety.write.claimPayout([token.address, terms.agent], { account: f.agent.account });
      assert.equal(await f.surety.read.creditOf([token.address, terms.agent]), 0n);
      assert.equal(await token.read.balanceOf([terms.agent]), terms.price);
    };
  },
};

const depositScenario: Scenario = {
  name: "DepositStake",
  setup: async (f) => {
    const [stakedBefore] = await f.surety.read.stakeOf([f.agent.account.address]);
    return async () => {
      await f.surety.write.depositStake([usd("5")], { account: f.agent.account });
      const [stakedAfter] = await f.surety.read.stakeOf([f.agent.account.address]);
      assert.equal(stakedAfter, stakedBefore + usd("5"));
    };
  },
};

const requestWithdrawalScenario: Scenario = {
  name: "RequestWithdrawal",
  setup: async (f) => async () => {
    await f.surety.write.requestWithdrawal([usd("5")], { account: f.agent.account });
    const account = await f.surety.read.stakeAccount([f.agent.account.address]);
    assert.equal(account.queued, usd("5"));
  },
};

const reclaimScenario: Scenario = {
  name: "Reclaim",
  setup: async (f) => {
    const terms = await termsNamed(f, "reclaim");
    const pactId = await createPact(f, terms);
    return async () => {
      await nextTxAt(f, Math.max(terms.acceptBy + 1, (await now(f)) + 1));
      await f.surety.write.reclaimPact([pactId, terms], { account: f.stranger.account });
      assert.equal(await statusOf(f, pactId), PactStatus.Reclaimed);
    };
  },
};

const cancelScenario: Scenario = {
  name: "Cancel",
  setup: async (f) => {
    const terms = await termsNamed(f, "cancel");
    const pactId = await createPact(f, terms);
    return async () => {
      await f.surety.write.cancelPact([pactId, terms], { account: f.buyer.account });
      assert.equal(await statusOf(f, pactId), PactStatus.Cancelled);
    };
  },
};

const abstainScenario: Scenario = {
  name: "Abstain",
  setup: async (f) => {
    const terms = await termsNamed(f, "abstain");
    const pactId = await disputedPact(f, terms);
    return async () => {
      await f.surety.write.abstain([pactId, terms, hashOf("abstain")], { account: f.arbiter.account });
      assert.equal(await statusOf(f, pactId), PactStatus.Abstained);
    };
  },
};

const evidenceScenario: Scenario = {
  name: "SubmitEvidence",
  setup: async (f) => {
    const terms = await termsNamed(f, "evidence");
    const pactId = await disputedPact(f, terms);
    return async () => {
      await f.viem.assertions.emitWithArgs(
        f.surety.write.submitEvidence([pactId, terms, hashOf("proof")], { account: f.agent.account }),
        f.surety,
        "EvidenceSubmitted",
        [pactId, terms.agent, hashOf("proof")],
      );
    };
  },
};

const withdrawScenario: Scenario = {
  name: "Withdrawal",
  setup: async (f) => {
    const readyAt = await queue(f, usd("100"));
    return async () => {
      await nextTxAt(f, Math.max(readyAt, (await now(f)) + 1));
      const before = await f.usdc.read.balanceOf([f.agent.account.address]);
      await f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account });
      assert.equal(await f.usdc.read.balanceOf([f.agent.account.address]), before + usd("100"));
    };
  },
};

describe("Surety admin", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deploySurety);

  describe("ladder", () => {
    it("test_WhenWarned_EmitsWithNoCapAndHasNoEffect", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      const readyAt = await queue(f, usd("100"));

      // A cap passed below Narrowed is dropped.
      await viem.assertions.emitWithArgs(setStatus(f, AgentStatus.Warned, usd("1")), f.surety, "AgentStatusChanged", [
        agent,
        f.operator.account.address,
        AgentStatus.Warned,
        0n,
        0,
        REASON,
      ]);
      assert.deepEqual(await f.surety.read.standingOf([agent]), {
        status: AgentStatus.Warned,
        frozenUntil: 0,
        cap: 0n,
      });

      // Acceptances of any size and withdrawals go through.
      const terms = await makeTerms(f, { collateral: usd("5000"), penalty: usd("10") });
      await activePact(f, terms);
      assert.equal((await f.surety.read.stakeAccount([agent])).locked, usd("5000"));
      await nextTxAt(f, readyAt);
      await viem.assertions.emitWithArgs(
        f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.surety,
        "StakeWithdrawn",
        [agent, agent, usd("100")],
      );
    });

    it("test_GivenNarrowed_WhenAcceptExceedsCap_Reverts", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      const cap = usd("100");
      await viem.assertions.emitWithArgs(setStatus(f, AgentStatus.Narrowed, cap), f.surety, "AgentStatusChanged", [
        agent,
        f.operator.account.address,
        AgentStatus.Narrowed,
        cap,
        0,
        REASON,
      ]);

      const first = await termsNamed(f, "first", { collateral: usd("60"), penalty: usd("10") });
      await activePact(f, first);

      const over = await termsNamed(f, "over", { collateral: usd("50"), penalty: usd("10") });
      const overId = await createPact(f, over);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.acceptPact([overId, over], { account: f.agent.account }),
        f.surety,
        "Surety_ExposureCapExceeded",
        [agent, cap, usd("110")],
      );

      // Exactly up to the cap is fine.
      const fits = await termsNamed(f, "fits", { collateral: usd("40"), penalty: usd("10") });
      const fitsId = await activePact(f, fits);
      assert.equal(await statusOf(f, fitsId), PactStatus.Active);
      assert.equal((await f.surety.read.stakeAccount([agent])).locked, cap);
    });

    it("test_GivenNarrowed_WhenOfferExceedsCap_Reverts", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      await setStatus(f, AgentStatus.Narrowed, usd("49"));
      const offer = await makeOffer(f, { collateral: usd("50") });
      const signature = await signOffer(f, offer);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account }),
        f.surety,
        "Surety_ExposureCapExceeded",
        [agent, usd("49"), usd("50")],
      );
    });

    it("test_GivenNarrowed_WhenWithdrawing_NotFrozen", async () => {
      const f = await load();
      const readyAt = await queue(f, usd("100"));
      await setStatus(f, AgentStatus.Narrowed, usd("1"));
      assert.equal((await f.surety.read.standingOf([f.agent.account.address])).frozenUntil, 0);
      await nextTxAt(f, readyAt);
      await viem.assertions.emitWithArgs(
        f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.surety,
        "StakeWithdrawn",
        [f.agent.account.address, f.agent.account.address, usd("100")],
      );
    });

    it("test_GivenUnderReview_FreezesWithdrawalsButAllowsAcceptanceWithinCap", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      const readyAt = await queue(f, usd("100"));
      const cap = usd("80");
      const t = (await now(f)) + 5;

      await nextTxAt(f, t);
      await viem.assertions.emitWithArgs(setStatus(f, AgentStatus.UnderReview, cap), f.surety, "AgentStatusChanged", [
        agent,
        f.operator.account.address,
        AgentStatus.UnderReview,
        cap,
        t + MAX_FREEZE,
        REASON,
      ]);

      const within = await termsNamed(f, "within", { collateral: usd("80"), penalty: usd("10") });
      const withinId = await activePact(f, within);
      assert.equal(await statusOf(f, withinId), PactStatus.Active);

      const beyond = await termsNamed(f, "beyond", { collateral: 1n, penalty: 0n });
      const beyondId = await createPact(f, beyond);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.acceptPact([beyondId, beyond], { account: f.agent.account }),
        f.surety,
        "Surety_ExposureCapExceeded",
        [agent, cap, cap + 1n],
      );

      await nextTxAt(f, readyAt);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.surety,
        "Surety_StakeFrozen",
        [agent, BigInt(t + MAX_FREEZE)],
      );
    });

    it("test_GivenPaused_WhenAccepting_RevertsAgentPaused", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      const terms = await makeTerms(f, { collateral: usd("1"), penalty: 0n });
      const pactId = await createPact(f, terms);
      const t = (await now(f)) + 5;

      await nextTxAt(f, t);
      await viem.assertions.emitWithArgs(
        setStatus(f, AgentStatus.Paused, usd("1000")),
        f.surety,
        "AgentStatusChanged",
        [agent, f.operator.account.address, AgentStatus.Paused, usd("1000"), t + MAX_FREEZE, REASON],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.acceptPact([pactId, terms], { account: f.agent.account }),
        f.surety,
        "Surety_AgentPaused",
        [agent],
      );

      const offer = await makeOffer(f, { collateral: 0n, penalty: 0n });
      const signature = await signOffer(f, offer);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account }),
        f.surety,
        "Surety_AgentPaused",
        [agent],
      );
    });

    it("test_GivenUnderReview_WhenFreezeLapsed_AllowsWithdrawal", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      await queue(f, usd("100"));
      const t = (await now(f)) + 5;
      await nextTxAt(f, t);
      await setStatus(f, AgentStatus.UnderReview, usd("100"));
      const frozenUntil = t + MAX_FREEZE;

      await nextTxAt(f, frozenUntil - 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.surety,
        "Surety_StakeFrozen",
        [agent, BigInt(frozenUntil)],
      );
      await nextTxAt(f, frozenUntil);
      await viem.assertions.emitWithArgs(
        f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.surety,
        "StakeWithdrawn",
        [agent, agent, usd("100")],
      );
      // The status itself stays UnderReview: only the freeze lapsed.
      assert.equal((await f.surety.read.standingOf([agent])).status, AgentStatus.UnderReview);
    });

    it("test_GivenFreezeRunning_WhenUnderReviewAgain_DoesNotExtend", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      const t = (await now(f)) + 5;
      await nextTxAt(f, t);
      await setStatus(f, AgentStatus.UnderReview, usd("100"));

      await nextTxAt(f, t + 10 * 86_400);
      await viem.assertions.emitWithArgs(
        setStatus(f, AgentStatus.UnderReview, usd("100")),
        f.surety,
        "AgentStatusChanged",
        [agent, f.operator.account.address, AgentStatus.UnderReview, usd("100"), t + MAX_FREEZE, REASON],
      );
    });

    it("test_GivenFreezeLapsed_WhenUnderReviewWithinUnbondingDelay_DoesNotRefreeze", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      await queue(f, usd("100"));
      const t = (await now(f)) + 5;
      await nextTxAt(f, t);
      await setStatus(f, AgentStatus.UnderReview, usd("100"));
      const lapse = t + MAX_FREEZE;

      // Right at the lapse and one second before the cool-down ends, the old, past frozenUntil is kept.
      for (const at of [lapse, lapse + UNBONDING - 1]) {
        await nextTxAt(f, at);
        await viem.assertions.emitWithArgs(
          setStatus(f, AgentStatus.UnderReview, usd("100")),
          f.surety,
          "AgentStatusChanged",
          [agent, f.operator.account.address, AgentStatus.UnderReview, usd("100"), lapse, REASON],
        );
      }
      const standing = await f.surety.read.standingOf([agent]);
      assert.equal(standing.frozenUntil, lapse);
      assert.ok(standing.frozenUntil <= (await now(f)));

      await viem.assertions.emitWithArgs(
        f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.surety,
        "StakeWithdrawn",
        [agent, agent, usd("100")],
      );
    });

    it("test_GivenFreeForUnbondingDelay_WhenUnderReviewAgain_StartsNewFreeze", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      const t = (await now(f)) + 5;
      await nextTxAt(f, t);
      await setStatus(f, AgentStatus.UnderReview, usd("100"));
      const lapse = t + MAX_FREEZE;

      const again = lapse + UNBONDING;
      await nextTxAt(f, again);
      await viem.assertions.emitWithArgs(
        setStatus(f, AgentStatus.UnderReview, usd("100")),
        f.surety,
        "AgentStatusChanged",
        [agent, f.operator.account.address, AgentStatus.UnderReview, usd("100"), again + MAX_FREEZE, REASON],
      );

      await queue(f, usd("100"));
      await nextTxAt(f, again + MAX_FREEZE - 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.surety,
        "Surety_StakeFrozen",
        [agent, BigInt(again + MAX_FREEZE)],
      );
    });

    it("test_GivenUnderReview_WhenPaused_KeepsFrozenUntil", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      const t = (await now(f)) + 5;
      await nextTxAt(f, t);
      await setStatus(f, AgentStatus.UnderReview, usd("100"));

      await nextTxAt(f, t + 86_400);
      await viem.assertions.emitWithArgs(setStatus(f, AgentStatus.Paused, usd("100")), f.surety, "AgentStatusChanged", [
        agent,
        f.operator.account.address,
        AgentStatus.Paused,
        usd("100"),
        t + MAX_FREEZE,
        REASON,
      ]);
      assert.deepEqual(await f.surety.read.standingOf([agent]), {
        status: AgentStatus.Paused,
        frozenUntil: t + MAX_FREEZE,
        cap: usd("100"),
      });
    });

    it("test_GivenFreezeRunning_WhenSteppedDownToNarrowed_EndsFreeze", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      await queue(f, usd("100"));
      const t = (await now(f)) + 5;
      await nextTxAt(f, t);
      await setStatus(f, AgentStatus.UnderReview, usd("100"));

      const down = t + UNBONDING;
      await nextTxAt(f, down);
      await viem.assertions.emitWithArgs(
        setStatus(f, AgentStatus.Narrowed, usd("100")),
        f.surety,
        "AgentStatusChanged",
        [agent, f.operator.account.address, AgentStatus.Narrowed, usd("100"), down, REASON],
      );
      await viem.assertions.emitWithArgs(
        f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.surety,
        "StakeWithdrawn",
        [agent, agent, usd("100")],
      );
    });

    it("test_WhenRecertified_ReturnsGoodAndEndsFreeze", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      const readyAt = await queue(f, usd("100"));
      await setStatus(f, AgentStatus.UnderReview, usd("10"));

      const at = readyAt + 60;
      await nextTxAt(f, at);
      await viem.assertions.emitWithArgs(
        f.ops.write.recertify([agent, hashOf("cleared")], { account: f.operator.account }),
        f.surety,
        "AgentStatusChanged",
        [agent, f.operator.account.address, AgentStatus.Good, 0n, at, hashOf("cleared")],
      );
      assert.deepEqual(await f.surety.read.standingOf([agent]), { status: AgentStatus.Good, frozenUntil: at, cap: 0n });

      await viem.assertions.emitWithArgs(
        f.surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.surety,
        "StakeWithdrawn",
        [agent, agent, usd("100")],
      );
      // The cap no longer applies.
      const big = await makeTerms(f, { collateral: usd("1000"), penalty: 0n });
      await activePact(f, big);
      assert.equal((await f.surety.read.stakeAccount([agent])).locked, usd("1000"));
    });

    it("test_GivenNoFreeze_WhenRecertified_KeepsPastFrozenUntil", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      await setStatus(f, AgentStatus.Narrowed, usd("10"));
      await viem.assertions.emitWithArgs(
        f.ops.write.recertify([agent, REASON], { account: f.operator.account }),
        f.surety,
        "AgentStatusChanged",
        [agent, f.operator.account.address, AgentStatus.Good, 0n, 0, REASON],
      );
    });

    it("test_RevertWhen_StatusGood", async () => {
      const f = await load();
      await viem.assertions.revertWithCustomErrorWithArgs(
        setStatus(f, AgentStatus.Good),
        f.surety,
        "Surety_InvalidAgentStatus",
        [AgentStatus.Good],
      );
    });

    it("test_RevertWhen_AgentZero", async () => {
      const f = await load();
      for (const status of [AgentStatus.Warned, AgentStatus.Paused]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          setStatus(f, status, 0n, zeroAddress),
          f.surety,
          "Surety_ZeroAgent",
          [],
        );
      }
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.ops.write.recertify([zeroAddress, REASON], { account: f.operator.account }),
        f.surety,
        "Surety_ZeroAgent",
        [],
      );
    });

    it("test_RevertWhen_CapAboveUint128", async () => {
      const f = await load();
      const cap = 2n ** 128n;
      await viem.assertions.revertWithCustomErrorWithArgs(
        setStatus(f, AgentStatus.Narrowed, cap),
        f.surety,
        "SafeCastOverflowedUintDowncast",
        [128, cap],
      );
      // Below Narrowed the cap is ignored, so any value is accepted.
      await setStatus(f, AgentStatus.Warned, cap);
      assert.equal((await f.surety.read.standingOf([f.agent.account.address])).cap, 0n);
    });

    it("test_WhenOperatorActs_NoTokenBalanceChanges", async () => {
      const f = await load();
      const agent = f.agent.account.address;
      const terms = await makeTerms(f, { collateral: usd("300"), penalty: usd("100") });
      await activePact(f, terms);
      await queue(f, usd("1000"));

      const snapshot = async () => ({
        surety: await f.usdc.read.balanceOf([f.surety.address]),
        agent: await f.usdc.read.balanceOf([agent]),
        suretyDai: await f.dai.read.balanceOf([f.surety.address]),
        suretyEth: await f.publicClient.getBalance({ address: f.surety.address }),
        stake: await f.surety.read.stakeAccount([agent]),
      });
      const before = await snapshot();

      const hashes: Hash[] = [];
      for (const status of [AgentStatus.Warned, AgentStatus.Narrowed, AgentStatus.UnderReview, AgentStatus.Paused]) {
        hashes.push(await setStatus(f, status, usd("1")));
      }
      hashes.push(await f.ops.write.recertify([agent, REASON], { account: f.operator.account }));

      assert.deepEqual(await snapshot(), before);
      for (const hash of hashes) {
        const receipt = await f.publicClient.getTransactionReceipt({ hash });
        assert.equal(receipt.logs.length, 1, "only AgentStatusChanged, no Transfer");
        assert.equal(receipt.logs[0].address.toLowerCase(), f.surety.address.toLowerCase());
      }
    });
  });

  describe("agent paused", () => {
    const scenarios = [
      deliverScenario,
      releaseScenario,
      finalizeScenario,
      disputeScenario,
      rulingScenario,
      abstainScenario,
      defaultRulingScenario,
      refundScenario,
      evidenceScenario,
      claimPayoutScenario,
      depositScenario,
      requestWithdrawalScenario,
    ];
    for (const scenario of scenarios) {
      it(`test_GivenAgentPaused_When${scenario.name}_Succeeds`, async () => {
        const f = await load();
        const act = await scenario.setup(f);
        await setStatus(f, AgentStatus.Paused, 0n);
        assert.equal((await f.surety.read.standingOf([f.agent.account.address])).status, AgentStatus.Paused);
        await act();
      });
    }
  });

  describe("access control", () => {
    it("test_RevertWhen_CallerNotOperator", async () => {
      const f = await load();
      const role = await f.surety.read.OPERATOR_ROLE();
      const agent = f.agent.account.address;
      for (const caller of [f.admin, f.guardian, f.agent, f.buyer, f.stranger]) {
        const who = caller.account.address;
        for (const status of [AgentStatus.Warned, AgentStatus.Narrowed, AgentStatus.UnderReview, AgentStatus.Paused]) {
          await viem.assertions.revertWithCustomErrorWithArgs(
            f.ops.write.setAgentStatus([agent, status, 0n, REASON], { account: caller.account }),
            f.surety,
            "AccessControlUnauthorizedAccount",
            [who, role],
          );
        }
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.ops.write.recertify([agent, REASON], { account: caller.account }),
          f.surety,
          "AccessControlUnauthorizedAccount",
          [who, role],
        );
      }
      assert.equal((await f.surety.read.standingOf([agent])).status, AgentStatus.Good);
    });

    it("test_RevertWhen_CallerNotGuardian", async () => {
      const f = await load();
      const role = await f.surety.read.GUARDIAN_ROLE();
      for (const caller of [f.admin, f.operator, f.stranger]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.surety.write.pause({ account: caller.account }),
          f.surety,
          "AccessControlUnauthorizedAccount",
          [caller.account.address, role],
        );
      }
      await f.surety.write.pause({ account: f.guardian.account });
      for (const caller of [f.admin, f.operator, f.stranger]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.surety.write.unpause({ account: caller.account }),
          f.surety,
          "AccessControlUnauthorizedAccount",
          [caller.account.address, role],
        );
      }
      assert.equal(await f.surety.read.paused(), true);
    });

    it("test_WhenGuardianPausesAndUnpauses_EmitsAndToggles", async () => {
      const f = await load();
      const guardian = f.guardian.account.address;
      await viem.assertions.emitWithArgs(f.surety.write.pause({ account: f.guardian.account }), f.surety, "Paused", [
        guardian,
      ]);
      assert.equal(await f.surety.read.paused(), true);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.pause({ account: f.guardian.account }),
        f.surety,
        "EnforcedPause",
        [],
      );
      await viem.assertions.emitWithArgs(
        f.surety.write.unpause({ account: f.guardian.account }),
        f.surety,
        "Unpaused",
        [guardian],
      );
      assert.equal(await f.surety.read.paused(), false);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.unpause({ account: f.guardian.account }),
        f.surety,
        "ExpectedPause",
        [],
      );

      // Creation works again after unpausing.
      const terms = await makeTerms(f);
      const pactId = await activePact(f, terms);
      assert.equal(await statusOf(f, pactId), PactStatus.Active);
    });

    it("test_GivenGuardianPaused_WhenCreatingOrAccepting_RevertsEnforcedPause", async () => {
      const f = await load();
      const open = await termsNamed(f, "open before pause");
      const openId = await createPact(f, open);
      await f.surety.write.pause({ account: f.guardian.account });

      const terms = await makeTerms(f);
      const offer = await makeOffer(f);
      const signature = await signOffer(f, offer);
      const buyer = f.buyer.account;
      const attempts: Promise<Hex>[] = [
        f.surety.write.createPact([terms], { account: buyer }),
        f.surety.write.createPactWithPermit([terms, NO_PERMIT], { account: buyer }),
        f.surety.write.createPactFromOffer([offer, signature], { account: buyer }),
        f.surety.write.createPactFromOfferWithPermit([offer, signature, NO_PERMIT], { account: buyer }),
        f.surety.write.acceptPact([openId, open], { account: f.agent.account }),
      ];
      for (const attempt of attempts) {
        await viem.assertions.revertWithCustomErrorWithArgs(attempt, f.surety, "EnforcedPause", []);
      }
      assert.equal(await statusOf(f, openId), PactStatus.Open);
      assert.equal(await f.surety.read.nextPactId(), openId + 1n);
      assert.equal(await f.surety.read.isNonceUsed([f.agent.account.address, offer.nonce]), false);
    });

    const guardianScenarios = [
      deliverScenario,
      releaseScenario,
      finalizeScenario,
      refundScenario,
      reclaimScenario,
      cancelScenario,
      disputeScenario,
      rulingScenario,
      abstainScenario,
      defaultRulingScenario,
      evidenceScenario,
      claimPayoutScenario,
      depositScenario,
      withdrawScenario,
    ];
    for (const scenario of guardianScenarios) {
      it(`test_GivenGuardianPaused_When${scenario.name}_Succeeds`, async () => {
        const f = await load();
        const act = await scenario.setup(f);
        await f.surety.write.pause({ account: f.guardian.account });
        assert.equal(await f.surety.read.paused(), true);
        await act();
      });
    }
  });

  describe("admin", () => {
    it("test_RevertWhen_GrantRoleCallerNotAdmin", async () => {
      const f = await load();
      const adminRole = await f.surety.read.DEFAULT_ADMIN_ROLE();
      const operatorRole = await f.surety.read.OPERATOR_ROLE();
      const guardianRole = await f.surety.read.GUARDIAN_ROLE();
      assert.equal(adminRole, zeroHash);
      for (const caller of [f.operator, f.guardian, f.stranger]) {
        for (const role of [operatorRole, guardianRole]) {
          await viem.assertions.revertWithCustomErrorWithArgs(
            f.surety.write.grantRole([role, f.stranger.account.address], { account: caller.account }),
            f.surety,
            "AccessControlUnauthorizedAccount",
            [caller.account.address, adminRole],
          );
        }
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.surety.write.revokeRole([operatorRole, f.operator.account.address], { account: caller.account }),
          f.surety,
          "AccessControlUnauthorizedAccount",
          [caller.account.address, adminRole],
        );
      }
      assert.equal(await f.surety.read.hasRole([operatorRole, f.stranger.account.address]), false);
    });

    it("test_WhenAdminGrantsAndRevokes_RoleFollows", async () => {
      const f = await load();
      const role = await f.surety.read.OPERATOR_ROLE();
      const stranger = f.stranger.account.address;
      await viem.assertions.emitWithArgs(
        f.surety.write.grantRole([role, stranger], { account: f.admin.account }),
        f.surety,
        "RoleGranted",
        [role, stranger, f.admin.account.address],
      );
      await f.ops.write.setAgentStatus([f.agent.account.address, AgentStatus.Warned, 0n, REASON], {
        account: f.stranger.account,
      });

      await viem.assertions.emitWithArgs(
        f.surety.write.revokeRole([role, stranger], { account: f.admin.account }),
        f.surety,
        "RoleRevoked",
        [role, stranger, f.admin.account.address],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.ops.write.recertify([f.agent.account.address, REASON], { account: f.stranger.account }),
        f.surety,
        "AccessControlUnauthorizedAccount",
        [stranger, role],
      );
    });

    it("test_RevertWhen_GrantingDefaultAdminRoleDirectly", async () => {
      const f = await load();
      const adminRole = await f.surety.read.DEFAULT_ADMIN_ROLE();
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.grantRole([adminRole, f.stranger.account.address], { account: f.admin.account }),
        f.surety,
        "AccessControlEnforcedDefaultAdminRules",
        [],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.revokeRole([adminRole, f.admin.account.address], { account: f.admin.account }),
        f.surety,
        "AccessControlEnforcedDefaultAdminRules",
        [],
      );
      assert.equal(await f.surety.read.hasRole([adminRole, f.stranger.account.address]), false);
      assert.equal((await f.surety.read.defaultAdmin()).toLowerCase(), f.admin.account.address.toLowerCase());
    });

    it("test_WhenAdminTransferBegun_AcceptOnlyAfterDelay", async () => {
      const f = await load();
      const adminRole = await f.surety.read.DEFAULT_ADMIN_ROLE();
      const operatorRole = await f.surety.read.OPERATOR_ROLE();
      const newAdmin = f.stranger.account.address;
      assert.equal(await f.surety.read.defaultAdminDelay(), ADMIN_DELAY);

      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.beginDefaultAdminTransfer([newAdmin], { account: f.stranger.account }),
        f.surety,
        "AccessControlUnauthorizedAccount",
        [newAdmin, adminRole],
      );

      const t = (await now(f)) + 5;
      const schedule = t + ADMIN_DELAY;
      await nextTxAt(f, t);
      await viem.assertions.emitWithArgs(
        f.surety.write.beginDefaultAdminTransfer([newAdmin], { account: f.admin.account }),
        f.surety,
        "DefaultAdminTransferScheduled",
        [newAdmin, schedule],
      );
      const [pending, pendingSchedule] = await f.surety.read.pendingDefaultAdmin();
      assert.equal(pending.toLowerCase(), newAdmin.toLowerCase());
      assert.equal(pendingSchedule, schedule);

      // Only the pending admin may accept, and only once the schedule has passed.
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.acceptDefaultAdminTransfer({ account: f.operator.account }),
        f.surety,
        "AccessControlInvalidDefaultAdmin",
        [f.operator.account.address],
      );
      for (const at of [t + 1, schedule]) {
        await nextTxAt(f, at);
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.surety.write.acceptDefaultAdminTransfer({ account: f.stranger.account }),
          f.surety,
          "AccessControlEnforcedDefaultAdminDelay",
          [schedule],
        );
      }
      await nextTxAt(f, schedule + 1);
      await f.surety.write.acceptDefaultAdminTransfer({ account: f.stranger.account });

      assert.equal((await f.surety.read.defaultAdmin()).toLowerCase(), newAdmin.toLowerCase());
      assert.equal(await f.surety.read.hasRole([adminRole, f.admin.account.address]), false);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.grantRole([operatorRole, f.buyer.account.address], { account: f.admin.account }),
        f.surety,
        "AccessControlUnauthorizedAccount",
        [f.admin.account.address, adminRole],
      );
      await f.surety.write.grantRole([operatorRole, f.buyer.account.address], { account: f.stranger.account });
      assert.equal(await f.surety.read.hasRole([operatorRole, f.buyer.account.address]), true);
    });
  });

  describe("constructor", () => {
    const deploy = (f: SuretyFixture, overrides: Record<string, unknown>, admin: Address = f.admin.account.address) =>
      viem.deployContract("Surety", [
        { stakeToken: f.usdc.address, ...CONFIG, ...overrides },
        admin,
        ADMIN_DELAY,
        zeroAddress,
        zeroAddress,
      ]);

    it("test_RevertWhen_StakeTokenNotContract", async () => {
      const f = await load();
      for (const token of [zeroAddress, f.stranger.account.address]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          deploy(f, { stakeToken: token }),
          f.surety,
          "Surety_InvalidStakeToken",
          [token],
        );
      }
    });

    it("test_RevertWhen_UnbondingDelayTooShort", async () => {
      const f = await load();
      await viem.assertions.revertWithCustomErrorWithArgs(
        deploy(f, { unbondingDelay: 86_400 - 1 }),
        f.surety,
        "Surety_UnbondingDelayOutOfBounds",
        [86_399, 86_400, YEAR],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        deploy(f, { unbondingDelay: 0 }),
        f.surety,
        "Surety_UnbondingDelayOutOfBounds",
        [0, 86_400, YEAR],
      );
    });

    it("test_RevertWhen_ReviewPeriodBoundsInvalid", async () => {
      const f = await load();
      await viem.assertions.revertWithCustomErrorWithArgs(
        deploy(f, { minReviewPeriod: 0 }),
        f.surety,
        "Surety_InvalidPeriodBounds",
        [0, CONFIG.maxReviewPeriod, YEAR],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        deploy(f, { minReviewPeriod: 7_201, maxReviewPeriod: 7_200 }),
        f.surety,
        "Surety_InvalidPeriodBounds",
        [7_201, 7_200, YEAR],
      );
    });

    it("test_RevertWhen_RulingPeriodBoundsInvalid", async () => {
      const f = await load();
      await viem.assertions.revertWithCustomErrorWithArgs(
        deploy(f, { minRulingPeriod: 0 }),
        f.surety,
        "Surety_InvalidPeriodBounds",
        [0, CONFIG.maxRulingPeriod, YEAR],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        deploy(f, { minRulingPeriod: CONFIG.maxRulingPeriod + 1 }),
        f.surety,
        "Surety_InvalidPeriodBounds",
        [CONFIG.maxRulingPeriod + 1, CONFIG.maxRulingPeriod, YEAR],
      );
    });

    it("test_RevertWhen_PayoutGasOutOfBounds", async () => {
      const f = await load();
      for (const payoutGas of [29_999, 1_000_001]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          deploy(f, { payoutGas }),
          f.surety,
          "Surety_PayoutGasOutOfBounds",
          [payoutGas, 30_000, 1_000_000],
        );
      }
    });

    it("test_RevertWhen_DelaysOrPeriodsAboveAYear", async () => {
      const f = await load();
      await viem.assertions.revertWithCustomErrorWithArgs(
        deploy(f, { unbondingDelay: YEAR + 1 }),
        f.surety,
        "Surety_UnbondingDelayOutOfBounds",
        [YEAR + 1, 86_400, YEAR],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        deploy(f, { maxReviewPeriod: YEAR + 1 }),
        f.surety,
        "Surety_InvalidPeriodBounds",
        [CONFIG.minReviewPeriod, YEAR + 1, YEAR],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        deploy(f, { maxRulingPeriod: YEAR + 1 }),
        f.surety,
        "Surety_InvalidPeriodBounds",
        [CONFIG.minRulingPeriod, YEAR + 1, YEAR],
      );
      const atLimit = await deploy(f, {
        unbondingDelay: YEAR,
        maxReviewPeriod: YEAR,
        maxRulingPeriod: YEAR,
        maxRulingHold: YEAR,
      });
      assert.equal((await atLimit.read.config()).maxRulingPeriod, YEAR);
    });

    it("test_RevertWhen_RulingHoldBelowTheLongestRulingPeriodOrAboveAYear", async () => {
      const f = await load();
      for (const maxRulingHold of [CONFIG.maxRulingPeriod - 1, YEAR + 1, 0]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          deploy(f, { maxRulingHold }),
          f.surety,
          "Surety_RulingHoldOutOfBounds",
          [maxRulingHold, CONFIG.maxRulingPeriod, YEAR],
        );
      }
      // The bound follows the deployment's longest ruling period, not a constant.
      await viem.assertions.revertWithCustomErrorWithArgs(
        deploy(f, { maxRulingPeriod: 90 * 86_400, maxRulingHold: 90 * 86_400 - 1 }),
        f.surety,
        "Surety_RulingHoldOutOfBounds",
        [90 * 86_400 - 1, 90 * 86_400, YEAR],
      );
      for (const maxRulingHold of [CONFIG.maxRulingPeriod, YEAR]) {
        const surety = await deploy(f, { maxRulingHold });
        assert.equal((await surety.read.config()).maxRulingHold, maxRulingHold);
      }
    });

    it("test_RevertWhen_AdminDelayZero", async () => {
      const f = await load();
      await viem.assertions.revertWithCustomErrorWithArgs(
        viem.deployContract("Surety", [
          { stakeToken: f.usdc.address, ...CONFIG },
          f.admin.account.address,
          0,
          zeroAddress,
          zeroAddress,
        ]),
        f.surety,
        "Surety_ZeroAdminDelay",
        [],
      );
    });

    it("test_RevertWhen_AdminZero", async () => {
      const f = await load();
      await viem.assertions.revertWithCustomErrorWithArgs(
        deploy(f, {}, zeroAddress),
        f.surety,
        "AccessControlInvalidDefaultAdmin",
        [zeroAddress],
      );
    });

    it("test_RevertWhen_MaxFreezeZeroOrAboveNinetyDays", async () => {
      const f = await load();
      for (const maxFreeze of [0, 90 * 86_400 + 1]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          deploy(f, { maxFreeze }),
          f.surety,
          "Surety_InvalidMaxFreeze",
          [maxFreeze, 90 * 86_400],
        );
      }
      const surety = await deploy(f, { maxFreeze: 90 * 86_400 });
      assert.equal((await surety.read.config()).maxFreeze, 90 * 86_400);
    });

    it("test_WhenOperatorAndGuardianGiven_GrantsTheirRoles", async () => {
      const f = await load();
      const surety = await viem.deployContract("Surety", [
        { stakeToken: f.usdc.address, ...CONFIG },
        f.admin.account.address,
        ADMIN_DELAY,
        f.operator.account.address,
        f.guardian.account.address,
      ]);
      const [operatorRole, guardianRole] = [await surety.read.OPERATOR_ROLE(), await surety.read.GUARDIAN_ROLE()];
      assert.equal(await surety.read.hasRole([operatorRole, f.operator.account.address]), true);
      assert.equal(await surety.read.hasRole([guardianRole, f.guardian.account.address]), true);
      assert.equal(await surety.read.hasRole([operatorRole, f.admin.account.address]), false);
      // Address zero for either role grants nothing.
      const bare = await deploy(f, {});
      assert.equal(await bare.read.hasRole([operatorRole, zeroAddress]), false);
      assert.equal(await bare.read.hasRole([guardianRole, zeroAddress]), false);
    });

    it("test_WhenConfigAtBounds_Deploys", async () => {
      const f = await load();
      const cfg = {
        stakeToken: f.dai.address,
        unbondingDelay: 86_400,
        maxFreeze: 1,
        minReviewPeriod: 1,
        maxReviewPeriod: 1,
        minRulingPeriod: 5,
        maxRulingPeriod: 5,
        payoutGas: 30_000,
        maxRulingHold: 5,
      };
      const surety = await viem.deployContract("Surety", [
        cfg,
        f.stranger.account.address,
        1,
        zeroAddress,
        zeroAddress,
      ]);
      const read = await surety.read.config();
      assert.equal(read.stakeToken.toLowerCase(), cfg.stakeToken.toLowerCase());
      assert.deepEqual({ ...read, stakeToken: cfg.stakeToken }, cfg);
      assert.equal((await surety.read.defaultAdmin()).toLowerCase(), f.stranger.account.address.toLowerCase());
      assert.equal(await surety.read.defaultAdminDelay(), 1);
    });

    it("test_WhenDeployed_ConfigReturnsDeployedValues", async () => {
      const f = await load();
      const read = await f.surety.read.config();
      assert.equal(read.stakeToken.toLowerCase(), f.usdc.address.toLowerCase());
      assert.deepEqual({ ...read, stakeToken: f.usdc.address }, { stakeToken: f.usdc.address, ...CONFIG });
      assert.equal((await f.surety.read.defaultAdmin()).toLowerCase(), f.admin.account.address.toLowerCase());
      assert.equal(await f.surety.read.paused(), false);
      assert.equal(await f.surety.read.nextPactId(), 1n);
    });
  });

  describe("arbiters", () => {
    it("test_WhenRegistering_EmitsAndStoresTerms", async () => {
      const f = await load();
      const who: Wallet = f.stranger;
      const arbiter = who.account.address;
      await viem.assertions.emitWithArgs(
        f.surety.write.registerArbiter([f.usdc.address, usd("3"), 10 * 86_400], { account: who.account }),
        f.surety,
        "ArbiterRegistered",
        [arbiter, f.usdc.address, usd("3"), 10 * 86_400],
      );
      assert.deepEqual(await f.surety.read.arbiterTerms([arbiter, f.usdc.address]), {
        registered: true,
        maxRulingPeriod: 10 * 86_400,
        minFee: usd("3"),
      });
      // Other tokens are separate.
      assert.equal((await f.surety.read.arbiterTerms([arbiter, f.dai.address])).registered, false);

      // Registering again updates the terms; exactly the minimum ruling period is allowed.
      await viem.assertions.emitWithArgs(
        f.surety.write.registerArbiter([f.usdc.address, 0n, CONFIG.minRulingPeriod], { account: who.account }),
        f.surety,
        "ArbiterRegistered",
        [arbiter, f.usdc.address, 0n, CONFIG.minRulingPeriod],
      );
      assert.deepEqual(await f.surety.read.arbiterTerms([arbiter, f.usdc.address]), {
        registered: true,
        maxRulingPeriod: CONFIG.minRulingPeriod,
        minFee: 0n,
      });
    });

    it("test_RevertWhen_MaxRulingPeriodBelowMinimum", async () => {
      const f = await load();
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.registerArbiter([f.usdc.address, 0n, CONFIG.minRulingPeriod - 1], {
          account: f.stranger.account,
        }),
        f.surety,
        "Surety_RulingPeriodOutOfBounds",
        [CONFIG.minRulingPeriod - 1, CONFIG.minRulingPeriod, 2 ** 32 - 1],
      );
      assert.equal((await f.surety.read.arbiterTerms([f.stranger.account.address, f.usdc.address])).registered, false);
    });

    it("test_WhenDeregistering_EmitsAndClearsTerms", async () => {
      const f = await load();
      const arbiter = f.arbiter.account.address;
      const terms = await makeTerms(f);
      const pactId = await disputedPact(f, terms);

      await viem.assertions.emitWithArgs(
        f.surety.write.deregisterArbiter([f.usdc.address], { account: f.arbiter.account }),
        f.surety,
        "ArbiterDeregistered",
        [arbiter, f.usdc.address],
      );
      assert.deepEqual(await f.surety.read.arbiterTerms([arbiter, f.usdc.address]), {
        registered: false,
        maxRulingPeriod: 0,
        minFee: 0n,
      });

      // New pacts cannot name it for that token...
      const fresh = await termsNamed(f, "after deregistration");
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPact([fresh], { account: f.buyer.account }),
        f.surety,
        "Surety_ArbiterNotRegistered",
        [arbiter, f.usdc.address],
      );
      // ...but a pact already naming it can still be ruled.
      await f.surety.write.resolveDispute([pactId, terms, 5_000, 0n, hashOf("ruling")], {
        account: f.arbiter.account,
      });
      assert.equal(await statusOf(f, pactId), PactStatus.Resolved);
    });

    it("test_RevertWhen_DeregisteringUnregistered", async () => {
      const f = await load();
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.deregisterArbiter([f.usdc.address], { account: f.stranger.account }),
        f.surety,
        "Surety_ArbiterNotRegistered",
        [f.stranger.account.address, f.usdc.address],
      );
      await f.surety.write.deregisterArbiter([f.usdc.address], { account: f.arbiter.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.deregisterArbiter([f.usdc.address], { account: f.arbiter.account }),
        f.surety,
        "Surety_ArbiterNotRegistered",
        [f.arbiter.account.address, f.usdc.address],
      );
    });
  });
});
