/**
 * The HTTP API against a real indexer: the trust routes' answers, and bad input of every kind getting a clear 4xx
 * while the server keeps serving.
 */
import { createTrustClient, InvalidParametersError, NotFoundError, RequestError, TrustApiError } from "@surety/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { freePort } from "../../scripts/lib/local-chain.ts";

import { getJson, graphql, startChain, startTestIndexer, termsFor, type Chain, type Indexer } from "./helpers/stack.ts";

type ErrorBody = { error: { code: string; message: string } };

let chain: Chain;
let indexer: Indexer;
let agent: string;
let buyer: string;
let openPact: bigint;
let deliveredPact: bigint;

beforeAll(async () => {
  chain = await startChain();
  const { roles } = chain;
  agent = roles.agent.account.address;
  buyer = roles.buyer.account.address;
  await roles.agent.depositStake({ amount: "1000" });
  await roles.agent2.depositStake({ amount: "10" });
  ({ pactId: openPact } = await roles.buyer.createPact(termsFor(roles)));
  ({ pactId: deliveredPact } = await roles.buyer.createPact(termsFor(roles, { price: "12.5" })));
  await roles.agent.acceptPact({ pactId: deliveredPact });
  await roles.agent.deliverPact({ pactId: deliveredPact, delivery: { report: "done" } });
  indexer = await startTestIndexer(chain.node.url);
  await indexer.caughtUp();
});

afterAll(async () => {
  await indexer?.close();
  await chain?.stop();
});

describe("GET /agents/:address/trust", () => {
  it("test_GivenAnAgentSeen_AnswersItsRecordWithAmountsAsDecimalStringsOfTheirToken", async () => {
    const { status, body } = await getJson<Record<string, any>>(`${indexer.url}/agents/${agent.toLowerCase()}/trust`);
    expect(status).toBe(200);
    expect(body.address).toBe(agent);
    expect(body.status).toBe("good");
    expect(body.pacts).toMatchObject({ offered: 2, accepted: 1, delivered: 1, open: 1, settled: 0 });
    expect(body.stake.staked).toMatchObject({ symbol: "mUSD", decimals: 6, raw: "1000000000", amount: "1000" });
    expect(body.stake.locked.amount).toBe("50");
    expect(body.stake.free.amount).toBe("950");
    expect(body.coverage).toBe(19);
    expect(body.rates.onTime).toBe(1);
    expect(body.ladder).toMatchObject({ status: "good", steps: 0, history: [] });
  });
});

describe("GET /agents", () => {
  it("test_RanksAgentsAndFiltersThemByLadderStatus", async () => {
    const ranked = await getJson<{ agents: { address: string }[]; hasMore: boolean }>(
      `${indexer.url}/agents?orderBy=stake&order=desc&limit=1`,
    );
    expect(ranked.status).toBe(200);
    expect(ranked.body.agents.map((row) => row.address)).toEqual([agent]);
    expect(ranked.body.hasMore).toBe(true);
    const ascending = await getJson<{ agents: { address: string }[] }>(`${indexer.url}/agents?orderBy=stake&order=asc`);
    expect(ascending.body.agents.map((row) => row.address)).toEqual([chain.roles.agent2.account.address, agent]);
    const paused = await getJson<{ agents: unknown[] }>(`${indexer.url}/agents?status=paused,under-review`);
    expect(paused.body.agents).toEqual([]);
  });
});

describe("GET /parties/:address/pending", () => {
  it("test_ListsWhatWaitsOnEachPartyWithDeadlines", async () => {
    const forAgent = await getJson<{ actions: { action: string; pact: { pactId: string }; deadline: number }[] }>(
      `${indexer.url}/parties/${agent}/pending`,
    );
    expect(forAgent.body.actions.map((item) => [item.action, item.pact.pactId])).toEqual([
      ["accept", String(openPact)],
    ]);
    const forBuyer = await getJson<{
      actions: { action: string; pact: { pactId: string; price: { amount: string } } }[];
    }>(`${indexer.url}/parties/${buyer}/pending`);
    expect(forBuyer.body.actions.map((item) => [item.action, item.pact.pactId])).toEqual(
      expect.arrayContaining([
        ["cancel", String(openPact)],
        ["release-or-dispute", String(deliveredPact)],
      ]),
    );
    expect(forBuyer.body.actions.find((item) => item.pact.pactId === String(deliveredPact))?.pact.price.amount).toBe(
      "12.5",
    );
  });
});

describe("GET /pacts/:pactId", () => {
  it("test_AnswersThePactWithItsTimeline", async () => {
    const { status, body } = await getJson<{ pact: { status: string }; timeline: { kind: string }[] }>(
      `${indexer.url}/pacts/${deliveredPact}`,
    );
    expect(status).toBe(200);
    expect(body.pact.status).toBe("delivered");
    expect(body.timeline.map((event) => event.kind)).toEqual(["PactCreated", "PactAccepted", "PactDelivered"]);
  });
});

