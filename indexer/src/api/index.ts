/**
 * The indexer's HTTP API: GraphQL and SQL over HTTP on every table, and the trust routes that dashboards,
 * buyers and operators call. Ponder itself serves /health, /ready, /status and /metrics.
 */
import {
  AGENT_ORDER_BY,
  AGENT_STATUSES,
  erc20PermitAbi,
  type AgentListResponse,
  type AgentSummaryResponse,
  type AgentTrustResponse,
  type PactTimelineResponse,
  type PactViewResponse,
  type PendingResponse,
} from "@surety/sdk";
import { db, publicClients } from "ponder:api";
import schema from "ponder:schema";
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { and, asc, client, eq, graphql, gt, inArray, lt, or, sql } from "ponder";
import {
  BaseError,
  ContractFunctionRevertedError,
  ContractFunctionZeroDataError,
  isAddress,
  zeroAddress,
  type Address,
} from "viem";
import { z } from "zod";

import { indexerConfig } from "../../ponder.config.ts";
import { standingProposals } from "../lib/proposals.ts";
import { effectiveStatus } from "../lib/status.ts";
import { amountOf, checksum, jsonSafe, mean, pendingActionsOf, ratio, stored, type TokenInfo } from "./format.ts";

const { agent, agentMoney, history, indexedBlock, pact, payoutCredit, stakePosition } = schema;

const OPEN_STATUSES = ["open", "active", "delivered", "disputed"] as const;

const app = new Hono();

app.use("/graphql", graphql({ db, schema }, { maxOperationDepth: 12, maxOperationTokens: 2_000 }));
app.use("/sql/*", client({ db, schema }));

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                  VALIDATION                                                  */
/* ------------------------------------------------------------------------------------------------------------ */

/** A 400 naming what is wrong with the request. */
class BadRequest extends HTTPException {
  constructor(issues: { parameter: string; message: string }[]) {
    const message = issues.map((issue) => `${issue.parameter} ${issue.message}`).join("; ");
    super(400, { res: Response.json({ error: { code: "bad_request", message, issues } }, { status: 400 }) });
  }
}

class NotFound extends HTTPException {
  constructor(message: string) {
    super(404, { res: Response.json({ error: { code: "not_found", message } }, { status: 404 }) });
  }
}

const addressParam = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), "must be a 0x-prefixed 20-byte address")
  .transform((value) => stored(value));

const chainIdParam = z
  .string()
  .regex(/^\d{1,10}$/, "must be a chain id")
  .transform(Number)
  .optional()
  .transform((value) => value ?? indexerConfig.chainId);

function parse<T extends z.ZodType>(schemaOf: T, input: unknown): z.output<T> {
  const result = schemaOf.safeParse(input);
  if (!result.success) {
    throw new BadRequest(
      result.error.issues.map((issue) => ({
        parameter: issue.path.length === 0 ? "request" : issue.path.join("."),
        message:
          issue.code === "unrecognized_keys" ? `has unknown parameters: ${issue.keys.join(", ")}` : issue.message,
      })),
    );
  }
  return result.data;
}

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                   HELPERS                                                    */
/* ------------------------------------------------------------------------------------------------------------ */

const tokenCache = new Map<string, Promise<TokenInfo>>();

/** Whether a failed read was the token's own answer (no such function), not the RPC failing. */
function tokenRefused(error: unknown): boolean {
  return (
    error instanceof BaseError &&
    error.walk(
      (cause) => cause instanceof ContractFunctionRevertedError || cause instanceof ContractFunctionZeroDataError,
    ) !== null
  );
}

/**
 * The token's symbol and decimals, read once from the chain; null where the token does not answer. A read that
 * failed for another reason (the RPC down) answers null this time and is tried again on the next request.
 */
