import { describe, expect, it } from "vitest";

import { isoWeekOf, isoWeekStartOf, parseIsoWeek, weeksInIsoYear } from "../../src/utils/isoWeek.ts";

/** Monday 30 November 2026, 00:00 UTC: the start of 2026-W49. */
const W49 = 1_795_996_800;

describe("isoWeek", () => {
  it("test_LabelsAndStartsAgree", () => {
    expect(parseIsoWeek("2026-W49")).toEqual({ weekStart: BigInt(W49) });
    expect(isoWeekOf(BigInt(W49))).toBe("2026-W49");
    expect(isoWeekOf(BigInt(W49 - 1))).toBe("2026-W48");
    expect(isoWeekStartOf(BigInt(W49 + 7 * 86_400 - 1))).toBe(BigInt(W49));
    // 1 January 2027 is a Friday: it belongs to 2026's week 53, which starts on Monday 28 December 2026.
    expect(isoWeekOf(BigInt(Date.UTC(2027, 0, 1) / 1000))).toBe("2026-W53");
    expect(parseIsoWeek("2026-W53")).toEqual({ weekStart: BigInt(Date.UTC(2026, 11, 28) / 1000) });
    expect([2020, 2025, 2026, 2027].map(weeksInIsoYear)).toEqual([53, 52, 53, 52]);
  });

  it("test_RevertWhen_TheLabelNamesNoWeek_SaysWhy", () => {
    expect(parseIsoWeek("2026-W1")).toEqual({
      problem: 'must be an ISO week such as 2026-W49 (or current), not "2026-W1"',
    });
    expect(parseIsoWeek("2020-W53")).toEqual({ weekStart: BigInt(Date.UTC(2020, 11, 28) / 1000) });
    expect(parseIsoWeek("2027-W53")).toEqual({ problem: "names week 53, but 2027 has weeks 1 to 52" });
    expect(parseIsoWeek("10000-W01").problem).toContain("must be an ISO week");
  });
});
