/**
 * A local Hardhat node with Surety deployed on it exactly as ignition/modules/LocalSurety.ts deploys it (the same
 * contracts, constructor arguments and deployer, hence the SDK's getDeployment(31337) addresses). The SDK and
 * indexer tests, the benchmarks and the local stack all start their chain here.
 *
 * The contracts are deployed with viem from the Hardhat artifacts rather than with `hardhat ignition deploy`:
 * Ignition builds with the production profile first, which recompiles everything whenever the default build is
 * newer, and it writes a deployment folder into the repository.
 */
import type { ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { createWalletClient, getAddress, http, publicActions, type Address, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";

// From the SDK's source, not "@surety/sdk": the local chain also serves the SDK's own tests and runs before any
// build of the SDK (config.ts imports nothing, for that reason).
import { DEFAULT_ADMIN_DELAY, DEFAULT_SURETY_CONFIG } from "../../sdk/src/constants/config.ts";
import { stopSupervised, superviseProcess } from "./supervise.ts";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Hardhat's public default mnemonic: the accounts `hardhat node` funds. Test keys, never real ones. */
export const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

/** The `index`th account that `hardhat node` funds. */
export const localAccount = (index: number) => mnemonicToAccount(HARDHAT_MNEMONIC, { addressIndex: index });

/**
 * LocalSurety.ts's configuration: the production defaults with no local overrides (scripts that need a period to
 * pass move the node's clock instead of shortening it).
 */
export const LOCAL_CONFIG = { ...DEFAULT_SURETY_CONFIG } as const;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject()));
    });
  });
}

export type Artifact = { abi: readonly unknown[]; bytecode: Hex };

/** A compiled contract from artifacts/contracts, such as "Surety.sol/Surety.json". */
export async function artifact(name: string): Promise<Artifact> {
  const file = path.join(REPO_ROOT, "artifacts/contracts", name);
  try {
    return JSON.parse(await readFile(file, "utf8")) as Artifact;
  } catch (error) {
    throw new Error(`${file} is missing: run \`npm run build\` at the repository root first`, { cause: error });
  }
}

export type LocalNode = {
  url: string;
  port: number;
  /** The node's last output, for error messages. */
  output: () => string;
  /** The node's watchdog (supervise.ts), which leads the node's process group. */
  pid: number;
  /** Resolves with the exit code (or signal) when the node's process ends, for whatever reason. */
  exited: Promise<number | string | null>;
  stop: () => Promise<void>;
};

async function waitForNode(
  url: string,
  node: ChildProcess,
  output: () => string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    if (node.exitCode !== null || node.signalCode !== null) {
      throw new Error(`hardhat node exited with ${node.exitCode ?? node.signalCode}:\n${output()}`);
    }
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

/** Stops a child started in its own process group, and everything it started; SIGKILL after 5 s. */
export function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

export type HardhatNodeOptions = {
  /** The port on 127.0.0.1 (default a free one). */
  port?: number;
  /**
   * Mine a block every this many milliseconds even with no transaction, as a real chain does, so that time passes
   * on-chain (automine stays on: each transaction still gets its block at once). Off unless given: tests that move
   * the clock themselves want blocks only when they ask. setIntervalMining turns it on later.
   */
  intervalMiningMs?: number;
  /** Milliseconds between SIGTERM and SIGKILL when the node is stopped (default 3 s). */
  graceMs?: number;
  /** Gives up waiting for the node, and stops it, when aborted. */
  signal?: AbortSignal;
};

/**
 * Starts `hardhat node` on loopback (a free port unless one is given) and waits until it answers. The node runs under
 * a watchdog (supervise.ts): it ends with this process, however this process ends.
 */
export async function startHardhatNode(options: HardhatNodeOptions = {}): Promise<LocalNode> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const hardhatCli = path.join(REPO_ROOT, "node_modules/hardhat/dist/src/cli.js");
  const node = superviseProcess(
    process.execPath,
    [hardhatCli, "node", "--hostname", "127.0.0.1", "--port", String(port)],
    { cwd: REPO_ROOT, graceMs: options.graceMs },
  );
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4_000);
  };
  node.stdout!.on("data", keep);
  node.stderr!.on("data", keep);
  const output = () => log;
  const exited = new Promise<number | string | null>((resolve) =>
    node.once("exit", (code, signal) => resolve(code ?? signal)),
  );
  const stop = () => stopSupervised(node, options.graceMs);
  try {
    await waitForNode(url, node, output, options.signal);
    if (options.intervalMiningMs !== undefined) await setIntervalMining(url, options.intervalMiningMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, pid: node.pid!, output, exited, stop };
}

/**
 * Makes the node at `url` mine a block every `intervalMs` milliseconds (0 turns it off), besides the block each
 * transaction gets while automine is on.
 */
export async function setIntervalMining(url: string, intervalMs: number): Promise<void> {
  if (!Number.isSafeInteger(intervalMs) || intervalMs < 0) {
    throw new Error(`the mining interval must be a whole number of milliseconds, not ${intervalMs}`);
  }
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "evm_setIntervalMining", params: [intervalMs] }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message?: string } };
  if (body.error !== undefined) throw new Error(`evm_setIntervalMining failed at ${url}: ${body.error.message}`);
}

