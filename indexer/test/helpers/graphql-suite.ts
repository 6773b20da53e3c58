/**
 * GraphQL as a dashboard author meets it, run by test/equivalence.test.ts against its indexer once that indexer
 * holds the full scenario (sharing its chain, scenario and recomputation saves a second backfill): the list queries
 * are named as English plurals, the relations lead from an agent, a pact, a buyer and an arbiter to exactly their own
 * rows (checked against the recomputation from the chain, helpers/expected.ts), and every example query of the
 * README's GraphQL section runs and finds rows.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import type { Hex } from "viem";
import { beforeAll, describe, expect, it } from "vitest";

import type { IndexerProcess } from "../../../scripts/lib/indexer-process.ts";
import type { ScenarioResult } from "../../../scripts/lib/scenario.ts";
import type { ExpectedState } from "./expected.ts";
import { graphql } from "./stack.ts";

/** Nouns that take no plural `s` in English: a list of them needs another name. */
const UNCOUNTABLE = ["money", "evidence", "information", "data", "metadata", "feedback", "history", "equipment"];

/**
 * Whether `plural` reads as the plural of the query name it was made from (Ponder appends an `s` to the table's
 * export name): not after a consonant and `y` (`historys`), nor after s, x, z, ch or sh (`boxs`), nor after a
 * noun that has no plural (`agentMoneys`, `metaEvidences`).
 */
function readsAsPlural(plural: string): boolean {
  if (!plural.endsWith("s")) return false;
  const singular = plural.slice(0, -1);
  const lastWord = (singular.match(/[A-Z]?[a-z]+$/)?.[0] ?? singular).toLowerCase();
  if (/[^aeiou]y$/.test(singular)) return false;
  if (/(s|x|z|ch|sh)$/.test(singular)) return false;
  return !UNCOUNTABLE.includes(lastWord);
}

