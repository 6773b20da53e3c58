/**
 * The operator's weekly loop against a real indexer on a real Hardhat node: two ISO weeks of pacts, reviews and
 * exception notes sent through the SDK, then GET /review/:isoWeek, GET /review?weeks=N and the trust record's
 * reviews, exceptions, recovery and evidence, each answer parsed with the SDK's schemas and held to the figures the
 * scenario makes; every bad parameter answered 400 naming it, every missing week 404.
 */
import { createTrustClient, type ReviewWeek, type TrustClient } from "@surety/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getJson, graphql, startChain, startTestIndexer, termsFor, type Chain, type Indexer } from "./helpers/stack.ts";

type ErrorBody = { error: { code: string; message: string } };

const at = (iso: string) => BigInt(Date.parse(iso) / 1000);
/** Week A (complete) and week B (the clock's week): 2027-W01 and 2027-W02. */
const WEEK_A = at("2027-01-04T00:00:00Z");
const WEEK_B = at("2027-01-11T00:00:00Z");

let chain: Chain;
let indexer: Indexer;
let agent: `0x${string}`;
let agent2: `0x${string}`;
let buyer: `0x${string}`;
/** Block times of the scenario's key events. */
const times: Record<string, number> = {};
let clock: number;
let p2: bigint;

beforeAll(async () => {
  chain = await startChain();
  const { roles, test } = chain;
  agent = roles.agent.account.address;
  agent2 = roles.agent2.account.address;
  buyer = roles.buyer.account.address;
  const timeOf = async (receipt: { blockNumber: bigint }) =>
    Number((await test.getBlock({ blockNumber: receipt.blockNumber })).timestamp);
  const small = { collateral: "5", penalty: "2" } as const;

  await roles.agent.depositStake({ amount: "1000" });
  await roles.agent2.depositStake({ amount: "100" });

  // Week A: a lost dispute with a slash (P1), a pact refunded by the agent with two notes (P2), a note on agent2,
  // then the operator narrows the agent and keeps agent2.
  await test.setNextBlockTimestamp({ timestamp: WEEK_A + 3_600n });
  const { pactId: p1 } = await roles.buyer.createPact(termsFor(roles));
  await roles.agent.acceptPact({ pactId: p1 });
  await roles.agent.deliverPact({ pactId: p1, delivery: "work" });
  await roles.buyer.disputePact({ pactId: p1, reason: "wrong" });
  const ruled = await roles.arbiter.resolveDispute({ pactId: p1, buyerBps: 10_000, slash: "10", ruling: "for buyer" });
  times.signalA = await timeOf(ruled.receipt);
  ({ pactId: p2 } = await roles.buyer.createPact(termsFor(roles)));
  await roles.agent.acceptPact({ pactId: p2 });
  await roles.buyer.logPactException({ pactId: p2, kind: "rescue", note: "fixed the output by hand" });
  await roles.operator.logPactException({ pactId: p2, kind: "exception", note: "second note, same pact" });
  await roles.agent.refundByAgent({ pactId: p2 });
  await roles.operator.logAgentException({ agent: agent2, kind: "exception", note: "side-channel fix" });
  const narrowed = await roles.operator.recordReviews({
    reviews: [
      { agent, decision: "narrow", cap: "100", evidence: "lost dispute" },
      { agent: agent2, decision: "keep", evidence: "fine" },
    ],
  });
  times.narrowed = await timeOf(narrowed.receipt);

  // Week B: the agent recertified, then a clean pact (P3, another buyer) and a relapse (P5); agent2 slashed (P4)
  // before it, and nobody decides on either.
  await test.setNextBlockTimestamp({ timestamp: WEEK_B + 3_600n });
  const recertified = await roles.operator.recordReviews({
    reviews: [{ agent, decision: "recertify", evidence: "recovered" }],
  });
  times.recertified = await timeOf(recertified.receipt);
  const { pactId: p3 } = await roles.buyer2.createPact(termsFor(roles));
  await roles.agent.acceptPact({ pactId: p3 });
  await roles.agent.deliverPact({ pactId: p3, delivery: "work" });
  await roles.buyer2.releasePact({ pactId: p3 });
  const { pactId: p4 } = await roles.buyer.createPact(termsFor(roles, { agent: agent2, ...small }));
  await roles.agent2.acceptPact({ pactId: p4 });
  const slashed2 = await roles.agent2.refundByAgent({ pactId: p4 });
  times.signalAgent2 = await timeOf(slashed2.receipt);
  const { pactId: p5 } = await roles.buyer.createPact(termsFor(roles));
  await roles.agent.acceptPact({ pactId: p5 });
  const relapse = await roles.agent.refundByAgent({ pactId: p5 });
  times.relapse = await timeOf(relapse.receipt);
  // A minute later, one empty block: the clock, past every signal.
  await chain.travel(60);
  clock = Number((await test.getBlock()).timestamp);

  indexer = await startTestIndexer(chain.node.url);
  await indexer.caughtUp();
}, 120_000);

