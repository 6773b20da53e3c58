/**
 * A client of the indexer's trust API: an agent's trust record, a ranked list of agents, a pact's timeline, what
 * waits on an address, and the operator's weekly review (one week's signals and agents, or the trend over weeks).
 * Parameters are checked before any request; answers are parsed into typed values (amounts' base units as bigints,
 * addresses checksummed).
 */
import type { Address } from "viem";
import { z } from "zod";

import { NotFoundError } from "../errors/notFound.ts";
import { RequestError } from "../errors/request.ts";
import { TrustApiError } from "../errors/trustApi.ts";
import { parseParameters } from "../schemas/parse.ts";
import { AGENT_STATUSES, type AgentStatus } from "../types.ts";
import { addressSchema } from "../utils/address.ts";
import { parseIsoWeek } from "../utils/isoWeek.ts";
import {
  agentListSchema,
  agentTrustSchema,
  apiErrorSchema,
  pactTimelineSchema,
  pendingSchema,
  reviewTrendSchema,
  reviewWeekSchema,
  type AgentList,
  type AgentTrust,
  type PactTimeline,
  type Pending,
  type ReviewTrend,
  type ReviewWeek,
} from "./schemas.ts";

/** What `listAgents` can rank by. */
export const AGENT_ORDER_BY = [
  "settled",
  "accepted",
  "stake",
  "free",
  "locked",
  "coverage",
  "disputes",
  "slashed",
  "onTime",
  "status",
  "lastEvent",
] as const;

export type AgentOrderBy = (typeof AGENT_ORDER_BY)[number];

export type TrustClientOptions = {
  /** The indexer's base URL, such as http://127.0.0.1:42069. */
  url: string;
  /** The chain to ask about, when the indexer serves several; default the indexer's own. */
  chainId?: number;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
};

export type ListAgentsParameters = {
  orderBy?: AgentOrderBy;
  order?: "asc" | "desc";
  /** Only agents at these steps of the ladder. */
  status?: readonly AgentStatus[];
  /** 1 to 200; default 50. */
  limit?: number;
  offset?: number;
  /** Also agents that never accepted a pact, staked or had a ladder step (such as ones named only in spam pacts). */
  includeInactive?: boolean;
};

/** The most weeks a review trend covers. */
export const MAX_REVIEW_TREND_WEEKS = 52;

export type GetReviewTrendParameters = {
  /** How many weeks, ending with the current one: 1 to 52; default the indexer's (8). */
  weeks?: number;
};

export type TrustClient = {
  readonly url: string;
  /** The agent's trust record. @throws NotFoundError when the indexer has never seen the agent. */
  getAgentTrust: (agent: Address) => Promise<AgentTrust>;
  /** A page of agents, ranked. */
  listAgents: (parameters?: ListAgentsParameters) => Promise<AgentList>;
  /** The pact with its effective status and every event of it, in order. @throws NotFoundError */
  getPactTimeline: (pactId: bigint | number | string) => Promise<PactTimeline>;
  /** What waits on the address's action, as buyer, agent or arbiter, with deadlines; payouts and stake to claim. */
  getPending: (address: Address) => Promise<Pending>;
  /**
   * One week's review: the deployment's signals and the table of agents, undecided ones first. `week` is an ISO week
   * label such as "2026-W49", or "current" (the default): the week of the latest indexed block.
   * @throws InvalidParametersError for a label that names no ISO week, before any request.
   * @throws NotFoundError when the week starts after the latest indexed block.
   */
  getReviewWeek: (week?: string) => Promise<ReviewWeek>;
  /** The deployment's weekly signals for the latest weeks, oldest first, ending with the current week. */
  getReviewTrend: (parameters?: GetReviewTrendParameters) => Promise<ReviewTrend>;
};

const addressParameter = addressSchema();

const listSchema = z.strictObject({
  orderBy: z.enum(AGENT_ORDER_BY, { error: `must be one of ${AGENT_ORDER_BY.join(", ")}` }).optional(),
  order: z.enum(["asc", "desc"], { error: "must be asc or desc" }).optional(),
  status: z
    .array(z.enum(AGENT_STATUSES, { error: `must be one of ${AGENT_STATUSES.join(", ")}` }))
    .min(1, "must name at least one status")
    .optional(),
  limit: z
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(200, "must be at most 200")
    .optional(),
  offset: z.number().int("must be a whole number").min(0, "must not be negative").optional(),
  includeInactive: z.boolean({ error: "must be true or false" }).optional(),
});

/** "current", or an ISO week label naming a week that exists (checked as the indexer checks it). */
const weekParameter = z
  .string({ error: 'must be an ISO week label such as "2026-W49", or "current"' })
  .superRefine((value, ctx) => {
    const problem = value === "current" ? undefined : parseIsoWeek(value).problem;
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });

const trendSchema = z.strictObject({
  weeks: z
    .number({ error: "must be a whole number of weeks" })
    .int("must be a whole number of weeks")
    .min(1, "must be at least 1")
    .max(MAX_REVIEW_TREND_WEEKS, `must be at most ${MAX_REVIEW_TREND_WEEKS}`)
    .optional(),
});

