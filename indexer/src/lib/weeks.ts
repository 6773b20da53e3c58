/** ISO weeks (Monday to Sunday, UTC), as the weekly review groups them. Pure, for the handlers and the tests. */

const DAY = 86_400n;
const WEEK = 7n * DAY;

/** The Monday 00:00 UTC that starts the ISO week holding Unix time `timestamp` (seconds). */
export function weekStartOf(timestamp: bigint): bigint {
  const days = timestamp >= 0n ? timestamp / DAY : (timestamp - DAY + 1n) / DAY;
  // 1970-01-01 was a Thursday: three days after a Monday.
  const sinceMonday = (((days + 3n) % 7n) + 7n) % 7n;
  return (days - sinceMonday) * DAY;
}

/** The ISO 8601 week label of a week start, such as "2026-W48": the year is that of the week's Thursday. */
export function isoWeekLabel(weekStart: bigint): string {
  const thursday = new Date(Number(weekStart + 3n * DAY) * 1000);
  const year = thursday.getUTCFullYear();
  const dayOfYear = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000);
  const week = Math.floor(dayOfYear / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The week starts from the week of `from` to the week of `to`, both included. */
export function weekStartsBetween(from: bigint, to: bigint): bigint[] {
  const weeks: bigint[] = [];
  for (let week = weekStartOf(from); week <= weekStartOf(to); week += WEEK) weeks.push(week);
  return weeks;
}
