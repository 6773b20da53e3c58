/**
 * The abuse phase: the public API under queries meant to exhaust it. Four clients send abusive queries in a loop,
 * each the next as soon as the previous one was answered, while another client times the trust route: first
 * GraphQL (many aliased pages of history sorted and filtered on unindexed columns, each with its total count), then
 * SQL over HTTP (a four-way self-join of `history`, which no database finishes at the benchmark's size). It records
 * what each abusive query got back (status and error code, or no answer within the client's timeout) and how long
 * it took, so that the report shows whether they got a clear error or hung.
 *
 * Every request has a client-side timeout, so the phase always ends (without the indexer's guard, one such query
 * runs for minutes and freezes an indexer on PGlite). On PostgreSQL the API's statements still running at the end
 * of each kind are counted (a guard cuts them); the caller cancels them once the indexer is stopped (Ponder retries
 * a cancelled statement while it runs), so that they do not load the machine for the phases after.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

import type { Address } from "viem";

import { findPostgresBin } from "../../lib/postgres.ts";
import { graphql, sleep } from "./api.ts";
import type { Bench, Database } from "./options.ts";
import { distribution, tallyAnswers, type AnswerTally, type Distribution } from "./stats.ts";

const run = promisify(execFile);

/** Abusive clients at once, each sending its next query as soon as the previous one was answered. */
const ABUSIVE_CLIENTS = 4;
/** How long an abusive query may go unanswered before its client gives up and counts it as a hang. */
export const ABUSE_CLIENT_TIMEOUT_MS = 15_000;
/** How long a trust request may take before the client gives up (it then counts at this time, as a failure). */
const TRUST_CLIENT_TIMEOUT_MS = 5_000;
/** The pause of the trust client between requests. */
const TRUST_PAUSE_MS = 20;
/** Aliased history pages in the GraphQL query (Ponder caps a page at 1,000 rows; the API caps the tokens). */
const GRAPHQL_PAGES = 20;

/**
 * The SQL route's `sql` parameter as `@ponder/client` sends it: superjson of `{ sql, params, typings }`, which for
 * plain strings and arrays is `{ json: … }` with no type annotations.
 */
export function sqlParameter(sql: string): string {
  return JSON.stringify({ json: { sql, params: [], typings: [] } });
}

/**
 * The four-way self-join of the history table (n⁴ rows to count). `salt` changes the text, as an attacker would,
 * so that Ponder's per-text result cache never answers it.
 */
export const selfJoin = (salt: number) =>
  `select count(*) + ${salt} from history h1, history h2, history h3, history h4 where h1.log_index >= 0`;

/** Many aliased pages of history, each sorted and filtered on unindexed columns and counted in full. */
function expensiveGraphql(historyField: string, salt: number): string {
  const pages = Array.from(
    { length: GRAPHQL_PAGES },
    (_, page) =>
      `p${page}: ${historyField}(limit: 1000, orderBy: "amount", orderDirection: "desc", ` +
      `where: { transactionHash_contains: "${(salt + page).toString(16).slice(-1)}" }) ` +
      `{ totalCount items { id args transactionHash } }`,
  );
  return `{ ${pages.join(" ")} }`;
}

/** The GraphQL field that lists history rows (its plural name is the schema's to choose), found by introspection. */
async function historyListField(indexerUrl: string): Promise<string> {
  type Type = { name: string | null; ofType: { name: string | null } | null };
  const data = await graphql<{ __schema: { queryType: { fields: { name: string; type: Type }[] } } }>(
    indexerUrl,
    "{ __schema { queryType { fields { name type { name ofType { name } } } } } }",
  );
  const fields = data.__schema.queryType.fields;
  // Ponder answers a list with a non-null `…Page` type (items, pageInfo, totalCount), a single row with its type.
  const found = fields.find(
    (field) => field.name.startsWith("histor") && (field.type.name ?? field.type.ofType?.name)?.endsWith("Page"),
  );
  if (found === undefined) {
    throw new Error(`no GraphQL list of history rows among: ${fields.map((field) => field.name).join(", ")}`);
  }
  return found.name;
}

