/**
 * Builds sdk/src into sdk/dist (ESM, declarations and their maps) without ever leaving a half-built dist/: tsc
 * writes into dist.next/, which replaces dist/ only once it is complete (a removal and a rename, milliseconds apart),
 * so the CLI, the indexer and the tests that read dist/ meanwhile see the old build or the new one, never a mix, and
 * a failed build leaves the old one in place.
 *
 *   node scripts/build.ts             build
 *   node scripts/build.ts --if-stale  build only when dist/ is missing or older than src/ or package.json (prepack)
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const next = path.join(root, "dist.next");

/** The newest modification time of a file under `dir`, or of `dir` itself when it is a file. */
function newest(dir: string, suffix: string): number {
  if (!statSync(dir).isDirectory()) return statSync(dir).mtimeMs;
  return Math.max(
    0,
    ...readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(suffix))
      .map((file) => statSync(path.join(dir, file)).mtimeMs),
  );
}

/** The oldest modification time of a built file, or 0 when dist/ has none. */
function oldestBuilt(): number {
  if (!existsSync(path.join(dist, "index.js"))) return 0;
  const files = readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((file) => /\.(js|d\.ts)$/.test(file));
  return Math.min(...files.map((file) => statSync(path.join(dist, file)).mtimeMs));
}

if (process.argv.includes("--if-stale")) {
  const changed = Math.max(newest(path.join(root, "src"), ".ts"), newest(path.join(root, "tsconfig.build.json"), ""));
  if (oldestBuilt() >= changed) {
    console.log("sdk/dist is up to date with sdk/src");
    process.exit(0);
  }
}

rmSync(next, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
try {
  execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json"), "--outDir", next], {
    stdio: "inherit",
  });
} catch {
  rmSync(next, { recursive: true, force: true });
  console.error("sdk: tsc failed; dist/ is left as it was");
  process.exit(1);
}
rmSync(dist, { recursive: true, force: true });
renameSync(next, dist);
console.log("sdk/dist built");