function tokenInfo(token: string): Promise<TokenInfo> {
  const key = token.toLowerCase();
  let info = tokenCache.get(key);
  if (info === undefined) {
    const address = checksum(token);
    info =
      address === zeroAddress
        ? Promise.resolve({ address, symbol: "ETH", decimals: 18 })
        : (async () => {
            const client = publicClients.surety;
            let retry = false;
            const read = <T>(functionName: "symbol" | "decimals") =>
              client
                .readContract({ address, abi: erc20PermitAbi, functionName })
                .then((value) => value as T)
                .catch((error: unknown) => {
                  if (!tokenRefused(error)) retry = true;
                  return null;
                });
            const [symbol, decimals] = await Promise.all([read<string>("symbol"), read<number>("decimals")]);
            if (retry) tokenCache.delete(key);
            return { address, symbol, decimals: decimals === null ? null : Number(decimals) };
          })();
    tokenCache.set(key, info);
  }
  return info;
}

/** The latest indexed block of the chain: the clock of effective statuses. */
async function clockOf(chainId: number): Promise<{ number: bigint; timestamp: bigint } | null> {
  const [row] = await db.select().from(indexedBlock).where(eq(indexedBlock.chainId, chainId));
  return row === undefined ? null : { number: row.number, timestamp: row.timestamp };
}

function asOf(clock: { number: bigint; timestamp: bigint } | null) {
  return clock === null ? null : { block: clock.number.toString(), timestamp: Number(clock.timestamp) };
}

type PactRow = typeof pact.$inferSelect;

/** A pact as the trust API shows it: the SDK's pact view. */
type PactViewBody = PactViewResponse;

const seconds = (value: bigint | null) => (value === null ? null : Number(value));

async function pactView(row: PactRow, now: bigint): Promise<PactViewBody> {
  const token = await tokenInfo(row.token);
  const stake = await tokenInfo(indexerConfig.deployment.stakeToken);
  const effective = effectiveStatus(row, now);
  // Only what stands now: a split lapses with its status's deadline, a later deadline once the current one passed.
  const proposals = standingProposals(row, now);
  const money = (value: bigint | null, info = token) => (value === null ? null : amountOf(info, value));
  return {
    chainId: row.chainId,
    pactId: row.pactId.toString(),
    status: row.status,
    effectiveStatus: effective.status,
    deadline: effective.deadline,
    buyer: checksum(row.buyer),
    agent: checksum(row.agent),
    arbiter: checksum(row.arbiter),
    tokenListed: row.tokenListed,
    price: amountOf(token, row.price),
    arbiterFee: amountOf(token, row.arbiterFee),
    collateral: amountOf(stake, row.collateral),
    penalty: amountOf(stake, row.penalty),
    acceptBy: Number(row.acceptBy),
    deliverBy: Number(row.deliverBy),
    reviewPeriod: Number(row.reviewPeriod),
    rulingPeriod: Number(row.rulingPeriod),
    defaultBuyerBps: row.defaultBuyerBps,
    termsHash: row.termsHash,
    offerNonce: row.offerNonce?.toString() ?? null,
    deliveryHash: row.deliveryHash,
    disputeReasonHash: row.disputeReasonHash,
    rulingHash: row.rulingHash,
    buyerBps: row.buyerBps,
    toBuyer: money(row.toBuyer),
    toAgent: money(row.toAgent),
    slashed: money(row.slashed, stake),
    arbiterFeePaid: money(row.arbiterFeePaid),
    proposals: {
      buyerBps: proposals.buyerBps,
      buyerSplitAt: seconds(proposals.buyerSplitAt),
      agentBps: proposals.agentBps,
      agentSplitAt: seconds(proposals.agentSplitAt),
      buyerDeliverBy: seconds(proposals.buyerDeliverBy),
      agentDeliverBy: seconds(proposals.agentDeliverBy),
    },
    extensions: row.extensions,
    settledByAgreement: row.settledByAgreement,
    refundedByAgent: row.refundedByAgent,
    heldUntil: seconds(row.heldUntil),
    courtUnfunded: row.courtUnfunded,
    createdAt: Number(row.createdAt),
    acceptedAt: seconds(row.acceptedAt),
    deliveredAt: seconds(row.deliveredAt),
    disputedAt: seconds(row.disputedAt),
    settledAt: seconds(row.settledAt),
    updatedAt: Number(row.updatedAt),
    createdBlock: row.createdBlock.toString(),
    createdTransaction: row.createdTransaction,
  };
}

