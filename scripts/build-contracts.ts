/**
 * Run by the npm scripts that deploy the contracts (start, the benchmarks, the screenshot, the SDK's, indexer's and
 * CLI's tests) before they start: compiles contracts/ with the default profile when artifacts/ is missing or stale
 * (`hardhat build --no-tests`, which does nothing when the build is current), and rebuilds it with `--force` when
 * artifacts/ holds the instrumented bytecode that `npm run coverage` leaves behind: that bytecode calls Hardhat's
 * coverage address, is too large to deploy on a plain node, and costs more gas.
 *
 *   node scripts/build-contracts.ts           # quiet unless it compiles
 */
import { spawnSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The address that Hardhat's coverage instrumentation reports each hit to, as it appears in bytecode. */
const COVERAGE_ADDRESS = "c0bec0bec0bec0bec0bec0bec0bec0bec0bec0be";

const hardhatCli = path.join(REPO_ROOT, "node_modules/hardhat/dist/src/cli.js");

function hardhatBuild(...flags: string[]): void {
  const result = spawnSync(process.execPath, [hardhatCli, "build", "--no-tests", "--quiet", ...flags], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (result.status !== 0) {
    process.stderr.write(`build-contracts: \`hardhat build --no-tests ${flags.join(" ")}\` failed\n`);
    process.exit(result.status ?? 1);
  }
}

/** The contract artifacts (relative paths) whose bytecode carries coverage instrumentation. */
async function instrumentedArtifacts(): Promise<string[]> {
  const folder = path.join(REPO_ROOT, "artifacts/contracts");
  const entries = await readdir(folder, { recursive: true }).catch(() => [] as string[]);
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.endsWith(".json") || entry.endsWith(".dbg.json")) continue;
    const text = await readFile(path.join(folder, entry), "utf8");
    if (text.toLowerCase().includes(COVERAGE_ADDRESS)) found.push(entry);
  }
  return found;
}

hardhatBuild();
const instrumented = await instrumentedArtifacts();
if (instrumented.length > 0) {
  process.stderr.write(
    `build-contracts: artifacts/ holds the instrumented build of \`npm run coverage\` (${instrumented[0]}` +
      `${instrumented.length > 1 ? ` and ${instrumented.length - 1} more` : ""}); rebuilding it clean\n`,
  );
  hardhatBuild("--force");
  const left = await instrumentedArtifacts();
  if (left.length > 0) {
    process.stderr.write(`build-contracts: still instrumented after a forced build: ${left.join(", ")}\n`);
    process.exit(1);
  }
}
