/** The clock's blocks: keep the latest indexed block's time current when no contract event comes. */
import { ponder } from "ponder:registry";

import { tick } from "../lib/clock.ts";

ponder.on("Clock:block", async ({ event, context }) => {
  await tick(context, event.block);
});
