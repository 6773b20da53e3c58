/**
 * Type tests, checked by `tsc` (npm run typecheck) and never run: every `@ts-expect-error` line must fail to
 * compile, so wrong parameter shapes are caught before they reach the chain.
 */
import type { Account, Address, Chain, ContractFunctionArgs, Hex, PublicClient, Transport, WalletClient } from "viem";

import {
  acceptPact,
  acceptSettlement,
  claimPayouts,
  createPact,
  depositStake,
  extendDeadline,
  getPact,
  getProposals,
  recordReviews,
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
import type { CourtPlan } from "../src/actions/court/internal.ts";
import type { PactDocumentFunctionName, PactFunctionName } from "../src/actions/internal.ts";
import type { SuretyCall, SuretyFunctionName, Transaction } from "../src/utils/execute.ts";

declare const wallet: WalletClient;
declare const signer: WalletClient<Transport, Chain, Account>;
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
  await recordReviews(wallet, {
    reviews: [
      { agent, decision: "keep", evidence: "fine" },
      { agent, decision: "narrow", cap: "250", evidence: { ticket: "OPS-1" } },
      { agent, decision: "pause", evidence: "unreachable" },
    ],
  });
  // @ts-expect-error narrow needs a cap
  await recordReviews(wallet, { reviews: [{ agent, decision: "narrow", evidence: "late" }] });
  // @ts-expect-error keep takes no cap
  await recordReviews(wallet, { reviews: [{ agent, decision: "keep", cap: 1n, evidence: "fine" }] });
  // @ts-expect-error not a review decision
  await recordReviews(wallet, { reviews: [{ agent, decision: "demote", evidence: "x" }] });
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

  // A client with an account sends from it: no `account` needed, and none of the parameters of pause.
  const client = signer.extend(suretyActions());
  await client.cancelPact({ pactId: 1n });
  await client.pause();
  await client.prepareWithdrawStake();
  // @ts-expect-error the decorated methods take the same parameters
  await client.cancelPact({ id: 1n });
  // A client that may have no account (as viem types WalletClient and PublicClient) must be told who sends.
  const anyWallet = wallet.extend(suretyActions());
  await anyWallet.cancelPact({ pactId: 1n, account: agent });
  // @ts-expect-error no account to send from
  await anyWallet.cancelPact({ pactId: 1n });
  // @ts-expect-error nor for a prepared call
  await anyWallet.prepareReleasePact({ pactId: 1n });
  // @ts-expect-error pause's parameters then carry the account
  await anyWallet.pause();
  await anyWallet.pause({ account: agent });
  const publicReader = reader.extend(suretyActions());
  // Reads need no account, getCredit's `account` is the holder read, and getConfig's parameters stay optional.
  await publicReader.getPact({ pactId: 1n });
  await publicReader.getCredit({ token, account: agent });
  await publicReader.getConfig();
  // @ts-expect-error a public client has no account to send from
  await publicReader.claimPayouts({ tokens: [token] });

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

// A plan's call is typed against Surety's ABI: the function is one that changes state, and its name narrows its
// arguments, so `string` and loose arguments cannot come back.
assertType<Equal<string extends SuretyCall["functionName"] ? true : false, false>>(true);
assertType<Equal<Extract<SuretyCall, { functionName: "releasePact" }>["args"], readonly [bigint, Terms]>>(true);
({ functionName: "releasePact", args: [1n, {} as Terms], value: 0n }) satisfies SuretyCall;
// @ts-expect-error releasePact takes the pact id and its terms
({ functionName: "releasePact", args: [1n], value: 0n }) satisfies SuretyCall;
// @ts-expect-error a name Surety's ABI does not have
({ functionName: "releasePacts", args: [1n, {} as Terms], value: 0n }) satisfies SuretyCall;
// @ts-expect-error a view is not a write
({ functionName: "getPact", args: [1n, {} as Terms], value: 0n }) satisfies SuretyCall;
// @ts-expect-error the arguments of one function under the name of another
({ functionName: "depositStake", args: [agent], value: 0n }) satisfies SuretyCall<SuretyFunctionName>;
// The pact-call helpers take only functions of the matching shape.
"finalizePact" satisfies PactFunctionName;
"deliverPact" satisfies PactDocumentFunctionName;
// @ts-expect-error deliverPact also takes the delivery's hash
"deliverPact" satisfies PactFunctionName;
// @ts-expect-error proposeSettlement takes a share, not a document
"proposeSettlement" satisfies PactDocumentFunctionName;
// Court adapter calls are typed against the court adapter's ABI.
assertType<Equal<string extends CourtPlan["functionName"] ? true : false, false>>(true);
const courtCall = { action: "fundAppeal", account: {} as Account, adapter: arbiter, value: 0n };
({ ...courtCall, functionName: "fundAppeal", args: [1n] }) satisfies CourtPlan;
// @ts-expect-error fundAppeal takes the pact id only
({ ...courtCall, functionName: "fundAppeal", args: [1n, {} as Terms] }) satisfies CourtPlan;
// @ts-expect-error Surety's functions are not the adapter's
({ ...courtCall, functionName: "releasePact", args: [1n, {} as Terms] }) satisfies CourtPlan;
// A transaction's function is one of its own ABI's.
assertType<Equal<string extends Transaction<typeof suretyAbi>["functionName"] ? true : false, false>>(true);
