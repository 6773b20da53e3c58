/**
 * Starts a Hardhat node on a free port with Surety deployed as ignition/modules/LocalSurety.ts deploys it (so at
 * getDeployment(31337)'s addresses; see scripts/lib/local-chain.ts), seeds tokens and an arbiter, and stops the
 * node after the run (test/setup/isolate.ts reverts each test's changes).
 */
import { createWalletClient, getAddress, http, parseUnits, publicActions, zeroAddress, type Hex } from "viem";
import { hardhat } from "viem/chains";
import type { TestProject } from "vitest/node";

import { artifact, deployLocalCourt, deployLocalSurety, startHardhatNode } from "../../../scripts/lib/local-chain.ts";
import { suretyAbi } from "../../src/abis.ts";
import { getDeployment } from "../../src/deployments.ts";
import { buildMetaEvidence, toDataUri } from "../../src/utils/erc1497.ts";
import { accounts } from "./accounts.ts";

/** A court and the court adapter to it. */
export type CourtPair = { court: Hex; adapter: Hex };

declare module "vitest" {
  export interface ProvidedContext {
    rpcUrl: string;
    /** A second permit token with 18 decimals, and a plain ERC-20 (no permit) with a blocklist. */
    tokens: { dai: Hex; plain: Hex };
    /**
     * A test ERC-792 court (its owner, the deployer, rules) and a court adapter to it for mUSD and ETH, with a
     * one-day fee window; its ruling 3 splits the price evenly.
     */
    courts: CourtPair;
    /**
     * Two TestRealisticCourts with their adapters, alike but for what a court does before its first ruling and with
     * payments: `reverting` reverts on appealPeriod and takes exact payments only; `zeroPeriod` reports (0, 0).
     */
    realCourts: { reverting: CourtPair; zeroPeriod: CourtPair };
  }
}

export default async function setup(project: TestProject) {
  const [permitToken, plainToken] = await Promise.all([
    artifact("mocks/MockERC20Permit.sol/MockERC20Permit.json"),
    artifact("mocks/MockBlocklistToken.sol/MockBlocklistToken.json"),
  ]);

  const node = await startHardhatNode();
  const url = node.url;
  try {
    const { surety: suretyAddress, stakeToken } = await deployLocalSurety(url);
    const known = getDeployment(31337);
    if (stakeToken !== known.stakeToken || suretyAddress !== known.surety) {
      throw new Error(`the local deployment is at ${suretyAddress}, not at getDeployment(31337)'s ${known.surety}`);
    }

    const chain = { ...hardhat, rpcUrls: { default: { http: [url] } } };
    const transport = http(url);
    const deployer = createWalletClient({ account: accounts.deployer, chain, transport }).extend(publicActions);
    const deploy = async (contract: { abi: readonly unknown[]; bytecode: Hex }, args: readonly unknown[]) => {
      const hash = await deployer.deployContract({ abi: contract.abi, bytecode: contract.bytecode, args });
      const receipt = await deployer.waitForTransactionReceipt({ hash });
      return getAddress(receipt.contractAddress!);
    };
    const dai = await deploy(permitToken, ["Mock DAI", "mDAI", 18]);
    const plain = await deploy(plainToken, []);
    const mint = async (token: Hex, to: Hex, amount: bigint) => {
      const hash = await deployer.writeContract({
        address: token,
        abi: permitToken.abi,
        functionName: "mint",
        args: [to, amount],
      });
      await deployer.waitForTransactionReceipt({ hash });
    };
    for (const who of Object.values(accounts)) {
      await mint(stakeToken, who.address, parseUnits("100000", 6));
      await mint(dai, who.address, parseUnits("100000", 18));
      await mint(plain, who.address, parseUnits("100000", 6));
    }
    // The arbiter takes pacts in every token, with no minimum fee and the deployment's longest ruling period.
    const arbiter = createWalletClient({ account: accounts.arbiter, chain, transport }).extend(publicActions);
    for (const token of [stakeToken, dai, plain, zeroAddress]) {
      const hash = await arbiter.writeContract({
        address: suretyAddress,
        abi: suretyAbi,
        functionName: "registerArbiter",
        args: [token, 0n, 60 * 86_400],
      });
      await arbiter.waitForTransactionReceipt({ hash });
    }

    // The courts charge 0.01 ETH to arbitrate and 0.02 ETH to appeal (the realistic ones double it every round),
    // with one-day appeal periods. Every adapter has one split, ruling 3, of half the price, a one-day fee window,
    // and the meta-evidence the SDK builds for it.
    const adapterOptions = {
      surety: suretyAddress,
      splits: [5_000],
      maxRulingPeriod: 60 * 86_400,
      feeWindow: 86_400,
      metaEvidenceURI: toDataUri(buildMetaEvidence({ splits: [5_000] })),
      tokens: [stakeToken, zeroAddress],
    };
    const fees = { arbitrationFee: 10n ** 16n, baseAppealFee: 2n * 10n ** 16n, appealDuration: 86_400 };
    const courts = await deployLocalCourt(url, {
      ...adapterOptions,
      court: { kind: "test", arbitrationCost: 10n ** 16n, appealCost: 2n * 10n ** 16n, appealDuration: 86_400 },
    });
    const reverting = await deployLocalCourt(url, {
      ...adapterOptions,
      court: { kind: "realistic", ...fees, exactPayment: true, periodRevertsBeforeRuling: true },
    });
    const zeroPeriod = await deployLocalCourt(url, {
      ...adapterOptions,
      court: { kind: "realistic", ...fees, exactPayment: false, periodRevertsBeforeRuling: false },
    });

    project.provide("rpcUrl", url);
    project.provide("courts", courts);
    project.provide("realCourts", { reverting, zeroPeriod });
    project.provide("tokens", { dai, plain });
  } catch (error) {
    await node.stop();
    throw error;
  }

  return () => node.stop();
}
