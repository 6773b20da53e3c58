/**
 * One agent: the trust record (trust route), the ladder's history with reasons, the operator's reviews, exception
 * notes, recovery and the evidence the record rests on (value-weighted outcomes, the largest buyer's share), outcomes
 * per ISO week and stake history (GraphQL over the event history), open pacts and the latest events, a court's hold
 * or unpaid fee in words.
 */
import { CONCENTRATION_THRESHOLD, hasCap, LIVE_PACT_STATUSES, type AgentTrust, type TrustAmount } from "@surety/sdk";

import type { Api } from "../api.ts";
import { barChart } from "../chart.ts";
import { facts, h, link, section, table } from "../dom.ts";
import { eventLabel, noteOf } from "../events.ts";
import {
  amount,
  badge,
  coverage,
  duration,
  percent,
  short,
  STATUS_LABELS,
  time,
  units,
  type TokenUnits,
} from "../format.ts";
import { OUTCOMES, outcomePeriods, RECORD_KINDS, stakeRows, type HistoryRow } from "../outcomes.ts";

type OpenPact = {
  pactId: string;
  buyer: string;
  token: string;
  price: string;
  collateral: string;
  status: string;
  deliverBy: string;
};

/** GraphQL's largest page. */
const RECORD_LIMIT = 1000;
const EVENT_FIELDS = "kind actor pactId token amount args timestamp transactionHash";
/** The SDK's live statuses (open, or accepted and not ended), as GraphQL strings. */
const LIVE_STATUSES = LIVE_PACT_STATUSES.map((status) => JSON.stringify(status)).join(", ");

/** The trust API's flags, in words. */
const FLAG_LABELS: Record<string, string> = {
  "unlisted-token-pacts": "has pacts in unlisted tokens",
  "unanswered-signal": "slash or lost dispute with no ladder step since",
  "overdue-deliveries": "deliveries overdue now",
  "concentrated-counterparties": `more than ${CONCENTRATION_THRESHOLD * 100}% of settled value from one buyer`,
};

export async function agentPage(api: Api, address: string): Promise<HTMLElement> {
  const agent = address.toLowerCase();
  const [trust, activity] = await Promise.all([
    api.trust.getAgentTrust(address as `0x${string}`),
    api.graphql<{
      record: { items: HistoryRow[] };
      recent: { items: HistoryRow[] };
      open: { items: OpenPact[]; totalCount: number };
      counts: { items: { disputesUnfunded: number }[] };
    }>(
      `query {
        record: historyEvents(where: { agent: ${JSON.stringify(agent)}, kind_in: [${RECORD_KINDS.join(", ")}] },
          orderBy: "id", orderDirection: "desc", limit: ${RECORD_LIMIT}) { items { ${EVENT_FIELDS} } }
        recent: historyEvents(where: { agent: ${JSON.stringify(agent)} }, orderBy: "id", orderDirection: "desc", limit: 20) {
          items { ${EVENT_FIELDS} } }
        open: pacts(where: { agent: ${JSON.stringify(agent)}, status_in: [${LIVE_STATUSES}] },
          orderBy: "pactId", orderDirection: "asc", limit: 100) {
          items { pactId buyer token price collateral status deliverBy } totalCount }
        counts: agents(where: { address: ${JSON.stringify(agent)} }, limit: 1) { items { disputesUnfunded } }
      }`,
    ),
  ]);
  const stakeToken = trust.stake.staked;
  // Both read the latest RECORD_LIMIT stake and outcome events; an agent with more shows the latest only.
  const window = activity.record.items.length === RECORD_LIMIT ? ` (the latest ${RECORD_LIMIT} events)` : "";
  const tokenOf = (token: string | null): TokenUnits =>
    token !== null && token.toLowerCase() === stakeToken.token.toLowerCase()
      ? stakeToken
      : { decimals: null, symbol: null };

  return h(
    "main",
    {},
    h("h1", {}, "Agent ", h("code", { class: "address" }, trust.address), " ", badge(trust.status)),
    h(
      "p",
      { class: "lede" },
      `${STATUS_LABELS[trust.status]} on the ladder since ${time(trust.statusSince)}. `,
      trust.flags.map((flag) => h("span", { class: "flag", "data-flag": flag }, FLAG_LABELS[flag] ?? flag)),
      " ",
      link(`/parties/${trust.address}`, "What waits on this agent →"),
    ),
    summary(trust, activity.counts.items[0]?.disputesUnfunded ?? 0),
    section(`Outcomes per week${window}`, outcomesChart(activity.record.items), "No settled or disputed pacts yet."),
    section(`Stake history${window}`, stakeHistory(trust, activity.record.items, tokenOf), "No stake moved yet."),
    section(
      "Ladder history",
      ladderHistory(trust),
      "No ladder step yet: the agent has stood at Good since it was first seen.",
    ),
    section(
      `Reviews (${trust.reviews.count})`,
      reviewHistory(trust),
      "No review recorded yet: the operator has not reviewed this agent.",
    ),
    section(
      `Exception notes (${trust.exceptions.count})`,
      exceptionHistory(trust),
      "No exception or rescue note logged against this agent or its pacts.",
    ),
    section("Recovery", recoveryFacts(trust), "Never contained or recertified."),
    section("Evidence", evidence(trust), "No pact settled in a listed token yet: no evidence to weigh."),
    section(
      `Open pacts (${activity.open.totalCount})`,
      openPacts(activity.open.items, tokenOf, stakeToken),
      "No open pacts.",
    ),
    section("Recent events", recentEvents(activity.recent.items, tokenOf), "No events yet."),
  );
}

