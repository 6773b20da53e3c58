import { getAddress, isAddress, zeroAddress, type Account, type Address, type Hex } from "viem";
import { parseAccount } from "viem/accounts";
import { z } from "zod";

import type { HashedDocument } from "../types.ts";
import { CanonicalizationError } from "../utils/canonicalize.ts";
import { hashDocument, type DocumentInput } from "../utils/document.ts";
import { buildEvidence, toDataUri } from "../utils/erc1497.ts";
import { InvalidParametersError } from "../errors/parameters.ts";
import { isDecimalString, isDurationString, parseAmount, parseDuration } from "../utils/units.ts";
import { field, type Report } from "./parse.ts";
import { validateAddress } from "../utils/address.ts";

/** Human inputs, as the parameters of actions accept them. */

/** An amount: a bigint of base units, or a decimal string in the token's units ("12.5"). */
export type AmountInput = bigint | string;

/**
 * A point in time: a Date, or Unix seconds as a bigint or number, or a duration ("3d", "90m", "1h30m") counted
 * from the next block's time (see getNextBlockTime).
 */
export type TimeInput = Date | bigint | number | string;

/** A length of time: seconds as a bigint or number, or a duration string ("2d", "90m"). */
export type DurationInput = bigint | number | string;

const UINT40_MAX = 2n ** 40n - 1n;
const UINT32_MAX = 2n ** 32n - 1n;

/** Reads an unsigned integer given as a bigint, a safe integer or a string of digits. */
function readInteger(value: unknown, report: Report, what: string): bigint | undefined {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^\d+$/.test(value)) return BigInt(value);
  report(`must be ${what}`);
  return undefined;
}

function inRange(value: bigint, bits: number, report: Report): boolean {
  if (value < 0n) {
    report("must not be negative");
    return false;
  }
  if (value >= 2n ** BigInt(bits)) {
    report(`must fit in uint${bits} (at most ${2n ** BigInt(bits) - 1n})`);
    return false;
  }
  return true;
}

/** An address, checksummed on output. Mixed-case input must carry a valid checksum (see validateAddress). */
export const address = (options: { nonZero?: boolean } = {}) =>
  field((value, report): Address => {
    const checked = validateAddress(value, options);
    if (checked.problem !== undefined) report(checked.problem);
    return checked.address ?? zeroAddress;
  });

/** A 32-byte hex value. */
export const bytes32 = () =>
  field((value, report): Hex => {
    if (typeof value !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(value)) report("must be a 32-byte hex string");
    return (value as string).toLowerCase() as Hex;
  });

/** A raw uint of up to `bits` bits as a bigint (for uint256 and other wide fields of raw structs). */
export const uint = (bits: number = 256) =>
  field((value, report): bigint => {
    const integer = readInteger(value, report, "an unsigned integer (bigint, number or digits)");
    if (integer !== undefined) inRange(integer, bits, report);
    return integer ?? 0n;
  });

/** A raw uint of up to 48 bits as a number (viem's type for uint8 to uint48). */
export const smallUint = (bits: number) =>
  field((value, report): number => {
    const integer = readInteger(value, report, "an unsigned integer (number, bigint or digits)");
    if (integer !== undefined) inRange(integer, bits, report);
    return Number(integer ?? 0n);
  });

/** What amount fields need to read decimal strings: the token's decimals, or why they are unknown. */
export type DecimalsContext = { decimals: number } | { decimals?: undefined; reason: string };

/**
 * An amount in a token: a bigint of base units, or a decimal string read with the token's decimals. `min` is the
 * smallest value allowed (0 by default).
 */
export const amount = (context: DecimalsContext, options: { bits?: number; min?: bigint } = {}) =>
  field((value, report): bigint => {
    const { bits = 256, min = 0n } = options;
    let result: bigint | undefined;
    if (typeof value === "bigint") {
      result = value;
    } else if (typeof value === "string" && isDecimalString(value)) {
      if (context.decimals === undefined) {
        report(`cannot read a decimal amount: ${context.reason}; pass a bigint of base units`);
        return 0n;
      }
      try {
        result = parseAmount(value, context.decimals);
      } catch {
        report(`has more decimal places than the token's ${context.decimals}`);
        return 0n;
      }
    } else {
      report(
        typeof value === "number"
          ? 'must be a bigint of base units (12500000n) or a decimal string ("12.5"), not a number'
          : 'must be a bigint of base units (12500000n) or a decimal string in the token\'s units ("12.5")',
      );
      return 0n;
    }
    if (!inRange(result, bits, report)) return 0n;
    if (result < min) report(min === 1n ? "must be > 0" : `must be at least ${min}`);
    return result;
  });