export type LocalDeployment = { chainId: 31337; surety: Address; stakeToken: Address; startBlock: bigint };

/**
 * Deploys as LocalSurety.ts does, as the first two transactions of the node's first account: the mock stake token
 * (block 1), then Surety (block 2) with every role to the deployer.
 */
export async function deployLocalSurety(url: string): Promise<LocalDeployment> {
  const [surety, permitToken] = await Promise.all([
    artifact("Surety.sol/Surety.json"),
    artifact("mocks/MockERC20Permit.sol/MockERC20Permit.json"),
  ]);
  const deployer = localAccount(0);
  const chain = { ...hardhat, rpcUrls: { default: { http: [url] } } };
  const client = createWalletClient({ account: deployer, chain, transport: http(url) }).extend(publicActions);
  const deploy = async (contract: Artifact, args: readonly unknown[]) => {
    const hash = await client.deployContract({ abi: contract.abi, bytecode: contract.bytecode, args });
    const receipt = await client.waitForTransactionReceipt({ hash });
    return { address: getAddress(receipt.contractAddress!), block: receipt.blockNumber };
  };
  const stakeToken = await deploy(permitToken, ["Mock USD", "mUSD", 6]);
  const deployed = await deploy(surety, [
    { stakeToken: stakeToken.address, ...LOCAL_CONFIG },
    deployer.address,
    DEFAULT_ADMIN_DELAY,
    deployer.address,
    deployer.address,
  ]);
  return { chainId: 31337, surety: deployed.address, stakeToken: stakeToken.address, startBlock: deployed.block };
}

/** The test-only ERC-792 courts a local court adapter can forward to; their deployer (account 0) rules. */
export type LocalCourt =
  /** TestArbitrator: fixed fees, an appeal period it always reports, and any overpayment accepted. */
  | { kind: "test"; arbitrationCost: bigint; appealCost: bigint; appealDuration: number }
  /**
   * TestRealisticCourt: an appeal cost that doubles each round and reads "not payable" outside an appeal period, no
   * appeal period before a ruling (a revert, or (0, 0)), and optionally only exact payments, as deployed courts do.
   */
  | {
      kind: "realistic";
      arbitrationFee: bigint;
      baseAppealFee: bigint;
      appealDuration: number;
      exactPayment: boolean;
      periodRevertsBeforeRuling: boolean;
    };

export type LocalCourtOptions = {
  surety: Address;
  court: LocalCourt;
  /** The buyer's share in basis points of each ruling above 2. */
  splits: readonly number[];
  maxRulingPeriod: number;
  /** Seconds after a dispute within which its buyer must pay the court's fee. */
  feeWindow: number;
  /**
   * The adapter's ERC-1497 meta-evidence: build it with the SDK's buildMetaEvidence for the same `splits` and embed
   * it with toDataUri, so that its ruling options say what the adapter does.
   */
  metaEvidenceURI: string;
  /** Payment tokens the adapter registers for (address zero is ETH). */
  tokens: readonly Address[];
};

/**
 * Deploys a test court and a court adapter to it, from account 0 (which then owns the court and gives its rulings),
 * with CourtAdapter's constructor: Surety, the court, no extra data, the splits, the longest ruling period, the fee
 * window, the meta-evidence URI and the tokens.
 */
export async function deployLocalCourt(
  url: string,
  options: LocalCourtOptions,
): Promise<{ court: Address; adapter: Address }> {
  const [testArbitrator, realisticCourt, courtAdapter] = await Promise.all([
    artifact("mocks/TestArbitrator.sol/TestArbitrator.json"),
    artifact("mocks/TestRealisticCourt.sol/TestRealisticCourt.json"),
    artifact("CourtAdapter.sol/CourtAdapter.json"),
  ]);
  const chain = { ...hardhat, rpcUrls: { default: { http: [url] } } };
  const client = createWalletClient({ account: localAccount(0), chain, transport: http(url) }).extend(publicActions);
  const deploy = async (contract: Artifact, args: readonly unknown[]) => {
    const hash = await client.deployContract({ abi: contract.abi, bytecode: contract.bytecode, args });
    return getAddress((await client.waitForTransactionReceipt({ hash })).contractAddress!);
  };
  const spec = options.court;
  const court =
    spec.kind === "test"
      ? await deploy(testArbitrator, [spec.arbitrationCost, spec.appealCost, BigInt(spec.appealDuration)])
      : await deploy(realisticCourt, [
          spec.arbitrationFee,
          spec.baseAppealFee,
          BigInt(spec.appealDuration),
          spec.exactPayment,
          spec.periodRevertsBeforeRuling,
        ]);
  const adapter = await deploy(courtAdapter, [
    options.surety,
    court,
    "0x",
    options.splits,
    options.maxRulingPeriod,
    options.feeWindow,
    options.metaEvidenceURI,
    options.tokens,
  ]);
  return { court, adapter };
}
