import type { NetworkConnection } from "hardhat/types/network";
import { keccak256, parseUnits, toHex, zeroAddress, type Address, type Hex } from "viem";

import { DEFAULT_ADMIN_DELAY, DEFAULT_SURETY_CONFIG } from "../../sdk/src/constants/config.ts";
import { OFFER_TYPES, offerDomain } from "../../sdk/src/utils/offer.ts";

export const HOUR = 3_600n;
export const DAY = 86_400n;

/**
 * Deployment settings used by every test: the production defaults, the same the Ignition module deploys with
 * (read from the SDK's source, so no SDK build is needed to run the tests).
 */
export const CONFIG = DEFAULT_SURETY_CONFIG;

/** The delay of an admin transfer, as in production. */
export const ADMIN_DELAY = DEFAULT_ADMIN_DELAY;

/** Pact statuses, in the order of the Solidity enum. */
export const PactStatus = {
  None: 0,
  Open: 1,
  Active: 2,
  Delivered: 3,
  Disputed: 4,
  Cancelled: 5,
  Reclaimed: 6,
  Released: 7,
  Finalized: 8,
  Refunded: 9,
  Resolved: 10,
  Abstained: 11,
  DefaultRuled: 12,
  Settled: 13,
} as const;

/** Agent statuses, in the order of the Solidity enum. */
export const AgentStatus = { Good: 0, Warned: 1, Narrowed: 2, UnderReview: 3, Paused: 4 } as const;

export const usd = (amount: string): bigint => parseUnits(amount, 6);
export const hashOf = (text: string): Hex => keccak256(toHex(text));

export type Terms = {
  buyer: Address;
  agent: Address;
  arbiter: Address;
  token: Address;
  price: bigint;
  arbiterFee: bigint;
  collateral: bigint;
  penalty: bigint;
  acceptBy: number;
  deliverBy: number;
  reviewPeriod: number;
  rulingPeriod: number;
  defaultBuyerBps: number;
  termsHash: Hex;
};

export type Offer = {
  agent: Address;
  buyer: Address;
  arbiter: Address;
  token: Address;
  price: bigint;
  arbiterFee: bigint;
  collateral: bigint;
  penalty: bigint;
  deliveryPeriod: number;
  reviewPeriod: number;
  rulingPeriod: number;
  defaultBuyerBps: number;
  termsHash: Hex;
  nonce: bigint;
  expiry: number;
};

/**
 * Deploys a stake token (6-decimal USDC-like permit token, also used as a payment token), a second payment
 * token (18 decimals), and Surety with the operator and guardian roles; registers the arbiter for both
 * tokens and ETH; funds and approves the buyers; gives the agents 10,000 mUSD of stake each.
 *
 * Use it through `networkHelpers.loadFixture(deploySurety)` so each test starts from a fresh snapshot.
 */
export async function deploySurety(connection: NetworkConnection) {
  const { viem } = connection;
  const publicClient = await viem.getPublicClient();
  const testClient = await viem.getTestClient();
  const [admin, operator, guardian, buyer, agent, arbiter, stranger, agent2, buyer2, arbiter2] =
    await viem.getWalletClients();

  const usdc = await viem.deployContract("MockERC20Permit", ["Mock USD", "mUSD", 6]);
  const dai = await viem.deployContract("MockERC20Permit", ["Mock DAI", "mDAI", 18]);
  const surety = await viem.deployContract("Surety", [
    { stakeToken: usdc.address, ...CONFIG },
    admin.account.address,
    ADMIN_DELAY,
    operator.account.address,
    guardian.account.address,
  ]);
  // The operator module's calls (ladder, reviews, exception notes), bound at Surety's own address.
  const ops = await viem.getContractAt("SuretyOperator", surety.address);

  for (const who of [arbiter, arbiter2]) {
    for (const token of [usdc.address, dai.address, zeroAddress]) {
      await surety.write.registerArbiter([token, 0n, CONFIG.maxRulingPeriod], { account: who.account });
    }
  }
  for (const who of [buyer, buyer2, stranger]) {
    await usdc.write.mint([who.account.address, usd("1000000")]);
    await dai.write.mint([who.account.address, parseUnits("1000000", 18)]);
    await usdc.write.approve([surety.address, 2n ** 255n], { account: who.account });
    await dai.write.approve([surety.address, 2n ** 255n], { account: who.account });
  }
  for (const who of [agent, agent2]) {
    await usdc.write.mint([who.account.address, usd("100000")]);
    await usdc.write.approve([surety.address, 2n ** 255n], { account: who.account });
    await surety.write.depositStake([usd("10000")], { account: who.account });
  }

  return {
    connection,
    viem,
    publicClient,
    testClient,
    surety,
    ops,
    usdc,
    dai,
    admin,
    operator,
    guardian,
    buyer,
    agent,
    arbiter,
    stranger,
    agent2,
    buyer2,
    arbiter2,
  };
}

export type SuretyFixture = Awaited<ReturnType<typeof deploySurety>>;

/** The fixture, with the cooperative module's calls bound at Surety's own address as `coop`. */
export async function deploySuretyWithCooperative(connection: NetworkConnection) {
  const fixture = await deploySurety(connection);
  const coop = await connection.viem.getContractAt("SuretyCooperative", fixture.surety.address);
  return { ...fixture, coop };
}

export type CooperativeFixture = Awaited<ReturnType<typeof deploySuretyWithCooperative>>;

/** Call options that send from `who`. */
export const as = (who: { account: { address: Address } }) => ({ account: who.account.address });

