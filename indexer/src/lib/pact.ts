/**
 * A pact's row as the handlers read it: loading it, its parties as history columns, whether it counts in trust
 * records, and its proposal columns cleared. Trust-record counters move only for pacts in listed tokens that the
 * agent accepted.
 */
import type { Context } from "ponder:registry";
import { pact } from "ponder:schema";
import type { Address } from "viem";

import { indexerConfig } from "../../ponder.config.ts";

/** Half of the basis points: a ruling above it gave the buyer more than half. */
export const HALF_BPS = 5_000;
/** All of the basis points. */
export const BPS = 10_000n;

const listed = new Set(indexerConfig.listedTokens.map((token) => token.toLowerCase()));

/** Whether pacts in `token` count in trust records (SURETY_TOKENS). */
export const listedToken = (token: Address) => listed.has(token.toLowerCase());
export const stakeToken = indexerConfig.deployment.stakeToken;

export type PactRow = typeof pact.$inferSelect;

export async function loadPact(context: Context, pactId: bigint): Promise<PactRow> {
  const row = await context.db.find(pact, { chainId: context.chain.id, pactId });
  // The contract emits every other pact event only after PactCreated, so a missing row is an indexing bug.
  if (row === null) throw new Error(`pact ${pactId} on chain ${context.chain.id} has no PactCreated row`);
  return row;
}

/** A pact event's history columns: the pact and its parties. */
export const parties = (row: PactRow) => ({
  pactId: row.pactId,
  agent: row.agent,
  buyer: row.buyer,
  arbiter: row.arbiter,
});

/** A pact counts in trust records once accepted, and only in a listed token. */
export const counts = (row: PactRow) => row.tokenListed && row.acceptedAt !== null;

/** A party's proposal columns with nothing standing: its split and its request for a later deadline. */
export function noProposalsOf(party: "buyer" | "agent") {
  return party === "buyer"
    ? ({
        buyerProposedBps: null,
        buyerProposedAt: null,
        buyerProposalStandsUntil: null,
        buyerProposedDeliverBy: null,
      } as const)
    : ({
        agentProposedBps: null,
        agentProposedAt: null,
        agentProposalStandsUntil: null,
        agentProposedDeliverBy: null,
      } as const);
}

/**
 * A pact's proposal columns with nothing standing: every proposal binds only the status it was made in, so all
 * lapse when the status changes (delivery, dispute, the end) and when an agreed extension takes effect.
 */
export const NO_PROPOSALS = { ...noProposalsOf("buyer"), ...noProposalsOf("agent") } as const;

/** Which party of `row` `address` is (the buyer or the agent; the contract takes proposals from no one else). */
export const partyOf = (row: PactRow, address: Address): "buyer" | "agent" =>
  address.toLowerCase() === row.buyer.toLowerCase() ? "buyer" : "agent";
