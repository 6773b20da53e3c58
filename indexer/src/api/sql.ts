/**
 * GET /sql/db and /sql/live (Ponder's `client()` middleware, which @ponder/client calls) behind the API's bounds:
 * turned off by SURETY_API_SQL=off; the `sql` parameter checked before Ponder reads it; Ponder's text/plain
 * refusals and errors answered as JSON (`sql_refused` 400, `query_timeout` 408, `too_many_rows` 413).
 */
import { createMiddleware } from "hono/factory";

import { limits, recordedRefusal, refusalIn, tooManyRows } from "./guard.ts";
import { ApiError, BadRequest } from "./params.ts";

const SQL_SHAPE =
  'must be a query as @ponder/client sends it: superjson of { sql, params }, e.g. {"json":{"sql":"select 1","params":[]}}';

/** 404 for every /sql path when the route is turned off. */
export const sqlSwitch = createMiddleware(async (c, next) => {
  if (!limits.sql) {
    throw new ApiError(404, "sql_disabled", "The SQL route is turned off on this indexer (SURETY_API_SQL=off).");
  }
  await next();
});

/** The `sql` parameter, checked as Ponder would use it: a JSON object whose `json.sql` is a string; returns that SQL. */
function checkSqlParameter(text: string | undefined): string {
  if (text === undefined) throw new BadRequest([{ parameter: "sql", message: `is required: it ${SQL_SHAPE}` }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequest([{ parameter: "sql", message: SQL_SHAPE }]);
  }
  const query = (parsed as { json?: { sql?: unknown; params?: unknown } } | null)?.json;
  if (typeof query !== "object" || query === null || typeof query.sql !== "string") {
    throw new BadRequest([{ parameter: "sql", message: SQL_SHAPE }]);
  }
  if (query.params !== undefined && !Array.isArray(query.params)) {
    throw new BadRequest([{ parameter: "sql", message: "has params that are not a list" }]);
  }
  return query.sql;
}

/** SQL texts admitted lately, oldest first: Ponder keeps what it learnt of each, so a repeat costs it nothing. */
const recentTexts = new Set<string>();
const RECENT_TEXTS = 1_000;
/** New texts admitted at once before the rate applies: an application's first page may ask several. */
const NEW_TEXT_BURST = 10;
/** New texts that may still be admitted now: refilled at `limits.newSqlPerSecond`, up to the burst. */
let newTextAllowance = NEW_TEXT_BURST;
let allowanceAt = Date.now();

/**
 * Admits `sql` unless it is new and the allowance of new texts is spent. Ponder parses every SQL text it has not
 * seen (twice, each time instantiating its WebAssembly parser) on the indexer's one thread, about 20 ms of it on a
 * 2-core machine, and logs each refusal: a stream of distinct texts, even ones refused at once, would keep the trust
 * routes waiting. @ponder/client sends values apart from the text, so an application repeats its texts.
 */
function admitText(sql: string): void {
  if (recentTexts.has(sql)) {
    recentTexts.delete(sql);
    recentTexts.add(sql);
    return;
  }
  const now = Date.now();
  newTextAllowance = Math.min(
    NEW_TEXT_BURST,
    newTextAllowance + ((now - allowanceAt) / 1_000) * limits.newSqlPerSecond,
  );
  allowanceAt = now;
  if (newTextAllowance < 1) {
    const wait = Math.ceil((1 - newTextAllowance) / limits.newSqlPerSecond);
    throw new ApiError(
      429,
      "too_many_new_queries",
      `At most ${limits.newSqlPerSecond} new SQL texts a second are parsed (repeated texts, with their values in ` +
        `params, are not limited); retry in ${wait} s.`,
      { headers: { "Retry-After": String(wait) } },
    );
  }
  newTextAllowance -= 1;
  recentTexts.add(sql);
  if (recentTexts.size > RECENT_TEXTS) recentTexts.delete(recentTexts.values().next().value!);
}

/** Checks the request, lets Ponder answer, and turns its text answers into the API's JSON errors. */
export const sqlGuard = createMiddleware(async (c, next) => {
  const known = c.req.path === "/sql/db" || c.req.path === "/sql/live";
  if (known) admitText(checkSqlParameter(c.req.query("sql")));
  await next();
  if (!known) return;
  const response = c.res;
  const type = response.headers.get("content-type") ?? "";
  if (response.status >= 400 && type.startsWith("text/plain")) {
    const message = (await response.text()).trim();
    const refusal = recordedRefusal() ?? refusalIn(message);
    if (refusal !== undefined) throw refusal;
    if (response.status === 503) throw new ApiError(503, "not_ready", message);
    // The query was refused by Ponder's validator (only SELECT on the served tables) or by the database.
    throw new ApiError(400, "sql_refused", `The query was refused: ${message}`);
  }
  if (response.status === 200 && c.req.path === "/sql/db" && type.startsWith("application/json")) {
    // PGlite fetches at most maxRows + 1 rows (guard.ts); PostgreSQL's answer is counted here.
    const body = (await response.clone().json()) as { rows?: unknown[] };
    if ((body.rows?.length ?? 0) > limits.maxRows) throw tooManyRows();
  }
});
