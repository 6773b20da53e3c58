/**
 * The operator's weekly loop: a batch of reviews recorded in one call (sorted, checked, its events matched back to
 * the caller's entries), and exception notes on an agent or on a pact.
 */
import { decodeFunctionData, getAddress, pad, toHex, zeroAddress, zeroHash, type Address } from "viem";
import { describe, expect, it } from "vitest";

import { suretyAbi } from "../../src/abis.ts";
import { cancelPact } from "../../src/actions/buyer/cancelPact.ts";
import { logAgentException, prepareLogAgentException } from "../../src/actions/operator/logAgentException.ts";
import { logPactException, prepareLogPactException } from "../../src/actions/operator/logPactException.ts";
import {
  MAX_REVIEWS_PER_CALL,
  prepareRecordReviews,
  recordReviews,
  type ReviewInput,
} from "../../src/actions/operator/recordReviews.ts";
import { setAgentStatus } from "../../src/actions/operator/setAgentStatus.ts";
import { getAgentStatus } from "../../src/actions/read/getAgentStatus.ts";
import { hashDocument } from "../../src/utils/document.ts";
import {
  accounts,
  activePact,
  agent,
  buyer,
  expectInvalid,
  expectRevert,
  nonceOf,
  openPact,
  operator,
  publicClient,
  stranger,
  usd,
} from "../helpers.ts";

/** The most gas one transaction may use on Ethereum since EIP-7825 (2^24). */
const TRANSACTION_GAS_CAP = 2n ** 24n;

const ascending = (a: Address, b: Address) => (BigInt(a) < BigInt(b) ? -1 : 1);

/** Three agents in descending address order, so that the SDK has to sort them. */
const [high, middle, low] = [accounts.agent.address, accounts.agent2.address, accounts.buyer2.address]
  .sort(ascending)
  .reverse() as [Address, Address, Address];

/** An address from a number: distinct, non-zero agents for large batches. */
const agentAt = (index: number) => getAddress(pad(toHex(index + 1), { size: 20 }));