afterAll(async () => {
  await indexer?.close();
  await chain?.stop();
});

/** The SDK's trust client: it parses every answer with the SDK's schemas, and throws on any that does not fit. */
let trust: TrustClient;
beforeAll(() => {
  trust = createTrustClient({ url: indexer.url });
});

const NO_DECISIONS = { keep: 0, warn: 0, narrow: 0, review: 0, pause: 0, recertify: 0 };

describe("GET /review/:isoWeek", () => {
  describe("given a complete week with a lost dispute answered by a narrowing", () => {
    let week: ReviewWeek;
    beforeAll(async () => {
      week = await trust.getReviewWeek("2027-W01");
    });

    it("test_AnswersTheWeeksBoundsAsComplete", () => {
      expect(week).toMatchObject({
        isoWeek: "2027-W01",
        weekStart: Number(WEEK_A),
        weekEnd: Number(WEEK_B),
        complete: true,
      });
      expect(week.asOf?.timestamp).toBe(clock);
    });

    it("test_SumsTheRescueWorkPerSettledPact", () => {
      // P1 ruled and P2 refunded by the agent settled; P2's first note and the note on agent2 count, P2's second not.
      expect(week.deployment.rescue).toEqual({
        pactsSettled: 2,
        extensions: 0,
        settlementsByAgreement: 0,
        refundsByAgent: 1,
        loggedExceptions: 2,
        total: 3,
        perSettledPact: 1.5,
      });
    });

    it("test_MeasuresTheTimeToNarrowAndLeavesNothingUnanswered", () => {
      const seconds = times.narrowed! - times.signalA!;
      expect(week.deployment.narrowing).toEqual({
        worsened: 1,
        answered: 1,
        meanTimeToNarrowSeconds: seconds,
        medianTimeToNarrowSeconds: seconds,
        unanswered: 0,
        longestUnansweredSeconds: null,
      });
    });

    it("test_CountsTheReviewsCoverageAndDecisionRate", () => {
      expect(week.deployment.reviews).toEqual({
        recorded: 2,
        agentsReviewed: 2,
        // Only the agent had a pact open in the week; agent2's review counts, but not in the coverage.
        activeAgents: 1,
        activeReviewed: 1,
        coverage: 1,
        changedScope: 1,
        decisionRate: 0.5,
        byDecision: { ...NO_DECISIONS, keep: 1, narrow: 1 },
      });
      expect(week.deployment.recovery).toEqual({
        containments: 1,
        recertifications: 0,
        meanRecoverySeconds: null,
        medianRecoverySeconds: null,
        relapses: 0,
      });
      // All the agent's settled value came from one buyer by the week's end.
      expect(week.deployment.evidence).toEqual({ concentrated: 1 });
    });

    it("test_ListsEachAgentWithItsReviewsAndNotesByAddress", () => {
      expect(week.agents.map((row) => [row.agent, row.undecided])).toEqual([
        [agent, false],
        [agent2, false],
      ]);
      const [first, second] = week.agents;
      expect(first).toMatchObject({
        status: "good",
        active: true,
        worsened: true,
        signalAt: times.signalA,
        timeToNarrowSeconds: times.narrowed! - times.signalA!,
        unansweredSeconds: null,
        containedAt: times.narrowed,
        recertifiedAt: null,
        topBuyerShare: 1,
        concentrated: true,
      });
      expect(first!.reviews.map((entry) => [entry.decision, entry.changed, entry.status, entry.cap?.amount])).toEqual([
        ["narrow", true, "narrowed", "100"],
      ]);
      expect(first!.exceptions.map((entry) => [entry.kind, entry.authorRole, entry.pactId])).toEqual([
        ["rescue", "buyer", p2.toString()],
        ["exception", "operator", p2.toString()],
      ]);
      expect(first!.rescue).toMatchObject({ pactsSettled: 2, refundsByAgent: 1, loggedExceptions: 1, total: 2 });
      expect(second).toMatchObject({ active: false, worsened: false, topBuyerShare: null, concentrated: false });
      expect(second!.reviews.map((entry) => [entry.decision, entry.changed, entry.cap])).toEqual([
        ["keep", false, null],
      ]);
      expect(second!.exceptions.map((entry) => [entry.authorRole, entry.pactId])).toEqual([["operator", null]]);
    });
  });

  describe("given the current week with two signals nobody answered", () => {
    let week: ReviewWeek;
    beforeAll(async () => {
      week = await trust.getReviewWeek();
    });

    it("test_AnswersTheClocksWeekAsIncomplete", async () => {
      expect(week).toMatchObject({ isoWeek: "2027-W02", weekStart: Number(WEEK_B), complete: false });
      const byLabel = await trust.getReviewWeek("2027-W02");
      expect(byLabel).toEqual(week);
    });

    it("test_ListsUndecidedAgentsFirstOldestSignalFirst", () => {
      // agent2's address sorts after the agent's, but its signal came first.
      expect(week.agents.map((row) => [row.agent, row.undecided, row.signalAt])).toEqual([
        [agent2, true, times.signalAgent2],
        [agent, true, times.relapse],
      ]);
      expect(week.agents[0]!.unansweredSeconds).toBe(clock - times.signalAgent2!);
      expect(week.agents[1]!.unansweredSeconds).toBe(clock - times.relapse!);
      expect(week.agents[1]).toMatchObject({
        recertifiedAt: times.recertified,
        recoverySeconds: times.recertified! - times.narrowed!,
        relapseAt: times.relapse,
        // 300 of the agent's 400 settled came from the first buyer.
        topBuyerShare: 0.75,
        concentrated: true,
      });
    });

    it("test_CountsTheRecoveryTheRelapseAndTheUnansweredSignals", () => {
      const recovery = times.recertified! - times.narrowed!;
      expect(week.deployment.recovery).toEqual({
        containments: 0,
        recertifications: 1,
        meanRecoverySeconds: recovery,
        medianRecoverySeconds: recovery,
        relapses: 1,
      });
      expect(week.deployment.narrowing).toEqual({
        worsened: 2,
        answered: 0,
        meanTimeToNarrowSeconds: null,
        medianTimeToNarrowSeconds: null,
        unanswered: 2,
        longestUnansweredSeconds: clock - times.signalAgent2!,
      });
      expect(week.deployment.rescue).toMatchObject({ pactsSettled: 3, refundsByAgent: 2, total: 2 });
      expect(week.deployment.rescue.perSettledPact).toBeCloseTo(2 / 3);
      expect(week.deployment.reviews).toMatchObject({
        recorded: 1,
        activeAgents: 2,
        activeReviewed: 1,
        coverage: 0.5,
        decisionRate: 1,
        byDecision: { ...NO_DECISIONS, recertify: 1 },
      });
      expect(week.deployment.evidence).toEqual({ concentrated: 2 });
    });
  });

  it("test_GivenA53WeekYear_AnswersWeek53", async () => {
    const week = await trust.getReviewWeek("2026-W53");
    expect(week).toMatchObject({ weekStart: Number(at("2026-12-28T00:00:00Z")), complete: true, agents: [] });
  });
});

