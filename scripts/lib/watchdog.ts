/**
 * A watchdog that ties a child process's life to its parent's, run by supervise.ts: the parent holds the write end of
 * this process's standard input, and when that pipe closes (the parent asked to stop, exited, crashed or was killed
 * with SIGKILL, when no handler of its own can run), the watchdog ends its process group, the child and everything
 * the child started, with SIGTERM, then SIGKILL after a grace period for whatever ignores SIGTERM.
 *
 *   node scripts/lib/watchdog.ts <grace ms> <command> [args…]
 *
 * The watchdog leads its own process group (the parent spawns it detached, so no terminal signal reaches it), and the
 * child runs in that group, with the watchdog's standard output and error, so the parent reads the child's output
 * directly. When the child ends by itself, the watchdog ends the rest of the group and exits with the child's code
 * (128 + the signal's number when a signal ended it).
 */
import { spawn } from "node:child_process";
import { constants } from "node:os";

const [graceText, command, ...args] = process.argv.slice(2);
const graceMs = Number(graceText);
if (command === undefined || !Number.isSafeInteger(graceMs) || graceMs < 0) {
  process.stderr.write("watchdog: usage: node scripts/lib/watchdog.ts <grace ms> <command> [args…]\n");
  process.exit(2);
}

/** Sends `signal` to the whole group: the child, what it started, and this watchdog. */
function signalGroup(signal: NodeJS.Signals): void {
  try {
    process.kill(-process.pid, signal);
  } catch {
    // the group is gone
  }
}

let ending = false;
/** Ends the group: SIGTERM now, SIGKILL (this watchdog included) once the grace period has passed. */
function end(): void {
  if (ending) return;
  ending = true;
  signalGroup("SIGTERM");
  setTimeout(() => signalGroup("SIGKILL"), graceMs);
}

// The watchdog's own SIGTERM (from signalGroup) lands here too, and is then a no-op.
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, end);

const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
child.once("error", (error) => {
  process.stderr.write(`watchdog: could not start ${command}: ${error.message}\n`);
  process.exit(127);
});
child.once("exit", (code, signal) => {
  if (ending) {
    // Stopping: nothing of the group may outlive this watchdog, which goes with it.
    signalGroup("SIGKILL");
    return;
  }
  // The child ended by itself: its helpers go too, and the parent learns how it ended.
  ending = true;
  signalGroup("SIGTERM");
  process.exit(code ?? 128 + (signal === null ? 0 : constants.signals[signal]));
});

// The lifeline: end of file on standard input means the parent is gone or asks the group to stop.
process.stdin.on("end", end);
process.stdin.on("error", end);
process.stdin.on("close", end);
process.stdin.resume();
