/**
 * The ERC-1497 builders against JSON Schemas of the standard's two documents (test/schemas, written from the
 * ERC's field list), validated with ajv, and against the court adapter's ruling mapping written out here by hand:
 * 1 refunds the buyer with the penalty slashed, 2 pays the agent, 3 and up the configured splits.
 */
import { readFileSync } from "node:fs";

import { Ajv, type ValidateFunction } from "ajv";
import { keccak256, stringToBytes } from "viem";
import { describe, expect, it } from "vitest";

import { InvalidParametersError } from "../../src/errors/parameters.ts";
import {
  buildEvidence,
  buildMetaEvidence,
  matchesAdapter,
  parseDataUri,
  rulingOptionsOf,
  toDataUri,
} from "../../src/utils/erc1497.ts";

const schema = (name: string) =>
  JSON.parse(readFileSync(new URL(`../schemas/${name}.schema.json`, import.meta.url), "utf8")) as object;

const ajv = new Ajv({ allErrors: true, strict: true });
const validMetaEvidence = ajv.compile(schema("erc1497-meta-evidence"));
const validEvidence = ajv.compile(schema("erc1497-evidence"));

/** The labels an adapter with one split of 50 % must show, written out by hand rather than derived. */
const ADAPTER_WITH_HALF_SPLIT = {
  titles: ["Refund the buyer", "Pay the agent", "Split: 50% to the buyer"],
  descriptions: [
    "The agent did not deliver what the pact's terms promise: the buyer gets the whole price back, and the pact's " +
      "penalty is slashed from the agent's collateral to the buyer.",
    "The agent delivered what the pact's terms promise: the agent gets the whole price, and nothing is slashed.",
    "The delivery met the pact's terms in part: the buyer gets 50% of the price (5000 basis points, rounded down) " +
      "and the agent the rest, and nothing is slashed.",
  ],
};

/** The ERC-1497 schema narrowed to that adapter: its ruling options and nothing else. */
const validForAdapter = ajv.compile({
  allOf: [
    schema("erc1497-meta-evidence"),
    {
      type: "object",
      properties: {
        rulingOptions: {
          type: "object",
          properties: {
            type: { const: "single-select" },
            titles: { const: ADAPTER_WITH_HALF_SPLIT.titles },
            descriptions: { const: ADAPTER_WITH_HALF_SPLIT.descriptions },
          },
          required: ["titles", "descriptions"],
        },
        description: {
          type: "string",
          pattern: "Ruling 0 \\(a refusal to arbitrate\\) and any ruling above 3 apply the pact's default split",
        },
      },
    },
  ],
});

