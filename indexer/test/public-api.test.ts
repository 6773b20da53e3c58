/**
 * The HTTP API as an operator exposes it on the open internet, against real indexers on PGlite and on PostgreSQL
 * over one seeded chain: no query freezes the indexer (timeout, cost limit, row cap, concurrency), every refusal is
 * JSON `{ error: { code, message } }` with a fitting status, and parameters are checked as the CLI checks them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { findPostgresBin, startPostgres, type Postgres } from "../../scripts/lib/postgres.ts";
import { IndexerConfigError, readIndexerConfig } from "../src/config.ts";

import { startChain, startTestIndexer, termsFor, type Chain, type Indexer } from "./helpers/stack.ts";

type ErrorBody = { error: { code: string; message: string; issues?: { parameter?: string; message: string }[] } };

/** The limits the stacks run with: a small row cap and two queries at once, so that both are cheap to reach. */
const LIMITS = { SURETY_API_MAX_ROWS: "50", SURETY_API_MAX_CONCURRENT: "2", SURETY_API_NEW_SQL_PER_SECOND: "1000" };
const TIMEOUT_MS = 2_000;
/** What a refusal may take beyond the timeout on this loaded 2-core machine. */
const MARGIN_MS = 1_500;
const HISTORY_ROWS_SEEDED = 22;

/**
 * The issue's freezing query: a four-way self-join of the history table, here filtering on a text built from every
 * joined row so that even the ~22 seeded rows (234,256 combinations) keep PostgreSQL busy ~5 s, past the timeout
 * (measured: 5.5 s uncut on this machine).
 */
const FREEZING =
  "select count(*) from history a, history b, history c, history d " +
  "where lower(a.args::text || b.args::text || c.args::text || d.args::text) like '%zz%yy%xx%ww%vv%'";

/** A GET /sql/db URL as @ponder/client builds it (superjson of { sql, params }). */
const sqlUrl = (base: string, sql: string) =>
  `${base}/sql/db?sql=${encodeURIComponent(JSON.stringify({ json: { sql, params: [], typings: [] } }))}`;

async function answer(url: string, init?: RequestInit) {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${url} answered ${response.status} with non-JSON: ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, body };
}

const postGraphql = (base: string, body: string) =>
  answer(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body });

const hasPostgres = findPostgresBin() !== null;
if (!hasPostgres) console.warn("public-api.test.ts: no PostgreSQL binaries; the PostgreSQL cases are skipped");

let chain: Chain;
let postgres: Postgres | undefined;
const stacks: { pglite?: Indexer; postgres?: Indexer; strict?: Indexer; postgresCosted?: Indexer } = {};

beforeAll(async () => {
  [chain, postgres] = await Promise.all([startChain(), hasPostgres ? startPostgres() : Promise.resolve(undefined)]);
  const { roles } = chain;
  await roles.agent.depositStake({ amount: "1000" });
  for (let index = 0; index < HISTORY_ROWS_SEEDED - 2; index += 1) await roles.buyer.createPact(termsFor(roles));
  const url = chain.node.url;
  const [pglite, onPostgres, strict, postgresCosted] = await Promise.all([
    startTestIndexer(url, { env: LIMITS }),
    // The cost limit off, so that the freezing statements reach the server and its timeout is what stops them.
    postgres === undefined
      ? undefined
      : startTestIndexer(url, { databaseUrl: postgres.url, env: { ...LIMITS, SURETY_API_MAX_COST: "0" } }),
    // SQL off, and a cost limit no statement meets: GraphQL is then refused, the trust routes are not gated.
    startTestIndexer(url, { env: { SURETY_API_SQL: "off", SURETY_API_MAX_COST: "1" } }),
    // The default limits, on a schema of its own in the same server.
    postgres === undefined ? undefined : startTestIndexer(url, { databaseUrl: postgres.url, schema: "costed" }),
  ]);
  Object.assign(stacks, { pglite, postgres: onPostgres, strict, postgresCosted });
  await Promise.all([pglite.caughtUp(), onPostgres?.caughtUp(), strict.caughtUp(), postgresCosted?.caughtUp()]);
});