function summary(trust: AgentTrust, unfunded: number): HTMLElement {
  return facts([
    ["Stake", amount(trust.stake.staked)],
    ["Free stake", amount(trust.stake.free)],
    ["Open exposure", amount(trust.stake.locked)],
    ["Queued to withdraw", amount(trust.stake.queued)],
    ["Coverage", coverage(trust.coverage)],
    ["Exposure cap", trust.cap === null ? "none" : amount(trust.cap)],
    ["Pacts accepted", String(trust.pacts.accepted)],
    ["Pacts settled", String(trust.pacts.settled)],
    ["Settled by agreement", String(trust.pacts.settledByAgreement)],
    ["Refunded by the agent", String(trust.pacts.refundedByAgent)],
    ["Deadline extensions granted", String(trust.pacts.extensionsGranted)],
    ["Open pacts", String(trust.pacts.open)],
    ["On-time rate", percent(trust.rates.onTime)],
    ["Disputes (lost)", `${trust.disputes.opened} (${trust.disputes.lost})`],
    ["Court fees left unpaid by buyers (won)", String(unfunded)],
    ["Slashed", `${amount(trust.slashes.total)} in ${trust.slashes.count}`],
    ["Mean delivery time", duration(trust.meanSeconds.acceptanceToDelivery)],
    ["Distinct buyers", String(trust.distinctBuyers)],
    ["Top buyer's share of settled value", percent(trust.evidence.topBuyerShare)],
    [
      "Latest review",
      trust.reviews.latest === null
        ? "none yet"
        : `${trust.reviews.latest.decision} in ${trust.reviews.latest.isoWeek}${trust.reviews.latest.changed ? " (changed scope)" : ""}`,
    ],
  ]);
}

/** Counts per ISO week, oldest first, with the weeks between that had none shown empty. */
function outcomesChart(events: HistoryRow[]): HTMLElement | null {
  const periods = outcomePeriods(events);
  return periods.length === 0 ? null : barChart("Outcomes per ISO week", [...OUTCOMES], periods);
}

/** Newest first, with the stake after each move counted back from the current stake. */
function stakeHistory(
  trust: AgentTrust,
  events: HistoryRow[],
  tokenOf: (token: string | null) => TokenUnits,
): HTMLElement | null {
  const token = tokenOf(trust.stake.staked.token);
  const rows = stakeRows(events, trust.stake.staked.raw).map(({ event, move, change, after }) => {
    const label =
      move === "request"
        ? `Withdrawal of ${units(event.amount ?? "0", token)} requested`
        : move === "slash"
          ? "Slashed"
          : eventLabel(event.kind);
    return h(
      "tr",
      {},
      h("td", {}, time(event.timestamp)),
      h(
        "td",
        {},
        label,
        event.pactId === null ? "" : [" (", link(`/pacts/${event.pactId}`, `pact ${event.pactId}`), ")"],
      ),
      h("td", { class: "num" }, change === 0n ? "—" : `${change > 0n ? "+" : ""}${units(change, token)}`),
      h("td", { class: "num" }, units(after, token)),
      h("td", {}, txHash(event.transactionHash)),
    );
  });
  return rows.length === 0
    ? null
    : table(["Time", "Move", "Change", "Stake after", "Transaction"], rows, { class: "stake" });
}