describe("the trust routes", () => {
  it.each([
    ["/agents/0x12/trust", 400, "address must be a 0x-prefixed 20-byte address"],
    ["/agents/not-an-address/trust", 400, "address must be a 0x-prefixed 20-byte address"],
    [
      "/agents/0x00000000000000000000000000000000000000aa/trust",
      404,
      "No agent 0x00000000000000000000000000000000000000AA",
    ],
    ["/agents/0x70997970C51812dc3A010C7d01b50e0d17dc79C8/trust?chainId=abc", 400, "chainId must be a chain id"],
    ["/agents?orderBy=price", 400, "orderBy must be one of"],
    ["/agents?limit=100000", 400, "limit must be between 1 and 200"],
    ["/agents?limit=-1", 400, "limit must be a whole number"],
    ["/agents?offset=1e9", 400, "offset must be a whole number"],
    ["/agents?status=sleeping", 400, "status has unknown statuses sleeping"],
    ["/agents?order=sideways", 400, "order must be asc or desc"],
    ["/agents?colour=blue", 400, "has unknown parameters: colour"],
    [
      "/agents/0x70997970c51812dc3A010C7d01b50e0d17dc79C8/trust",
      400,
      "address has an invalid checksum (mixed case that is not EIP-55)",
    ],
    ["/parties/0xZZ/pending", 400, "address must be a 0x-prefixed 20-byte address"],
    [
      "/parties/0x70997970C51812DC3A010C7d01b50e0d17dc79C8/pending",
      400,
      "address has an invalid checksum (mixed case that is not EIP-55)",
    ],
    ["/pacts/-1", 400, "pactId must be a pact id"],
    ["/pacts/999999", 404, "No pact 999999"],
  ])("test_RevertWhen_Requested_%s_Answers%iNamingWhatIsWrong", async (path, expected, message) => {
    const { status, body } = await getJson<ErrorBody>(`${indexer.url}${path}`);
    expect(status).toBe(expected);
    expect(body.error.message).toContain(message);
  });
});

describe("POST /graphql", () => {
  it("test_RevertWhen_PagesAreHugeQueriesDeepOrAliasesTooMany_KeepsServing", async () => {
    await expect(graphql(indexer.url, "{ agents(limit: 100000) { items { address } } }")).rejects.toThrow(/limit/i);
    const deep = `{ ${"__schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }"} }`;
    await expect(graphql(indexer.url, deep)).rejects.toThrow(/depth/i);
    const aliases = Array.from({ length: 40 }, (_, index) => `a${index}: agents { totalCount }`).join(" ");
    await expect(graphql(indexer.url, `{ ${aliases} }`)).rejects.toThrow(/alias/i);
    await expect(graphql(indexer.url, "{ agents { items { nosuchfield } } }")).rejects.toThrow(/nosuchfield/);
    const { agents } = await graphql<{ agents: { totalCount: number } }>(indexer.url, "{ agents { totalCount } }");
    expect(agents.totalCount).toBe(2);
    expect((await fetch(`${indexer.url}/health`)).status).toBe(200);
  });
});

describe("createTrustClient against the real API", () => {
  it("test_ParsesEachRoutesAnswerIntoTypedValues", async () => {
    const trust = createTrustClient({ url: `${indexer.url}/` });
    const record = await trust.getAgentTrust(agent as `0x${string}`);
    expect(record.address).toBe(agent);
    expect(record.stake.staked.raw).toBe(1_000_000_000n);
    expect(record.asOf?.block).toBeTypeOf("bigint");

    const list = await trust.listAgents({ orderBy: "stake", order: "asc", status: ["good"], limit: 5 });
    expect(list.agents.map((row) => row.address)).toEqual([chain.roles.agent2.account.address, agent]);

    const timeline = await trust.getPactTimeline(deliveredPact);
    expect(timeline.pact.pactId).toBe(deliveredPact);
    expect(timeline.pact.price.raw).toBe(12_500_000n);
    expect(timeline.timeline.map((event) => event.kind)).toEqual(["PactCreated", "PactAccepted", "PactDelivered"]);

    const pending = await trust.getPending(buyer as `0x${string}`);
    expect(pending.actions.map((item) => item.action).sort()).toEqual(["cancel", "release-or-dispute"]);
  });

  it("test_RevertWhen_NotFoundOrInvalid_SaysWhatWasNotFoundAndWhatIsWrongBeforeAsking", async () => {
    const trust = createTrustClient({ url: indexer.url });
    await expect(trust.getAgentTrust("0x00000000000000000000000000000000000000aa")).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(trust.getPactTimeline(999_999n)).rejects.toMatchObject({ name: "NotFoundError", resource: "pact" });
    await expect(trust.getAgentTrust("0x12" as `0x${string}`)).rejects.toBeInstanceOf(InvalidParametersError);
    await expect(trust.listAgents({ limit: 500 })).rejects.toThrow("limit: must be at most 200");
    expect(() => createTrustClient({ url: "ftp://example" })).toThrow(InvalidParametersError);
  });

  it("test_RevertWhen_UnreachableOrNotTheApi_TellsOneFromTheOther", async () => {
    const closed = createTrustClient({ url: `http://127.0.0.1:${await freePort()}`, timeoutMs: 2_000 });
    await expect(closed.listAgents()).rejects.toBeInstanceOf(RequestError);
    // The chain's node answers HTTP, but not as the API does.
    const wrong = createTrustClient({ url: chain.node.url });
    const error = await wrong.listAgents().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TrustApiError);
  });
});
