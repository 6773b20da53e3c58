import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { NotFoundError } from "../../src/errors/notFound.ts";
import { InvalidParametersError } from "../../src/errors/parameters.ts";
import { TrustApiError } from "../../src/errors/trustApi.ts";
import { createTrustClient } from "../../src/trust/createTrustClient.ts";
import type { ReviewTrendResponse, ReviewWeekResponse, WeekSignalsResponse } from "../../src/trust/schemas.ts";

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

/** The week's signals with every count at zero, as an empty week answers. */
const quietSignals = (): WeekSignalsResponse => ({
  rescue: {
    pactsSettled: 0,
    extensions: 0,
    settlementsByAgreement: 0,
    refundsByAgent: 0,
    loggedExceptions: 0,
    total: 0,
    perSettledPact: null,
  },
  narrowing: {
    worsened: 0,
    answered: 0,
    meanTimeToNarrowSeconds: null,
    medianTimeToNarrowSeconds: null,
    unanswered: 0,
    longestUnansweredSeconds: null,
  },
  recovery: {
    containments: 0,
    recertifications: 0,
    meanRecoverySeconds: null,
    medianRecoverySeconds: null,
    relapses: 0,
  },
  reviews: {
    recorded: 0,
    agentsReviewed: 0,
    activeAgents: 0,
    activeReviewed: 0,
    coverage: null,
    changedScope: 0,
    decisionRate: null,
    byDecision: { keep: 0, warn: 0, narrow: 0, review: 0, pause: 0, recertify: 0 },
  },
  evidence: { concentrated: 0 },
});

const AGENT = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
const OPERATOR = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
const TX = `0x${"ab".repeat(32)}`;
/** Monday 30 November 2026, 00:00 UTC: the start of 2026-W49. */
const W49 = 1_795_996_800;

/** A week with one narrowed agent, reviewed and with a rescue note. */
const week = (): ReviewWeekResponse => {
  const deployment = quietSignals();
  deployment.reviews = { ...deployment.reviews, recorded: 1, agentsReviewed: 1, changedScope: 1, decisionRate: 1 };
  deployment.reviews.byDecision.narrow = 1;
  return {
    chainId: 31337,
    asOf: { block: "120", timestamp: W49 + 86_400 },
    isoWeek: "2026-W49",
    weekStart: W49,
    weekEnd: W49 + 7 * 86_400,
    complete: false,
    deployment,
    agents: [
      {
        agent: AGENT,
        status: "narrowed",
        active: true,
        worsened: true,
        undecided: false,
        rescue: { ...quietSignals().rescue, loggedExceptions: 1, total: 1 },
        signalAt: W49 + 3_600,
        timeToNarrowSeconds: 7_200,
        unansweredSeconds: null,
        containedAt: W49 + 10_800,
        recertifiedAt: null,
        recoverySeconds: null,
        relapseAt: null,
        reviews: [
          {
            decision: "narrow",
            changed: true,
            status: "narrowed",
            cap: { token: OPERATOR, symbol: "mUSD", decimals: 6, raw: "250000000", amount: "250" },
            evidenceHash: TX,
            operator: OPERATOR,
            timestamp: W49 + 10_800,
            isoWeek: "2026-W49",
            transactionHash: TX,
          },
        ],
        exceptions: [
          {
            kind: "rescue",
            pactId: "7",
            author: OPERATOR,
            authorRole: "buyer",
            noteHash: TX,
            timestamp: W49 + 20_000,
            isoWeek: "2026-W49",
            transactionHash: TX,
          },
        ],
        topBuyerShare: 0.75,
        concentrated: true,
      },
    ],
  };
};

const trend = (): ReviewTrendResponse => ({
  chainId: 31337,
  asOf: { block: "120", timestamp: W49 + 86_400 },
  weeks: [
    { isoWeek: "2026-W48", weekStart: W49 - 7 * 86_400, complete: true, deployment: quietSignals() },
    { isoWeek: "2026-W49", weekStart: W49, complete: false, deployment: quietSignals() },
  ],
});

