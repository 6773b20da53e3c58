/**
 * `surety review record|log-exception` against the node: many decisions in one transaction from a file or from flags,
 * every refusal before anything is sent, and exception notes on an agent and on a pact. (`surety review week` reads
 * the indexer: it is tested in indexer.test.ts, on that file's node and indexer.)
 */
import { suretyAbi, type AgentWeek, type ReviewEntry, type ReviewWeek } from "@surety/sdk";
import { parseEventLogs, type Hex } from "viem";
import { describe, expect, it } from "vitest";

import { weekViews } from "../src/commands/review/week.ts";
import { Output } from "../src/output.ts";
import { addressOf } from "./helpers/accounts.ts";
import { cli, file, isolate, ok, pascal, testClient, UNREACHABLE, type CliResult } from "./helpers/cli.ts";
import { pactAt } from "./helpers/pacts.ts";

isolate();

const AGENT = addressOf("agent");
const AGENT2 = addressOf("agent2");
const STRANGER = addressOf("stranger");

/** The agent's standing, read from the chain by `agent show`. */
async function standing(agent: string): Promise<{ status: string; cap: string | null }> {
  const shown = ok(await cli(["agent", "show", agent, "--json"])).json();
  return { status: shown.status, cap: shown.cap ?? null };
}

/** The events of Surety named `eventName` in a transaction's receipt. */
async function eventsOf<const name extends "AgentReviewed" | "AgentStatusChanged" | "ExceptionLogged">(
  hash: Hex,
  eventName: name,
) {
  const receipt = await testClient().getTransactionReceipt({ hash });
  return parseEventLogs({ abi: suretyAbi, logs: receipt.logs, eventName });
}

/** Asserts a refusal: its exit code, its message on stderr, and that no transaction went out. */
async function refused(
  argv: string[],
  code: number,
  messages: readonly string[],
  as: "operator" | "buyer" = "operator",
) {
  const client = testClient();
  const before = await client.getBlockNumber();
  const outcome: CliResult = await cli(argv, { as });
  expect(outcome.code, `${outcome.stdout}\n${outcome.stderr}`).toBe(code);
  for (const message of messages) expect(outcome.stderr).toContain(message);
  expect(await client.getBlockNumber()).toBe(before);
  return outcome;
}

