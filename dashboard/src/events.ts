/**
 * Every kind of event the indexer's history records, in words. The kinds are the indexer's own, derived from the
 * contracts' ABIs (`@surety/indexer/history`): an event added to a contract is a type error here until it has words.
 */
import type { HistoryKind } from "@surety/indexer/history";
import { EXCEPTION_KINDS, REVIEW_DECISIONS } from "@surety/sdk";

import { h } from "./dom.ts";
import { time, words } from "./format.ts";

/** Each kind's name as a person reads it. */
export const EVENT_LABELS: Readonly<Record<HistoryKind, string>> = {
  AgentReviewed: "Agent reviewed",
  AgentStatusChanged: "Agent status changed",
  ArbiterDeregistered: "Arbiter deregistered",
  ArbiterRegistered: "Arbiter registered",
  DeadlineExtended: "Deadline extended",
  DeadlineExtensionProposed: "Deadline extension proposed",
  DefaultRulingApplied: "Default ruling applied",
  DisputeResolved: "Dispute resolved",
  EvidenceSubmitted: "Evidence submitted",
  ExceptionLogged: "Exception note logged",
  OfferFunded: "Offer funded",
  OfferRevoked: "Offer revoked",
  PactAccepted: "Pact accepted",
  PactCancelled: "Pact cancelled",
  PactCreated: "Pact created",
  PactDelivered: "Pact delivered",
  PactDisputed: "Pact disputed",
  PactFinalized: "Pact finalized",
  PactReclaimed: "Pact reclaimed",
  PactRefunded: "Pact refunded",
  PactRefundedByAgent: "Pact refunded by the agent",
  PactReleased: "Pact released",
  PactSettled: "Pact settled by agreement",
  PayoutClaimed: "Payout claimed",
  PayoutCredited: "Payout credited",
  ProposalsWithdrawn: "Proposals withdrawn",
  RulingHeld: "Ruling held for the court",
  SettlementProposed: "Settlement proposed",
  StakeDeposited: "Stake deposited",
  StakeWithdrawn: "Stake withdrawn",
  WithdrawalRequested: "Withdrawal requested",
  AppealFunded: "Court appeal funded",
  ArbitrationRequested: "Court arbitration requested",
  ArbitrationUnfunded: "Court fee unpaid: the delivery stands",
  Evidence: "Evidence for the court",
  RulingApplied: "Court ruling applied",
  RulingLate: "Court ruling came late",
};

/** A kind's label; a kind this build does not know (a newer indexer's) reads as its name split into words. */
export function eventLabel(kind: string): string {
  return (EVENT_LABELS as Readonly<Record<string, string>>)[kind] ?? words(kind);
}

/**
 * What an event means beyond its name, for the kinds that change what happens next: a ruling held (no default
 * ruling before the hold ends) and a court dispute the buyer left unfunded (the delivery stood); and what an
 * operator's review decided and which kind of note was logged. Null for the rest.
 */
export function eventNote(kind: string, args: Record<string, unknown>): string | null {
  switch (kind) {
    case "RulingHeld":
      return `The court's dispute is still running: no default ruling before ${time(String(args.heldUntil))}; the court's ruling, after any appeals, is what the pact pays.`;
    case "ArbitrationUnfunded":
      return "The buyer did not pay the court's fee within the fee window: the delivery stood and the agent was paid in full, a dispute the agent won.";
    case "AgentReviewed": {
      const decision = REVIEW_DECISIONS[Number(args.decision)] ?? `decision ${String(args.decision)}`;
      const changed = args.changed === true || args.changed === "true";
      return `Decision: ${decision}, ${changed ? "which changed the agent's scope" : "the agent's scope unchanged"}.`;
    }
    case "ExceptionLogged": {
      const kind = EXCEPTION_KINDS[Number(args.kind)] ?? `kind ${String(args.kind)}`;
      return `A ${kind} note, ${String(args.pactId ?? "0") === "0" ? "about the agent" : "about the pact"}.`;
    }
    default:
      return null;
  }
}

/** An event's note as a line of its own under its label, or nothing. */
export function noteOf(kind: string, args: Record<string, unknown>): HTMLElement | null {
  const note = eventNote(kind, args);
  return note === null ? null : h("span", { class: "note" }, note);
}
