/**
 * The weekly review's pure logic: ISO week labels (53-week years included), the recovery state machine, the
 * concentration of settled value in one buyer, and the median.
 */
import { describe, expect, it } from "vitest";

import { median } from "../../src/api/format.ts";
import { isConcentrated, largestShare, nextTopBuyer, shareOf } from "../../src/lib/evidence.ts";
import {
  acceptPact,
  daysSinceRecertification,
  moveOnLadder,
  NO_RECOVERY,
  signalAfterRecertification,
} from "../../src/lib/recovery.ts";
import { isoWeekLabel, parseIsoWeek, weeksInIsoYear } from "../../src/lib/weeks.ts";

const at = (iso: string) => BigInt(Date.parse(iso) / 1000);

describe("parseIsoWeek", () => {
  it("test_GivesTheMondayOfTheWeek", () => {
    expect(parseIsoWeek("2026-W49")).toEqual({ weekStart: at("2026-11-30T00:00:00Z") });
    // Week 1 of 2025 starts in 2024 (it holds 4 January 2025, a Saturday).
    expect(parseIsoWeek("2025-W01")).toEqual({ weekStart: at("2024-12-30T00:00:00Z") });
    expect(parseIsoWeek("2021-W01")).toEqual({ weekStart: at("2021-01-04T00:00:00Z") });
  });

  it("test_GivenA53WeekYear_AcceptsWeek53", () => {
    // 2026 starts on a Thursday; 2020 is a leap year starting on a Wednesday.
    expect(parseIsoWeek("2026-W53")).toEqual({ weekStart: at("2026-12-28T00:00:00Z") });
    expect(parseIsoWeek("2020-W53")).toEqual({ weekStart: at("2020-12-28T00:00:00Z") });
  });

  it("test_RoundTripsWithIsoWeekLabel", () => {
    for (const label of ["1970-W01", "2015-W53", "2024-W52", "2026-W53", "2027-W01", "9999-W52"]) {
      const parsed = parseIsoWeek(label);
      expect("weekStart" in parsed && isoWeekLabel(parsed.weekStart)).toBe(label);
    }
  });

  it.each([
    ["2026-W5", "must be an ISO week such as 2026-W49"],
    ["2026W05", "must be an ISO week"],
    ["2026-w05", "must be an ISO week"],
    [" 2026-W05", "must be an ISO week"],
    ["2026-W00", "names week 0, but 2026 has weeks 1 to 53"],
    ["2026-W54", "names week 54, but 2026 has weeks 1 to 53"],
    ["2025-W53", "names week 53, but 2025 has weeks 1 to 52"],
    ["2027-W53", "names week 53, but 2027 has weeks 1 to 52"],
    ["1969-W52", "names the year 1969"],
  ])("test_RevertWhen_LabelIs_%s", (label, problem) => {
    const parsed = parseIsoWeek(label);
    expect("problem" in parsed && parsed.problem).toContain(problem);
  });
});

describe("weeksInIsoYear", () => {
  it("test_Gives53ForYearsStartingOnThursdayOrLeapWednesday", () => {
    expect([2015, 2020, 2026, 2032, 2037].map(weeksInIsoYear)).toEqual([53, 53, 53, 53, 53]);
    expect([2019, 2021, 2024, 2025, 2027].map(weeksInIsoYear)).toEqual([52, 52, 52, 52, 52]);
  });
});

