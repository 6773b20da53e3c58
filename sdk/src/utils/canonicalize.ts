/**
 * JSON canonicalisation per RFC 8785 (JCS): the same JSON value always serialises to the same text, so its hash
 * is a stable commitment. Objects list their keys sorted by UTF-16 code units, numbers use the ECMAScript
 * Number-to-String conversion, strings escape only what JSON requires, and there is no whitespace.
 */

/** A JSON value the canonicaliser accepts. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A value that is not I-JSON (RFC 7493), with where it sits: `["items", 2]` for `value.items[2]`. */
export class CanonicalizationError extends Error {
  override name = "CanonicalizationError" as const;
  readonly path: readonly (string | number)[];

  constructor(path: readonly (string | number)[], reason: string) {
    super(path.length === 0 ? reason : `${path.join(".")}: ${reason}`);
    this.path = path;
  }
}

/** Serialises `value` as RFC 8785 canonical JSON. Throws CanonicalizationError on anything that is not JSON. */
export function canonicalize(value: unknown): string {
  return serialize(value, []);
}

function serialize(value: unknown, path: (string | number)[]): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new CanonicalizationError(path, `${value} is not a finite number`);
      // ECMAScript's Number::toString(10) is exactly the serialisation RFC 8785 prescribes (section 3.2.2.3);
      // it already writes -0 as "0".
      return String(value);
    case "string":
      return quote(value, path);
    case "object":
      if (Array.isArray(value)) {
        const items: string[] = [];
        for (let index = 0; index < value.length; index++) items.push(serialize(value[index], [...path, index]));
        return `[${items.join(",")}]`;
      }
      if (!isPlainObject(value)) {
        const kind = (value as object).constructor?.name ?? "object";
        throw new CanonicalizationError(path, `a ${kind} is not a JSON value`);
      }
      return `{${Object.keys(value)
        .sort(compareCodeUnits)
        .map((key) => `${quote(key, path)}:${serialize((value as Record<string, unknown>)[key], [...path, key])}`)
        .join(",")}}`;
    default:
      throw new CanonicalizationError(
        path,
        `${typeof value === "bigint" ? "a bigint" : typeof value} is not a JSON value`,
      );
  }
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** Orders strings by their UTF-16 code units, as RFC 8785 sorts object keys (not by code points). */
export function compareCodeUnits(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const difference = a.charCodeAt(index) - b.charCodeAt(index);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

const SHORT_ESCAPES: Record<number, string> = {
  0x08: "\\b",
  0x09: "\\t",
  0x0a: "\\n",
  0x0c: "\\f",
  0x0d: "\\r",
  0x22: '\\"',
  0x5c: "\\\\",
};

/** A JSON string literal: the short escapes, \u00xx (lowercase) for other controls, everything else verbatim. */
function quote(text: string, path: readonly (string | number)[]): string {
  let out = '"';
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    const short = SHORT_ESCAPES[unit];
    if (short !== undefined) {
      out += short;
    } else if (unit < 0x20) {
      out += `\\u${unit.toString(16).padStart(4, "0")}`;
    } else if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) throw loneSurrogate(path, unit, index);
      out += text[index]! + text[index + 1]!;
      index++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      throw loneSurrogate(path, unit, index);
    } else {
      out += text[index]!;
    }
  }
  return `${out}"`;
}

function loneSurrogate(path: readonly (string | number)[], unit: number, index: number): CanonicalizationError {
  return new CanonicalizationError(
    path,
    `has a lone surrogate \\u${unit.toString(16)} at index ${index}, which is not valid Unicode`,
  );
}
