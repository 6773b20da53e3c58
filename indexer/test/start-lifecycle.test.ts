/**
 * `npm start` beside another start and under interruption, as a newcomer meets it: two stacks in one checkout each
 * keep indexing, and a start on a port a running one holds is refused without touching it; the local chain's clock
 * moves with no transaction, so a pact past its deadline reads overdue and refunds; Ctrl-C at each start-up step,
 * and a SIGKILL of start.ts or of npm, leave no process and no port behind within 10 s.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

import { loadDeployment, suretyActions, type Deployment } from "@surety/sdk";
import { createPublicClient, createWalletClient, http, parseUnits, type Address } from "viem";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { freePort, localAccount, REPO_ROOT } from "../../scripts/lib/local-chain.ts";
import { claimStack, STATE_ROOT } from "../../scripts/lib/stack-state.ts";
import { stopSupervised, superviseProcess } from "../../scripts/lib/supervise.ts";
import { getJson, MOCK_MINT_ABI } from "./helpers/stack.ts";

type Started = {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
  ports: { chain: number; api: number; dashboard: number };
};

const running: ChildProcess[] = [];

/** Three free ports, distinct. */
async function freePorts() {
  const taken = new Set<number>();
  const next = async () => {
    let port = await freePort();
    while (taken.has(port)) port = await freePort();
    taken.add(port);
    return port;
  };
  return { chain: await next(), api: await next(), dashboard: await next() };
}

const portArgs = (ports: Started["ports"]) => [
  "--chain-port",
  String(ports.chain),
  "--api-port",
  String(ports.api),
  "--dashboard-port",
  String(ports.dashboard),
];

/**
 * Starts the stack on `ports`: `node scripts/start.ts`, or `npm start` (npm, then sh, then start.ts) as a newcomer
 * types it.
 */
function start(ports: Started["ports"], extra: string[] = [], via: "node" | "npm" = "node"): Started {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("SURETY_") || name.startsWith("npm_")) delete env[name];
  const args = [...portArgs(ports), ...extra];
  const child =
    via === "node"
      ? spawn(process.execPath, [path.join(REPO_ROOT, "scripts/start.ts"), ...args], {
          cwd: REPO_ROOT,
          env,
          stdio: ["ignore", "pipe", "pipe"],
        })
      : spawn("npm", ["start", "--", ...args], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  running.push(child);
  let log = "";
  child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => log, exit, ports };
}

async function waitFor(started: Started, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!started.output().includes(text)) {
    if (started.child.exitCode !== null) {
      throw new Error(`start exited ${started.child.exitCode} before "${text}":\n${started.output()}`);
    }
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** A process as /proc shows it: its pid and its start time, which tells it from a later one given the same pid. */
type Proc = { pid: number; start: string; command: string };

function procOf(pid: number): (Proc & { ppid: number }) | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    // A zombie has finished: it holds nothing, and only its parent's wait removes it.
    if (fields[0] === "Z") return undefined;
    return { pid, ppid: Number(fields[1]), start: fields[19]!, command };
  } catch {
    return undefined;
  }
}

/** Every process descended from `root` now (its children, theirs, and so on). */
function descendants(root: number): Proc[] {
  const all = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => procOf(Number(entry)))
    .filter((proc) => proc !== undefined);
  const found: Proc[] = [];
  const parents = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const proc of all) {
      if (parents.has(proc.ppid) && !parents.has(proc.pid)) {
        parents.add(proc.pid);
        found.push(proc);
        grew = true;
      }
    }
  }
  return found;
}

const stillRunning = (procs: Proc[]) => procs.filter((proc) => procOf(proc.pid)?.start === proc.start);

/**
 * Waits up to `timeoutMs` for every one of `procs` to end and every port of the stack to be free; returns what is
 * left (nothing when all went in time).
 */