/** The latest indexed block's time, as a subquery: lets a query use the clock without a round trip of its own. */
const clockSql = (chainId: number) =>
  sql<bigint>`(select ${indexedBlock.timestamp} from ${indexedBlock} where ${indexedBlock.chainId} = ${chainId})`;

/** Active pacts of the agent past their delivery deadline as of `now`: missed deliveries not yet refunded. */

async function overdueCounts(chainId: number, agents: Address[]): Promise<Map<string, number>> {
  if (agents.length === 0) return new Map();
  const rows = await db
    .select({ agent: pact.agent, count: sql<number>`count(*)::int` })
    .from(pact)
    .where(
      and(
        eq(pact.chainId, chainId),
        inArray(pact.agent, agents),
        eq(pact.status, "active"),
        eq(pact.tokenListed, true),
        lt(pact.deliverBy, clockSql(chainId)),
      ),
    )
    .groupBy(pact.agent);
  return new Map(rows.map((row) => [row.agent.toLowerCase(), Number(row.count)]));
}

type AgentRow = typeof agent.$inferSelect;
type StakeRow = typeof stakePosition.$inferSelect;

async function summary(row: AgentRow, stake: StakeRow | null, overdueNow: number): Promise<AgentSummaryResponse> {
  const stakeToken = await tokenInfo(indexerConfig.deployment.stakeToken);
  const locked = stake?.locked ?? 0n;
  const free = stake?.free ?? 0n;
  const settled =
    row.pactsReleased +
    row.pactsFinalized +
    row.pactsRefunded +
    row.settledByAgreement +
    row.disputesRuled +
    row.disputesAbstained +
    row.disputesDefaulted;
  const missed = row.pactsRefunded + overdueNow;
  return {
    chainId: row.chainId,
    address: checksum(row.address),
    status: row.status,
    statusSince: Number(row.statusSince),
    stake: {
      staked: amountOf(stakeToken, stake?.staked ?? 0n),
      bonded: amountOf(stakeToken, stake?.bonded ?? 0n),
      locked: amountOf(stakeToken, locked),
      queued: amountOf(stakeToken, stake?.queued ?? 0n),
      readyAt: Number(stake?.readyAt ?? 0n),
      free: amountOf(stakeToken, free),
    },
    /** Free stake over locked collateral; null while nothing is locked. */
    coverage: ratio(free, locked),
    cap: row.status === "good" || row.status === "warned" ? null : amountOf(stakeToken, row.cap),
    pacts: {
      offered: row.pactsOffered,
      accepted: row.pactsAccepted,
      fromOffers: row.pactsFromOffers,
      delivered: row.pactsDelivered,
      deliveredOnTime: row.deliveredOnTime,
      released: row.pactsReleased,
      finalized: row.pactsFinalized,
      refundedAfterMissedDelivery: row.pactsRefunded,
      refundedByAgent: row.refundedByAgent,
      settledByAgreement: row.settledByAgreement,
      extensionsGranted: row.extensionsGranted,
      cancelled: row.pactsCancelled,
      reclaimed: row.pactsReclaimed,
      open: row.pactsOpen,
      overdueNow,
      settled,
      unlistedToken: row.unlistedPacts,
    },
    disputes: {
      opened: row.disputesOpened,
      ruled: row.disputesRuled,
      abstained: row.disputesAbstained,
      defaulted: row.disputesDefaulted,
      lost: row.disputesLost,
    },
    slashes: { count: row.slashes, total: amountOf(stakeToken, row.slashedTotal) },
    rates: {
      /** Delivered by the deadline over delivered plus missed (refunded, by claim or by the agent, or overdue now). */
      onTime: ratio(row.deliveredOnTime, row.pactsDelivered + missed),
      dispute: ratio(row.disputesOpened, row.pactsAccepted),
      slash: ratio(row.slashes, row.pactsAccepted),
    },
    meanSeconds: {
      acceptanceToDelivery: mean(row.acceptToDeliverySeconds, row.acceptToDeliveryCount),
      deliveryToSettlement: mean(row.deliveryToSettlementSeconds, row.deliveryToSettlementCount),
      disputeToRuling: mean(row.disputeToRulingSeconds, row.disputeToRulingCount),
    },
    distinctBuyers: row.distinctBuyers,
    distinctArbiters: row.distinctArbiters,
    flags: [
      ...(row.unlistedPacts > 0 ? ["unlisted-token-pacts"] : []),
      ...(row.unansweredSignalAt !== null ? ["unanswered-signal"] : []),
      ...(overdueNow > 0 ? ["overdue-deliveries"] : []),
    ],
    firstSeenAt: Number(row.firstSeenAt),
    lastEventAt: Number(row.lastEventAt),
  };
}

