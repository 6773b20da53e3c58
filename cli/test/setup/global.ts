/**
 * Starts a Hardhat node on a free port with Surety deployed as ignition/modules/LocalSurety.ts deploys it (so at
 * getDeployment(31337)'s addresses), mints the 6-decimal stake token to the first ten accounts, registers the
 * arbiter for it and for ETH, stakes for the agent, and stops the node after the run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { buildMetaEvidence, getDeployment, suretyActions, toDataUri } from "@surety/sdk";
import { createWalletClient, http, parseUnits, publicActions, zeroAddress } from "viem";
import { hardhat } from "viem/chains";
import type { TestProject } from "vitest/node";

import {
  deployLocalCourt,
  deployLocalSurety,
  localAccount,
  startHardhatNode,
} from "../../../scripts/lib/local-chain.ts";
import { ROLES, mintAbi } from "../helpers/accounts.ts";

declare module "vitest" {
  export interface ProvidedContext {
    rpcUrl: string;
    /** A folder for the files tests write (terms, offers, deployments), removed after the run. */
    workdir: string;
    /**
     * A test ERC-792 court (the operator account owns it and rules) and a court adapter to it, for the stake token;
     * `realistic` is a TestRealisticCourt (no appeal period before a ruling, a "not payable" appeal cost outside
     * one, exact payments only) and its adapter. Both adapters have a one-day fee window.
     */
    courts: {
      court: `0x${string}`;
      adapter: `0x${string}`;
      realistic: { court: `0x${string}`; adapter: `0x${string}` };
    };
  }
}

export default async function setup(project: TestProject) {
  const workdir = mkdtempSync(path.join(tmpdir(), "surety-cli-"));
  project.provide("workdir", workdir);
  const node = await startHardhatNode();
  try {
    const deployed = await deployLocalSurety(node.url);
    const known = getDeployment(31337);
    if (deployed.surety !== known.surety || deployed.stakeToken !== known.stakeToken) {
      throw new Error(`the local deployment is at ${deployed.surety}, not at getDeployment(31337)'s ${known.surety}`);
    }
    const chain = { ...hardhat, rpcUrls: { default: { http: [node.url] } } };
    const walletOf = (index: number) =>
      createWalletClient({ account: localAccount(index), chain, transport: http(node.url), pollingInterval: 50 })
        .extend(publicActions)
        .extend(suretyActions(known));
    const deployer = walletOf(0);
    for (let index = 0; index < 10; index += 1) {
      const hash = await deployer.writeContract({
        address: known.stakeToken,
        abi: mintAbi,
        functionName: "mint",
        args: [localAccount(index).address, parseUnits("100000", 6)],
      });
      await deployer.waitForTransactionReceipt({ hash });
    }
    const arbiter = walletOf(ROLES.arbiter);
    await arbiter.registerArbiter({ token: known.stakeToken, minFee: "1", maxRulingPeriod: "60d" });
    await arbiter.registerArbiter({ token: zeroAddress, minFee: "0.001", maxRulingPeriod: "60d" });
    await walletOf(ROLES.agent).depositStake({ amount: "1000" });
    // Courts charging 0.01 ETH to arbitrate and 0.02 ETH to appeal (the realistic one doubles it every round), and an
    // adapter to each for the stake token, with the meta-evidence the SDK builds for its rulings (1 and 2 only).
    const adapterOptions = {
      surety: known.surety,
      splits: [],
      maxRulingPeriod: 60 * 86_400,
      feeWindow: 86_400,
      metaEvidenceURI: toDataUri(buildMetaEvidence({ splits: [] })),
      tokens: [known.stakeToken],
    };
    const test = await deployLocalCourt(node.url, {
      ...adapterOptions,
      court: { kind: "test", arbitrationCost: 10n ** 16n, appealCost: 2n * 10n ** 16n, appealDuration: 86_400 },
    });
    const realistic = await deployLocalCourt(node.url, {
      ...adapterOptions,
      court: {
        kind: "realistic",
        arbitrationFee: 10n ** 16n,
        baseAppealFee: 2n * 10n ** 16n,
        appealDuration: 86_400,
        exactPayment: true,
        periodRevertsBeforeRuling: true,
      },
    });
    project.provide("courts", { ...test, realistic });
    project.provide("rpcUrl", node.url);
  } catch (error) {
    await node.stop();
    throw error;
  }
  return async () => {
    await node.stop();
    rmSync(workdir, { recursive: true, force: true });
  };
}
