import { keccak256, stringToBytes } from "viem";
import { describe, expect, it } from "vitest";

import { canonicalize, CanonicalizationError, compareCodeUnits } from "../../src/utils/canonicalize.ts";
import { hashDocument } from "../../src/utils/document.ts";

describe("canonicalize (RFC 8785)", () => {
  it("test_Literals_SerialiseBare", () => {
    expect(canonicalize(null)).toBe("null");
    expect(canonicalize(true)).toBe("true");
    expect(canonicalize(false)).toBe("false");
    expect(canonicalize([])).toBe("[]");
    expect(canonicalize({})).toBe("{}");
  });

  it("test_Objects_SortKeysRecursivelyWithoutWhitespace", () => {
    const value = { zeta: [3, { b: 2, a: 1 }], alpha: { y: null, x: "x" }, mid: true };
    expect(canonicalize(value)).toBe('{"alpha":{"x":"x","y":null},"mid":true,"zeta":[3,{"a":1,"b":2}]}');
  });

  it("test_Keys_SortByUtf16CodeUnitsNotCodePoints", () => {
    // U+1F600 is stored as the surrogates D83D DE00, which sort before U+FFFF although its code point is higher.
    const keys = ["\uffff", "😀", "é", "Z", "aa", "a", "", "9", "10", "A"];
    const value = Object.fromEntries(keys.map((key, index) => [key, index]));
    expect(canonicalize(value)).toBe('{"":6,"10":8,"9":7,"A":9,"Z":3,"a":5,"aa":4,"é":2,"😀":1,"\uffff":0}');
    expect(compareCodeUnits("😀", "\uffff")).toBeLessThan(0);
    expect(compareCodeUnits("a", "aa")).toBeLessThan(0);
    expect(compareCodeUnits("b", "b")).toBe(0);
  });

  it("test_Numbers_UseEcmaScriptShortestForm", () => {
    const cases: [number, string][] = [
      [0, "0"],
      [-0, "0"],
      [1, "1"],
      [-1.5, "-1.5"],
      [0.1 + 0.2, "0.30000000000000004"],
      [1e20, "100000000000000000000"],
      [1e21, "1e+21"],
      [123456789012345680000, "123456789012345680000"],
      [0.000001, "0.000001"],
      [1e-7, "1e-7"],
      [-1.5e-9, "-1.5e-9"],
      [2 ** 53, "9007199254740992"],
      [Number.MAX_VALUE, "1.7976931348623157e+308"],
      [Number.MIN_VALUE, "5e-324"],
      [333333333.3333333, "333333333.3333333"],
    ];
    for (const [input, expected] of cases) expect(canonicalize(input)).toBe(expected);
  });

  it("test_Strings_EscapeOnlyWhatJsonRequires", () => {
    const text = '\u0000\u0007\b\t\n\u000b\f\r\u001f "\\/\u007f\u0080é€😀\u2028';
    expect(canonicalize(text)).toBe('"\\u0000\\u0007\\b\\t\\n\\u000b\\f\\r\\u001f \\"\\\\/\u007f\u0080é€😀\u2028"');
    expect(canonicalize({ 'quo"te': 1 })).toBe('{"quo\\"te":1}');
  });

  it("test_RevertWhen_NotJson", () => {
    const refused: [unknown, string][] = [
      [Number.NaN, "NaN is not a finite number"],
      [Number.POSITIVE_INFINITY, "Infinity is not a finite number"],
      [undefined, "undefined is not a JSON value"],
      [1n, "a bigint is not a JSON value"],
      [() => 1, "function is not a JSON value"],
      [Symbol("s"), "symbol is not a JSON value"],
      [new Date(0), "a Date is not a JSON value"],
      [new Map(), "a Map is not a JSON value"],
      ["\ud800", "has a lone surrogate \\ud800 at index 0, which is not valid Unicode"],
      ["a\udc00", "has a lone surrogate \\udc00 at index 1, which is not valid Unicode"],
    ];
    for (const [value, message] of refused) expect(() => canonicalize(value)).toThrow(message);
  });

  it("test_RevertWhen_NotJson_ReportsThePath", () => {
    const error = (() => {
      try {
        canonicalize({ items: [1, { price: Number.NaN }] });
      } catch (caught) {
        return caught as CanonicalizationError;
      }
    })();
    expect(error).toBeInstanceOf(CanonicalizationError);
    expect(error!.path).toEqual(["items", 1, "price"]);
    expect(error!.message).toBe("items.1.price: NaN is not a finite number");
    // a sparse array has a hole, which is undefined
    expect(() => canonicalize([1, , 3])).toThrow("1: undefined is not a JSON value");
  });

  it("test_NullPrototypeObjects_AreJson", () => {
    const value = Object.assign(Object.create(null) as object, { b: 1, a: 2 });
    expect(canonicalize(value)).toBe('{"a":2,"b":1}');
  });
});

describe("hashDocument", () => {
  it("test_Json_HashesTheCanonicalUtf8", () => {
    const { hash, canonical } = hashDocument({ task: "résumé", pages: 40 });
    expect(canonical).toBe('{"pages":40,"task":"résumé"}');
    expect(hash).toBe(keccak256(stringToBytes('{"pages":40,"task":"résumé"}')));
    // key order does not change the hash
    expect(hashDocument({ pages: 40, task: "résumé" }).hash).toBe(hash);
  });

  it("test_Text_HashesItsBytesUnquoted", () => {
    expect(hashDocument("the summary")).toEqual({
      hash: keccak256(stringToBytes("the summary")),
      canonical: "the summary",
    });
    expect(hashDocument("").hash).toBe(keccak256(new Uint8Array()));
  });

  it("test_Hash_PassesThroughLowercased", () => {
    const hash = `0x${"AB".repeat(32)}` as const;
    expect(hashDocument(hash)).toEqual({ hash: hash.toLowerCase(), canonical: undefined });
  });

  it("test_RevertWhen_HexOfTheWrongLength", () => {
    expect(() => hashDocument("0x1234")).toThrow("looks like a hex hash but is 2 bytes, not 32");
    expect(() => hashDocument("\ud83d")).toThrow("lone surrogate");
  });
});
