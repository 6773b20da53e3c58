/**
 * `npm start`: Surety running locally in one command. Checks its flags and ports, builds the SDK and the contracts
 * when they are stale, starts a Hardhat node on loopback that mines a block every second, deploys with the Ignition
 * module, seeds a demonstration through every path, starts the indexer on a fresh embedded database, waits until it
 * has caught up, builds and serves the trust dashboard, and prints what to open and which accounts to use.
 *
 * Each start owns its ports and the folders named after them (scripts/lib/stack-state.ts), so two starts on other
 * ports run side by side in one checkout, and a start on a port a running one holds is refused, naming it. Every
 * child runs under a watchdog (scripts/lib/supervise.ts): Ctrl-C at any step, a closed terminal, or a SIGKILL of
 * this process or of npm ends them all.
 *
 *   npm start                                   # everything, on 127.0.0.1:8545, :42069 and the dashboard on :4173
 *   npm start -- --no-seed --chain-port 8546    # an empty deployment on another port
 *   npm start -- --rpc-url http://10.0.0.5:8545 --deployment ./deployment.json   # an external chain: no node, no seed
 */
import { createServer } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";

import type { Deployment } from "@surety/sdk";
import type { DashboardServer } from "../dashboard/server.ts";
import { Listr } from "listr2";
import { toHex, type Address } from "viem";

import { startIndexer, type IndexerProcess } from "./lib/indexer-process.ts";
import { watchAncestors } from "./lib/lifeline.ts";
import { localAccount, REPO_ROOT, setIntervalMining, startHardhatNode, type LocalNode } from "./lib/local-chain.ts";
import type { ScenarioResult } from "./lib/scenario.ts";
import {
  claimedPorts,
  claimStack,
  describePorts,
  PORT_FLAGS,
  StackBusyError,
  type StackClaim,
  type StackPorts,
} from "./lib/stack-state.ts";
import { runSupervised, stopAllSupervised } from "./lib/supervise.ts";

/** How often the local node mines a block with no transaction, so that deadlines pass as they would on a chain. */
const BLOCK_INTERVAL_MS = 1_000;

const USAGE = `Usage: npm start [-- options]

Starts a local chain (a block every second), deploys Surety, seeds a demonstration, and serves the indexer and the
trust dashboard. Ctrl-C stops it all. Several can run side by side in one checkout, each on its own ports.

Options (each also read from the environment variable in brackets):
  --chain-port <port>     the local node's port on 127.0.0.1 (SURETY_CHAIN_PORT, default 8545)
  --api-port <port>       the indexer's port on 127.0.0.1 (SURETY_API_PORT, default 42069)
  --dashboard-port <port> the trust dashboard's port on 127.0.0.1 (SURETY_DASHBOARD_PORT, default 4173)
  --no-seed               deploy only, with no demonstration data (SURETY_SEED=false)
  --rpc-url <url>         use this chain instead of starting a node; nothing is deployed or seeded (SURETY_RPC_URL)
  --deployment <path>     with --rpc-url: the deployment JSON or Ignition folder (SURETY_DEPLOYMENT; default the
                          SDK's known deployment for the chain)
  --help                  this text

Exit codes: 2 for bad options (each named), 3 when the chain at --rpc-url does not answer, 1 when a step fails.`;

/** Bad input: every problem named, one a line, printed with the usage, exit code 2, nothing started. */
class UsageError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.join("\n"));
    this.problems = problems;
  }
}

/** An external chain that does not answer JSON-RPC: exit code 3, nothing started. */
class ChainUnreachableError extends Error {}

type Options = {
  chainPort: number;
  apiPort: number;
  dashboardPort: number;
  seed: boolean;
  rpcUrl: string | undefined;
  deployment: string | undefined;
};

