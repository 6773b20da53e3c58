/**
 * The trust dashboard draws every kind of history row the indexer records: in words (dashboard/src/events.ts), and on
 * the agent's outcomes chart and stake history when the kind settles a pact or moves stake (dashboard/src/outcomes.ts).
 */
import { suretyAbi } from "@surety/sdk/deployments";
import { describe, expect, it } from "vitest";

import { EVENT_LABELS, eventLabel, eventNote } from "../../../dashboard/src/events.ts";
import {
  KIND_ROLES,
  OUTCOMES,
  outcomePeriods,
  RECORD_KINDS,
  roleOf,
  stakeRows,
  type HistoryRow,
} from "../../../dashboard/src/outcomes.ts";
import { HISTORY_KINDS, type HistoryKind } from "../../src/lib/history.ts";

describe("eventLabel", () => {
  it("test_GivenEveryKindTheIndexerDerives_HasALabelOfItsOwn", () => {
    expect(Object.keys(EVENT_LABELS).sort()).toEqual([...HISTORY_KINDS].sort());
    const labels = HISTORY_KINDS.map(eventLabel);
    expect(new Set(labels).size).toBe(HISTORY_KINDS.length);
    for (const label of labels) expect(label).toMatch(/^[A-Z][a-z]+( [\w:'-]+)*$/);
  });

  it("test_GivenAKindFromANewerIndexer_NamesItFromItsName", () => {
    expect(eventLabel("CourtSomethingNew")).toBe("Court something new");
  });
});

describe("eventNote", () => {
  it("test_GivenAHeldRulingOrAnUnpaidCourtFee_SaysWhatItMeansForThePact", () => {
    const held = eventNote("RulingHeld", { pactId: "7", arbiter: "0xad", heldUntil: 1_800_000_000 });
    expect(held).toContain("no default ruling before 2027-01-15 08:00 UTC");
    expect(eventNote("ArbitrationUnfunded", { pactId: "7", caller: "0xca" })).toContain(
      "the delivery stood and the agent was paid in full",
    );
    expect(eventNote("PactReleased", {})).toBeNull();
  });

  it("test_GivenAReviewOrANote_SaysTheDecisionAndWhatTheNoteIsAbout", () => {
    // The history's arguments as the indexer stores them: enums as numbers, integers as decimal strings.
    expect(eventNote("AgentReviewed", { decision: 2, changed: true })).toContain("Decision: narrow");
    expect(eventNote("AgentReviewed", { decision: 2, changed: true })).toContain("changed the agent's scope");
    expect(eventNote("AgentReviewed", { decision: 0, changed: false })).toContain("unchanged");
    expect(eventNote("ExceptionLogged", { kind: 1, pactId: "0" })).toBe("A rescue note, about the agent.");
    expect(eventNote("ExceptionLogged", { kind: 0, pactId: "7" })).toContain("about the pact");
  });
});

/** A history row of `kind` as GraphQL serves it: 100 base units, and a slash of 7 wherever the kind can slash. */
function rowOf(kind: string, args: Record<string, unknown> = { slashed: "7" }): HistoryRow {
  return {
    kind,
    actor: "0x00000000000000000000000000000000000000a1",
    pactId: "1",
    token: null,
    amount: "100",
    args,
    // Thursday 2026-12-03: week 2026-W49.
    timestamp: "1796342400",
    transactionHash: `0x${"ab".repeat(32)}`,
  };
}

/** The stake change each move draws for `rowOf`'s row. */
const CHANGES = { deposit: 100n, withdraw: -100n, request: 0n, slash: -7n } as const;

describe("KIND_ROLES", () => {
  it("test_GivenEveryKindTheIndexerDerives_ClassifiesEachOnce", () => {
    expect(Object.keys(KIND_ROLES).sort()).toEqual([...HISTORY_KINDS].sort());
  });

  it("test_GivenEveryEventWithASlashedArgument_ClassifiesItAsASlash", () => {
    const slashing = suretyAbi.flatMap((item) =>
      item.type === "event" && item.inputs.some((input) => input.name === "slashed") ? [item.name] : [],
    );
    expect(slashing.length).toBeGreaterThan(0);
    for (const kind of slashing) expect({ kind, stake: roleOf(kind).stake }).toEqual({ kind, stake: "slash" });
  });

  it("test_ReadsEveryKindWithARole_PactRefundedByAgentAmongThem", () => {
    const withRole = HISTORY_KINDS.filter((kind) => roleOf(kind).outcome !== null || roleOf(kind).stake !== null);
    expect([...RECORD_KINDS].sort()).toEqual([...withRole].sort());
    expect(RECORD_KINDS).toContain("PactRefundedByAgent");
    expect(RECORD_KINDS).toContain("PactSettled");
    expect(RECORD_KINDS).toContain("DefaultRulingApplied");
  });
});

describe("outcomePeriods", () => {
  it.each(HISTORY_KINDS.map((kind) => [kind]))("test_GivenA%sRow_DrawsItsOutcomeAndSlashOrNothing", (kind) => {
    const role = roleOf(kind);
    const periods = outcomePeriods([rowOf(kind)]);
    if (role.outcome === null && role.stake !== "slash") {
      expect(periods).toEqual([]);
      return;
    }
    expect(periods).toHaveLength(1);
    const expected = Object.fromEntries(OUTCOMES.map((series) => [series.key, 0]));
    if (role.outcome !== null) expected[role.outcome] = 1;
    if (role.stake === "slash") expected.slashed = 1;
    expect({ kind, label: periods[0]!.label, values: periods[0]!.values }).toEqual({
      kind,
      label: "2026-W49",
      values: expected,
    });
  });

  it("test_GivenARowOfEveryKind_DrawsEverySeriesWithData", () => {
    const [period, ...rest] = outcomePeriods(HISTORY_KINDS.map((kind) => rowOf(kind)));
    expect(rest).toEqual([]);
    expect(period!.values).toEqual({ released: 2, refunded: 2, settled: 1, ruled: 2, disputed: 1, slashed: 3 });
    for (const series of OUTCOMES) expect(period!.values[series.key]).toBeGreaterThan(0);
  });

  it("test_GivenPactRefundedByAgent_DrawsTheRefundAndItsSlash", () => {
    const [period] = outcomePeriods([rowOf("PactRefundedByAgent", { pactId: "1", refund: "100", slashed: "7" })]);
    expect(period!.values).toMatchObject({ refunded: 1, slashed: 1 });
  });

  it("test_GivenASettlementThatSlashedNothing_DrawsNoSlash", () => {
    const [period] = outcomePeriods([rowOf("DisputeResolved", { slashed: "0" })]);
    expect(period!.values).toMatchObject({ ruled: 1, slashed: 0 });
  });

  it("test_GivenOutcomesWeeksApart_ShowsTheWeeksBetweenEmpty", () => {
    const later = { ...rowOf("PactReleased"), timestamp: String(1796342400 + 14 * 86_400) };
    const periods = outcomePeriods([later, rowOf("PactReleased")]);
    expect(periods.map((period) => [period.label, period.values.released])).toEqual([
      ["2026-W49", 1],
      ["2026-W50", 0],
      ["2026-W51", 1],
    ]);
  });
});

describe("stakeRows", () => {
  it.each(HISTORY_KINDS.map((kind) => [kind]))("test_GivenA%sRow_DrawsItsStakeMoveOrNothing", (kind) => {
    const move = roleOf(kind).stake;
    const rows = stakeRows([rowOf(kind)], 1_000n);
    expect({ kind, moves: rows.map((row) => [row.move, row.change, row.after]) }).toEqual({
      kind,
      moves: move === null ? [] : [[move, CHANGES[move], 1_000n]],
    });
  });

  it("test_GivenPactRefundedByAgent_DrawsItsSlashInTheStakeHistory", () => {
    const rows = stakeRows([rowOf("PactRefundedByAgent", { pactId: "1", refund: "100", slashed: "7" })], 993n);
    expect(rows.map((row) => [row.event.kind, row.change, row.after])).toEqual([["PactRefundedByAgent", -7n, 993n]]);
  });

  it("test_GivenMovesNewestFirst_CountsTheStakeAfterEachBackFromNow", () => {
    const kinds: HistoryKind[] = ["PactRefunded", "StakeWithdrawn", "WithdrawalRequested", "StakeDeposited"];
    const rows = stakeRows(
      kinds.map((kind) => rowOf(kind)),
      793n,
    );
    expect(rows.map((row) => [row.event.kind, row.change, row.after])).toEqual([
      ["PactRefunded", -7n, 793n],
      ["StakeWithdrawn", -100n, 800n],
      ["WithdrawalRequested", 0n, 900n],
      ["StakeDeposited", 100n, 900n],
    ]);
  });

  it("test_GivenASettlementThatSlashedNothing_LeavesItOut", () => {
    expect(stakeRows([rowOf("PactRefunded", { slashed: "0" })], 1_000n)).toEqual([]);
  });
});
