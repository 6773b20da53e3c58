/**
 * `npm run typecheck`: type-checks every TypeScript project of the repository with `tsc --noEmit`, as many at a
 * time as the machine has cores (each `tsc` is single-threaded, so one after another left a core idle for a
 * minute of every test run). Prints each project's diagnostics together, and fails when any project does.
 */
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The projects, by the folder of their tsconfig.json, largest first so that the last to start is short. */
const PROJECTS = [".", "indexer", "cli", "sdk", "dashboard"];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsc = path.join(root, "node_modules/typescript/bin/tsc");

type Result = { project: string; code: number | null; output: string; seconds: number };

function check(project: string): Promise<Result> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, "-p", project, "--noEmit"], { cwd: root });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", (error) => resolve({ project, code: 1, output: String(error), seconds: 0 }));
    child.on("close", (code) => resolve({ project, code, output, seconds: (performance.now() - started) / 1000 }));
  });
}

const queue = [...PROJECTS];
const results: Result[] = [];
await Promise.all(
  Array.from({ length: Math.min(availableParallelism(), queue.length) }, async () => {
    for (let project = queue.shift(); project !== undefined; project = queue.shift()) {
      const result = await check(project);
      results.push(result);
      const name = result.project === "." ? "root" : result.project;
      console.log(`${result.code === 0 ? "ok    " : "FAILED"} tsc -p ${name} (${result.seconds.toFixed(1)} s)`);
      if (result.output.trim() !== "") console.log(result.output.trimEnd());
    }
  }),
);

const failed = results.filter((result) => result.code !== 0).map((result) => result.project);
if (failed.length > 0) {
  console.error(`typecheck: ${failed.length} project(s) failed: ${failed.join(", ")}`);
  process.exit(1);
}
