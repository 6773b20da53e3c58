import { describe, expect, it } from "vitest";

import { isDecimalString, isDurationString, parseAmount, parseDuration } from "../../src/utils/units.ts";

describe("parseAmount", () => {
  it("test_DecimalStrings_ConvertExactly", () => {
    expect(parseAmount("12.5", 6)).toBe(12_500_000n);
    expect(parseAmount("0", 6)).toBe(0n);
    expect(parseAmount("0.000001", 6)).toBe(1n);
    expect(parseAmount("1000000", 0)).toBe(1_000_000n);
    expect(parseAmount("1.000000000000000001", 18)).toBe(10n ** 18n + 1n);
    expect(parseAmount("007.50", 2)).toBe(750n);
  });

  it("test_RevertWhen_TooManyDecimals", () => {
    expect(() => parseAmount("0.0000001", 6)).toThrow("has 7 decimal places; the token has 6");
    expect(() => parseAmount("1.5", 0)).toThrow("has 1 decimal places; the token has 0");
  });

  it("test_RevertWhen_NotADecimal", () => {
    for (const text of ["", "1.", ".5", "-1", "1e6", "1,000", " 1", "0x10", "1_000"]) {
      expect(isDecimalString(text)).toBe(false);
      expect(() => parseAmount(text, 6)).toThrow("is not a decimal number");
    }
  });
});

describe("parseDuration", () => {
  it("test_Units_ConvertToSeconds", () => {
    expect(parseDuration("45s")).toBe(45n);
    expect(parseDuration("90m")).toBe(5_400n);
    expect(parseDuration("2h")).toBe(7_200n);
    expect(parseDuration("3d")).toBe(259_200n);
    expect(parseDuration("1w")).toBe(604_800n);
    expect(parseDuration("1d12h30m5s")).toBe(86_400n + 43_200n + 1_800n + 5n);
    expect(parseDuration("0s")).toBe(0n);
  });

  it("test_RevertWhen_NotADuration", () => {
    for (const text of ["", "3", "d", "3 d", "1.5h", "-1d", "3D", "3y", "1h 30m"]) {
      expect(isDurationString(text)).toBe(false);
      expect(() => parseDuration(text)).toThrow("is not a duration");
    }
  });
});