/** A local trust API that answers each path with a fixed status and body, and records the URLs asked. */
async function serve(routes: Record<string, { status: number; body: unknown }>) {
  const asked: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    asked.push(`${url.pathname}${url.search}`);
    const route = routes[url.pathname] ?? { status: 404, body: { error: { code: "not_found", message: "no route" } } };
    response.writeHead(route.status, { "content-type": "application/json" });
    response.end(JSON.stringify(route.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, asked, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("getReviewWeek", () => {
  let api: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    api = await serve({
      "/review/current": { status: 200, body: week() },
      "/review/2026-W49": { status: 200, body: week() },
      "/review/2026-W50": {
        status: 404,
        body: { error: { code: "not_found", message: "week 2026-W50 starts after the latest indexed block" } },
      },
      "/review/2026-W01": {
        status: 400,
        body: { error: { code: "bad_request", message: "isoWeek: the deployment has no such week" } },
      },
      "/review/2026-W02": { status: 200, body: { ...week(), agents: [{ agent: AGENT }] } },
    });
  });
  afterAll(() => api.close());

  it("test_WhenTheWeekIsGiven_ParsesTheAnswer", async () => {
    const trust = createTrustClient({ url: api.url, chainId: 31337 });
    const answer = await trust.getReviewWeek("2026-W49");
    expect(api.asked.at(-1)).toBe("/review/2026-W49?chainId=31337");
    expect(answer.asOf).toEqual({ block: 120n, timestamp: W49 + 86_400 });
    expect(answer.deployment.reviews.byDecision).toEqual({
      keep: 0,
      warn: 0,
      narrow: 1,
      review: 0,
      pause: 0,
      recertify: 0,
    });
    const [row] = answer.agents;
    expect(row!.agent).toBe("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
    expect(row!.reviews[0]!.cap!.raw).toBe(250_000_000n);
    expect(row!.exceptions[0]).toMatchObject({ kind: "rescue", pactId: "7", authorRole: "buyer" });
  });

  it("test_WhenNoWeekIsGiven_AsksForTheCurrentWeek", async () => {
    const trust = createTrustClient({ url: api.url });
    expect((await trust.getReviewWeek()).isoWeek).toBe("2026-W49");
    expect(api.asked.at(-1)).toBe("/review/current");
  });

  it.each([
    { label: "2026-49", message: 'must be an ISO week such as 2026-W49 (or current), not "2026-49"' },
    { label: "2026-w49", message: 'must be an ISO week such as 2026-W49 (or current), not "2026-w49"' },
    { label: "2025-W53", message: "names week 53, but 2025 has weeks 1 to 52" },
    { label: "2026-W54", message: "names week 54, but 2026 has weeks 1 to 53" },
    { label: "2026-W00", message: "names week 0, but 2026 has weeks 1 to 53" },
    { label: "1969-W10", message: "names the year 1969: use 1970 to 9999" },
  ])("test_RevertWhen_TheLabelNamesNoWeek_BeforeAnyRequest ($label)", async ({ label, message }) => {
    const sent = api.asked.length;
    const trust = createTrustClient({ url: api.url });
    const error = await trust.getReviewWeek(label).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidParametersError);
    expect((error as InvalidParametersError).issues).toEqual([{ path: "week", message }]);
    expect(api.asked.length).toBe(sent);
  });

  it("test_RevertWhen_TheWeekStartsAfterTheClock_NotFound", async () => {
    const error = await createTrustClient({ url: api.url })
      .getReviewWeek("2026-W50")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ resource: "week", id: "2026-W50" });
    expect((error as NotFoundError).shortMessage).toBe(
      `The indexer at ${api.url} has no review of week 2026-W50: it starts after the latest indexed block.`,
    );
  });

  it("test_RevertWhen_TheApiRefuses_TrustApiErrorWithItsCode", async () => {
    const error = await createTrustClient({ url: api.url })
      .getReviewWeek("2026-W01")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TrustApiError);
    expect(error).toMatchObject({ status: 400, code: "bad_request" });
    expect((error as TrustApiError).shortMessage).toContain("isoWeek: the deployment has no such week (HTTP 400");
  });

  it("test_RevertWhen_TheAnswerIsNotTheShape_MalformedResponse", async () => {
    const error = await createTrustClient({ url: api.url })
      .getReviewWeek("2026-W02")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TrustApiError);
    expect(error).toMatchObject({ status: 0, code: "malformed_response" });
  });
});

describe("getReviewTrend", () => {
  let api: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    api = await serve({ "/review": { status: 200, body: trend() } });
  });
  afterAll(() => api.close());

  it("test_ParsesTheWeeksOldestFirst_SendingWeeksOnlyWhenGiven", async () => {
    const trust = createTrustClient({ url: api.url });
    const answer = await trust.getReviewTrend({ weeks: 2 });
    expect(api.asked.at(-1)).toBe("/review?weeks=2");
    expect(answer.weeks.map((entry) => [entry.isoWeek, entry.complete])).toEqual([
      ["2026-W48", true],
      ["2026-W49", false],
    ]);
    await trust.getReviewTrend();
    expect(api.asked.at(-1)).toBe("/review");
  });

  it("test_RevertWhen_WeeksOutOfRange_BeforeAnyRequest", async () => {
    const sent = api.asked.length;
    const trust = createTrustClient({ url: api.url });
    await expect(trust.getReviewTrend({ weeks: 0 })).rejects.toThrow("weeks: must be at least 1");
    await expect(trust.getReviewTrend({ weeks: 53 })).rejects.toThrow("weeks: must be at most 52");
    await expect(trust.getReviewTrend({ weeks: 2.5 })).rejects.toThrow("weeks: must be a whole number of weeks");
    await expect(trust.getReviewTrend({ week: 2 } as never)).rejects.toThrow(
      "week: is not a parameter of getReviewTrend",
    );
    expect(api.asked.length).toBe(sent);
  });
});
