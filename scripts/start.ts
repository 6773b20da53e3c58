/**
 * `npm start`: Surety running locally in one command. Starts a Hardhat node on loopback, deploys with the Ignition
 * module, seeds a demonstration through every path, starts the indexer on a fresh embedded database, waits until it
 * has caught up, builds and serves the trust dashboard, and prints what to open and which accounts to use. Ctrl-C
 * stops everything it started.
 *
 *   npm start                                   # everything, on 127.0.0.1:8545, :42069 and the dashboard on :4173
 *   npm start -- --no-seed --chain-port 8546    # an empty deployment on another port
 *   npm start -- --rpc-url http://10.0.0.5:8545 --deployment ./deployment.json   # an external chain: no node, no seed
 */
import { execFile } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { parseArgs, promisify } from "node:util";

import { getDeployment, loadDeployment, type Deployment } from "@surety/sdk";
import { buildDashboard } from "../dashboard/build.ts";
import { startDashboardServer, type DashboardServer } from "../dashboard/server.ts";
import { Listr } from "listr2";
import { toHex, type Address } from "viem";

import { startIndexer, type IndexerProcess } from "./lib/indexer-process.ts";
import { localAccount, REPO_ROOT, startHardhatNode, type LocalNode } from "./lib/local-chain.ts";
import { runScenario, type ScenarioResult } from "./lib/scenario.ts";

const run = promisify(execFile);