afterAll(async () => {
  await Promise.all([
    stacks.pglite?.close(),
    stacks.postgres?.close(),
    stacks.strict?.close(),
    stacks.postgresCosted?.close(),
  ]);
  await postgres?.stop();
  await chain?.stop();
});

const ENGINES = [
  { engine: "pglite", skip: false },
  { engine: "postgres", skip: !hasPostgres },
] as const;

describe.each(ENGINES)("the public API on $engine", ({ engine, skip }) => {
  const base = () => stacks[engine]!.url;

  describe.skipIf(skip)("GET /sql/db", () => {
    it("test_GivenTheSeededHistory_AnswersASmallQuery", async () => {
      const { status, body } = await answer(sqlUrl(base(), "select count(*) as n from history"));
      expect(status).toBe(200);
      expect(Number(body.rows[0].n)).toBeGreaterThanOrEqual(HISTORY_ROWS_SEEDED);
    });

    it("test_Attack_WhenAFourWaySelfJoinRuns_Answers408WithinTheTimeoutWhileHealthAgentsAndTheReviewAnswer", async () => {
      const started = Date.now();
      const freezing = answer(sqlUrl(base(), FREEZING)).then((result) => ({ ...result, ms: Date.now() - started }));
      // While it runs (on PostgreSQL) or is refused (PGlite), the indexer keeps answering, the operator's weekly
      // review (a year of weeks) included.
      for (const path of ["/health", "/agents", "/review/current", "/review?weeks=52"]) {
        const asked = Date.now();
        const response = await fetch(`${base()}${path}`);
        expect(response.status, path).toBe(200);
        expect(Date.now() - asked, `${path} answered while the join ran`).toBeLessThan(1_000);
      }
      const { status, body, ms } = await freezing;
      expect(status).toBe(408);
      expect(body.error.code).toBe("query_timeout");
      expect(body.error.message).toMatch(engine === "postgres" ? /cut after the 2000 ms timeout/ : /estimated cost/);
      expect(ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    });

    it("test_RevertWhen_TheResultHasMoreRowsThanTheCap_Answers413", async () => {
      const { status, body } = await answer(sqlUrl(base(), "select a.id from history a, history b"));
      expect(status).toBe(413);
      expect(body.error).toMatchObject({
        code: "too_many_rows",
        message: expect.stringContaining("more than 50 rows"),
      });
      const capped = await answer(sqlUrl(base(), "select a.id from history a, history b limit 50"));
      expect(capped.status).toBe(200);
      expect(capped.body.rows).toHaveLength(50);
    });

    it.each([
      ["a write", sqlUrl("", "delete from history"), "sql_refused", /DeleteStmt not supported/],
      ["two statements", sqlUrl("", "select 1; select 2"), "sql_refused", /Multiple statements/],
      ["a table not served", sqlUrl("", "select * from pg_catalog.pg_roles"), "sql_refused", /./],
      ["an empty object", `/sql/db?sql=${encodeURIComponent("{}")}`, "bad_request", /^sql must be a query/],
      ["text that is not JSON", "/sql/db?sql=select%201", "bad_request", /^sql must be a query/],
      ["no sql parameter", "/sql/db", "bad_request", /^sql is required/],
      ["sql twice", `${sqlUrl("", "select 1")}&sql=x`, "bad_request", /^sql is given more than once/],
    ])("test_RevertWhen_Given%s_Answers400Json", async (_case, path, code, message) => {
      const { status, body } = await answer(`${base()}${path}`);
      expect(status).toBe(400);
      expect(body.error.code).toBe(code);
      expect(body.error.message).toMatch(message);
    });
  });

  describe.skipIf(skip)("POST /graphql", () => {
    it("test_AnswersAQueryWithinTheBounds", async () => {
      const { status, body } = await postGraphql(base(), JSON.stringify({ query: "{ agents { totalCount } }" }));
      expect(status).toBe(200);
      expect(body.data.agents.totalCount).toBe(1);
    });

    it.each([
      ["a body that is not JSON", "{ agents { totalCount } }", 400, "bad_request", /^body must be JSON/],
      ["no query", JSON.stringify({ variables: {} }), 400, "bad_request", /^query must be a GraphQL query string/],
      [
        "variables that are a list",
        JSON.stringify({ query: "{ agents { totalCount } }", variables: [1] }),
        400,
        "bad_request",
        /^variables must be an object/,
      ],
      [
        "a negative limit",
        JSON.stringify({ query: "{ pacts(limit: -1) { items { pactId } } }" }),
        400,
        "bad_request",
        /^limit must be a whole number from 0 to 1000, not -1/,
      ],
      [
        "a negative limit in a variable",
        JSON.stringify({ query: "query ($n: Int) { pacts(limit: $n) { items { pactId } } }", variables: { n: -5 } }),
        400,
        "bad_request",
        /^limit must be/,
      ],
      [
        "a garbage cursor",
        JSON.stringify({ query: '{ pacts(after: "garbage!") { items { pactId } } }' }),
        400,
        "bad_request",
        /^after is not a cursor this API gave/,
      ],
      [
        "a cursor of binary bytes",
        JSON.stringify({ query: '{ pacts(before: "AAECAwQF") { items { pactId } } }' }),
        400,
        "bad_request",
        /^before is not a cursor/,
      ],
      [
        "a query too deep",
        JSON.stringify({
          query: `{ ${"__schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }"} }`,
        }),
        400,
        "graphql_error",
        /depth/i,
      ],
      [
        "an unknown field",
        JSON.stringify({ query: "{ agents { items { nosuchfield } } }" }),
        400,
        "graphql_error",
        /nosuchfield/,
      ],
      [
        "twenty aliased pages of 1,000 rows",
        JSON.stringify({
          query: `{ ${Array.from({ length: 20 }, (_, i) => `p${i}: historyEvents(limit: 1000) { items { id } }`).join(" ")} }`,
        }),
        413,
        "too_many_rows",
        /asks for up to 20000 rows in all .* at most 2000 per request/,
      ],
      [
        "pages nested in a page, by default size",
        JSON.stringify({ query: "{ agents { items { pacts { items { pactId } } } } }" }),
        413,
        "too_many_rows",
        /asks for up to 2550 rows/,
      ],
      [
        "pages nested through a fragment",
        JSON.stringify({
          query:
            "query { agents(limit: 40) { items { ...Rows } } } fragment Rows on agent { pacts(limit: 60) { items { pactId } } }",
        }),
        413,
        "too_many_rows",
        /asks for up to 2440 rows/,
      ],
      [
        "a body over 64 KiB",
        JSON.stringify({ query: `{ agents { totalCount } } ${"#".repeat(70_000)}` }),
        413,
        "body_too_large",
        /exceeds 65536 bytes/,
      ],
    ])("test_RevertWhen_Given%s_AnswersAStatusAndJson", async (_case, body, expected, code, message) => {
      const result = await postGraphql(base(), body);
      expect(result.status).toBe(expected);
      expect(result.body.error.code).toBe(code);
      expect(result.body.error.message).toMatch(message);
      // No parser's message with raw bytes leaks.
      expect(result.body.error.message).not.toMatch(/JSON\.parse|Unexpected token|[\u0000-\u0008]/);
    });

    it("test_GivenNestedPagesWithinTheRowBudget_Answers", async () => {
      const { status, body } = await postGraphql(
        base(),
        JSON.stringify({ query: "{ agents(limit: 10) { items { address pacts(limit: 100) { items { pactId } } } } }" }),
      );
      expect(status).toBe(200);
      expect(body.data.agents.items[0].pacts.items.length).toBeGreaterThan(0);
    });

    it("test_GivenACursorItGave_PagesOn", async () => {
      const page = async (after: string | null) =>
        postGraphql(
          base(),
          JSON.stringify({
            query:
              "query ($after: String) { pacts(limit: 5, after: $after) { items { pactId } pageInfo { endCursor } } }",
            variables: { after },
          }),
        );
      const first = await page(null);
      const second = await page(first.body.data.pacts.pageInfo.endCursor);
      expect(second.status).toBe(200);
      expect(second.body.data.pacts.items).toHaveLength(5);
    });
  });

  describe.skipIf(skip)("every route", () => {
    it.each([
      ["/nowhere", 404, "not_found", /^No route GET \/nowhere/],
      ["/sql/nowhere", 404, "not_found", /^No route GET \/sql\/nowhere/],
      ["/agents?limit=1&limit=2", 400, "bad_request", /^limit is given more than once/],
      [`/pacts/${1n << 256n}`, 400, "bad_request", /^pactId must be a pact id below 2\^256/],
      ["/pacts/1?chainId=abc", 400, "bad_request", /^chainId must be a chain id/],
      ["/agents?chainId=abc", 400, "bad_request", /^chainId must be a chain id/],
      ["/review?weeks=53", 400, "bad_request", /^weeks must be between 1 and 52/],
      ["/review?weeks=8&weeks=9", 400, "bad_request", /^weeks is given more than once/],
      ["/review/2025-W53", 400, "bad_request", /^isoWeek names week 53, but 2025 has weeks 1 to 52/],
      ["/review/current?chainId=abc", 400, "bad_request", /^chainId must be a chain id/],
      [
        "/parties/0x70997970C51812dc3A010C7d01b50e0d17dc79C8/pending?chainId=abc",
        400,
        "bad_request",
        /chainId must be a chain id/,
      ],
    ])("test_RevertWhen_Requested_%s_Answers%iJson", async (path, expected, code, message) => {
      const { status, body } = await answer(`${base()}${path}`);
      expect(status).toBe(expected);
      expect((body as ErrorBody).error.code).toBe(code);
      expect((body as ErrorBody).error.message).toMatch(message);
    });
  });
});

describe.skipIf(!hasPostgres)("GET /sql/db on PostgreSQL, given two queries at most at once", () => {
  it("test_RevertWhen_AThirdSqlOrGraphqlRunsAtOnce_Answers429WithRetryAfter_AndEachConnectionCutsAtTheTimeout", async () => {
    const base = stacks.postgres!.url;
    const started = Date.now();
    const later = () => new Promise((resolve) => setTimeout(resolve, 300));
    const [first, second, third, graphqlAnswer] = await Promise.all([
      answer(sqlUrl(base, FREEZING)),
      answer(sqlUrl(base, FREEZING)),
      // These ask a moment later, once the first two hold both places.
      later().then(() => answer(sqlUrl(base, FREEZING))),
      later().then(() => postGraphql(base, JSON.stringify({ query: "{ agents { totalCount } }" }))),
    ]);
    expect([first.status, second.status, third.status, graphqlAnswer.status]).toEqual([408, 408, 429, 429]);
    for (const busy of [third, graphqlAnswer]) {
      expect(busy.headers.get("retry-after")).toBe("1");
      expect(busy.body.error.code).toBe("too_many_queries");
    }
    expect(graphqlAnswer.body.errors[0].message).toMatch(/^At most 2 SQL and GraphQL queries run at once/);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    // Once they are cut, queries are admitted again.
    expect((await answer(sqlUrl(base, "select 1 as one"))).status).toBe(200);
  });
});

describe.skipIf(!hasPostgres)("GET /sql/db on PostgreSQL, given the default cost limit", () => {
  it("test_Attack_WhenAFourWaySelfJoinIsAsked_Answers408BeforeItRuns_WhileSmallQueriesAnswer", async () => {
    const base = stacks.postgresCosted!.url;
    const started = Date.now();
    const { status, body } = await answer(sqlUrl(base, FREEZING));
    expect(status).toBe(408);
    expect(body.error.code).toBe("query_timeout");
    expect(body.error.message).toMatch(
      /^The query was refused before it ran: its estimated cost \d+ exceeds the limit 50000/,
    );
    // Refused from its plan: far sooner than the 2 s the server would have let it run.
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS / 2);
    const small = await answer(sqlUrl(base, "select count(*) as n from history"));
    expect(small.status).toBe(200);
    const graphql = await postGraphql(base, JSON.stringify({ query: "{ agents { totalCount } }" }));
    expect(graphql.status).toBe(200);
  });

  it("test_Attack_WhenDistinctTextsStream_Answers429BeyondTheAllowance_WhileARepeatedTextStillAnswers", async () => {
    const base = stacks.postgresCosted!.url;
    const known = "select count(*) as n from agent";
    expect((await answer(sqlUrl(base, known))).status).toBe(200);
    const started = Date.now();
    const answers = [];
    for (let index = 0; index < 40; index += 1) answers.push(await answer(sqlUrl(base, `select ${index} as n`)));
    const seconds = (Date.now() - started) / 1_000;
    const admitted = answers.filter((one) => one.status === 200).length;
    // Ten at once, then two a second.
    expect(admitted).toBeGreaterThanOrEqual(1);
    expect(admitted).toBeLessThanOrEqual(10 + Math.ceil(2 * seconds));
    const refused = answers.filter((one) => one.status === 429);
    expect(refused.length).toBe(40 - admitted);
    expect(refused[0]!.body.error.code).toBe("too_many_new_queries");
    expect(refused[0]!.body.error.message).toMatch(/^At most 2 new SQL texts a second are parsed/);
    expect(Number(refused[0]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // A text it has seen costs Ponder nothing and is still answered.
    expect((await answer(sqlUrl(base, known))).status).toBe(200);
  });
});

describe("GET /sql/* when SURETY_API_SQL=off", () => {
  it("test_RevertGiven_TheSqlRouteTurnedOff_Answers404SayingSo", async () => {
    for (const path of [sqlUrl("", "select 1"), "/sql/live"]) {
      const { status, body } = await answer(`${stacks.strict!.url}${path}`);
      expect(status).toBe(404);
      expect(body.error).toMatchObject({
        code: "sql_disabled",
        message: expect.stringContaining("SURETY_API_SQL=off"),
      });
    }
    for (const path of ["/agents", "/review/current", "/review"]) {
      expect((await fetch(`${stacks.strict!.url}${path}`)).status, path).toBe(200);
    }
  });
});

describe("POST /graphql on PGlite, given a cost limit below every statement's", () => {
  it("test_RevertWhen_AStatementCostsMoreThanTheLimit_Answers408BeforeItRuns_AndTheTrustRoutesStillAnswer", async () => {
    const { status, body } = await postGraphql(
      stacks.strict!.url,
      JSON.stringify({ query: "{ agents { totalCount } }" }),
    );
    expect(status).toBe(408);
    expect(body.error).toMatchObject({
      code: "query_timeout",
      message: expect.stringContaining("exceeds the limit 1,"),
    });
    expect(body.errors).toBeInstanceOf(Array);
    const agents = await answer(`${stacks.strict!.url}/agents`);
    expect(agents.status).toBe(200);
    expect(agents.body.agents).toHaveLength(1);
  });
});

describe("readIndexerConfig, the API's limits", () => {
  it("test_DefaultsToATwoSecondTimeoutAndTheCalibratedCost", async () => {
    const config = await readIndexerConfig({});
    expect(config.api).toEqual({
      sql: true,
      timeoutMs: 2_000,
      maxCost: 50_000,
      maxRows: 10_000,
      maxConcurrent: 4,
      maxGraphqlRows: 2_000,
      newSqlPerSecond: 2,
    });
  });

  it("test_RevertWhen_LimitsAreBadOrAnAddressHasAWrongChecksum_NamesEachVariable", async () => {
    const error = await readIndexerConfig({
      SURETY_API_SQL: "maybe",
      SURETY_API_TIMEOUT_MS: "2s",
      SURETY_API_MAX_ROWS: "0",
      SURETY_API_MAX_CONCURRENT: "-1",
      SURETY_API_MAX_COST: "lots",
      SURETY_API_MAX_GRAPHQL_ROWS: "all",
      SURETY_API_NEW_SQL_PER_SECOND: "0",
      SURETY_ADDRESS: "0x70997970c51812dc3A010C7d01b50e0d17dc79C8",
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IndexerConfigError);
    expect((error as IndexerConfigError).issues.map((issue) => issue.variable).sort()).toEqual([
      "SURETY_ADDRESS",
      "SURETY_API_MAX_CONCURRENT",
      "SURETY_API_MAX_COST",
      "SURETY_API_MAX_GRAPHQL_ROWS",
      "SURETY_API_MAX_ROWS",
      "SURETY_API_NEW_SQL_PER_SECOND",
      "SURETY_API_SQL",
      "SURETY_API_TIMEOUT_MS",
    ]);
    expect((error as Error).message).toContain("SURETY_ADDRESS has an invalid checksum");
  });
});