const pactIdParameter = z.union([
  z.bigint().nonnegative("must not be negative"),
  z.number().int("must be a whole number").nonnegative("must not be negative"),
  z.string().regex(/^\d+$/, "must be a whole number"),
]);

/**
 * Creates a client of the indexer's trust API.
 * @example
 * const trust = createTrustClient({ url: "http://127.0.0.1:42069" });
 * const record = await trust.getAgentTrust("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
 * if (record.status !== "good" || (record.rates.onTime ?? 1) < 0.9) console.log("think twice");
 */
export function createTrustClient(options: TrustClientOptions): TrustClient {
  const { url: base } = parseParameters(
    "createTrustClient",
    z.object({
      url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
      chainId: z.number().int().positive("must be a chain id").optional(),
      timeoutMs: z.number().int().positive("must be a positive number of milliseconds").optional(),
    }),
    options,
  );
  const root = base.replace(/\/+$/, "");
  const fetchFn = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function get<T>(
    action: string,
    path: string,
    query: Record<string, string | undefined>,
    schema: z.ZodType<T>,
    notFound: () => NotFoundError,
  ): Promise<T> {
    const search = new URLSearchParams();
    if (options.chainId !== undefined) search.set("chainId", String(options.chainId));
    for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, value);
    const url = `${root}${path}${search.size === 0 ? "" : `?${search}`}`;
    let response: Response;
    let body: unknown;
    try {
      response = await fetchFn(url, {
        signal: AbortSignal.timeout(timeoutMs),
        headers: { accept: "application/json" },
      });
      body = await response.json().catch(() => undefined);
    } catch (error) {
      throw new RequestError({ action, cause: error });
    }
    if (response.status === 404 && apiErrorSchema.safeParse(body).success) throw notFound();
    if (!response.ok) {
      const error = apiErrorSchema.safeParse(body);
      throw new TrustApiError({
        status: response.status,
        url,
        code: error.success ? error.data.error.code : "http_error",
        message: error.success ? error.data.error.message : `${action} failed`,
      });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new TrustApiError({
        status: 0,
        url,
        code: "malformed_response",
        message: `${action} got an answer that is not the trust API's shape: ${parsed.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join(".")} ${issue.message}`)
          .join("; ")}`,
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  return {
    url: root,
    getAgentTrust: async (agent) => {
      const address = parseParameters("getAgentTrust", z.object({ agent: addressParameter }), { agent }).agent;
      return get(
        "getAgentTrust",
        `/agents/${address}/trust`,
        {},
        agentTrustSchema,
        () =>
          new NotFoundError({
            resource: "agent",
            id: address,
            message: `The indexer at ${root} has never seen agent ${address}.`,
          }),
      );
    },
    listAgents: async (parameters = {}) => {
      const input = parseParameters("listAgents", listSchema, parameters);
      return get(
        "listAgents",
        "/agents",
        {
          orderBy: input.orderBy,
          order: input.order,
          status: input.status?.join(","),
          limit: input.limit?.toString(),
          offset: input.offset?.toString(),
          includeInactive: input.includeInactive?.toString(),
        },
        agentListSchema,
        () => new NotFoundError({ resource: "agent", id: "", message: `The indexer at ${root} has no agent list.` }),
      );
    },
    getPactTimeline: async (pactId) => {
      const id = String(parseParameters("getPactTimeline", z.object({ pactId: pactIdParameter }), { pactId }).pactId);
      return get(
        "getPactTimeline",
        `/pacts/${id}`,
        {},
        pactTimelineSchema,
        () => new NotFoundError({ resource: "pact", id, message: `The indexer at ${root} has no pact ${id}.` }),
      );
    },
    getPending: async (address) => {
      const account = parseParameters("getPending", z.object({ address: addressParameter }), { address }).address;
      return get(
        "getPending",
        `/parties/${account}/pending`,
        {},
        pendingSchema,
        () =>
          new NotFoundError({
            resource: "agent",
            id: account,
            message: `The indexer at ${root} has no route for ${account}.`,
          }),
      );
    },
    getReviewWeek: async (week = "current") => {
      const label = parseParameters("getReviewWeek", z.object({ week: weekParameter }), { week }).week;
      return get(
        "getReviewWeek",
        `/review/${label}`,
        {},
        reviewWeekSchema,
        () =>
          new NotFoundError({
            resource: "week",
            id: label,
            message: `The indexer at ${root} has no review of week ${label}: it starts after the latest indexed block.`,
          }),
      );
    },
    getReviewTrend: async (parameters = {}) => {
      const input = parseParameters("getReviewTrend", trendSchema, parameters);
      return get(
        "getReviewTrend",
        "/review",
        { weeks: input.weeks?.toString() },
        reviewTrendSchema,
        () => new NotFoundError({ resource: "week", id: "", message: `The indexer at ${root} has no review route.` }),
      );
    },
  };
}