const USAGE = `Usage: npm start [-- options]

Starts a local chain, deploys Surety, seeds a demonstration, and serves the indexer and the trust dashboard.
Ctrl-C stops it all.

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
  node?: LocalNode;
  indexer?: IndexerProcess;
  dashboard?: DashboardServer;
  databaseFolder?: string;
  rpcUrl?: string;
  deployment?: Deployment;
  scenario?: ScenarioResult;
};

async function stopAll(stack: Stack): Promise<void> {
  await stack.dashboard?.close();
  await stack.indexer?.stop();
  await stack.node?.stop();
  if (stack.databaseFolder !== undefined) await rm(stack.databaseFolder, { recursive: true, force: true });
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
    `  Chain RPC   ${stack.rpcUrl}   (chain ${stack.deployment!.chainId})`,
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
  let stopping: Promise<void> | undefined;
  const shutdown = (code: number) => {
    stopping ??= stopAll(stack).then(() => {
      process.exitCode = code;
      console.log(code === 0 ? "\nStopped: the node, the indexer and the dashboard are down." : "");
    });
    return stopping;
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      console.log(`\n${signal}: stopping…`);
      void shutdown(0).then(() => process.exit(0));
    });
  }

  const local = opts.rpcUrl === undefined;
  const chainUrl = `http://127.0.0.1:${opts.chainPort}`;
  const tasks = new Listr(
    [
      {
        title: local
          ? `Check that ports ${opts.chainPort}, ${opts.apiPort} and ${opts.dashboardPort} are free`
          : `Check that ports ${opts.apiPort} and ${opts.dashboardPort} are free`,
        task: async () => {
          for (const [port, flag] of [
            ...(local ? ([[opts.chainPort, "--chain-port"]] as const) : []),
            [opts.apiPort, "--api-port"] as const,
            [opts.dashboardPort, "--dashboard-port"] as const,
          ]) {
            if (!(await portFree(port))) {
              throw new Error(
                `port ${port} on 127.0.0.1 is taken (another Surety running?); choose another with ${flag}`,
              );
            }
          }
        },
      },
      {
        title: `Start a Hardhat node on ${chainUrl}`,
        enabled: local,
        task: async () => {
          stack.node = await startHardhatNode({ port: opts.chainPort });
          stack.rpcUrl = stack.node.url;
        },
      },
      {
        title: "Deploy Surety with Ignition (ignition/modules/LocalSurety.ts)",
        enabled: local,
        task: async () => {
          const folder = path.join(REPO_ROOT, "ignition/deployments/chain-31337");
          // A fresh chain: what an earlier local deployment recorded is stale.
          await rm(folder, { recursive: true, force: true });
          const hardhat = path.join(REPO_ROOT, "node_modules/hardhat/dist/src/cli.js");
          try {
            await run(
              process.execPath,
              [
                hardhat,
                "--build-profile",
                "default",
                "ignition",
                "deploy",
                "ignition/modules/LocalSurety.ts",
                "--network",
                "localhost",
              ],
              { cwd: REPO_ROOT, env: { ...process.env, SURETY_LOCAL_RPC_URL: chainUrl }, maxBuffer: 16 * 1024 * 1024 },
            );
          } catch (error) {
            const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
            throw new Error(`hardhat ignition deploy failed:\n${(stderr || stdout).trim().slice(-2_000)}`);
          }
          stack.deployment = await loadDeployment(folder);
        },
      },
      {
        title: "Read the deployment",
        enabled: !local,
        task: async () => {
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
        },
      },
      {
        title: "Seed the demonstration: agents, buyers, arbiters and pacts through every path",
        enabled: opts.seed,
        task: async () => {
          stack.scenario = await runScenario({ rpcUrl: stack.rpcUrl! });
        },
      },
      {
        title: `Start the indexer on a fresh embedded database, serving on 127.0.0.1:${opts.apiPort}`,
        task: async () => {
          const folder = path.join(REPO_ROOT, "indexer/.ponder/local");
          await rm(folder, { recursive: true, force: true });
          await mkdir(folder, { recursive: true });
          stack.databaseFolder = folder;
          const deployment = stack.deployment!;
          stack.indexer = await startIndexer({
            rpcUrl: stack.rpcUrl!,
            database: { directory: folder },
            port: opts.apiPort,
            env: {
              SURETY_CHAIN_ID: String(deployment.chainId),
              SURETY_ADDRESS: deployment.surety,
              SURETY_START_BLOCK: String(deployment.startBlock),
              ...(local || opts.deployment === undefined ? {} : { SURETY_DEPLOYMENT: path.resolve(opts.deployment) }),
              // The demonstration's court adapter, so that its pacts' timelines show the court's steps.
              ...(stack.scenario === undefined ? {} : { SURETY_COURT_ADAPTERS: stack.scenario.court.adapter }),
            },
          });
        },
      },
      {
        title: "Wait until the indexer has caught up with the chain",
        task: async () => {
          await stack.indexer!.caughtUp(180_000);
        },
      },
      {
        title: `Build the trust dashboard and serve it on http://127.0.0.1:${opts.dashboardPort}`,
        task: async () => {
          await buildDashboard();
          stack.dashboard = await startDashboardServer({
            apiUrl: `http://127.0.0.1:${opts.apiPort}`,
            port: opts.dashboardPort,
          });
        },
      },
    ],
    {
      exitOnError: true,
      renderer: process.stdout.isTTY ? "default" : "simple",
      rendererOptions: { collapseErrors: false },
    },
  );

  try {
    await tasks.run();
  } catch (error) {
    const failed = tasks.tasks.find((task) => task.hasFailed());
    console.error(`\nnpm start failed at "${failed?.title ?? "start"}":\n  ${(error as Error).message}`);
    await shutdown(1);
    return 1;
  }
  // The indexer or the node dying later ends the stack with an error that names it.
  stack.node?.exited.then((code) => {
    if (stopping === undefined) {
      console.error(
        `\nThe Hardhat node stopped (${code}); stopping the indexer.\n${stack.node!.output().slice(-1_000)}`,
      );
      void shutdown(1).then(() => process.exit(1));
    }
  });
  stack.indexer!.child.once("exit", (code, signal) => {
    if (stopping === undefined) {
      console.error(
        `\nThe indexer stopped (${code ?? signal}); stopping the node.\n${stack.indexer!.output().slice(-2_000)}`,
      );
      void shutdown(1).then(() => process.exit(1));
    }
  });
  console.log(summary(opts, stack));
  return new Promise<number>(() => {
    // Runs until a signal, or until the node or the indexer stops.
  });
}

process.exitCode = await main();
