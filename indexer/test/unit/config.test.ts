import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { IndexerConfigError, readIndexerConfig, REPO_ROOT } from "../../src/config.ts";

const SURETY = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const STAKE = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

/** A temporary folder, removed after the tests. */
async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), "surety-config-"));
  folders.push(folder);
  return folder;
}

async function issuesOf(env: Record<string, string>) {
  const error = await readIndexerConfig(env).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(IndexerConfigError);
  return (error as IndexerConfigError).issues;
}

describe("readIndexerConfig", () => {
  it("test_GivenNoVariables_DefaultsToTheLocalChainItsKnownDeploymentTheStakeTokenAndPGlite", async () => {
    const config = await readIndexerConfig({});
    expect(config).toEqual({
      rpcUrl: "http://127.0.0.1:8545",
      chainId: 31337,
      deployment: { chainId: 31337, surety: SURETY, stakeToken: STAKE, startBlock: 2n },
      listedTokens: [STAKE],
      courtAdapters: [],
      pollingIntervalMs: 100,
      database: { kind: "pglite", directory: path.join(REPO_ROOT, "indexer/.ponder/pglite") },
      api: {
        sql: true,
        timeoutMs: 2_000,
        maxCost: 50_000,
        maxRows: 10_000,
        maxConcurrent: 4,
        maxGraphqlRows: 2_000,
        newSqlPerSecond: 2,
      },
    });
  });

  it("test_TakesPostgreSQLTokensOverridesAndADeploymentFileFromTheEnvironment", async () => {
    const folder = await tempFolder();
    const file = path.join(folder, "deployment.json");
    await writeFile(file, JSON.stringify({ chainId: 8453, surety: SURETY, stakeToken: STAKE, startBlock: "123" }));
    const config = await readIndexerConfig({
      SURETY_RPC_URL: "https://rpc.example.test/v1",
      SURETY_DEPLOYMENT: file,
      SURETY_START_BLOCK: "200",
      SURETY_TOKENS: `${STAKE.toLowerCase()}, 0x0000000000000000000000000000000000000000`,
      DATABASE_URL: "postgresql://surety@db.internal:5432/surety",
    });
    expect(config.chainId).toBe(8453);
    expect(config.deployment.startBlock).toBe(200n);
    expect(config.listedTokens).toEqual([STAKE, "0x0000000000000000000000000000000000000000"]);
    expect(config.pollingIntervalMs).toBe(1_000);
    expect(config.database).toEqual({
      kind: "postgres",
      connectionString: "postgresql://surety@db.internal:5432/surety",
    });
  });

  it("test_FollowsTheCourtAdaptersInSuretyCourtAdapters_ElseTheDeployments", async () => {
    const config = await readIndexerConfig({ SURETY_COURT_ADAPTERS: `${SURETY.toLowerCase()} , ${STAKE}` });
    expect(config.courtAdapters).toEqual([SURETY, STAKE]);
    const folder = await tempFolder();
    const file = path.join(folder, "deployment.json");
    const deployment = { chainId: 8453, surety: SURETY, stakeToken: STAKE, startBlock: "1", courtAdapters: [STAKE] };
    await writeFile(file, JSON.stringify(deployment));
    expect((await readIndexerConfig({ SURETY_DEPLOYMENT: file })).courtAdapters).toEqual([STAKE]);
    const issues = await issuesOf({ SURETY_COURT_ADAPTERS: `${SURETY},kleros` });
    expect(issues).toEqual([{ variable: "SURETY_COURT_ADAPTERS", message: 'has "kleros", which is not an address' }]);
  });

  it("test_RevertWhen_VariablesAreBad_NamesEveryOneAtOnce", async () => {
    const issues = await issuesOf({
      SURETY_RPC_URL: "localhost:8545",
      SURETY_START_BLOCK: "-1",
      SURETY_TOKENS: "0x1234,usdc",
      SURETY_POLLING_INTERVAL_MS: "0",
      DATABASE_URL: "mysql://x",
    });
    expect(issues.map((issue) => issue.variable).sort()).toEqual([
      "DATABASE_URL",
      "SURETY_POLLING_INTERVAL_MS",
      "SURETY_RPC_URL",
      "SURETY_START_BLOCK",
      "SURETY_TOKENS",
      "SURETY_TOKENS",
    ]);
    expect(issues.find((issue) => issue.variable === "SURETY_TOKENS")?.message).toContain('"0x1234"');
  });

  it("test_RevertWhen_ThePollingIntervalIsBelowWhatPonderPolls_NamesTheMinimum", async () => {
    expect(await issuesOf({ SURETY_POLLING_INTERVAL_MS: "50" })).toEqual([
      { variable: "SURETY_POLLING_INTERVAL_MS", message: "must be milliseconds between 100 and 600000" },
    ]);
  });

  it("test_RevertWhen_TheChainHasNoKnownDeploymentOrItsIdContradictsTheDeployment", async () => {
    expect((await issuesOf({ SURETY_CHAIN_ID: "999" }))[0]).toMatchObject({
      variable: "SURETY_CHAIN_ID",
      message: expect.stringContaining("999"),
    });
    const folder = await tempFolder();
    const file = path.join(folder, "deployment.json");
    await writeFile(file, JSON.stringify({ chainId: 8453, surety: SURETY, stakeToken: STAKE, startBlock: 1 }));
    expect(await issuesOf({ SURETY_DEPLOYMENT: file, SURETY_CHAIN_ID: "1" })).toEqual([
      { variable: "SURETY_CHAIN_ID", message: "is 1, but the deployment is on chain 8453" },
    ]);
    expect((await issuesOf({ SURETY_DEPLOYMENT: path.join(folder, "missing.json") }))[0]?.variable).toBe(
      "SURETY_DEPLOYMENT",
    );
  });
});
