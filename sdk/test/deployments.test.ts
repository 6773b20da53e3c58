import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDeployment, loadDeployment } from "../src/deployments.ts";
import { DeploymentError } from "../src/errors/deployment.ts";
import { NotFoundError } from "../src/errors/notFound.ts";
import { version } from "../src/version.ts";
import { getStake } from "../src/actions/read/getStake.ts";
import { accounts, buyer, deployment } from "./helpers.ts";

const SURETY = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const STAKE = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

/** Journal lines as Hardhat Ignition writes them for LocalSurety (bytecode and fees left out). */
const JOURNAL = [
  { chainId: 31337, type: "DEPLOYMENT_INITIALIZE" },
  {
    futureId: "LocalSurety#StakeToken",
    hash: "0x01",
    receipt: { blockNumber: 1, contractAddress: STAKE, logs: [], status: "SUCCESS" },
    type: "TRANSACTION_CONFIRM",
  },
  {
    artifactId: "LocalSurety#Surety",
    constructorArgs: [{ stakeToken: STAKE, unbondingDelay: 604800 }, SURETY, 259200, SURETY, SURETY],
    contractName: "Surety",
    futureId: "LocalSurety#Surety",
    type: "DEPLOYMENT_EXECUTION_STATE_INITIALIZE",
  },
  {
    futureId: "LocalSurety#Surety",
    hash: "0x02",
    receipt: { blockNumber: 2, contractAddress: SURETY, logs: [], status: "SUCCESS" },
    type: "TRANSACTION_CONFIRM",
  },
];

let dir: string;

async function folder(name: string, files: Record<string, string>): Promise<string> {
  const target = path.join(dir, name);
  await mkdir(target, { recursive: true });
  for (const [file, content] of Object.entries(files)) await writeFile(path.join(target, file), content);
  return target;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "surety-deployments-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("getDeployment", () => {
  it("test_KnownChain_IsTheLocalIgnitionDeployment", () => {
    expect(getDeployment(31337)).toEqual({ chainId: 31337, surety: SURETY, stakeToken: STAKE, startBlock: 2n });
  });

  it("test_RevertWhen_UnknownChain", () => {
    expect(() => getDeployment(1)).toThrow(NotFoundError);
    expect(() => getDeployment(1)).toThrow("No known Surety deployment on chain 1: pass one (see loadDeployment).");
  });
});