/** Sends an answer of the trust API's shape (the SDK's schemas), bigints as decimal strings. */
function sendJson<T>(c: Context, body: T) {
  return c.json(jsonSafe(body) as object, 200);
}

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                    ROUTES                                                    */
/* ------------------------------------------------------------------------------------------------------------ */

app.get("/agents/:address/trust", async (c) => {
  const { address, chainId } = parse(z.strictObject({ address: addressParam, chainId: chainIdParam }), {
    ...c.req.query(),
    address: c.req.param("address"),
  });
  // Every read at once: one round of queries, whatever the database.
  const [[row], clock, [stake], money, ladder, overdue] = await Promise.all([
    db
      .select()
      .from(agent)
      .where(and(eq(agent.chainId, chainId), eq(agent.address, address))),
    clockOf(chainId),
    db
      .select()
      .from(stakePosition)
      .where(and(eq(stakePosition.chainId, chainId), eq(stakePosition.agent, address))),
    db
      .select()
      .from(agentMoney)
      .where(and(eq(agentMoney.chainId, chainId), eq(agentMoney.agent, address))),
    db
      .select()
      .from(history)
      .where(and(eq(history.chainId, chainId), eq(history.agent, address), eq(history.kind, "AgentStatusChanged")))
      .orderBy(asc(history.blockNumber), asc(history.logIndex)),
    overdueCounts(chainId, [address]),
  ]);
  if (row === undefined) throw new NotFound(`No agent ${checksum(address)} on chain ${chainId}.`);
  const stakeToken = await tokenInfo(indexerConfig.deployment.stakeToken);
  const base = await summary(row, stake ?? null, overdue.get(address) ?? 0);
  return sendJson<AgentTrustResponse>(c, {
    ...base,
    asOf: asOf(clock),
    ladder: {
      status: row.status,
      since: Number(row.statusSince),
      reasonHash: row.statusReasonHash,
      operator: row.statusOperator === null ? null : checksum(row.statusOperator),
      frozenUntil: Number(row.frozenUntil),
      steps: row.ladderSteps,
      recertifications: row.recertifications,
      unansweredSignalAt: row.unansweredSignalAt === null ? null : Number(row.unansweredSignalAt),
      history: ladder.map((step) => {
        const args = step.args as { status: string; cap: string; frozenUntil: string; reasonHash: string };
        return {
          status: AGENT_STATUSES[Number(args.status)]!,
          cap: amountOf(stakeToken, BigInt(args.cap)),
          frozenUntil: Number(args.frozenUntil),
          reasonHash: args.reasonHash,
          operator: checksum(step.actor),
          timestamp: Number(step.timestamp),
          transactionHash: step.transactionHash,
        };
      }),
    },
    money: await Promise.all(
      money.map(async (item) => {
        const token = await tokenInfo(item.token);
        return {
          token: token.address,
          symbol: token.symbol,
          listed: true,
          earned: amountOf(token, item.earned),
          refundedToBuyers: amountOf(token, item.refundedToBuyers),
          awardedByRulings: amountOf(token, item.awardedByRulings),
        };
      }),
    ),
  });
});

