/** `surety deploy` against the node: the module's constructor arguments, the deployment file, refusals. */
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

import { getDeployment, loadDeployment } from "@surety/sdk";
import { describe, expect, it } from "vitest";

import { addressOf } from "./helpers/accounts.ts";
import { cli, file, isolate, ok, workdir } from "./helpers/cli.ts";

isolate();

const known = getDeployment(31337);

describe("deploy", () => {
  it("test_GivenMockStakeToken_DeploysLocalSurety_WritesDeploymentFile", async () => {
    const deployed = ok(
      await cli(["deploy", "--mock-stake-token", "--out", "local.json", "--json"], { as: "operator" }),
    ).json();
    expect(deployed).toMatchObject({
      chainId: 31337,
      module: "LocalSurety",
      deployer: addressOf("operator"),
      roles: { admin: addressOf("operator"), operator: addressOf("operator"), guardian: addressOf("operator") },
      adminDelay: 259_200,
      config: { unbondingDelay: 604_800, maxFreeze: 1_209_600, payoutGas: 100_000, maxRulingHold: 15_552_000 },
    });
    expect(deployed.surety).not.toBe(known.surety);
    expect(Object.keys(deployed.transactions)).toEqual(["LocalSurety#StakeToken", "LocalSurety#Surety"]);
    const fromFile = await loadDeployment(path.join(workdir(), "local.json"));
    expect(fromFile).toMatchObject({ chainId: 31337, surety: deployed.surety, stakeToken: deployed.stakeToken });
    expect(fromFile.startBlock).toBe(BigInt(deployed.startBlock));

    // The new deployment works: a fresh stake position, read through it.
    const stake = ok(await cli(["stake", "show", addressOf("agent"), "--deployment", "local.json", "--json"])).json();
    expect(stake).toMatchObject({ staked: "0", stakeToken: deployed.stakeToken, symbol: "mUSD" });

    const again = await cli(["deploy", "--mock-stake-token", "--out", "local.json"], { as: "operator" });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("--out: local.json exists: pass --force to replace it");
    const table = ok(await cli(["deploy", "--mock-stake-token", "--out", "local.json", "--force"], { as: "operator" }));
    expect(table.stdout).toContain("Surety deployed on chain 31337 (LocalSurety)");
    expect(table.stdout).toContain("Use it with --deployment local.json");
  });

  it("test_GivenExistingStakeToken_DeploysWithParameters_ToDefaultPath", async () => {
    const written = path.join(workdir(), "deployments/chain-31337.json");
    rmSync(written, { force: true });
    const parameters = file("params.json", { Surety: { unbondingDelay: 86_400, adminDelay: "3600" } });
    const deployed = ok(
      await cli(
        [
          "deploy",
          "--stake-token",
          known.stakeToken,
          "--parameters",
          parameters,
          "--guardian",
          addressOf("stranger"),
          "--json",
        ],
        { as: "operator" },
      ),
    ).json();
    expect(deployed).toMatchObject({
      module: "Surety",
      stakeToken: known.stakeToken,
      adminDelay: 3600,
      config: { unbondingDelay: 86_400, maxReviewPeriod: 2_592_000 },
      roles: { guardian: addressOf("stranger"), operator: addressOf("operator") },
    });
    expect(existsSync(written)).toBe(true);
    expect(JSON.parse(readFileSync(written, "utf8")).surety).toBe(deployed.surety);
  });

  it("test_RevertWhen_ConstructorWouldRevert", async () => {
    const parameters = file("bad-gas.json", { Surety: { payoutGas: 1 } });
    const refused = await cli(
      ["deploy", "--stake-token", known.stakeToken, "--parameters", parameters, "--out", "never.json"],
      { as: "operator" },
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/payoutGas 1 must be between \d+ and \d+/);
    expect(existsSync(path.join(workdir(), "never.json"))).toBe(false);
  });

  it("test_RevertWhen_StakeTokenHasNoCode", async () => {
    const refused = await cli(["deploy", "--stake-token", addressOf("stranger"), "--out", "never.json"], {
      as: "operator",
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`--stake-token: ${addressOf("stranger")} has no code on chain 31337`);
  });
});
