/**
 * `npm run check:commands`: every command README.md gives, each run on its own fresh clone of HEAD after `npm ci`,
 * as a newcomer would run it; then, in the same clone, the commands that deploy the contracts again (`npm start`
 * and `npm run bench:gas`), so that nothing one command leaves behind (instrumented artifacts, a stale build, a
 * database) breaks another: together that is "in any order" for the pairs that share state. Not part of
 * `npm test`: it takes an hour or more.
 *
 * The commands are read from README.md, never listed here: the `npm ci && …` lines of its shell blocks and the
 * first column of its command table. Long-running ones run bounded, and the report says how:
 *   - `npm start` runs until it prints "Surety is running" and the dashboard answers, then gets Ctrl-C and must
 *     stop cleanly (on free ports, so that it never meets another stack);
 *   - the benchmarks that take a size run with a small one (`bench:indexer`, `bench:dashboard`), and none writes
 *     its snapshot.
 *
 *   npm run check:commands                          # every command, HEAD as committed
 *   npm run check:commands -- --with-changes        # HEAD plus the working tree's uncommitted changes
 *   npm run check:commands -- --changes-in scripts  # HEAD plus those under scripts/ only
 *   npm run check:commands -- --only bench --only start --keep
 *   npm run check:commands -- --list                # what it would run, and how
 *
 * Exit code 0 when every command passed, 1 when any failed, 2 for bad flags. Each command's whole output is kept in
 * a log file whose path the report gives.
 */
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const USAGE = `usage: npm run check:commands -- [--only TEXT]... [--with-changes | --changes-in PATH...] [--keep]
                                 [--no-follow-up] [--timeout-minutes N] [--list]`;

/* ------------------------------------------------------------------------------------------------------------ */
/*                                             THE README'S COMMANDS                                            */
/* ------------------------------------------------------------------------------------------------------------ */

