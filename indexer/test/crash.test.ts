/**
 * A crash in the middle of a backfill on PostgreSQL: the indexer is killed (SIGKILL, no shutdown) before it is
 * ready, restarted on the same database and schema, and must end exactly where an uninterrupted run ends.
 */
import { encodeFunctionData, maxUint256, parseUnits } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { findPostgresBin, startPostgres, type Postgres } from "../../scripts/lib/postgres.ts";
import { localAccount } from "../../scripts/lib/local-chain.ts";
import { suretyAbi, erc20PermitAbi } from "@surety/sdk";
import {
  deployment,
  dumpTables,
  graphql,
  startChain,
  startTestIndexer,
  type Chain,
  type Indexer,
} from "./helpers/stack.ts";

/** Blocks of deposits, each with PER_BLOCK deposits from every depositor. Ponder pays per block with events. */
const BLOCKS = 80;
const DEPOSITORS = 6;
const PER_BLOCK = 5;

const hasPostgres = findPostgresBin() !== null;
if (!hasPostgres)
  console.warn("SKIPPED: the crash test needs PostgreSQL binaries (initdb, pg_ctl), and none were found");

describe("the indexer", () => {
  describe.skipIf(!hasPostgres)("given a crash mid-backfill on PostgreSQL", () => {
    let chain: Chain;
    let postgres: Postgres;
    const running: Indexer[] = [];

    beforeAll(async () => {
      [chain, postgres] = await Promise.all([startChain(), startPostgres()]);
      // Many blocks of stake deposits: a backfill long enough to be interrupted.
      const accounts = Array.from({ length: DEPOSITORS }, (_, index) => localAccount(index + 1));
      for (const account of accounts) {
        const hash = await chain.test.sendTransaction({
          account,
          to: deployment.stakeToken,
          data: encodeFunctionData({
            abi: erc20PermitAbi,
            functionName: "approve",
            args: [deployment.surety, maxUint256],
          }),
        });
        await chain.test.waitForTransactionReceipt({ hash });
      }
      const nonces = await Promise.all(
        accounts.map((account) => chain.test.getTransactionCount({ address: account.address })),
      );
      await chain.test.setAutomine(false);
      for (let block = 0; block < BLOCKS; block += 1) {
        await Promise.all(
          accounts.flatMap((account, index) =>
            Array.from({ length: PER_BLOCK }, (_, slot) =>
              chain.test.sendTransaction({
                account,
                to: deployment.surety,
                gas: 200_000n,
                nonce: nonces[index]! + block * PER_BLOCK + slot,
                data: encodeFunctionData({
                  abi: suretyAbi,
                  functionName: "depositStake",
                  args: [parseUnits(String(block + 1), 6)],
                }),
              }),
            ),
          ),
        );
        await chain.test.mine({ blocks: 1 });
      }
      // Thirty-one more single blocks, so that the deposits count as final.
      for (let block = 0; block < 31; block += 1) await chain.test.mine({ blocks: 1 });
      await chain.test.setAutomine(true);
    });

    afterAll(async () => {
      for (const indexer of running) await indexer.close();
      await postgres?.stop();
      await chain?.stop();
    });

    it("test_WhenRestarted_ResumesFromWhatItHadCommittedAndEndsWhereAnUninterruptedRunEnds", async () => {
      const crashed = await postgres.createDatabase("crashed");
      const first = await startTestIndexer(chain.node.url, { databaseUrl: crashed });
      running.push(first);

      // Wait until part of the backfill is in the database, then kill the process outright.
      let indexedBeforeCrash = 0;
      const deadline = Date.now() + 60_000;
      while (indexedBeforeCrash === 0 && Date.now() < deadline) {
        try {
          const { historyEvents } = await graphql<{ historyEvents: { totalCount: number } }>(
            first.url,
            "{ historyEvents(limit: 1) { totalCount } }",
          );
          indexedBeforeCrash = historyEvents.totalCount;
        } catch {
          // the API is not up yet
        }
        if (indexedBeforeCrash === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const readyAtCrash = (await fetch(`${first.url}/ready`)).status;
      await first.kill();
      expect(readyAtCrash).toBe(503);
      expect(indexedBeforeCrash).toBeGreaterThan(0);
      expect(indexedBeforeCrash).toBeLessThan(BLOCKS * DEPOSITORS * PER_BLOCK);

      // The restarted indexer first waits for the killed one's heartbeat to expire (Ponder's lock, 25 s): the
      // uninterrupted run it is compared with indexes a clean database meanwhile.
      const restarted = await startTestIndexer(chain.node.url, { databaseUrl: crashed });
      running.push(restarted);
      const clean = await startTestIndexer(chain.node.url, { databaseUrl: await postgres.createDatabase("clean") });
      running.push(clean);
      await Promise.all([restarted.caughtUp(120_000), clean.caughtUp(120_000)]);
      expect(restarted.output()).toContain("Detected crash recovery");
      const [recovered, uninterrupted] = [await dumpTables(restarted.url), await dumpTables(clean.url)];

      // Every deposit, and the arbiter's registration.
      expect(recovered.historyEvents).toHaveLength(BLOCKS * DEPOSITORS * PER_BLOCK + 1);
      expect(recovered).toEqual(uninterrupted);
    });
  });
});
