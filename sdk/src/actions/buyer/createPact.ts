import { isAddressEqual, zeroAddress, type Address, type Client, type Hex } from "viem";
import { z } from "zod";

import {
  address,
  allowanceMode,
  amount,
  bps,
  document,
  duration,
  time,
  type AllowanceMode,
  type AmountInput,
  type DurationInput,
  type TimeInput,
} from "../../schemas/fields.ts";
import { across, acrossArbiterTerms, parseParameters } from "../../schemas/parse.ts";
import { offerStruct, signature } from "../../schemas/structs.ts";
import type { HashedDocument, Offer, Terms } from "../../types.ts";
import { anyString, arbiterTermsOf, decimalsOf, peekAddress, resolveDeployment } from "../../utils/client.ts";
import type { DocumentInput } from "../../utils/document.ts";
import { eventOf, execute, toCalls, type Plan, type WriteResult } from "../../utils/execute.ts";
import { courtOf } from "../court/internal.ts";
import type { SuretyEventArgs } from "../../utils/events.ts";
import { planFunding } from "../../utils/funding.ts";
import { nextBlockTimeFor } from "../../utils/nextBlock.ts";
import {
  withAccount,
  writeFields,
  type AllowanceParameters,
  type PrepareReturnType,
  type WriteErrorType,
  type WriteParameters,
} from "../internal.ts";

/** A pact from terms the buyer writes. */
export type CreatePactFromTermsParameters = WriteParameters &
  AllowanceParameters & {
    agent: Address;
    arbiter: Address;
    /** The payment token, or the zero address for ETH. */
    token: Address;
    /** Paid into escrow now, in the payment token. */
    price: AmountInput;
    /** Paid by the buyer on a dispute, in the payment token; by default the arbiter's minimum fee. */
    arbiterFee?: AmountInput | undefined;
    /** Stake the agent locks on acceptance, in the stake token; 0 by default. */
    collateral?: AmountInput | undefined;
    /** Slashed to the buyer on a missed delivery, in the stake token; at most `collateral`; 0 by default. */
    penalty?: AmountInput | undefined;
    /** Last moment the agent may accept. */
    acceptBy: TimeInput;
    /** Last moment the agent may deliver. */
    deliverBy: TimeInput;
    /** How long the buyer may dispute a delivery. */
    reviewPeriod: DurationInput;
    /** How long the arbiter may take to rule. */
    rulingPeriod: DurationInput;
    /** The buyer's share of the price when the arbiter abstains or stays silent, in basis points. */
    defaultBuyerBps: number;
    /** The pact's document: a 32-byte hash, text, or a JSON value (hashed into `termsHash`). */
    terms: DocumentInput;
    /** The buyer; must be the sending account, which it defaults to. */
    buyer?: Address | undefined;
    offer?: undefined;
    signature?: undefined;
  };

/** A pact from an agent's signed offer (signOffer's result can be passed as it is): it starts active. */
export type CreatePactFromOfferParameters = WriteParameters &
  AllowanceParameters & {
    offer: Offer;
    signature: Hex;
    termsDocument?: HashedDocument | undefined;
    digest?: Hex | undefined;
  };

export type CreatePactParameters = CreatePactFromTermsParameters | CreatePactFromOfferParameters;

export type CreatePactReturnType = WriteResult & {
  /** The new pact's id. */
  pactId: bigint;
  /** The pact's full terms, as later calls need them. */
  terms: Terms;
  /** The PactCreated event. */
  event: SuretyEventArgs<"PactCreated">;
  /** The hashed pact document, when the pact was made from terms. */
  termsDocument: HashedDocument | undefined;
  /** From an offer: the PactAccepted event (the agent's collateral is locked at funding). */
  accepted: SuretyEventArgs<"PactAccepted"> | undefined;
  /** From an offer: the OfferFunded event. */
  offerFunded: SuretyEventArgs<"OfferFunded"> | undefined;
};

export type CreatePactErrorType = WriteErrorType;

export type PrepareCreatePactReturnType = PrepareReturnType & {
  /** The terms the pact is created with (from an offer, `acceptBy` and `deliverBy` are set when it is mined). */
  terms: Terms | undefined;
  termsDocument: HashedDocument | undefined;
};

const ACTION = "createPact";

