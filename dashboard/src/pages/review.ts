/**
 * The operator's weekly loop. The four signals (rescue work, time to narrow, recovery, reviews that produce
 * decisions) and the concentrated agents, charted over the latest weeks; then one week's table of agents, those
 * whose record worsened with no decision first (oldest signal first), with each agent's rescue work, time to narrow,
 * recovery, the reviews recorded and how concentrated its buyers are. A week picker moves between weeks.
 */
import {
  CONCENTRATION_THRESHOLD,
  REVIEW_DECISIONS,
  type AgentWeek,
  type ReviewEntry,
  type WeekSignals,
} from "@surety/sdk";

import type { Api } from "../api.ts";
import { barChart, formatValue } from "../chart.ts";
import { h, link, table } from "../dom.ts";
import { badge, duration, isoWeek, percent, short, time } from "../format.ts";
import { SIGNAL_CHARTS, SIGNAL_TITLES, SIGNALS, trendPeriods, type Signal } from "../signals.ts";

/** Weeks of trend the charts show, ending with the indexer's current week. */
export const TREND_WEEKS = 8;
const WEEK_SECONDS = 7 * 86_400;

/** The route of a week's review. */
export const weekRoute = (isoWeek: string) => `/review/${isoWeek}`;

/** `week` is an ISO week label such as 2026-W49, or "current" for the indexer's clock's week. */
export async function reviewPage(api: Api, week: string): Promise<HTMLElement> {
  const [trend, review] = await Promise.all([api.review.trend(TREND_WEEKS), api.review.week(week)]);
  const { deployment } = review;
  const undecided = review.agents.filter((agent) => agent.undecided);
  const clock = review.asOf?.timestamp ?? null;

  return h(
    "main",
    { "data-week": review.isoWeek },
    h("h1", {}, "Operator review ", h("span", { class: "week-label" }, review.isoWeek)),
    h(
      "p",
      { class: "lede" },
      `${time(review.weekStart)} to ${time(review.weekEnd)}, `,
      review.complete ? "complete." : `in progress: figures as of ${time(clock)}.`,
      " Weeks are ISO weeks in UTC, by each event's block time.",
    ),
    weekPicker(
      review,
      trend.weeks.map((item) => item.isoWeek),
    ),
    h(
      "section",
      { class: "signals" },
      h("h2", {}, `The signals over the last ${trend.weeks.length} weeks`),
      SIGNALS.map((signal) =>
        h(
          "div",
          { class: "signal", "data-signal": signal },
          h("h3", {}, SIGNAL_TITLES[signal]),
          h("p", { class: "headline" }, h("strong", {}, `${review.isoWeek}: `), headline(signal, deployment)),
          h(
            "div",
            { class: "charts" },
            SIGNAL_CHARTS.filter((chart) => chart.signal === signal).map((chart) =>
              barChart(
                chart.title,
                chart.series,
                trendPeriods(chart, trend, (label) => `#${weekRoute(label)}`),
                {
                  unit: chart.unit,
                  name: chart.name,
                  selected: review.isoWeek,
                  titled: true,
                },
              ),
            ),
          ),
        ),
      ),
    ),
    h(
      "section",
      {},
      h("h2", {}, `Agents in ${review.isoWeek} (${review.agents.length})`),
      review.agents.length === 0
        ? null
        : h(
            "p",
            { class: "lede" },
            undecided.length === 0
              ? "No agent's record worsened without a decision: every slash and lost dispute met a review or a ladder step."
              : `${undecided.length} agent${undecided.length === 1 ? "" : "s"} worsened with no review and no ladder step since: listed first, oldest signal first.`,
            " Decisions outlined changed the agent's scope.",
          ),
      review.agents.length === 0
        ? h(
            "p",
            { class: "empty" },
            "No agent to review this week: none had a pact open, a review, a note, a slash or a lost dispute, and none was waiting on a step.",
          )
        : h("div", { class: "scroll" }, agentTable(review.agents)),
    ),
  );
}

