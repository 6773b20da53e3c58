/**
 * ISO weeks (Monday to Sunday, UTC), as the weekly review groups them. The rules (the week of a time, its label, the
 * weeks of a year, a label parsed) are the SDK's (`isoWeekStartOf`, `isoWeekOf`, `weeksInIsoYear`, `parseIsoWeek`),
 * so the indexer, the CLI and the dashboard read a week alike. Pure, for the handlers and the tests.
 */
import { isoWeekOf, isoWeekStartOf } from "@surety/sdk";

export { parseIsoWeek, weeksInIsoYear } from "@surety/sdk";

const DAY = 86_400n;
const WEEK = 7n * DAY;

/** Seconds in an ISO week. */
export const WEEK_SECONDS = WEEK;

/** The Monday 00:00 UTC that starts the ISO week holding Unix time `timestamp` (seconds). */
export const weekStartOf = (timestamp: bigint): bigint => isoWeekStartOf(timestamp);

/** The ISO 8601 week label of a week start, such as "2026-W48": the year is that of the week's Thursday. */
export const isoWeekLabel = (weekStart: bigint): string => isoWeekOf(weekStart);

/** The week starts from the week of `from` to the week of `to`, both included. */
export function weekStartsBetween(from: bigint, to: bigint): bigint[] {
  const weeks: bigint[] = [];
  for (let week = weekStartOf(from); week <= weekStartOf(to); week += WEEK) weeks.push(week);
  return weeks;
}
