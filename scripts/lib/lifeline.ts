/**
 * Noticing that whoever started this process is gone. `npm start` runs `sh -c "… && node scripts/start.ts"`, so a
 * SIGKILL to npm leaves the shell waiting on start.ts and start.ts running, reparented to nobody's terminal: no
 * signal tells it. It therefore watches its parent and, when npm started it through a shell, npm itself; when one
 * of them is gone, `onGone` runs (once).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

import { isAlive } from "./stack-state.ts";

type Watched = { pid: number; pidStart: string | null; what: string };

/** The parent pid and command line of `pid`, from /proc where there is one, else from `ps`; undefined if unknown. */
function processInfo(pid: number): { ppid: number; command: string; pidStart: string | null } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
    return { ppid: Number(fields[1]), command, pidStart: fields[19] ?? null };
  } catch {
    // not Linux
  }
  try {
    const line = execFileSync("ps", ["-o", "ppid=", "-o", "args=", "-p", String(pid)], { encoding: "utf8" }).trim();
    const match = /^(\d+)\s+(.*)$/.exec(line);
    return match === null ? undefined : { ppid: Number(match[1]), command: match[2]!, pidStart: null };
  } catch {
    return undefined;
  }
}

/** The processes whose end should end this one: the parent, and npm when it ran this through a shell. */
export function watchedAncestors(): Watched[] {
  const parent = process.ppid;
  const parentInfo = processInfo(parent);
  const watched: Watched[] = [{ pid: parent, pidStart: parentInfo?.pidStart ?? null, what: "its parent" }];
  if (process.env.npm_lifecycle_event !== undefined && parentInfo !== undefined && parentInfo.ppid > 1) {
    const grand = processInfo(parentInfo.ppid);
    if (grand !== undefined && /\bnpm\b|npm-cli/.test(grand.command)) {
      watched.push({ pid: parentInfo.ppid, pidStart: grand.pidStart, what: "npm" });
    }
  }
  return watched;
}

/**
 * Checks every `intervalMs` that the watched ancestors still run; calls `onGone` with the one that is gone. The timer
 * does not keep the process alive. Returns a function that stops watching.
 */
export function watchAncestors(onGone: (what: string) => void, intervalMs = 300): () => void {
  const watched = watchedAncestors();
  const parent = process.ppid;
  const timer = setInterval(() => {
    const gone = process.ppid !== parent ? watched[0] : watched.find((ancestor) => !isAlive(ancestor));
    if (gone === undefined) return;
    clearInterval(timer);
    onGone(gone.what);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
