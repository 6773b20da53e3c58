/**
 * `surety deploy`: deploys Surety to the connected chain with the account, from the Hardhat artifacts, with the
 * exact constructor arguments of the Ignition module (ignition/modules/Surety.ts, or LocalSurety.ts with a mock
 * stake token on a local chain): the module is loaded and its futures walked, so its parameters and defaults stay
 * the one source. Parameters come from an Ignition parameters file and flags. It writes a deployment JSON that
 * `--deployment` (the SDK's loadDeployment) reads.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { ContractRevertError, suretyAbi, validateAddress } from "@surety/sdk";
import type { Command } from "commander";
import {
  BaseError,
  createPublicClient,
  createWalletClient,
  decodeErrorResult,
  encodeDeployData,
  getAddress,
  type Abi,
  type Address,
  type Hex,
} from "viem";

import { action, type App } from "../context.ts";
import { RefusedError, UsageError } from "../errors.ts";
import type { Flags } from "../flags.ts";
import { period } from "../format.ts";
import { connectChain } from "../session.ts";
import { examples } from "./shared.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const MODULES = { Surety: "ignition/modules/Surety.ts", LocalSurety: "ignition/modules/LocalSurety.ts" } as const;
type ModuleId = keyof typeof MODULES;

/** What the CLI reads of an Ignition module: contract deployment futures and their arguments. */
type RuntimeValue =
  | { type: "MODULE_PARAMETER"; moduleId: string; name: string; defaultValue?: unknown }
  | { type: "ACCOUNT"; accountIndex: number };
type ContractFuture = {
  type: "NAMED_ARTIFACT_CONTRACT_DEPLOYMENT";
  id: string;
  contractName: string;
  constructorArgs: unknown[];
  dependencies: Set<{ id: string }>;
};
type IgnitionModule = { id: string; futures: Set<{ type: string; id: string }> };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isParameter = (value: unknown): value is Extract<RuntimeValue, { type: "MODULE_PARAMETER" }> =>
  isRecord(value) && value.type === "MODULE_PARAMETER";
const isAccount = (value: unknown): value is Extract<RuntimeValue, { type: "ACCOUNT" }> =>
  isRecord(value) && value.type === "ACCOUNT";
const isFuture = (value: unknown): value is ContractFuture =>
  isRecord(value) && value.type === "NAMED_ARTIFACT_CONTRACT_DEPLOYMENT" && typeof value.id === "string";

/** Every module parameter used in the futures' arguments, by name, with its default. */
function parametersOf(futures: readonly ContractFuture[]) {
  const found = new Map<string, { defaultValue: unknown }>();
  const visit = (value: unknown): void => {
    if (isParameter(value)) found.set(value.name, { defaultValue: value.defaultValue });
    else if (Array.isArray(value)) value.forEach(visit);
    else if (isRecord(value) && !isFuture(value) && !isAccount(value)) Object.values(value).forEach(visit);
  };
  for (const future of futures) future.constructorArgs.forEach(visit);
  return found;
}

/** The contract deployments of a module, each after those it depends on. */
function orderedFutures(module: IgnitionModule): ContractFuture[] {
  const futures = [...module.futures];
  const unsupported = futures.filter((future) => !isFuture(future));
  if (unsupported.length > 0) {
    throw new RefusedError(
      `${module.id} has futures the CLI cannot deploy (${unsupported.map((future) => future.type).join(", ")}): use \`npx hardhat ignition deploy\``,
    );
  }
  const ordered: ContractFuture[] = [];
  const pending = futures as ContractFuture[];
  while (pending.length > 0) {
    const index = pending.findIndex((future) =>
      [...future.dependencies].every((dependency) => ordered.some((done) => done.id === dependency.id)),
    );
    if (index < 0) throw new RefusedError(`${module.id}'s futures depend on each other in a cycle`);
    ordered.push(pending.splice(index, 1)[0]!);
  }
  return ordered;
}