async function leftovers(procs: Proc[], ports: Started["ports"], timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = stillRunning(procs);
    const busy: number[] = [];
    for (const port of Object.values(ports)) if (!(await portFree(port))) busy.push(port);
    if ((alive.length === 0 && busy.length === 0) || Date.now() > deadline) {
      return { processes: alive.map((proc) => proc.command.slice(0, 160)), ports: busy };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

afterAll(async () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
  await new Promise((resolve) => setTimeout(resolve, 500));
});

/** SDK clients on a started stack's chain, for the demonstration's public test accounts. */
async function clientsOf(started: Started) {
  const deployment: Deployment = await loadDeployment(
    path.join(REPO_ROOT, "ignition/deployments", `local-${started.ports.chain}`),
  );
  const url = `http://127.0.0.1:${started.ports.chain}`;
  const chain = { ...hardhat, rpcUrls: { default: { http: [url] } } } as const;
  const publicClient = createPublicClient({ chain, transport: http(url), cacheTime: 0 });
  const walletOf = (index: number) =>
    createWalletClient({ account: localAccount(index), chain, transport: http(url), pollingInterval: 50 }).extend(
      suretyActions(deployment),
    );
  /** Mints mock stake tokens (open minting on the local deployment) to `to`. */
  const mint = async (to: Address, amount: string) => {
    const hash = await walletOf(0).writeContract({
      address: deployment.stakeToken,
      abi: MOCK_MINT_ABI,
      functionName: "mint",
      args: [to, parseUnits(amount, 6)],
    });
    await publicClient.waitForTransactionReceipt({ hash });
  };
  return { deployment, publicClient, walletOf, mint, api: `http://127.0.0.1:${started.ports.api}` };
}

/** Polls `read` every 200 ms until it returns something other than undefined, or throws after `timeoutMs`. */
async function eventually<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Deposits stake for account `index` on the stack and waits until the stack's API lists that agent. */
async function newAgentIsIndexed(started: Started, index: number): Promise<void> {
  const { walletOf, mint, api } = await clientsOf(started);
  const agent = walletOf(index);
  await mint(agent.account.address, "100");
  await agent.depositStake({ amount: "100" });
  await eventually(`agent ${agent.account.address} on ${api}`, async () => {
    const { status, body } = await getJson<{ address: string }>(`${api}/agents/${agent.account.address}/trust`);
    return status === 200 && body.address === agent.account.address ? true : undefined;
  });
}

describe("npm start", () => {
  describe("given two stacks started side by side in one checkout, on other ports", () => {
    let first: Started;
    let second: Started;

    beforeAll(async () => {
      first = start(await freePorts(), ["--no-seed"]);
      await waitFor(first, "Surety is running", 240_000);
      second = start(await freePorts(), ["--no-seed"]);
      await waitFor(second, "Surety is running", 240_000);
    });
    afterAll(async () => {
      for (const started of [first, second]) started?.child.kill("SIGINT");
      await Promise.all([first?.exit, second?.exit]);
    });

    it("test_GivenTheSecondStarted_WhenEachChainGetsANewEvent_BothStacksIndexIt", async () => {
      // The second start deleted nothing of the first's: its database and deployment are its own.
      expect((await fetch(`http://127.0.0.1:${first.ports.api}/ready`)).status).toBe(200);
      await newAgentIsIndexed(first, 5);
      await newAgentIsIndexed(second, 6);
      await newAgentIsIndexed(first, 7);
    });

    it("test_RevertWhen_AThirdStartUsesAPortTheFirstHolds_NamesTheFirstAndLeavesItIndexing", async () => {
      const others = await freePorts();
      const third = start({ ...others, chain: first.ports.chain });
      expect(await third.exit).toBe(1);
      const printed = third.output();
      expect(printed).toContain(
        `port ${first.ports.chain} (--chain-port) is held by the Surety stack that pid ${first.child.pid} started`,
      );
      expect(printed).toContain(
        `(chain ${first.ports.chain}, API ${first.ports.api}, dashboard ${first.ports.dashboard})`,
      );
      expect(printed).toContain("nothing of it was touched");
      expect(printed).not.toContain("another Surety running?");
      // It ran nothing, and the first still indexes.
      for (const port of [others.api, others.dashboard]) expect(await portFree(port)).toBe(true);
      await newAgentIsIndexed(first, 8);
    });

    describe("when no transaction is sent", () => {
      it("test_TheChainsClockMoves_SoAPactPastItsDeadlineReadsOverdueAndRefunds", async () => {
        const { publicClient, walletOf, mint, api, deployment } = await clientsOf(second);
        const [buyer, agent, arbiter] = [walletOf(1), walletOf(2), walletOf(3)];
        await mint(buyer.account.address, "1000");
        await mint(agent.account.address, "1000");
        await agent.depositStake({ amount: "1000" });
        await arbiter.registerArbiter({ token: deployment.stakeToken, minFee: 0n, maxRulingPeriod: "60d" });
        const { pactId } = await buyer.createPact({
          agent: agent.account.address,
          arbiter: arbiter.account.address,
          token: deployment.stakeToken,
          price: "100",
          arbiterFee: "5",
          collateral: "50",
          penalty: "20",
          defaultBuyerBps: 5_000,
          acceptBy: "15s",
          deliverBy: "30s",
          reviewPeriod: "2d",
          rulingPeriod: "5d",
          terms: { task: "a deadline that passes with no transaction" },
        });
        await agent.acceptPact({ pactId });
        const accepted = await publicClient.getBlock();
        const pact = await eventually(`pact ${pactId} accepted on ${api}`, async () => {
          const { body } = await getJson<{ pact: { status: string; effectiveStatus: string; deadline: number } }>(
            `${api}/pacts/${pactId}`,
          );
          return body.pact.status === "active" ? body.pact : undefined;
        });
        expect(pact.effectiveStatus).toBe("active");

        // No transaction from here on: only the chain's own blocks move its clock, and the indexer follows.
        const overdue = await eventually(
          `pact ${pactId} overdue on ${api}`,
          async () => {
            const { body } = await getJson<{ pact: { effectiveStatus: string }; asOf: { timestamp: number } }>(
              `${api}/pacts/${pactId}`,
            );
            return body.pact.effectiveStatus === "overdue" ? body : undefined;
          },
          60_000,
        );
        expect(overdue.asOf.timestamp).toBeGreaterThan(pact.deadline);
        const latest = await publicClient.getBlock();
        expect(latest.number).toBeGreaterThan(accepted.number);
        expect(latest.timestamp).toBeGreaterThan(BigInt(pact.deadline));
        const trust = await getJson<{ pacts: { overdueNow: number } }>(`${api}/agents/${agent.account.address}/trust`);
        expect(trust.body.pacts.overdueNow).toBe(1);

        // And the refund the deadline allows goes through.
        await buyer.claimRefund({ pactId });
        const refunded = await eventually(`pact ${pactId} refunded on ${api}`, async () => {
          const { body } = await getJson<{ pact: { status: string } }>(`${api}/pacts/${pactId}`);
          return body.pact.status === "refunded" ? body.pact : undefined;
        });
        expect(refunded.status).toBe("refunded");
      });
    });
  });

  describe("when interrupted", () => {
    // Each step as start.ts names it, what the stack must have reached, and how long to let the step run first.
    const steps: [step: string, flags: string[], settleMs: number][] = [
      ["Start a Hardhat node", ["--no-seed"], 300],
      ["Deploy Surety with Ignition", ["--no-seed"], 500],
      ["Seed the demonstration", [], 1_000],
      ["Wait until the indexer has caught up", ["--no-seed"], 1_500],
      ["Build the trust dashboard", ["--no-seed"], 0],
    ];

    it.each(steps)(
      "test_WhenCtrlCDuring_%s_StopsEveryProcessAndFreesEveryPortWithin10s",
      async (step, flags, settleMs) => {
        const started = start(await freePorts(), flags);
        await waitFor(started, `❯ ${step}`, 240_000);
        await new Promise((resolve) => setTimeout(resolve, settleMs));
        const children = descendants(started.child.pid!);
        started.child.kill("SIGINT");
        expect(await started.exit).toBe(0);
        expect(started.output()).toContain(`SIGINT: stopping (during "${step}`);
        expect(started.output()).toContain("Stopped: the node, the indexer and the dashboard are down.");
        expect(await leftovers(children, started.ports)).toEqual({ processes: [], ports: [] });
        expect(children.length).toBeGreaterThan(0);
      },
    );

    it("test_WhenStartTsIsKilledWithSigkill_ItsWatchdogsEndTheNodeAndTheIndexerWithin10s", async () => {
      // start.ts itself, not npm: SIGKILL gives it no chance to run a handler, which is what the watchdogs are for.
      const started = start(await freePorts(), ["--no-seed"]);
      await waitFor(started, "Surety is running", 240_000);
      const children = descendants(started.child.pid!);
      expect(children.some((proc) => proc.command.includes("hardhat/dist/src/cli.js node"))).toBe(true);
      expect(children.some((proc) => proc.command.includes("ponder.js start"))).toBe(true);
      started.child.kill("SIGKILL");
      expect(await leftovers(children, started.ports)).toEqual({ processes: [], ports: [] });
    });

    it("test_WhenNpmStartIsKilledWithSigkill_StartTsNoticesAndStopsTheStackWithin10s", async () => {
      // npm itself, as a closed terminal or `kill -9` of the npm a newcomer started would end it: the shell and
      // start.ts under it get no signal at all.
      const started = start(await freePorts(), ["--no-seed"], "npm");
      await waitFor(started, "Surety is running", 240_000);
      const children = descendants(started.child.pid!);
      expect(children.some((proc) => proc.command.includes("scripts/start.ts"))).toBe(true);
      started.child.kill("SIGKILL");
      expect(await leftovers(children, started.ports)).toEqual({ processes: [], ports: [] });
    });
  });
});

describe("supervise (the watchdog under every child of npm start)", () => {
  /** A Node program that listens on `port` and ignores SIGTERM and SIGINT, as an indexer whose chain was gone did. */
  const stubborn = (port: number) => [
    "-e",
    `for (const s of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(s, () => {});
     require("node:net").createServer().listen(${port}, "127.0.0.1", () => console.log("listening"));`,
  ];
  const listening = (child: ChildProcess) =>
    new Promise<void>((resolve) =>
      child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve()),
    );

  it("test_GivenAChildThatIgnoresSigterm_WhenStopped_ItGetsSigkillOnceTheGracePeriodIsOver", async () => {
    const port = await freePort();
    const watchdog = superviseProcess(process.execPath, stubborn(port), { graceMs: 1_000 });
    await listening(watchdog);
    const children = descendants(watchdog.pid!);
    expect(children).toHaveLength(1);
    const began = Date.now();
    await stopSupervised(watchdog, 1_000);
    const took = Date.now() - began;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(3_000);
    expect(stillRunning(children)).toEqual([]);
    expect(await portFree(port)).toBe(true);
  });

  it("test_WhenItsParentIsKilledWithSigkill_TheWatchdogEndsTheChild", async () => {
    const port = await freePort();
    // A parent that supervises a stubborn child, then is killed with no chance to run a handler.
    const parent = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { superviseProcess } from ${JSON.stringify(path.join(REPO_ROOT, "scripts/lib/supervise.ts"))};
         const child = superviseProcess(process.execPath, ${JSON.stringify(stubborn(port))}, { graceMs: 1000 });
         child.stdout.pipe(process.stdout);`,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    running.push(parent);
    await listening(parent);
    const children = descendants(parent.pid!);
    expect(children).toHaveLength(2);
    parent.kill("SIGKILL");
    expect(await leftovers(children, { chain: port, api: port, dashboard: port }, 5_000)).toEqual({
      processes: [],
      ports: [],
    });
  });
});

describe("claimStack (what one start owns on disk)", () => {
  it("test_GivenAStackKilledBeforeItCleanedUp_TheNextClaimRemovesItsClaimsAndDatabase", async () => {
    // The claims and database a stack killed with SIGKILL leaves: its pid is that of a process that has ended.
    const gone = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => gone.once("exit", resolve));
    const killed = await freePorts();
    const stale = { pid: gone.pid, pidStart: null, since: new Date().toISOString(), ports: killed };
    mkdirSync(path.join(STATE_ROOT, "ports"), { recursive: true });
    for (const port of Object.values(killed)) {
      writeFileSync(path.join(STATE_ROOT, "ports", `${port}.json`), JSON.stringify(stale));
    }
    const database = path.join(STATE_ROOT, "stacks", `api-${killed.api}`);
    const deployment = path.join(REPO_ROOT, "ignition/deployments", `local-${killed.chain}`);
    for (const folder of [database, deployment]) mkdirSync(folder, { recursive: true });

    const claim = await claimStack(await freePorts());
    try {
      expect(existsSync(database)).toBe(false);
      expect(existsSync(deployment)).toBe(false);
      for (const port of Object.values(killed)) {
        expect(existsSync(path.join(STATE_ROOT, "ports", `${port}.json`))).toBe(false);
      }
    } finally {
      await claim.release();
    }
  });
});
