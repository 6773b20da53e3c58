/**
 * GET /agents/:address/trust (one agent's trust record in one call: with its reviews, exception notes, recovery and
 * evidence) and GET /agents (agents ranked by a column of
 * their record, filtered by ladder status). The ranking's settled and on-time expressions are rates.ts's, the same
 * definitions the trust record's numbers come from.
 */
import {
  AGENT_ORDER_BY,
  AGENT_STATUSES,
  type AgentListResponse,
  type AgentStatus,
  type AgentTrustResponse,
} from "@surety/sdk";
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { and, asc, desc, eq, gt, inArray, or, sql } from "ponder";
import { z } from "zod";

import { indexerConfig } from "../../../ponder.config.ts";
import { asOf, clockOf } from "../clock.ts";
import { checksum } from "../format.ts";
import { evidenceView, exceptionEntry, recoveryView, reviewEntry } from "../loop.ts";
import { addressParam, chainIdParam, NotFound, parse, wholeParam } from "../params.ts";
import { onTimeSql, overdueSql, settledSql, type SQL } from "../rates.ts";
import { stakeTokenInfo } from "../tokens.ts";
import { agentSummary, ladderView, moneyView, sendJson } from "../views.ts";

const {
  agent,
  agentBuyerValue,
  agentOutcome,
  agentReview,
  agentTokenTotal,
  exceptionNote,
  historyEvent,
  stakePosition,
} = schema;

/** Whether one token is listed: the usual deployment, where an agent's buyers are counted on its one outcome row. */
const SINGLE_TOKEN = indexerConfig.listedTokens.length === 1;

/** The newest reviews and notes the trust record lists. */
const HISTORY_LIMIT = 100;

export const agents = new Hono();

agents.get("/:address/trust", async (c) => {
  const { address, chainId } = parse(z.strictObject({ address: addressParam, chainId: chainIdParam }), {
    ...c.req.query(),
    address: c.req.param("address"),
  });
  // Every read at once: one round of queries, whatever the database.
  const [[found], clock, [stake], money, ladder, reviews, notes, evidence, [buyers]] = await Promise.all([
    db
      .select({ row: agent, overdue: overdueSql })
      .from(agent)
      .where(and(eq(agent.chainId, chainId), eq(agent.address, address))),
    clockOf(chainId),
    db
      .select()
      .from(stakePosition)
      .where(and(eq(stakePosition.chainId, chainId), eq(stakePosition.agent, address))),
    db
      .select()
      .from(agentTokenTotal)
      .where(and(eq(agentTokenTotal.chainId, chainId), eq(agentTokenTotal.agent, address))),
    db
      .select()
      .from(historyEvent)
      .where(
        and(
          eq(historyEvent.chainId, chainId),
          eq(historyEvent.agent, address),
          eq(historyEvent.kind, "AgentStatusChanged"),
        ),
      )
      .orderBy(asc(historyEvent.blockNumber), asc(historyEvent.logIndex)),
    db
      .select()
      .from(agentReview)
      .where(and(eq(agentReview.chainId, chainId), eq(agentReview.agent, address)))
      .orderBy(desc(agentReview.timestamp), desc(agentReview.blockNumber), desc(agentReview.logIndex))
      .limit(HISTORY_LIMIT),
    db
      .select()
      .from(exceptionNote)
      .where(and(eq(exceptionNote.chainId, chainId), eq(exceptionNote.agent, address)))
      .orderBy(desc(exceptionNote.timestamp), desc(exceptionNote.blockNumber), desc(exceptionNote.logIndex))
      .limit(HISTORY_LIMIT),
    db
      .select()
      .from(agentOutcome)
      .where(and(eq(agentOutcome.chainId, chainId), eq(agentOutcome.agent, address))),
    // Buyers of settled pacts over every listed token; with one listed token, its outcome row counts them already.
    SINGLE_TOKEN
      ? []
      : db
          .select({ count: sql<number>`count(distinct ${agentBuyerValue.buyer})::int` })
          .from(agentBuyerValue)
          .where(and(eq(agentBuyerValue.chainId, chainId), eq(agentBuyerValue.agent, address))),
  ]);
  if (found === undefined) throw new NotFound(`No agent ${checksum(address)} on chain ${chainId}.`);
  const row = found.row;
  const stakeToken = await stakeTokenInfo();
  const history = reviews.map((review) => reviewEntry(review, stakeToken));
  return sendJson<AgentTrustResponse>(c, {
    ...(await agentSummary(row, stake ?? null, Number(found.overdue))),
    asOf: asOf(clock),
    ladder: await ladderView(row, ladder),
    money: await Promise.all(money.map(moneyView)),
    reviews: { count: row.reviewsRecorded, changedScope: row.reviewsChanged, latest: history[0] ?? null, history },
    exceptions: { count: row.exceptionsLogged, history: notes.map(exceptionEntry) },
    recovery: recoveryView(row, clock?.timestamp ?? row.lastEventAt),
    evidence: await evidenceView(
      evidence,
      SINGLE_TOKEN ? (evidence[0]?.distinctBuyers ?? 0) : Number(buyers?.count ?? 0),
    ),
  });
});

