/**
 * The report: one object with every figure (written to snapshots/indexer-bench.json and printed by `--json`), its
 * checks against the targets, and the table printed otherwise.
 */
import os from "node:os";

import { ABUSE_CLIENT_TIMEOUT_MS, type AbuseKind, type AbuseResult } from "./abuse.ts";

/** The abuse phase on one database: GraphQL, then SQL. */
type Abused = Record<AbuseKind, AbuseResult> | null;
import type { BackfillResult, GetLogsResult } from "./backfill.ts";
import type { LiveResult } from "./live.ts";
import type { BenchOptions } from "./options.ts";
import type { SeedResult } from "../seed.ts";
import { round, type LoadSampler } from "./stats.ts";

export const TARGETS = {
  backfillEventsPerSec: 1_000,
  liveLatencyP95Ms: 1_000,
  trustP95Ms: 20,
  trustP95UnderAbuseMs: 50,
} as const;

export type Check = { name: string; value: number | null; target: string; pass: boolean | null };

function check(name: string, value: number | null, op: ">=" | "<", target: number): Check {
  return {
    name,
    value,
    target: `${op} ${target.toLocaleString("en-US")}`,
    pass: value === null ? null : op === ">=" ? value >= target : value < target,
  };
}

export function buildReport(input: {
  options: BenchOptions;
  load: LoadSampler;
  seeded: SeedResult;
  getLogs: GetLogsResult;
  pglite: BackfillResult;
  postgres: BackfillResult | null;
  postgresNote: string | null;
  live: LiveResult;
  /** The abuse phase on each database; null where it did not run (no PostgreSQL, or `--abuse-seconds 0`). */
  abuse: { pglite: Abused; postgres: Abused };
}) {
  const { options, load, seeded, getLogs, pglite, postgres, live, abuse } = input;
  return {
    date: new Date().toISOString(),
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? null,
      memoryGiB: round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      /** The 1-minute load average, sampled every 2 s: at the start, its mean and its maximum over the run. */
      loadAverage: load.summary(),
    },
    parameters: {
      pacts: options.pacts,
      agents: options.agents,
      buyers: seeded.buyers.length,
      arbiters: seeded.arbiters.length,
      blockTransactions: options.blockTransactions,
      liveTransactions: options.liveTransactions,
      liveRatePerSec: options.liveRate,
      abuseSeconds: options.abuseSeconds,
    },
    seed: {
      transactions: seeded.transactions,
      blocks: seeded.blocks,
      finalityBlocks: seeded.finalityBlocks,
      seconds: seeded.seconds,
      paths: seeded.paths,
      phases: seeded.phases,
    },
    events: getLogs.events,
    backfillEventsPerSecPglite: pglite.eventsPerSec,
    backfillEventsPerSecPostgres: postgres?.eventsPerSec ?? null,
    getLogsEventsPerSec: getLogs.eventsPerSec,
    liveLatencyP50Ms: live.latency.p50Ms,
    liveLatencyP95Ms: live.latency.p95Ms,
    trustP50Ms: live.trust.p50Ms,
    trustP95Ms: live.trust.p95Ms,
    graphqlP50Ms: live.graphql.p50Ms,
    graphqlP95Ms: live.graphql.p95Ms,
    // Under the four SQL self-joins, as the issue defines the abuse; then under four expensive GraphQL queries.
    trustP50UnderAbuseMs: abuse.postgres?.sql.trust.p50Ms ?? null,
    trustP95UnderAbuseMs: abuse.postgres?.sql.trust.p95Ms ?? null,
    trustP50UnderAbuseMsPglite: abuse.pglite?.sql.trust.p50Ms ?? null,
    trustP95UnderAbuseMsPglite: abuse.pglite?.sql.trust.p95Ms ?? null,
    abusiveSqlAnswerP50Ms: abuse.postgres?.sql.answerTime.p50Ms ?? null,
    abusiveSqlAnswerP50MsPglite: abuse.pglite?.sql.answerTime.p50Ms ?? null,
    trustP95UnderGraphqlAbuseMs: abuse.postgres?.graphql.trust.p95Ms ?? null,
    trustP95UnderGraphqlAbuseMsPglite: abuse.pglite?.graphql.trust.p95Ms ?? null,
    abusiveGraphqlAnswerP50Ms: abuse.postgres?.graphql.answerTime.p50Ms ?? null,
    abusiveGraphqlAnswerP50MsPglite: abuse.pglite?.graphql.answerTime.p50Ms ?? null,
    getLogs,
    backfill: { pglite, postgres, postgresNote: input.postgresNote },
    live,
    abuse,
    targets: [
      check("backfill on PGlite (events/s)", pglite.eventsPerSec, ">=", TARGETS.backfillEventsPerSec),
      check("backfill on PostgreSQL (events/s)", postgres?.eventsPerSec ?? null, ">=", TARGETS.backfillEventsPerSec),
      check("live receipt to trust route, p95 (ms)", live.latency.p95Ms, "<", TARGETS.liveLatencyP95Ms),
      check("trust route under live load, p95 (ms)", live.trust.p95Ms, "<", TARGETS.trustP95Ms),
      check(
        "trust route under four SQL self-joins on PostgreSQL, p95 (ms)",
        abuse.postgres?.sql.trust.p95Ms ?? null,
        "<",
        TARGETS.trustP95UnderAbuseMs,
      ),
    ],
  };
}