function parseOptions(argv: string[], environment: NodeJS.ProcessEnv): Options | "help" {
  // An empty variable counts as unset.
  const env = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ""));
  let values;
  let tokens;
  try {
    ({ values, tokens } = parseArgs({
      args: argv,
      tokens: true,
      options: {
        "chain-port": { type: "string" },
        "api-port": { type: "string" },
        "dashboard-port": { type: "string" },
        seed: { type: "boolean" },
        "no-seed": { type: "boolean" },
        "rpc-url": { type: "string" },
        deployment: { type: "string" },
        help: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // parseArgs stops at the first unknown flag or missing value: that one is reported alone.
    throw new UsageError([(error as Error).message]);
  }
  if (values.help === true) return "help";
  const problems: string[] = [];
  // parseArgs keeps the last of a repeated flag; a repeated flag is more likely a mistake than a wish.
  const given = new Map<string, number>();
  for (const token of tokens) if (token.kind === "option") given.set(token.name, (given.get(token.name) ?? 0) + 1);
  for (const [name, count] of given) if (count > 1) problems.push(`--${name} is given ${count} times: give it once`);
  if (values.seed === true && values["no-seed"] === true) {
    problems.push("--seed and --no-seed contradict each other: give one");
  }
  const port = (flag: string, variable: string, fallback: number) => {
    const text = (values[flag as keyof typeof values] as string | undefined) ?? env[variable];
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < 1 || value > 65_535) {
      problems.push(`--${flag} (${variable}) must be a port between 1 and 65535, not "${text}"`);
      return fallback;
    }
    return value;
  };
  const rpcUrl = values["rpc-url"] ?? env.SURETY_RPC_URL;
  if (rpcUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(rpcUrl)) {
    problems.push(`--rpc-url (SURETY_RPC_URL) must be an http(s) URL, not "${rpcUrl}"`);
  }
  const deployment = values.deployment ?? env.SURETY_DEPLOYMENT;
  if (deployment !== undefined && rpcUrl === undefined) {
    problems.push("--deployment (SURETY_DEPLOYMENT) goes with --rpc-url: a local start deploys its own");
  }
  const seedFlag = values["no-seed"] === true ? false : values.seed;
  const seedEnv = env.SURETY_SEED === undefined ? undefined : !["0", "false", "no"].includes(env.SURETY_SEED);
  const options: Options = {
    chainPort: port("chain-port", "SURETY_CHAIN_PORT", 8545),
    apiPort: port("api-port", "SURETY_API_PORT", 42069),
    dashboardPort: port("dashboard-port", "SURETY_DASHBOARD_PORT", 4173),
    seed: seedFlag ?? seedEnv ?? rpcUrl === undefined,
    rpcUrl,
    deployment,
  };
  if (options.seed && rpcUrl !== undefined) {
    problems.push("seeding needs the local node (it moves the chain's clock): drop --seed with --rpc-url");
  }
  const ports: [string, number][] = [
    ...(rpcUrl === undefined ? [["--chain-port", options.chainPort] as [string, number]] : []),
    ["--api-port", options.apiPort],
    ["--dashboard-port", options.dashboardPort],
  ];
  for (const [index, [flag, value]] of ports.entries()) {
    const other = ports.slice(index + 1).find(([, port]) => port === value);
    if (other !== undefined) problems.push(`${flag} and ${other[0]} are both ${value}`);
  }
  if (problems.length > 0) throw new UsageError(problems);
  return options;
}

/** The chain id that `url` answers eth_chainId with; a ChainUnreachableError naming the URL if it answers none. */
async function chainIdAt(url: string): Promise<number> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const cause = (error as Error).cause as { code?: string; message?: string } | undefined;
    const why =
      (error as Error).name === "TimeoutError"
        ? "no answer in 10 s"
        : cause?.code === "ECONNREFUSED"
          ? "connection refused"
          : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new ChainUnreachableError(`no chain answers at ${url} (${why}): is a node running there, and the URL right?`);
  }
  const body = (await response.json().catch(() => null)) as { result?: unknown } | null;
  const id = typeof body?.result === "string" ? Number.parseInt(body.result, 16) : Number.NaN;
  if (!response.ok || !Number.isSafeInteger(id)) {
    throw new ChainUnreachableError(
      `${url} is not a JSON-RPC node: eth_chainId got HTTP ${response.status} and no chain id (check --rpc-url)`,
    );
  }
  return id;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** What the stack holds while it runs, so that every exit path stops it all. */
type Stack = {
  claim?: StackClaim;
  node?: LocalNode;
  indexer?: IndexerProcess;
  dashboard?: DashboardServer;
  rpcUrl?: string;
  deployment?: Deployment;
  scenario?: ScenarioResult;
};

async function stopAll(stack: Stack): Promise<void> {
  await stack.dashboard?.close();
  await stack.indexer?.stop();
  await stack.node?.stop();
  // Whatever else runs: a build or deploy step, or a node still starting when the stop came.
  await stopAllSupervised();
  // Only once nothing uses them: the stack's database and deployment folders, and its claim on the ports.
  await stack.claim?.release();
}

/** A free port from `from` up that no running stack of this checkout holds and none of `taken` is, for messages. */
async function freePortFrom(from: number, taken: Set<number>): Promise<number> {
  const claimed = await claimedPorts();
  let port = from;
  while (port < 65_535 && (taken.has(port) || claimed.has(port) || !(await portFree(port)))) port += 1;
  taken.add(port);
  return port;
}

/**
 * Claims the stack's ports and folders, or says who holds a port: a running stack of this checkout (named, with a
 * hint of free ports to run beside it, which leaves it untouched) or another program (with the flag to change).
 */
async function claimPorts(ports: StackPorts): Promise<StackClaim> {
  const named = (Object.entries(ports) as [keyof StackPorts, number | undefined][]).filter(
    (entry): entry is [keyof StackPorts, number] => entry[1] !== undefined,
  );
  const beside = async () => {
    const taken = new Set(named.map(([, port]) => port));
    const hints: string[] = [];
    for (const [name, port] of named) hints.push(`${PORT_FLAGS[name]} ${await freePortFrom(port + 1, taken)}`);
    return hints.join(" ");
  };
  let claim: StackClaim;
  try {
    claim = await claimStack(ports);
  } catch (error) {
    if (!(error instanceof StackBusyError)) throw error;
    const [name] = named.find(([, port]) => port === error.port)!;
    throw new Error(
      `port ${error.port} (${PORT_FLAGS[name]}) is held by the Surety stack that pid ${error.owner.pid} started ` +
        `at ${error.owner.since} (${describePorts(error.owner.ports)}), which is still running; nothing of it was ` +
        `touched. Stop it with Ctrl-C where it runs, or run this one beside it on free ports: npm start -- ` +
        `${await beside()}`,
    );
  }
  for (const [name, port] of named) {
    if (await portFree(port)) continue;
    await claim.release(false);
    throw new Error(
      `port ${port} on 127.0.0.1 is taken by another program: free it, or choose another port with ` +
        `${PORT_FLAGS[name]} (for instance npm start -- ${await beside()})`,
    );
  }
  // Only now, with every port claimed and free, is anything on disk touched.
  await claim.reset();
  return claim;
}

/** The Hardhat accounts' keys, to print by role: public test keys that `hardhat node` funds, never real ones. */
function keyOf(address: Address): string | undefined {
  for (let index = 0; index < 20; index += 1) {
    const account = localAccount(index);
    if (account.address.toLowerCase() === address.toLowerCase()) return toHex(account.getHdKey().privateKey!);
  }
  return undefined;
}

function summary(options: Options, stack: Stack): string {
  const api = `http://127.0.0.1:${options.apiPort}`;
  const lines = [
    "",
    "Surety is running. Ctrl-C stops everything.",
    "",
    `  Dashboard   ${stack.dashboard!.url}`,
    `  GraphQL     ${api}/graphql`,
    `  Trust API   ${api}/agents   (${api}/agents/<address>/trust, ${api}/parties/<address>/pending)`,
    `  Chain RPC   ${stack.rpcUrl}   (chain ${stack.deployment!.chainId}${options.rpcUrl === undefined ? ", a block every second" : ""})`,
    "",
    `  Surety        ${stack.deployment!.surety}`,
    `  Stake token   ${stack.deployment!.stakeToken}   (mUSD, 6 decimals)`,
  ];
  const scenario = stack.scenario;
  if (scenario !== undefined) {
    lines.push(
      `  Other tokens  ${scenario.tokens.unlisted} (18 decimals), ${scenario.tokens.blocklist} (6 decimals), not listed`,
      `  Court         ${scenario.court.court} (a test ERC-792 court), adapter ${scenario.court.adapter}`,
      "",
      "Demonstration accounts (Hardhat's public test keys, funded on this chain only):",
    );
    const roles: [string, Address][] = [
      ["operator", scenario.operator],
      ["agent (narrowed)", scenario.agents.narrowed],
      ["agent (recertified)", scenario.agents.recertified],
      ["agent (slashed)", scenario.agents.unanswered],
      ["agent (spammed)", scenario.agents.spammed],
      ...scenario.buyers.map((buyer, index): [string, Address] => [`buyer ${index + 1}`, buyer]),
      ["arbiter", scenario.arbiters.main],
      ["arbiter (silent)", scenario.arbiters.second],
    ];
    for (const [role, address] of roles) lines.push(`  ${role.padEnd(20)} ${address}  ${keyOf(address) ?? ""}`);
    const pacts = Object.values(scenario.pacts).flat().length;
    lines.push("", `Seeded ${pacts} pacts through every path, over three weeks of chain time.`);
  } else if (options.rpcUrl === undefined) {
    lines.push("", "Accounts (Hardhat's public test keys, funded on this chain only):");
    const names = ["deployer, operator and guardian", "buyer", "agent", "arbiter"];
    names.forEach((role, index) => {
      const account = localAccount(index);
      lines.push(`  ${role.padEnd(32)} ${account.address}  ${toHex(account.getHdKey().privateKey!)}`);
    });
  }
  return lines.join("\n");
}

async function main(): Promise<number> {
  let options: Options | "help";
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.problems.map((problem) => `npm start: ${problem}`).join("\n")}\n\n${USAGE}`);
    return 2;
  }
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }
  const opts = options;
  // An external chain is asked for its id before anything starts, so that a wrong URL is one line, not a dump.
  let externalChainId: number | undefined;
  if (opts.rpcUrl !== undefined) {
    try {
      externalChainId = await chainIdAt(opts.rpcUrl);
    } catch (error) {
      if (!(error instanceof ChainUnreachableError)) throw error;
      console.error(`npm start: ${error.message}`);
      return 3;
    }
  }

  const stack: Stack = {};
  /** The step running now, named when an interruption stops it. */
  let current: string | undefined;
  /** Set once the stack is being stopped: by a signal, by its parent's end, or by a failure. */
  let stopping: Promise<void> | undefined;
  const interrupted = new AbortController();
  const shutdown = () => (stopping ??= stopAll(stack));
  const interrupt = (why: string) => {
    if (stopping !== undefined) return;
    console.log(`\n${why}: stopping${current === undefined ? "" : ` (during "${current}")`}…`);
    interrupted.abort();
    void shutdown().then(() => {
      console.log("\nStopped: the node, the indexer and the dashboard are down.");
      process.exit(0);
    });
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => interrupt(signal));
  // npm killed with SIGKILL, or a parent that crashed: no signal says so, so the parent is watched.
  watchAncestors((what) => interrupt(`${what} is gone`));

  const local = opts.rpcUrl === undefined;
  const chainUrl = `http://127.0.0.1:${opts.chainPort}`;
  const ports: StackPorts = {
    ...(local ? { chain: opts.chainPort } : {}),
    api: opts.apiPort,
    dashboard: opts.dashboardPort,
  };
  /** Runs a build or deploy step's command supervised, so that an interruption or this process's end stops it. */
  const step = (args: string[], env?: NodeJS.ProcessEnv) =>
    runSupervised(process.execPath, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      signal: interrupted.signal,
    });
  type Task = { title: string };
  /** A task that records itself as the current step. */
  const titled =
    (run: (task: Task) => Promise<void>) =>
    async (_: unknown, task: Task): Promise<void> => {
      current = task.title;
      await run(task);
    };

  const tasks = new Listr(
    [
      {
        title: local
          ? `Check that ports ${opts.chainPort}, ${opts.apiPort} and ${opts.dashboardPort} are free`
          : `Check that ports ${opts.apiPort} and ${opts.dashboardPort} are free`,
        task: titled(async () => {
          stack.claim = await claimPorts(ports);
        }),
      },
      {
        title: "Build the SDK (sdk/dist) and compile the contracts, unless they are current",
        task: titled(async (task) => {
          const [sdk, contracts] = await Promise.all([
            step([path.join(REPO_ROOT, "sdk/scripts/build.ts"), "--if-stale"]),
            step([path.join(REPO_ROOT, "scripts/build-contracts.ts")]),
          ]);
          const sdkReused = sdk.includes("up to date");
          const contractsReused = contracts.trim() === "";
          task.title = [
            sdkReused ? "The SDK build (sdk/dist) is current" : "Built the SDK (sdk/dist)",
            contractsReused ? "the contracts are current" : "compiled the contracts",
          ].join("; ");
        }),
      },
      {
        title: `Start a Hardhat node on ${chainUrl}`,
        enabled: local,
        task: titled(async () => {
          stack.node = await startHardhatNode({ port: opts.chainPort, signal: interrupted.signal });
          stack.rpcUrl = stack.node.url;
        }),
      },
      {
        title: "Deploy Surety with Ignition (ignition/modules/LocalSurety.ts)",
        enabled: local,
        task: titled(async (task) => {
          const { deploymentId, deploymentFolder } = stack.claim!;
          const hardhat = path.join(REPO_ROOT, "node_modules/hardhat/dist/src/cli.js");
          try {
            await step(
              [
                hardhat,
                "--build-profile",
                "default",
                "ignition",
                "deploy",
                "ignition/modules/LocalSurety.ts",
                "--network",
                "localhost",
                "--deployment-id",
                deploymentId!,
              ],
              { SURETY_LOCAL_RPC_URL: chainUrl },
            );
          } catch (error) {
            const output = (error as { output?: string }).output ?? "";
            throw new Error(`hardhat ignition deploy failed:\n${output.trim().slice(-2_000)}`);
          }
          const { loadDeployment } = await import("@surety/sdk");
          stack.deployment = await loadDeployment(deploymentFolder!);
          task.title = `Deployed Surety with Ignition (ignition/modules/LocalSurety.ts) into ${path.relative(REPO_ROOT, deploymentFolder!)}`;
        }),
      },
      {
        title: "Read the deployment",
        enabled: !local,
        task: titled(async () => {
          const { getDeployment, loadDeployment } = await import("@surety/sdk");
          stack.rpcUrl = opts.rpcUrl!;
          if (opts.deployment !== undefined) {
            stack.deployment = await loadDeployment(path.resolve(opts.deployment));
          } else {
            stack.deployment = getDeployment(externalChainId!);
          }
          if (stack.deployment.chainId !== externalChainId) {
            throw new Error(
              `the deployment is for chain ${stack.deployment.chainId}, but ${opts.rpcUrl} is chain ${externalChainId}`,
            );
          }
        }),
      },
      {
        title: "Seed the demonstration: agents, buyers, arbiters and pacts through every path",
        enabled: opts.seed,
        task: titled(async () => {
          const { runScenario } = await import("./lib/scenario.ts");
          stack.scenario = await runScenario({ rpcUrl: stack.rpcUrl! });
        }),
      },
      {
        // After the seed, which sets the chain's clock block by block: from here on, time passes as on a chain.
        title: `Mine a block every ${BLOCK_INTERVAL_MS / 1_000} s, so that the chain's clock moves with no transaction`,
        enabled: local,
        task: titled(async () => {
          await setIntervalMining(stack.rpcUrl!, BLOCK_INTERVAL_MS);
        }),
      },
      {
        title: `Start the indexer on a fresh embedded database, serving on 127.0.0.1:${opts.apiPort}`,
        task: titled(async () => {
          const deployment = stack.deployment!;
          stack.indexer = await startIndexer({
            rpcUrl: stack.rpcUrl!,
            database: { directory: stack.claim!.databaseFolder },
            port: opts.apiPort,
            graceMs: 3_000,
            env: {
              SURETY_CHAIN_ID: String(deployment.chainId),
              SURETY_ADDRESS: deployment.surety,
              SURETY_START_BLOCK: String(deployment.startBlock),
              ...(local || opts.deployment === undefined ? {} : { SURETY_DEPLOYMENT: path.resolve(opts.deployment) }),
              // The demonstration's court adapter, so that its pacts' timelines show the court's steps.
              ...(stack.scenario === undefined ? {} : { SURETY_COURT_ADAPTERS: stack.scenario.court.adapter }),
            },
          });
        }),
      },
      {
        title: "Wait until the indexer has caught up with the chain",
        task: titled(async () => {
          await stack.indexer!.caughtUp(180_000);
        }),
      },
      {
        title: `Build the trust dashboard and serve it on http://127.0.0.1:${opts.dashboardPort}`,
        task: titled(async () => {
          const [{ buildDashboard }, { startDashboardServer }] = await Promise.all([
            import("../dashboard/build.ts"),
            import("../dashboard/server.ts"),
          ]);
          await buildDashboard();
          if (interrupted.signal.aborted) return;
          stack.dashboard = await startDashboardServer({
            apiUrl: `http://127.0.0.1:${opts.apiPort}`,
            port: opts.dashboardPort,
          });
        }),
      },
    ],
    {
      exitOnError: true,
      // Ctrl-C is this script's to handle (listr2's own handler would exit before the children are stopped).
      registerSignalListeners: false,
      renderer: process.stdout.isTTY ? "default" : "simple",
      rendererOptions: { collapseErrors: false },
    },
  );

  try {
    await tasks.run();
  } catch (error) {
    if (stopping !== undefined) return new Promise<number>(() => {}); // the interruption exits
    const failed = tasks.tasks.find((task) => task.hasFailed());
    console.error(`\nnpm start failed at "${failed?.title ?? "start"}":\n  ${(error as Error).message}`);
    await shutdown();
    return 1;
  }
  if (stopping !== undefined) return new Promise<number>(() => {});
  current = undefined;
  // The indexer or the node dying later ends the stack with an error that names it.
  stack.node?.exited.then((code) => {
    if (stopping === undefined) {
      console.error(
        `\nThe Hardhat node stopped (${code}); stopping the indexer.\n${stack.node!.output().slice(-1_000)}`,
      );
      void shutdown().then(() => process.exit(1));
    }
  });
  stack.indexer!.child.once("exit", (code, signal) => {
    if (stopping === undefined) {
      console.error(
        `\nThe indexer stopped (${code ?? signal}); stopping the node.\n${stack.indexer!.output().slice(-2_000)}`,
      );
      void shutdown().then(() => process.exit(1));
    }
  });
  console.log(summary(opts, stack));
  return new Promise<number>(() => {
    // Runs until a signal, until its parent is gone, or until the node or the indexer stops.
  });
}

process.exitCode = await main();
