/**
 * The real `surety` executable (node_modules/.bin/surety, a symlink to bin/surety.cjs, which checks the Node
 * version and in this repository runs src/main.ts with type stripping and the @surety/source condition) in child
 * processes: help, exit codes, the key never printed, Hardhat's keystore, an old Node.
 */
import { execFile } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { describe, expect, it } from "vitest";

import { REPO_ROOT } from "../../scripts/lib/local-chain.ts";
import { addressOf, keyOf } from "./helpers/accounts.ts";
import { cli, isolate, pascal, spawnCli, UNREACHABLE } from "./helpers/cli.ts";
import { keystoreHome } from "./helpers/keystore.ts";

isolate();

/** Every command, as typed. */
const COMMANDS = [
  ["stake", "deposit"],
  ["stake", "withdraw-request"],
  ["stake", "withdraw"],
  ["stake", "show"],
  ...[
    "create",
    "accept",
    "deliver",
    "release",
    "finalize",
    "cancel",
    "reclaim",
    "dispute",
    "refund",
    "refund-by-agent",
    "extend",
    "withdraw-proposals",
    "show",
    "history",
  ].map((name) => ["pact", name]),
  ["pact", "settle", "propose"],
  ["pact", "settle", "accept"],
  ["offer", "sign"],
  ["offer", "revoke"],
  ...["resolve", "abstain", "default", "evidence"].map((name) => ["dispute", name]),
  ...["request", "settle-unfunded", "appeal", "evidence", "status"].map((name) => ["court", name]),
  ["arbiter", "register"],
  ...["show", "trust", "list", "set-status", "recertify"].map((name) => ["agent", name]),
  ["pending"],
  ...["week", "record", "log-exception"].map((name) => ["review", name]),
  ["payout", "claim"],
  ["deploy"],
];

/** Fails when any form of the key appears in the output. */
function expectNoKey(output: string, key: string): void {
  const bare = key.replace(/^0x/, "");
  expect(output).not.toContain(bare);
  expect(output.toLowerCase()).not.toContain(bare.toLowerCase());
}

