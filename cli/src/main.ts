/**
 * The program `bin/surety.cjs` starts once it has checked the Node version: in Surety's repository this file itself,
 * with type stripping and the `@surety/source` condition (the SDK read from its source: no build step between a
 * change and the command); from an installed package, its compiled dist/main.js.
 */
import { run } from "./run.ts";

// `surety pact history 1 | head`: a reader that closes early ends the output, not in a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await run(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
});