function ladderHistory(trust: AgentTrust): HTMLElement | null {
  const steps = trust.ladder.history;
  const note =
    trust.ladder.unansweredSignalAt === null
      ? null
      : h(
          "p",
          { class: "warning" },
          `A slash or lost dispute on ${time(trust.ladder.unansweredSignalAt)} has not been answered by a ladder step.`,
        );
  if (steps.length === 0) return note;
  const rows = [...steps]
    .reverse()
    .map((step) =>
      h(
        "tr",
        {},
        h("td", {}, time(step.timestamp)),
        h("td", {}, badge(step.status)),
        h("td", { class: "num" }, hasCap(step.status) ? amount(step.cap) : "—"),
        h("td", {}, step.frozenUntil === 0 ? "—" : time(step.frozenUntil)),
        h("td", {}, h("code", { class: "hash", title: step.reasonHash }, `${step.reasonHash.slice(0, 10)}…`)),
        h("td", {}, short(step.operator)),
        h("td", {}, txHash(step.transactionHash)),
      ),
    );
  return h(
    "div",
    {},
    note,
    table(["Time", "Status", "Cap", "Frozen until", "Reason (hash)", "Operator", "Transaction"], rows, {
      class: "ladder",
    }),
  );
}

/** The operator's recorded reviews, newest first. */
function reviewHistory(trust: AgentTrust): HTMLElement | null {
  const { reviews } = trust;
  if (reviews.history.length === 0) return null;
  const shown =
    reviews.history.length < reviews.count
      ? h("p", { class: "pager" }, `Showing the latest ${reviews.history.length} of ${reviews.count} reviews.`)
      : null;
  return h(
    "div",
    {},
    h(
      "p",
      { class: "lede" },
      `${reviews.changedScope} of ${reviews.count} review${reviews.count === 1 ? "" : "s"} changed the agent's scope (${percent(reviews.changedScope / reviews.count)}).`,
    ),
    table(
      [
        "Week",
        "Time",
        "Decision",
        "Changed scope",
        "Status after",
        "Cap",
        "Operator",
        "Evidence (hash)",
        "Transaction",
      ],
      reviews.history.map((review) =>
        h(
          "tr",
          { "data-decision": review.decision, "data-changed": String(review.changed) },
          h("td", {}, link(`/review/${review.isoWeek}`, review.isoWeek)),
          h("td", {}, time(review.timestamp)),
          h("td", {}, h("span", { class: review.changed ? "decision changed" : "decision" }, review.decision)),
          h("td", {}, review.changed ? "yes" : "no"),
          h("td", {}, badge(review.status)),
          h("td", { class: "num" }, review.cap === null ? "—" : amount(review.cap)),
          h("td", {}, short(review.operator)),
          h("td", {}, hash(review.evidenceHash)),
          h("td", {}, txHash(review.transactionHash)),
        ),
      ),
      { class: "reviews" },
    ),
    shown,
  );
}

/** Exception and rescue notes about the agent or its pacts, newest first. */
function exceptionHistory(trust: AgentTrust): HTMLElement | null {
  const { exceptions } = trust;
  if (exceptions.history.length === 0) return null;
  return h(
    "div",
    {},
    table(
      ["Week", "Time", "Kind", "About", "Logged by", "Note (hash)", "Transaction"],
      exceptions.history.map((note) =>
        h(
          "tr",
          { "data-kind": note.kind },
          h("td", {}, link(`/review/${note.isoWeek}`, note.isoWeek)),
          h("td", {}, time(note.timestamp)),
          h("td", {}, note.kind),
          h("td", {}, note.pactId === null ? "the agent" : link(`/pacts/${note.pactId}`, `pact #${note.pactId}`)),
          h("td", {}, short(note.author), ` (${note.authorRole})`),
          h("td", {}, hash(note.noteHash)),
          h("td", {}, txHash(note.transactionHash)),
        ),
      ),
      { class: "exceptions" },
    ),
    exceptions.history.length < exceptions.count
      ? h("p", { class: "pager" }, `Showing the latest ${exceptions.history.length} of ${exceptions.count} notes.`)
      : null,
  );
}

/** Containment now, recoveries by recertification, and the record since the latest recertification. */
function recoveryFacts(trust: AgentTrust): HTMLElement | null {
  const { recovery } = trust;
  const since = recovery.sinceRecertification;
  if (!recovery.contained && recovery.recoveries === 0 && since === null) return null;
  return h(
    "div",
    { class: "recovery" },
    facts([
      [
        "Contained now",
        recovery.contained
          ? `yes, since ${time(recovery.containedSince)} (${duration(recovery.containedSeconds)})`
          : "no",
      ],
      ["Recoveries by recertification", String(recovery.recoveries)],
      ["Mean time to recertification", duration(recovery.meanRecoverySeconds)],
      [
        "Latest recovery",
        recovery.lastRecovery === null
          ? "—"
          : `${duration(recovery.lastRecovery.seconds)} contained, recertified ${time(recovery.lastRecovery.recertifiedAt)}`,
      ],
      ["Recertified", since === null ? "never" : time(since.recertifiedAt)],
      [
        "Since recertification",
        since === null
          ? "—"
          : since.clean
            ? `clean so far: ${since.pacts} pact${since.pacts === 1 ? "" : "s"} in ${duration(since.days * 86_400)}`
            : `relapsed ${time(since.relapseAt)}, after ${since.pacts} pact${since.pacts === 1 ? "" : "s"} and ${duration(since.days * 86_400)}`,
      ],
    ]),
  );
}

