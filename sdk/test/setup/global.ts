/**
 * Starts a Hardhat node on a free port, deploys Surety on it exactly as ignition/modules/LocalSurety.ts does (the
 * same contracts, constructor arguments and deployer, hence the same addresses as getDeployment(31337)), seeds
 * tokens and an arbiter, and stops the node after the run (test/setup/isolate.ts reverts each test's changes).
 *
 * The contracts are deployed with viem from the Hardhat artifacts rather than with `hardhat ignition deploy`:
 * Ignition builds with the production profile first, which recompiles everything (tens of seconds) whenever the
 * default build that `hardhat test` made is newer, and it writes a deployment folder into the repository.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { createWalletClient, getAddress, http, parseUnits, publicActions, zeroAddress, type Hex } from "viem";
import { hardhat } from "viem/chains";
import type { TestProject } from "vitest/node";

import { suretyAbi } from "../../src/abis.ts";
import { getDeployment } from "../../src/deployments.ts";
import { accounts } from "./accounts.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

declare module "vitest" {
  export interface ProvidedContext {
    rpcUrl: string;
    /** A second permit token with 18 decimals, and a plain ERC-20 (no permit) with a blocklist. */
    tokens: { dai: Hex; plain: Hex };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject()));
    });
  });
}

async function artifact(name: string): Promise<{ abi: readonly unknown[]; bytecode: Hex }> {
  const file = path.join(REPO_ROOT, "artifacts/contracts", name);
  try {
    return JSON.parse(await readFile(file, "utf8")) as { abi: readonly unknown[]; bytecode: Hex };
  } catch (error) {
    throw new Error(`${file} is missing: run \`npm run build\` at the repository root first`, { cause: error });
  }
}

async function waitForNode(url: string, node: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (node.exitCode !== null) throw new Error(`hardhat node exited with ${node.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`hardhat node did not answer on ${url} within 60 s:\n${output()}`);
}

function stop(node: ChildProcess): Promise<void> {
  if (node.exitCode !== null || node.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      process.kill(-node.pid!, "SIGKILL");
    }, 5_000);
    node.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    // The node runs in its own process group; signal the group so nothing it started outlives it.
    process.kill(-node.pid!, "SIGTERM");
  });
}

export default async function setup(project: TestProject) {
  const [surety, permitToken, plainToken] = await Promise.all([
    artifact("Surety.sol/Surety.json"),
    artifact("mocks/MockERC20Permit.sol/MockERC20Permit.json"),
    artifact("mocks/MockBlocklistToken.sol/MockBlocklistToken.json"),
  ]);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const hardhatCli = path.join(REPO_ROOT, "node_modules/hardhat/dist/src/cli.js");
  const node = spawn(process.execPath, [hardhatCli, "node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4_000);
  };
  node.stdout!.on("data", keep);
  node.stderr!.on("data", keep);

  try {
    await waitForNode(url, node, () => log);
    const chain = { ...hardhat, rpcUrls: { default: { http: [url] } } };
    const transport = http(url);
    const deployer = createWalletClient({ account: accounts.deployer, chain, transport }).extend(publicActions);

    const deploy = async (contract: { abi: readonly unknown[]; bytecode: Hex }, args: readonly unknown[]) => {
      const hash = await deployer.deployContract({ abi: contract.abi, bytecode: contract.bytecode, args });
      const receipt = await deployer.waitForTransactionReceipt({ hash });
      return getAddress(receipt.contractAddress!);
    };
    // As LocalSurety.ts: the mock stake token, then Surety with the module's defaults, every role to the deployer.
    const stakeToken = await deploy(permitToken, ["Mock USD", "mUSD", 6]);
    const suretyAddress = await deploy(surety, [
      {
        stakeToken,
        unbondingDelay: 7 * 86_400,
        maxFreeze: 14 * 86_400,
        minReviewPeriod: 3_600,
        maxReviewPeriod: 30 * 86_400,
        minRulingPeriod: 86_400,
        maxRulingPeriod: 60 * 86_400,
        payoutGas: 100_000,
      },
      accounts.deployer.address,
      3 * 86_400,
      accounts.deployer.address,
      accounts.deployer.address,
    ]);
    const known = getDeployment(31337);
    if (stakeToken !== known.stakeToken || suretyAddress !== known.surety) {
      throw new Error(`the local deployment is at ${suretyAddress}, not at getDeployment(31337)'s ${known.surety}`);
    }

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

    project.provide("rpcUrl", url);
    project.provide("tokens", { dai, plain });
  } catch (error) {
    await stop(node);
    throw error;
  }

  return () => stop(node);
}
