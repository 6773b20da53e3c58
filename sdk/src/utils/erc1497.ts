/**
 * ERC-1497 (the Evidence Standard) documents for pacts arbitrated by a court through a court adapter: the
 * meta-evidence the adapter publishes once, at deployment, for every dispute (the jurors' question and the meaning
 * of each ruling), and the evidence a party submits. Both are JSON; `toDataUri` embeds one in a `data:` URI, which
 * needs no hosting and cannot change after it is emitted.
 *
 * The ruling options are derived from the adapter's mapping, never written by hand: ruling 1 refunds the buyer with
 * the penalty slashed, ruling 2 pays the agent, and each ruling from 3 splits the price as the adapter's `splits()`
 * say (the buyer's share in basis points, nothing slashed). Ruling 0 and any ruling above the choices apply the
 * pact's default split.
 */
import { z } from "zod";

import { parseParameters, field } from "../schemas/parse.ts";
import { canonicalize, type JsonValue } from "./canonicalize.ts";

/** ERC-1497 ruling options: how jurors answer and what each ruling means, ruling 1 first. */
export type RulingOptions = {
  type: "single-select";
  /** The label of ruling 1, 2, … in order. */
  titles: string[];
  /** What each ruling does, in the same order. */
  descriptions: string[];
  /** Rulings outside the titles: "0x0", the refusal to arbitrate. */
  reserved: Record<string, string>;
};

/** An ERC-1497 meta-evidence document for a court adapter's disputes. */
export type MetaEvidence = {
  category: string;
  title: string;
  description: string;
  question: string;
  rulingOptions: RulingOptions;
  /** Names for addresses, shown to jurors instead of the addresses. */
  aliases?: Record<string, string>;
  /** The primary document of the case (a pact's terms document) and its hash. */
  fileURI?: string;
  fileHash?: string;
  fileTypeExtension?: string;
};

/** An ERC-1497 evidence document. */
export type Evidence = {
  name: string;
  description: string;
  fileURI?: string;
  fileHash?: string;
  fileTypeExtension?: string;
};

export type BuildMetaEvidenceParameters = {
  /**
   * The adapter's splits: the buyer's share of the price, in basis points, of ruling 3, 4, … in order (what its
   * `splits()` returns; buildAdapterMetaEvidence reads them). Empty for an adapter with rulings 1 and 2 only.
   */
  splits: readonly number[];
  /** By default a title naming a Surety pact's dispute. */
  title?: string | undefined;
  /** By default a description of a Surety pact; the rule for ruling 0 and out-of-range rulings is always appended. */
  description?: string | undefined;
  /** By default "Did the agent deliver what the pact's terms promise?". */
  question?: string | undefined;
  /** The URI of the primary document, such as one pact's terms document; needs `fileHash`. */
  fileURI?: string | undefined;
  /** The primary document's hash (for a pact's terms document, its termsHash). */
  fileHash?: string | undefined;
  fileTypeExtension?: string | undefined;
  /** Names for addresses (a pact's buyer and agent, for instance). */
  aliases?: Record<string, string> | undefined;
};

export type BuildEvidenceParameters = {
  /** A short title of the evidence. */
  name: string;
  /** What the evidence shows, in words. */
  description: string;
  /** The URI of the evidence's file, if it has one; needs `fileHash`. */
  fileURI?: string | undefined;
  fileHash?: string | undefined;
  fileTypeExtension?: string | undefined;
};

/** The ruling a buyer wins: the whole price back, the penalty slashed to it. */
export const BUYER_WINS_RULING = 1;
/** The ruling an agent wins: the whole price, nothing slashed. */
export const AGENT_WINS_RULING = 2;

