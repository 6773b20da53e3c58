/**
 * `npm start` (scripts/start.ts) as a newcomer runs it: the whole local stack comes up seeded and says where it
 * is; Ctrl-C leaves nothing running; a second start begins from a clean state; bad flags and a taken port fail
 * clearly, naming the flag or the step.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:net";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { deployLocalSurety, freePort, REPO_ROOT, startHardhatNode } from "../../scripts/lib/local-chain.ts";
import { getJson, graphql } from "./helpers/stack.ts";

type Started = { child: ChildProcess; output: () => string; exit: Promise<number | null> };

const running: ChildProcess[] = [];

function start(args: string[]): Started {
  // The test sets everything through flags.
  const env = { ...process.env };
  for (const name of ["SURETY_RPC_URL", "SURETY_DEPLOYMENT", "SURETY_CHAIN_PORT", "SURETY_API_PORT", "SURETY_SEED"]) {
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

describe("npm start", () => {
  it("brings the seeded stack up, prints where it is, and stops it all on Ctrl-C", async () => {
    const [chainPort, apiPort] = [await freePort(), await freePort()];
    const first = start(["--chain-port", String(chainPort), "--api-port", String(apiPort)]);
    await waitFor(first, "Surety is running", 240_000);

    const api = `http://127.0.0.1:${apiPort}`;
    const printed = first.output();
    expect(printed).toContain(`GraphQL     ${api}/graphql`);
    expect(printed).toContain(`Trust API   ${api}/agents`);
    expect(printed).toContain("Surety        0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");
    for (const role of ["operator", "agent (narrowed)", "buyer 1", "arbiter (silent)"]) expect(printed).toContain(role);
    for (const step of [
      "Start a Hardhat node",
      "Deploy Surety with Ignition",
      "Seed the demonstration",
      "Start the indexer",
    ]) {
      expect(printed).toContain(step);
    }

    const { pacts } = await graphql<{ pacts: { totalCount: number } }>(api, "{ pacts { totalCount } }");
    expect(pacts.totalCount).toBeGreaterThanOrEqual(20);
    const narrowed = /agent \(narrowed\)\s+(0x[0-9a-fA-F]{40})/.exec(printed)![1]!;
    const trust = await getJson<{ status: string; disputes: { lost: number } }>(`${api}/agents/${narrowed}/trust`);
    expect(trust.body.status).toBe("narrowed");
    expect(trust.body.disputes.lost).toBeGreaterThan(0);

    first.child.kill("SIGINT");
    expect(await first.exit).toBe(0);
    expect(first.output()).toContain("Stopped: the node and the indexer are down.");
    expect(await portFree(chainPort)).toBe(true);
    expect(await portFree(apiPort)).toBe(true);

    // A second start on the same ports begins from a clean chain and database.
    const second = start(["--chain-port", String(chainPort), "--api-port", String(apiPort), "--no-seed"]);
    await waitFor(second, "Surety is running", 180_000);
    const empty = await graphql<{ pacts: { totalCount: number } }>(api, "{ pacts { totalCount } }");
    expect(empty.pacts.totalCount).toBe(0);
    second.child.kill("SIGTERM");
    expect(await second.exit).toBe(0);
    expect(await portFree(apiPort)).toBe(true);
  });

  it("indexes an external chain and deployment instead of starting a node", async () => {
    const node = await startHardhatNode();
    try {
      const deployment = await deployLocalSurety(node.url);
      const apiPort = await freePort();
      const started = start(["--rpc-url", node.url, "--api-port", String(apiPort)]);
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
    [["--colour"], "Unknown option '--colour'"],
  ])("refuses %j with exit code 2, naming the flag", async (args, message) => {
    const started = start(args);
    expect(await started.exit).toBe(2);
    expect(started.output()).toContain(message);
    expect(started.output()).toContain("Usage: npm start");
  });

  it("names the step that failed, and leaves nothing running", async () => {
    const [chainPort, apiPort] = [await freePort(), await freePort()];
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(apiPort, "127.0.0.1", resolve));
    try {
      const started = start(["--chain-port", String(chainPort), "--api-port", String(apiPort)]);
      expect(await started.exit).toBe(1);
      expect(started.output()).toContain(`npm start failed at "Check that ports ${chainPort} and ${apiPort} are free"`);
      expect(started.output()).toContain(`port ${apiPort} on 127.0.0.1 is taken`);
      expect(await portFree(chainPort)).toBe(true);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
