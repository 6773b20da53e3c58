/**
 * Child processes that end when their parent ends, however it ends. Each runs under watchdog.ts, which holds a pipe
 * from this process: an orderly stop closes the pipe, and so does this process's exit, crash or SIGKILL (the kernel
 * closes it), after which the watchdog ends the child's whole process group, SIGTERM then SIGKILL after a grace
 * period. The Hardhat node, the indexer and every build or deploy step of `npm start` run this way, so that nothing
 * is left holding a port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const WATCHDOG = path.join(path.dirname(fileURLToPath(import.meta.url)), "watchdog.ts");

/** How long a child has between SIGTERM and SIGKILL, unless a caller says otherwise. */
export const DEFAULT_GRACE_MS = 3_000;

export type SupervisedOptions = {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Milliseconds between SIGTERM and SIGKILL when the child is stopped (default 3 s). */
  graceMs?: number;
};

/**
 * Starts `command args` under a watchdog. The returned process is the watchdog: it leads the child's process group
 * (its pid is the group's id), its stdout and stderr are the child's, and it exits with the child's code (128 + the
 * signal's number when a signal ended the child), or by SIGKILL when a stop had to escalate.
 */
export function superviseProcess(
  command: string,
  args: readonly string[],
  options: SupervisedOptions = {},
): ChildProcess {
  const grace = options.graceMs ?? DEFAULT_GRACE_MS;
  const child = spawn(process.execPath, [WATCHDOG, String(grace), command, ...args], {
    cwd: options.cwd,
    env: options.env,
    // A group and session of its own: a terminal's Ctrl-C or hang-up goes to the parent, which stops it in order.
    detached: true,
    stdio: ["pipe", "pipe", "pipe"],
  });
  live.set(child, grace);
  child.once("exit", () => live.delete(child));
  return child;
}

/** Every supervised child of this process still running, with its grace period. */
const live = new Map<ChildProcess, number>();

/** Stops every supervised child of this process still running, all at once: what a stop in order left behind. */
export async function stopAllSupervised(): Promise<void> {
  await Promise.all([...live].map(([child, grace]) => stopSupervised(child, grace)));
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Resolves when `child` has exited (at once when it already has). */
export function exitOf(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * Stops a supervised child and everything it started: closes its watchdog's pipe (SIGTERM to the group, SIGKILL after
 * the grace period) and waits until the watchdog has exited. Should the watchdog itself not answer, its group gets
 * SIGKILL `graceMs` + 2 s later.
 */
export async function stopSupervised(child: ChildProcess, graceMs = DEFAULT_GRACE_MS): Promise<void> {
  if (hasExited(child) || child.pid === undefined) return;
  const exited = exitOf(child);
  child.stdin?.end();
  const timer = setTimeout(() => killGroup(child), graceMs + 2_000);
  await exited;
  clearTimeout(timer);
}

/** SIGKILL to a supervised child's whole group, watchdog included, as a crash would end it; waits for the exit. */
export async function killSupervised(child: ChildProcess): Promise<void> {
  if (hasExited(child) || child.pid === undefined) return;
  const exited = exitOf(child);
  killGroup(child);
  await exited;
}

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // already gone
  }
}

/**
 * Runs `command args` supervised to its end and collects its output: resolves with it on exit code 0, rejects with
 * an error carrying the output's tail otherwise. `signal` aborts it (the child is stopped).
 */
export function runSupervised(
  command: string,
  args: readonly string[],
  options: SupervisedOptions & { signal?: AbortSignal } = {},
): Promise<string> {
  const child = superviseProcess(command, args, options);
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-64_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const abort = () => void stopSupervised(child, options.graceMs);
  options.signal?.addEventListener("abort", abort, { once: true });
  return new Promise((resolve, reject) => {
    child.once("exit", (code, signal) => {
      options.signal?.removeEventListener("abort", abort);
      if (code === 0) resolve(output);
      else {
        const how = code === null ? `was ended by ${signal}` : `exited with ${code}`;
        reject(Object.assign(new Error(`${[command, ...args].join(" ")} ${how}`), { output }));
      }
    });
  });
}
