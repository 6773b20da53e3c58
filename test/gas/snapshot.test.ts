import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { before, describe, it } from "node:test";

import hre from "hardhat";

import { BUDGETS, measureGas, type GasReport } from "../../scripts/gas/scenario.ts";

const TOLERANCE = 0.01;

// Coverage instruments the bytecode, so its gas is not the deployed contract's.
const skip = hre.globalOptions.coverage ? "gas is not comparable under coverage instrumentation" : false;

describe("gas snapshot", { skip }, () => {
  let measured: GasReport;
  let snapshot: GasReport;

  before(async () => {
    measured = await measureGas();
    snapshot = JSON.parse(await readFile(new URL("../../snapshots/gas.json", import.meta.url), "utf8"));
  });

  it("test_EveryCallStaysWithinOnePercentOfItsSnapshot", () => {
    const grown = Object.entries(measured)
      .filter(([call, gas]) => snapshot[call] !== undefined && gas > snapshot[call] * (1 + TOLERANCE))
      .map(([call, gas]) => `${call}: ${gas} > snapshot ${snapshot[call]} + 1%`);
    assert.deepEqual(grown, [], "calls grew past their snapshot; rerun `npm run bench:gas` only if intended");
  });

  it("test_HappyPathNeverGrowsAtAll", () => {
    // The core path is held to its snapshot exactly: features elsewhere may not tax every pact.
    const grown = ["createPact", "acceptPact", "deliverPact", "releasePact", "happyPath"]
      .filter((call) => measured[call] > snapshot[call])
      .map((call) => `${call}: ${measured[call]} > snapshot ${snapshot[call]}`);
    assert.deepEqual(grown, [], "the happy path grew");
  });

  it("test_SnapshotCoversEveryMeasuredCall", () => {
    assert.deepEqual(Object.keys(measured).sort(), Object.keys(snapshot).sort());
  });

  it("test_CoreCallsStayWithinTheirBudgets", () => {
    for (const [call, budget] of Object.entries(BUDGETS)) {
      assert.ok(measured[call] <= budget, `${call}: ${measured[call]} gas exceeds its budget of ${budget}`);
    }
    assert.equal(
      measured.happyPath,
      measured.createPact + measured.acceptPact + measured.deliverPact + measured.releasePact,
    );
  });
});
