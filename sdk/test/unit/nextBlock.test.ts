import { describe, expect, it } from "vitest";

import { nextBlockTime } from "../../src/utils/nextBlock.ts";

describe("nextBlockTime", () => {
  const latest = 1_800_000_000n;

  describe("given a node that reports a pending block later than its latest", () => {
    it("test_GivenPendingLater_IsThePendingBlocksTime_WhateverTheLocalClock", () => {
      // A Hardhat node's clock runs behind this machine's (measured: 2 to 4 s) or, after time travel, ahead of it:
      // its pending block says when the next block is stamped, and the local clock is not asked.
      expect(nextBlockTime({ latest, pending: latest + 5n, now: Number(latest + 60n) * 1000 })).toBe(latest + 5n);
      expect(nextBlockTime({ latest, pending: latest + 86_400n, now: Number(latest) * 1000 })).toBe(latest + 86_400n);
    });
  });

  describe("given a node without a later pending block", () => {
    it("test_GivenStaleLatestBlock_IsTheLocalClock", () => {
      // A chain that mined nothing for an hour: the next block is stamped now, not a second after the last one.
      expect(nextBlockTime({ latest, now: Number(latest + 3_600n) * 1000 })).toBe(latest + 3_600n);
      // A pending block that is the latest one again (a node that treats "pending" as "latest") tells nothing.
      expect(nextBlockTime({ latest, pending: latest, now: Number(latest + 3_600n) * 1000 })).toBe(latest + 3_600n);
    });

    it("test_GivenFreshLatestBlock_IsOneSecondAfterIt", () => {
      // A block is always later than its parent, even when the local clock is behind the chain's.
      expect(nextBlockTime({ latest, now: Number(latest) * 1000 })).toBe(latest + 1n);
      expect(nextBlockTime({ latest, now: Number(latest - 30n) * 1000 })).toBe(latest + 1n);
    });

    it("test_LocalClock_CountsWholeSecondsOnly", () => {
      // Block timestamps are whole seconds: 0.999 s past a second is still that second.
      expect(nextBlockTime({ latest, now: Number(latest + 10n) * 1000 + 999 })).toBe(latest + 10n);
      expect(nextBlockTime({ latest, now: Number(latest + 1n) * 1000 + 999 })).toBe(latest + 1n);
    });
  });
});
