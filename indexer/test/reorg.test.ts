/**
 * A reorganisation shallower than 30 blocks: the chain rolls back (evm_snapshot / evm_revert) and different blocks
 * are mined in place of the old ones, one evm_mine at a time. The trust record must follow the new chain, with
 * nothing left from the old one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  deployment,
  dumpTables,
  getJson,
  graphql,
  startChain,
  startTestIndexer,
  termsFor,
  type Chain,
  type Indexer,
} from "./helpers/stack.ts";

describe("the indexer", () => {
  describe("given a reorganisation", () => {
    let chain: Chain;
    let indexer: Indexer;

    beforeAll(async () => {
      chain = await startChain();
      await chain.roles.agent.depositStake({ amount: "1000" });
      indexer = await startTestIndexer(chain.node.url);
      await indexer.caughtUp();
    });

    afterAll(async () => {
      await indexer?.close();
      await chain?.stop();
    });

    it("test_ReplacesWhatTheDroppedBlocksSaidWithWhatTheNewOnesSay", async () => {
      const { roles } = chain;
      const agent = roles.agent.account.address;
      const { pactId } = await roles.buyer.createPact(termsFor(roles));
      await indexer.caughtUp();
      const before = await dumpTables(indexer.url);

      // The old branch: accepted, delivered and released.
      const snapshot = await chain.test.snapshot();
      const fork = await chain.test.getBlockNumber({ cacheTime: 0 });
      await roles.agent.acceptPact({ pactId });
      await roles.agent.deliverPact({ pactId, delivery: "the report" });
      await roles.buyer.releasePact({ pactId });
      await indexer.caughtUp();
      const old = await getJson<{ pacts: { released: number; accepted: number } }>(
        `${indexer.url}/agents/${agent}/trust`,
      );
      expect(old.body.pacts).toMatchObject({ accepted: 1, released: 1 });
      const oldHead = await chain.test.getBlockNumber({ cacheTime: 0 });
      expect(oldHead - fork).toBe(3n);

      // The new branch, longer than the old one: the buyer cancels instead, then empty blocks.
      await chain.test.revert({ id: snapshot });
      expect(await chain.test.getBlockNumber({ cacheTime: 0 })).toBe(fork);
      await roles.buyer2.createPact(termsFor(roles, { agent: roles.agent2.account.address }));
      await roles.buyer.cancelPact({ pactId });
      for (let block = 0; block < 3; block += 1) await chain.test.mine({ blocks: 1 });
      expect(await chain.test.getBlockNumber({ cacheTime: 0 })).toBeGreaterThan(oldHead);
      await indexer.caughtUp();

      const trust = await getJson<{ pacts: Record<string, number>; stake: { locked: { raw: string } } }>(
        `${indexer.url}/agents/${agent}/trust`,
      );
      expect(trust.body.pacts).toMatchObject({ accepted: 0, released: 0, delivered: 0, cancelled: 1, open: 0 });
      expect(trust.body.stake.locked.raw).toBe("0");

      const { historyEvents } = await graphql<{ historyEvents: { items: { kind: string; blockNumber: string }[] } }>(
        indexer.url,
        `{ historyEvents(where: { pactId: "${pactId}" }, orderBy: "blockNumber", limit: 100) { items { kind blockNumber } } }`,
      );
      expect(historyEvents.items.map((row) => row.kind)).toEqual(["PactCreated", "PactCancelled"]);

      // Apart from the new branch's own rows, every table is as it was at the fork.
      const after = await dumpTables(indexer.url);
      const pact = (dump: typeof after) =>
        dump.pacts!.find((row) => row.pactId === pactId.toString()) as Record<string, unknown>;
      expect(pact(after)).toMatchObject({ status: "cancelled", acceptedAt: null, deliveredAt: null });
      expect(after.stakePositions).toEqual(before.stakePositions);
      expect(after.agentTokenTotals).toEqual([]);
      expect(after.agentCounterpartyLinks).toEqual([]);
      expect(after.weeklyReviews).toEqual(before.weeklyReviews);
      expect(after.historyEvents!.length).toBe(before.historyEvents!.length + 2);
      expect(
        after.historyEvents!.filter((row) =>
          ["PactAccepted", "PactDelivered", "PactReleased"].includes(row.kind as string),
        ),
      ).toEqual([]);
      expect(after.indexedBlocks).toEqual([
        expect.objectContaining({
          chainId: deployment.chainId,
          number: (await chain.test.getBlockNumber({ cacheTime: 0 })).toString(),
        }),
      ]);
    });
  });
});