/** The commands README.md gives: after `npm ci && ` in its shell blocks, then its command table's first column. */
export function readmeCommands(readme: string): string[] {
  const commands: string[] = [];
  for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of block[1]!.split("\n")) {
      const match = /^npm ci && (.+)$/.exec(line.trim());
      if (match !== null) commands.push(match[1]!.trim());
    }
  }
  for (const line of readme.split("\n")) {
    const match = /^\|\s*`([^`]+)`\s*\|/.exec(line);
    if (match !== null && /^(npm|npx) /.test(match[1]!)) commands.push(match[1]!.trim());
  }
  // This check itself, should the README list it, is not run from within itself.
  return [...new Set(commands)].filter((command) => command !== "npm run check:commands");
}

/** How a command is run: as written, or bounded (and why). */
type Plan = { command: string; run: string; bounded: string | null; startUntilReady: boolean };

/** Small sizes for the benchmarks that take one; neither writes its snapshot in a throwaway clone anyway. */
const BOUNDED_ARGS: Record<string, { args: string; why: string }> = {
  "npm run bench:indexer": {
    args: "--pacts 200 --agents 10 --block-transactions 100 --live-transactions 20 --no-write",
    why: "a small seed: 200 pacts, 10 agents, 20 live pacts, no snapshot written",
  },
  "npm run bench:dashboard": {
    args: "--agents 10 --pacts 50 --runs 3",
    why: "a small seed: 10 agents, 50 pacts, 3 page loads",
  },
};

export function planOf(command: string): Plan {
  if (command === "npm start") {
    return {
      command,
      run: command,
      bounded: 'on free ports, until "Surety is running" and the dashboard answers, then Ctrl-C',
      startUntilReady: true,
    };
  }
  const bounded = BOUNDED_ARGS[command];
  if (bounded !== undefined) {
    return { command, run: `${command} -- ${bounded.args}`, bounded: bounded.why, startUntilReady: false };
  }
  return { command, run: command, bounded: null, startUntilReady: false };
}

/** Run after each command in its clone (unless it is the command itself): the ones that deploy the contracts. */
const FOLLOW_UPS: Plan[] = [
  planOf("npm start"),
  { ...planOf("npm run bench:gas"), run: "npm run bench:gas -- --no-write" },
];

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                  RUNNING                                                     */
/* ------------------------------------------------------------------------------------------------------------ */

type Outcome = { ok: boolean; seconds: number; detail: string };

/**
 * The environment of every command: the caller's, less what `npm run` added (its variables, this checkout's
 * node_modules/.bin on the PATH) and the variables that would point `npm start` elsewhere.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("SURETY_") || name.startsWith("npm_")) delete env[name];
  env.PATH = (env.PATH ?? "")
    .split(path.delimiter)
    .filter((entry) => !entry.startsWith(REPO_ROOT + path.sep) && !entry.includes(`node_modules${path.sep}.bin`))
    .join(path.delimiter);
  return env;
}

/** How long `npm start` may take to print "Surety is running" (it builds, seeds and indexes first). */
const START_READY_MS = 15 * 60_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject()));
    });
  });
}

/** Kills a detached child's whole process group: SIGTERM, then SIGKILL after 10 s. */
function killGroup(pid: number | undefined, signal: NodeJS.Signals = "SIGTERM"): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    return; // already gone
  }
  if (signal !== "SIGKILL") setTimeout(() => killGroup(pid, "SIGKILL"), 10_000).unref();
}

/**
 * Runs `command` with bash in `cwd`, its output appended to `logFile`. Resolves with the exit code (null after a
 * timeout or a kill) and the output's last lines.
 */
function runShell(
  command: string,
  cwd: string,
  logFile: string,
  timeoutMs: number,
  watch?: (output: string, stop: (ok: boolean, detail: string) => void) => void,
): Promise<{ code: number | null; tail: string; stopped?: { ok: boolean; detail: string }; timedOut: boolean }> {
  return new Promise((resolve) => {
    const log = createWriteStream(logFile, { flags: "a" });
    log.write(`$ ${command}\n`);
    const child = spawn("bash", ["-c", command], { cwd, env: cleanEnv(), detached: true, stdio: "pipe" });
    let tail = "";
    let seen = "";
    let stopped: { ok: boolean; detail: string } | undefined;
    let timedOut = false;
    const take = (chunk: Buffer) => {
      log.write(chunk);
      tail = (tail + chunk.toString()).slice(-3_000);
      if (watch !== undefined && stopped === undefined) {
        seen = (seen + chunk.toString()).slice(-20_000);
        watch(seen, (ok, detail) => {
          stopped ??= { ok, detail };
        });
      }
    };
    child.stdout!.on("data", take);
    child.stderr!.on("data", take);
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      log.end(`\n[exit ${code}]\n\n`);
      resolve({ code, tail, stopped, timedOut });
    });
    if (watch !== undefined) {
      // The watcher asks for a stop by setting `stopped`; the child then gets Ctrl-C (SIGINT to its group).
      const poll = setInterval(() => {
        if (stopped !== undefined || child.exitCode !== null) {
          clearInterval(poll);
          if (child.exitCode === null) {
            try {
              process.kill(-child.pid!, "SIGINT");
            } catch {
              // already gone
            }
            setTimeout(() => killGroup(child.pid), 30_000).unref();
          }
        }
      }, 200);
    }
  });
}

const lastLines = (text: string, count = 15) =>
  text
    .trimEnd()
    .split("\n")
    .slice(-count)
    .map((line) => `      ${line}`)
    .join("\n");

/** Runs one plan in `cwd`; `npm start` is driven until ready, checked, and stopped with Ctrl-C. */
async function runPlan(plan: Plan, cwd: string, logFile: string, timeoutMs: number): Promise<Outcome> {
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 1000);
  if (!plan.startUntilReady) {
    const result = await runShell(plan.run, cwd, logFile, timeoutMs);
    if (result.code === 0) return { ok: true, seconds: seconds(), detail: "" };
    const how = result.timedOut ? `timed out after ${Math.round(timeoutMs / 60_000)} min` : `exit ${result.code}`;
    return { ok: false, seconds: seconds(), detail: `${how}:\n${lastLines(result.tail)}` };
  }
  const [chainPort, apiPort, dashboardPort] = [await freePort(), await freePort(), await freePort()];
  const run = `${plan.run} -- --chain-port ${chainPort} --api-port ${apiPort} --dashboard-port ${dashboardPort}`;
  let probing = false;
  const result = await runShell(run, cwd, logFile, Math.min(timeoutMs, START_READY_MS), (output, stop) => {
    if (probing || !output.includes("Surety is running")) return;
    probing = true;
    fetch(`http://127.0.0.1:${dashboardPort}/`)
      .then((response) => stop(response.ok, `the dashboard answered ${response.status}`))
      .catch((error: Error) => stop(false, `the dashboard did not answer: ${error.message}`));
  });
  if (result.stopped === undefined) {
    const limit = Math.round(Math.min(timeoutMs, START_READY_MS) / 60_000);
    const how = result.timedOut ? `not ready after ${limit} min` : `exit ${result.code}`;
    return { ok: false, seconds: seconds(), detail: `${how} before "Surety is running":\n${lastLines(result.tail)}` };
  }
  if (!result.stopped.ok) return { ok: false, seconds: seconds(), detail: result.stopped.detail };
  // Ctrl-C: start.ts stops its stack and exits 0; npm and bash, interrupted too, may end by the signal.
  if (result.code !== 0 && result.code !== 130 && result.code !== null) {
    return { ok: false, seconds: seconds(), detail: `ready, but Ctrl-C ended it with exit ${result.code}` };
  }
  if (!result.tail.includes("Stopped:")) {
    return {
      ok: false,
      seconds: seconds(),
      detail: `ready, but Ctrl-C did not stop it cleanly:\n${lastLines(result.tail)}`,
    };
  }
  return { ok: true, seconds: seconds(), detail: "" };
}