/** A pact's status as the contract reads it now. */
export async function statusOf(fixture: Pick<SuretyFixture, "surety">, pactId: bigint): Promise<number> {
  const [status] = await fixture.surety.read.getPact([pactId]);
  return status;
}

/** The time of a pact's last status change as the contract reads it now (deliveredAt while Delivered, and so on). */
export async function updatedAtOf(fixture: Pick<SuretyFixture, "surety">, pactId: bigint): Promise<number> {
  const [, updatedAt] = await fixture.surety.read.getPact([pactId]);
  return updatedAt;
}

/** An agent's stake account (`stakeOf`) as a named record; the fixture's agent unless another is given. */
export async function stakeOf(fixture: Pick<SuretyFixture, "surety" | "agent">, agent?: Address) {
  const [staked, locked, queued, readyAt, free] = await fixture.surety.read.stakeOf([
    agent ?? fixture.agent.account.address,
  ]);
  return { staked, locked, queued, readyAt, free };
}

/** The latest block's timestamp. */
export async function now(fixture: Pick<SuretyFixture, "publicClient">): Promise<number> {
  const block = await fixture.publicClient.getBlock();
  return Number(block.timestamp);
}

/** Valid terms between the fixture's buyer, agent and arbiter, in mUSD, relative to the chain's time. */
export async function makeTerms(fixture: SuretyFixture, overrides: Partial<Terms> = {}): Promise<Terms> {
  const t = await now(fixture);
  return {
    buyer: fixture.buyer.account.address,
    agent: fixture.agent.account.address,
    arbiter: fixture.arbiter.account.address,
    token: fixture.usdc.address,
    price: usd("100"),
    arbiterFee: usd("5"),
    collateral: usd("50"),
    penalty: usd("20"),
    acceptBy: t + 86_400,
    deliverBy: t + 3 * 86_400,
    reviewPeriod: 2 * 86_400,
    rulingPeriod: 5 * 86_400,
    defaultBuyerBps: 5_000,
    termsHash: hashOf("pact document"),
    ...overrides,
  };
}

/** Creates a pact from `terms` as `terms.buyer` and returns its id (read from the PactCreated event). */
export async function createPact(fixture: SuretyFixture, terms: Terms): Promise<bigint> {
  const { surety, publicClient } = fixture;
  const value = terms.token === zeroAddress ? terms.price : 0n;
  const hash = await surety.write.createPact([terms], { account: terms.buyer, value });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  const [event] = await surety.getEvents.PactCreated({}, { blockHash: receipt.blockHash });
  return event.args.pactId!;
}

/** Creates and accepts a pact; returns its id. */
export async function activePact(fixture: SuretyFixture, terms: Terms): Promise<bigint> {
  const pactId = await createPact(fixture, terms);
  await fixture.surety.write.acceptPact([pactId, terms], { account: terms.agent });
  return pactId;
}

/** Creates, accepts and delivers a pact; returns its id. */
export async function deliveredPact(fixture: SuretyFixture, terms: Terms): Promise<bigint> {
  const pactId = await activePact(fixture, terms);
  await fixture.surety.write.deliverPact([pactId, terms, hashOf("delivery")], { account: terms.agent });
  return pactId;
}

/** Creates, accepts, delivers and disputes a pact; returns its id. */
export async function disputedPact(fixture: SuretyFixture, terms: Terms): Promise<bigint> {
  const pactId = await deliveredPact(fixture, terms);
  const value = terms.token === zeroAddress ? terms.arbiterFee : 0n;
  await fixture.surety.write.disputePact([pactId, terms, hashOf("reason")], { account: terms.buyer, value });
  return pactId;
}

/** Sets the next block's timestamp to `timestamp` and mines it. */
export async function mineAt(fixture: SuretyFixture, timestamp: number | bigint): Promise<void> {
  await fixture.testClient.setNextBlockTimestamp({ timestamp: BigInt(timestamp) });
  await fixture.testClient.mine({ blocks: 1 });
}

/** Sets the next block's timestamp without mining, so the next transaction runs at exactly `timestamp`. */
export async function nextTxAt(fixture: SuretyFixture, timestamp: number | bigint): Promise<void> {
  await fixture.testClient.setNextBlockTimestamp({ timestamp: BigInt(timestamp) });
}

/** The EIP-712 Offer type, as the SDK derives it from the ABI. */
export { OFFER_TYPES, offerDomain };

/** Signs an offer with the agent's key (EIP-712, domain of the deployed Surety). */
export async function signOffer(fixture: SuretyFixture, offer: Offer, signer = fixture.agent): Promise<Hex> {
  const chainId = await fixture.publicClient.getChainId();
  return signer.signTypedData({
    account: signer.account,
    domain: offerDomain({ chainId, verifyingContract: fixture.surety.address }),
    types: OFFER_TYPES,
    primaryType: "Offer",
    message: offer,
  });
}

/** A valid offer from the fixture's agent, open to anyone, relative to the chain's time. */
export async function makeOffer(fixture: SuretyFixture, overrides: Partial<Offer> = {}): Promise<Offer> {
  const t = await now(fixture);
  return {
    agent: fixture.agent.account.address,
    buyer: zeroAddress,
    arbiter: fixture.arbiter.account.address,
    token: fixture.usdc.address,
    price: usd("100"),
    arbiterFee: usd("5"),
    collateral: usd("50"),
    penalty: usd("20"),
    deliveryPeriod: 3 * 86_400,
    reviewPeriod: 2 * 86_400,
    rulingPeriod: 5 * 86_400,
    defaultBuyerBps: 5_000,
    termsHash: hashOf("offer document"),
    nonce: 1n,
    expiry: t + 86_400,
    ...overrides,
  };
}