/** A point in time as a uint40 of Unix seconds; duration strings count from `now` (the next block's time). */
export const time = (now: bigint) =>
  field((value, report): number => {
    let seconds: bigint | undefined;
    if (value instanceof Date) {
      const ms = value.getTime();
      if (Number.isNaN(ms)) report("is an invalid Date");
      else seconds = BigInt(Math.floor(ms / 1000));
    } else if (typeof value === "bigint" || (typeof value === "number" && Number.isSafeInteger(value))) {
      seconds = BigInt(value);
    } else if (typeof value === "string" && isDurationString(value)) {
      seconds = now + parseDuration(value);
    } else {
      report(
        'must be a Date, Unix seconds (bigint or integer), or a duration from the next block\'s time like "3d" or "90m"',
      );
    }
    if (seconds === undefined) return 0;
    if (seconds < 0n) report("must not be negative");
    else if (seconds > UINT40_MAX) {
      report(
        seconds > 10n ** 12n
          ? "is too far in the future (milliseconds? pass Unix seconds or a Date)"
          : "must fit in uint40",
      );
    }
    return Number(seconds);
  });

/** A period in seconds (uint32): a number or bigint of seconds, or a duration string. */
export const duration = (options: { min?: bigint } = {}) =>
  field((value, report): number => {
    let seconds: bigint | undefined;
    if (typeof value === "bigint" || (typeof value === "number" && Number.isSafeInteger(value))) {
      seconds = BigInt(value);
    } else if (typeof value === "string" && isDurationString(value)) {
      seconds = parseDuration(value);
    } else {
      report('must be seconds (bigint or integer) or a duration like "2d", "90m" or "1h30m"');
    }
    if (seconds === undefined) return 0;
    if (seconds < (options.min ?? 0n)) report(options.min === 1n ? "must be > 0" : `must be at least ${options.min}`);
    else if (seconds > UINT32_MAX) report("must fit in uint32 (about 136 years)");
    return Number(seconds);
  });

/** Basis points of the price: an integer from 0 to 10,000. */
export const bps = () =>
  field((value, report): number => {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 10_000) {
      report("must be an integer from 0 to 10000 (basis points)");
    }
    return value as number;
  });

/** A document to commit to: a 32-byte hash, text, or a JSON value (canonicalised per RFC 8785, then hashed). */
export const document = () =>
  field((value, report): HashedDocument => {
    try {
      return hashDocument(value as DocumentInput);
    } catch (error) {
      if (!(error instanceof CanonicalizationError)) throw error;
      const reason = error.path.length === 0 ? error.message : error.message.slice(error.path.join(".").length + 2);
      report(reason, error.path);
      return { hash: "0x", canonical: undefined };
    }
  });

/** A URI: a scheme and a rest (`ipfs://…`, `https://…`, `data:…`), or an IPFS path (`/ipfs/…`). */
const URI = /^([a-zA-Z][a-zA-Z0-9+.-]*:\S+|\/ipfs\/\S+)$/;

/**
 * An ERC-1497 evidence document for a court, given as its URI or as the document itself ({ name, description,
 * fileURI?, fileHash? }), which is embedded as a `data:` URI (see toDataUri). Output: the URI to emit.
 */
export const evidenceUri = () =>
  field((value, report): string => {
    if (typeof value === "string") {
      if (!URI.test(value.trim())) {
        report(
          "must be a URI (ipfs://…, https://…, /ipfs/…, data:…) or an ERC-1497 evidence document { name, description }",
        );
      }
      return value.trim();
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      report("must be a URI or an ERC-1497 evidence document { name, description, fileURI?, fileHash? }");
      return "";
    }
    try {
      return toDataUri(buildEvidence(value as Parameters<typeof buildEvidence>[0]));
    } catch (error) {
      if (!(error instanceof InvalidParametersError)) throw error;
      for (const issue of error.issues) report(issue.message, issue.path === "parameters" ? [] : issue.path.split("."));
      return "";
    }
  });

/** An account: a viem Account or an address (a JSON-RPC account the node signs for). */
export const account = () =>
  field(
    (value, report): Account => {
      if (typeof value === "string") {
        if (!isAddress(value)) {
          report("must be a viem Account or an address");
          return parseAccount(zeroAddress);
        }
        return parseAccount(getAddress(value));
      }
      if (typeof value === "object" && value !== null && "address" in value && isAddress(String(value.address))) {
        return value as Account;
      }
      report("must be a viem Account or an address");
      return parseAccount(zeroAddress);
    },
    { missing: "is required: pass `account`, or use a client that has one" },
  );

/** How a call that pulls tokens gets its allowance. */
export const ALLOWANCE_MODES = ["auto", "permit", "approve", "none"] as const;
export type AllowanceMode = (typeof ALLOWANCE_MODES)[number];

export const allowanceMode = () =>
  field((value, report): AllowanceMode => {
    if (!ALLOWANCE_MODES.includes(value as AllowanceMode)) report(`must be one of ${ALLOWANCE_MODES.join(", ")}`);
    return value as AllowanceMode;
  });

/** A plain object schema that refuses unknown keys, for the parameters of one action. */
export const parameters = <shape extends z.core.$ZodLooseShape>(shape: shape) => z.strictObject(shape);