describe("loadDeployment", () => {
  it("test_IgnitionFolder_WithJournal", async () => {
    const target = await folder("with-journal", {
      "deployed_addresses.json": JSON.stringify({ "LocalSurety#StakeToken": STAKE, "LocalSurety#Surety": SURETY }),
      "journal.jsonl": JOURNAL.map((line) => JSON.stringify(line)).join("\n") + "\n",
    });
    expect(await loadDeployment(target)).toEqual(deployment);
  });

  it("test_IgnitionFolder_WithoutJournal_ReadsTheChainFromTheName", async () => {
    const target = await folder("chain-8453", {
      "deployed_addresses.json": JSON.stringify({ "LocalSurety#StakeToken": STAKE, "LocalSurety#Surety": SURETY }),
    });
    expect(await loadDeployment(target)).toEqual({ chainId: 8453, surety: SURETY, stakeToken: STAKE, startBlock: 0n });
  });

  it("test_RevertWhen_FolderLacksTheStakeToken", async () => {
    const target = await folder("surety-only", {
      "deployed_addresses.json": JSON.stringify({ "Surety#Surety": SURETY }),
    });
    const error = await loadDeployment(target).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeploymentError);
    expect((error as DeploymentError).issues).toEqual([
      { path: "chainId", message: "is required: no journal.jsonl, and the folder is not named chain-<id>" },
      {
        path: "stakeToken",
        message: 'is required: no journal.jsonl, and deployed_addresses.json has no "…#StakeToken"',
      },
    ]);
  });

  it("test_RevertWhen_NoneOrSeveralSuretyAddresses", async () => {
    const target = await folder("two", {
      "deployed_addresses.json": JSON.stringify({ "A#Surety": SURETY, "B#Surety": STAKE }),
    });
    await expect(loadDeployment(target)).rejects.toThrow(
      'deployed_addresses.json: must hold exactly one "…#Surety" address (found A#Surety, B#Surety)',
    );
  });

  it("test_CourtAdapters_FromAJsonFileOrTheIgnitionFolder", async () => {
    const adapter = accounts.arbiter.address;
    const file = path.join(dir, "with-court.json");
    await writeFile(
      file,
      JSON.stringify({ chainId: 31337, surety: SURETY, stakeToken: STAKE, startBlock: 2, courtAdapters: [adapter] }),
    );
    expect(await loadDeployment(file)).toEqual({ ...deployment, courtAdapters: [adapter] });
    const target = await folder("with-court", {
      "deployed_addresses.json": JSON.stringify({
        "LocalSurety#StakeToken": STAKE,
        "LocalSurety#Surety": SURETY,
        "LocalCourt#TestArbitrator": STAKE,
        "LocalCourt#CourtAdapter": adapter,
      }),
      "journal.jsonl": JOURNAL.map((line) => JSON.stringify(line)).join("\n") + "\n",
    });
    expect(await loadDeployment(target)).toEqual({ ...deployment, courtAdapters: [adapter] });

    const bad = path.join(dir, "bad-court.json");
    await writeFile(
      bad,
      JSON.stringify({ chainId: 31337, surety: SURETY, stakeToken: STAKE, startBlock: 2, courtAdapters: ["kleros"] }),
    );
    const error = (await loadDeployment(bad).catch((caught: unknown) => caught)) as DeploymentError;
    expect(error.issues).toEqual([{ path: "courtAdapters.0", message: "must be a 0x-prefixed 20-byte address" }]);
  });

  it("test_JsonFile", async () => {
    const file = path.join(dir, "deployment.json");
    await writeFile(
      file,
      JSON.stringify({ chainId: 31337, surety: SURETY, stakeToken: STAKE, startBlock: 2, name: "x" }),
    );
    expect(await loadDeployment(file)).toEqual(deployment);
  });

  it("test_RevertWhen_JsonFileInvalid_NamesEveryField", async () => {
    const file = path.join(dir, "bad.json");
    await writeFile(
      file,
      JSON.stringify({ chainId: "31337", surety: "0x0000000000000000000000000000000000000000", startBlock: -2 }),
    );
    const error = (await loadDeployment(file).catch((caught: unknown) => caught)) as DeploymentError;
    expect(error.name).toBe("DeploymentError");
    expect(error.path).toBe(file);
    expect(error.message).toBe(
      `Invalid Surety deployment at ${file}:\n` +
        "- chainId: must be a chain id (a positive integer)\n" +
        "- surety: must not be the zero address\n" +
        "- stakeToken: is required\n" +
        "- startBlock: must be a block number (a non-negative integer)\n\n" +
        `Docs: @surety/sdk/README.md#deploymenterror\nVersion: @surety/sdk@${version}`,
    );
  });

  it("test_RevertWhen_NotJsonOrMissing", async () => {
    const file = path.join(dir, "broken.json");
    await writeFile(file, "{ nope");
    const broken = (await loadDeployment(file).catch((caught: unknown) => caught)) as DeploymentError;
    expect(broken.issues[0]!.message).toMatch(/^is not valid JSON/);
    const missing = (await loadDeployment(path.join(dir, "absent.json")).catch(
      (caught: unknown) => caught,
    )) as DeploymentError;
    expect(missing.issues).toEqual([{ path: "file", message: "cannot be read" }]);
    expect((missing.cause as { code?: string }).code).toBe("ENOENT");
  });

  it("test_LoadedDeployment_DrivesActions", async () => {
    const file = path.join(dir, "live.json");
    await writeFile(file, JSON.stringify({ chainId: 31337, surety: SURETY, stakeToken: STAKE, startBlock: "2" }));
    const loaded = await loadDeployment(file);
    expect((await getStake(buyer, { agent: accounts.agent.address, deployment: loaded })).staked).toBe(0n);
  });
});