/** The compiled contract `name` from artifacts/contracts. */
function artifactOf(name: string): { abi: Abi; bytecode: Hex } {
  const root = path.join(REPO_ROOT, "artifacts/contracts");
  const search = (folder: string): string | undefined => {
    if (!existsSync(folder)) return undefined;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === `${name}.sol` && existsSync(path.join(full, `${name}.json`))) {
          return path.join(full, `${name}.json`);
        }
        const deeper = search(full);
        if (deeper !== undefined) return deeper;
      }
    }
    return undefined;
  };
  const file = search(root);
  if (file === undefined) {
    throw new RefusedError(`no compiled ${name} in ${root}: run \`npm run build\` at the repository root first`);
  }
  return JSON.parse(readFileSync(file, "utf8")) as { abi: Abi; bytecode: Hex };
}

/** Reads an Ignition parameters file: `{ "<module id>": { "<parameter>": value } }`. */
function readParameters(flags: Flags, moduleId: ModuleId): Record<string, unknown> {
  const file = flags.file("parameters");
  if (file === undefined) return {};
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    flags.report("--parameters", `${file} is not valid JSON (${(error as Error).message})`);
    return {};
  }
  if (!isRecord(document)) {
    flags.report("--parameters", `${file} must hold an object: { "${moduleId}": { "stakeToken": "0x…", … } }`);
    return {};
  }
  for (const key of Object.keys(document)) {
    if (key !== moduleId) {
      flags.report(
        "--parameters",
        `${file}: "${key}" is not the module deployed (${moduleId}${moduleId === "LocalSurety" ? ", with --mock-stake-token" : ""})`,
      );
    }
  }
  const own = document[moduleId];
  if (own === undefined) return {};
  if (!isRecord(own)) {
    flags.report("--parameters", `${file}: "${moduleId}" must be an object of parameters`);
    return {};
  }
  return own;
}