describe("review record", () => {
  it("test_WhenFromJsonFile_RecordsEveryDecisionInOneTransaction", async () => {
    const evidence = file("ops-301.md", "Lost the dispute on pact 12; late twice");
    const reviews = file("reviews.json", [
      { agent: AGENT, decision: "narrow", cap: "300", evidence: { ticket: "OPS-301", lost: [12] } },
      { agent: AGENT2, decision: "keep", evidence: "OPS-302: 14 pacts on time" },
      { agent: STRANGER, decision: "warn", evidence },
    ]);
    const recorded = ok(await cli(["review", "record", "--file", reviews, "--json"], { as: "operator" })).json();
    expect(recorded).toMatchObject({ action: "review.record", eventName: "AgentReviewed" });
    // In the file's order, each with its standing before and after.
    expect(recorded.reviews).toEqual([
      expect.objectContaining({
        agent: AGENT,
        decision: "narrow",
        changed: true,
        statusBefore: "good",
        status: "narrowed",
        cap: "300000000",
      }),
      expect.objectContaining({
        agent: AGENT2,
        decision: "keep",
        changed: false,
        statusBefore: "good",
        status: "good",
        cap: null,
      }),
      expect.objectContaining({
        agent: STRANGER,
        decision: "warn",
        changed: true,
        statusBefore: "good",
        status: "warned",
        cap: null,
      }),
    ]);
    expect(recorded.reviews[0].evidence).toMatchObject({
      source: "json",
      canonical: '{"lost":[12],"ticket":"OPS-301"}',
    });
    expect(recorded.reviews[2].evidence).toMatchObject({
      source: "file",
      canonical: "Lost the dispute on pact 12; late twice",
    });

    // One transaction: three AgentReviewed events (ascending agents, as the contract requires) and two ladder steps.
    const reviewed = await eventsOf(recorded.hash, "AgentReviewed");
    expect(reviewed.map((log) => [log.args.agent, log.args.decision, log.args.changed])).toEqual(
      [
        [AGENT, 2, true],
        [AGENT2, 0, false],
        [STRANGER, 1, true],
      ].sort((a, b) => (String(a[0]).toLowerCase() < String(b[0]).toLowerCase() ? -1 : 1)),
    );
    expect(await eventsOf(recorded.hash, "AgentStatusChanged")).toHaveLength(2);
    expect(await standing(AGENT)).toEqual({ status: "narrowed", cap: "300000000" });
    expect(await standing(AGENT2)).toEqual({ status: "good", cap: null });
    expect(await standing(STRANGER)).toEqual({ status: "warned", cap: null });
  });

  it("test_WhenFromCsvFile_WithHeaderAndQuotedEvidence_RecordsAndPrintsTable", async () => {
    ok(
      await cli(
        ["review", "record", "--agent", AGENT, "--decision", "review", "--cap", "50", "--evidence", "OPS-310"],
        {
          as: "operator",
        },
      ),
    );
    const reviews = file(
      "reviews.csv",
      [
        "agent,decision,cap,evidence",
        `${AGENT},recertify,,"Audit OPS-311 passed, all findings closed"`,
        "",
        `${AGENT2},pause,,"Unreachable for a week; ""on leave"" per support"`,
      ].join("\n"),
    );
    const table = ok(await cli(["review", "record", "--file", reviews], { as: "operator" })).stdout;
    expect(table).toContain("Recorded 2 reviews in one transaction: 2 changed an agent's standing");
    expect(table).toMatch(/Transaction\s+│?\s*0x[0-9a-f]{64}/);
    expect(table).toMatch(/Gas per review\s+│\s+\d+ /);
    expect(table).toMatch(new RegExp(`${AGENT}\\s+recertify\\s+under-review → good\\s+-\\s+yes`));
    expect(table).toMatch(new RegExp(`${AGENT2}\\s+pause\\s+good → paused\\s+0 mUSD\\s+yes`));
    for (const line of table.split("\n")) expect(line.length, line).toBeLessThanOrEqual(100);
    expect(await standing(AGENT)).toEqual({ status: "good", cap: null });
    expect(await standing(AGENT2)).toEqual({ status: "paused", cap: "0" });
  });

  it("test_WhenFromFlags_NarrowsOneAgent", async () => {
    const recorded = ok(
      await cli(
        [
          "review",
          "record",
          "--agent",
          AGENT,
          "--decision",
          "narrow",
          "--cap",
          "12.5",
          "--evidence",
          "OPS-320",
          "--json",
        ],
        { as: "operator" },
      ),
    ).json();
    expect(recorded.reviews).toEqual([
      expect.objectContaining({ agent: AGENT, decision: "narrow", status: "narrowed", cap: "12500000", changed: true }),
    ]);
    expect(recorded.reviews[0].evidence).toMatchObject({ source: "text", canonical: "OPS-320" });
    expect(await standing(AGENT)).toEqual({ status: "narrowed", cap: "12500000" });

    // The same decision again changes nothing, and says so.
    const again = ok(
      await cli(
        ["review", "record", "--agent", AGENT, "--decision", "narrow", "--cap", "12.5", "--evidence", "OPS-321"],
        {
          as: "operator",
        },
      ),
    ).stdout;
    expect(again).toContain("Recorded 1 review in one transaction: 0 changed an agent's standing");
    expect(again).toMatch(new RegExp(`${AGENT}\\s+narrow\\s+narrowed\\s+12.5 mUSD\\s+no`));
  });

  describe("when the input is wrong", () => {
    const lower = AGENT.toLowerCase();
    // The agent's address with the case of its first letter flipped: mixed case that is not EIP-55.
    const letter = AGENT.slice(2).search(/[a-fA-F]/) + 2;
    const flipped =
      AGENT[letter] === AGENT[letter]!.toUpperCase() ? AGENT[letter]!.toLowerCase() : AGENT[letter]!.toUpperCase();
    const badChecksum = `${AGENT.slice(0, letter)}${flipped}${AGENT.slice(letter + 1)}`;
    const cases: { name: string; argv: () => string[]; messages: string[] }[] = [
      {
        name: "json entry with an unknown decision",
        argv: () => [
          "--file",
          file("bad-decision.json", [
            { agent: AGENT, decision: "keep", evidence: "ok" },
            { agent: AGENT2, decision: "narow", cap: "1", evidence: "typo" },
          ]),
        ],
        messages: [
          'bad-decision.json entry 2, decision: must be one of keep, warn, narrow, review, pause, recertify, not "narow"',
        ],
      },
      {
        name: "csv line with a bad address",
        argv: () => [
          "--file",
          file("bad-address.csv", `${AGENT},keep,,ok\nnot-an-address,warn,,late\n${badChecksum},keep,,ok\n`),
        ],
        messages: [
          "bad-address.csv line 2, agent: must be a 0x-prefixed 20-byte address",
          "bad-address.csv line 3, agent: has an invalid checksum",
        ],
      },
      {
        name: "narrow without a cap",
        argv: () => ["--file", file("no-cap.json", [{ agent: AGENT, decision: "narrow", evidence: "lost a dispute" }])],
        messages: ["no-cap.json entry 1, cap: is required for decision narrow"],
      },
      {
        name: "keep with a cap",
        argv: () => ["--file", file("extra-cap.json", [{ agent: AGENT, decision: "keep", cap: 5, evidence: "fine" }])],
        messages: ["extra-cap.json entry 1, cap: only applies to narrow, review, pause: a keep sets no cap"],
      },
      {
        name: "an agent twice",
        argv: () => [
          "--file",
          file("twice.json", [
            { agent: AGENT, decision: "keep", evidence: "a" },
            { agent: AGENT2, decision: "keep", evidence: "b" },
            { agent: lower, decision: "warn", evidence: "c" },
          ]),
        ],
        messages: [`twice.json entry 3, agent: ${AGENT} is already reviewed by twice.json entry 1`],
      },
      {
        name: "json entry with an unknown field and no evidence",
        argv: () => ["--file", file("fields.json", [{ agent: AGENT, decision: "narrow", caps: "3", cap: "3" }])],
        messages: ['fields.json entry 1: has an unknown field "caps"', "fields.json entry 1, evidence: is required"],
      },
      {
        name: "csv line with too many fields",
        argv: () => ["--file", file("fields.csv", `${AGENT},keep,,late, twice\n`)],
        messages: ["fields.csv line 1: has 5 fields, not 4"],
      },
      {
        name: "json entry with the zero hash as evidence",
        argv: () => [
          "--file",
          file("zero.json", [{ agent: AGENT, decision: "keep", evidence: `0x${"0".repeat(64)}` }]),
        ],
        messages: ["zero.json entry 1, evidence: is the zero hash"],
      },
      {
        name: "an empty json array",
        argv: () => ["--file", file("empty.json", [])],
        messages: ["--file: empty.json holds no reviews"],
      },
      {
        name: "json that does not parse",
        argv: () => ["--file", file("broken.json", '[{"agent": ')],
        messages: ["--file: broken.json is not valid JSON"],
      },
      {
        name: "no such file",
        argv: () => ["--file", "missing.json"],
        messages: ["--file: no such file: missing.json"],
      },
      {
        name: "file and flags together",
        argv: () => ["--file", file("ok.json", [{ agent: AGENT, decision: "keep", evidence: "a" }]), "--agent", AGENT],
        messages: ["--file: cannot be combined with --agent"],
      },
      {
        name: "neither file nor flags",
        argv: () => [],
        messages: ["--file: or --agent is required"],
      },
      {
        name: "flags with a wrong decision, a cap on warn and no evidence",
        argv: () => ["--agent", AGENT, "--decision", "narrowed", "--cap", "lots"],
        messages: [
          "3 problems",
          '--decision: must be one of keep, warn, narrow, review, pause, recertify, not "narrowed"',
          '--cap: must be an amount in the stake token\'s units like 300 or 12.5, not "lots"',
          "--evidence: is required",
        ],
      },
      {
        name: "flags with a cap on warn",
        argv: () => ["--agent", AGENT, "--decision", "warn", "--cap", "10", "--evidence", "late"],
        messages: ["--cap: only applies to narrow, review, pause: a warn sets no cap"],
      },
    ];

    it.each(cases.map((item) => [pascal(item.name), item] as const))("test_RevertWhen_%s", async (_name, item) => {
      const outcome = await refused(["review", "record", ...item.argv()], 2, item.messages);
      expect(outcome.stderr).toContain("error (invalid input)");
    });

    it("test_RevertWhen_BadInput_JsonNamesEveryIssue", async () => {
      const reviews = file("issues.json", [
        { agent: "0x12", decision: "keep", evidence: "a" },
        { agent: AGENT, decision: "narrow", evidence: "b" },
      ]);
      const outcome = await cli(["review", "record", "--file", reviews, "--json"], { as: "operator" });
      expect(outcome.code).toBe(2);
      expect(outcome.json().error.issues.map((issue: { flag: string }) => issue.flag)).toEqual([
        "issues.json entry 1, agent",
        "issues.json entry 2, cap",
      ]);
    });
  });

  it("test_RevertWhen_CapHasMoreDecimalsThanStakeToken_NamesEntry", async () => {
    // Found by the SDK with the token's decimals (6), before anything is sent, and named by the CSV line.
    const reviews = file("decimals.csv", `${AGENT2},keep,,fine\n${AGENT},narrow,12.1234567,late\n`);
    await refused(["review", "record", "--file", reviews], 2, [
      "decimals.csv line 2, cap: has more decimal places than the token's 6",
    ]);
  });

  it("test_RevertGiven_RecertifyOfAgentInGoodStanding", async () => {
    const reviews = file("recertify.json", [
      { agent: AGENT2, decision: "keep", evidence: "a" },
      { agent: AGENT, decision: "recertify", evidence: "routine" },
    ]);
    await refused(["review", "record", "--file", reviews], 1, [
      `recertify.json entry 2: agent ${AGENT} is already in good standing: record keep, not recertify`,
      "Nothing was sent.",
    ]);
  });

  it("test_RevertWhen_CallerNotOperator", async () => {
    const outcome = await refused(
      ["review", "record", "--agent", AGENT, "--decision", "warn", "--evidence", "late", "--json"],
      1,
      [`${addressOf("buyer")} does not hold the operator role`],
      "buyer",
    );
    expect(outcome.json().error).toMatchObject({ kind: "refused", errorName: "AccessControlUnauthorizedAccount" });
  });
});