/** One answer to an abusive query, or its absence, with how long the client waited. */
export type Answer = { kind: "sql" | "graphql"; outcome: string; ms: number };

/**
 * What an answer says, in a few words: the status and the error's code or message (JSON `{ error: { code } }`,
 * GraphQL `errors`, or the start of a plain-text body), so that answers of one kind count together.
 */
export function describeAnswer(status: number, contentType: string | null, body: string): string {
  const short = (text: string) => text.replace(/\s+/g, " ").trim().slice(0, 60);
  if (contentType?.includes("json")) {
    try {
      const parsed = JSON.parse(body) as {
        error?: { code?: unknown; message?: unknown } | string;
        errors?: { message?: unknown }[];
      };
      if (typeof parsed.error === "object" && parsed.error !== null) {
        const { code, message } = parsed.error;
        return `${status} ${typeof code === "string" ? code : short(String(message ?? "error"))}`;
      }
      if (typeof parsed.error === "string") return `${status} ${short(parsed.error)}`;
      if (Array.isArray(parsed.errors) && parsed.errors.length > 0) {
        return `${status} GraphQL error: ${short(String(parsed.errors[0]!.message ?? ""))}`;
      }
      return `${status} JSON`;
    } catch {
      return `${status} malformed JSON`;
    }
  }
  return `${status} ${contentType?.split(";")[0] ?? "no content type"}: ${short(body)}`;
}

/** Sends one request with a client-side timeout; resolves with the outcome and the time waited, never throws. */
async function ask(url: string, init: RequestInit, timeoutMs: number): Promise<{ outcome: string; ms: number }> {
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const body = await response.text();
    return {
      outcome: describeAnswer(response.status, response.headers.get("content-type"), body),
      ms: performance.now() - started,
    };
  } catch (error) {
    const name = (error as Error).name;
    const outcome =
      name === "TimeoutError" || name === "AbortError"
        ? `no answer within ${timeoutMs / 1000} s`
        : `connection failed: ${(error as Error).message}`;
    return { outcome, ms: performance.now() - started };
  }
}

export type AbuseKind = Answer["kind"];

export type AbuseResult = {
  database: Database;
  kind: AbuseKind;
  seconds: number;
  clients: number;
  clientTimeoutMs: number;
  /** The trust route meanwhile; a request that failed or timed out counts at the time it took. */
  trust: Distribution;
  trustFailures: number;
  /** The abusive queries' answers, by kind and outcome, with the time until each. */
  answers: AnswerTally[];
  /** Time until an answer over every abusive query, answered or given up. */
  answerTime: Distribution;
  /** PostgreSQL: the API's statements still running on the server when the clients stopped (then cancelled). */
  statementsLeftRunning: number | null;
  loadAverage: number;
};

/**
 * The API's statements running on the server (Ponder names the API's pool `<schema>_readonly`; a statement's
 * parallel workers, which have a `leader_pid`, are not counted), cancelled when `cancel`. Null without psql.
 */
export async function apiStatements(databaseUrl: string, cancel: boolean): Promise<number | null> {
  const bin = findPostgresBin();
  const psql = [bin === null ? null : path.join(bin, "psql"), "/usr/bin/psql"].find(
    (candidate) => candidate !== null && existsSync(candidate),
  );
  if (psql === undefined) return null;
  const { stdout } = await run(psql!, [
    databaseUrl,
    "-Atc",
    `select count(${cancel ? "pg_cancel_backend(pid)" : "*"}) from pg_stat_activity ` +
      "where application_name like '%\\_readonly' and state = 'active' and leader_pid is null " +
      "and pid <> pg_backend_pid()",
  ]);
  return Number(stdout.trim());
}

/**
 * GraphQL abuse, then SQL abuse (the SQL self-join freezes an unguarded indexer on PGlite for good), each for
 * `--abuse-seconds`.
 */
