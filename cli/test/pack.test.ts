/**
 * What a user outside this repository does: `npm pack` the SDK and the CLI, install both tarballs into an empty
 * folder, and run `surety` there, from compiled JavaScript, with the deployments and ABIs inside the installed
 * packages: `npx surety --help`, then a pact's whole path against the test node.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { REPO_ROOT } from "../../scripts/lib/local-chain.ts";
import { keyOf, type Role } from "./helpers/accounts.ts";
import { isolate, rpcUrl, type CliResult } from "./helpers/cli.ts";
import { TERMS, toArgs } from "./helpers/pacts.ts";

isolate();

const run = promisify(execFile);

/** The environment of a user's shell: Node and npm on the PATH, nothing of this repository. */
const userEnv = (extra: Record<string, string> = {}) => ({
  PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ""}`,
  HOME: process.env.HOME ?? tmpdir(),
  ...(process.env.npm_config_cache === undefined ? {} : { npm_config_cache: process.env.npm_config_cache }),
  ...extra,
});

/** Every file of a package, relative to its folder, without its own node_modules. */
function filesUnder(folder: string, prefix = ""): string[] {
  return readdirSync(path.join(folder, prefix), { withFileTypes: true }).flatMap((entry) => {
    const name = path.join(prefix, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : filesUnder(folder, name);
    return [name];
  });
}

describe("npm pack of @surety/sdk and @surety/cli (installed outside the repository)", () => {
  const root = mkdtempSync(path.join(tmpdir(), "surety-pack-"));
  const tarballs = path.join(root, "tarballs");
  const app = path.join(root, "app");
  const bin = path.join(app, "node_modules/.bin/surety");

  /** Runs the installed `surety` in the user's folder, as `as`. */
  const surety = (argv: string[], as?: Role): Promise<CliResult> =>
    new Promise((resolve, reject) => {
      const env = userEnv({ SURETY_RPC_URL: rpcUrl(), ...(as === undefined ? {} : { SURETY_PRIVATE_KEY: keyOf(as) }) });
      const child = spawn(bin, argv, { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.once("error", reject);
      child.once("close", (code) =>
        resolve({ code: code ?? -1, stdout, stderr, json: () => JSON.parse(stdout) as never }),
      );
    });

  const ok = async (argv: string[], as?: Role) => {
    const outcome = await surety([...argv, "--json"], as);
    expect(outcome.code, `surety ${argv.join(" ")}\n${outcome.stderr}`).toBe(0);
    return outcome.json<Record<string, unknown>>();
  };

  beforeAll(async () => {
    const env = userEnv();
    // The SDK's tarball ships its compiled dist/: build it when this checkout has not yet.
    if (!existsSync(path.join(REPO_ROOT, "sdk/dist/index.js"))) {
      await run("npm", ["run", "build", "-w", "sdk"], { cwd: REPO_ROOT, env });
    }
    // The CLI's prepack builds its dist/.
    mkdirSync(tarballs);
    await run("npm", ["pack", "-w", "sdk", "-w", "cli", "--pack-destination", tarballs], { cwd: REPO_ROOT, env });
    mkdirSync(app);
    await run("npm", ["init", "-y"], { cwd: app, env });
    const packed = readdirSync(tarballs).map((name) => path.join(tarballs, name));
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...packed], { cwd: app, env });
  }, 170_000);

  // Hardhat and its dependencies are many files: removed in the background, so that the run does not wait.
  afterAll(() => spawn("rm", ["-rf", root], { detached: true, stdio: "ignore" }).unref());

  it("test_WhenInstalled_RunsCompiledJavaScriptOnly", () => {
    const cli = path.join(app, "node_modules/@surety/cli");
    const shipped = filesUnder(cli);
    expect(shipped).toContain("dist/main.js");
    expect(shipped.filter((file) => file.endsWith(".ts"))).toEqual([]);
    expect(existsSync(path.join(app, "node_modules/@surety/sdk/dist/index.js"))).toBe(true);
  });

  it("test_WhenHelpAskedThroughNpx_PrintsUsage", async () => {
    const { stdout } = await run("npx", ["surety", "--help"], { cwd: app, env: userEnv() });
    expect(stdout).toContain("Usage: surety [options] [command]");
    expect(stdout).toContain("Exit codes:");
  });

  it("test_GivenLocalNode_RunsAPactsWholePath", async () => {
    const staked = await ok(["stake", "deposit", "--amount", "200"], "agent");
    expect(staked).toMatchObject({ action: "stake.deposit", eventName: "StakeDeposited" });

    const created = await ok(["pact", "create", ...toArgs(TERMS)], "buyer");
    expect(created).toMatchObject({ action: "pact.create", eventName: "PactCreated" });
    const pactId = String(created.pactId);

    await ok(["pact", "accept", pactId], "agent");
    await ok(["pact", "deliver", pactId, "--delivery", "The summary of the 40 contracts"], "agent");
    const released = await ok(["pact", "release", pactId], "buyer");
    expect(released).toMatchObject({ action: "pact.release", eventName: "PactReleased", pactId });

    const shown = await ok(["pact", "show", pactId]);
    expect(shown).toMatchObject({ status: "released", effectiveStatus: "released" });
    const table = await surety(["pact", "history", pactId]);
    for (const event of ["PactCreated", "PactAccepted", "PactDelivered", "PactReleased"]) {
      expect(table.stdout).toContain(event);
    }
  });
});
