/** Reading amounts and durations written for people. */

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const DURATION = /^(?:\d+[wdhms])+$/;
const DURATION_PART = /(\d+)([wdhms])/g;
const SECONDS_PER_UNIT: Record<string, bigint> = { w: 604_800n, d: 86_400n, h: 3_600n, m: 60n, s: 1n };

/** Whether `text` is a plain decimal number such as "12" or "12.5". */
export function isDecimalString(text: string): boolean {
  return DECIMAL.test(text);
}

/**
 * Converts a decimal string in a token's units to base units, exactly: "12.5" with 6 decimals is 12_500_000n.
 * Throws a RangeError on anything else, or on more fraction digits than the token has.
 */
export function parseAmount(text: string, decimals: number): bigint {
  const match = DECIMAL.exec(text);
  if (match === null) throw new RangeError(`"${text}" is not a decimal number like "12.5"`);
  const [, whole, fraction = ""] = match;
  if (fraction.length > decimals) {
    throw new RangeError(`"${text}" has ${fraction.length} decimal places; the token has ${decimals}`);
  }
  return BigInt(whole! + fraction.padEnd(decimals, "0"));
}

/** Whether `text` is a duration such as "3d", "90m", "1h30m". */
export function isDurationString(text: string): boolean {
  return DURATION.test(text);
}

/**
 * Converts a duration ("45s", "90m", "2h", "3d", "1w", or several: "1d12h") to seconds. Throws a RangeError on
 * anything else.
 */
export function parseDuration(text: string): bigint {
  if (!DURATION.test(text)) throw new RangeError(`"${text}" is not a duration like "3d", "90m" or "1h30m"`);
  let seconds = 0n;
  for (const [, count, unit] of text.matchAll(DURATION_PART)) seconds += BigInt(count!) * SECONDS_PER_UNIT[unit!]!;
  return seconds;
}