describe("GET /review?weeks=N", () => {
  it("test_AnswersTheLatestWeeksOldestFirstWithTheWeeksOwnSignals", async () => {
    const trend = await trust.getReviewTrend({ weeks: 3 });
    expect(trend.weeks.map((week) => [week.isoWeek, week.complete])).toEqual([
      ["2026-W53", true],
      ["2027-W01", true],
      ["2027-W02", false],
    ]);
    const [weekA, weekB] = await Promise.all([trust.getReviewWeek("2027-W01"), trust.getReviewWeek("2027-W02")]);
    expect(trend.weeks[1]!.deployment).toEqual(weekA.deployment);
    expect(trend.weeks[2]!.deployment).toEqual(weekB.deployment);
    expect((await trust.getReviewTrend()).weeks).toHaveLength(8);
  });
});

describe("GET /agents/:address/trust", () => {
  it("test_GivenARecertifiedAgentThatRelapsed_CarriesItsReviewsNotesRecoveryAndEvidence", async () => {
    const record = await trust.getAgentTrust(agent);
    expect(record.reviews).toMatchObject({ count: 2, changedScope: 2 });
    expect(record.reviews.latest).toEqual(record.reviews.history[0]);
    expect(record.reviews.history.map((entry) => [entry.decision, entry.isoWeek, entry.timestamp])).toEqual([
      ["recertify", "2027-W02", times.recertified],
      ["narrow", "2027-W01", times.narrowed],
    ]);
    expect(record.exceptions.count).toBe(2);
    expect(record.recovery).toEqual({
      contained: false,
      containedSince: null,
      containedSeconds: null,
      recoveries: 1,
      meanRecoverySeconds: times.recertified! - times.narrowed!,
      lastRecovery: {
        containedAt: times.narrowed,
        recertifiedAt: times.recertified,
        seconds: times.recertified! - times.narrowed!,
      },
      sinceRecertification: {
        recertifiedAt: times.recertified,
        pacts: 2,
        relapseAt: times.relapse,
        days: (times.relapse! - times.recertified!) / 86_400,
        clean: false,
      },
    });
    // P1 (lost, slashed, delivered on time), P2 and P5 (refunded by the agent, slashed), P3 (on time), 100 each.
    const [token] = record.evidence.tokens;
    expect(record.evidence).toMatchObject({ distinctBuyers: 2, topBuyerShare: 0.75, concentrated: true });
    expect(token).toMatchObject({
      settled: { count: 4, value: { amount: "400" } },
      onTime: { count: 2, value: { amount: "200" } },
      slashed: { count: 3, value: { amount: "300" } },
      lost: { count: 1, value: { amount: "100" } },
      rates: { onTimeByCount: 0.5, onTimeByValue: 0.5, slashedByCount: 0.75, slashedByValue: 0.75 },
      distinctBuyers: 2,
      topBuyer: buyer,
      topBuyerShare: 0.75,
    });
    expect(record.flags).toContain("concentrated-counterparties");
  });

  it("test_GivenAKeptAgent_CountsTheReviewThatChangedNothing", async () => {
    const record = await trust.getAgentTrust(agent2);
    expect(record.reviews).toMatchObject({ count: 1, changedScope: 0 });
    expect(record.exceptions.history.map((entry) => [entry.kind, entry.authorRole, entry.pactId])).toEqual([
      ["exception", "operator", null],
    ]);
    // Slashed in week B, never contained: no recovery figures, but its one buyer holds all its settled value.
    expect(record.recovery).toMatchObject({ contained: false, recoveries: 0, sinceRecertification: null });
    expect(record.evidence).toMatchObject({ distinctBuyers: 1, topBuyerShare: 1, concentrated: true });
  });
});

