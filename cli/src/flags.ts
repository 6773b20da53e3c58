/**
 * Reading a command's flags into SDK parameters, with every problem collected and named by its flag before
 * anything connects or signs. Values stay in the SDK's human forms (decimal strings, duration strings): the SDK
 * converts them with the token's decimals and the chain's time.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";

import {
  ADDRESS_PROBLEMS,
  hashDocument,
  isDecimalString,
  isDurationString,
  validateAddress,
  type JsonValue,
  type TimeInput,
} from "@surety/sdk";
import { zeroAddress, type Address, type Hex } from "viem";

import { UsageError, type Issue } from "./errors.ts";

/** `arbiterFee` → `--arbiter-fee`. */
export const flagName = (key: string): string => `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

const SECRET = /^(0x)?[0-9a-fA-F]{64}$/;

/** A value as it may appear in a message: never anything that could be a private key. */
export function shown(value: string): string {
  if (SECRET.test(value.trim())) return "(value not shown: it has the shape of a private key)";
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);
}

/** Where a document came from, as the CLI reports it. */
export type DocumentSource =
  | { kind: "hash" }
  | { kind: "text" }
  /** A JSON value written inline, in a file of many (a review's evidence in reviews.json). */
  | { kind: "json" }
  | { kind: "file" | "json-file"; path: string };

/** A document flag read: what the SDK hashes, and where it came from. */
export type DocumentFlag = { value: string | JsonValue; source: DocumentSource };

/** An ERC-1497 evidence document as the SDK takes it: its URI, or the document, which the SDK embeds. */
export type EvidenceFlag = {
  value: string | { name: string; description: string; [field: string]: unknown };
  source: { kind: "uri" } | { kind: "text" } | { kind: "file" | "json-file"; path: string };
};

/** A URI as ERC-1497 documents are linked: a scheme and a rest, or an IPFS path. */
const URI = /^([a-zA-Z][a-zA-Z0-9+.-]*:\S+|\/ipfs\/\S+)$/;

/** Paths a person would type for a file: relative or absolute, or a file name with an extension and no spaces. */
const PATH_LIKE = /^(\.{1,2}\/|\/)|^[^\s]+\.(json|md|txt|pdf|yaml|yml|csv|html)$/i;

export type FlagOptions = { required?: boolean };

/** The flags of one command, read one by one; `done()` throws every problem found as one UsageError. */
export class Flags {
  readonly issues: Issue[] = [];
  readonly #values: Record<string, unknown>;
  readonly #cwd: string;

  constructor(values: Record<string, unknown>, cwd: string) {
    this.#values = values;
    this.#cwd = cwd;
  }

  report(flag: string, message: string): void {
    this.issues.push({ flag, message });
  }

  has(key: string): boolean {
    return this.#values[key] !== undefined;
  }

  /** A flag's value exactly as given (untrimmed, unchecked), or undefined. */
  given(key: string): string | undefined {
    const value = this.#values[key];
    return value === undefined ? undefined : String(value);
  }

  /** The raw string of a flag, or undefined; "is required" is reported when it must be there. */
  raw(key: string, options: FlagOptions = {}, flag = flagName(key)): string | undefined {
    const value = this.#values[key];
    if (value === undefined) {
      if (options.required === true) this.report(flag, "is required");
      return undefined;
    }
    if (typeof value !== "string") return String(value);
    if (value.trim() === "") {
      this.report(flag, "must not be empty");
      return undefined;
    }
    return value.trim();
  }

  /** A boolean switch. */
  bool(key: string): boolean {
    return this.#values[key] === true;
  }

  /** An address; `eth` stands for the zero address where `allowEth` (a payment token). */
  address(
    key: string,
    options: FlagOptions & { allowEth?: boolean; nonZero?: boolean } = {},
    flag = flagName(key),
  ): Address | undefined {
    const value = this.raw(key, options, flag);
    if (value === undefined) return undefined;
    return this.parseAddress(value, flag, options);
  }

  parseAddress(value: string, flag: string, options: { allowEth?: boolean; nonZero?: boolean } = {}) {
    if (options.allowEth === true && value.toLowerCase() === "eth") return zeroAddress;
    const checked = validateAddress(value, options.nonZero === true ? { nonZero: true } : {});
    if (checked.problem === undefined) return checked.address;
    // The SDK's words, one rule everywhere; a malformed value is shown (never a key), a payment token may be eth.
    if (checked.problem === ADDRESS_PROBLEMS.format) {
      this.report(flag, `${checked.problem}${options.allowEth === true ? ' or "eth"' : ""}, not ${shown(value)}`);
    } else if (checked.problem === ADDRESS_PROBLEMS.checksum) {
      this.report(flag, `${checked.problem}: check the address`);
    } else {
      this.report(flag, checked.problem);
    }
    return undefined;
  }

  /** An amount in the token's units, as a decimal string ("12.5"); the SDK reads it with the token's decimals. */
  amount(key: string, options: FlagOptions & { positive?: boolean } = {}): string | undefined {
    const flag = flagName(key);
    const value = this.raw(key, options, flag);
    if (value === undefined) return undefined;
    if (!isDecimalString(value)) {
      this.report(flag, `must be an amount in the token's units like 12.5, not ${shown(value)}`);
      return undefined;
    }
    if (options.positive === true && /^[0.]+$/.test(value)) {
      this.report(flag, "must be more than 0");
      return undefined;
    }
    return value;
  }

  /** A duration ("45s", "90m", "2h", "3d", "1w", "1d12h"). */
  duration(key: string, options: FlagOptions = {}): string | undefined {
    const flag = flagName(key);
    const value = this.raw(key, options, flag);
    if (value === undefined) return undefined;
    if (!isDurationString(value)) {
      this.report(flag, `must be a duration like 45s, 90m, 2h, 3d, 1w or 1d12h, not ${shown(value)}`);
      return undefined;
    }
    if (/^(0+[wdhms])+$/.test(value)) {
      this.report(flag, "must be longer than 0 seconds");
      return undefined;
    }
    return value;
  }

  /**
   * A point in time: a duration from the chain's time ("2d", kept for the SDK to add to the latest block's time),
   * Unix seconds, or an ISO 8601 date ("2027-01-15", "2027-01-15T08:00:00Z"; UTC unless it names a zone).
   */
  time(key: string, options: FlagOptions = {}): TimeInput | undefined {
    const flag = flagName(key);
    const value = this.raw(key, options, flag);
    if (value === undefined) return undefined;
    if (isDurationString(value)) return value;
    if (/^\d+$/.test(value)) {
      const seconds = Number(value);
      if (!Number.isSafeInteger(seconds) || seconds >= 2 ** 40) {
        this.report(flag, `must be Unix seconds (at most ${2 ** 40 - 1}), not ${shown(value)}`);
        return undefined;
      }
      return seconds;
    }
    const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(value);
    const date =
      iso === null ? undefined : new Date(iso[1] !== undefined && iso[4] === undefined ? `${value}Z` : value);
    if (date === undefined || Number.isNaN(date.getTime())) {
      this.report(
        flag,
        `must be a duration from the chain's time like 2d, Unix seconds, or a date like 2027-01-15T08:00:00Z, not ${shown(value)}`,
      );
      return undefined;
    }
    return date;
  }

  /** A flag given once or more (`--token A --token B`), each value an address; `eth` where `allowEth`. */
  addresses(key: string, options: FlagOptions & { allowEth?: boolean } = {}): Address[] | undefined {
    const flag = flagName(key);
    const value = this.#values[key];
    if (value === undefined) {
      if (options.required === true) this.report(flag, "is required");
      return undefined;
    }
    const items = (Array.isArray(value) ? value : [value]).map(String);
    const addresses: Address[] = [];
    for (const item of items) {
      const address = item.trim() === "" ? undefined : this.parseAddress(item.trim(), flag, options);
      if (item.trim() === "") this.report(flag, "must not be empty");
      if (address === undefined) continue;
      if (addresses.includes(address)) {
        this.report(flag, `names ${item.trim()} twice: each token's credit is claimed once`);
        continue;
      }
      addresses.push(address);
    }
    return addresses;
  }

  /** Basis points of the price: 0 to 10000, or a percentage ("75%", "12.5%"). */
  bps(key: string, options: FlagOptions = {}): number | undefined {
    const flag = flagName(key);
    const value = this.raw(key, options, flag);
    if (value === undefined) return undefined;
    const percent = /^(\d{1,3})(?:\.(\d{1,2}))?%$/.exec(value);
    let bps: number | undefined;
    if (percent !== null) bps = Number(percent[1]) * 100 + Number((percent[2] ?? "").padEnd(2, "0"));
    else if (/^\d{1,5}$/.test(value)) bps = Number(value);
    if (bps === undefined || bps > 10_000) {
      this.report(flag, `must be basis points from 0 to 10000, or a percentage like 75%, not ${shown(value)}`);
      return undefined;
    }
    return bps;
  }

  /** A whole number (a pact id, a nonce): decimal digits, or 0x hex. */
  uint(key: string, options: FlagOptions = {}, flag = flagName(key)): bigint | undefined {
    const value = this.raw(key, options, flag);
    if (value === undefined) return undefined;
    return this.parseUint(value, flag);
  }

  /**
   * An id (a pact's): plain decimal digits without leading zeros, as the contract counts them and as every command
   * prints them. `0x21` and `033` are refused rather than read as 33 or 33: a hex or zero-padded id is more often a
   * pasted hash or a typo than a pact.
   */
  parseId(value: string, flag: string, what = "id"): bigint | undefined {
    if (/^0x[0-9a-fA-F]*$/i.test(value)) {
      this.report(flag, `must be a ${what} in decimal digits like 33, not hex (${shown(value)})`);
      return undefined;
    }
    if (/^0\d+$/.test(value)) {
      this.report(flag, `must be a ${what} without leading zeros (${value.replace(/^0+(?=\d)/, "")}, not ${value})`);
      return undefined;
    }
    if (!/^(0|[1-9]\d*)$/.test(value)) {
      this.report(flag, `must be a ${what} in decimal digits like 33, not ${shown(value)}`);
      return undefined;
    }
    const parsed = BigInt(value);
    if (parsed >= 2n ** 256n) {
      this.report(flag, "must fit in 256 bits");
      return undefined;
    }
    return parsed;
  }

  parseUint(value: string, flag: string): bigint | undefined {
    if (!/^\d+$/.test(value) && !/^0x[0-9a-fA-F]+$/.test(value)) {
      this.report(flag, `must be a whole number, not ${shown(value)}`);
      return undefined;
    }
    const parsed = BigInt(value);
    if (parsed >= 2n ** 256n) {
      this.report(flag, "must fit in 256 bits");
      return undefined;
    }
    return parsed;
  }

  /** An integer in a range (a page size, an offset). */
  int(key: string, range: { min: number; max: number }, options: FlagOptions = {}): number | undefined {
    const flag = flagName(key);
    const value = this.raw(key, options, flag);
    if (value === undefined) return undefined;
    const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < range.min || parsed > range.max) {
      this.report(flag, `must be a whole number from ${range.min} to ${range.max}, not ${shown(value)}`);
      return undefined;
    }
    return parsed;
  }

  /** One of a fixed list of words. */
  choice<const T extends string>(key: string, values: readonly T[], options: FlagOptions = {}): T | undefined {
    const flag = flagName(key);
    const value = this.raw(key, options, flag);
    if (value === undefined) return undefined;
    if (!values.includes(value as T)) {
      this.report(flag, `must be one of ${values.join(", ")}, not ${shown(value)}`);
      return undefined;
    }
    return value as T;
  }

  /** A comma-separated list of words from a fixed list. */
  choices<const T extends string>(key: string, values: readonly T[]): T[] | undefined {
    const flag = flagName(key);
    const value = this.raw(key, {}, flag);
    if (value === undefined) return undefined;
    const items = value.split(",").map((item) => item.trim());
    const wrong = items.filter((item) => !values.includes(item as T));
    if (wrong.length > 0 || items.length === 0) {
      this.report(flag, `must be a comma-separated list of ${values.join(", ")} (not ${wrong.map(shown).join(", ")})`);
      return undefined;
    }
    return items as T[];
  }

  /** A URL with one of the given protocols. */
  url(value: string, flag: string, protocols: readonly string[]): string | undefined {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      this.report(flag, `must be a URL like ${protocols[0]}://127.0.0.1:8545, not ${shown(value)}`);
      return undefined;
    }
    if (!protocols.includes(url.protocol.slice(0, -1))) {
      this.report(flag, `must be a ${protocols.join(" or ")} URL, not ${url.protocol.slice(0, -1)}`);
      return undefined;
    }
    return value;
  }

  /** An existing file to read, relative to the working directory. */
  file(key: string, options: FlagOptions = {}): string | undefined {
    const flag = flagName(key);
    const value = this.raw(key, options, flag);
    if (value === undefined) return undefined;
    const file = path.resolve(this.#cwd, value);
    try {
      if (!statSync(file).isFile()) {
        this.report(flag, `${value} is not a file`);
        return undefined;
      }
    } catch {
      this.report(flag, `no such file: ${value}`);
      return undefined;
    }
    return file;
  }

  /** A file to write, relative to the working directory; its folder must exist. */
  outputFile(key: string, options: FlagOptions = {}): string | undefined {
    const flag = flagName(key);
    const value = this.raw(key, options, flag);
    if (value === undefined) return undefined;
    const file = path.resolve(this.#cwd, value);
    try {
      if (!statSync(path.dirname(file)).isDirectory()) throw new Error("not a folder");
    } catch {
      this.report(flag, `the folder of ${value} does not exist`);
      return undefined;
    }
    try {
      if (statSync(file).isDirectory()) {
        this.report(flag, `${value} is a folder`);
        return undefined;
      }
    } catch {
      // a new file
    }
    return file;
  }

  /**
   * A document to hash: a 0x 32-byte hash (used as it is); a path that exists (a `.json` file parsed as JSON and
   * canonicalised by the SDK, any other file hashed as its text); otherwise the text itself. Something that looks
   * like a path but names no file is refused rather than hashed as text, since that is almost always a typo.
   */
  document(key: string, options: FlagOptions = {}): DocumentFlag | undefined {
    const flag = flagName(key);
    const value = this.raw(key, options, flag);
    if (value === undefined) return undefined;
    return this.parseDocument(this.#values[key] as string, flag);
  }

  /**
   * `document`'s reading of one value given as text (a flag's, or a field of a file the command reads), named `flag`
   * in problems; relative paths are read from `cwd` (the working directory by default).
   */
  parseDocument(raw: string, flag: string, cwd = this.#cwd): DocumentFlag | undefined {
    const value = raw.trim();
    if (value === "") {
      this.report(flag, "must not be empty");
      return undefined;
    }
    let result: DocumentFlag;
    if (/^0x[0-9a-fA-F]{64}$/.test(value)) {
      result = { value, source: { kind: "hash" } };
    } else {
      const file = path.resolve(cwd, value);
      let stats: ReturnType<typeof statSync> | undefined;
      try {
        stats = statSync(file);
      } catch {
        stats = undefined;
      }
      if (stats?.isDirectory() === true) {
        this.report(flag, `${value} is a folder, not a file`);
        return undefined;
      }
      if (stats?.isFile() === true) {
        let text: string;
        try {
          text = readFileSync(file, "utf8");
        } catch (error) {
          this.report(flag, `cannot read ${value}: ${(error as Error).message}`);
          return undefined;
        }
        if (/\.json$/i.test(file)) {
          try {
            result = { value: JSON.parse(text) as JsonValue, source: { kind: "json-file", path: file } };
          } catch (error) {
            this.report(flag, `${value} is not valid JSON (${(error as Error).message})`);
            return undefined;
          }
        } else {
          if (text.length === 0) {
            this.report(flag, `${value} is empty`);
            return undefined;
          }
          result = { value: text, source: { kind: "file", path: file } };
        }
      } else if (PATH_LIKE.test(value) && !value.includes("://")) {
        this.report(flag, `no such file: ${value} (to commit to text, pass text that is not a file path)`);
        return undefined;
      } else {
        result = { value: raw, source: { kind: "text" } };
      }
    }
    try {
      hashDocument(result.value);
    } catch (error) {
      this.report(flag, (error as Error).message);
      return undefined;
    }
    return result;
  }

  /**
   * ERC-1497 evidence for a court: a URI (`ipfs://…`, `https://…`, `/ipfs/…`, `data:…`) used as it is; a `.json`
   * file holding the document ({ name, description, fileURI?, fileHash? }, checked by the SDK); or text, from a file
   * or given, which becomes the description of a document named `name`. A path-like value that names no file is
   * refused, as with documents.
   */
  evidence(key: string, name: string, options: FlagOptions = {}): EvidenceFlag | undefined {
    const flag = flagName(key);
    const value = this.raw(key, options, flag);
    if (value === undefined) return undefined;
    if (URI.test(value)) return { value, source: { kind: "uri" } };
    const file = path.resolve(this.#cwd, value);
    let stats: ReturnType<typeof statSync> | undefined;
    try {
      stats = statSync(file);
    } catch {
      stats = undefined;
    }
    if (stats?.isDirectory() === true) {
      this.report(flag, `${value} is a folder, not a file`);
      return undefined;
    }
    if (stats?.isFile() !== true) {
      if (PATH_LIKE.test(value)) {
        this.report(flag, `no such file: ${value} (for a URI, give its scheme: ipfs://…, https://…)`);
        return undefined;
      }
      return { value: { name, description: value }, source: { kind: "text" } };
    }
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      this.report(flag, `cannot read ${value}: ${(error as Error).message}`);
      return undefined;
    }
    if (!/\.json$/i.test(file)) {
      if (text.trim() === "") {
        this.report(flag, `${value} is empty`);
        return undefined;
      }
      return { value: { name, description: text }, source: { kind: "file", path: file } };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      this.report(flag, `${value} is not valid JSON (${(error as Error).message})`);
      return undefined;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      this.report(flag, `${value} must hold an ERC-1497 evidence document { name, description, fileURI?, fileHash? }`);
      return undefined;
    }
    return { value: parsed as EvidenceFlag["value"] & object, source: { kind: "json-file", path: file } };
  }

  /** Throws every problem found so far. */
  done(): void {
    if (this.issues.length > 0) throw new UsageError(this.issues);
  }
}

/** The hash of a document flag, for output. */
export function documentHash(document: DocumentFlag): Hex {
  return hashDocument(document.value).hash;
}
