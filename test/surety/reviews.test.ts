import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import {
  getAddress,
  getContractAddress,
  parseEventLogs,
  zeroAddress,
  zeroHash,
  type Address,
  type Hash,
  type Hex,
} from "viem";

import {
  AgentStatus,
  PactStatus,
  deploySurety,
  hashOf,
  makeTerms,
  usd,
  type SuretyFixture,
} from "../helpers/fixture.ts";
import { reach } from "../helpers/pacts.ts";

/** The contract's ReviewDecision and ExceptionKind, in order. */
const Decision = { Keep: 0, Warn: 1, Narrow: 2, Review: 3, Pause: 4, Recertify: 5 } as const;
const Kind = { Exception: 0, Rescue: 1 } as const;
const EVIDENCE = hashOf("week 49 evidence");
const NOTE = hashOf("a human finished the delivery");

type Review = { agent: Address; decision: number; cap: bigint; evidenceHash: Hex };

/** Reviews sorted by agent address, as the contract requires. */
const ascending = (reviews: Review[]): Review[] =>
  [...reviews].sort((a, b) => (BigInt(a.agent) < BigInt(b.agent) ? -1 : 1));

const review = (agent: Address, decision: number, cap = 0n, evidenceHash: Hex = EVIDENCE): Review => ({
  agent,
  decision,
  cap,
  evidenceHash,
});

/** Three distinct agents of the fixture, ascending. */
function agentsOf(f: SuretyFixture): Address[] {
  return [f.agent, f.agent2, f.stranger]
    .map((w) => getAddress(w.account.address))
    .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
}

async function record(f: SuretyFixture, reviews: Review[], account = f.operator.account): Promise<Hash> {
  return f.ops.write.recordReviews([reviews], { account });
}

async function logsOf(f: SuretyFixture, hash: Hash) {
  const receipt = await f.publicClient.getTransactionReceipt({ hash });
  assert.equal(receipt.status, "success");
  const eventName = ["AgentStatusChanged", "AgentReviewed"] as const;
  const logs = parseEventLogs({ abi: f.surety.abi, logs: receipt.logs, eventName: [...eventName] });
  // A review emits nothing else.
  assert.equal(logs.length, receipt.logs.length, "a review emits only ladder and review events");
  return { receipt, logs };
}

async function standing(f: SuretyFixture, agent: Address) {
  const { status, cap, frozenUntil } = await f.surety.read.standingOf([agent]);
  return { status, cap, frozenUntil };
}