const ORDER_BY: Record<(typeof AGENT_ORDER_BY)[number], ReturnType<typeof sql>> = {
  stake: sql`coalesce(${stakePosition.staked}, 0)`,
  free: sql`coalesce(${stakePosition.free}, 0)`,
  locked: sql`coalesce(${stakePosition.locked}, 0)`,
  coverage: sql`(coalesce(${stakePosition.free}, 0)::numeric / nullif(${stakePosition.locked}, 0))`,
  accepted: sql`${agent.pactsAccepted}`,
  settled: sql`(${agent.pactsReleased} + ${agent.pactsFinalized} + ${agent.pactsRefunded} + ${agent.settledByAgreement} + ${agent.disputesRuled} + ${agent.disputesAbstained} + ${agent.disputesDefaulted})`,
  disputes: sql`${agent.disputesOpened}`,
  slashed: sql`${agent.slashedTotal}`,
  onTime: sql`(${agent.deliveredOnTime}::numeric / nullif(${agent.pactsDelivered} + ${agent.pactsRefunded}, 0))`,
  status: sql`${agent.status}`,
  lastEvent: sql`${agent.lastEventAt}`,
} as const;

app.get("/agents", async (c) => {
  const query = parse(
    z.strictObject({
      chainId: chainIdParam,
      orderBy: z.enum(AGENT_ORDER_BY, { error: `must be one of ${AGENT_ORDER_BY.join(", ")}` }).default("settled"),
      order: z.enum(["asc", "desc"], { error: "must be asc or desc" }).default("desc"),
      status: z
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
          return statuses as (typeof agent.$inferSelect)["status"][];
        }),
      limit: z
        .string()
        .regex(/^\d+$/, "must be a whole number")
        .transform(Number)
        .refine((value) => value >= 1 && value <= 200, "must be between 1 and 200")
        .default(50),
      offset: z
        .string()
        .regex(/^\d+$/, "must be a whole number")
        .transform(Number)
        .refine((value) => value <= 1_000_000, "must be at most 1000000")
        .default(0),
      includeInactive: z.enum(["true", "false"], { error: "must be true or false" }).default("false"),
    }),
    c.req.query(),
  );
  const expression = ORDER_BY[query.orderBy];
  const direction = query.order === "asc" ? sql`${expression} asc nulls last` : sql`${expression} desc nulls last`;
  const rows = await db
    .select({ agent, stake: stakePosition })
    .from(agent)
    .leftJoin(stakePosition, and(eq(stakePosition.chainId, agent.chainId), eq(stakePosition.agent, agent.address)))
    .where(
      and(
        eq(agent.chainId, query.chainId),
        query.status === undefined ? undefined : inArray(agent.status, query.status),
        query.includeInactive === "true"
          ? undefined
          : or(gt(agent.pactsAccepted, 0), gt(sql`coalesce(${stakePosition.staked}, 0)`, 0), gt(agent.ladderSteps, 0)),
      ),
    )
    .orderBy(direction, asc(agent.address))
    .limit(query.limit + 1)
    .offset(query.offset);
  const clock = await clockOf(query.chainId);
  const page = rows.slice(0, query.limit);
  const overdue = await overdueCounts(
    query.chainId,
    page.map((item) => item.agent.address),
  );
  return sendJson<AgentListResponse>(c, {
    asOf: asOf(clock),
    orderBy: query.orderBy,
    order: query.order,
    offset: query.offset,
    limit: query.limit,
    hasMore: rows.length > query.limit,
    agents: await Promise.all(
      page.map((item) => summary(item.agent, item.stake, overdue.get(item.agent.address.toLowerCase()) ?? 0)),
    ),
  });
});