describe("recordReviews", () => {
  it("test_GivenUnsortedEntries_RecordsEachDecisionInAscendingOrder", async () => {
    await setAgentStatus(operator, { agent: low, status: "paused", reason: "incident OPS-90" });
    const reviews: ReviewInput[] = [
      { agent: high, decision: "keep", evidence: "OPS-201: 14 pacts on time" },
      { agent: middle, decision: "narrow", cap: "250", evidence: { ticket: "OPS-202", lost: "pact 41" } },
      { agent: low, decision: "recertify", evidence: "OPS-203: audit passed" },
    ];
    const result = await recordReviews(operator, { reviews });

    // The caller's order, each entry with its hashed evidence and its events.
    expect(result.reviews.map((review) => [review.agent, review.decision, review.cap])).toEqual([
      [high, "keep", 0n],
      [middle, "narrow", usd("250")],
      [low, "recertify", 0n],
    ]);
    expect(result.reviews.map((review) => review.evidence)).toEqual(
      reviews.map((review) => hashDocument(review.evidence)),
    );
    const [kept, narrowed, recertified] = result.reviews;
    expect(kept!.event).toEqual({
      agent: high,
      operator: accounts.deployer.address,
      decision: 0,
      changed: false,
      evidenceHash: kept!.evidence.hash,
    });
    expect(kept!.statusChange).toBeUndefined();
    expect(narrowed!.event).toMatchObject({ agent: middle, decision: 2, changed: true });
    expect(narrowed!.statusChange).toMatchObject({
      agent: middle,
      status: 2,
      cap: usd("250"),
      reasonHash: narrowed!.evidence.hash,
    });
    expect(recertified!.event).toMatchObject({ agent: low, decision: 5, changed: true });
    expect(recertified!.statusChange).toMatchObject({ agent: low, status: 0, cap: 0n });

    // The contract's order: ascending addresses, one AgentStatusChanged per decision but keep.
    expect(result.reviewed.map((event) => event.agent)).toEqual([low, middle, high]);
    expect(result.statusChanges.map((event) => event.agent)).toEqual([low, middle]);
    const { input } = await publicClient.getTransaction({ hash: result.hash });
    const sent = decodeFunctionData({ abi: suretyAbi, data: input });
    expect(sent.functionName).toBe("recordReviews");
    expect(sent.args).toMatchObject([[{ agent: low }, { agent: middle }, { agent: high }]]);

    // The standings on chain.
    expect(await getAgentStatus(operator, { agent: high })).toMatchObject({ status: "good", cap: undefined });
    expect(await getAgentStatus(operator, { agent: middle })).toMatchObject({ status: "narrowed", cap: usd("250") });
    expect(await getAgentStatus(operator, { agent: low })).toMatchObject({ status: "good", acceptsPacts: true });
  });

  it("test_GivenAPauseWithoutCap_PausesWithCapZero", async () => {
    const { reviews } = await recordReviews(operator, {
      reviews: [{ agent: middle, decision: "pause", evidence: "unreachable for a week" }],
    });
    expect(reviews[0]!.statusChange).toMatchObject({ status: 4, cap: 0n });
    expect(await getAgentStatus(operator, { agent: middle })).toMatchObject({ status: "paused", acceptsPacts: false });
  });

  it("test_GivenAWarnedAgent_WhenWarnedAgainOrKept_NothingChanged", async () => {
    await setAgentStatus(operator, { agent: middle, status: "warned", reason: "late" });
    const { reviews } = await recordReviews(operator, {
      reviews: [
        { agent: middle, decision: "warn", evidence: "still late" },
        { agent: high, decision: "keep", evidence: "fine" },
      ],
    });
    // Warning an agent already warned leaves its standing as it was: the contract reports no change.
    expect(reviews.map((review) => review.event.changed)).toEqual([false, false]);
    expect(reviews[0]!.statusChange).toMatchObject({ agent: middle, status: 1 });
  });

  it("test_GivenTheLargestBatchOfTheCostliestDecision_FitsUnderTheTransactionGasCap", async () => {
    // A review of agents never reviewed before writes a fresh standing with a cap and a freeze: the most an entry
    // can cost.
    const reviews = Array.from({ length: MAX_REVIEWS_PER_CALL }, (_, index) => ({
      agent: agentAt(index),
      decision: "review" as const,
      cap: BigInt(index + 1),
      evidence: `OPS-${index}`,
    }));
    const { receipt, reviewed } = await recordReviews(operator, { reviews });
    expect(reviewed).toHaveLength(MAX_REVIEWS_PER_CALL);
    expect(reviewed.every((event) => event.changed)).toBe(true);
    expect(receipt.gasUsed).toBeLessThan(TRANSACTION_GAS_CAP);
  });

  it("test_RevertWhen_EntriesEmptyTooManyOrRepeated_NothingSent", async () => {
    const nonce = await nonceOf(accounts.deployer.address);
    await expectInvalid(recordReviews(operator, { reviews: [] }), [
      "reviews: is empty: name at least one agent to review",
    ]);
    const tooMany = Array.from({ length: MAX_REVIEWS_PER_CALL + 1 }, (_, index) => ({
      agent: agentAt(index),
      decision: "keep" as const,
      evidence: "x",
    }));
    await expectInvalid(recordReviews(operator, { reviews: tooMany }), [
      `reviews: has ${MAX_REVIEWS_PER_CALL + 1} entries, more than the ${MAX_REVIEWS_PER_CALL} one transaction can ` +
        "carry (its gas would pass the per-transaction cap): split the reviews into several calls",
    ]);
    await expectInvalid(
      recordReviews(operator, {
        reviews: [
          { agent: middle, decision: "keep", evidence: "a" },
          { agent: high, decision: "keep", evidence: "b" },
          { agent: middle.toLowerCase() as Address, decision: "warn", evidence: "c" },
        ],
      }),
      [`reviews.2.agent: repeats agent ${middle}, already reviewed by reviews.0: one decision per agent per call`],
    );
    expect(await nonceOf(accounts.deployer.address)).toBe(nonce);
  });

  it("test_RevertWhen_CapMisplacedOrMissing_NamesTheEntry", async () => {
    const nonce = await nonceOf(accounts.deployer.address);
    await expectInvalid(
      recordReviews(operator, {
        reviews: [
          { agent: high, decision: "narrow", cap: "10", evidence: "ok" },
          { agent: middle, decision: "keep", cap: 0n, evidence: "fine" },
          { agent: low, decision: "narrow", evidence: "late" },
          { agent: accounts.stranger.address, decision: "review", evidence: "audit" },
          { agent: accounts.arbiter.address, decision: "recertify", cap: "1", evidence: "passed" },
        ],
      } as never),
      [
        `reviews.1.cap: does not apply to decision keep (agent ${middle}): only narrow, review, pause take a cap`,
        `reviews.2.cap: is required for decision narrow (agent ${low}): the most collateral the agent may have locked`,
        `reviews.3.cap: is required for decision review (agent ${accounts.stranger.address}): the most collateral ` +
          "the agent may have locked",
        `reviews.4.cap: does not apply to decision recertify (agent ${accounts.arbiter.address}): only narrow, ` +
          "review, pause take a cap",
      ],
    );
    expect(await nonceOf(accounts.deployer.address)).toBe(nonce);
  });

  it("test_RevertWhen_EntriesMalformed_ListsEveryIssue", async () => {
    await expectInvalid(
      recordReviews(operator, {
        reviews: [
          { agent: zeroAddress, decision: "demote", evidence: zeroHash },
          { agent: high, decision: "keep", evidence: 1n, note: "x" },
          "keep",
        ],
      } as never),
      [
        "reviews.0.agent: must not be the zero address",
        "reviews.0.decision: must be one of keep, warn, narrow, review, pause, recertify",
        "reviews.1.evidence: a bigint is not a JSON value",
        "reviews.1.note: is not a field of a review { agent, decision, cap?, evidence }",
        "reviews.2: must be a review { agent, decision, cap?, evidence }",
      ],
    );
    await expectInvalid(recordReviews(operator, { reviews: [{ agent: high, decision: "keep", evidence: zeroHash }] }), [
      `reviews.0.evidence: is the zero hash (agent ${high}): commit to the evidence the decision rests on`,
    ]);
    await expectInvalid(recordReviews(operator, { reviews: high } as never), [
      "reviews: must be an array of reviews { agent, decision, cap?, evidence }",
    ]);
  });

  it("test_RevertWhen_CallerNotOperator", async () => {
    const revert = await expectRevert(
      recordReviews(stranger, { reviews: [{ agent: high, decision: "keep", evidence: "x" }] }),
      "AccessControlUnauthorizedAccount",
    );
    expect(revert.shortMessage).toBe(
      `recordReviews reverted: ${accounts.stranger.address} does not hold the operator role.`,
    );
  });

  it("test_Prepare_EncodesTheSortedEntries_KeepingTheCallersOrder", async () => {
    const { calls, reviews } = await prepareRecordReviews(operator, {
      reviews: [
        { agent: high, decision: "review", cap: "5", evidence: "a" },
        { agent: low, decision: "warn", evidence: "b" },
      ],
    });
    expect(reviews.map((review) => review.agent)).toEqual([high, low]);
    expect(calls).toHaveLength(1);
    expect(decodeFunctionData({ abi: suretyAbi, data: calls[0]!.data }).args).toEqual([
      [
        { agent: low, decision: 1, cap: 0n, evidenceHash: hashDocument("b").hash },
        { agent: high, decision: 3, cap: usd("5"), evidenceHash: hashDocument("a").hash },
      ],
    ]);
  });
});

