/**
 * The operator's weekly loop on Surety's operator module: every review recorded (AgentReviewed, a keep included; a
 * decision that moves the ladder comes after its AgentStatusChanged, in ladder.ts) and every exception or rescue note
 * logged against an agent or a pact (ExceptionLogged). Each counts in the agent's record and its week, and appends
 * one history row.
 */
import { EXCEPTION_KINDS, REVIEW_DECISIONS } from "@surety/sdk";
import { ponder } from "ponder:registry";
import { agentReview, exceptionNote, pact } from "ponder:schema";

import { loadPact, parties } from "../lib/pact.ts";
import { eventPosition, record } from "../lib/record.ts";
import { updateAgent, updateWeek } from "../lib/upsert.ts";

ponder.on("Surety:AgentReviewed", async ({ event, context }) => {
  const { agent: address, operator, decision: index, changed, evidenceHash } = event.args;
  const time = event.block.timestamp;
  const decision = REVIEW_DECISIONS[index];
  if (decision === undefined) throw new Error(`AgentReviewed carries an unknown decision ${index}`);
  // The decision's own AgentStatusChanged came first: the row holds the standing the review left.
  const row = await updateAgent(context, address, time, (current) => ({
    reviewsRecorded: current.reviewsRecorded + 1,
    reviewsChanged: current.reviewsChanged + (changed ? 1 : 0),
    lastReviewAt: time,
  }));
  await context.db.insert(agentReview).values({
    ...eventPosition(context, event),
    agent: address,
    operator,
    decision,
    changed,
    status: row.status,
    cap: row.cap,
    evidenceHash,
  });
  await updateWeek(context, address, time, (week) => ({
    reviews: week.reviews + 1,
    reviewsChanged: week.reviewsChanged + (changed ? 1 : 0),
  }));
  await record(context, event, { kind: "AgentReviewed", actor: operator, agent: address });
});

ponder.on("Surety:ExceptionLogged", async ({ event, context }) => {
  const { agent: address, pactId, author, kind: index, noteHash } = event.args;
  const time = event.block.timestamp;
  const kind = EXCEPTION_KINDS[index];
  if (kind === undefined) throw new Error(`ExceptionLogged carries an unknown kind ${index}`);
  // Pact id 0: a note about the agent, by the operator. Otherwise the pact's first note is rescue work, once.
  const row = pactId === 0n ? null : await loadPact(context, pactId);
  const counted = row === null || (row.firstNoteAt === null && row.tokenListed);
  if (row !== null && row.firstNoteAt === null) {
    await context.db.update(pact, { chainId: context.chain.id, pactId }).set({ firstNoteAt: time });
  }
  const byBuyer = row !== null && author.toLowerCase() === row.buyer.toLowerCase();
  await context.db.insert(exceptionNote).values({
    ...eventPosition(context, event),
    agent: address,
    pactId: row === null ? null : pactId,
    author,
    authorRole: byBuyer ? "buyer" : "operator",
    kind,
    noteHash,
    counted,
  });
  await updateAgent(context, address, time, (current) => ({ exceptionsLogged: current.exceptionsLogged + 1 }));
  if (counted) {
    await updateWeek(context, address, time, (week) => ({ loggedExceptions: week.loggedExceptions + 1 }));
  }
  await record(context, event, {
    kind: "ExceptionLogged",
    actor: author,
    ...(row === null ? { agent: address } : parties(row)),
  });
});