describe("SuretyOperator", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deploySurety);
  const expectError = viem.assertions.revertWithCustomErrorWithArgs;

  describe("recordReviews", () => {
    it("test_WhenOperatorRecordsABatch_AppliesEachDecisionInOneTransaction", async () => {
      const f = await load();
      const [a, b, c] = agentsOf(f);
      await f.ops.write.setAgentStatus([c, AgentStatus.Narrowed, usd("100"), hashOf("earlier")], {
        account: f.operator.account,
      });

      const hash = await record(f, [
        review(a, Decision.Keep),
        review(b, Decision.Narrow, usd("300")),
        review(c, Decision.Recertify),
      ]);
      const { logs } = await logsOf(f, hash);

      // A status change precedes each non-keep review; a keep emits its review alone.
      assert.deepEqual(
        logs.map((log) => [log.eventName, log.args.agent]),
        [
          ["AgentReviewed", a],
          ["AgentStatusChanged", b],
          ["AgentReviewed", b],
          ["AgentStatusChanged", c],
          ["AgentReviewed", c],
        ],
      );
      const reviewed = logs.filter((log) => log.eventName === "AgentReviewed");
      assert.deepEqual(
        reviewed.map(({ args }) => [args.decision, args.changed, args.evidenceHash, args.operator]),
        [
          [Decision.Keep, false, EVIDENCE, getAddress(f.operator.account.address)],
          [Decision.Narrow, true, EVIDENCE, getAddress(f.operator.account.address)],
          [Decision.Recertify, true, EVIDENCE, getAddress(f.operator.account.address)],
        ],
      );
      const changed = logs.find((log) => log.eventName === "AgentStatusChanged" && log.args.agent === b);
      assert.equal(changed?.eventName === "AgentStatusChanged" && changed.args.reasonHash, EVIDENCE);

      assert.deepEqual(await standing(f, a), { status: AgentStatus.Good, cap: 0n, frozenUntil: 0 });
      assert.equal((await standing(f, b)).status, AgentStatus.Narrowed);
      assert.equal((await standing(f, b)).cap, usd("300"));
      assert.equal((await standing(f, c)).status, AgentStatus.Good);
      assert.equal((await standing(f, c)).cap, 0n);
    });

    it("test_GivenEachDecision_WhenRecorded_LeavesTheStandingTheLadderCallLeaves", async () => {
      // Each decision is applied to a narrowed agent under a running freeze, once by review and once by the ladder
      // call it stands for, from the same snapshot: the standings must be identical.
      const ladderCall = async (f: SuretyFixture, agent: Address, decision: number, cap: bigint) => {
        const as = { account: f.operator.account };
        if (decision === Decision.Recertify) return f.ops.write.recertify([agent, EVIDENCE], as);
        return f.ops.write.setAgentStatus([agent, decision, cap, EVIDENCE], as);
      };
      for (const decision of [Decision.Warn, Decision.Narrow, Decision.Review, Decision.Pause, Decision.Recertify]) {
        const capped = decision >= Decision.Narrow && decision <= Decision.Pause;
        const cap = capped ? usd("250") : 0n;
        const prepare = async () => {
          const f = await load();
          const agent = getAddress(f.agent.account.address);
          await f.ops.write.setAgentStatus([agent, AgentStatus.UnderReview, usd("50"), hashOf("freeze")], {
            account: f.operator.account,
          });
          return { f, agent };
        };
        const byReview = await prepare();
        await record(byReview.f, [review(byReview.agent, decision, cap)]);
        const reviewed = await standing(byReview.f, byReview.agent);

        const byLadder = await prepare();
        await ladderCall(byLadder.f, byLadder.agent, decision, cap);
        assert.deepEqual(reviewed, await standing(byLadder.f, byLadder.agent), `decision ${decision}`);
      }
    });

    it("test_GivenSameStandingAgain_WhenRecorded_ReportsNoChange", async () => {
      const f = await load();
      const agent = getAddress(f.agent.account.address);
      await f.ops.write.setAgentStatus([agent, AgentStatus.Warned, 0n, hashOf("warned")], {
        account: f.operator.account,
      });
      const { logs } = await logsOf(f, await record(f, [review(agent, Decision.Warn)]));
      const reviewed = logs.find((log) => log.eventName === "AgentReviewed");
      // The decision still moves the ladder (an AgentStatusChanged answers any waiting signal) but changed nothing.
      assert.ok(logs.some((log) => log.eventName === "AgentStatusChanged"));
      assert.equal(reviewed?.eventName === "AgentReviewed" && reviewed.args.changed, false);
    });

    it("test_GivenKeep_WhenRecorded_LeavesAContainedAgentUntouched", async () => {
      const f = await load();
      const agent = getAddress(f.agent.account.address);
      await f.ops.write.setAgentStatus([agent, AgentStatus.Paused, usd("10"), hashOf("paused")], {
        account: f.operator.account,
      });
      const before = await standing(f, agent);
      const { logs } = await logsOf(f, await record(f, [review(agent, Decision.Keep)]));
      assert.deepEqual(
        logs.map((log) => log.eventName),
        ["AgentReviewed"],
      );
      assert.deepEqual(await standing(f, agent), before);
    });

    it("test_WhenOperatorReviewsEveryAgent_NoBalanceStakeOrCreditMoves", async () => {
      const f = await load();
      const { pactId, terms } = await reach(f, PactStatus.Active, { collateral: usd("500") });
      const agents = agentsOf(f);
      const books = async () =>
        Promise.all([
          ...agents.map((agent) => f.surety.read.stakeAccount([agent])),
          f.usdc.read.balanceOf([f.surety.address]),
          f.surety.read.creditOf([f.usdc.address, f.buyer.account.address]),
          f.surety.read.getPact([pactId]),
        ]);
      const before = await books();
      for (const decision of [Decision.Pause, Decision.Review, Decision.Narrow, Decision.Recertify, Decision.Keep]) {
        const capped = decision >= Decision.Narrow && decision <= Decision.Pause;
        await record(
          f,
          agents.map((agent) => review(agent, decision, capped ? 1n : 0n)),
        );
      }
      assert.deepEqual(await books(), before);
      // The pact the agent took on still settles as before.
      await f.surety.write.releasePact([pactId, terms], { account: f.buyer.account });
      assert.equal(await f.surety.read.getPact([pactId]).then(([status]) => status), PactStatus.Released);
    });

    describe("when the input is bad", () => {
      it("test_RevertWhen_CallerIsNotOperator", async () => {
        const f = await load();
        const role = await f.surety.read.OPERATOR_ROLE();
        for (const who of [f.stranger, f.buyer, f.agent, f.guardian, f.admin]) {
          await expectError(
            record(f, [review(f.agent.account.address, Decision.Keep)], who.account),
            f.surety,
            "AccessControlUnauthorizedAccount",
            [getAddress(who.account.address), role],
          );
        }
      });

      it("test_RevertWhen_NoReviews", async () => {
        const f = await load();
        await expectError(record(f, []), f.surety, "Surety_NoReviews", []);
      });

      it("test_RevertWhen_AgentsOutOfOrderOrRepeated", async () => {
        const f = await load();
        const [a, b] = agentsOf(f);
        await expectError(
          record(f, [review(b, Decision.Keep), review(a, Decision.Keep)]),
          f.surety,
          "Surety_ReviewsNotAscending",
          [1n, a],
        );
        await expectError(
          record(f, [review(a, Decision.Keep), review(a, Decision.Warn)]),
          f.surety,
          "Surety_ReviewsNotAscending",
          [1n, a],
        );
      });

      it("test_RevertWhen_AgentIsZero", async () => {
        const f = await load();
        await expectError(record(f, [review(zeroAddress, Decision.Keep)]), f.surety, "Surety_ZeroAgent", []);
      });

      it("test_RevertWhen_EvidenceHashIsZero", async () => {
        const f = await load();
        const [a, b] = agentsOf(f);
        await expectError(
          record(f, [review(a, Decision.Keep), review(b, Decision.Keep, 0n, zeroHash)]),
          f.surety,
          "Surety_ZeroEvidenceHash",
          [1n],
        );
      });

      it("test_RevertWhen_CapGivenToADecisionWithoutOne", async () => {
        const f = await load();
        const [a] = agentsOf(f);
        for (const decision of [Decision.Keep, Decision.Warn, Decision.Recertify]) {
          await expectError(record(f, [review(a, decision, 1n)]), f.surety, "Surety_CapNotApplicable", [0n, 1n]);
        }
      });

      it("test_RevertWhen_DecisionIsOutOfRange", async () => {
        // 6 fits the ABI's uint8, so a client encodes it; the contract's decoder refuses a value past Recertify.
        const f = await load();
        const [a] = agentsOf(f);
        await assert.rejects(record(f, [review(a, 6)]));
        assert.equal((await standing(f, a)).status, AgentStatus.Good);
      });
    });

    describe("when an attacker has perfect timing", () => {
      it("test_Attack_GivenOneBadEntryLast_WhenRecorded_NoEarlierDecisionApplies", async () => {
        const f = await load();
        const [a, b, c] = agentsOf(f);
        const before = await Promise.all([a, b].map((agent) => standing(f, agent)));
        await expectError(
          record(f, [review(a, Decision.Pause, 0n), review(b, Decision.Narrow, 5n), review(c, Decision.Keep, 1n)]),
          f.surety,
          "Surety_CapNotApplicable",
          [2n, 1n],
        );
        assert.deepEqual(await Promise.all([a, b].map((agent) => standing(f, agent))), before);
      });

      it("test_Attack_WhenTheModuleIsCalledDirectly_EveryOperatorCallReverts", async () => {
        // The module's own address has no roles and no storage of Surety's: nothing can be done there.
        const f = await load();
        const moduleAddress = await moduleOf(f);
        const direct = await viem.getContractAt("SuretyOperator", moduleAddress);
        const as = { account: f.operator.account };
        const agent = f.agent.account.address;
        await assert.rejects(direct.write.recordReviews([[review(agent, Decision.Pause)]], as));
        await assert.rejects(direct.write.setAgentStatus([agent, AgentStatus.Paused, 0n, EVIDENCE], as));
        await assert.rejects(direct.write.logAgentException([agent, Kind.Rescue, NOTE], as));
        assert.equal((await standing(f, agent)).status, AgentStatus.Good);
      });
    });
  });

  describe("logAgentException", () => {
    it("test_WhenOperatorLogsANote_EmitsItAgainstTheAgentWithPactZero", async () => {
      const f = await load();
      const agent = getAddress(f.agent.account.address);
      await viem.assertions.emitWithArgs(
        f.ops.write.logAgentException([agent, Kind.Rescue, NOTE], { account: f.operator.account }),
        f.surety,
        "ExceptionLogged",
        [agent, 0n, getAddress(f.operator.account.address), Kind.Rescue, NOTE],
      );
    });

    it("test_RevertWhen_CallerIsNotOperator", async () => {
      const f = await load();
      const role = await f.surety.read.OPERATOR_ROLE();
      await expectError(
        f.ops.write.logAgentException([f.agent.account.address, Kind.Exception, NOTE], { account: f.buyer.account }),
        f.surety,
        "AccessControlUnauthorizedAccount",
        [getAddress(f.buyer.account.address), role],
      );
    });

    it("test_RevertWhen_AgentOrNoteIsZero", async () => {
      const f = await load();
      const as = { account: f.operator.account };
      await expectError(
        f.ops.write.logAgentException([zeroAddress, Kind.Exception, NOTE], as),
        f.surety,
        "Surety_ZeroAgent",
        [],
      );
      await expectError(
        f.ops.write.logAgentException([f.agent.account.address, Kind.Exception, zeroHash], as),
        f.surety,
        "Surety_ZeroNoteHash",
        [],
      );
    });
  });

  describe("logPactException", () => {
    it("test_GivenAcceptedPact_WhenBuyerLogsARescue_EmitsItAgainstThePactsAgent", async () => {
      const f = await load();
      for (const status of [PactStatus.Active, PactStatus.Delivered, PactStatus.Disputed, PactStatus.Released]) {
        const { pactId, terms } = await reach(f, status, { termsHash: hashOf(`rescued ${status}`) });
        await viem.assertions.emitWithArgs(
          f.ops.write.logPactException([pactId, terms, Kind.Rescue, NOTE], { account: f.buyer.account }),
          f.surety,
          "ExceptionLogged",
          [getAddress(terms.agent), pactId, getAddress(f.buyer.account.address), Kind.Rescue, NOTE],
        );
      }
    });

    it("test_GivenAnyStatus_WhenOperatorLogsANote_Succeeds", async () => {
      const f = await load();
      for (const status of [PactStatus.Open, PactStatus.Cancelled, PactStatus.Reclaimed, PactStatus.Refunded]) {
        const { pactId, terms } = await reach(f, status, { termsHash: hashOf(`noted ${status}`) });
        await viem.assertions.emitWithArgs(
          f.ops.write.logPactException([pactId, terms, Kind.Exception, NOTE], { account: f.operator.account }),
          f.surety,
          "ExceptionLogged",
          [getAddress(terms.agent), pactId, getAddress(f.operator.account.address), Kind.Exception, NOTE],
        );
      }
    });

    it("test_Attack_GivenPactTheAgentNeverAccepted_WhenBuyerPinsARescueOnIt_Reverts", async () => {
      // Anyone can fund a pact naming any agent; without this rule a buyer could pin rescue notes on an agent
      // that never took the work on, and inflate its rescue rate.
      const f = await load();
      for (const status of [PactStatus.Open, PactStatus.Cancelled, PactStatus.Reclaimed]) {
        const { pactId, terms } = await reach(f, status, { termsHash: hashOf(`never accepted ${status}`) });
        await expectError(
          f.ops.write.logPactException([pactId, terms, Kind.Rescue, NOTE], { account: f.buyer.account }),
          f.surety,
          "Surety_InvalidStatus",
          [pactId, status],
        );
      }
    });

    it("test_GivenBuyerHoldsTheOperatorRole_WhenNotingItsOwnUnacceptedPact_TheBuyersRuleApplies", async () => {
      // A buyer cannot escape the buyer's rule by also holding the operator role: on its own pact it is the buyer,
      // so a note's author reads the same on chain and in the indexer.
      const f = await load();
      const role = await f.surety.read.OPERATOR_ROLE();
      await f.surety.write.grantRole([role, f.buyer.account.address], { account: f.admin.account });
      const { pactId, terms } = await reach(f, PactStatus.Open);
      await expectError(
        f.ops.write.logPactException([pactId, terms, Kind.Rescue, NOTE], { account: f.buyer.account }),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Open],
      );
      // As the operator it still notes another buyer's pact in any status.
      const other = await reach(f, PactStatus.Open, {
        buyer: f.buyer2.account.address,
        termsHash: hashOf("another buyer's pact"),
      });
      await viem.assertions.emitWithArgs(
        f.ops.write.logPactException([other.pactId, other.terms, Kind.Exception, NOTE], { account: f.buyer.account }),
        f.surety,
        "ExceptionLogged",
        [getAddress(other.terms.agent), other.pactId, getAddress(f.buyer.account.address), Kind.Exception, NOTE],
      );
    });

    it("test_Attack_WhenAPartyOtherThanTheBuyerLogsANote_Reverts", async () => {
      const f = await load();
      const { pactId, terms } = await reach(f, PactStatus.Delivered);
      for (const who of [f.agent, f.arbiter, f.stranger, f.buyer2]) {
        await expectError(
          f.ops.write.logPactException([pactId, terms, Kind.Rescue, NOTE], { account: who.account }),
          f.surety,
          "Surety_NotBuyerOrOperator",
          [pactId, getAddress(who.account.address)],
        );
      }
    });

    it("test_Attack_GivenForgedTerms_WhenBuyerNamesAnotherAgent_Reverts", async () => {
      // The note's agent comes from the terms: forged terms naming another agent must not match the commitment.
      const f = await load();
      const { pactId, terms } = await reach(f, PactStatus.Active);
      const forged = { ...terms, agent: f.agent2.account.address };
      await expectError(
        f.ops.write.logPactException([pactId, forged, Kind.Rescue, NOTE], { account: f.buyer.account }),
        f.surety,
        "Surety_TermsMismatch",
        [pactId],
      );
    });

    it("test_RevertWhen_NoteIsZeroOrPactMissing", async () => {
      const f = await load();
      const { pactId, terms } = await reach(f, PactStatus.Active);
      await expectError(
        f.ops.write.logPactException([pactId, terms, Kind.Rescue, zeroHash], { account: f.buyer.account }),
        f.surety,
        "Surety_ZeroNoteHash",
        [],
      );
      const missing = await makeTerms(f, { termsHash: hashOf("never created") });
      await expectError(
        f.ops.write.logPactException([999n, missing, Kind.Rescue, NOTE], { account: f.operator.account }),
        f.surety,
        "Surety_PactNotFound",
        [999n],
      );
    });
  });
});

/** The operator module's address: the second contract Surety's constructor created (contract nonces start at 1). */
async function moduleOf(f: SuretyFixture): Promise<Address> {
  const address = getContractAddress({ from: f.surety.address, nonce: 2n });
  const code = await f.publicClient.getCode({ address });
  assert.ok(code !== undefined && code.length > 2, "the operator module is deployed at Surety's second nonce");
  return address;
}
