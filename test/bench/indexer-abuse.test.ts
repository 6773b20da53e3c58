/**
 * The pure parts of `bench:indexer`'s abuse phase: how the SQL route's parameter is encoded, how an answer is named
 * so that answers of one kind count together, and how they are tallied.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import superjson from "superjson";

import { describeAnswer, selfJoin, sqlParameter } from "../../scripts/bench/indexer/abuse.ts";
import { tallyAnswers } from "../../scripts/bench/indexer/stats.ts";

describe("sqlParameter", () => {
  it("test_DecodesAsPonderDecodesTheSqlRoutesParameter", () => {
    const sql = selfJoin(7);
    assert.deepEqual(superjson.parse(sqlParameter(sql)), { sql, params: [], typings: [] });
  });

  it("test_WhenTheSaltDiffers_TheTextDiffers", () => {
    // Ponder caches results by the parameter's text: the same text twice would be answered from the cache.
    assert.notEqual(sqlParameter(selfJoin(1)), sqlParameter(selfJoin(2)));
  });
});

describe("describeAnswer", () => {
  it("test_GivenAJsonErrorWithACode_NamesTheStatusAndTheCode", () => {
    const body = JSON.stringify({ error: { code: "statement_timeout", message: "The query ran past 2 s." } });
    assert.equal(describeAnswer(408, "application/json; charset=UTF-8", body), "408 statement_timeout");
  });

  it("test_GivenAJsonErrorWithoutACode_NamesTheStatusAndTheMessage", () => {
    const body = JSON.stringify({ error: { message: "Too   many\nqueries" } });
    assert.equal(describeAnswer(429, "application/json", body), "429 Too many queries");
  });

  it("test_GivenGraphqlErrors_NamesTheFirstMessage", () => {
    const body = JSON.stringify({ errors: [{ message: "canceling statement due to statement timeout" }, {}] });
    assert.equal(
      describeAnswer(200, "application/json", body),
      "200 GraphQL error: canceling statement due to statement timeout",
    );
  });

  it("test_GivenJsonData_NamesTheStatusOnly", () => {
    assert.equal(describeAnswer(200, "application/json", JSON.stringify({ rows: [[1]] })), "200 JSON");
  });

  it("test_GivenMalformedJson_SaysSo", () => {
    assert.equal(describeAnswer(500, "application/json", "{"), "500 malformed JSON");
  });

  it("test_GivenPlainText_NamesTheContentTypeAndTheStartOfTheBody", () => {
    assert.equal(
      describeAnswer(500, "text/plain; charset=UTF-8", "DeleteStmt not supported"),
      "500 text/plain: DeleteStmt not supported",
    );
    assert.equal(describeAnswer(502, null, "x".repeat(100)), `502 no content type: ${"x".repeat(60)}`);
  });
});

describe("tallyAnswers", () => {
  it("test_GroupsByKindAndOutcome_MostFrequentFirst", () => {
    const tally = tallyAnswers([
      { kind: "sql", outcome: "408 statement_timeout", ms: 2_010 },
      { kind: "sql", outcome: "429 too_many_queries", ms: 3 },
      { kind: "sql", outcome: "408 statement_timeout", ms: 2_030 },
      { kind: "graphql", outcome: "429 too_many_queries", ms: 5 },
      { kind: "sql", outcome: "408 statement_timeout", ms: 2_020 },
    ]);
    assert.deepEqual(
      tally.map(({ kind, outcome, count }) => [kind, outcome, count]),
      [
        ["sql", "408 statement_timeout", 3],
        ["graphql", "429 too_many_queries", 1],
        ["sql", "429 too_many_queries", 1],
      ],
    );
    assert.deepEqual(tally[0]!.time, { samples: 3, p50Ms: 2_020, p95Ms: 2_030, maxMs: 2_030 });
  });

  it("test_GivenNoAnswers_IsEmpty", () => {
    assert.deepEqual(tallyAnswers([]), []);
  });
});
