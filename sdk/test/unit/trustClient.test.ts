import { describe, expect, it } from "vitest";

import { InvalidParametersError } from "../../src/errors/parameters.ts";
import { createTrustClient } from "../../src/trust/createTrustClient.ts";

/** A fetch that fails the test if called: parameters must be refused before any request. */
const noFetch = (() => {
  throw new Error("no request should be sent");
}) as unknown as typeof fetch;

const trust = createTrustClient({ url: "http://127.0.0.1:1", fetch: noFetch });

describe("createTrustClient", () => {
  it("test_RevertWhen_UrlNotHttpOrOptionsInvalid", () => {
    expect(() => createTrustClient({ url: "localhost:42069" })).toThrow(InvalidParametersError);
    expect(() => createTrustClient({ url: "http://127.0.0.1:42069", timeoutMs: 0 })).toThrow(
      "timeoutMs: must be a positive number of milliseconds",
    );
  });

  it("test_RevertWhen_ParametersInvalid_NamesEachBeforeAnyRequest", async () => {
    await expect(trust.getAgentTrust("0xnothex" as `0x${string}`)).rejects.toThrow(
      "agent: must be a 0x-prefixed 20-byte address",
    );
    await expect(trust.getPending("0x12" as `0x${string}`)).rejects.toThrow("address: must be a 0x-prefixed");
    await expect(trust.getPactTimeline(-1)).rejects.toThrow("pactId: must not be negative");
    await expect(trust.getPactTimeline("12a")).rejects.toThrow("pactId: must be a whole number");
    const error = await trust
      .listAgents({ orderBy: "price" as never, limit: 0, status: ["asleep" as never], colour: "blue" } as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidParametersError);
    expect((error as InvalidParametersError).issues.map((issue) => issue.path).sort()).toEqual([
      "colour",
      "limit",
      "orderBy",
      "status.0",
    ]);
  });
});
