/**
 * The handler files' layout (src/handlers/): each imports the library (src/lib/) and never another handler file, and
 * every event the history records has exactly one handler among them.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { COURT_KINDS, SURETY_KINDS } from "../../src/lib/history.ts";

const HANDLERS = path.join(import.meta.dirname, "../../src/handlers");
const files = readdirSync(HANDLERS).filter((file) => file.endsWith(".ts"));
const sources = files.map((file) => ({ file, source: readFileSync(path.join(HANDLERS, file), "utf8") }));

describe("src/handlers", () => {
  it("test_EachFileImportsOnlyTheLibraryAndPackages", () => {
    expect(files.length).toBeGreaterThan(0);
    for (const { file, source } of sources) {
      const relative = [...source.matchAll(/from "(\.[^"]+)"/g)].map((match) => match[1]!);
      expect({ file, outsideTheLibrary: relative.filter((specifier) => !specifier.startsWith("../lib/")) }).toEqual({
        file,
        outsideTheLibrary: [],
      });
    }
  });

  it("test_GivenEveryKindOfTheHistory_HandlesEachOnce", () => {
    const handled = sources.flatMap(({ source }) =>
      [...source.matchAll(/ponder\.on\("(\w+):(\w+)"/g)].map((match) => `${match[1]}:${match[2]}`),
    );
    const expected = [
      ...SURETY_KINDS.map((kind) => `Surety:${kind}`),
      // A court adapter's meta-evidence and disputes fill their own tables and record no history row.
      ...[...COURT_KINDS, "MetaEvidence", "Dispute"].map((kind) => `CourtAdapter:${kind}`),
      "Clock:block",
    ];
    expect([...handled].sort()).toEqual([...expected].sort());
  });
});
