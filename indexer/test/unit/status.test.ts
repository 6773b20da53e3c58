import { describe, expect, it } from "vitest";

import { effectiveStatus, statusDeadline, type PactTimes } from "../../src/lib/status.ts";

const DAY = 86_400n;

describe("effectiveStatus", () => {
  const pact = (status: PactTimes["status"], heldUntil: bigint | null = null): PactTimes => ({
    status,
    acceptBy: 1_000n,
    deliverBy: 2_000n,
    reviewPeriod: 3_600n,
    rulingPeriod: 86_400n,
    updatedAt: 1_500n,
    heldUntil,
  });

  it("test_ReadsDeadlinesAsInclusive", () => {
    expect(effectiveStatus(pact("open"), 1_000n)).toEqual({ status: "open", deadline: 1_000 });
    expect(effectiveStatus(pact("open"), 1_001n)).toEqual({ status: "expired", deadline: 1_000 });
    expect(effectiveStatus(pact("active"), 2_000n).status).toBe("active");
    expect(effectiveStatus(pact("active"), 2_001n).status).toBe("overdue");
  });

  it("test_CountsReviewAndRulingPeriodsFromTheLastTransition", () => {
    expect(effectiveStatus(pact("delivered"), 1_500n + 3_600n)).toEqual({ status: "delivered", deadline: 5_100 });
    expect(effectiveStatus(pact("delivered"), 1_500n + 3_601n).status).toBe("finalizable");
    expect(effectiveStatus(pact("disputed"), 1_500n + 86_401n)).toEqual({ status: "defaultable", deadline: 87_900 });
  });

  it("test_GivenAHeldDispute_RunsItToTheHoldSoItIsNotDefaultableBeforeThen", () => {
    const held = pact("disputed", 1_500n + 180n * 86_400n);
    expect(effectiveStatus(held, 1_500n + 86_401n)).toEqual({ status: "disputed", deadline: 15_553_500 });
    expect(effectiveStatus(held, 15_553_500n).status).toBe("disputed");
    expect(effectiveStatus(held, 15_553_501n)).toEqual({ status: "defaultable", deadline: 15_553_500 });
    // A hold that ends before the ruling period changes nothing.
    expect(effectiveStatus(pact("disputed", 1_600n), 1_500n + 86_401n).status).toBe("defaultable");
  });

  it("test_GivenAFinalStatus_KeepsItWithNoDeadline", () => {
    expect(effectiveStatus(pact("default-ruled"), 10n ** 12n)).toEqual({ status: "default-ruled", deadline: null });
    expect(effectiveStatus(pact("settled"), 10n ** 12n)).toEqual({ status: "settled", deadline: null });
  });
});

describe("statusDeadline", () => {
  const pact = (columns: Partial<PactTimes>): PactTimes => ({
    status: "active",
    acceptBy: DAY,
    deliverBy: 10n * DAY,
    reviewPeriod: 2n * DAY,
    rulingPeriod: 3n * DAY,
    updatedAt: 2n * DAY,
    heldUntil: null,
    ...columns,
  });

  it("test_GivenActiveOrDelivered_IsTheDeliveryDeadlineOrTheReviewsEnd", () => {
    expect(statusDeadline(pact({}))).toBe(10n * DAY);
    expect(statusDeadline(pact({ status: "delivered", updatedAt: 4n * DAY }))).toBe(6n * DAY);
  });

  it("test_GivenDisputed_IsTheRulingPeriodsEndOrTheArbitersHoldWhenItEndsLater", () => {
    const disputed = pact({ status: "disputed", updatedAt: 5n * DAY });
    expect(statusDeadline(disputed)).toBe(8n * DAY);
    expect(statusDeadline({ ...disputed, heldUntil: 185n * DAY })).toBe(185n * DAY);
    expect(statusDeadline({ ...disputed, heldUntil: 7n * DAY })).toBe(8n * DAY);
  });

  it("test_GivenAPactNotUnderway_IsNoneAsNothingCanAcceptItsProposals", () => {
    for (const status of ["open", "released", "resolved", "default-ruled", "settled"] as const) {
      expect(statusDeadline(pact({ status }))).toBeNull();
    }
  });
});
