/** Every test starts from the seeded state and leaves nothing behind: a snapshot before, a revert after. */
import { afterEach, beforeEach } from "vitest";

import { testClient } from "../helpers.ts";

let snapshot: `0x${string}` | undefined;

beforeEach(async () => {
  snapshot = await testClient.snapshot();
});

afterEach(async () => {
  if (snapshot !== undefined) await testClient.revert({ id: snapshot });
  snapshot = undefined;
});
