/** Pacts brought to a given stage through the CLI itself. */
import { expect } from "vitest";

import { addressOf } from "./accounts.ts";
import { cli, ok } from "./cli.ts";

export const TERMS = {
  agent: addressOf("agent"),
  arbiter: addressOf("arbiter"),
  price: "100",
  collateral: "50",
  penalty: "20",
  "accept-in": "1d",
  "deliver-in": "3d",
  "review-period": "2d",
  "ruling-period": "5d",
  "default-buyer-bps": "5000",
  terms: "Summarise the 40 supplier contracts",
};

export type Flags = Record<string, string | undefined>;

/** `--key value` for every flag with a value. */
export function toArgs(flags: Flags): string[] {
  return Object.entries(flags).flatMap(([key, value]) => (value === undefined ? [] : [`--${key}`, value]));
}

/** `pact create` with the usual terms, overridden (undefined drops a flag). */
export function createArgs(overrides: Flags = {}): string[] {
  return ["pact", "create", ...toArgs({ ...TERMS, ...overrides })];
}

export type Stage = "open" | "active" | "delivered" | "disputed";

/** Creates a pact as the buyer and takes it to `stage`; returns its id. */
export async function pactAt(stage: Stage, overrides: Flags = {}): Promise<string> {
  const created = ok(await cli([...createArgs(overrides), "--json"], { as: "buyer" })).json<{ pactId: string }>();
  const pactId = created.pactId;
  if (stage === "open") return pactId;
  ok(await cli(["pact", "accept", pactId], { as: "agent" }));
  if (stage === "active") return pactId;
  ok(await cli(["pact", "deliver", pactId, "--delivery", "ipfs://bafy/report.pdf"], { as: "agent" }));
  if (stage === "delivered") return pactId;
  ok(await cli(["pact", "dispute", pactId, "--reason", "Pages 30 to 40 are missing"], { as: "buyer" }));
  return pactId;
}

/** The pact's status as `pact show --json` reads it. */
export async function statusOf(pactId: string): Promise<{ status: string; effectiveStatus: string }> {
  const shown = ok(await cli(["pact", "show", pactId, "--json"]));
  const pact = shown.json<{ status: string; effectiveStatus: string }>();
  expect(pact.status).toBeTypeOf("string");
  return pact;
}