/** Outcomes counted and weighted by the pacts' prices, per listed token, and how concentrated the buyers are. */
function evidence(trust: AgentTrust): HTMLElement | null {
  const { evidence } = trust;
  if (evidence.tokens.length === 0) return null;
  const countAndValue = (figure: { count: number; value: TrustAmount }) => `${figure.count} · ${amount(figure.value)}`;
  return h(
    "div",
    { class: "evidence" },
    h(
      "p",
      { class: evidence.concentrated ? "lede warning" : "lede" },
      `${evidence.distinctBuyers} distinct buyer${evidence.distinctBuyers === 1 ? "" : "s"}; the largest accounts for ${percent(evidence.topBuyerShare)} of settled value`,
      evidence.concentrated
        ? [
            " ",
            h(
              "span",
              { class: "flag", "data-flag": "concentrated-counterparties" },
              `concentrated: above ${CONCENTRATION_THRESHOLD * 100}%`,
            ),
          ]
        : ".",
    ),
    h(
      "div",
      { class: "scroll" },
      table(
        [
          "Token",
          "Settled (count · value)",
          "On time",
          "On-time rate (count / value)",
          "Slashed",
          "Slash rate (count / value)",
          "Lost disputes",
          "Buyers",
          "Top buyer",
          "Top buyer's share",
        ],
        evidence.tokens.map((token) =>
          h(
            "tr",
            { "data-token": token.token.toLowerCase() },
            h("td", {}, token.symbol ?? short(token.token)),
            h("td", { class: "num" }, countAndValue(token.settled)),
            h("td", { class: "num" }, countAndValue(token.onTime)),
            h("td", { class: "num" }, `${percent(token.rates.onTimeByCount)} / ${percent(token.rates.onTimeByValue)}`),
            h("td", { class: "num" }, countAndValue(token.slashed)),
            h(
              "td",
              { class: "num" },
              `${percent(token.rates.slashedByCount)} / ${percent(token.rates.slashedByValue)}`,
            ),
            h("td", { class: "num" }, countAndValue(token.lost)),
            h("td", { class: "num" }, String(token.distinctBuyers)),
            h("td", {}, token.topBuyer === null ? "—" : link(`/parties/${token.topBuyer}`, short(token.topBuyer))),
            h("td", { class: "num" }, percent(token.topBuyerShare)),
          ),
        ),
        { class: "evidence" },
      ),
    ),
  );
}

function hash(value: string): HTMLElement {
  return h("code", { class: "hash", title: value }, `${value.slice(0, 10)}…`);
}

function openPacts(
  pacts: OpenPact[],
  tokenOf: (token: string | null) => TokenUnits,
  stakeToken: TokenUnits,
): HTMLElement | null {
  if (pacts.length === 0) return null;
  return table(
    ["Pact", "Status", "Buyer", "Price", "Collateral", "Deliver by"],
    pacts.map((pact) =>
      h(
        "tr",
        {},
        h("td", {}, link(`/pacts/${pact.pactId}`, `#${pact.pactId}`)),
        h("td", {}, pact.status),
        h("td", {}, link(`/parties/${pact.buyer}`, short(pact.buyer))),
        h("td", { class: "num" }, units(pact.price, tokenOf(pact.token))),
        h("td", { class: "num" }, units(pact.collateral, stakeToken)),
        h("td", {}, time(pact.deliverBy)),
      ),
    ),
  );
}

function recentEvents(events: HistoryRow[], tokenOf: (token: string | null) => TokenUnits): HTMLElement | null {
  if (events.length === 0) return null;
  return table(
    ["Time", "Event", "Pact", "Amount", "By", "Transaction"],
    events.map((event) =>
      h(
        "tr",
        {},
        h("td", {}, time(event.timestamp)),
        h("td", {}, eventLabel(event.kind), noteOf(event.kind, event.args)),
        h("td", {}, event.pactId === null ? "—" : link(`/pacts/${event.pactId}`, `#${event.pactId}`)),
        h("td", { class: "num" }, event.amount === null ? "—" : units(event.amount, tokenOf(event.token))),
        h("td", {}, short(event.actor)),
        h("td", {}, txHash(event.transactionHash)),
      ),
    ),
    { class: "events" },
  );
}

export function txHash(hash: string): HTMLElement {
  return h("code", { class: "hash", title: hash }, `${hash.slice(0, 10)}…${hash.slice(-4)}`);
}
