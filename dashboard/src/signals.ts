/**
 * The operator's four weekly signals (and the concentrated agents beside them) as the review page charts them: which
 * figures of the API's week signals each chart draws, in which unit, and the data of a trend of weeks (pure).
 */
import type { ReviewTrend, WeekSignals } from "@surety/sdk";

import type { ChartUnit, Period, Series } from "./chart.ts";

/** The signals, in the order the review page shows them. */
export const SIGNALS = ["rescue", "narrowing", "recovery", "reviews", "evidence"] as const;
export type Signal = (typeof SIGNALS)[number];

export const SIGNAL_TITLES: Record<Signal, string> = {
  rescue: "Rescue work",
  narrowing: "Time to narrow after a slash or lost dispute",
  recovery: "Recovery after containment",
  reviews: "Reviews that produce decisions",
  evidence: "Concentrated counterparties",
};

/** One chart of a signal: its series, its unit, and how each series reads from a week's signals. */
export type SignalChart = {
  signal: Signal;
  name: string;
  title: string;
  unit: ChartUnit;
  series: (Series & { value: (week: WeekSignals) => number | null })[];
};

export const SIGNAL_CHARTS: readonly SignalChart[] = [
  {
    signal: "rescue",
    name: "rescue-per-pact",
    title: "Exception paths used per settled pact",
    unit: "ratio",
    series: [{ key: "perSettledPact", label: "Per settled pact", value: (week) => week.rescue.perSettledPact }],
  },
  {
    signal: "rescue",
    name: "rescue-paths",
    title: "Exception paths used",
    unit: "count",
    series: [
      { key: "extensions", label: "Deadline extensions", value: (week) => week.rescue.extensions },
      { key: "agreements", label: "Settled by agreement", value: (week) => week.rescue.settlementsByAgreement },
      { key: "agentRefunds", label: "Refunded by the agent", value: (week) => week.rescue.refundsByAgent },
      { key: "notes", label: "Logged notes", value: (week) => week.rescue.loggedExceptions },
    ],
  },
  {
    signal: "narrowing",
    name: "narrowing-time",
    title: "Time to narrow (answered signals)",
    unit: "seconds",
    series: [
      { key: "meanNarrow", label: "Mean", value: (week) => week.narrowing.meanTimeToNarrowSeconds },
      { key: "medianNarrow", label: "Median", value: (week) => week.narrowing.medianTimeToNarrowSeconds },
    ],
  },
  {
    signal: "narrowing",
    name: "narrowing-agents",
    title: "Agents worsened, answered and unanswered",
    unit: "count",
    series: [
      { key: "worsened", label: "Worsened", value: (week) => week.narrowing.worsened },
      { key: "answered", label: "Answered by a step", value: (week) => week.narrowing.answered },
      { key: "unanswered", label: "Unanswered at the week's end", value: (week) => week.narrowing.unanswered },
    ],
  },
  {
    signal: "recovery",
    name: "recovery-time",
    title: "Containment to recertification",
    unit: "seconds",
    series: [
      { key: "meanRecovery", label: "Mean", value: (week) => week.recovery.meanRecoverySeconds },
      { key: "medianRecovery", label: "Median", value: (week) => week.recovery.medianRecoverySeconds },
    ],
  },
  {
    signal: "recovery",
    name: "recovery-events",
    title: "Containments, recertifications and relapses",
    unit: "count",
    series: [
      { key: "containments", label: "Containments", value: (week) => week.recovery.containments },
      { key: "recertifications", label: "Recertifications", value: (week) => week.recovery.recertifications },
      { key: "relapses", label: "Relapses", value: (week) => week.recovery.relapses },
    ],
  },
  {
    signal: "reviews",
    name: "reviews-rates",
    title: "Decision rate and coverage",
    unit: "percent",
    series: [
      { key: "decisionRate", label: "Reviews that changed scope", value: (week) => week.reviews.decisionRate },
      { key: "coverage", label: "Active agents reviewed", value: (week) => week.reviews.coverage },
    ],
  },
  {
    signal: "reviews",
    name: "reviews-counts",
    title: "Reviews recorded",
    unit: "count",
    series: [
      { key: "recorded", label: "Recorded", value: (week) => week.reviews.recorded },
      { key: "changedScope", label: "Changed scope", value: (week) => week.reviews.changedScope },
      { key: "activeAgents", label: "Active agents", value: (week) => week.reviews.activeAgents },
    ],
  },
  {
    signal: "evidence",
    name: "concentrated",
    title: "Agents flagged concentrated-counterparties",
    unit: "count",
    series: [{ key: "concentrated", label: "Concentrated agents", value: (week) => week.evidence.concentrated }],
  },
];

/** A chart's periods over the trend's weeks, oldest first; each week links to its table. */
export function trendPeriods(chart: SignalChart, trend: ReviewTrend, href: (isoWeek: string) => string): Period[] {
  return trend.weeks.map((week) => ({
    label: week.isoWeek,
    href: href(week.isoWeek),
    values: Object.fromEntries(chart.series.map((series) => [series.key, series.value(week.deployment)])),
  }));
}