async function planFromTerms(client: Client, parameters: CreatePactFromTermsParameters, defaultMode: AllowanceMode) {
  const deployment = await resolveDeployment(client, parameters.deployment, ACTION);
  const token = peekAddress(parameters.token);
  const arbiterAddress = peekAddress(parameters.arbiter);
  const [now, paymentDecimals, stakeDecimals, arbiter, court] = await Promise.all([
    nextBlockTimeFor(client, ACTION),
    anyString(parameters.price, parameters.arbiterFee)
      ? decimalsOf(client, token)
      : { reason: "no decimal amount given" },
    anyString(parameters.collateral, parameters.penalty)
      ? decimalsOf(client, deployment.stakeToken)
      : { reason: "no decimal amount given" },
    arbiterTermsOf(client, deployment, arbiterAddress, token, ACTION),
    arbiterAddress === undefined ? undefined : courtOf(client, arbiterAddress),
  ]);

  let schema = z.strictObject({
    agent: address({ nonZero: true }),
    arbiter: address(),
    token: address(),
    buyer: address().optional(),
    price: amount(paymentDecimals, { min: 1n, bits: 128 }),
    arbiterFee: amount(paymentDecimals, { bits: 128 }).optional(),
    collateral: amount(stakeDecimals, { bits: 128 }).optional(),
    penalty: amount(stakeDecimals).optional(),
    acceptBy: time(now),
    deliverBy: time(now),
    reviewPeriod: duration({ min: 1n }),
    rulingPeriod: duration({ min: 1n }),
    defaultBuyerBps: bps(),
    terms: document(),
    allowance: allowanceMode().optional(),
    permitDeadline: time(now).optional(),
    offer: z.undefined().optional(),
    signature: z.undefined().optional(),
    ...writeFields(),
  });
  schema = across(schema, ["acceptBy"], (value, report) => {
    if (BigInt(value.acceptBy) <= now) report("acceptBy", `must be after the next block's time (${now})`);
  }) as typeof schema;
  schema = across(schema, ["acceptBy", "deliverBy"], (value, report) => {
    if (value.deliverBy <= value.acceptBy) report("deliverBy", "must be after acceptBy");
  }) as typeof schema;
  schema = across(schema, ["collateral", "penalty"], (value, report) => {
    const collateral = value.collateral ?? 0n;
    if ((value.penalty ?? 0n) > collateral) report("penalty", `must be at most collateral (${collateral})`);
  }) as typeof schema;
  schema = across(schema, ["buyer", "account"], (value, report) => {
    if (value.buyer !== undefined && !isAddressEqual(value.buyer, value.account.address)) {
      report("buyer", `must be the sending account ${value.account.address}: Surety takes the caller as the buyer`);
    }
  }) as typeof schema;
  schema = across(schema, ["agent", "account"], (value, report) => {
    if (isAddressEqual(value.agent, value.account.address)) report("agent", "must not be the buyer");
  }) as typeof schema;
  schema = across(schema, ["arbiter", "agent", "account"], (value, report) => {
    if (isAddressEqual(value.arbiter, value.account.address) || isAddressEqual(value.arbiter, value.agent)) {
      report("arbiter", "must be neither the buyer nor the agent");
    }
  }) as typeof schema;
  schema = acrossArbiterTerms(schema, arbiter) as typeof schema;
  schema = across(schema, ["arbiter", "arbiterFee"], (value, report) => {
    if (court !== undefined && value.arbiterFee !== undefined && value.arbiterFee !== 0n) {
      report("arbiterFee", `must be 0: the arbiter is a court adapter (court ${court}), paid in ETH on arbitration`);
    }
  }) as typeof schema;

  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  const terms: Terms = {
    buyer: input.account.address,
    agent: input.agent,
    arbiter: input.arbiter,
    token: input.token,
    price: input.price,
    arbiterFee: input.arbiterFee ?? arbiter?.minFee ?? 0n,
    collateral: input.collateral ?? 0n,
    penalty: input.penalty ?? 0n,
    acceptBy: input.acceptBy,
    deliverBy: input.deliverBy,
    reviewPeriod: input.reviewPeriod,
    rulingPeriod: input.rulingPeriod,
    defaultBuyerBps: input.defaultBuyerBps,
    termsHash: input.terms.hash,
  };
  const funding = await planFunding(client, {
    action: ACTION,
    token: terms.token,
    account: input.account,
    spender: deployment.surety,
    amount: terms.price,
    mode: input.allowance ?? defaultMode,
    deadline: input.permitDeadline === undefined ? now + 3_600n : BigInt(input.permitDeadline),
  });
  const plan: Plan = {
    action: ACTION,
    deployment,
    account: input.account,
    approval: funding.approval,
    call:
      funding.permit === undefined
        ? { functionName: "createPact", args: [terms], value: funding.value }
        : { functionName: "createPactWithPermit", args: [terms, funding.permit], value: 0n },
  };
  return { plan, terms, termsDocument: input.terms };
}