const DEFAULT_TITLE = "Dispute over a Surety pact: a buyer contests an AI agent's delivery";
const DEFAULT_QUESTION = "Did the agent deliver what the pact's terms promise?";
const DEFAULT_DESCRIPTION =
  "A buyer paid the price of a Surety pact into escrow for work by an AI agent, which locked stake as collateral " +
  "against a failed delivery. The buyer disputed the delivery and paid this court to decide. The pact's terms " +
  "document, whose keccak256 hash is the pact's termsHash, sets what the agent promised. A dispute's evidence " +
  "group is its pact id: the parties' evidence, the buyer's reason for the dispute among it, is found there.";
const REFUSAL = "Refuse to arbitrate: the pact's default split applies, and nothing is slashed.";

/** `50%`, `33.33%` for basis points. */
function percent(bps: number): string {
  return `${bps / 100}%`;
}

/** The rule for the rulings outside the options, stated in every meta-evidence description. */
export function outOfRangeStatement(splits: readonly number[]): string {
  return (
    `Ruling 0 (a refusal to arbitrate) and any ruling above ${2 + splits.length} apply the pact's default split: ` +
    "the share of the price its terms give the buyer when no ruling is made, with nothing slashed."
  );
}

/** The ruling options of an adapter with `splits`: exactly what its `decisionOf` does with each ruling. */
export function rulingOptionsOf(splits: readonly number[]): RulingOptions {
  return {
    type: "single-select",
    titles: ["Refund the buyer", "Pay the agent", ...splits.map((bps) => `Split: ${percent(bps)} to the buyer`)],
    descriptions: [
      "The agent did not deliver what the pact's terms promise: the buyer gets the whole price back, and the " +
        "pact's penalty is slashed from the agent's collateral to the buyer.",
      "The agent delivered what the pact's terms promise: the agent gets the whole price, and nothing is slashed.",
      ...splits.map(
        (bps) =>
          `The delivery met the pact's terms in part: the buyer gets ${percent(bps)} of the price (${bps} basis ` +
          "points, rounded down) and the agent the rest, and nothing is slashed.",
      ),
    ],
    reserved: { "0x0": REFUSAL },
  };
}

/** Non-empty text. */
const text = () =>
  field((value, report): string => {
    if (typeof value !== "string" || value.trim() === "") report("must be non-empty text");
    return value as string;
  });

/** The buyer's share of one ruling, in basis points. */
const splitsField = () =>
  field((value, report): number[] => {
    if (!Array.isArray(value)) {
      report("must be an array of basis points (the adapter's splits())");
      return [];
    }
    value.forEach((bps, index) => {
      if (typeof bps !== "number" || !Number.isInteger(bps) || bps < 0 || bps > 10_000) {
        report("must be an integer from 0 to 10000 (basis points)", [index]);
      }
    });
    return value as number[];
  });

const aliasesField = () =>
  field((value, report): Record<string, string> => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      report("must be an object of names by address");
      return {};
    }
    for (const [key, name] of Object.entries(value)) {
      if (typeof name !== "string" || name.trim() === "") report("must be non-empty text", [key]);
    }
    return value as Record<string, string>;
  });

const fileFields = () => ({
  fileURI: text().optional(),
  fileHash: text().optional(),
  fileTypeExtension: text().optional(),
});

/** fileHash goes with fileURI: jurors check the file against it. */
function checkFile(value: { fileURI?: string | undefined; fileHash?: string | undefined }, ctx: z.RefinementCtx): void {
  if (value.fileURI !== undefined && value.fileHash === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["fileHash"],
      message: "is required with fileURI, so that jurors can check it",
    });
  }
  if (value.fileURI === undefined && value.fileHash !== undefined) {
    ctx.addIssue({ code: "custom", path: ["fileURI"], message: "is required with fileHash" });
  }
}