/** The README's GraphQL examples: every ```graphql block of its "GraphQL schema" section. */
function readmeExamples(): string[] {
  const readme = readFileSync(path.join(import.meta.dirname, "../../README.md"), "utf8");
  const start = readme.indexOf("\n## GraphQL schema\n");
  if (start === -1) throw new Error('indexer/README.md has no "## GraphQL schema" section');
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

/** Every `items` list in a GraphQL answer, with where it is, for checking that an example finds rows. */
function itemLists(value: unknown, where = ""): { where: string; items: unknown[] }[] {
  if (value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => itemLists(item, `${where}[${index}]`));
  return Object.entries(value).flatMap(([key, inner]) =>
    key === "items" && Array.isArray(inner)
      ? [{ where: `${where}.items`, items: inner }, ...itemLists(inner, `${where}.items`)]
      : itemLists(inner, `${where}.${key}`),
  );
}

const lower = (address: string) => address.toLowerCase() as Hex;
const sorted = <T>(values: readonly T[]) => [...values].map(String).sort();

type Page<T> = { totalCount: number; items: T[] };

/** What the suite runs against: an indexer that has indexed the scenario, and the scenario's recomputation. */
export type GraphqlSuiteContext = { indexer: IndexerProcess; scenario: ScenarioResult; expected: ExpectedState };

/** The suite, against the context `current` resolves to when the suite starts. */
export function graphqlSuite(current: () => Promise<GraphqlSuiteContext>): void {
  let indexer: IndexerProcess;
  let scenario: ScenarioResult;
  let expected: ExpectedState;
  const ask = <T>(query: string, variables: Record<string, unknown> = {}) => graphql<T>(indexer.url, query, variables);

  describe("GraphQL", () => {
    beforeAll(async () => {
      ({ indexer, scenario, expected } = await current());
    });

    describe("the names of the list queries", () => {
      it("test_GivenTheOldNames_ReadsAsPluralRejectsThem", () => {
        expect(
          ["historys", "agentMoneys", "agentCounterpartys", "metaEvidences", "boxs"].filter(readsAsPlural),
        ).toEqual([]);
        expect(["pacts", "agents", "historyEvents", "weeklyReviews", "agentTokenTotals"].every(readsAsPlural)).toBe(
          true,
        );
      });

      it("test_NamesEveryListQueryAsTheEnglishPluralOfItsSingleQuery", async () => {
        const { __schema } = await ask<{
          __schema: {
            queryType: { fields: { name: string; type: { kind: string; ofType: { name: string } | null } }[] };
          };
        }>("{ __schema { queryType { fields { name type { kind ofType { name } } } } } }");
        const fields = __schema.queryType.fields;
        const lists = fields.filter(
          (field) => field.type.kind === "NON_NULL" && field.type.ofType?.name?.endsWith("Page"),
        );
        expect(lists.length).toBeGreaterThanOrEqual(15);
        const names = new Set(fields.map((field) => field.name));
        for (const list of lists) {
          expect({ list: list.name, readsAsPlural: readsAsPlural(list.name) }).toEqual({
            list: list.name,
            readsAsPlural: true,
          });
          // Each list is the plural of a single-row query.
          expect(names.has(list.name.slice(0, -1)), list.name).toBe(true);
        }
      });
    });

    describe("given an agent", () => {
      it("test_LinksItsStakePositionPactsWeeklyReviewsHistoryAndMoneyExactly", async () => {
        const address = lower(scenario.agents.narrowed);
        const { agent } = await ask<{
          agent: {
            address: string;
            stakePosition: { agent: string; staked: string; locked: string; free: string } | null;
            pacts: Page<{ pactId: string; agent: string }>;
            weeklyReviews: Page<{ weekStart: string; pactsSettled: number }>;
            history: Page<{ id: string; agent: string; pactId: string | null; blockNumber: string; logIndex: number }>;
            tokenTotals: Page<{ token: string; earned: string }>;
          } | null;
        }>(
          `query ($address: String!) {
          agent(chainId: 31337, address: $address) {
            address
            stakePosition { agent staked locked free }
            pacts(limit: 1000) { totalCount items { pactId agent } }
            weeklyReviews(limit: 1000) { totalCount items { weekStart pactsSettled } }
            history(orderBy: "id", limit: 1000) { totalCount items { id agent pactId blockNumber logIndex } }
            tokenTotals(limit: 1000) { totalCount items { token earned } }
          }
        }`,
          { address },
        );
        expect(agent?.address).toBe(address);
        const stake = expected.stakePosition.find((row) => row.agent === address)!;
        expect(agent!.stakePosition).toEqual({
          agent: address,
          staked: String(stake.staked),
          locked: String(stake.locked),
          free: String(stake.free),
        });

        const pactIds = expected.pact.filter((row) => row.agent === address).map((row) => row.pactId);
        expect(pactIds.length).toBeGreaterThan(5);
        expect(expected.pact.length).toBeGreaterThan(pactIds.length);
        expect(sorted(agent!.pacts.items.map((row) => row.pactId))).toEqual(sorted(pactIds));
        expect(agent!.pacts.totalCount).toBe(pactIds.length);

        const weeks = expected.weeklyReview.filter((row) => row.agent === address);
        expect(sorted(agent!.weeklyReviews.items.map((row) => `${row.weekStart}:${row.pactsSettled}`))).toEqual(
          sorted(weeks.map((row) => `${row.weekStart}:${row.pactsSettled}`)),
        );

        // Every row of the agent's pacts' histories, and the rows of its stake, offers and ladder, oldest first.
        const history = agent!.history.items;
        expect(history.every((row) => row.agent === address)).toBe(true);
        const ofItsPacts = history
          .filter((row) => row.pactId !== null)
          .map((row) => `${row.blockNumber}:${row.logIndex}`);
        const pactSet = new Set(pactIds.map(String));
        expect(ofItsPacts).toEqual(
          expected.history
            .filter((entry) => entry.pactId !== null && pactSet.has(String(entry.pactId)))
            .map((entry) => `${entry.blockNumber}:${entry.logIndex}`),
        );
        expect(history.some((row) => row.pactId === null)).toBe(true);
        const { historyEvents } = await ask<{ historyEvents: Page<{ id: string }> }>(
          `query ($address: String!) { historyEvents(where: { agent: $address }, orderBy: "id", limit: 1000) {
          totalCount items { id } } }`,
          { address },
        );
        expect(history.map((row) => row.id)).toEqual(historyEvents.items.map((row) => row.id));

        expect(agent!.tokenTotals.items).toEqual(
          expected.agentTokenTotal
            .filter((row) => row.agent === address)
            .map((row) => ({ token: row.token, earned: String(row.earned) })),
        );
      });
    });

    describe("given the operator's loop", () => {
      it("test_LinksAnAgentToItsReviewsNotesContainmentsAndOutcomesExactly", async () => {
        // The agent with the most reviews, notes and containments of the scenario.
        const weight = (address: string) =>
          expected.agentReview.filter((row) => row.agent === address).length +
          expected.exceptionNote.filter((row) => row.agent === address).length +
          expected.containmentEpisode.filter((row) => row.agent === address).length;
        const address = [...new Set(expected.agentReview.map((row) => row.agent))].sort(
          (a, b) => weight(b) - weight(a),
        )[0]!;
        const { agent } = await ask<{
          agent: {
            reviews: Page<{ blockNumber: string; logIndex: number; decision: string; changed: boolean }>;
            exceptionNotes: Page<{ blockNumber: string; logIndex: number; kind: string; pactId: string | null }>;
            containmentEpisodes: Page<{ episode: number; containedAt: string; endedAt: string | null }>;
            outcomes: Page<{ token: string; settledCount: number; settledValue: string; topBuyer: string }>;
          } | null;
        }>(
          `query ($address: String!) {
          agent(chainId: 31337, address: $address) {
            reviews(limit: 1000) { totalCount items { blockNumber logIndex decision changed } }
            exceptionNotes(limit: 1000) { totalCount items { blockNumber logIndex kind pactId } }
            containmentEpisodes(limit: 1000) { totalCount items { episode containedAt endedAt } }
            outcomes(limit: 1000) { totalCount items { token settledCount settledValue topBuyer } }
          }
        }`,
          { address },
        );
        const reviews = expected.agentReview.filter((row) => row.agent === address);
        expect(reviews.length).toBeGreaterThan(0);
        expect(
          sorted(
            agent!.reviews.items.map((row) => `${row.blockNumber}:${row.logIndex}:${row.decision}:${row.changed}`),
          ),
        ).toEqual(sorted(reviews.map((row) => `${row.blockNumber}:${row.logIndex}:${row.decision}:${row.changed}`)));
        const notes = expected.exceptionNote.filter((row) => row.agent === address);
        expect(
          sorted(
            agent!.exceptionNotes.items.map((row) => `${row.blockNumber}:${row.logIndex}:${row.kind}:${row.pactId}`),
          ),
        ).toEqual(sorted(notes.map((row) => `${row.blockNumber}:${row.logIndex}:${row.kind}:${row.pactId}`)));
        const episodes = expected.containmentEpisode.filter((row) => row.agent === address);
        expect(
          sorted(agent!.containmentEpisodes.items.map((row) => `${row.episode}:${row.containedAt}:${row.endedAt}`)),
        ).toEqual(sorted(episodes.map((row) => `${row.episode}:${row.containedAt}:${row.endedAt}`)));
        const outcomes = expected.agentOutcome.filter((row) => row.agent === address);
        expect(
          sorted(
            agent!.outcomes.items.map((row) => `${row.token}:${row.settledCount}:${row.settledValue}:${row.topBuyer}`),
          ),
        ).toEqual(
          sorted(outcomes.map((row) => `${row.token}:${row.settledCount}:${row.settledValue}:${row.topBuyer}`)),
        );
      });

      it("test_LinksAPactToItsExceptionNotesExactly", async () => {
        const noted = expected.exceptionNote.find((row) => row.pactId !== null);
        expect(noted).toBeDefined();
        const { pact } = await ask<{ pact: { exceptionNotes: Page<{ author: string; noteHash: string }> } | null }>(
          `query ($pactId: BigInt!) {
          pact(chainId: 31337, pactId: $pactId) { exceptionNotes(limit: 100) { totalCount items { author noteHash } } }
        }`,
          { pactId: String(noted!.pactId) },
        );
        const notes = expected.exceptionNote.filter((row) => row.pactId === noted!.pactId);
        expect(sorted(pact!.exceptionNotes.items.map((row) => `${row.author}:${row.noteHash}`))).toEqual(
          sorted(notes.map((row) => `${row.author}:${row.noteHash}`)),
        );
      });
    });

    describe("given a pact before a court", () => {
      it("test_LinksItsHistoryPartiesAndCourtDisputeExactly", async () => {
        const pactId = scenario.pacts.courtRuled;
        const row = expected.pact.find((pact) => pact.pactId === pactId)!;
        const { pact } = await ask<{
          pact: {
            agentRecord: { address: string };
            buyerRecord: { address: string };
            arbiterRecord: { address: string };
            courtDispute: { pactId: string; metaEvidence: { adapter: string; uri: string } | null } | null;
            history: Page<{
              kind: string;
              pactId: string;
              blockNumber: string;
              logIndex: number;
              pact: { pactId: string };
            }>;
          } | null;
        }>(
          `query ($pactId: BigInt!) {
          pact(chainId: 31337, pactId: $pactId) {
            agentRecord { address }
            buyerRecord { address }
            arbiterRecord { address }
            courtDispute { pactId metaEvidence { adapter uri } }
            history(orderBy: "id", limit: 1000) { totalCount items { kind pactId blockNumber logIndex pact { pactId } } }
          }
        }`,
          { pactId: String(pactId) },
        );
        expect([pact!.agentRecord.address, pact!.buyerRecord.address, pact!.arbiterRecord.address]).toEqual([
          row.agent,
          row.buyer,
          row.arbiter,
        ]);
        expect(pact!.courtDispute).toEqual({
          pactId: String(pactId),
          metaEvidence: { adapter: lower(scenario.court.adapter), uri: expected.metaEvidenceDocument[0]!.uri },
        });
        // Surety's events and the court's, in chain order, each linking back to the pact.
        const entries = expected.history.filter((entry) => entry.pactId === pactId);
        expect(entries.some((entry) => entry.kind === "AppealFunded")).toBe(true);
        expect(pact!.history.items.map((item) => [item.kind, item.blockNumber, item.logIndex])).toEqual(
          entries.map((entry) => [entry.kind, String(entry.blockNumber), entry.logIndex]),
        );
        expect(pact!.history.items.every((item) => item.pact.pactId === String(pactId))).toBe(true);
      });
    });

    describe("given a buyer and an arbiter", () => {
      it("test_LinksEachToExactlyThePactsNamingIt", async () => {
        const buyer = lower(scenario.buyers[1]);
        const arbiter = lower(scenario.arbiters.main);
        const data = await ask<{
          buyer: { pacts: Page<{ pactId: string }>; history: Page<{ buyer: string }> };
          arbiter: { pacts: Page<{ pactId: string }>; fees: Page<{ token: string; earned: string }> };
        }>(
          `query ($buyer: String!, $arbiter: String!) {
          buyer(chainId: 31337, address: $buyer) {
            pacts(limit: 1000) { totalCount items { pactId } }
            history(limit: 1000) { totalCount items { buyer } }
          }
          arbiter(chainId: 31337, address: $arbiter) {
            pacts(limit: 1000) { totalCount items { pactId } }
            fees(limit: 1000) { totalCount items { token earned } }
          }
        }`,
          { buyer, arbiter },
        );
        expect(sorted(data.buyer.pacts.items.map((row) => row.pactId))).toEqual(
          sorted(expected.pact.filter((row) => row.buyer === buyer).map((row) => row.pactId)),
        );
        expect(data.buyer.history.totalCount).toBeGreaterThan(0);
        expect(data.buyer.history.items.every((row) => row.buyer === buyer)).toBe(true);
        expect(sorted(data.arbiter.pacts.items.map((row) => row.pactId))).toEqual(
          sorted(expected.pact.filter((row) => row.arbiter === arbiter).map((row) => row.pactId)),
        );
        expect(data.arbiter.fees.items).toEqual(
          expected.arbiterFee
            .filter((row) => row.arbiter === arbiter)
            .map((row) => ({ token: row.token, earned: String(row.earned) })),
        );
      });
    });

    describe("the README's example queries", () => {
      it("test_RunsEveryExampleAndFindsRows_PagingWithAfterToADisjointNextPage", async () => {
        const examples = readmeExamples();
        expect(examples.length).toBeGreaterThanOrEqual(4);
        // The rows the README says the examples show are the demonstration's: its narrowed agent, its main arbiter,
        // and its pact ruled with a slash.
        const text = examples.join("\n");
        expect(text).toContain(`"${lower(scenario.agents.narrowed)}"`);
        expect(text).toContain(`"${lower(scenario.arbiters.main)}"`);
        expect(text).toContain(`pactId: "${scenario.pacts.resolvedSplit}"`);
        let paged = 0;
        for (const query of examples) {
          const data = await ask<Record<string, unknown>>(query);
          for (const [field, value] of Object.entries(data))
            expect({ field, value }).not.toEqual({ field, value: null });
          const lists = itemLists(data);
          expect(lists.length, query).toBeGreaterThan(0);
          for (const list of lists)
            expect({ query, where: list.where, found: list.items.length > 0 }).toMatchObject({ found: true });
          // An example that takes `$after` pages: its next page holds other rows.
          if (!query.includes("$after")) continue;
          const [page] = Object.values(data) as {
            items: unknown[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          }[];
          expect(page!.pageInfo.hasNextPage).toBe(true);
          const next = Object.values(
            await ask<Record<string, { items: unknown[] }>>(query, { after: page!.pageInfo.endCursor }),
          )[0]!;
          expect(next.items.length).toBeGreaterThan(0);
          const first = new Set(page!.items.map((item) => JSON.stringify(item)));
          expect(next.items.filter((item) => first.has(JSON.stringify(item)))).toEqual([]);
          paged += 1;
        }
        expect(paged).toBeGreaterThan(0);
      });
    });
  });
}