describe("GraphQL", () => {
  it("test_LinksAnAgentToItsReviewsNotesAndRecoveriesAndAPactToItsNotes", async () => {
    const data = await graphql<{
      agent: {
        reviews: { items: { decision: string }[] };
        exceptionNotes: { items: { kind: string }[] };
        containmentEpisodes: { items: { episode: number; recoverySeconds: string }[] };
      };
      pact: { exceptionNotes: { totalCount: number } };
    }>(
      indexer.url,
      `
        query ($agent: String!, $chainId: Float!, $pactId: BigInt!) {
          agent(chainId: $chainId, address: $agent) {
            reviews(orderBy: "timestamp", orderDirection: "asc") {
              items {
                decision
              }
            }
            exceptionNotes {
              items {
                kind
              }
            }
            containmentEpisodes {
              items {
                episode
                recoverySeconds
              }
            }
          }
          pact(chainId: $chainId, pactId: $pactId) {
            exceptionNotes {
              totalCount
            }
          }
        }
      `,
      { agent: agent.toLowerCase(), chainId: 31337, pactId: p2.toString() },
    );
    expect(data.agent.reviews.items.map((item) => item.decision)).toEqual(["narrow", "recertify"]);
    expect(data.agent.exceptionNotes.items).toHaveLength(2);
    expect(data.agent.containmentEpisodes.items).toEqual([
      { episode: 1, recoverySeconds: String(times.recertified! - times.narrowed!) },
    ]);
    expect(data.pact.exceptionNotes.totalCount).toBe(2);
  });
});

describe("the review routes", () => {
  it.each([
    ["/review/2027-W1", 400, "isoWeek must be an ISO week such as 2026-W49"],
    ["/review/2027-w01", 400, "isoWeek must be an ISO week"],
    ["/review/2027-W54", 400, "isoWeek names week 54, but 2027 has weeks 1 to 52"],
    ["/review/2025-W53", 400, "isoWeek names week 53, but 2025 has weeks 1 to 52"],
    ["/review/2027-W00", 400, "isoWeek names week 0"],
    ["/review/latest", 400, "isoWeek must be an ISO week"],
    ["/review/2027-W01?chainId=abc", 400, "chainId must be a chain id"],
    ["/review/2027-W01?week=3", 400, "has unknown parameters: week"],
    ["/review?weeks=0", 400, "weeks must be between 1 and 52"],
    ["/review?weeks=53", 400, "weeks must be between 1 and 52"],
    ["/review?weeks=two", 400, "weeks must be a whole number"],
    ["/review?weeks=2&weeks=3", 400, "weeks is given more than once"],
    ["/review/2027-W03", 404, "The week 2027-W03 starts after the latest indexed block"],
    ["/review/2099-W01", 404, "starts after the latest indexed block"],
    ["/review/current?chainId=999", 404, "Nothing is indexed on chain 999 yet"],
  ])("test_RevertWhen_%s", async (path, status, message) => {
    const response = await getJson<ErrorBody>(`${indexer.url}${path}`);
    expect(response.status).toBe(status);
    expect(response.body.error.message).toContain(message);
  });

  it("test_GivenAChainWithNothingIndexed_AnswersNoWeeks", async () => {
    const { status, body } = await getJson(`${indexer.url}/review?chainId=999`);
    expect({ status, body }).toEqual({ status: 200, body: { chainId: 999, asOf: null, weeks: [] } });
  });
});
