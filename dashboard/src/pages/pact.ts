/**
 * One pact: its terms and settlement, a court's hold on its ruling or its unpaid court fee in words, and every
 * transition in order with amounts, parties and transactions.
 */
import type { PactView } from "@surety/sdk";

import type { Api } from "../api.ts";
import { facts, h, link, section } from "../dom.ts";
import { eventLabel, noteOf } from "../events.ts";
import { amount, duration, relative, short, time } from "../format.ts";
import { txHash } from "./agent.ts";

export async function pactPage(api: Api, pactId: string): Promise<HTMLElement> {
  const { asOf, pact, timeline } = await api.trust.getPactTimeline(pactId);
  const now = asOf?.timestamp ?? null;
  const party = (role: string, address: string, route: string) => [
    link(`${route}/${address}`, short(address)),
    " ",
    link(`/parties/${address}`, h("small", {}, `pending for the ${role}`)),
  ];

  const entries = timeline.map((event) =>
    h(
      "li",
      { class: "event", "data-kind": event.kind },
      h("span", { class: "when" }, time(event.timestamp)),
      h("strong", { class: "what" }, eventLabel(event.kind)),
      event.amount === null ? null : h("span", { class: "amount" }, amount(event.amount)),
      h(
        "span",
        { class: "who" },
        "by ",
        short(event.actor),
        event.account === null ? null : [" → ", short(event.account)],
      ),
      h("span", { class: "tx" }, `block ${event.blockNumber} · `, txHash(event.transactionHash)),
      noteOf(event.kind, event.args),
    ),
  );
  const court = courtNotice(pact, timeline, now);

  return h(
    "main",
    {},
    h(
      "h1",
      {},
      `Pact #${pact.pactId} `,
      h("span", { class: `pact-status pact-${pact.effectiveStatus}` }, pact.effectiveStatus),
    ),
    h(
      "p",
      { class: "lede" },
      pact.deadline === null
        ? `Stored status ${pact.status}; last moved ${time(pact.updatedAt)}.`
        : `Stored status ${pact.status}; this status runs out ${time(pact.deadline)} (${relative(pact.deadline, now)}).`,
      pact.tokenListed
        ? null
        : h("span", { class: "flag" }, "token not on the indexer's list: not counted in trust records"),
    ),
    court,
    section("Terms", terms(pact, party), ""),
    section("Settlement", settlement(pact), "Not settled yet."),
    section("Timeline", entries.length === 0 ? null : h("ol", { class: "timeline" }, entries), "No events."),
  );
}

function terms(pact: PactView, party: (role: string, address: string, route: string) => (Node | string)[]) {
  return facts([
    ["Buyer", party("buyer", pact.buyer, "/parties")],
    ["Agent", party("agent", pact.agent, "/agents")],
    ["Arbiter", party("arbiter", pact.arbiter, "/arbiters")],
    ["Price", amount(pact.price)],
    ["Arbiter fee", amount(pact.arbiterFee)],
    ["Collateral", amount(pact.collateral)],
    ["Penalty on a missed delivery", amount(pact.penalty)],
    ["Accept by", time(pact.acceptBy)],
    ["Deliver by", time(pact.deliverBy)],
    ["Review period", duration(pact.reviewPeriod)],
    ["Ruling period", duration(pact.rulingPeriod)],
    ["Default split to the buyer", `${pact.defaultBuyerBps / 100}%`],
    ["From a signed offer", pact.offerNonce === null ? "no" : `yes (nonce ${pact.offerNonce})`],
    ["Created", [time(pact.createdAt), " · ", txHash(pact.createdTransaction)]],
  ]);
}

function settlement(pact: PactView): HTMLElement | null {
  if (pact.settledAt === null) return null;
  return facts([
    ["Settled", time(pact.settledAt)],
    ["To the buyer", amount(pact.toBuyer)],
    ["To the agent", amount(pact.toAgent)],
    ["Slashed to the buyer", amount(pact.slashed)],
    ["Arbiter fee paid", amount(pact.arbiterFeePaid)],
    ["Buyer's split", pact.buyerBps === null ? "—" : `${pact.buyerBps / 100}%`],
  ]);
}

type TimelineEvent = { kind: string; args: Record<string, unknown>; timestamp: number };

/**
 * A court's say over the pact, in words: a ruling held while a court's dispute runs (no default ruling before the hold
 * ends), or a court dispute the buyer left unfunded (the delivery stood). Null for a pact with neither.
 */
function courtNotice(pact: PactView, timeline: readonly TimelineEvent[], now: number | null): HTMLElement | null {
  const unfunded = timeline.find((event) => event.kind === "ArbitrationUnfunded");
  if (unfunded !== undefined) {
    return h(
      "p",
      { class: "notice", "data-court": "unfunded" },
      `Court dispute unfunded: the buyer did not pay the court's fee within the fee window, so on ${time(unfunded.timestamp)} the delivery stood and the agent was paid in full. The agent's record counts it as a dispute it won.`,
    );
  }
  const held = timeline.find((event) => event.kind === "RulingHeld");
  if (held === undefined) return null;
  const until = Number(held.args.heldUntil);
  return h(
    "p",
    { class: "notice", "data-court": "held" },
    pact.status === "disputed"
      ? `Ruling held for the court until ${time(until)}${now === null ? "" : ` (${relative(until, now)})`}: the court's dispute is still running, so the default ruling cannot apply before then, whatever the ruling period; the court's ruling, after any appeals, is what the pact pays.`
      : `The ruling was held for the court until ${time(until)}; the pact has since been ${pact.status}.`,
  );
}
