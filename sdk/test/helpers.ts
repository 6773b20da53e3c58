import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  decodeFunctionData,
  http,
  parseUnits,
  publicActions,
  type Account,
  type Address,
} from "viem";
import { hardhat } from "viem/chains";
import { expect, inject } from "vitest";

import { createPact, type CreatePactFromTermsParameters } from "../src/actions/buyer/createPact.ts";
import { acceptPact } from "../src/actions/agent/acceptPact.ts";
import { depositStake } from "../src/actions/agent/depositStake.ts";
import { deliverPact } from "../src/actions/agent/deliverPact.ts";
import { disputePact } from "../src/actions/buyer/disputePact.ts";
import { erc20PermitAbi, suretyAbi } from "../src/abis.ts";
import { getDeployment } from "../src/deployments.ts";
import { ContractRevertError } from "../src/errors/contract.ts";
import { InvalidParametersError } from "../src/errors/parameters.ts";
import type { Terms } from "../src/types.ts";
import { accounts } from "./setup/accounts.ts";

export { accounts };

export const rpcUrl = inject("rpcUrl");
export const tokens = inject("tokens");
export const courts = inject("courts");
export const chain = { ...hardhat, rpcUrls: { default: { http: [rpcUrl] } } } as const;
export const deployment = getDeployment(31337);
/** The stake token, a 6-decimal permit token, also used to pay. */
export const usdc = deployment.stakeToken;
export const dai = tokens.dai;
/** A 6-decimal ERC-20 without permits, with a blocklist. */
export const plain = tokens.plain;

export const publicClient = createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 50 });
export const testClient = createTestClient({ mode: "hardhat", chain, transport: http(rpcUrl) }).extend(publicActions);

/** A wallet client for one of the test accounts. */
export const walletOf = (account: Account) =>
  createWalletClient({ account, chain, transport: http(rpcUrl), pollingInterval: 50 });

export const buyer = walletOf(accounts.buyer);
export const agent = walletOf(accounts.agent);
export const arbiter = walletOf(accounts.arbiter);
export const operator = walletOf(accounts.deployer);
export const stranger = walletOf(accounts.stranger);

export const usd = (amount: string) => parseUnits(amount, 6);

/**
 * The SDK's "now", the node's next block's time (see getNextBlockTime), pinned with evm_setNextBlockTimestamp
 * until the next block is mined: a test computes with it, and the action it calls next sees the same time.
 */
export async function now(): Promise<bigint> {
  const next = (await publicClient.getBlock({ blockTag: "pending" })).timestamp;
  await testClient.setNextBlockTimestamp({ timestamp: next });
  return next;
}

/** Moves the chain's clock on by `seconds` and mines a block. */
export async function travel(seconds: number | bigint): Promise<void> {
  await testClient.increaseTime({ seconds: Number(seconds) });
  await testClient.mine({ blocks: 1 });
}

/** Mines a block at exactly `timestamp`. */
export async function mineAt(timestamp: number | bigint): Promise<void> {
  await testClient.setNextBlockTimestamp({ timestamp: BigInt(timestamp) });
  await testClient.mine({ blocks: 1 });
}

/** The terms every pact helper uses unless told otherwise: 100 mUSD, 50 collateral, 20 penalty. */
export const baseTerms = {
  agent: accounts.agent.address,
  arbiter: accounts.arbiter.address,
  token: usdc,
  price: "100",
  arbiterFee: "5",
  collateral: "50",
  penalty: "20",
  acceptBy: "1d",
  deliverBy: "3d",
  reviewPeriod: "2d",
  rulingPeriod: "5d",
  defaultBuyerBps: 5_000,
  terms: { task: "Summarise 40 supplier contracts", format: "markdown" },
} satisfies CreatePactFromTermsParameters;

/** Gives the agent 1,000 mUSD of stake. */
export async function stake(client = agent, amount = "1000"): Promise<void> {
  await depositStake(client, { amount });
}

/** Creates an open pact as the buyer; returns its id and terms. */
export async function openPact(
  overrides: Partial<CreatePactFromTermsParameters> = {},
): Promise<{ pactId: bigint; terms: Terms }> {
  const { pactId, terms } = await createPact(buyer, { ...baseTerms, ...overrides } as CreatePactFromTermsParameters);
  return { pactId, terms };
}

/** Stakes the agent, then creates and accepts a pact. */
export async function activePact(overrides: Partial<CreatePactFromTermsParameters> = {}) {
  await stake();
  const pact = await openPact(overrides);
  await acceptPact(agent, { pactId: pact.pactId, terms: pact.terms });
  return pact;
}

/** An active pact, delivered. */
export async function deliveredPact(overrides: Partial<CreatePactFromTermsParameters> = {}) {
  const pact = await activePact(overrides);
  await deliverPact(agent, { ...pact, delivery: "the summary" });
  return pact;
}

/** A delivered pact, disputed by the buyer. */
export async function disputedPact(overrides: Partial<CreatePactFromTermsParameters> = {}) {
  const pact = await deliveredPact(overrides);
  await disputePact(buyer, { ...pact, reason: "pages are missing" });
  return pact;
}

/** Asserts that `promise` rejects with the contract's custom error `errorName` (and its arguments). */
export async function expectRevert(promise: Promise<unknown>, errorName: string, args?: readonly unknown[]) {
  const error = await promise.then(
    () => expect.unreachable(`expected ${errorName}`),
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(ContractRevertError);
  const revert = error as ContractRevertError;
  expect(revert.name).toBe("ContractRevertError");
  expect(revert.errorName).toBe(errorName);
  if (args !== undefined) expect(revert.args).toEqual(args);
  return revert;
}

/** Asserts that `promise` rejects with InvalidParametersError listing exactly `issues` ("path: message"). */
export async function expectInvalid(promise: Promise<unknown> | (() => unknown), issues: readonly string[]) {
  let error: unknown;
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(InvalidParametersError);
  const invalid = error as InvalidParametersError;
  expect(invalid.issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual(issues);
  for (const issue of issues) expect(invalid.message).toContain(issue);
  return invalid;
}

/** The account's nonce: unchanged when an action sent nothing. */
export function nonceOf(address: Address): Promise<number> {
  return publicClient.getTransactionCount({ address, blockTag: "pending" });
}

/** The Surety function a transaction called. */
export async function functionOf(hash: `0x${string}`): Promise<string> {
  const { input } = await publicClient.getTransaction({ hash });
  return decodeFunctionData({ abi: suretyAbi, data: input }).functionName;
}

/** An account's balance of a token. */
export function balanceOf(token: Address, owner: Address): Promise<bigint> {
  return publicClient.readContract({ address: token, abi: erc20PermitAbi, functionName: "balanceOf", args: [owner] });
}

/** An account's allowance to Surety. */
export function allowanceOf(token: Address, owner: Address): Promise<bigint> {
  return publicClient.readContract({
    address: token,
    abi: erc20PermitAbi,
    functionName: "allowance",
    args: [owner, deployment.surety],
  });
}
