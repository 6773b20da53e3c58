/**
 * `surety review week`: one ISO week's review table from the indexer's trust API: the deployment's signals (rescue
 * work, time to narrow, recovery, review decisions and coverage, concentrated agents) and one row per agent, the
 * agents whose record worsened with no decision first.
 */
import {
  CONCENTRATION_THRESHOLD,
  parseIsoWeek,
  REVIEW_DECISIONS,
  type AgentWeek,
  type ReviewEntry,
  type ReviewWeek,
  type WeekSignals,
} from "@surety/sdk";

import type { Context } from "../../context.ts";
import { period, rate, time, trustAmount } from "../../format.ts";
import type { Result, View } from "../../output.ts";
import { fromIndexer } from "../shared.ts";

/** `1 agent`, `2 agents`. */
function count(value: number, noun: string, plural = `${noun}s`): string {
  return `${value} ${value === 1 ? noun : plural}`;
}

function seconds(value: number | null): string {
  return value === null ? "-" : period(Math.round(value));
}

/** The `YYYY-MM-DD` of a Unix time, UTC. */
const day = (timestamp: number) => new Date(timestamp * 1000).toISOString().slice(0, 10);

/** The deployment's signals as rows: one line each, in the operator's words. */
export function signalRows(signals: WeekSignals): [string, string][] {
  const { rescue, narrowing, recovery, reviews, evidence } = signals;
  return [
    [
      "Rescue work",
      `${count(rescue.total, "exception path")} used over ${count(rescue.pactsSettled, "settled pact")}: ${
        rescue.perSettledPact === null ? "-" : rescue.perSettledPact.toFixed(2)
      } per settled pact (${count(rescue.extensions, "extension")}, ${count(rescue.settlementsByAgreement, "settlement by agreement", "settlements by agreement")}, ${count(rescue.refundsByAgent, "refund by the agent", "refunds by the agent")}, ${count(rescue.loggedExceptions, "logged note")})`,
    ],
    [
      "Time to narrow",
      `${count(narrowing.worsened, "agent")} worsened (a slash or a lost dispute), ${narrowing.answered} answered by a ladder step: mean ${seconds(narrowing.meanTimeToNarrowSeconds)}, median ${seconds(narrowing.medianTimeToNarrowSeconds)}`,
    ],
    [
      "Unanswered",
      narrowing.unanswered === 0
        ? "none"
        : `${count(narrowing.unanswered, "agent")} with a signal no ladder step answered, the longest for ${seconds(narrowing.longestUnansweredSeconds)}`,
    ],
    [
      "Recovery",
      `${count(recovery.containments, "containment")}, ${count(recovery.recertifications, "recertification")} after a containment (mean ${seconds(recovery.meanRecoverySeconds)}, median ${seconds(recovery.medianRecoverySeconds)} contained), ${count(recovery.relapses, "relapse")} after a recertification`,
    ],
    [
      "Reviews",
      `${count(reviews.recorded, "review")} of ${count(reviews.agentsReviewed, "agent")}; ${reviews.changedScope} changed scope: decision rate ${rate(reviews.decisionRate)}`,
    ],
    [
      "Coverage",
      reviews.activeAgents === 0
        ? "no agent had an open pact"
        : `${reviews.activeReviewed} of ${count(reviews.activeAgents, "active agent")} reviewed: ${rate(reviews.coverage)}`,
    ],
    ["Decisions", REVIEW_DECISIONS.map((decision) => `${decision} ${reviews.byDecision[decision] ?? 0}`).join(", ")],
    [
      "Concentrated",
      `${count(evidence.concentrated, "agent")} with one buyer above ${CONCENTRATION_THRESHOLD * 100}% of the settled value`,
    ],
  ];
}

/** A review in a few words: `narrow, cap 300 mUSD`. */
function reviewWords(review: ReviewEntry): string {
  const cap = review.cap === null ? "" : `, cap ${trustAmount(review.cap)}`;
  // A keep never changes anything; any other decision that did not is worth seeing (a warn of a warned agent).
  return `${review.decision}${cap}${review.changed || review.decision === "keep" ? "" : " (no change)"}`;
}

