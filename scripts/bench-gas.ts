/**
 * `npm run bench:gas`: prints the full transaction gas of every call of every path and writes the committed
 * snapshot (snapshots/gas.json) that the tests hold the contracts to. `--json` prints one JSON object instead
 * of the table; `--no-write` leaves the snapshot alone.
 */
import { readFile, writeFile } from "node:fs/promises";

import { BUDGETS, measureGas, type GasReport } from "./gas/scenario.ts";

const SNAPSHOT = new URL("../snapshots/gas.json", import.meta.url);

const args = new Set(process.argv.slice(2));
const report = await measureGas();

let previous: GasReport = {};
try {
  previous = JSON.parse(await readFile(SNAPSHOT, "utf8"));
} catch {
  // No snapshot yet: this run writes the first one.
}

if (args.has("--json")) {
  console.log(JSON.stringify(report));
} else {
  const rows = Object.entries(report).map(([call, gas]) => {
    const before = previous[call];
    const delta = before === undefined ? "new" : `${gas - before >= 0 ? "+" : ""}${gas - before}`;
    const budget = BUDGETS[call];
    return {
      call,
      gas: gas.toLocaleString("en-US"),
      snapshot: before === undefined ? "-" : before.toLocaleString("en-US"),
      delta,
      budget: budget === undefined ? "" : `${budget.toLocaleString("en-US")} ${gas <= budget ? "ok" : "OVER"}`,
    };
  });
  console.table(rows);
}

if (!args.has("--no-write")) {
  await writeFile(SNAPSHOT, JSON.stringify(report, null, 2) + "\n");
  if (!args.has("--json")) console.log(`wrote ${SNAPSHOT.pathname}`);
}
