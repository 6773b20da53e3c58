/**
 * When settlement proposals and deadline requests stand, by the contract's rule (SuretyCooperative's
 * `proposalsOf`). Every proposal binds only the status it was made in: the handlers clear them all when the status
 * changes, when an extension takes effect, and a party's own when it withdraws them. Within a status, a split
 * proposed by the status's deadline lapses when that deadline passes; one proposed after it (fresh consent to forgo
 * what the deadline opened) stands until the status changes; a request for a later deadline stands while the pact
 * is active and its delivery deadline has not passed. A status's deadline is lib/status.ts's. Pure, for the
 * handlers, the API and the tests.
 */

/**
 * The last second a split proposed at `proposedAt` can be accepted, given its status's deadline: that deadline
 * when proposed by it, or null when proposed after it (it then stands until the status changes).
 */
export function splitStandsUntil(proposedAt: bigint, deadline: bigint): bigint | null {
  return proposedAt > deadline ? null : deadline;
}

/** Whether a split that stands until `standsUntil` (null: until the status changes) can still be accepted at `now`. */
export function stands(standsUntil: bigint | null, now: bigint): boolean {
  return standsUntil === null || now <= standsUntil;
}

/** A pact's proposals as the pact table stores them: each as made, with when it lapses. */
export type ProposalColumns = {
  status: string;
  deliverBy: bigint;
  buyerProposedBps: number | null;
  buyerProposedAt: bigint | null;
  buyerProposalStandsUntil: bigint | null;
  agentProposedBps: number | null;
  agentProposedAt: bigint | null;
  agentProposalStandsUntil: bigint | null;
  buyerProposedDeliverBy: bigint | null;
  agentProposedDeliverBy: bigint | null;
};

/** What each party stands proposing at `now`, as `proposalsOf` answers it, with null for none or lapsed. */
export type StandingProposals = {
  buyerBps: number | null;
  buyerSplitAt: bigint | null;
  agentBps: number | null;
  agentSplitAt: bigint | null;
  buyerDeliverBy: bigint | null;
  agentDeliverBy: bigint | null;
};

/** The proposals of `pact` that stand at `now` (the latest indexed block's time). */
export function standingProposals(pact: ProposalColumns, now: bigint): StandingProposals {
  const buyer = pact.buyerProposedAt !== null && stands(pact.buyerProposalStandsUntil, now);
  const agent = pact.agentProposedAt !== null && stands(pact.agentProposalStandsUntil, now);
  const asking = pact.status === "active" && now <= pact.deliverBy;
  return {
    buyerBps: buyer ? pact.buyerProposedBps : null,
    buyerSplitAt: buyer ? pact.buyerProposedAt : null,
    agentBps: agent ? pact.agentProposedBps : null,
    agentSplitAt: agent ? pact.agentProposedAt : null,
    buyerDeliverBy: asking ? pact.buyerProposedDeliverBy : null,
    agentDeliverBy: asking ? pact.agentProposedDeliverBy : null,
  };
}
