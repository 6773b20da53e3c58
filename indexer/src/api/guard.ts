/**
 * The bounds on what an anonymous caller of /sql and /graphql can make the database do, so that no query freezes the
 * indexer (SURETY_API_* in config.ts):
 * - at most `maxConcurrent` such requests run at once; more are answered 429 with Retry-After;
 * - on PostgreSQL every connection of the API's readonly pool gets `statement_timeout = timeoutMs` (the indexing
 *   pools keep theirs), so the server cuts any statement of the API, trust routes included, at the timeout, and
 *   runs each on one process (no parallel workers); each statement of a /sql or /graphql request is planned first
 *   and refused when its planner cost exceeds `maxCost`, so an abusive query does not take a core for the timeout;
 * - on PGlite, which runs in the indexer's own thread and cannot interrupt a statement (it ignores
 *   statement_timeout), each statement of a /sql or /graphql request runs in a read-only transaction, is planned
 *   first and refused when its planner cost exceeds `maxCost`, and is read through a cursor that fetches at most
 *   `maxRows + 1` rows;
 * - on both, more than `maxRows` rows is a 413.
 */
import { AsyncLocalStorage } from "node:async_hooks";

import type { PGlite } from "@electric-sql/pglite";
import { createMiddleware } from "hono/factory";

import { indexerConfig } from "../../ponder.config.ts";
import { ApiError } from "./params.ts";

export const limits = indexerConfig.api;

/** Why a statement of the request in scope was stopped; read back when Ponder reports only a message. */
type Scope = { refusal?: ApiError };

const scope = new AsyncLocalStorage<Scope>();

/** The statement's planner cost exceeded the limit: refused before it started. */
export function tooCostly(cost: number): ApiError {
  return new ApiError(
    408,
    "query_timeout",
    `The query was refused before it ran: its estimated cost ${Math.round(cost)} exceeds the limit ${limits.maxCost}, ` +
      `which stands for the ${limits.timeoutMs} ms timeout. Narrow it (filters, fewer joins, a LIMIT).`,
  );
}

/** The statement ran past the timeout (PostgreSQL) and the server cut it. */
export function timedOut(): ApiError {
  return new ApiError(408, "query_timeout", `The query was cut after the ${limits.timeoutMs} ms timeout.`);
}

export function tooManyRows(): ApiError {
  return new ApiError(
    413,
    "too_many_rows",
    `The query returns more than ${limits.maxRows} rows; add a LIMIT or page through the result.`,
  );
}

/** The refusal a message from a statement stands for, if it is one of the bounds (Ponder passes on only messages). */
export function refusalIn(message: string): ApiError | undefined {
  if (/canceling statement due to statement timeout/i.test(message)) return timedOut();
  const costly = /estimated cost (\d+) exceeds the limit/.exec(message);
  if (costly !== null) return tooCostly(Number(costly[1]));
  if (message.startsWith("The query returns more than")) return tooManyRows();
  return undefined;
}

/** The refusal recorded for the request in scope, if a statement of it was stopped. */
export function recordedRefusal(): ApiError | undefined {
  return scope.getStore()?.refusal;
}

/** Records `refusal` for the request in scope and throws it as Ponder passes errors on: a message (plus `suffix`). */
function refuse(refusal: ApiError, suffix = ""): never {
  const store = scope.getStore();
  if (store !== undefined) store.refusal = refusal;
  throw new Error(refusal.message + suffix);
}

let running = 0;

/** Admits a /sql or /graphql request when fewer than `maxConcurrent` run, and marks its statements for the gate. */
export const admit = createMiddleware(async (c, next) => {
  if (running >= limits.maxConcurrent) {
    const busy = new ApiError(
      429,
      "too_many_queries",
      `At most ${limits.maxConcurrent} SQL and GraphQL queries run at once; retry in a second.`,
      { headers: { "Retry-After": "1" } },
    );
    if (c.req.path !== "/graphql") throw busy;
    // GraphQL clients read `errors`; the API's shape is kept beside it.
    return c.json({ error: busy.error, errors: [{ message: busy.message }] }, 429, { "Retry-After": "1" });
  }
  running += 1;
  try {
    await scope.run({}, next);
  } finally {
    running -= 1;
  }
});

type PonderDriver =
  | { dialect: "pglite"; instance: PGlite }
  | { dialect: "postgres"; readonly: PgPool & { options: Record<string, unknown> } };

type PgClient = { query: (...args: unknown[]) => unknown };

type PgPool = { on(event: "acquire", listener: (client: PgClient) => void): unknown };

/**
 * Ponder's query builder retries a failed statement nine times, with back-off, unless its message says something
 * "does not exist" (its test for an error a retry cannot mend): a timed-out statement would run ten times over ~84 s.
 * The timeout's message is extended so that it is not retried; `refusalIn` recognises it and answers a clean 408.
 */
const NOT_RETRIED = "; a retry does not exist for a statement that the API's bounds stopped";

function markTimeout(error: unknown): unknown {
  const failure = error as { code?: string; message?: string } | null;
  if (failure?.code === "57014" && failure.message !== undefined && !failure.message.endsWith(NOT_RETRIED)) {
    failure.message += NOT_RETRIED;
  }
  return error;
}