/** Previous and next week, and the trend's weeks to jump to. */
function weekPicker(review: { isoWeek: string; weekStart: number; complete: boolean }, weeks: string[]): HTMLElement {
  const previous = isoWeek(review.weekStart - WEEK_SECONDS);
  const next = isoWeek(review.weekStart + WEEK_SECONDS);
  return h(
    "div",
    { class: "weeks", role: "navigation", "aria-label": "Weeks" },
    link(weekRoute(previous), `← ${previous}`),
    h(
      "span",
      { class: "filters" },
      weeks.map((label) =>
        h("a", { class: label === review.isoWeek ? "chip on" : "chip", href: `#${weekRoute(label)}` }, label),
      ),
    ),
    // A week that starts after the indexer's clock has nothing yet.
    review.complete ? link(weekRoute(next), `${next} →`) : h("span", { class: "muted" }, "the current week"),
  );
}

/** The selected week's figures of a signal, in words. */
function headline(signal: Signal, week: WeekSignals): string {
  const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
  switch (signal) {
    case "rescue": {
      const { rescue } = week;
      return rescue.perSettledPact === null
        ? `no pact settled; ${plural(rescue.total, "exception path")} used.`
        : `${formatValue(rescue.perSettledPact, "ratio")} exception paths per settled pact (${rescue.total} over ${plural(rescue.pactsSettled, "settled pact")}: ${rescue.extensions} extended, ${rescue.settlementsByAgreement} settled by agreement, ${rescue.refundsByAgent} refunded by the agent, ${rescue.loggedExceptions} logged).`;
    }
    case "narrowing": {
      const { narrowing } = week;
      const answered =
        narrowing.answered === 0
          ? "none answered by a ladder step"
          : `${narrowing.answered} answered in ${duration(narrowing.meanTimeToNarrowSeconds)} on average (median ${duration(narrowing.medianTimeToNarrowSeconds)})`;
      const waiting =
        narrowing.unanswered === 0
          ? "no agent left unanswered"
          : `${plural(narrowing.unanswered, "agent")} unanswered, the longest for ${duration(narrowing.longestUnansweredSeconds)}`;
      return `${plural(narrowing.worsened, "agent")} worsened, ${answered}; ${waiting}.`;
    }
    case "recovery": {
      const { recovery } = week;
      const recertified =
        recovery.recertifications === 0
          ? "none recertified"
          : `${recovery.recertifications} recertified after ${duration(recovery.meanRecoverySeconds)} contained on average (median ${duration(recovery.medianRecoverySeconds)})`;
      return `${plural(recovery.containments, "agent")} contained, ${recertified}; ${plural(recovery.relapses, "relapse")} after a recertification.`;
    }
    case "reviews": {
      const { reviews } = week;
      if (reviews.recorded === 0) {
        return `no review recorded; ${plural(reviews.activeAgents, "active agent")} went unreviewed.`;
      }
      const decisions = REVIEW_DECISIONS.filter((decision) => (reviews.byDecision[decision] ?? 0) > 0)
        .map((decision) => `${reviews.byDecision[decision]} ${decision}`)
        .join(", ");
      return `${plural(reviews.recorded, "review")} of ${plural(reviews.agentsReviewed, "agent")} (${decisions}); ${reviews.changedScope} changed scope (${percent(reviews.decisionRate)}); ${reviews.activeReviewed} of ${plural(reviews.activeAgents, "active agent")} reviewed (${percent(reviews.coverage)} coverage).`;
    }
    case "evidence":
      return `${plural(week.evidence.concentrated, "agent")} drew more than ${CONCENTRATION_THRESHOLD * 100}% of settled value from a single buyer.`;
  }
}