describe("recovery", () => {
  it("test_GivenAGoodAgent_WhenNarrowedThenRecertified_CountsOneRecovery", () => {
    const narrowed = moveOnLadder(NO_RECOVERY, "good", "narrowed", 100n);
    expect(narrowed).toMatchObject({ containmentStarted: true, containmentEnded: null, recertified: false });
    expect(narrowed.state.containedSince).toBe(100n);
    // Moving within containment neither starts nor ends one.
    const paused = moveOnLadder(narrowed.state, "narrowed", "paused", 150n);
    expect(paused).toMatchObject({ containmentStarted: false, containmentEnded: null });
    expect(paused.state.containedSince).toBe(100n);
    const good = moveOnLadder(paused.state, "paused", "good", 400n);
    expect(good.containmentEnded).toEqual({ containedAt: 100n, recoverySeconds: 300n });
    expect(good.state).toEqual({
      containedSince: null,
      recertifiedAt: 400n,
      pactsSinceRecertification: 0,
      relapseAt: null,
    });
  });

  it("test_GivenContained_WhenWarned_EndsWithNoRecoveryFigure", () => {
    const contained = moveOnLadder(NO_RECOVERY, "warned", "under-review", 10n).state;
    const warned = moveOnLadder(contained, "under-review", "warned", 20n);
    expect(warned.containmentEnded).toEqual({ containedAt: 10n, recoverySeconds: null });
    expect(warned.recertified).toBe(false);
    expect(warned.state.containedSince).toBeNull();
  });

  it("test_GivenWarned_WhenMovedToGood_RecertifiesWithoutARecovery", () => {
    const good = moveOnLadder(NO_RECOVERY, "warned", "good", 50n);
    expect(good).toMatchObject({ containmentStarted: false, containmentEnded: null, recertified: true });
    expect(good.state.recertifiedAt).toBe(50n);
  });

  it("test_CountsPactsUntilTheFirstSignalAfterRecertification", () => {
    expect(acceptPact(NO_RECOVERY).pactsSinceRecertification).toBe(0);
    let state = moveOnLadder(NO_RECOVERY, "warned", "good", 1_000n).state;
    state = acceptPact(acceptPact(state));
    expect(daysSinceRecertification(state, 1_000n + 86_400n * 3n)).toBe(3);
    const first = signalAfterRecertification(state, 1_000n + 43_200n);
    expect(first.relapse).toBe(true);
    const second = signalAfterRecertification(acceptPact(first.state), 99_999n);
    expect(second.relapse).toBe(false);
    expect(second.state).toMatchObject({ pactsSinceRecertification: 2, relapseAt: 1_000n + 43_200n });
    expect(daysSinceRecertification(second.state, 10n ** 9n)).toBe(0.5);
    // A new recertification starts afresh.
    expect(moveOnLadder(second.state, "good", "good", 5_000n).state).toMatchObject({
      recertifiedAt: 5_000n,
      pactsSinceRecertification: 0,
      relapseAt: null,
    });
  });

  it("test_GivenNoRecertification_NoSignalIsARelapse", () => {
    expect(signalAfterRecertification(NO_RECOVERY, 5n).relapse).toBe(false);
    expect(daysSinceRecertification(NO_RECOVERY, 5n)).toBeNull();
  });
});

describe("concentration", () => {
  it("test_FlagsAShareStrictlyAboveOneHalf", () => {
    expect(shareOf(0n, 0n)).toBeNull();
    expect(isConcentrated(shareOf(50n, 100n))).toBe(false);
    expect(isConcentrated(shareOf(51n, 100n))).toBe(true);
    expect(isConcentrated(null)).toBe(false);
    expect(largestShare([null, 0.25, 0.75, 0.5])).toBe(0.75);
    expect(largestShare([null])).toBeNull();
  });

  it("test_KeepsTheLargestBuyerWithTheLowestAddressAmongEquals", () => {
    let top = nextTopBuyer({ buyer: null, value: 0n }, "0xbb", 100n);
    top = nextTopBuyer(top, "0xaa", 60n);
    expect(top).toEqual({ buyer: "0xbb", value: 100n });
    top = nextTopBuyer(top, "0xaa", 100n);
    expect(top).toEqual({ buyer: "0xaa", value: 100n });
    top = nextTopBuyer(top, "0xcc", 100n);
    expect(top).toEqual({ buyer: "0xaa", value: 100n });
    top = nextTopBuyer(top, "0xcc", 101n);
    expect(top).toEqual({ buyer: "0xcc", value: 101n });
  });
});

describe("median", () => {
  it("test_GivesTheMiddleValueOrTheMeanOfTheTwo", () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([10, 2, 4, 8])).toBe(6);
  });
});
