/** Checks of the source and the tests themselves: the rules a review would otherwise have to notice. */
import { readdir, readFile } from "node:fs/promises";

import { describe, expect, it } from "vitest";

/** Every `.ts` file under `folder` (relative to sdk/), with its text. */
async function sources(folder: string): Promise<{ file: string; text: string }[]> {
  const root = new URL(`../../${folder}/`, import.meta.url);
  const files = (await readdir(root, { recursive: true })).filter((file) => file.endsWith(".ts")).sort();
  return Promise.all(
    files.map(async (file) => ({ file: `${folder}/${file}`, text: await readFile(new URL(file, root), "utf8") })),
  );
}

describe("sdk/src", () => {
  // `as never` silences every check of a call against the ABI; test/types.test-d.ts pins the typing it would undo.
  it("test_HasNoAsNeverCast", async () => {
    const files = await sources("src");
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap(({ file, text }) =>
      text.split("\n").flatMap((line, index) => (/\bas never\b/.test(line) ? [`${file}:${index + 1}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});

describe("sdk/test", () => {
  // The convention every package follows: `describe` names the unit, each `it` is test_<Outcome>,
  // test_Given<State>_…, test_When<Action>_…, test_RevertWhen_<Cause>, test_RevertGiven_<State>, testFuzz_… or
  // test_Attack_…: PascalCase words joined by `_`.
  const NAME = /^(test|testFuzz)_[A-Z][A-Za-z0-9]*(_[A-Z][A-Za-z0-9]*)*( \(\$\w+\))?$/;

  it("test_EveryTestName_FollowsTheConvention", async () => {
    const files = (await sources("test")).filter(({ file }) => file.endsWith(".test.ts"));
    expect(files.length).toBeGreaterThan(15);
    const names = files.flatMap(({ file, text }) =>
      [...text.matchAll(/\bit(?:\.each\([^)]*\))?\(\s*"([^"]+)"/g)].map((match) => ({ file, name: match[1]! })),
    );
    expect(names.length).toBeGreaterThan(150);
    expect(names.filter(({ name }) => !NAME.test(name))).toEqual([]);
  });
});