export function registerDeploy(program: Command, app: App): void {
  examples(
    program
      .command("deploy")
      .description(
        "deploy Surety to the connected chain with the account (the module's exact constructor arguments, from the Hardhat artifacts) and write a deployment JSON for --deployment",
      )
      .option("--stake-token <address>", "the existing ERC-20 agents stake in (the module's stakeToken)")
      .option("--mock-stake-token", "on a local chain only: deploy a 6-decimal mock token too, as LocalSurety.ts does")
      .option("--admin <address>", "the admin role (default: the deploying account)")
      .option("--operator <address>", "the operator role (default: the deploying account)")
      .option("--guardian <address>", "the guardian role (default: the deploying account)")
      .option("--parameters <file>", 'an Ignition parameters file: { "Surety": { "unbondingDelay": 604800, … } }')
      .option("--out <file>", "where to write the deployment JSON (default: deployments/chain-<id>.json)")
      .option("--force", "replace the deployment file if it exists"),
    [
      "surety deploy --mock-stake-token",
      "SURETY_RPC_URL=https://rpc.example surety deploy --keystore SURETY_DEPLOYER_KEY \\\n      --stake-token 0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913 --parameters params.json --out deployments/base.json",
    ],
  ).action(
    action(
      app,
      async (context) => {
        const { flags } = context;
        const mock = flags.bool("mockStakeToken");
        const moduleId: ModuleId = mock ? "LocalSurety" : "Surety";
        const overrides: Record<string, unknown> = {};
        const stakeToken = flags.address("stakeToken", { nonZero: true });
        if (mock && stakeToken !== undefined) {
          flags.report("--stake-token", "cannot be used with --mock-stake-token: choose one");
        }
        if (stakeToken !== undefined) overrides.stakeToken = stakeToken;
        for (const role of ["admin", "operator", "guardian"] as const) {
          const address = flags.address(role, { nonZero: true });
          if (address !== undefined) overrides[role] = address;
        }
        const fromFile = readParameters(flags, moduleId);
        const out = flags.outputFile("out");
        const force = flags.bool("force");

        const modulePath = path.join(REPO_ROOT, MODULES[moduleId]);
        if (!existsSync(modulePath)) {
          throw new RefusedError(
            `surety deploy runs inside Surety's repository (it deploys from its Ignition modules and Hardhat artifacts), and ${MODULES[moduleId]} is not here: deploy from a checkout, then pass the deployment JSON with --deployment`,
          );
        }
        const loaded = (await import(pathToFileURL(modulePath).href)) as {
          default: IgnitionModule;
        };
        const futures = orderedFutures(loaded.default);
        const known = parametersOf(futures);
        const values: Record<string, unknown> = { ...fromFile, ...overrides };
        for (const [name, value] of Object.entries(fromFile)) {
          const parameter = known.get(name);
          if (parameter === undefined) {
            flags.report(
              "--parameters",
              `${name} is not a parameter of ${moduleId} (it has ${[...known.keys()].join(", ")})`,
            );
          } else if (typeof parameter.defaultValue === "number") {
            if (
              !(Number.isSafeInteger(value) && (value as number) >= 0) &&
              !(typeof value === "string" && /^\d+$/.test(value))
            ) {
              flags.report(
                "--parameters",
                `${moduleId}.${name} must be a whole number (default ${parameter.defaultValue})`,
              );
            }
          } else if (validateAddress(value).problem !== undefined) {
            flags.report("--parameters", `${moduleId}.${name} ${validateAddress(value).problem}`);
          }
        }
        for (const [name, parameter] of known) {
          if (parameter.defaultValue === undefined && values[name] === undefined) {
            flags.report(
              name === "stakeToken" ? "--stake-token" : "--parameters",
              name === "stakeToken"
                ? "is required: the ERC-20 agents stake in (or --mock-stake-token on a local chain)"
                : `${moduleId}.${name} is required`,
            );
          }
        }
        const settings = context.settings("required");
        flags.done();
        const chain = await connectChain(settings, context.io, context.output);
        const account = chain.account!;
        if (mock && chain.chainId !== 31337 && chain.chainId !== 1337) {
          throw new UsageError([
            {
              flag: "--mock-stake-token",
              message: `refused on chain ${chain.chainId}: anyone can mint the mock token, so it is for local chains (31337, 1337) only`,
            },
          ]);
        }
        const file = out ?? path.resolve(context.io.cwd ?? process.cwd(), `deployments/chain-${chain.chainId}.json`);
        if (existsSync(file) && !force) {
          throw new UsageError([
            {
              flag: "--out",
              message: `${path.relative(context.io.cwd ?? process.cwd(), file) || file} exists: pass --force to replace it, or choose another --out`,
            },
          ]);
        }
        const reader = createPublicClient({ chain: chain.chain, transport: chain.transport });
        const wallet = createWalletClient({
          account,
          chain: chain.chain,
          transport: chain.transport,
          pollingInterval: chain.pollingInterval,
        });
        if (stakeToken !== undefined) {
          const code = await reader.getCode({ address: stakeToken }).catch((error: unknown) => {
            throw chain.rpcFailure(error);
          });
          if (code === undefined || code === "0x") {
            throw new UsageError([
              { flag: "--stake-token", message: `${stakeToken} has no code on chain ${chain.chainId}` },
            ]);
          }
        }

        const deployed = new Map<string, { address: Address; hash: Hex; blockNumber: bigint; args: unknown[] }>();
        const resolve = (value: unknown): unknown => {
          if (isParameter(value)) {
            const given = values[value.name];
            if (given !== undefined) return validateAddress(given).address ?? given;
            return resolve(value.defaultValue);
          }
          if (isAccount(value)) {
            if (value.accountIndex !== 0) {
              throw new RefusedError(
                `${moduleId} uses account ${value.accountIndex}; the CLI deploys with one account`,
              );
            }
            return account.address;
          }
          if (isFuture(value)) return deployed.get(value.id)!.address;
          if (Array.isArray(value)) return value.map(resolve);
          if (isRecord(value))
            return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item)]));
          return value;
        };
        for (const future of futures) {
          const { abi, bytecode } = artifactOf(future.contractName);
          const args = future.constructorArgs.map(resolve);
          // Simulated first: a constructor that would revert costs nothing and is explained.
          let data: Hex;
          try {
            data = encodeDeployData({ abi, bytecode, args });
          } catch (error) {
            throw new UsageError([
              {
                flag: "--parameters",
                message: `${future.id}'s arguments do not encode: ${(error as BaseError).shortMessage}`,
              },
            ]);
          }
          try {
            await reader.call({ account: account.address, data });
          } catch (error) {
            const revert = (error as BaseError).walk?.((cause) => isRecord(cause) && typeof cause.data === "string");
            const revertData = (revert as { data?: Hex } | null)?.data;
            if (revertData === undefined) throw chain.rpcFailure(error);
            let decoded: { errorName: string; args: readonly unknown[] } = { errorName: "unknown", args: [] };
            try {
              const result = decodeErrorResult({ abi: [...abi, ...suretyAbi], data: revertData });
              decoded = { errorName: result.errorName, args: result.args ?? [] };
            } catch {
              // undecodable: reported as unknown with its data
            }
            throw new ContractRevertError({
              errorName: decoded.errorName as never,
              args: decoded.args as never,
              functionName: `${future.contractName} constructor`,
              contractAddress: undefined,
              data: revertData,
              cause: error,
            });
          }
          const hash = await wallet.deployContract({ abi, bytecode, args } as never).catch((error: unknown) => {
            throw chain.rpcFailure(error);
          });
          const receipt = await reader.waitForTransactionReceipt({ hash, pollingInterval: chain.pollingInterval });
          if (receipt.status !== "success" || receipt.contractAddress == null) {
            throw new RefusedError(
              `${future.id}: the deployment transaction ${hash} reverted in block ${receipt.blockNumber}`,
            );
          }
          deployed.set(future.id, {
            address: getAddress(receipt.contractAddress),
            hash,
            blockNumber: receipt.blockNumber,
            args,
          });
        }

        const surety = [...deployed.entries()].find(([id]) => id.endsWith("#Surety"))![1];
        const [config, admin, adminDelay, operator, guardian] = surety.args as [
          Record<string, unknown> & { stakeToken: Address },
          Address,
          number,
          Address,
          Address,
        ];
        const block = await reader.getBlock({ blockNumber: surety.blockNumber });
        const document = {
          chainId: chain.chainId,
          surety: surety.address,
          stakeToken: config.stakeToken,
          startBlock: Number(surety.blockNumber),
          module: moduleId,
          deployer: account.address,
          roles: { admin, operator, guardian },
          adminDelay: Number(adminDelay),
          config: Object.fromEntries(
            Object.entries(config).map(([key, value]) => [key, typeof value === "bigint" ? Number(value) : value]),
          ),
          transactions: Object.fromEntries([...deployed.entries()].map(([id, entry]) => [id, entry.hash])),
          deployedAt: new Date(Number(block.timestamp) * 1000).toISOString(),
        };
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
        const shown = path.relative(context.io.cwd ?? process.cwd(), file) || file;
        return {
          json: { ...document, file },
          views: [
            {
              title: `Surety deployed on chain ${chain.chainId} (${moduleId})`,
              rows: [
                ["Surety", surety.address],
                ["Stake token", `${config.stakeToken}${mock ? " (mock, 6 decimals, open minting)" : ""}`],
                ["Start block", String(surety.blockNumber)],
                ["Deployer", account.address],
                ["Admin", admin],
                ["Operator", operator],
                ["Guardian", guardian],
                ["Admin transfer delay", period(Number(adminDelay))],
                ...[...deployed.entries()].map(([id, entry]): [string, string] => [`Transaction ${id}`, entry.hash]),
                ["Deployment file", file],
              ],
              notes: [`Use it with --deployment ${shown}, or: export SURETY_DEPLOYMENT=${shown}`],
            },
          ],
        };
      },
      { stakeToken: "--stake-token" },
    ),
  );
}