/** Runs a setup step (clone, npm ci) synchronously; throws with its output on failure. */
function setup(what: string, command: string, args: string[], cwd: string, input?: string): string {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), input, encoding: "utf8", maxBuffer: 256 << 20 });
  if (result.status !== 0) {
    throw new Error(`${what} failed (exit ${result.status}):\n${lastLines(`${result.stdout}${result.stderr}`)}`);
  }
  return result.stdout;
}

/** `git status --porcelain` of a clone, one entry a line (ignored files, such as builds, left out). */
const status = (folder: string): string[] =>
  spawnSync("git", ["status", "--porcelain"], { cwd: folder, encoding: "utf8" })
    .stdout.split("\n")
    .filter((line) => line !== "");

/**
 * A fresh clone of HEAD in `folder`, with `npm ci` done; when `changes` is given, plus the working tree's
 * uncommitted changes (tracked and untracked) under those paths (`["."]` for all of them).
 */
async function freshClone(folder: string, changes: readonly string[] | null, logFile: string): Promise<void> {
  setup("git clone", "git", ["clone", "--quiet", "--no-hardlinks", REPO_ROOT, folder], os.tmpdir());
  if (changes !== null) {
    const diff = setup("git diff", "git", ["diff", "--binary", "HEAD", "--", ...changes], REPO_ROOT);
    if (diff.trim() !== "") setup("git apply", "git", ["apply", "--binary", "--whitespace=nowarn"], folder, diff);
    const listing = ["ls-files", "--others", "--exclude-standard", "-z", "--", ...changes];
    const untracked = setup("git ls-files", "git", listing, REPO_ROOT)
      .split("\0")
      .filter((file) => file !== "");
    for (const file of untracked) {
      await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
      await copyFile(path.join(REPO_ROOT, file), path.join(folder, file));
    }
  }
  const result = await runShell("npm ci --no-audit --no-fund", folder, logFile, 20 * 60_000);
  if (result.code !== 0) throw new Error(`npm ci failed (exit ${result.code}):\n${lastLines(result.tail)}`);
}

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                    MAIN                                                      */
/* ------------------------------------------------------------------------------------------------------------ */

