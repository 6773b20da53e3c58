/**
 * GET /agents ranked by on-time rate and by pacts settled, against the trust route of every agent it lists: the ranking
 * and the numbers shown come from one definition (src/api/rates.ts), overdue pacts included. The scenario gives each
 * agent a different rate, and one whose deliveries are all on time but who has overdue pacts: counted without them,
 * it would rank first.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { localAccount } from "../../scripts/lib/local-chain.ts";

import { getJson, startChain, startTestIndexer, termsFor, type Chain, type Indexer } from "./helpers/stack.ts";

type Summary = { address: string; rates: { onTime: number | null }; pacts: { settled: number; overdueNow: number } };

const DAY = 86_400;

describe("GET /agents", () => {
  let chain: Chain;
  let indexer: Indexer;

  beforeAll(async () => {
    chain = await startChain();
    const { roles, walletOf } = chain;
    // Agents: all on time but two overdue (2 of 4); two on time and one refunded (2 of 3); only an overdue pact (0 of
    // 1); stake and nothing accepted (no rate).
    const overdueAgent = roles.agent;
    const refundedAgent = roles.agent2;
    const lateOnly = walletOf(localAccount(6));
    const idle = walletOf(localAccount(7));
    const pactsOf = async (agent: typeof roles.agent, deliver: number, leave: number) => {
      await agent.depositStake({ amount: "1000" });
      const delivered: bigint[] = [];
      const left: bigint[] = [];
      for (let index = 0; index < deliver + leave; index += 1) {
        const { pactId } = await roles.buyer.createPact(termsFor(roles, { agent: agent.account.address }));
        await agent.acceptPact({ pactId });
        if (index < deliver) {
          await agent.deliverPact({ pactId, delivery: { report: `pact ${pactId}` } });
          delivered.push(pactId);
        } else {
          left.push(pactId);
        }
      }
      return { delivered, left };
    };
    const overdue = await pactsOf(overdueAgent, 2, 2);
    const refunded = await pactsOf(refundedAgent, 2, 1);
    // Settled counts apart as well: one release for the first, two (and the refund below) for the second.
    for (const pactId of [overdue.delivered[0]!, ...refunded.delivered]) await roles.buyer.releasePact({ pactId });
    await pactsOf(lateOnly, 0, 1);
    await idle.depositStake({ amount: "5" });
    // Past every delivery deadline (3 days): the pacts left active are overdue; one of them is refunded.
    await chain.travel(4 * DAY);
    await roles.buyer.claimRefund({ pactId: refunded.left[0]! });
    indexer = await startTestIndexer(chain.node.url);
    await indexer.caughtUp();
  });

  afterAll(async () => {
    await indexer?.close();
    await chain?.stop();
  });

  /** The agents of the ranking by `orderBy`, each with its trust route's answer. */
  async function ranking(orderBy: string, order: "asc" | "desc") {
    const { status, body } = await getJson<{ agents: Summary[] }>(
      `${indexer.url}/agents?orderBy=${orderBy}&order=${order}`,
    );
    expect(status).toBe(200);
    return Promise.all(
      body.agents.map(async (listed) => {
        const trust = await getJson<Summary>(`${indexer.url}/agents/${listed.address}/trust`);
        expect(trust.status).toBe(200);
        return { listed, trust: trust.body };
      }),
    );
  }

  /** `rows` sorted as the route promises: by `value`, nulls last either way, then by address. */
  function sortedBy<T extends { address: string }>(rows: T[], value: (row: T) => number | null, order: "asc" | "desc") {
    const sign = order === "asc" ? 1 : -1;
    return [...rows].sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      if (x !== y) return x === null ? 1 : y === null ? -1 : sign * (x - y);
      return a.address.toLowerCase() < b.address.toLowerCase() ? -1 : 1;
    });
  }

  it.each(["desc", "asc"] as const)(
    "test_GivenOverduePacts_WhenOrderedByOnTime_%s_FollowsTheTrustRoutesRates",
    async (order) => {
      const rows = await ranking("onTime", order);
      // The scenario tells the definitions apart: four agents, four rates, overdue pacts counted.
      expect(rows.map(({ trust }) => trust.rates.onTime).sort()).toEqual([0, 2 / 4, 2 / 3, null]);
      expect(rows.map(({ trust }) => trust.pacts.overdueNow).sort()).toEqual([0, 0, 1, 2]);
      for (const { listed, trust } of rows) expect(listed.rates.onTime).toBe(trust.rates.onTime);
      const trusted = rows.map(({ trust }) => trust);
      expect(trusted.map((row) => row.address)).toEqual(
        sortedBy(trusted, (row) => row.rates.onTime, order).map((row) => row.address),
      );
    },
  );

  it.each(["desc", "asc"] as const)("test_WhenOrderedBySettled_%s_FollowsTheTrustRoutesCounts", async (order) => {
    const rows = await ranking("settled", order);
    expect(rows.map(({ trust }) => trust.pacts.settled).sort()).toEqual([0, 0, 1, 3]);
    for (const { listed, trust } of rows) expect(listed.pacts.settled).toBe(trust.pacts.settled);
    const trusted = rows.map(({ trust }) => trust);
    expect(trusted.map((row) => row.address)).toEqual(
      sortedBy(trusted, (row) => row.pacts.settled, order).map((row) => row.address),
    );
  });
});