function errorsOf(validate: ValidateFunction, document: unknown): string[] {
  return validate(document) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

const TERMS_HASH = keccak256(stringToBytes("Summarise 40 supplier contracts"));

describe("ERC-1497 documents", () => {
  it("test_BuildMetaEvidence_ConformsToTheSchema_AndToTheAdaptersMapping", () => {
    const document = buildMetaEvidence({
      splits: [5_000],
      fileURI: "ipfs://bafy/terms.json",
      fileHash: TERMS_HASH,
      fileTypeExtension: "json",
      aliases: { "0x70997970C51812dc3A010C7d01b50e0d17dc79C8": "Buyer" },
    });
    expect(errorsOf(validMetaEvidence, document)).toEqual([]);
    expect(errorsOf(validForAdapter, document)).toEqual([]);
    expect(document.rulingOptions.titles).toHaveLength(document.rulingOptions.descriptions.length);
    expect(document).toMatchObject({ fileURI: "ipfs://bafy/terms.json", fileHash: TERMS_HASH, category: "Escrow" });
    expect(document.description).toContain(
      "Ruling 0 (a refusal to arbitrate) and any ruling above 3 apply the pact's default split",
    );
    expect(document.rulingOptions.reserved).toEqual({
      "0x0": "Refuse to arbitrate: the pact's default split applies, and nothing is slashed.",
    });
    // Without a file, no file fields at all (not undefined ones): the document is plain JSON.
    const bare = buildMetaEvidence({ splits: [] });
    expect(Object.keys(bare).sort()).toEqual(["category", "description", "question", "rulingOptions", "title"]);
    expect(errorsOf(validMetaEvidence, bare)).toEqual([]);
    expect(bare.rulingOptions.titles).toEqual(["Refund the buyer", "Pay the agent"]);
  });

  it("test_RevertWhen_ARulingLabelIsWrong_TheAdaptersSchemaFails", () => {
    const document = buildMetaEvidence({ splits: [5_000] });
    // The attack of issue 14: ruling 1 labelled as paying the agent. Still valid ERC-1497, not this adapter's.
    const swapped = {
      ...document,
      rulingOptions: {
        ...document.rulingOptions,
        titles: ["Pay the agent", "Refund the buyer", "Split: 50% to the buyer"],
      },
    };
    expect(errorsOf(validMetaEvidence, swapped)).toEqual([]);
    expect(errorsOf(validForAdapter, swapped)).toContain("/rulingOptions/titles must be equal to constant");
    expect(matchesAdapter(swapped, [5_000])).toBe(false);
    // A document built for other splits does not match either.
    const otherSplits = buildMetaEvidence({ splits: [2_500] });
    expect(errorsOf(validForAdapter, otherSplits).length).toBeGreaterThan(0);
    expect(matchesAdapter(otherSplits, [5_000])).toBe(false);
    expect(matchesAdapter(document, [5_000])).toBe(true);
    // Dropping the rule for ruling 0 fails too.
    const silent = { ...document, description: "A pact." };
    expect(errorsOf(validForAdapter, silent).length).toBeGreaterThan(0);
    expect(matchesAdapter(silent, [5_000])).toBe(false);
  });

  it("test_RulingOptionsOf_OneTitleAndOneDescriptionPerRuling", () => {
    const options = rulingOptionsOf([0, 3_333, 10_000]);
    expect(options.titles).toEqual([
      "Refund the buyer",
      "Pay the agent",
      "Split: 0% to the buyer",
      "Split: 33.33% to the buyer",
      "Split: 100% to the buyer",
    ]);
    expect(options.descriptions[3]).toContain("33.33% of the price (3333 basis points, rounded down)");
  });

  it("test_BuildEvidence_ConformsToTheSchema", () => {
    const document = buildEvidence({
      name: "Chat log",
      description: "The agent agreed to summarise all 40 contracts.",
      fileURI: "ipfs://bafy/chat.txt",
      fileHash: "0x" + "ab".repeat(32),
      fileTypeExtension: "txt",
    });
    expect(errorsOf(validEvidence, document)).toEqual([]);
    expect(errorsOf(validEvidence, buildEvidence({ name: "Reason", description: "Pages are missing" }))).toEqual([]);
    expect(errorsOf(validEvidence, { name: "Reason" })).toEqual([" must have required property 'description'"]);
  });

  it("test_RevertWhen_BuilderInputsInvalid_EveryFieldNamed", () => {
    const invalid = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidParametersError);
        return (error as InvalidParametersError).issues.map((issue) => `${issue.path}: ${issue.message}`);
      }
      throw new Error("expected an InvalidParametersError");
    };
    expect(invalid(() => buildMetaEvidence({ splits: [5_000, 10_001, 1.5], title: " " } as never))).toEqual([
      "splits.1: must be an integer from 0 to 10000 (basis points)",
      "splits.2: must be an integer from 0 to 10000 (basis points)",
      "title: must be non-empty text",
    ]);
    expect(invalid(() => buildMetaEvidence({ splits: [], fileURI: "ipfs://terms" }))).toEqual([
      "fileHash: is required with fileURI, so that jurors can check it",
    ]);
    expect(invalid(() => buildMetaEvidence({ splits: "5000", rulingOptions: {} } as never))).toEqual([
      "splits: must be an array of basis points (the adapter's splits())",
      "rulingOptions: is not a parameter of buildMetaEvidence",
    ]);
    expect(invalid(() => buildEvidence({ name: "", description: 3 } as never))).toEqual([
      "name: must be non-empty text",
      "description: must be non-empty text",
    ]);
  });

  it("test_DataUri_EmbedsTheCanonicalDocument_AndReadsItBack", () => {
    const document = buildEvidence({ name: "Raison", description: "Pages 30 à 40 manquent ✓" });
    const uri = toDataUri(document);
    expect(uri.startsWith("data:application/json;base64,")).toBe(true);
    expect(parseDataUri(uri)).toEqual(document);
    // The canonical form (RFC 8785): the same document always gives the same URI, whatever its key order.
    expect(toDataUri({ description: document.description, name: document.name })).toBe(uri);
    expect(parseDataUri("ipfs://bafy/evidence.json")).toBeUndefined();
    expect(parseDataUri("data:application/json;base64,!!!")).toBeUndefined();
  });
});