/** Drops the undefined fields, so that the document is plain JSON. */
function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/**
 * An ERC-1497 meta-evidence document for a court adapter with `splits`: a title, a description, the jurors'
 * question and ruling options whose titles and descriptions say exactly what the adapter does with each ruling,
 * with the rule for ruling 0 and out-of-range rulings. Publish it once, as the adapter's constructor argument (see
 * toDataUri).
 * @throws InvalidParametersError naming every faulty field.
 * @example
 * const metaEvidence = buildMetaEvidence({ splits: [5_000] });
 * metaEvidence.rulingOptions.titles; // ["Refund the buyer", "Pay the agent", "Split: 50% to the buyer"]
 * const uri = toDataUri(metaEvidence); // the adapter's metaEvidenceURI
 */
export function buildMetaEvidence(parameters: BuildMetaEvidenceParameters): MetaEvidence {
  const schema = z
    .strictObject({
      splits: splitsField(),
      title: text().optional(),
      description: text().optional(),
      question: text().optional(),
      aliases: aliasesField().optional(),
      ...fileFields(),
    })
    .superRefine(checkFile);
  const input = parseParameters("buildMetaEvidence", schema, parameters);
  return defined({
    category: "Escrow",
    title: input.title ?? DEFAULT_TITLE,
    description: `${input.description ?? DEFAULT_DESCRIPTION} ${outOfRangeStatement(input.splits)}`,
    question: input.question ?? DEFAULT_QUESTION,
    rulingOptions: rulingOptionsOf(input.splits),
    aliases: input.aliases,
    fileURI: input.fileURI,
    fileHash: input.fileHash,
    fileTypeExtension: input.fileTypeExtension,
  });
}

/**
 * An ERC-1497 evidence document: a name, a description and, optionally, a file with its hash.
 * @throws InvalidParametersError naming every faulty field.
 * @example
 * const evidence = buildEvidence({ name: "Chat log", description: "The agent agreed to 40 pages", fileURI: "ipfs://bafy…", fileHash: "0x…" });
 * await submitCourtEvidence(buyerClient, { pactId: 1n, evidence });
 */
export function buildEvidence(parameters: BuildEvidenceParameters): Evidence {
  const schema = z.strictObject({ name: text(), description: text(), ...fileFields() }).superRefine(checkFile);
  return defined(parseParameters("buildEvidence", schema, parameters));
}

const DATA_URI = "data:application/json;base64,";

/** Base64 of bytes, with the platform's btoa (Node 16+, browsers). */
function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(binary);
}

/**
 * A JSON document as a `data:application/json;base64,…` URI of its RFC 8785 canonical form: the document itself,
 * readable by anyone from the chain's logs, with nothing to host.
 * @example
 * toDataUri(buildEvidence({ name: "Reason", description: "Pages 30 to 40 are missing" }));
 */
export function toDataUri(document: MetaEvidence | Evidence | JsonValue): string {
  return DATA_URI + base64(new TextEncoder().encode(canonicalize(document)));
}

/** The JSON document in a `data:application/json;base64,…` URI; undefined for any other URI or a malformed one. */
export function parseDataUri(uri: string): unknown {
  if (!uri.startsWith(DATA_URI)) return undefined;
  try {
    const binary = atob(uri.slice(DATA_URI.length));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Whether a meta-evidence document's ruling options are exactly those of an adapter with `splits` (same titles,
 * same descriptions, same count) and its description states the rule for the other rulings, so that jurors read
 * what the adapter will do with their ruling.
 */
export function matchesAdapter(document: unknown, splits: readonly number[]): boolean {
  if (typeof document !== "object" || document === null) return false;
  const options = (document as { rulingOptions?: unknown }).rulingOptions;
  if (typeof options !== "object" || options === null) return false;
  const expected = rulingOptionsOf(splits);
  const { titles, descriptions } = options as { titles?: unknown; descriptions?: unknown };
  const same = (actual: unknown, wanted: readonly string[]) =>
    Array.isArray(actual) && actual.length === wanted.length && actual.every((item, index) => item === wanted[index]);
  const { description } = document as { description?: unknown };
  return (
    same(titles, expected.titles) &&
    same(descriptions, expected.descriptions) &&
    typeof description === "string" &&
    description.includes(outOfRangeStatement(splits))
  );
}
