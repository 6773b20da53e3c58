#!/usr/bin/env -S node --conditions=@surety/source --disable-warning=ExperimentalWarning
/**
 * The `surety` executable. Node runs this TypeScript directly (type stripping, Node 22.18 or later) and, with the
 * `@surety/source` condition, reads the SDK from its source: no build step between a change and the command.
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
