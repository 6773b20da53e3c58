/**
 * `npm run screenshot:dashboard`: redraws the README's pictures of the dashboard. Starts a fresh local node with
 * the demonstration scenario (the data `npm start` seeds), indexes it, serves the dashboard, and captures in
 * headless Chromium the agents page (docs/dashboard.png), the page of the agent that was warned, then narrowed
 * (docs/dashboard-agent.png: its badge, stake, outcomes chart and ladder history), and the operator's review of the
 * scenario's last week (docs/dashboard-review.png: the four signals' charts and the week's agents).
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { buildDashboard } from "../dashboard/build.ts";
import { startDashboardServer } from "../dashboard/server.ts";
import { launchChromium } from "./lib/chromium.ts";
import { startIndexer } from "./lib/indexer-process.ts";
import { deployLocalSurety, REPO_ROOT, startHardhatNode } from "./lib/local-chain.ts";
import { runScenario } from "./lib/scenario.ts";

const cleanups: (() => Promise<void>)[] = [];
try {
  const node = await startHardhatNode();
  cleanups.push(node.stop);
  const deployment = await deployLocalSurety(node.url);
  const scenario = await runScenario({ rpcUrl: node.url });
  const folder = await mkdtemp(path.join(os.tmpdir(), "surety-screenshot-"));
  cleanups.push(() => rm(folder, { recursive: true, force: true }));
  const indexer = await startIndexer({
    rpcUrl: node.url,
    database: { directory: folder },
    env: { SURETY_ADDRESS: deployment.surety, SURETY_START_BLOCK: String(deployment.startBlock) },
  });
  cleanups.push(indexer.stop);
  await indexer.caughtUp(180_000);
  await buildDashboard();
  const dashboard = await startDashboardServer({ apiUrl: indexer.url });
  cleanups.push(dashboard.close);
  const browser = await launchChromium({ width: 1200, height: 1180 });
  cleanups.push(browser.close);

  const page = await browser.context.newPage();
  const capture = async (route: string, file: string, height?: number) => {
    await page.goto(`${dashboard.url}#${route}`);
    await page.waitForFunction(`document.body.dataset.rendered === ${JSON.stringify(`#${route}`)}`);
    // The page's own height when shorter than `height`, so no empty space is kept.
    const bottom = (await page.evaluate("document.querySelector('main').getBoundingClientRect().bottom")) as number;
    const output = path.join(REPO_ROOT, "docs", file);
    await page.screenshot({
      path: output,
      clip: { x: 0, y: 0, width: 1200, height: Math.min(height ?? bottom, bottom) },
    });
    console.log(`wrote docs/${file} (${Math.round((await stat(output)).size / 1024)} KiB)`);
  };
  await capture("/agents", "dashboard.png");
  await capture(`/agents/${scenario.agents.narrowed}`, "dashboard-agent.png", 1_080);
  await capture("/review", "dashboard-review.png", 2_400);
} catch (error) {
  console.error(`screenshot:dashboard failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
} finally {
  for (let cleanup = cleanups.pop(); cleanup !== undefined; cleanup = cleanups.pop()) {
    await cleanup().catch((error: unknown) => console.error(`cleanup failed: ${(error as Error).message}`));
  }
}