describe("logAgentException", () => {
  it("test_LogsTheNoteWithPactIdZero", async () => {
    const note = { ticket: "OPS-311", work: "re-ran the failed batch by hand" };
    const result = await logAgentException(operator, { agent: accounts.agent.address, kind: "rescue", note });
    expect(result.note).toEqual(hashDocument(note));
    expect(result.event).toEqual({
      agent: accounts.agent.address,
      pactId: 0n,
      author: accounts.deployer.address,
      kind: 1,
      noteHash: result.note.hash,
    });
    const { calls } = await prepareLogAgentException(operator, {
      agent: accounts.agent.address,
      kind: "exception",
      note: "x",
    });
    expect(decodeFunctionData({ abi: suretyAbi, data: calls[0]!.data }).args).toEqual([
      accounts.agent.address,
      0,
      hashDocument("x").hash,
    ]);
  });

  it("test_RevertWhen_CallerNotOperator", async () => {
    await expectRevert(
      logAgentException(buyer, { agent: accounts.agent.address, kind: "exception", note: "x" }),
      "AccessControlUnauthorizedAccount",
    );
  });

  it("test_RevertWhen_ParametersInvalid_NothingSent", async () => {
    const nonce = await nonceOf(accounts.deployer.address);
    await expectInvalid(logAgentException(operator, { agent: zeroAddress, kind: "oops", note: "x" } as never), [
      "agent: must not be the zero address",
      "kind: must be one of exception, rescue",
    ]);
    await expectInvalid(logAgentException(operator, { agent: high, kind: "rescue", note: zeroHash }), [
      "note: is the zero hash: commit to the note's text",
    ]);
    expect(await nonceOf(accounts.deployer.address)).toBe(nonce);
  });
});