app.get("/parties/:address/pending", async (c) => {
  const { address, chainId } = parse(z.strictObject({ address: addressParam, chainId: chainIdParam }), {
    ...c.req.query(),
    address: c.req.param("address"),
  });
  const clock = await clockOf(chainId);
  const now = clock?.timestamp ?? 0n;
  const [pacts, credits, [stake]] = await Promise.all([
    db
      .select()
      .from(pact)
      .where(
        and(
          eq(pact.chainId, chainId),
          inArray(pact.status, [...OPEN_STATUSES]),
          or(eq(pact.buyer, address), eq(pact.agent, address), eq(pact.arbiter, address)),
        ),
      )
      .orderBy(asc(pact.pactId))
      .limit(1_000),
    db
      .select()
      .from(payoutCredit)
      .where(and(eq(payoutCredit.chainId, chainId), eq(payoutCredit.account, address), gt(payoutCredit.owed, 0n))),
    db
      .select()
      .from(stakePosition)
      .where(and(eq(stakePosition.chainId, chainId), eq(stakePosition.agent, address))),
  ]);

  const actions: PendingResponse["actions"] = [];
  for (const row of pacts) {
    const view = await pactView(row, now);
    for (const item of pendingActionsOf(row, effectiveStatus(row, now), address, now)) {
      actions.push({ ...item, pact: view });
    }
  }
  actions.sort((a, b) => (a.deadline ?? Number.MAX_SAFE_INTEGER) - (b.deadline ?? Number.MAX_SAFE_INTEGER));

  const withdrawal =
    stake !== undefined && stake.queued > 0n
      ? {
          action: "withdraw-stake" as const,
          amount: amountOf(await tokenInfo(indexerConfig.deployment.stakeToken), stake.queued),
          readyAt: Number(stake.readyAt),
          ready: stake.readyAt <= now,
        }
      : null;
  return sendJson<PendingResponse>(c, {
    address: checksum(address),
    chainId,
    asOf: asOf(clock),
    actions,
    claims: await Promise.all(
      credits.map(async (credit) => ({
        action: "claim-payout",
        owed: amountOf(await tokenInfo(credit.token), credit.owed),
      })),
    ),
    withdrawal,
  });
});

app.get("/pacts/:pactId", async (c) => {
  const { pactId, chainId } = parse(
    z.strictObject({
      pactId: z
        .string()
        .regex(/^\d{1,78}$/, "must be a pact id (a whole number)")
        .transform(BigInt),
      chainId: chainIdParam,
    }),
    { ...c.req.query(), pactId: c.req.param("pactId") },
  );
  const [row] = await db
    .select()
    .from(pact)
    .where(and(eq(pact.chainId, chainId), eq(pact.pactId, pactId)));
  if (row === undefined) throw new NotFound(`No pact ${pactId} on chain ${chainId}.`);
  const clock = await clockOf(chainId);
  const events = await db
    .select()
    .from(history)
    .where(and(eq(history.chainId, chainId), eq(history.pactId, pactId)))
    .orderBy(asc(history.blockNumber), asc(history.logIndex));
  return sendJson<PactTimelineResponse>(c, {
    asOf: asOf(clock),
    pact: await pactView(row, clock?.timestamp ?? 0n),
    timeline: await Promise.all(
      events.map(async (event) => ({
        kind: event.kind,
        actor: checksum(event.actor),
        account: event.account === null ? null : checksum(event.account),
        amount:
          event.token === null || event.amount === null ? null : amountOf(await tokenInfo(event.token), event.amount),
        args: event.args,
        blockNumber: event.blockNumber.toString(),
        timestamp: Number(event.timestamp),
        transactionHash: event.transactionHash,
        logIndex: event.logIndex,
      })),
    ),
  });
});

app.onError((error, c) => {
  if (error instanceof HTTPException) return error.getResponse();
  console.error(error);
  return c.json({ error: { code: "internal", message: "The indexer could not answer this request." } }, 500);
});

export default app;
