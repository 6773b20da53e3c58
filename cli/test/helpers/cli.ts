/**
 * Runs the CLI in process (`run(argv, io)`) against the test node, or spawns the real `surety` bin, and collects
 * its exit code, stdout and stderr.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { createTestClient, http, publicActions } from "viem";
import { hardhat } from "viem/chains";
import { afterEach, beforeEach, inject } from "vitest";

import { run } from "../../src/run.ts";
import { keyOf, type Role } from "./accounts.ts";

export const rpcUrl = (): string => inject("rpcUrl");

/** An address nothing listens on: a connection there is refused at once. */
export const UNREACHABLE = "http://127.0.0.1:1";

export type CliResult = {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON. */
  json: <T = any>() => T;
};

export type CliOptions = {
  /** Whose private key is in SURETY_PRIVATE_KEY. */
  as?: Role;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** The RPC URL; the test node by default. */
  rpc?: string;
};

function environment(options: CliOptions): Record<string, string | undefined> {
  return {
    SURETY_RPC_URL: options.rpc ?? rpcUrl(),
    ...(options.as === undefined ? {} : { SURETY_PRIVATE_KEY: keyOf(options.as) }),
    ...options.env,
  };
}

function result(code: number, stdout: string, stderr: string): CliResult {
  return {
    code,
    stdout,
    stderr,
    json: () => {
      try {
        return JSON.parse(stdout);
      } catch (error) {
        throw new Error(`stdout is not one JSON document:\n${stdout}\nstderr:\n${stderr}`, { cause: error });
      }
    },
  };
}

/** Runs `surety …argv` in process. */
export async function cli(argv: string[], options: CliOptions = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    env: environment(options),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: options.cwd ?? workdir(),
  });
  return result(code, stdout, stderr);
}

export const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../node_modules/.bin/surety");

/** Runs the real `surety` bin (node_modules/.bin/surety, as npx does) in a child process. */
export function spawnCli(argv: string[], options: CliOptions & { inheritEnv?: boolean } = {}): Promise<CliResult> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...environment(options),
  })) {
    if (value !== undefined) env[key] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, argv, { cwd: options.cwd ?? workdir(), env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve(result(code ?? -1, stdout, stderr)));
  });
}

/** The run's temporary folder for the files tests write (terms, offers, deployments), removed after the run. */
export const workdir = (): string => inject("workdir");

/** Writes a file in the work folder and returns its name relative to it. */
export function file(name: string, content: string | object): string {
  writeFileSync(path.join(workdir(), name), typeof content === "string" ? content : JSON.stringify(content));
  return name;
}

/** The test node's clock and snapshots. */
export const testClient = () =>
  createTestClient({ mode: "hardhat", chain: hardhat, transport: http(rpcUrl()), cacheTime: 0 }).extend(publicActions);

/** Moves the chain's clock on and mines a block. */
export async function travel(seconds: number): Promise<void> {
  const client = testClient();
  await client.increaseTime({ seconds });
  await client.mine({ blocks: 1 });
}

/** Every test of the calling file starts from the seeded chain and leaves nothing behind. */
export function isolate(): void {
  let snapshot: `0x${string}` | undefined;
  beforeEach(async () => {
    snapshot = await testClient().snapshot();
  });
  afterEach(async () => {
    if (snapshot !== undefined) await testClient().revert({ id: snapshot });
    snapshot = undefined;
  });
}

/** Asserts a run succeeded, showing its output when it did not. */
export function ok(outcome: CliResult): CliResult {
  if (outcome.code !== 0) {
    throw new Error(`exit ${outcome.code}\nstdout:\n${outcome.stdout}\nstderr:\n${outcome.stderr}`);
  }
  return outcome;
}

/**
 * A key-value table with each wrapped value joined back onto its row (tables wrap values to fit 100 columns), so
 * that a test can look for a phrase wherever the wrap fell.
 */
export function unwrap(text: string): string {
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    const cells = /^│([^│]*)│([^│]*)│$/.exec(line);
    const previous = lines.at(-1);
    if (cells !== null && cells[1]!.trim() === "" && previous !== undefined && /^│[^│]*│[^│]*│$/.test(previous)) {
      lines[lines.length - 1] = `${previous.replace(/\s*│$/, "")} ${cells[2]!.trim()} │`;
    } else {
      lines.push(line);
    }
  }
  return lines.join("\n");
}

/**
 * A case's words as a PascalCase test-name part (`--rpc-url not a URL` → `RpcUrlNotAUrl`, `pact create` →
 * `PactCreate`), for the test names of tables of cases.
 */
export function pascal(words: string | readonly string[]): string {
  return (typeof words === "string" ? words : words.join(" "))
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => word[0]!.toUpperCase() + (word === word.toUpperCase() ? word.slice(1).toLowerCase() : word.slice(1)))
    .join("");
}
