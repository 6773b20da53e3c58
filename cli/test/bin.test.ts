/**
 * The real `surety` executable (node_modules/.bin/surety, a symlink to src/main.ts run with type stripping and the
 * @surety/source condition) in child processes: help, exit codes, the key never printed, Hardhat's keystore.
 */
import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { promisify } from "node:util";

import { describe, expect, it } from "vitest";

import { REPO_ROOT } from "../../scripts/lib/local-chain.ts";
import { addressOf, keyOf } from "./helpers/accounts.ts";
import { cli, isolate, spawnCli, UNREACHABLE } from "./helpers/cli.ts";
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
  ["payout", "claim"],
  ["deploy"],
];

/** Fails when any form of the key appears in the output. */
function expectNoKey(output: string, key: string): void {
  const bare = key.replace(/^0x/, "");
  expect(output).not.toContain(bare);
  expect(output.toLowerCase()).not.toContain(bare.toLowerCase());
}

describe("the surety executable", () => {
  it("npx surety --help works from the repository root", async () => {
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
      "payout",
      "deploy",
    ]) {
      expect(stdout).toMatch(new RegExp(`\\n  ${group} `));
    }
  });

  it("help: `surety help pact` is asked for (exit 0); `surety` or `surety pact` alone is missing its command (exit 2)", async () => {
    const asked = await cli(["help", "pact"]);
    expect([asked.code, asked.stdout]).toEqual([0, expect.stringContaining("Usage: surety pact")]);
    const bare = await cli([]);
    expect([bare.code, bare.stderr]).toEqual([2, expect.stringContaining("Usage: surety [options] [command]")]);
    const group = await cli(["stake"]);
    expect([group.code, group.stderr]).toEqual([2, expect.stringContaining("Usage: surety stake")]);
  });

  it.each(COMMANDS.map((path) => [path.join(" "), path]))("%s --help has examples", async (_name, path) => {
    const { code, stdout } = await cli([...path!, "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: surety ${path!.join(" ")}`);
    expect(stdout).toContain("Examples:\n  $ surety ");
    expect(stdout).toContain("Global Options:");
  });

  it("exit codes: 0 done with one JSON document, 1 refused, 2 bad input, 3 unreachable; the key never printed", async () => {
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

describe("Hardhat's keystore", () => {
  const password = "correct horse battery staple";
  const key = keyOf("buyer");

  it("signs with a key from the production keystore (--keystore-password-env) or the development one; refusals name the flag", async () => {
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
