/**
 * `surety pact …`: a pact's whole life. Each file holds one kind of command: `create` (the buyer funds a pact),
 * `lifecycle` (the writes that move a pact along, generated from one table), `cooperative` (what the buyer and the
 * agent agree between themselves) and `read` (show, history).
 */
import type { Command } from "commander";

import type { App } from "../../context.ts";
import { registerCooperative } from "./cooperative.ts";
import { registerCreate } from "./create.ts";
import { registerLifecycle } from "./lifecycle.ts";
import { registerReads } from "./read.ts";

export { pactWrite } from "./lifecycle.ts";

export function registerPact(program: Command, app: App): void {
  const pact = program
    .command("pact")
    .description("a pact between a buyer and an agent: create, accept, deliver, settle, show");
  registerCreate(pact, app);
  registerLifecycle(pact, app);
  registerCooperative(pact, app);
  registerReads(pact, app);
}
