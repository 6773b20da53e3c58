/**
 * `lint:sol` step: builds the contracts, then fails on any compiler warning located in the project's own
 * `contracts/` folder (dependencies' warnings are reported by solc too, and are not ours to fix).
 * It reads the compiler output that Hardhat keeps in artifacts/build-info, so cached builds are checked too.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";

type SolcMessage = {
  severity: "error" | "warning" | "info";
  formattedMessage?: string;
  message: string;
  sourceLocation?: { file: string };
};

execFileSync("npx", ["hardhat", "build", "--quiet"], { stdio: "inherit" });

// Only the builds that produced the current artifacts count; older build infos can linger after an edit.
const artifacts = new URL("../artifacts/contracts/", import.meta.url);
const current = new Set<string>();
for (const entry of await readdir(artifacts, { recursive: true })) {
  if (!entry.endsWith(".json")) continue;
  const artifact = JSON.parse(await readFile(new URL(entry, artifacts), "utf8"));
  // Artifacts of deleted sources can linger too; only sources that still exist count.
  if (typeof artifact.buildInfoId !== "string" || typeof artifact.sourceName !== "string") continue;
  if (!existsSync(new URL(`../${artifact.sourceName}`, import.meta.url))) continue;
  current.add(artifact.buildInfoId);
}

const dir = new URL("../artifacts/build-info/", import.meta.url);
// A build info can also hold messages about a source deleted since; only files that still exist count.
const ours = (file: string) =>
  /^(project\/)?contracts\//.test(file) && existsSync(new URL(`../${file.replace(/^project\//, "")}`, import.meta.url));
const warnings: SolcMessage[] = [];
for (const id of current) {
  const json = JSON.parse(await readFile(new URL(`${id}.output.json`, dir), "utf8"));
  const messages: SolcMessage[] = (json.output ?? json).errors ?? [];
  for (const m of messages) {
    if (m.severity !== "info" && m.sourceLocation && ours(m.sourceLocation.file)) warnings.push(m);
  }
}

if (warnings.length > 0) {
  for (const w of warnings) console.error(w.formattedMessage ?? `${w.sourceLocation?.file}: ${w.message}`);
  console.error(`lint:sol: ${warnings.length} compiler warning(s) in contracts/`);
  process.exit(1);
}
console.log("lint:sol: no compiler warnings in contracts/");
