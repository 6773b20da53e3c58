import { describe, expect, it } from "vitest";

import { isoWeekLabel, weekStartOf, weekStartsBetween } from "../../src/lib/weeks.ts";

const at = (iso: string) => BigInt(Date.parse(iso) / 1000);

describe("weekStartOf", () => {
  it("test_GivesTheMondayAtMidnightUtcOfTheIsoWeek", () => {
    // Saturday 2026-11-28 falls in the week of Monday 2026-11-23.
    expect(weekStartOf(at("2026-11-28T21:14:05Z"))).toBe(at("2026-11-23T00:00:00Z"));
    expect(weekStartOf(at("2026-11-23T00:00:00Z"))).toBe(at("2026-11-23T00:00:00Z"));
    expect(weekStartOf(at("2026-11-22T23:59:59Z"))).toBe(at("2026-11-16T00:00:00Z"));
  });

  it("test_GivenTheEpoch_HandlesAThursday", () => {
    expect(weekStartOf(0n)).toBe(at("1969-12-29T00:00:00Z"));
  });
});

describe("isoWeekLabel", () => {
  it("test_LabelsWeeksByTheYearOfTheirThursday", () => {
    expect(isoWeekLabel(at("2026-11-23T00:00:00Z"))).toBe("2026-W48");
    // 2020-12-28 starts week 53 of 2020; 2021-01-04 starts week 1 of 2021.
    expect(isoWeekLabel(at("2020-12-28T00:00:00Z"))).toBe("2020-W53");
    expect(isoWeekLabel(at("2021-01-04T00:00:00Z"))).toBe("2021-W01");
    // 2024-12-30 is in week 1 of 2025.
    expect(isoWeekLabel(at("2024-12-30T00:00:00Z"))).toBe("2025-W01");
  });
});

describe("weekStartsBetween", () => {
  it("test_ListsEveryWeekFromTheFirstToTheLastBothIncluded", () => {
    expect(weekStartsBetween(at("2026-11-10T12:00:00Z"), at("2026-11-28T00:00:00Z"))).toEqual([
      at("2026-11-09T00:00:00Z"),
      at("2026-11-16T00:00:00Z"),
      at("2026-11-23T00:00:00Z"),
    ]);
    expect(weekStartsBetween(at("2026-11-28T00:00:00Z"), at("2026-11-28T01:00:00Z"))).toEqual([
      at("2026-11-23T00:00:00Z"),
    ]);
  });
});