/** What happened to an agent in the week, in a few words: undecided first, since that is what needs the operator. */
export function weekWords(agent: AgentWeek): string {
  const words: string[] = [];
  if (agent.undecided) {
    words.push(agent.unansweredSeconds === null ? "UNDECIDED" : `UNDECIDED for ${seconds(agent.unansweredSeconds)}`);
  } else if (agent.worsened) {
    words.push(
      agent.timeToNarrowSeconds !== null
        ? `worsened, answered in ${seconds(agent.timeToNarrowSeconds)}`
        : agent.unansweredSeconds !== null
          ? `worsened, no ladder step for ${seconds(agent.unansweredSeconds)}`
          : "worsened",
    );
  } else if (agent.unansweredSeconds !== null) {
    words.push(`earlier signal unanswered for ${seconds(agent.unansweredSeconds)}`);
  }
  if (agent.containedAt !== null) words.push("contained");
  if (agent.recertifiedAt !== null) {
    words.push(agent.recoverySeconds === null ? "recertified" : `recertified after ${seconds(agent.recoverySeconds)}`);
  }
  if (agent.relapseAt !== null) words.push("relapsed after recertification");
  if (agent.reviews.length > 0) words.push(`reviewed: ${agent.reviews.map(reviewWords).join("; ")}`);
  if (agent.exceptions.length > 0) {
    const rescues = agent.exceptions.filter((note) => note.kind === "rescue").length;
    words.push(
      [
        rescues > 0 ? count(rescues, "rescue note") : "",
        agent.exceptions.length > rescues ? count(agent.exceptions.length - rescues, "exception note") : "",
      ]
        .filter((part) => part !== "")
        .join(", "),
    );
  }
  if (!agent.active) words.push("no open pact");
  return words.length === 0 ? "-" : words.join("; ");
}

/** The top buyer's share of the agent's settled value, `!` when concentrated. */
function topBuyer(agent: AgentWeek): string {
  if (agent.topBuyerShare === null) return "-";
  return `${Math.round(agent.topBuyerShare * 100)}%${agent.concentrated ? " !" : ""}`;
}

/** The week as views: its span and clock, the signals, and the agents' table. */
export function weekViews(week: ReviewWeek): View[] {
  const clock = week.asOf === null ? "nothing indexed yet" : `block ${week.asOf.block}, ${time(week.asOf.timestamp)}`;
  const undecided = week.agents.filter((agent) => agent.undecided).length;
  const head = ["Agent", "Status", "This week", "Rescue", "Top buyer"];
  const rows = week.agents.map((agent) => [
    agent.agent,
    agent.status,
    weekWords(agent),
    `${agent.rescue.total}/${agent.rescue.pactsSettled}`,
    topBuyer(agent),
  ]);
  return [
    {
      title: `Week ${week.isoWeek}: Monday ${day(week.weekStart)} to Sunday ${day(week.weekEnd - 86_400)} (UTC), ${
        week.complete ? "complete" : "in progress"
      }`,
      rows: [["As of", clock], ...signalRows(week.deployment)],
    },
    {
      title: `Agents (${week.agents.length}${undecided > 0 ? `, ${undecided} undecided first` : ""})`,
      list: {
        head,
        rows,
        empty: "No agent was active, reviewed or signalled this week.",
        // The week's events wrap in what the other columns leave of 100.
        borderless: { wrap: 2 },
      },
      notes:
        week.agents.length === 0
          ? []
          : [
              "",
              "UNDECIDED: a slash or a lost dispute in the week, and no review or ladder step since.",
              "Rescue: exception paths used (extensions, settlements by agreement, refunds by the agent, logged",
              "notes) / pacts settled in the week.",
              `Top buyer: the largest buyer's share of the settled value; ! above ${CONCENTRATION_THRESHOLD * 100}%: concentrated-counterparties.`,
              ...(undecided > 0
                ? ["Record decisions: surety review record --file reviews.json (or --agent … --decision …)"]
                : []),
            ],
    },
  ];
}

/** `review week`'s action. */
export async function reviewWeek(context: Context): Promise<Result> {
  const label = context.flags.raw("week");
  // The SDK's reading of a label, the indexer's too: checked here to name the flag, before any request.
  const problem = label === undefined || label === "current" ? undefined : parseIsoWeek(label).problem;
  if (problem !== undefined) context.flags.report("--week", problem);
  const settings = context.settings("none", "indexer");
  const trust = context.trust(settings);
  const week = await fromIndexer(settings, () => trust.getReviewWeek(label ?? "current"));
  return { json: week, views: weekViews(week) };
}