describe("surety (the bin)", () => {
  it("test_WhenNpxHelpFromRepositoryRoot_PrintsUsage", async () => {
    const { stdout } = await promisify(execFile)("npx", ["surety", "--help"], { cwd: REPO_ROOT, env: process.env });
    expect(stdout).toContain("Usage: surety [options] [command]");
    expect(stdout).toContain("Exit codes:");
    for (const group of [
      "stake",
      "pact",
      "offer",
      "dispute",
      "court",
      "arbiter",
      "agent",
      "pending",
      "review",
      "payout",
      "deploy",
    ]) {
      expect(stdout).toMatch(new RegExp(`\\n  ${group} `));
    }
  });

  it("test_WhenHelpAsked_ExitsZero_WhenCommandMissing_ExitsTwo", async () => {
    const asked = await cli(["help", "pact"]);
    expect([asked.code, asked.stdout]).toEqual([0, expect.stringContaining("Usage: surety pact")]);
    const bare = await cli([]);
    expect([bare.code, bare.stderr]).toEqual([2, expect.stringContaining("Usage: surety [options] [command]")]);
    const group = await cli(["stake"]);
    expect([group.code, group.stderr]).toEqual([2, expect.stringContaining("Usage: surety stake")]);
  });

  it.each(COMMANDS.map((path) => [pascal(path), path]))("test_WhenHelpAsked_ShowsExamples_%s", async (_name, path) => {
    const { code, stdout } = await cli([...path!, "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: surety ${path!.join(" ")}`);
    expect(stdout).toContain("Examples:\n  $ surety ");
    expect(stdout).toContain("Global Options:");
  });

  it("test_WhenRun_ExitsZeroDoneOneRefusedTwoBadInputThreeUnreachable_NeverPrintsKey", async () => {
    const key = keyOf("stranger");
    const [done, refused, bad, unreachable, malformed, version] = await Promise.all([
      spawnCli(["stake", "show", "--json"], { as: "stranger" }),
      spawnCli(["payout", "claim", "--json"], { as: "stranger" }),
      spawnCli(["stake", "deposit", "--amount", "lots"], { as: "stranger" }),
      spawnCli(["stake", "deposit", "--amount", "1", "--rpc-url", UNREACHABLE], { as: "stranger" }),
      spawnCli(["stake", "deposit", "--amount", "1"], { env: { SURETY_PRIVATE_KEY: `${key}0` } }),
      spawnCli(["--version"]),
    ]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.json()).toMatchObject({ agent: addressOf("stranger"), staked: "0", symbol: "mUSD" });
    expect(done.stderr).toBe("");

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${addressOf("stranger")} has no credit to claim in token`);
    expect(refused.json().error).toMatchObject({ code: 1, errorName: "Surety_NoCredit" });

    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--amount: must be an amount in the token's units like 12.5");

    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toContain("cannot reach the RPC at http://127.0.0.1:1");

    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("SURETY_PRIVATE_KEY: is not a private key");

    expect(version.stdout.trim()).toBe("0.1.0");
    for (const run of [done, refused, bad, unreachable, malformed]) expectNoKey(run.stdout + run.stderr, key);
  });
});

describe("bin/surety.cjs on an old Node", () => {
  const shim = fileURLToPath(new URL("../bin/surety.cjs", import.meta.url));

  it("test_GivenNodeOlderThan2218_ExplainsHowToGetNode24", async () => {
    const preload = fileURLToPath(new URL("./fixtures/node-20.cjs", import.meta.url));
    const outcome = await promisify(execFile)(process.execPath, ["--require", preload, shim, "--help"]).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(outcome).toMatchObject({ code: 1, stdout: "" });
    expect(outcome.stderr).toContain("Surety needs Node 22.18 or later (this is v20.11.1). Install Node 24:");
    expect(outcome.stderr).toContain(`npm install --no-save --prefix ~/.cache/surety/node24 node-${process.platform}-`);
    expect(outcome.stderr).not.toContain("ERR_UNKNOWN_FILE_EXTENSION");
  });

  it("test_ShimUsesOnlySyntaxOldNodesParse", () => {
    // What Node 8 and earlier cannot parse, outside comments and strings: the check must run before any of it.
    const code = readFileSync(shim, "utf8")
      .replace(/^\s*\/\/.*$/gm, "")
      .replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
    for (const modern of [/=>/, /\blet\b/, /\bconst\b/, /`/, /\?\./, /\?\?/, /\bimport\s*\(/, /\bclass\b/, /\.\.\./]) {
      expect(code, String(modern)).not.toMatch(modern);
    }
    expect(path.basename(shim)).toBe("surety.cjs");
  });
});

describe("--keystore (Hardhat's keystore)", () => {
  const password = "correct horse battery staple";
  const key = keyOf("buyer");

  it("test_GivenProductionOrDevelopmentKeystore_Signs_RefusalsNameFlag", async () => {
    const home = await keystoreHome({
      password,
      production: { SURETY_BUYER_KEY: key },
      development: { SURETY_DEV_KEY: keyOf("agent") },
    });
    const env = { XDG_CONFIG_HOME: home, KEYSTORE_PASSWORD: password };
    const [production, development, wrong, missing, noPassword, ci] = await Promise.all([
      spawnCli(
        [
          "offer",
          "revoke",
          "--nonce",
          "9",
          "--keystore",
          "SURETY_BUYER_KEY",
          "--keystore-password-env",
          "KEYSTORE_PASSWORD",
          "--json",
        ],
        { env },
      ),
      spawnCli(["stake", "show", "--json"], { env: { ...env, SURETY_KEYSTORE: "SURETY_DEV_KEY" } }),
      spawnCli(["stake", "show", "--keystore", "SURETY_BUYER_KEY", "--keystore-password-env", "WRONG"], {
        env: { ...env, WRONG: "not the password" },
      }),
      spawnCli(["stake", "show", "--keystore", "NOT_THERE", "--keystore-password-env", "KEYSTORE_PASSWORD"], { env }),
      spawnCli(["stake", "show", "--keystore", "SURETY_BUYER_KEY"], { env }),
      spawnCli(["stake", "show", "--keystore", "SURETY_BUYER_KEY"], { env: { ...env, CI: "true" } }),
    ]);
    expect(production.code, production.stderr).toBe(0);
    expect(production.json().event).toMatchObject({ agent: addressOf("buyer"), nonce: "9" });
    expect(development.code, development.stderr).toBe(0);
    expect(development.json().agent).toBe(addressOf("agent"));

    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(
      "--keystore: the password from --keystore-password-env does not open Hardhat's keystore",
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--keystore: Hardhat's keystore has no key NOT_THERE");
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain("--keystore-password-env: Hardhat's production keystore needs its password");
    expect(ci.code).toBe(2);
    expect(ci.stderr).toContain("Hardhat does not read its keystore when CI is set");

    for (const run of [production, development, wrong, missing, noPassword, ci]) {
      expectNoKey(run.stdout + run.stderr, key);
      expect(run.stdout + run.stderr).not.toContain(password);
    }
    rmSync(home, { recursive: true, force: true });
  });
});