describe("review log-exception", () => {
  it("test_WhenOnAgent_ByOperator_LogsNoteWithPactZero", async () => {
    const logged = ok(
      await cli(
        ["review", "log-exception", "--agent", AGENT, "--kind", "rescue", "--note", "Support re-ran it", "--json"],
        {
          as: "operator",
        },
      ),
    ).json();
    expect(logged).toMatchObject({ action: "review.log-exception", eventName: "ExceptionLogged", kind: "rescue" });
    expect(logged.event).toMatchObject({ agent: AGENT, pactId: "0", author: addressOf("operator"), kind: "rescue" });
    expect(logged.note).toMatchObject({ source: "text", canonical: "Support re-ran it" });
    const [event] = await eventsOf(logged.hash, "ExceptionLogged");
    expect(event!.args).toMatchObject({ agent: AGENT, pactId: 0n, kind: 1, noteHash: logged.note.hash });
  });

  it("test_WhenOnAcceptedPact_ByBuyer_LogsNoteAgainstPactsAgent", async () => {
    const pactId = await pactAt("active");
    const text = ok(
      await cli(
        ["review", "log-exception", "--pact", pactId, "--kind", "exception", "--note", "Deadline bent by hand"],
        {
          as: "buyer",
        },
      ),
    ).stdout;
    expect(text).toContain(`Logged an exception note on pact ${pactId} (agent ${AGENT})`);
    expect(text).toContain(addressOf("buyer"));
    const hash = /Transaction\s+│?\s*(0x[0-9a-f]{64})/.exec(text)![1] as Hex;
    const [event] = await eventsOf(hash, "ExceptionLogged");
    expect(event!.args).toMatchObject({ agent: AGENT, pactId: BigInt(pactId), author: addressOf("buyer"), kind: 0 });
  });

  it("test_RevertGiven_PactStillOpen_WhenBuyerLogs", async () => {
    const pactId = await pactAt("open");
    const outcome = await refused(
      ["review", "log-exception", "--pact", pactId, "--kind", "rescue", "--note", "too early", "--json"],
      1,
      [`pact ${pactId} is open`],
      "buyer",
    );
    expect(outcome.json().error).toMatchObject({ errorName: "Surety_InvalidStatus" });
  });

  it("test_RevertGiven_NoSuchPact", async () => {
    await refused(["review", "log-exception", "--pact", "999", "--kind", "rescue", "--note", "x"], 1, ["999"]);
  });

  it("test_RevertWhen_NotOperator_OnAgent", async () => {
    await refused(
      ["review", "log-exception", "--agent", AGENT, "--kind", "rescue", "--note", "x"],
      1,
      [`${addressOf("buyer")} does not hold the operator role`],
      "buyer",
    );
  });

  it.each([
    [
      "AgentAndPact",
      ["--agent", AGENT, "--pact", "1", "--kind", "rescue", "--note", "x"],
      "--agent: cannot be combined with --pact",
    ],
    ["NeitherAgentNorPact", ["--kind", "rescue", "--note", "x"], "--agent: or --pact is required"],
    [
      "UnknownKind",
      ["--agent", AGENT, "--kind", "rescued", "--note", "x"],
      '--kind: must be one of exception, rescue, not "rescued"',
    ],
    ["NoNote", ["--pact", "1", "--kind", "rescue"], "--note: is required"],
    ["HexPactId", ["--pact", "0x07", "--kind", "rescue", "--note", "x"], "--pact: must be a pact id in decimal digits"],
  ] as const)("test_RevertWhen_%s", async (_name, argv, message) => {
    await refused(["review", "log-exception", ...argv], 2, [message]);
  });
});

