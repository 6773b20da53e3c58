import { keccak256, stringToBytes, type Hex } from "viem";

import type { HashedDocument } from "../types.ts";
import { canonicalize, CanonicalizationError, type JsonValue } from "./canonicalize.ts";

/**
 * What a pact's terms, a delivery, a reason, a ruling or a piece of evidence can be given as: a 32-byte hash
 * (used as it is), a string (hashed as its UTF-8 bytes), or any other JSON value (canonicalised per RFC 8785,
 * then hashed as UTF-8).
 */
export type DocumentInput = Hex | string | JsonValue;

const HASH = /^0x[0-9a-fA-F]{64}$/;
const HEX = /^0x[0-9a-fA-F]*$/;

/**
 * Hashes a document with keccak256 and returns the hash with the exact text hashed, so the caller can store or
 * publish it and anyone can check it against the chain.
 * @example
 * hashDocument({ task: "summarise", pages: 40 })
 * // { hash: '0x…', canonical: '{"pages":40,"task":"summarise"}' }
 */
export function hashDocument(input: DocumentInput): HashedDocument {
  if (typeof input === "string") {
    if (HASH.test(input)) return { hash: input.toLowerCase() as Hex, canonical: undefined };
    if (HEX.test(input) && input.length > 2) {
      throw new CanonicalizationError(
        [],
        `looks like a hex hash but is ${(input.length - 2) / 2} bytes, not 32: pass a 32-byte hash, or text`,
      );
    }
    // Checks the text is well-formed Unicode (no lone surrogates) before hashing it as it is.
    canonicalize(input);
    return { hash: keccak256(stringToBytes(input)), canonical: input };
  }
  const canonical = canonicalize(input);
  return { hash: keccak256(stringToBytes(canonical)), canonical };
}
