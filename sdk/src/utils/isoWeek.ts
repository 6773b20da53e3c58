/**
 * ISO 8601 weeks, as the weekly review groups events: Monday 00:00 UTC to the next Monday (exclusive), labelled
 * `YYYY-Www` with the year of the week's Thursday. Pure; times are Unix seconds.
 */

const DAY = 86_400n;
const WEEK = 7n * DAY;

/** The earliest and latest ISO years a week label may name. */
export const ISO_WEEK_YEARS = { min: 1970, max: 9999 } as const;

/** The Monday 00:00 UTC that starts the ISO week holding Unix time `timestamp` (seconds). */
export function isoWeekStartOf(timestamp: bigint): bigint {
  const days = timestamp >= 0n ? timestamp / DAY : (timestamp - DAY + 1n) / DAY;
  // 1970-01-01 was a Thursday: three days after a Monday.
  const sinceMonday = (((days + 3n) % 7n) + 7n) % 7n;
  return (days - sinceMonday) * DAY;
}

/** The label of the ISO week holding Unix time `timestamp`, such as "2026-W49". */
export function isoWeekOf(timestamp: bigint): string {
  const thursday = new Date(Number(isoWeekStartOf(timestamp) + 3n * DAY) * 1000);
  const year = thursday.getUTCFullYear();
  const dayOfYear = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000);
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, "0")}`;
}

/** The Monday 00:00 UTC that starts week 1 of ISO year `year`: the week holding 4 January. */
function firstWeekStart(year: number): bigint {
  return isoWeekStartOf(BigInt(Date.UTC(year, 0, 4) / 1000));
}

/** The weeks of ISO year `year`: 53 when the year starts on a Thursday, or on a Wednesday in a leap year; else 52. */
export function weeksInIsoYear(year: number): 52 | 53 {
  return (firstWeekStart(year + 1) - firstWeekStart(year)) / WEEK === 53n ? 53 : 52;
}

/**
 * The start of the ISO week labelled `label` (such as "2026-W49"), or what is wrong with the label: not of the form
 * YYYY-Www, a year outside 1970..9999, week 00, or a week past the year's last (week 53 exists in some years only).
 * @example
 * parseIsoWeek("2026-W49"); // { weekStart: 1795996800n } (Monday 30 November 2026)
 * parseIsoWeek("2025-W53"); // { problem: "names week 53, but 2025 has weeks 1 to 52" }
 */
export function parseIsoWeek(label: string): { weekStart: bigint; problem?: undefined } | { problem: string } {
  const match = /^(\d{4})-W(\d{2})$/.exec(label);
  if (match === null) return { problem: `must be an ISO week such as 2026-W49 (or current), not "${label}"` };
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (year < ISO_WEEK_YEARS.min || year > ISO_WEEK_YEARS.max) {
    return { problem: `names the year ${year}: use ${ISO_WEEK_YEARS.min} to ${ISO_WEEK_YEARS.max}` };
  }
  const weeks = weeksInIsoYear(year);
  if (week < 1 || week > weeks) return { problem: `names week ${week}, but ${year} has weeks 1 to ${weeks}` };
  return { weekStart: firstWeekStart(year) + BigInt(week - 1) * WEEK };
}