describe("review week", () => {
  it.each([
    ["WeekPastYearsLast", "2025-W53", "--week: names week 53, but 2025 has weeks 1 to 52"],
    ["WeekZero", "2026-W00", "--week: names week 0, but 2026 has weeks 1 to 53"],
    ["NotAnIsoWeek", "2026-49", '--week: must be an ISO week such as 2026-W49 (or current), not "2026-49"'],
  ])("test_RevertWhen_%s", async (_name, week, message) => {
    // No indexer is asked: the label is refused first.
    const outcome = await cli(["review", "week", "--week", week, "--indexer-url", UNREACHABLE]);
    expect([outcome.code, outcome.stderr]).toEqual([2, expect.stringContaining(message)]);
  });

  it("test_GivenBusiestRows_EveryLineFitsHundredColumns", () => {
    // The longest words each column can hold: an agent with every event of a week, under review with a large cap.
    const mUSD = { token: AGENT, symbol: "mUSD", decimals: 6 };
    const review = (decision: ReviewEntry["decision"], changed: boolean): ReviewEntry => ({
      decision,
      changed,
      status: "under-review",
      cap: { ...mUSD, raw: 123_456_789_000_000n, amount: "123456789" },
      evidenceHash: `0x${"ab".repeat(32)}`,
      operator: addressOf("operator"),
      timestamp: 1_796_000_000,
      isoWeek: "2026-W49",
      transactionHash: `0x${"cd".repeat(32)}`,
    });
    const rescue = {
      pactsSettled: 1234,
      extensions: 99,
      settlementsByAgreement: 99,
      refundsByAgent: 99,
      loggedExceptions: 99,
    };
    const busy: AgentWeek = {
      agent: AGENT,
      status: "under-review",
      active: false,
      worsened: true,
      undecided: true,
      rescue: { ...rescue, total: 396, perSettledPact: 396 / 1234 },
      signalAt: 1_796_000_000,
      timeToNarrowSeconds: null,
      unansweredSeconds: 13 * 86_400 + 23 * 3_600,
      containedAt: 1_796_000_000,
      recertifiedAt: 1_796_100_000,
      recoverySeconds: 9 * 86_400 + 3_600,
      relapseAt: 1_796_200_000,
      reviews: [review("review", true), review("review", false)],
      exceptions: [],
      topBuyerShare: 1,
      concentrated: true,
    };
    const week: ReviewWeek = {
      chainId: 31337,
      asOf: { block: 123_456_789n, timestamp: 1_796_300_000 },
      isoWeek: "2026-W49",
      weekStart: 1_795_996_800,
      weekEnd: 1_796_601_600,
      complete: false,
      deployment: {
        rescue: { ...rescue, total: 396, perSettledPact: 396 / 1234 },
        narrowing: {
          worsened: 1234,
          answered: 1000,
          meanTimeToNarrowSeconds: 3 * 86_400 + 7,
          medianTimeToNarrowSeconds: 86_400 + 3_599,
          unanswered: 234,
          longestUnansweredSeconds: 400 * 86_400,
        },
        recovery: {
          containments: 120,
          recertifications: 100,
          meanRecoverySeconds: 1e6,
          medianRecoverySeconds: 9e5,
          relapses: 12,
        },
        reviews: {
          recorded: 1200,
          agentsReviewed: 1200,
          activeAgents: 1500,
          activeReviewed: 1100,
          coverage: 1100 / 1500,
          changedScope: 300,
          decisionRate: 0.25,
          byDecision: { keep: 900, warn: 100, narrow: 100, review: 50, pause: 25, recertify: 25 },
        },
        evidence: { concentrated: 17 },
      },
      agents: [busy, { ...busy, agent: AGENT2, undecided: false, timeToNarrowSeconds: 45 }],
    };
    let text = "";
    new Output(
      { env: {}, stdout: { write: (chunk: string) => (text += chunk) }, stderr: { write: () => true } },
      false,
    ).print({
      json: week,
      views: weekViews(week),
    });
    expect(text).toContain("Agents (2, 1 undecided first)");
    // The "This week" column, its wrapped lines joined back, per agent.
    const lines = text.split("\n");
    const top = lines.findIndex((line) => line.startsWith("Agent "));
    const [from, to] = [lines[top]!.indexOf("This week"), lines[top]!.indexOf("Rescue")];
    const cells: string[] = [];
    for (const line of lines.slice(top + 1)) {
      if (line.startsWith("0x")) cells.push(line.slice(from, to).trim());
      else if (line.startsWith(" ".repeat(from))) cells[cells.length - 1] += ` ${line.slice(from, to).trim()}`;
      else break;
    }
    expect(cells[0]).toBe(
      "UNDECIDED for 13d 23h; contained; recertified after 9d 1h; relapsed after recertification; reviewed: review, cap 123456789 mUSD; review, cap 123456789 mUSD (no change); no open pact",
    );
    expect(cells[1]).toMatch(/^worsened, answered in 45s; contained; /);
    // Numbers are never cut to fit.
    expect(text).toMatch(/ 396\/1234 +100% !\n/);
    for (const line of text.split("\n")) expect(line.length, line).toBeLessThanOrEqual(100);
  });

  it("test_RevertWhen_IndexerUnreachable", async () => {
    const outcome = await cli(["review", "week", "--indexer-url", UNREACHABLE, "--json"]);
    expect(outcome.code).toBe(3);
    expect(outcome.stderr).toContain(`cannot reach the indexer's trust API at ${UNREACHABLE}`);
    expect(outcome.json().error).toMatchObject({ code: 3, kind: "connection" });
  });
});