export type Report = ReturnType<typeof buildReport>;

/** Columns padded to their widest cell; the first left-aligned, the others right-aligned. */
function columns(rows: readonly string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ")
      .trimEnd();
  return [line(rows[0]!), widths.map((width) => "-".repeat(width)).join("  "), ...rows.slice(1).map(line)];
}

export function table(report: Report): string {
  const figure = (value: number | null) => (value === null ? "n/a" : value.toLocaleString("en-US"));
  const verdict = (item: Check) => (item.pass === null ? "n/a" : item.pass ? "pass" : "FAIL");
  const [pgliteCheck, postgresCheck, liveCheck, trustCheck, abuseCheck] = report.targets as [
    Check,
    Check,
    Check,
    Check,
    Check,
  ];
  const { pglite, postgres } = report.backfill;
  const { live, getLogs, seed, machine, abuse } = report;
  const abuseRows = (name: string, result: AbuseResult | undefined, check: Check | null) => {
    if (result === undefined) return [];
    const what = result.kind === "sql" ? "SQL self-joins" : "GraphQL queries";
    return [
      [
        `trust route under ${result.clients} ${what} on ${name}, load ${result.loadAverage}, ` +
          `${result.trustFailures} failed (ms)`,
        figure(result.trust.p50Ms),
        figure(result.trust.p95Ms),
        check?.target ?? "",
        check === null ? "reference" : verdict(check),
      ],
      [
        `  the ${what}' time to an answer (ms)`,
        figure(result.answerTime.p50Ms),
        figure(result.answerTime.p95Ms),
        "",
        "",
      ],
    ];
  };
  const measures = columns([
    ["measure", "median (p50)", "p95", "target", "result"],
    [`eth_getLogs, ${getLogs.calls} call(s) (events/s)`, figure(getLogs.eventsPerSec), "", "", "reference"],
    [
      `backfill on PGlite, ${pglite.seconds} s, load ${pglite.loadAverage} (events/s)`,
      figure(pglite.eventsPerSec),
      "",
      pgliteCheck.target,
      verdict(pgliteCheck),
    ],
    [
      `backfill on PostgreSQL${postgres === null ? "" : `, ${postgres.seconds} s, load ${postgres.loadAverage}`} (events/s)`,
      figure(postgres?.eventsPerSec ?? null),
      "",
      postgresCheck.target,
      verdict(postgresCheck),
    ],
    [
      `live: receipt to trust route on ${live.database}, load ${live.loadAverage} (ms)`,
      figure(live.latency.p50Ms),
      figure(live.latency.p95Ms),
      liveCheck.target,
      verdict(liveCheck),
    ],
    [
      "trust route under live load (ms)",
      figure(live.trust.p50Ms),
      figure(live.trust.p95Ms),
      trustCheck.target,
      verdict(trustCheck),
    ],
    ["GraphQL page of 50 agents under live load (ms)", figure(live.graphql.p50Ms), figure(live.graphql.p95Ms), "", ""],
    [
      "Ponder's own time per live block (ms)",
      figure(live.ponderBlockMs.p50Ms),
      figure(live.ponderBlockMs.p95Ms),
      "",
      "reference",
    ],
    ["trust route, idle (ms)", figure(live.idle.trust.p50Ms), figure(live.idle.trust.p95Ms), "", "reference"],
    [
      "GraphQL page of 50 agents, idle (ms)",
      figure(live.idle.graphql.p50Ms),
      figure(live.idle.graphql.p95Ms),
      "",
      "reference",
    ],
    ...abuseRows("PostgreSQL", abuse.postgres?.sql, abuseCheck),
    ...abuseRows("PostgreSQL", abuse.postgres?.graphql, null),
    ...abuseRows("PGlite", abuse.pglite?.sql, null),
    ...abuseRows("PGlite", abuse.pglite?.graphql, null),
  ]);
  const phases = (
    [
      ["PostgreSQL", abuse.postgres],
      ["PGlite", abuse.pglite],
    ] as const
  ).flatMap(([name, result]) =>
    result === null ? [] : [result.graphql, result.sql].map((phase) => ({ name, phase })),
  );
  const answers = columns([
    ["abusive queries' answers", "kind", "answer", "count", "p50 (ms)", "max (ms)"],
    ...phases.flatMap(({ name, phase }) =>
      phase.answers.map((item) => [
        name,
        item.kind,
        item.outcome,
        figure(item.count),
        figure(item.time.p50Ms),
        figure(item.time.maxMs),
      ]),
    ),
  ]);
  const abuseNote = phases
    .map(
      ({ name, phase }) =>
        `${phase.kind} on ${name} for ${phase.seconds} s` +
        (phase.statementsLeftRunning === null ? "" : `, ${phase.statementsLeftRunning} statement(s) left running`),
    )
    .join("; ");
  const stage = (name: string, result: BackfillResult) => [
    name,
    figure(result.stages.startupSeconds),
    figure(result.stages.fetchSeconds),
    figure(result.stages.handlerSeconds),
    figure(result.stages.finishSeconds),
    figure(result.seconds),
    figure(result.eventsPerSecAfterStartup),
  ];
  const stages = columns([
    ["backfill (s)", "startup", "fetch", "handlers", "indexes", "total", "events/s after startup"],
    stage("PGlite", pglite),
    ...(postgres === null ? [] : [stage("PostgreSQL", postgres)]),
  ]);
  return [
    `${figure(report.parameters.pacts)} pacts across ${figure(report.parameters.agents)} agents: ` +
      `${figure(report.events)} events in ${seed.blocks - seed.finalityBlocks} blocks of at most ` +
      `${figure(report.parameters.blockTransactions)} transactions, then ${seed.finalityBlocks} empty ones`,
    `${machine.cores} cores; 1-minute load average ${machine.loadAverage.start} at the start, ` +
      `${machine.loadAverage.mean} on average, ${machine.loadAverage.max} at most (other work skews every figure)`,
    "",
    ...measures,
    "",
    ...stages,
    "(Ponder fetches and runs handlers at once: the stages overlap)",
    "",
    ...(abuseNote === ""
      ? []
      : [...answers, `(${abuseNote}; a client gives up after ${ABUSE_CLIENT_TIMEOUT_MS / 1000} s)`, ""]),
  ].join("\n");
}