describe("logPactException", () => {
  it("test_GivenAnOperator_LogsOnAnOpenPact", async () => {
    const { pactId } = await openPact();
    const { event, note } = await logPactException(operator, { pactId, kind: "exception", note: "held for KYC" });
    expect(event).toEqual({
      agent: accounts.agent.address,
      pactId,
      author: accounts.deployer.address,
      kind: 0,
      noteHash: note.hash,
    });
  });

  it("test_GivenTheBuyerOfAnAcceptedPact_LogsARescue", async () => {
    const { pactId, terms } = await activePact();
    const { event } = await logPactException(buyer, { pactId, kind: "rescue", note: "fixed the output by hand" });
    expect(event).toMatchObject({ agent: accounts.agent.address, pactId, author: accounts.buyer.address, kind: 1 });
    const { calls } = await prepareLogPactException(buyer, { pactId, terms, kind: "rescue", note: "again" });
    expect(decodeFunctionData({ abi: suretyAbi, data: calls[0]!.data }).args).toEqual([
      pactId,
      terms,
      1,
      hashDocument("again").hash,
    ]);
  });

  it("test_RevertGiven_OpenOrCancelledPact_WhenTheBuyerLogs", async () => {
    const open = await openPact();
    const revert = await expectRevert(
      logPactException(buyer, { pactId: open.pactId, kind: "rescue", note: "x" }),
      "Surety_InvalidStatus",
      [open.pactId, 1],
    );
    expect(revert.shortMessage).toContain(`pact ${open.pactId}`);
    await cancelPact(buyer, open);
    await expectRevert(
      logPactException(buyer, { pactId: open.pactId, kind: "rescue", note: "x" }),
      "Surety_InvalidStatus",
    );
  });

  it("test_RevertWhen_CallerNeitherBuyerNorOperator", async () => {
    const { pactId } = await activePact();
    const revert = await expectRevert(
      logPactException(agent, { pactId, kind: "exception", note: "x" }),
      "Surety_NotBuyerOrOperator",
      [pactId, accounts.agent.address],
    );
    expect(revert.shortMessage).toBe(
      `logPactException reverted: ${accounts.agent.address} is neither the buyer of pact ${pactId} nor an operator, ` +
        "so it cannot log a note on it.",
    );
    await expectRevert(
      logPactException(stranger, { pactId, kind: "exception", note: "x" }),
      "Surety_NotBuyerOrOperator",
    );
  });

  it("test_RevertWhen_PactUnknownOrNoteZero_NothingSent", async () => {
    const nonce = await nonceOf(accounts.deployer.address);
    await expect(logPactException(operator, { pactId: 999n, kind: "exception", note: "x" })).rejects.toMatchObject({
      name: "NotFoundError",
    });
    const { pactId } = await openPact();
    await expectInvalid(logPactException(operator, { pactId, kind: "later", note: zeroHash } as never), [
      "kind: must be one of exception, rescue",
      "note: is the zero hash: commit to the note's text",
    ]);
    expect(await nonceOf(accounts.deployer.address)).toBe(nonce);
  });
});
