/**
 * Starts a Hardhat node on a free port with Surety deployed as ignition/modules/LocalSurety.ts deploys it (so at
 * getDeployment(31337)'s addresses; see scripts/lib/local-chain.ts), seeds tokens and an arbiter, and stops the
 * node after the run (test/setup/isolate.ts reverts each test's changes).
 */
import { createWalletClient, getAddress, http, parseUnits, publicActions, zeroAddress, type Hex } from "viem";
import { hardhat } from "viem/chains";
import type { TestProject } from "vitest/node";

import { artifact, deployLocalSurety, startHardhatNode } from "../../../scripts/lib/local-chain.ts";
import { suretyAbi } from "../../src/abis.ts";
import { getDeployment } from "../../src/deployments.ts";
import { accounts } from "./accounts.ts";

declare module "vitest" {
  export interface ProvidedContext {
    rpcUrl: string;
    /** A second permit token with 18 decimals, and a plain ERC-20 (no permit) with a blocklist. */
    tokens: { dai: Hex; plain: Hex };
    /** A test ERC-792 court (its owner, the deployer, rules) and a court adapter to it for mUSD and ETH. */
    courts: { court: Hex; adapter: Hex };
  }
}

export default async function setup(project: TestProject) {
  const [permitToken, plainToken, testArbitrator, courtAdapter] = await Promise.all([
    artifact("mocks/MockERC20Permit.sol/MockERC20Permit.json"),
    artifact("mocks/MockBlocklistToken.sol/MockBlocklistToken.json"),
    artifact("mocks/TestArbitrator.sol/TestArbitrator.json"),
    artifact("CourtAdapter.sol/CourtAdapter.json"),
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

    // The court charges 0.01 ETH to arbitrate and 0.02 ETH to appeal, with one-day appeal periods; its ruling 3
    // splits the price evenly.
    const court = await deploy(testArbitrator, [10n ** 16n, 2n * 10n ** 16n, 86_400n]);
    const adapter = await deploy(courtAdapter, [
      suretyAddress,
      court,
      "0x",
      [5_000],
      60 * 86_400,
      [stakeToken, zeroAddress],
    ]);

    project.provide("rpcUrl", url);
    project.provide("courts", { court, adapter });
    project.provide("tokens", { dai, plain });
  } catch (error) {
    await node.stop();
    throw error;
  }

  return () => node.stop();
}
