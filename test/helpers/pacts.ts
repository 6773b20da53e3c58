import assert from "node:assert/strict";

import { encodeFunctionData, getAddress, parseEther, zeroAddress, type Hex } from "viem";

import {
  PactStatus,
  activePact,
  createPact,
  deliveredPact,
  disputedPact,
  hashOf,
  makeTerms,
  nextTxAt,
  statusOf,
  updatedAtOf,
  type SuretyFixture,
  type Terms,
} from "./fixture.ts";

/** A pact status, as the Solidity enum numbers it. */
export type Status = (typeof PactStatus)[keyof typeof PactStatus];

/** Each status's name, by number (`STATUS_NAMES[2]` is "Active"), for test names and messages. */
export const STATUS_NAMES = Object.fromEntries(
  Object.entries(PactStatus).map(([name, value]) => [value, name]),
) as Record<number, string>;

/** The terminal statuses a pact reaches through Surety's own calls (Settled, the cooperative's, is left out). */
export const TERMINAL_STATUSES: Status[] = [
  PactStatus.Cancelled,
  PactStatus.Reclaimed,
  PactStatus.Released,
  PactStatus.Finalized,
  PactStatus.Refunded,
  PactStatus.Resolved,
  PactStatus.Abstained,
  PactStatus.DefaultRuled,
];

/** The delivery hash the helpers deliver with. */
export const DELIVERY = hashOf("delivery");

/** Terms as the ABI decoder returns them: checksummed addresses. */
export function decoded(terms: Terms): Terms {
  return {
    ...terms,
    buyer: getAddress(terms.buyer),
    agent: getAddress(terms.agent),
    arbiter: getAddress(terms.arbiter),
    token: getAddress(terms.token),
  };
}

/** Drives a fresh pact from `overrides` into `status` and returns it. */
export async function reach(
  f: SuretyFixture,
  status: Status,
  overrides: Partial<Terms> = {},
): Promise<{ pactId: bigint; terms: Terms }> {
  const terms = await makeTerms(f, overrides);
  const { surety } = f;
  const buyer = { account: terms.buyer };
  const anyone = { account: f.stranger.account };
  let pactId: bigint;
  switch (status) {
    case PactStatus.Open:
      pactId = await createPact(f, terms);
      break;
    case PactStatus.Active:
      pactId = await activePact(f, terms);
      break;
    case PactStatus.Delivered:
      pactId = await deliveredPact(f, terms);
      break;
    case PactStatus.Disputed:
      pactId = await disputedPact(f, terms);
      break;
    case PactStatus.Cancelled:
      pactId = await createPact(f, terms);
      await surety.write.cancelPact([pactId, terms], buyer);
      break;
    case PactStatus.Reclaimed:
      pactId = await createPact(f, terms);
      await nextTxAt(f, terms.acceptBy + 1);
      await surety.write.reclaimPact([pactId, terms], anyone);
      break;
    case PactStatus.Released:
      pactId = await activePact(f, terms);
      await surety.write.releasePact([pactId, terms], buyer);
      break;
    case PactStatus.Finalized:
      pactId = await deliveredPact(f, terms);
      await nextTxAt(f, (await updatedAtOf(f, pactId)) + terms.reviewPeriod + 1);
      await surety.write.finalizePact([pactId, terms], anyone);
      break;
    case PactStatus.Refunded:
      pactId = await activePact(f, terms);
      await nextTxAt(f, terms.deliverBy + 1);
      await surety.write.claimRefund([pactId, terms], anyone);
      break;
    case PactStatus.Resolved:
      pactId = await disputedPact(f, terms);
      await surety.write.resolveDispute([pactId, terms, 5_000, 0n, hashOf("ruling")], { account: terms.arbiter });
      break;
    case PactStatus.Abstained:
      pactId = await disputedPact(f, terms);
      await surety.write.abstain([pactId, terms, hashOf("abstain")], { account: terms.arbiter });
      break;
    case PactStatus.DefaultRuled:
      pactId = await disputedPact(f, terms);
      await nextTxAt(f, (await updatedAtOf(f, pactId)) + terms.rulingPeriod + 1);
      await surety.write.applyDefaultRuling([pactId, terms], anyone);
      break;
    default:
      throw new Error(`cannot reach status ${status}`);
  }
  assert.equal(await statusOf(f, pactId), status, `setup: pact should be ${STATUS_NAMES[status]}`);
  return { pactId, terms };
}

/** Every state-changing pact action, each sent by the party entitled to it. */
export function everyAction(f: SuretyFixture, pactId: bigint, terms: Terms) {
  const { surety } = f;
  const buyer = { account: terms.buyer };
  const agent = { account: terms.agent };
  const arbiter = { account: terms.arbiter };
  const anyone = { account: f.stranger.account };
  return {
    cancelPact: () => surety.write.cancelPact([pactId, terms], buyer),
    acceptPact: () => surety.write.acceptPact([pactId, terms], agent),
    deliverPact: () => surety.write.deliverPact([pactId, terms, DELIVERY], agent),
    releasePact: () => surety.write.releasePact([pactId, terms], buyer),
    disputePact: () => surety.write.disputePact([pactId, terms, hashOf("reason")], buyer),
    submitEvidence: () => surety.write.submitEvidence([pactId, terms, hashOf("evidence")], buyer),
    resolveDispute: () => surety.write.resolveDispute([pactId, terms, 0, 0n, hashOf("ruling")], arbiter),
    abstain: () => surety.write.abstain([pactId, terms, hashOf("abstain")], arbiter),
    reclaimPact: () => surety.write.reclaimPact([pactId, terms], anyone),
    finalizePact: () => surety.write.finalizePact([pactId, terms], anyone),
    claimRefund: () => surety.write.claimRefund([pactId, terms], anyone),
    applyDefaultRuling: () => surety.write.applyDefaultRuling([pactId, terms], anyone),
  };
}

/** The buyer's share of `price` at `bps` basis points, rounded down as the contract rounds it. */
export const split = (price: bigint, bps: number | bigint): bigint => (price * BigInt(bps)) / 10_000n;

/** Calldata for a call to Surety by name, for sending through a MockWallet's `execute`. */
export const suretyCall = (f: Pick<SuretyFixture, "surety">, functionName: string, args: readonly unknown[]): Hex =>
  encodeFunctionData({ abi: f.surety.abi, functionName, args } as Parameters<typeof encodeFunctionData>[0]);

/** Terms paid in native ETH (2 ETH, a 0.05 ETH arbiter fee) between the fixture's parties. */
export const ethTerms = (f: SuretyFixture, overrides: Partial<Terms> = {}): Promise<Terms> =>
  makeTerms(f, { token: zeroAddress, price: parseEther("2"), arbiterFee: parseEther("0.05"), ...overrides });