function parseOptions() {
  const { values } = parseArgs({
    options: {
      only: { type: "string", multiple: true, default: [] },
      "with-changes": { type: "boolean", default: false },
      "changes-in": { type: "string", multiple: true, default: [] },
      keep: { type: "boolean", default: false },
      "no-follow-up": { type: "boolean", default: false },
      "timeout-minutes": { type: "string", default: "90" },
      list: { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const timeoutMinutes = Number(values["timeout-minutes"]);
  if (!Number.isInteger(timeoutMinutes) || timeoutMinutes < 1) {
    throw new Error(`--timeout-minutes must be a whole number of at least 1, not "${values["timeout-minutes"]}"`);
  }
  return {
    only: values.only,
    /** The paths whose uncommitted changes each clone gets, or null for HEAD alone. */
    changes: values["changes-in"].length > 0 ? values["changes-in"] : values["with-changes"] ? ["."] : null,
    keep: values.keep,
    followUp: !values["no-follow-up"],
    timeoutMs: timeoutMinutes * 60_000,
    list: values.list,
  };
}

async function main(): Promise<number> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions();
  } catch (error) {
    console.error(`check:commands: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const all = readmeCommands(await readFile(path.join(REPO_ROOT, "README.md"), "utf8"));
  if (all.length === 0) {
    console.error("check:commands: README.md gives no commands (no `npm ci && …` line and no command table)");
    return 1;
  }
  const chosen =
    options.only.length === 0 ? all : all.filter((command) => options.only.some((t) => command.includes(t)));
  if (chosen.length === 0) {
    console.error(`check:commands: no README command contains ${options.only.map((t) => `"${t}"`).join(" or ")}`);
    console.error(`README's commands: ${all.join(", ")}`);
    return 2;
  }
  const plans = chosen.map(planOf);
  const describe = (plan: Plan) => (plan.bounded === null ? plan.run : `${plan.run}   (bounded: ${plan.bounded})`);
  if (options.list) {
    for (const plan of plans) console.log(describe(plan));
    if (options.followUp) console.log(`then, in each clone: ${FOLLOW_UPS.map((plan) => plan.run).join(", ")}`);
    return 0;
  }

  const head = setup("git rev-parse", "git", ["rev-parse", "--short", "HEAD"], REPO_ROOT).trim();
  const base = await mkdtemp(path.join(os.tmpdir(), "surety-check-commands-"));
  const logs = path.join(base, "logs");
  await mkdir(logs);
  console.log(
    `check:commands: ${plans.length} README command(s), each on a fresh clone of ${head}` +
      `${options.changes === null ? "" : ` with the working tree's uncommitted changes in ${options.changes.join(", ")}`}` +
      ` after npm ci; logs in ${logs}`,
  );
  const results: { name: string; outcome: Outcome }[] = [];
  const report = (name: string, outcome: Outcome) => {
    results.push({ name, outcome });
    console.log(
      `${outcome.ok ? "PASS" : "FAIL"}  ${name}  (${outcome.seconds} s)${outcome.ok ? "" : `\n      ${outcome.detail}`}`,
    );
  };

  for (const [index, plan] of plans.entries()) {
    const slug = `${String(index + 1).padStart(2, "0")}-${plan.command.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "")}`;
    const clone = path.join(base, slug);
    const logFile = path.join(logs, `${slug}.log`);
    console.log(`\n[${index + 1}/${plans.length}] ${describe(plan)}   log: ${logFile}`);
    try {
      const started = performance.now();
      await freshClone(clone, options.changes, logFile);
      console.log(`      fresh clone and npm ci in ${Math.round((performance.now() - started) / 1000)} s`);
    } catch (error) {
      report(plan.command, { ok: false, seconds: 0, detail: (error as Error).message });
      continue;
    }
    const before = new Set(status(clone));
    report(plan.run, await runPlan(plan, clone, logFile, options.timeoutMs));
    const changed = status(clone).filter((line) => !before.has(line));
    if (changed.length > 0)
      console.log(`      note: it changed files git tracks:\n${lastLines(changed.join("\n"), 10)}`);
    if (options.followUp) {
      for (const followUp of FOLLOW_UPS.filter((item) => item.command !== plan.command)) {
        report(`${followUp.run}, after ${plan.command}`, await runPlan(followUp, clone, logFile, options.timeoutMs));
      }
    }
    if (!options.keep) await rm(clone, { recursive: true, force: true });
  }

  const failed = results.filter((result) => !result.outcome.ok);
  console.log(`\ncheck:commands: ${results.length - failed.length} passed, ${failed.length} failed`);
  for (const { name } of failed) console.log(`  FAIL  ${name}`);
  console.log(`logs: ${logs}${options.keep ? `; clones kept in ${base}` : ""}`);
  return failed.length === 0 ? 0 : 1;
}

// Imported for its parser (a test may), it runs nothing.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
