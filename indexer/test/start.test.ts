/**
 * `npm start` (scripts/start.ts) as a newcomer runs it: the whole local stack comes up seeded and says where it
 * is; Ctrl-C leaves nothing running; a second start begins from a clean state; bad flags and a taken port fail
 * clearly, naming the flag or the step, before anything is built. (start-lifecycle.test.ts: stacks side by side,
 * the chain's clock, interruptions at every step and SIGKILL.)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:net";
import path from "node:path";

import type { AgentTrustResponse, ReviewTrendResponse, ReviewWeekResponse, WeekSignalsResponse } from "@surety/sdk";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { CHROMIUM_PATH, launchChromium, type Browser } from "../../scripts/lib/chromium.ts";
import { deployLocalSurety, freePort, REPO_ROOT, startHardhatNode } from "../../scripts/lib/local-chain.ts";
import { isoWeekLabel } from "../src/lib/weeks.ts";
import { getJson, graphql } from "./helpers/stack.ts";

type Started = { child: ChildProcess; output: () => string; exit: Promise<number | null> };

const running: ChildProcess[] = [];

function start(args: string[]): Started {
  // The test sets everything through flags.
  const env = { ...process.env };
  for (const name of [
    "SURETY_RPC_URL",
    "SURETY_DEPLOYMENT",
    "SURETY_CHAIN_PORT",
    "SURETY_API_PORT",
    "SURETY_DASHBOARD_PORT",
    "SURETY_SEED",
  ]) {
    delete env[name];
  }
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "scripts/start.ts"), ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let log = "";
  child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => log, exit };
}

async function waitFor(started: Started, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!started.output().includes(text)) {
    if (started.child.exitCode !== null)
      throw new Error(`start exited ${started.child.exitCode}:\n${started.output()}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
});

if (CHROMIUM_PATH === undefined) {
  console.log(
    "SKIPPED: the dashboard's browser tests: no Chromium at /usr/bin/chromium or SURETY_CHROMIUM (apt-get install chromium)",
  );
}

describe("npm start", () => {
  describe("given the seeded stack", () => {
    let first: Started;
    let chainPort: number;
    let apiPort: number;
    let dashboardPort: number;
    let api: string;
    let dashboard: string;

    beforeAll(async () => {
      [chainPort, apiPort, dashboardPort] = [await freePort(), await freePort(), await freePort()];
      first = start([
        "--chain-port",
        String(chainPort),
        "--api-port",
        String(apiPort),
        "--dashboard-port",
        String(dashboardPort),
      ]);
      await waitFor(first, "Surety is running", 240_000);
      api = `http://127.0.0.1:${apiPort}`;
      dashboard = `http://127.0.0.1:${dashboardPort}/`;
    });

    /** An address that `npm start` printed beside a role. */
    const printedAddress = (role: string) =>
      new RegExp(`${role.replace(/[()]/g, "\\$&")}\\s+(0x[0-9a-fA-F]{40})`).exec(first.output())![1]!;

    it("test_BringsTheSeededStackUpAndPrintsWhereItIs", async () => {
      const printed = first.output();
      expect(printed).toContain(`Dashboard   ${dashboard}`);
      expect(printed).toContain(`GraphQL     ${api}/graphql`);
      expect(printed).toContain(`Trust API   ${api}/agents`);
      expect(printed).toContain("Surety        0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");
      for (const role of ["operator", "agent (narrowed)", "buyer 1", "arbiter (silent)"]) {
        expect(printed).toContain(role);
      }
      for (const step of [
        "Start a Hardhat node",
        "Deploy Surety with Ignition",
        "Seed the demonstration",
        "Start the indexer",
        "Build the trust dashboard",
      ]) {
        expect(printed).toContain(step);
      }

      const { pacts } = await graphql<{ pacts: { totalCount: number } }>(api, "{ pacts { totalCount } }");
      expect(pacts.totalCount).toBeGreaterThanOrEqual(20);
      const trust = await getJson<{ status: string; disputes: { lost: number } }>(
        `${api}/agents/${printedAddress("agent (narrowed)")}/trust`,
      );
      expect(trust.body.status).toBe("narrowed");
      expect(trust.body.disputes.lost).toBeGreaterThan(0);

      const config = await getJson<{ apiUrl: string }>(`${dashboard}config.json`);
      expect(config.body).toEqual({ apiUrl: api });
    });

    describe.skipIf(CHROMIUM_PATH === undefined)("when the dashboard is opened in Chromium", () => {
      let browser: Browser;
      let page: Page;

      beforeAll(async () => {
        browser = await launchChromium();
      });
      afterAll(async () => {
        await browser?.close();
      });
      beforeEach(async () => {
        page = await browser.context.newPage();
      });
      afterEach(async () => {
        await page.close();
      });

      /** Opens a route of the dashboard and waits until its page (or its error page) is drawn. */
      async function open(route: string, query = ""): Promise<void> {
        await page.goto(`${dashboard}${query}#${route}`);
        await page.waitForFunction((hash) => document.body.dataset.rendered === hash, `#${route}`);
      }
      const heading = () => page.locator("main h1").innerText();
      /** The value shown under a label of a page's facts. */
      const fact = (label: string) =>
        page.locator(".facts div", { has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd");

      it("test_RanksTheAgentsInATableWithLadderBadges_SortedAndFilteredAsClicked", async () => {
        await open("/agents");
        const rows = page.locator("table.agents tbody tr");
        expect(await rows.count()).toBe(4);
        const narrowed = page.locator(`tr[data-agent="${printedAddress("agent (narrowed)").toLowerCase()}"]`);
        expect(await narrowed.locator(".badge").innerText()).toBe("Narrowed");
        expect(await narrowed.locator(".badge").evaluate((badge) => getComputedStyle(badge).backgroundColor)).not.toBe(
          await page
            .locator(".badge-good")
            .first()
            .evaluate((badge) => getComputedStyle(badge).backgroundColor),
        );
        expect(await narrowed.locator("td").nth(2).innerText()).toMatch(/^[\d,.]+ mUSD$/);

        await page.locator("th a", { hasText: "Stake" }).first().click();
        await page.waitForFunction(() => document.body.dataset.rendered?.includes("orderBy=stake") === true);
        const stakes = await page.locator("table.agents tbody tr td:nth-child(3)").allInnerTexts();
        const values = stakes.map((text) => Number(text.replace(/[^\d.]/g, "")));
        expect(values).toEqual([...values].sort((a, b) => b - a));

        await page.locator(".chip", { hasText: "Narrowed" }).click();
        await page.waitForFunction(() => document.body.dataset.rendered?.includes("status=narrowed") === true);
        expect(await page.locator("table.agents tbody tr").count()).toBe(1);
        expect(await page.locator("table.agents .badge").innerText()).toBe("Narrowed");
      });

      it("test_ShowsAnAgentsRecordStakeAndLadderHistoryAChartDrawnWithDataOpenPactsAndEvents", async () => {
        const agent = printedAddress("agent (narrowed)");
        await open(`/agents/${agent}`);
        expect(await heading()).toContain(agent);
        expect(await page.locator("main h1 .badge").innerText()).toBe("Narrowed");

        const bars = await page.locator("figure.chart rect.bar").evaluateAll((rects) =>
          rects.map((rect) => ({
            series: rect.dataset.series,
            height: (rect as SVGGraphicsElement).getBBox().height,
          })),
        );
        expect(bars.filter((bar) => bar.series === "released" && bar.height > 0).length).toBeGreaterThan(0);
        expect(bars.filter((bar) => bar.series === "slashed" && bar.height > 0).length).toBeGreaterThan(0);

        const ladder = await page.locator("table.ladder tbody tr .badge").allInnerTexts();
        expect(ladder).toEqual(["Narrowed", "Narrowed", "Warned"]);
        const stake = await page.locator("table.stake tbody tr").allInnerTexts();
        expect(stake.some((row) => row.includes("Slashed"))).toBe(true);
        expect(stake.at(-1)).toContain("Stake deposited");
        expect(await page.locator("section", { hasText: "Open pacts (1)" }).locator("tbody tr").count()).toBe(1);
        expect(await page.locator("table.events tbody tr").count()).toBeGreaterThan(5);
      });

      it("test_ShowsAPactsTermsAndATimelineOfEveryTransition", async () => {
        const { historyEvents } = await graphql<{ historyEvents: { items: { pactId: string }[] } }>(
          api,
          '{ historyEvents(where: { kind: DisputeResolved }, orderBy: "id", limit: 1) { items { pactId } } }',
        );
        const pactId = historyEvents.items[0]!.pactId;
        const expected = await getJson<{ timeline: { kind: string; transactionHash: string }[] }>(
          `${api}/pacts/${pactId}`,
        );
        await open(`/pacts/${pactId}`);
        expect(await heading()).toContain(`Pact #${pactId}`);
        expect(await fact("Price").innerText()).toMatch(/mUSD$/);
        const entries = page.locator("ol.timeline li.event");
        expect(await entries.evaluateAll((items) => items.map((item) => item.dataset.kind))).toEqual(
          expected.body.timeline.map((event) => event.kind),
        );
        expect(await entries.last().innerText()).toContain("Dispute resolved");
        expect(await entries.first().locator(".tx code").getAttribute("title")).toBe(
          expected.body.timeline[0]!.transactionHash,
        );
      });

      it("test_SaysInWordsWhenACourtHeldAPactsRulingAndWhenABuyerLeftTheCourtsFeeUnpaid", async () => {
        type Found = { items: { pactId: string; agent: string }[] };
        const { held, unfunded } = await graphql<{ held: Found; unfunded: Found }>(
          api,
          `
            {
              held: historyEvents(where: { kind: RulingHeld }, orderBy: "id", limit: 1) {
                items {
                  pactId
                  agent
                }
              }
              unfunded: historyEvents(where: { kind: ArbitrationUnfunded }, orderBy: "id", limit: 1) {
                items {
                  pactId
                  agent
                }
              }
            }
          `,
        );
        const heldPact = held.items[0]!;
        const unfundedPact = unfunded.items[0]!;

        await open(`/pacts/${heldPact.pactId}`);
        expect(await page.locator('.notice[data-court="held"]').innerText()).toMatch(
          /^The ruling was held for the court until \d{4}-\d\d-\d\d \d\d:\d\d UTC; the pact has since been resolved\.$/,
        );
        const hold = page.locator('ol.timeline li.event[data-kind="RulingHeld"]');
        expect(await hold.locator(".what").innerText()).toBe("Ruling held for the court");
        expect(await hold.locator(".note").innerText()).toContain("no default ruling before");

        await open(`/pacts/${unfundedPact.pactId}`);
        expect(await page.locator('.notice[data-court="unfunded"]').innerText()).toContain(
          "the delivery stood and the agent was paid in full",
        );
        const unpaid = page.locator('ol.timeline li.event[data-kind="ArbitrationUnfunded"]');
        expect(await unpaid.locator(".what").innerText()).toBe("Court fee unpaid: the delivery stands");

        // The agent's page: its record counts the unpaid fee as a dispute it won, its recent events say both.
        await open(`/agents/${unfundedPact.agent}`);
        expect(await fact("Court fees left unpaid by buyers \\(won\\)").innerText()).toBe("1");
        const recent = await page.locator("table.events tbody").innerText();
        expect(recent).toContain("Court fee unpaid: the delivery stands");
        expect(recent).toContain("Ruling held for the court");
        expect(recent).toContain("no default ruling before");
      });

      it("test_ShowsAnArbitersDisputesRuledAbstainedDefaultedThroughSilenceAndTimeToRule", async () => {
        await open(`/arbiters/${printedAddress("arbiter (silent)")}`);
        const { arbiters } = await graphql<{
          arbiters: { items: { disputesRuled: number; disputesAbstained: number; disputesDefaulted: number }[] };
        }>(
          api,
          `{ arbiters(where: { address: "${printedAddress("arbiter (silent)").toLowerCase()}" }) {
              items { disputesRuled disputesAbstained disputesDefaulted } } }`,
        );
        const row = arbiters.items[0]!;
        expect(row.disputesDefaulted).toBeGreaterThan(0);
        expect(await fact("Ruled").innerText()).toBe(String(row.disputesRuled));
        expect(await fact("Abstained").innerText()).toBe(String(row.disputesAbstained));
        expect(await fact("Defaulted through silence").innerText()).toBe(String(row.disputesDefaulted));
        expect(await fact("Mean time to rule").innerText()).toMatch(/\d+ (d|h|min|s)/);

        const all = await graphql<{ arbiters: { totalCount: number } }>(api, "{ arbiters { totalCount } }");
        expect(all.arbiters.totalCount).toBeGreaterThanOrEqual(3);
        await open("/arbiters");
        expect(await page.locator("table.arbiters tbody tr").count()).toBe(all.arbiters.totalCount);
      });

      it("test_ShowsWhatWaitsOnAPartySoonestDeadlineFirst", async () => {
        const buyers = [printedAddress("buyer 1"), printedAddress("buyer 2"), printedAddress("buyer 3")];
        type Action = { action: string; deadline: number | null; pact: { pactId: string } };
        let waiting: { address: string; actions: Action[] } | undefined;
        for (const buyer of buyers) {
          const pending = await getJson<{ actions: Action[] }>(`${api}/parties/${buyer}/pending`);
          if (pending.body.actions.length > 0) waiting = { address: buyer, actions: pending.body.actions };
        }
        expect(waiting).toBeDefined();
        await open(`/parties/${waiting!.address}`);
        const rows = page.locator("table.pending tbody tr");
        expect(await rows.evaluateAll((items) => items.map((item) => item.dataset.action))).toEqual(
          waiting!.actions.map((action) => action.action),
        );
        expect(await rows.first().innerText()).toContain(`#${waiting!.actions[0]!.pact.pactId}`);
        const deadlines = await rows.locator("td:last-child").allInnerTexts();
        expect(deadlines).toHaveLength(waiting!.actions.length);
        waiting!.actions.forEach((action, index) =>
          expect(deadlines[index]).toMatch(action.deadline === null ? /^Any time: no deadline$/ : / UTC \((in|.* ago)/),
        );

        // The operator is party to no pact: nothing can wait on it.
        const idle = printedAddress("operator");
        expect((await getJson<{ actions: Action[] }>(`${api}/parties/${idle}/pending`)).body.actions).toEqual([]);
        await open(`/parties/${idle}`);
        expect(await page.locator("main").innerText()).toContain("Nothing waits on this address.");
      });

      /** Each chart of the review page, and the figure of a week's deployment signals each of its series draws. */
      const REVIEW_CHARTS: Record<string, Record<string, (week: WeekSignalsResponse) => number | null>> = {
        "rescue-per-pact": { perSettledPact: (week) => week.rescue.perSettledPact },
        "rescue-paths": {
          extensions: (week) => week.rescue.extensions,
          agreements: (week) => week.rescue.settlementsByAgreement,
          agentRefunds: (week) => week.rescue.refundsByAgent,
          notes: (week) => week.rescue.loggedExceptions,
        },
        "narrowing-time": {
          meanNarrow: (week) => week.narrowing.meanTimeToNarrowSeconds,
          medianNarrow: (week) => week.narrowing.medianTimeToNarrowSeconds,
        },
        "narrowing-agents": {
          worsened: (week) => week.narrowing.worsened,
          answered: (week) => week.narrowing.answered,
          unanswered: (week) => week.narrowing.unanswered,
        },
        "recovery-time": {
          meanRecovery: (week) => week.recovery.meanRecoverySeconds,
          medianRecovery: (week) => week.recovery.medianRecoverySeconds,
        },
        "recovery-events": {
          containments: (week) => week.recovery.containments,
          recertifications: (week) => week.recovery.recertifications,
          relapses: (week) => week.recovery.relapses,
        },
        "reviews-rates": {
          decisionRate: (week) => week.reviews.decisionRate,
          coverage: (week) => week.reviews.coverage,
        },
        "reviews-counts": {
          recorded: (week) => week.reviews.recorded,
          changedScope: (week) => week.reviews.changedScope,
          activeAgents: (week) => week.reviews.activeAgents,
        },
        concentrated: { concentrated: (week) => week.evidence.concentrated },
      };

      it("test_DrawsTheFourSignalsOverTheLastEightWeeks_EachBarTheFigureTheReviewRouteGives", async () => {
        const trend = (await getJson<ReviewTrendResponse>(`${api}/review?weeks=8`)).body;
        expect(trend.weeks).toHaveLength(8);
        // The demonstration gives every signal data in some week: rescue work over settled pacts, a signal answered by
        // a ladder step, a containment ended by a recertification, reviews of active agents.
        const some = (figure: (week: WeekSignalsResponse) => number | null) =>
          trend.weeks.some((week) => (figure(week.deployment) ?? 0) > 0);
        expect(some((week) => week.rescue.perSettledPact)).toBe(true);
        expect(some((week) => week.rescue.loggedExceptions)).toBe(true);
        expect(some((week) => week.narrowing.meanTimeToNarrowSeconds)).toBe(true);
        expect(some((week) => week.recovery.meanRecoverySeconds)).toBe(true);
        expect(some((week) => week.reviews.decisionRate)).toBe(true);
        expect(some((week) => week.reviews.coverage)).toBe(true);

        await open("/review");
        expect(await page.locator("main").getAttribute("data-week")).toBe(trend.weeks.at(-1)!.isoWeek);
        for (const signal of ["rescue", "narrowing", "recovery", "reviews", "evidence"]) {
          expect(await page.locator(`.signal[data-signal="${signal}"] figure.chart`).count()).toBeGreaterThan(0);
        }
        for (const [chart, series] of Object.entries(REVIEW_CHARTS)) {
          const drawn = await page.locator(`figure[data-chart="${chart}"] [data-series]`).evaluateAll((marks) =>
            marks.map((mark) => ({
              series: mark.dataset.series!,
              week: mark.dataset.period!,
              value: mark.tagName === "rect" ? Number(mark.dataset.value) : null,
              height: mark.tagName === "rect" ? (mark as SVGGraphicsElement).getBBox().height : 0,
            })),
          );
          const expected = trend.weeks.flatMap((week) =>
            Object.entries(series).map(([key, figure]) => ({
              series: key,
              week: week.isoWeek,
              value: figure(week.deployment),
            })),
          );
          expect({ chart, drawn: drawn.map(({ series, week, value }) => ({ series, week, value })) }).toEqual({
            chart,
            drawn: expected,
          });
          // A bar stands for each figure above zero; nothing is drawn for nothing to measure.
          for (const mark of drawn) expect(mark.height > 0).toBe((mark.value ?? 0) > 0);
        }
      });

      it("test_ListsAWeeksUndecidedAgentsFirstHighlighted_AndMovesBetweenWeeks", async () => {
        const trend = (await getJson<ReviewTrendResponse>(`${api}/review?weeks=8`)).body;
        const weeks = await Promise.all(
          trend.weeks.map(async (week) => (await getJson<ReviewWeekResponse>(`${api}/review/${week.isoWeek}`)).body),
        );
        // The agent slashed and never moved on the ladder is left undecided in some week of the demonstration.
        const review = weeks.find((week) => week.agents.some((agent) => agent.undecided));
        expect(review).toBeDefined();
        const undecided = review!.agents.filter((agent) => agent.undecided);
        expect(review!.agents.length).toBeGreaterThan(undecided.length);

        await open(`/review/${review!.isoWeek}`);
        const rows = page.locator("table.review-week tbody tr");
        expect(
          await rows.evaluateAll((items) => items.map((item) => [item.dataset.agent, item.dataset.undecided])),
        ).toEqual(review!.agents.map((agent) => [String(agent.agent).toLowerCase(), String(agent.undecided)]));
        // The undecided come first, marked, on a background of their own.
        for (let index = 0; index < undecided.length; index++) {
          expect(await rows.nth(index).locator(".late-mark").innerText()).toBe("No decision yet");
        }
        expect(await rows.nth(undecided.length).locator(".late-mark").count()).toBe(0);
        const background = (index: number) => rows.nth(index).evaluate((row) => getComputedStyle(row).backgroundColor);
        expect(await background(0)).not.toBe(await background(undecided.length));
        expect(await page.locator(".signal[data-signal=narrowing] .headline").innerText()).toContain(
          `${review!.deployment.narrowing.worsened} agent`,
        );
        // Each review recorded in the week shows with its decision.
        expect(
          await page
            .locator("table.review-week .decision")
            .evaluateAll((items) => items.map((item) => item.dataset.decision)),
        ).toEqual(review!.agents.flatMap((agent) => agent.reviews.map((entry) => entry.decision)));

        // The week before, by the picker.
        await page.locator(".weeks > a").first().click();
        const previous = `#/review/${isoWeekLabel(BigInt(review!.weekStart - 7 * 86_400))}`;
        await page.waitForFunction((hash) => document.body.dataset.rendered === hash, previous);
      });

      it("test_ShowsAnAgentsReviewsExceptionNotesRecoveryAndEvidence", async () => {
        const agent = printedAddress("agent (recertified)");
        const trust = (await getJson<AgentTrustResponse>(`${api}/agents/${agent}/trust`)).body;
        expect(trust.reviews.count).toBeGreaterThan(0);
        expect(trust.recovery.recoveries).toBeGreaterThan(0);
        await open(`/agents/${agent}`);

        const reviews = page.locator("table.reviews tbody tr");
        expect(await reviews.evaluateAll((rows) => rows.map((row) => row.dataset.decision))).toEqual(
          trust.reviews.history.map((review) => review.decision),
        );
        expect(await reviews.first().locator("code.hash").first().getAttribute("title")).toBe(
          trust.reviews.history[0]!.evidenceHash,
        );
        expect(await reviews.first().innerText()).toContain(trust.reviews.history[0]!.isoWeek);
        expect(await fact("Latest review").innerText()).toContain(trust.reviews.latest!.decision);
        expect(await page.locator("table.exceptions tbody tr").count()).toBe(trust.exceptions.history.length);
        expect(await fact("Recoveries by recertification").innerText()).toBe(String(trust.recovery.recoveries));
        expect(await fact("Since recertification").innerText()).toMatch(
          trust.recovery.sinceRecertification!.clean ? /^clean so far: \d+ pacts? in / : /^relapsed /,
        );
        const tokens = page.locator("table.evidence tbody tr");
        expect(await tokens.count()).toBe(trust.evidence.tokens.length);
        expect(await page.locator('.evidence [data-flag="concentrated-counterparties"]').count()).toBe(
          trust.evidence.concentrated ? 1 : 0,
        );

        // An agent the operator never reviewed (the demonstration leaves one unreviewed) says so.
        let quiet: string | undefined;
        for (const role of ["agent (narrowed)", "agent (recertified)", "agent (slashed)", "agent (spammed)"]) {
          const record = (await getJson<AgentTrustResponse>(`${api}/agents/${printedAddress(role)}/trust`)).body;
          if (record.reviews.count === 0) quiet ??= printedAddress(role);
        }
        expect(quiet).toBeDefined();
        await open(`/agents/${quiet!}`);
        expect(await page.locator("section", { hasText: "Reviews (0)" }).locator(".empty").innerText()).toBe(
          "No review recorded yet: the operator has not reviewed this agent.",
        );
        expect(await fact("Latest review").innerText()).toBe("none yet");
      });

      it("test_GivenAWeekThatIsNoISOWeekOrNotYetIndexed_SaysSo", async () => {
        await open("/review/2025-W53");
        expect(await heading()).toBe("Not an ISO week");
        expect(await page.locator("main").innerText()).toContain("names week 53, but 2025 has weeks 1 to 52");

        const trend = (await getJson<ReviewTrendResponse>(`${api}/review?weeks=1`)).body;
        const next = isoWeekLabel(BigInt(trend.weeks[0]!.weekStart + 7 * 86_400));
        await open(`/review/${next}`);
        expect(await heading()).toBe("Week not found");
        expect(await page.locator("main").innerText()).toContain(`no review of week ${next}`);
      });

      it("test_GivenAnUnknownAgent_SaysItIsNotFound", async () => {
        const unknown = "0x000000000000000000000000000000000000dEaD";
        await open(`/agents/${unknown}`);
        expect(await heading()).toBe("Agent not found");
        expect(await page.locator("main").innerText()).toContain(`has never seen agent ${unknown}`);
      });

      it("test_GivenAnUnreachableIndexer_SaysWhichItCouldNotReach", async () => {
        const closed = `http://127.0.0.1:${await freePort()}`;
        await open("/agents", `?api=${encodeURIComponent(closed)}`);
        expect(await heading()).toBe("Indexer unreachable");
        expect(await page.locator("main").innerText()).toContain(`could not reach the indexer at ${closed}`);
      });
    });

    it("test_WhenInterrupted_StopsItAllAndASecondStartBeginsFromACleanState", async () => {
      first.child.kill("SIGINT");
      expect(await first.exit).toBe(0);
      expect(first.output()).toContain("Stopped: the node, the indexer and the dashboard are down.");
      for (const port of [chainPort, apiPort, dashboardPort]) expect(await portFree(port)).toBe(true);

      // A second start on the same ports begins from a clean chain and database.
      const second = start([
        "--chain-port",
        String(chainPort),
        "--api-port",
        String(apiPort),
        "--dashboard-port",
        String(dashboardPort),
        "--no-seed",
      ]);
      await waitFor(second, "Surety is running", 180_000);
      const empty = await graphql<{ pacts: { totalCount: number } }>(api, "{ pacts { totalCount } }");
      expect(empty.pacts.totalCount).toBe(0);
      if (CHROMIUM_PATH !== undefined) {
        // With nothing indexed, the dashboard says so rather than drawing an empty table.
        const browser = await launchChromium();
        try {
          const page = await browser.context.newPage();
          await page.goto(`${dashboard}#/agents`);
          await page.waitForFunction(() => document.body.dataset.rendered === "#/agents");
          expect(await page.locator("main .empty").innerText()).toMatch(/^No agents yet/);
          expect(await page.locator("table.agents").count()).toBe(0);
          // The review page reads as a week with nothing yet: no agent to review, no review recorded, every bar zero.
          await page.goto(`${dashboard}#/review`);
          await page.waitForFunction(() => document.body.dataset.rendered === "#/review");
          expect(await page.locator("main .empty").innerText()).toMatch(/^No agent to review this week/);
          expect(await page.locator('.signal[data-signal="reviews"] .headline').innerText()).toContain(
            "no review recorded",
          );
          expect(await page.locator("figure.chart").count()).toBeGreaterThanOrEqual(5);
          expect(
            await page.locator("figure.chart rect.bar").evaluateAll((bars) => bars.map((bar) => bar.dataset.value)),
          ).toEqual(expect.arrayContaining(["0"]));
          expect(
            await page
              .locator("figure.chart rect.bar")
              .evaluateAll((bars) => bars.filter((bar) => bar.dataset.value !== "0").length),
          ).toBe(0);
        } finally {
          await browser.close();
        }
      }
      second.child.kill("SIGTERM");
      expect(await second.exit).toBe(0);
      expect(await portFree(apiPort)).toBe(true);
    });
  });

  it("test_GivenAnExternalChainAndDeployment_IndexesThemInsteadOfStartingANode", async () => {
    const node = await startHardhatNode();
    try {
      const deployment = await deployLocalSurety(node.url);
      const [apiPort, dashboardPort] = [await freePort(), await freePort()];
      const started = start([
        "--rpc-url",
        node.url,
        "--api-port",
        String(apiPort),
        "--dashboard-port",
        String(dashboardPort),
      ]);
      await waitFor(started, "Surety is running", 180_000);
      expect(started.output()).not.toContain("Start a Hardhat node");
      expect(started.output()).toContain(`Chain RPC   ${node.url}   (chain 31337)`);
      expect(started.output()).toContain(`Surety        ${deployment.surety}`);
      const status = await getJson<{ surety: { id: number } }>(`http://127.0.0.1:${apiPort}/status`);
      expect(status.body.surety.id).toBe(31337);
      started.child.kill("SIGINT");
      expect(await started.exit).toBe(0);
      // The external node is not the stack's to stop.
      expect(
        await (
          await fetch(node.url, {
            method: "POST",
            body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}',
            headers: { "content-type": "application/json" },
          })
        ).json(),
      ).toMatchObject({ result: "0x7a69" });
    } finally {
      await node.stop();
    }
  });

  it.each([
    [["--chain-port", "99999"], "--chain-port (SURETY_CHAIN_PORT) must be a port between 1 and 65535"],
    [["--api-port", "http"], '--api-port (SURETY_API_PORT) must be a port between 1 and 65535, not "http"'],
    [["--deployment", "x.json"], "--deployment (SURETY_DEPLOYMENT) goes with --rpc-url"],
    [["--rpc-url", "localhost:8545"], "--rpc-url (SURETY_RPC_URL) must be an http(s) URL"],
    [["--rpc-url", "http://127.0.0.1:1", "--seed"], "seeding needs the local node"],
    [["--dashboard-port", "0"], "--dashboard-port (SURETY_DASHBOARD_PORT) must be a port between 1 and 65535"],
    [["--api-port", "4000", "--dashboard-port", "4000"], "--api-port and --dashboard-port are both 4000"],
    [["--colour"], "Unknown option '--colour'"],
    [["--no-seed", "--seed"], "--seed and --no-seed contradict each other"],
    [["--api-port", "4001", "--api-port", "4002"], "--api-port is given 2 times"],
  ])("test_RevertWhen_FlagsAre_%j_ExitsWithCode2NamingTheFlag", async (args, message) => {
    const started = start(args);
    expect(await started.exit).toBe(2);
    expect(started.output()).toContain(message);
    expect(started.output()).toContain("Usage: npm start");
  });

  it("test_RevertWhen_NoChainAnswersAtTheRpcUrl_ExitsWithCode3NamingIt", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const started = start(["--rpc-url", closed, "--deployment", "x.json"]);
    expect(await started.exit).toBe(3);
    expect(started.output()).toContain(`no chain answers at ${closed}`);
    expect(started.output()).not.toContain("Request Arguments");
  });

  it("test_RevertWhen_AStepFails_NamesItAndLeavesNothingRunning", async () => {
    const [chainPort, apiPort, dashboardPort] = [await freePort(), await freePort(), await freePort()];
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(apiPort, "127.0.0.1", resolve));
    try {
      const started = start([
        "--chain-port",
        String(chainPort),
        "--api-port",
        String(apiPort),
        "--dashboard-port",
        String(dashboardPort),
      ]);
      expect(await started.exit).toBe(1);
      expect(started.output()).toContain(
        `npm start failed at "Check that ports ${chainPort}, ${apiPort} and ${dashboardPort} are free"`,
      );
      expect(started.output()).toContain(`port ${apiPort} on 127.0.0.1 is taken by another program`);
      expect(started.output()).toContain("choose another port with --api-port");
      // Nothing that could harm a running stack is suggested, and the ports are checked before any build.
      expect(started.output()).not.toContain("another Surety running");
      expect(started.output()).not.toContain("Build the SDK");
      expect(await portFree(chainPort)).toBe(true);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
