/**
 * Where Surety is deployed, with its ABIs: the one module that the SDK's actions and the indexer both import, so
 * that addresses and ABIs have a single source.
 */
import type { Address } from "viem";
import { z } from "zod";

import { DeploymentError } from "./errors/deployment.ts";
import { NotFoundError } from "./errors/notFound.ts";
import { address } from "./schemas/fields.ts";
import { field, toIssues } from "./schemas/parse.ts";

export { arbitratorAbi, courtAdapterAbi, erc20PermitAbi, suretyAbi } from "./abis.ts";

/** A Surety deployment: its chain, its address, its stake token and the block to read its events from. */
export type Deployment = {
  chainId: number;
  surety: Address;
  stakeToken: Address;
  /** The block Surety was deployed in: event lookups start here. */
  startBlock: bigint;
  /**
   * Court adapters deployed for this Surety (each an ERC-792 court as a pact's arbiter): the indexer follows them
   * by default. Pacts may name any adapter; these are the ones the deployment vouches for.
   */
  courtAdapters?: readonly Address[] | undefined;
};

/**
 * Known deployments by chain id. 31337 is a fresh local Hardhat node on which the first transactions of its
 * first default account ran `npx hardhat ignition deploy ignition/modules/LocalSurety.ts` (the mock stake token
 * in block 1, Surety in block 2).
 */
export const deployments: Readonly<Record<number, Deployment>> = {
  31337: {
    chainId: 31337,
    surety: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
    stakeToken: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    startBlock: 2n,
  },
};

/**
 * The known deployment on `chainId`.
 * @throws NotFoundError when there is none.
 * @example
 * const deployment = getDeployment(31337);
 */
export function getDeployment(chainId: number): Deployment {
  const deployment = deployments[chainId];
  if (deployment === undefined) {
    throw new NotFoundError({
      resource: "deployment",
      id: String(chainId),
      message: `No known Surety deployment on chain ${chainId}: pass one (see loadDeployment).`,
    });
  }
  return deployment;
}

/** The schema of a deployment as a JSON file holds it, and as actions accept it. Unknown keys are ignored. */
export const deploymentSchema: z.ZodType<Deployment, unknown> = z.object({
  chainId: field((value, report): number => {
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
      report("must be a chain id (a positive integer)");
    }
    return value as number;
  }),
  surety: address({ nonZero: true }),
  stakeToken: address({ nonZero: true }),
  startBlock: field((value, report): bigint => {
    const valid =
      (typeof value === "bigint" && value >= 0n) ||
      (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) ||
      (typeof value === "string" && /^\d+$/.test(value));
    if (!valid) report("must be a block number (a non-negative integer)");
    return valid ? BigInt(value as bigint | number | string) : 0n;
  }),
  courtAdapters: z.array(address({ nonZero: true })).optional(),
});

/** Marks what was read from an Ignition folder, whose missing fields get a hint. */
const FOLDER = Symbol("ignition folder");
const FOLDER_HINTS: Record<string, string> = {
  chainId: "no journal.jsonl, and the folder is not named chain-<id>",
  stakeToken: 'no journal.jsonl, and deployed_addresses.json has no "…#StakeToken"',
};

type JournalEntry = {
  type?: string;
  chainId?: number;
  futureId?: string;
  constructorArgs?: unknown[];
  receipt?: { blockNumber?: number };
};

/** Reads an Ignition deployment folder: deployed_addresses.json, and journal.jsonl when it is there. */
async function readIgnitionFolder(folder: string): Promise<unknown> {
  const { readFile } = await import("node:fs/promises");
  const { basename, join } = await import("node:path");
  const addresses = JSON.parse(await readFile(join(folder, "deployed_addresses.json"), "utf8")) as Record<
    string,
    string
  >;
  const suretyIds = Object.keys(addresses).filter((id) => id.endsWith("#Surety"));
  if (suretyIds.length !== 1) {
    const found = suretyIds.length === 0 ? "none" : suretyIds.join(", ");
    throw new DeploymentError({
      path: folder,
      issues: [
        { path: "deployed_addresses.json", message: `must hold exactly one "…#Surety" address (found ${found})` },
      ],
    });
  }
  const suretyId = suretyIds[0]!;
  const stakeTokenId = Object.keys(addresses).find((id) => id.endsWith("#StakeToken"));
  // The CourtAdapter.ts and LocalCourt.ts modules' adapters, when deployed into the same folder.
  const courtAdapters = Object.entries(addresses)
    .filter(([id]) => id.endsWith("#CourtAdapter"))
    .map(([, adapter]) => adapter);

  let journal: JournalEntry[] = [];
  try {
    const text = await readFile(join(folder, "journal.jsonl"), "utf8");
    journal = text
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as JournalEntry);
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ENOENT") throw error;
  }
  const initialize = journal.find((entry) => entry.type === "DEPLOYMENT_INITIALIZE");
  const construction = journal.find(
    (entry) => entry.type === "DEPLOYMENT_EXECUTION_STATE_INITIALIZE" && entry.futureId === suretyId,
  );
  const confirmation = journal.find((entry) => entry.type === "TRANSACTION_CONFIRM" && entry.futureId === suretyId);
  const config = construction?.constructorArgs?.[0] as { stakeToken?: unknown } | undefined;
  const chainFromName = /^chain-(\d+)$/.exec(basename(folder))?.[1];

  return {
    [FOLDER]: true,
    chainId: initialize?.chainId ?? (chainFromName === undefined ? undefined : Number(chainFromName)),
    surety: addresses[suretyId],
    stakeToken: config?.stakeToken ?? (stakeTokenId === undefined ? undefined : addresses[stakeTokenId]),
    startBlock: confirmation?.receipt?.blockNumber ?? 0,
    ...(courtAdapters.length === 0 ? {} : { courtAdapters }),
  };
}

/**
 * Reads a deployment from an Ignition deployment folder (`ignition/deployments/chain-N`: its
 * deployed_addresses.json, and journal.jsonl for the chain, the stake token and the deployment block when present;
 * without a journal the start block is 0; any "…#CourtAdapter" address as a court adapter) or from a JSON file
 * `{ chainId, surety, stakeToken, startBlock, courtAdapters? }`.
 * @throws DeploymentError naming every missing or invalid field.
 * @example
 * const deployment = await loadDeployment("ignition/deployments/local-8545"); // what `npm start` deployed on port 8545
 * const client = createWalletClient({ account, chain, transport: http() }).extend(suretyActions(deployment));
 */
export async function loadDeployment(path: string): Promise<Deployment> {
  const { readFile, stat } = await import("node:fs/promises");
  let raw: unknown;
  try {
    raw = (await stat(path)).isDirectory()
      ? await readIgnitionFolder(path)
      : (JSON.parse(await readFile(path, "utf8")) as unknown);
  } catch (error) {
    if (error instanceof DeploymentError) throw error;
    const reason = error instanceof SyntaxError ? `is not valid JSON (${error.message})` : "cannot be read";
    throw new DeploymentError({ path, issues: [{ path: "file", message: reason }], cause: error });
  }
  const result = deploymentSchema.safeParse(raw);
  if (!result.success && raw !== null && typeof raw === "object" && FOLDER in raw) {
    const issues = toIssues(result.error, "a deployment").map((issue) =>
      issue.message === "is required" ? { ...issue, message: `is required: ${FOLDER_HINTS[issue.path]}` } : issue,
    );
    throw new DeploymentError({ path, issues, cause: result.error });
  }
  if (!result.success) {
    throw new DeploymentError({ path, issues: toIssues(result.error, "a deployment"), cause: result.error });
  }
  return result.data;
}
