/**
 * Type tests, checked by `tsc` (npm run typecheck) and never run: every `@ts-expect-error` line must fail to
 * compile, so wrong parameter shapes are caught before they reach the chain.
 */
import type { Address, ContractFunctionArgs, Hex, PublicClient, WalletClient } from "viem";

import {
  acceptPact,
  acceptSettlement,
  claimPayouts,
  createPact,
  depositStake,
  extendDeadline,
  getPact,
  getProposals,
  resolveDispute,
  setAgentStatus,
  suretyActions,
  watchPactEvents,
  type ContractRevertError,
  type CreatePactFromTermsParameters,
  type Offer,
  type SuretyEventArgs,
  type Terms,
} from "../src/index.ts";
import type { suretyAbi } from "../src/abis.ts";

declare const wallet: WalletClient;
declare const reader: PublicClient;
declare const agent: Address;
declare const arbiter: Address;
declare const token: Address;

type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const assertType = <T extends true>(value: T) => value;

// The hand-written structs are exactly the ABI's.
assertType<Equal<Terms, ContractFunctionArgs<typeof suretyAbi, "nonpayable", "acceptPact">[1]>>(true);
assertType<Equal<Offer, ContractFunctionArgs<typeof suretyAbi, "payable", "createPactFromOffer">[0]>>(true);
// Every agent event names its agent.
assertType<Equal<SuretyEventArgs<"StakeDeposited">["agent"], Address>>(true);

const terms: CreatePactFromTermsParameters = {
  agent,
  arbiter,
  token,
  price: "100",
  acceptBy: "1d",
  deliverBy: new Date(),
  reviewPeriod: 3_600,
  rulingPeriod: "5d",
  defaultBuyerBps: 5_000,
  terms: { task: "summarise", pages: [1, 2] },
};

export async function typeTests() {
  const created = await createPact(wallet, terms);
  created.pactId satisfies bigint;
  created.terms.price satisfies bigint;
  created.event.agent satisfies Address;
  created.termsDocument?.hash satisfies Hex | undefined;

  // @ts-expect-error amounts are bigints or decimal strings, never floats
  await createPact(wallet, { ...terms, price: 12.5 });
  // @ts-expect-error a pact from terms needs its document
  await createPact(wallet, { ...terms, terms: undefined });
  // @ts-expect-error a pact from an offer needs the signature
  await createPact(wallet, { offer: {} as Offer });
  // @ts-expect-error the allowance mode is one of four words
  await depositStake(wallet, { amount: 1n, allowance: "permits" });
  // @ts-expect-error the pact id is required
  await acceptPact(wallet, {});
  // @ts-expect-error terms passed back are the full struct
  await acceptPact(wallet, { pactId: 1n, terms: { price: 1n } });
  // @ts-expect-error narrowed needs a cap
  await setAgentStatus(wallet, { agent, status: "narrowed", reason: "late" });
  // @ts-expect-error warned takes no cap
  await setAgentStatus(wallet, { agent, status: "warned", cap: 1n, reason: "late" });
  // @ts-expect-error good is reached with recertify
  await setAgentStatus(wallet, { agent, status: "good", reason: "fine" });
  // @ts-expect-error a ruling needs the buyer's share
  await resolveDispute(wallet, { pactId: 1n, ruling: "x" });

  // @ts-expect-error accepting a settlement names the share accepted
  await acceptSettlement(wallet, { pactId: 1n });
  // @ts-expect-error claimPayouts takes a list of tokens
  await claimPayouts(wallet, { tokens: token });
  const extension = await extendDeadline(wallet, { pactId: 1n, deliverBy: "2d" });
  extension.terms satisfies Terms;
  extension.extended?.previousDeliverBy satisfies number | undefined;
  const proposals = await getProposals(reader, { pactId: 1n });
  proposals.agent.buyerBps satisfies number | undefined;
  // @ts-expect-error proposals are the buyer's and the agent's
  void proposals.arbiter;

  const pact = await getPact(reader, { pactId: 1n });
  // A pact settled by agreement has a status of its own.
  if (pact.status === "settled") pact.deadline satisfies number | undefined;
  if (pact.effectiveStatus === "finalizable") pact.deadline satisfies number | undefined;
  // @ts-expect-error there is no such status
  if (pact.status === "expired") return;

  const client = wallet.extend(suretyActions());
  await client.cancelPact({ pactId: 1n });
  await client.pause();
  // @ts-expect-error the decorated methods take the same parameters
  await client.cancelPact({ id: 1n });

  watchPactEvents(reader, {
    eventName: "PactDelivered",
    onEvents: (events) => events[0]?.args.deliveryHash satisfies Hex | undefined,
  });
  // @ts-expect-error agent-only events are not pact events
  watchPactEvents(reader, { eventName: "StakeDeposited", onEvents: () => {} });

  const error = {} as ContractRevertError;
  if (error.is("Surety_InsufficientFreeStake")) {
    const [who, free, needed] = error.args;
    who satisfies Address;
    (free + needed) satisfies bigint;
  }
}