export async function abuse(
  bench: Bench,
  database: Database,
  indexerUrl: string,
  agents: readonly { address: Address }[],
  databaseUrl: string | null,
): Promise<Record<AbuseKind, AbuseResult>> {
  const historyField = await historyListField(indexerUrl);
  const graphqlResult = await abuseWith(bench, "graphql", database, indexerUrl, agents, databaseUrl, historyField);
  const sqlResult = await abuseWith(bench, "sql", database, indexerUrl, agents, databaseUrl, historyField);
  return { graphql: graphqlResult, sql: sqlResult };
}

/**
 * Runs four abusive clients of one kind and the trust client together for `--abuse-seconds`, then stops them
 * (aborting the abusive requests still waiting) and reports.
 */
async function abuseWith(
  bench: Bench,
  kind: AbuseKind,
  database: Database,
  indexerUrl: string,
  agents: readonly { address: Address }[],
  databaseUrl: string | null,
  historyField: string,
): Promise<AbuseResult> {
  const { options, log, load } = bench;
  const what = kind === "sql" ? "SQL self-joins of history" : `GraphQL queries of ${GRAPHQL_PAGES} history pages`;
  log(`abuse on ${database}: ${ABUSIVE_CLIENTS} ${what} in a loop for ${options.abuseSeconds} s, trust route timed`);
  const start = performance.now();
  const until = start + options.abuseSeconds * 1000;
  const answers: Answer[] = [];
  let salt = Math.floor(Math.random() * 1e6);
  const sqlClient = async () => {
    while (performance.now() < until) {
      const sql = encodeURIComponent(sqlParameter(selfJoin(salt++)));
      const answer = await ask(`${indexerUrl}/sql/db?sql=${sql}`, {}, ABUSE_CLIENT_TIMEOUT_MS);
      answers.push({ kind: "sql", ...answer });
    }
  };
  const graphqlClient = async () => {
    while (performance.now() < until) {
      const init = {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: expensiveGraphql(historyField, salt++) }),
      };
      answers.push({ kind: "graphql", ...(await ask(`${indexerUrl}/graphql`, init, ABUSE_CLIENT_TIMEOUT_MS)) });
    }
  };
  const trustTimes: number[] = [];
  let trustFailures = 0;
  const trustClient = async () => {
    for (let i = 0; performance.now() < until; i++) {
      const agent = agents[(i * 13) % agents.length]!.address;
      const { outcome, ms } = await ask(`${indexerUrl}/agents/${agent}/trust`, {}, TRUST_CLIENT_TIMEOUT_MS);
      trustTimes.push(ms);
      if (!outcome.startsWith("200 ")) {
        trustFailures++;
        if (trustFailures <= 3) log(`  trust request failed: ${outcome}`);
      }
      await sleep(TRUST_PAUSE_MS);
    }
  };
  await Promise.all([
    ...Array.from({ length: ABUSIVE_CLIENTS }, kind === "sql" ? sqlClient : graphqlClient),
    trustClient(),
  ]);
  const seconds = (performance.now() - start) / 1000;

  const statementsLeftRunning = databaseUrl === null ? null : await apiStatements(databaseUrl, false);
  const answerTally = tallyAnswers(answers);
  for (const item of answerTally) log(`  ${item.count} × ${item.outcome} (p50 ${item.time.p50Ms} ms)`);
  const trust = distribution(trustTimes);
  log(`  trust route: p50 ${trust.p50Ms} ms, p95 ${trust.p95Ms} ms, ${trustFailures} failed`);
  return {
    database,
    kind,
    seconds: Math.round(seconds * 10) / 10,
    clients: ABUSIVE_CLIENTS,
    clientTimeoutMs: ABUSE_CLIENT_TIMEOUT_MS,
    trust,
    trustFailures,
    answers: answerTally,
    answerTime: distribution(answers.map((answer) => answer.ms)),
    statementsLeftRunning,
    loadAverage: load.during(start),
  };
}