function agentTable(agents: AgentWeek[]): HTMLElement {
  const rows = agents.map((agent) =>
    h(
      "tr",
      {
        class: agent.undecided ? "late undecided" : "",
        "data-agent": agent.agent.toLowerCase(),
        "data-undecided": String(agent.undecided),
      },
      h(
        "td",
        {},
        link(`/agents/${agent.agent}`, short(agent.agent)),
        " ",
        badge(agent.status),
        agent.undecided ? h("span", { class: "late-mark" }, "No decision yet") : "",
        agent.active ? "" : h("span", { class: "muted", title: "No pact open at any time in the week" }, " inactive"),
      ),
      h("td", { class: "num" }, String(agent.rescue.pactsSettled)),
      h("td", { class: "rescue" }, rescueCell(agent.rescue)),
      h(
        "td",
        { class: "num" },
        agent.rescue.perSettledPact === null ? "—" : formatValue(agent.rescue.perSettledPact, "ratio"),
      ),
      h("td", { class: "narrowing" }, narrowingCell(agent)),
      h("td", { class: "recovery" }, recoveryCell(agent)),
      h("td", { class: "decisions" }, decisionsCell(agent.reviews)),
      h(
        "td",
        { class: "num" },
        percent(agent.topBuyerShare),
        agent.concentrated
          ? h("span", { class: "flag", "data-flag": "concentrated-counterparties" }, "concentrated")
          : "",
      ),
    ),
  );
  return table(
    [
      "Agent (status now)",
      "Settled",
      "Exception paths",
      "Per settled pact",
      "Time to narrow",
      "Recovery",
      "Reviews",
      "Top buyer's share",
    ],
    rows,
    { class: "review-week" },
  );
}

/** The exception paths an agent used in the week, the ones it used only: `1 extended · 2 logged`. */
function rescueCell(rescue: AgentWeek["rescue"]): string {
  const paths = [
    [rescue.extensions, "extended"],
    [rescue.settlementsByAgreement, "settled by agreement"],
    [rescue.refundsByAgent, "refunded by the agent"],
    [rescue.loggedExceptions, "logged"],
  ] as const;
  const used = paths.filter(([count]) => count > 0).map(([count, path]) => `${count} ${path}`);
  return used.length === 0 ? "—" : used.join(" · ");
}

function narrowingCell(agent: AgentWeek): Node | string {
  if (agent.timeToNarrowSeconds !== null) {
    return h("span", { title: `from ${time(agent.signalAt)}` }, duration(agent.timeToNarrowSeconds));
  }
  if (agent.unansweredSeconds !== null) {
    return h(
      "span",
      { class: "waiting", title: `worsened ${time(agent.signalAt)}, no ladder step since` },
      `unanswered ${duration(agent.unansweredSeconds)}`,
    );
  }
  return "—";
}

function recoveryCell(agent: AgentWeek): (Node | string)[] | string {
  // The day in the cell, the time to the minute on hover.
  const when = (seconds: number) => h("span", { title: time(seconds) }, time(seconds).slice(0, 10));
  const parts: (Node | string)[] = [];
  if (agent.containedAt !== null) parts.push(h("div", {}, "contained ", when(agent.containedAt)));
  if (agent.recertifiedAt !== null) {
    parts.push(
      h(
        "div",
        {},
        "recertified ",
        when(agent.recertifiedAt),
        agent.recoverySeconds === null ? "" : ` after ${duration(agent.recoverySeconds)}`,
      ),
    );
  }
  if (agent.relapseAt !== null) parts.push(h("div", { class: "warning" }, "relapsed ", when(agent.relapseAt)));
  return parts.length === 0 ? "—" : parts;
}

function decisionsCell(reviews: ReviewEntry[]): (Node | string)[] | Node {
  if (reviews.length === 0) return h("span", { class: "muted" }, "none");
  return reviews.map((review) =>
    h(
      "span",
      {
        class: review.changed ? "decision changed" : "decision",
        "data-decision": review.decision,
        title: `${review.changed ? "Changed the agent's scope" : "Scope unchanged"}; ${time(review.timestamp)} by ${review.operator}; evidence ${review.evidenceHash}`,
      },
      review.decision,
    ),
  );
}
