import { describe, expect, it } from "vitest";

import { amountOf, effectiveStatus, mean, ratio, type PactTimes } from "../../src/api/format.ts";

const usd = { address: "0x5FbDB2315678afecb367f032d93F642f64180aa3", symbol: "mUSD", decimals: 6 } as const;

describe("amountOf", () => {
  it("gives base units and a decimal string in the token's units", () => {
    expect(amountOf(usd, 12_500_000n)).toEqual({
      token: usd.address,
      symbol: "mUSD",
      decimals: 6,
      raw: "12500000",
      amount: "12.5",
    });
  });

  it("leaves the decimal string out when the token's decimals are unknown", () => {
    expect(amountOf({ ...usd, symbol: null, decimals: null }, 7n).amount).toBeNull();
  });
});

describe("effectiveStatus", () => {
  const pact = (status: PactTimes["status"]): PactTimes => ({
    status,
    acceptBy: 1_000n,
    deliverBy: 2_000n,
    reviewPeriod: 3_600n,
    rulingPeriod: 86_400n,
    updatedAt: 1_500n,
  });

  it("reads deadlines as inclusive", () => {
    expect(effectiveStatus(pact("open"), 1_000n)).toEqual({ status: "open", deadline: 1_000 });
    expect(effectiveStatus(pact("open"), 1_001n)).toEqual({ status: "expired", deadline: 1_000 });
    expect(effectiveStatus(pact("active"), 2_000n).status).toBe("active");
    expect(effectiveStatus(pact("active"), 2_001n).status).toBe("overdue");
  });

  it("counts review and ruling periods from the last transition", () => {
    expect(effectiveStatus(pact("delivered"), 1_500n + 3_600n)).toEqual({ status: "delivered", deadline: 5_100 });
    expect(effectiveStatus(pact("delivered"), 1_500n + 3_601n).status).toBe("finalizable");
    expect(effectiveStatus(pact("disputed"), 1_500n + 86_401n)).toEqual({ status: "defaultable", deadline: 87_900 });
  });

  it("keeps final statuses, with no deadline", () => {
    expect(effectiveStatus(pact("default-ruled"), 10n ** 12n)).toEqual({ status: "default-ruled", deadline: null });
  });
});

describe("ratio and mean", () => {
  it("are null with nothing to divide by", () => {
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(0n, 0n)).toBeNull();
    expect(mean(0n, 0)).toBeNull();
  });

  it("divide otherwise", () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(5n, 2n)).toBe(2.5);
    expect(mean(90n, 4)).toBe(22.5);
  });
});
