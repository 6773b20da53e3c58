/**
 * The dashboard's only source: the indexer's public HTTP API. The trust and review routes through the SDK's trust
 * client, which parses every answer; GraphQL for what has no route (arbiters, stake and event history). Failures
 * become the errors the pages show.
 */
import {
  createTrustClient,
  NotFoundError,
  RequestError,
  type ReviewTrend,
  type ReviewWeek,
  type TrustClient,
} from "@surety/sdk";

import type { TokenUnits } from "./format.ts";

/** The indexer did not answer at all: not running, wrong URL, or blocked. */
export class UnreachableError extends Error {
  override name = "UnreachableError" as const;
  readonly url: string;

  constructor(url: string, cause: unknown) {
    super(`The indexer at ${url} did not answer: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.url = url;
  }
}

/** The indexer answers but is still indexing the chain (its /ready is not 200 yet). */
export class NotReadyError extends Error {
  override name = "NotReadyError" as const;
  readonly url: string;

  constructor(url: string) {
    super(`The indexer at ${url} is running but has not caught up with the chain yet.`);
    this.url = url;
  }
}

/** Something the page asked about does not exist in the index. */
export class MissingError extends Error {
  override name = "MissingError" as const;
  /** What was looked for: agent, pact or arbiter. */
  readonly what: string;

  constructor(what: string, message: string) {
    super(message);
    this.what = what;
  }
}

export type StakeToken = TokenUnits & { address: string | null };

export type Api = {
  url: string;
  trust: TrustClient;
  /** A GraphQL query; rejects with the server's first error message. */
  graphql: <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;
  /** Rejects with UnreachableError or NotReadyError unless the indexer is ready. */
  ready: () => Promise<void>;
  /** The stake token's decimals and symbol, read once from the trust API. */
  stakeToken: () => Promise<StakeToken>;
  /** The operator's weekly review: a week's table (an ISO week label or "current"), and the latest weeks' signals. */
  review: {
    week: (isoWeek: string) => Promise<ReviewWeek>;
    trend: (weeks: number) => Promise<ReviewTrend>;
  };
};

export function createApi(url: string): Api {
  const root = url.replace(/\/+$/, "");
  const trust = createTrustClient({ url: root, timeoutMs: 15_000 });
  let stakeToken: Promise<StakeToken> | undefined;

  async function request(path: string, init?: RequestInit): Promise<Response> {
    try {
      return await fetch(`${root}${path}`, { ...init, signal: AbortSignal.timeout(15_000) });
    } catch (error) {
      throw new UnreachableError(root, error);
    }
  }

  const guarded = wrap(trust, root);
  const api: Api = {
    url: root,
    trust: guarded,
    review: {
      week: (isoWeek) => guarded.getReviewWeek(isoWeek),
      trend: (weeks) => guarded.getReviewTrend({ weeks }),
    },
    graphql: async <T>(query: string, variables: Record<string, unknown> = {}) => {
      const response = await request("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json().catch(() => null)) as { data?: T; errors?: { message: string }[] } | null;
      if (body?.errors?.length) throw new Error(`The indexer's GraphQL answered: ${body.errors[0]!.message}`);
      if (!response.ok || body?.data === undefined) {
        throw new Error(`The indexer's GraphQL answered ${response.status} ${response.statusText}`);
      }
      return body.data;
    },
    ready: async () => {
      const response = await request("/ready");
      if (response.status !== 200) throw new NotReadyError(root);
    },
    stakeToken: () => {
      stakeToken ??= trust.listAgents({ limit: 1, includeInactive: true }).then(({ agents: [first] }) => ({
        address: first?.stake.staked.token ?? null,
        decimals: first?.stake.staked.decimals ?? null,
        symbol: first?.stake.staked.symbol ?? null,
      }));
      return stakeToken;
    },
  };
  return api;
}

/** The trust client, with its transport failures reported as the indexer being unreachable. */
function wrap(trust: TrustClient, root: string): TrustClient {
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (error) {
        if (error instanceof RequestError) throw new UnreachableError(root, error.cause ?? error);
        if (error instanceof NotFoundError) throw new MissingError(error.resource, error.shortMessage);
        throw error;
      }
    };
  return {
    url: trust.url,
    getAgentTrust: guard(trust.getAgentTrust),
    listAgents: guard(trust.listAgents),
    getPactTimeline: guard(trust.getPactTimeline),
    getPending: guard(trust.getPending),
    getReviewWeek: guard(trust.getReviewWeek),
    getReviewTrend: guard(trust.getReviewTrend),
  };
}