/** The client's `query`, callback or promise style, with a timeout's error marked as not to be retried. */
function markTimeoutsOf(client: PgClient): void {
  const query = client.query.bind(client);
  client.query = (...args: unknown[]) => {
    const callback = args.at(-1);
    if (typeof callback === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) => callback(error ? markTimeout(error) : error, result);
      return query(...args);
    }
    const result = query(...args);
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        throw markTimeout(error);
      });
    }
    return result;
  };
}

/** Ponder's database driver, set on globalThis before the API is built. */
function ponderDriver(): PonderDriver {
  const database = (globalThis as { PONDER_DATABASE?: { driver: PonderDriver } }).PONDER_DATABASE;
  if (database === undefined) throw new Error("the API's bounds can only be installed inside a Ponder app");
  return database.driver;
}

/**
 * Installs the bounds on Ponder's database driver; call once, before any route is built. On PostgreSQL: new
 * connections of the readonly pool start with the timeout (a startup parameter), and any connection opened before
 * this ran is given it on its first checkout (pg queues the SET ahead of the caller's statement). On PGlite: gates
 * the statements of requests in scope (see the module's comment).
 */
export function installBounds(): void {
  const driver = ponderDriver();
  if (driver.dialect === "postgres") {
    const pool = driver.readonly;
    pool.options.statement_timeout = limits.timeoutMs;
    const bounded = new WeakSet<object>();
    pool.on("acquire", (client) => {
      if (bounded.has(client)) return;
      bounded.add(client);
      // No parallel workers either: the API's own statements are index lookups, and an abusive scan given workers
      // would occupy several cores for the whole timeout.
      (
        client.query(
          `SET statement_timeout = ${limits.timeoutMs}; SET max_parallel_workers_per_gather = 0`,
        ) as Promise<unknown>
      ).catch(() => {
        // A broken connection fails the caller's own statement too, which reports it.
      });
      markTimeoutsOf(client);
      gatePostgres(client);
    });
    return;
  }
  gatePglite(driver.instance);
}

/** A statement that reads rows, the only kind the cost limit applies to (not BEGIN, SET, COMMIT, …). */
const READS = /^\s*(select|with|table|values)\b/i;

/**
 * On PostgreSQL, a statement of a /sql or /graphql request is planned first too and refused above the cost limit,
 * so that an abusive query costs the server nothing rather than a core for the whole timeout; the timeout stays the
 * hard cut for a statement the planner misjudges. Wraps a readonly connection's `query` (promise or callback style).
 */
function gatePostgres(client: PgClient): void {
  if (limits.maxCost <= 0) return;
  const query = client.query.bind(client);
  client.query = (...args: unknown[]) => {
    const first = args[0] as string | { text?: unknown; values?: unknown } | undefined;
    const text = typeof first === "string" ? first : typeof first?.text === "string" ? first.text : undefined;
    if (scope.getStore() === undefined || text === undefined || !READS.test(text)) return query(...args);
    // The values come in the config object or, as drizzle passes them, as the second argument.
    const values =
      (typeof first === "object" ? first.values : undefined) ?? (Array.isArray(args[1]) ? args[1] : undefined);
    const checked = (query({ text: `EXPLAIN (FORMAT JSON) ${text}`, values }) as Promise<{ rows: ExplainRow[] }>).then(
      (explained) => {
        const cost = explained.rows[0]!["QUERY PLAN"][0].Plan["Total Cost"];
        if (cost > limits.maxCost) refuse(tooCostly(cost), NOT_RETRIED);
      },
    );
    const callback = args.at(-1);
    if (typeof callback === "function") {
      checked.then(
        () => query(...args),
        (error: unknown) => callback(error),
      );
      return undefined;
    }
    return checked.then(() => query(...args));
  };
}

type ExplainRow = { "QUERY PLAN": [{ Plan: { "Total Cost": number } }] };

type QueryOptions = Parameters<PGlite["query"]>[2];

function gatePglite(instance: PGlite): void {
  const query = instance.query.bind(instance);
  const gated = async (sql: string, params?: unknown[], options?: QueryOptions) => {
    if (scope.getStore() === undefined) return query(sql, params, options);
    return instance.transaction(async (tx) => {
      // Seq scans are off by default in PGlite, which adds 1e10 to every scan's cost; with them on, the cost is
      // the planner's real estimate, the one the limit was calibrated against.
      await tx.exec("SET TRANSACTION READ ONLY; SET LOCAL enable_seqscan = on;");
      if (limits.maxCost > 0) {
        const explained = await tx.query<ExplainRow>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
        const cost = explained.rows[0]!["QUERY PLAN"][0].Plan["Total Cost"];
        if (cost > limits.maxCost) refuse(tooCostly(cost));
      }
      await tx.query(`DECLARE surety_api_statement NO SCROLL CURSOR FOR ${sql}`, params);
      const result = await tx.query(`FETCH ${limits.maxRows + 1} FROM surety_api_statement`, [], options);
      if (result.rows.length > limits.maxRows) refuse(tooManyRows());
      await tx.exec("CLOSE surety_api_statement;");
      return result;
    });
  };
  instance.query = gated as PGlite["query"];
}