async function planFromOffer(client: Client, parameters: CreatePactFromOfferParameters, defaultMode: AllowanceMode) {
  const deployment = await resolveDeployment(client, parameters.deployment, ACTION);
  const offerArbiter = peekAddress((parameters.offer as { arbiter?: unknown } | undefined)?.arbiter);
  const [now, court] = await Promise.all([
    nextBlockTimeFor(client, ACTION),
    offerArbiter === undefined ? undefined : courtOf(client, offerArbiter),
  ]);
  let schema = z.strictObject({
    offer: offerStruct(),
    signature: signature(),
    // What else signOffer returns, so that its result can be passed as it is.
    termsDocument: z.unknown().optional(),
    digest: z.unknown().optional(),
    allowance: allowanceMode().optional(),
    permitDeadline: time(now).optional(),
    ...writeFields(),
  });
  schema = across(schema, ["offer", "account"], (value, report) => {
    // Surety refuses an offer once block.timestamp > expiry: at the next block's time exactly, it still takes it.
    if (BigInt(value.offer.expiry) < now) report("offer", `has expired (expiry ${value.offer.expiry}, now ${now})`);
    const buyer = value.offer.buyer;
    if (buyer !== zeroAddress && !isAddressEqual(buyer, value.account.address)) {
      report("offer", `is for buyer ${buyer}, not ${value.account.address}`);
    }
    if (court !== undefined && value.offer.arbiterFee !== 0n) {
      report("offer", `names a court adapter (court ${court}) as arbiter, so its arbiterFee must be 0`);
    }
  }) as typeof schema;
  const input = parseParameters(ACTION, schema, withAccount(client, parameters));
  const funding = await planFunding(client, {
    action: ACTION,
    token: input.offer.token,
    account: input.account,
    spender: deployment.surety,
    amount: input.offer.price,
    mode: input.allowance ?? defaultMode,
    deadline: input.permitDeadline === undefined ? now + 3_600n : BigInt(input.permitDeadline),
  });
  const plan: Plan = {
    action: ACTION,
    deployment,
    account: input.account,
    approval: funding.approval,
    call:
      funding.permit === undefined
        ? { functionName: "createPactFromOffer", args: [input.offer, input.signature], value: funding.value }
        : {
            functionName: "createPactFromOfferWithPermit",
            args: [input.offer, input.signature, funding.permit],
            value: 0n,
          },
  };
  return { plan, terms: undefined, termsDocument: undefined };
}

function planCreatePact(client: Client, parameters: CreatePactParameters, defaultMode: AllowanceMode) {
  return parameters.offer !== undefined
    ? planFromOffer(client, parameters, defaultMode)
    : planFromTerms(client, parameters as CreatePactFromTermsParameters, defaultMode);
}

/**
 * The buyer creates a pact and pays its price into escrow: from terms it writes (the pact starts open, waiting
 * for the agent), or from an agent's signed offer (the pact starts active). Amounts may be decimal strings,
 * deadlines durations from the next block's time, and the pact document text or JSON. The allowance is handled: a
 * permit when the token supports one, else an exact approval first; ETH is sent as the value.
 * @example
 * const { pactId, terms, termsDocument } = await createPact(walletClient, {
 *   agent, arbiter, token: usdc,
 *   price: "100", collateral: "50", penalty: "20",
 *   acceptBy: "1d", deliverBy: "3d", reviewPeriod: "2d", rulingPeriod: "5d", defaultBuyerBps: 5_000,
 *   terms: { task: "Summarise the 40 supplier contracts", format: "markdown" },
 * });
 * @example
 * // From an offer the agent signed with signOffer:
 * const { pactId } = await createPact(walletClient, { offer, signature });
 */
export async function createPact(client: Client, parameters: CreatePactParameters): Promise<CreatePactReturnType> {
  const { plan, termsDocument } = await planCreatePact(client, parameters, "auto");
  const { events, ...result } = await execute(client, plan);
  const event = eventOf(events, "PactCreated");
  const fromOffer = parameters.offer !== undefined;
  return {
    ...result,
    pactId: event.pactId,
    terms: event.terms,
    event,
    termsDocument,
    accepted: fromOffer ? eventOf(events, "PactAccepted") : undefined,
    offerFunded: fromOffer ? eventOf(events, "OfferFunded") : undefined,
  };
}

/**
 * The calls createPact would make, without sending them: an exact approval first when the allowance falls short
 * (the default here, for batching and smart wallets), then the creation.
 * @example
 * const { calls } = await prepareCreatePact(walletClient, { agent, arbiter, token, price: "100", … });
 * await walletClient.sendCalls({ calls });
 */
export async function prepareCreatePact(
  client: Client,
  parameters: CreatePactParameters,
): Promise<PrepareCreatePactReturnType> {
  const { plan, terms, termsDocument } = await planCreatePact(client, parameters, "approve");
  return { calls: toCalls(plan), terms, termsDocument };
}