/** What each `orderBy` sorts by, in SQL over the agent and its stake position. */
const ORDER_BY: Record<(typeof AGENT_ORDER_BY)[number], SQL> = {
  stake: sql`coalesce(${stakePosition.staked}, 0)`,
  free: sql`coalesce(${stakePosition.free}, 0)`,
  locked: sql`coalesce(${stakePosition.locked}, 0)`,
  coverage: sql`(coalesce(${stakePosition.free}, 0)::numeric / nullif(${stakePosition.locked}, 0))`,
  accepted: sql`${agent.pactsAccepted}`,
  settled: settledSql,
  disputes: sql`${agent.disputesOpened}`,
  slashed: sql`${agent.slashedTotal}`,
  onTime: onTimeSql,
  status: sql`${agent.status}`,
  lastEvent: sql`${agent.lastEventAt}`,
};

/** A comma-separated list of ladder statuses, each one of the SDK's AGENT_STATUSES. */
const statusesParam = z
  .string()
  .optional()
  .transform((value, context) => {
    if (value === undefined) return undefined;
    const statuses = value.split(",");
    const known: readonly string[] = AGENT_STATUSES;
    const unknown = statuses.filter((status) => !known.includes(status));
    if (unknown.length > 0) {
      context.addIssue({
        code: "custom",
        message: `has unknown statuses ${unknown.join(", ")}: use ${known.join(", ")}`,
      });
    }
    return statuses as AgentStatus[];
  });

const listQuery = z.strictObject({
  chainId: chainIdParam,
  orderBy: z.enum(AGENT_ORDER_BY, { error: `must be one of ${AGENT_ORDER_BY.join(", ")}` }).default("settled"),
  order: z.enum(["asc", "desc"], { error: "must be asc or desc" }).default("desc"),
  status: statusesParam,
  limit: wholeParam.refine((value) => value >= 1 && value <= 200, "must be between 1 and 200").default(50),
  offset: wholeParam.refine((value) => value <= 1_000_000, "must be at most 1000000").default(0),
  includeInactive: z.enum(["true", "false"], { error: "must be true or false" }).default("false"),
});

agents.get("/", async (c) => {
  const query = parse(listQuery, c.req.query());
  const expression = ORDER_BY[query.orderBy];
  const direction = query.order === "asc" ? sql`${expression} asc nulls last` : sql`${expression} desc nulls last`;
  const [rows, clock] = await Promise.all([
    db
      .select({ agent, stake: stakePosition, overdue: overdueSql })
      .from(agent)
      .leftJoin(stakePosition, and(eq(stakePosition.chainId, agent.chainId), eq(stakePosition.agent, agent.address)))
      .where(
        and(
          eq(agent.chainId, query.chainId),
          query.status === undefined ? undefined : inArray(agent.status, query.status),
          query.includeInactive === "true"
            ? undefined
            : or(
                gt(agent.pactsAccepted, 0),
                gt(sql`coalesce(${stakePosition.staked}, 0)`, 0),
                gt(agent.ladderSteps, 0),
              ),
        ),
      )
      .orderBy(direction, asc(agent.address))
      .limit(query.limit + 1)
      .offset(query.offset),
    clockOf(query.chainId),
  ]);
  const page = rows.slice(0, query.limit);
  return sendJson<AgentListResponse>(c, {
    asOf: asOf(clock),
    orderBy: query.orderBy,
    order: query.order,
    offset: query.offset,
    limit: query.limit,
    hasMore: rows.length > query.limit,
    agents: await Promise.all(page.map((item) => agentSummary(item.agent, item.stake, Number(item.overdue)))),
  });
});
