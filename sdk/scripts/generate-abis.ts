/**
 * Writes sdk/src/abis.ts from the Hardhat artifacts, so that the SDK's ABIs are never pasted by hand:
 *   npm run build && npm run generate:abis -w sdk
 * `suretyAbi` is the Surety artifact's ABI followed by the functions of its cooperative module, which Surety runs
 * for every call it does not implement itself, so that one ABI covers every call made at Surety's address.
 * `courtAdapterAbi` (CourtAdapter) and `arbitratorAbi` (the ERC-792 IArbitrator interface a court adapter's court
 * implements) are their artifacts' ABIs as they are. `erc20PermitAbi` joins OpenZeppelin's IERC20Metadata,
 * IERC20Permit, IERC5267 and IERC20Errors, read from the compiler output that built them. A test regenerates the
 * file in memory and fails when the committed one is stale.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import * as prettier from "prettier";

type AbiItem = { type: string; name?: string; inputs?: readonly { type: string }[] };
type Artifact = { contractName: string; abi: AbiItem[]; buildInfoId?: string };
type BuildInfoOutput = { output: { contracts: Record<string, Record<string, { abi: AbiItem[] }>> } };

/** The OpenZeppelin interfaces the token ABI is made of, by source path (after the package's version) and name. */
const TOKEN_INTERFACES = [
  ["token/ERC20/extensions/IERC20Metadata.sol", "IERC20Metadata"],
  ["token/ERC20/extensions/IERC20Permit.sol", "IERC20Permit"],
  ["interfaces/IERC5267.sol", "IERC5267"],
  ["interfaces/draft-IERC6093.sol", "IERC20Errors"],
] as const;

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root: sdk/scripts/../.. */
export const REPO_ROOT = path.resolve(here, "../..");
export const ABIS_FILE = path.join(REPO_ROOT, "sdk/src/abis.ts");

async function readJson<T>(file: string): Promise<T> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch (error) {
    throw new Error(`cannot read ${path.relative(REPO_ROOT, file)}: run \`npm run build\` at the repository root`, {
      cause: error,
    });
  }
}

/** A stable key for an ABI item: its kind, name and input types. */
function signatureOf(item: AbiItem): string {
  return `${item.type} ${item.name ?? ""}(${(item.inputs ?? []).map((input) => input.type).join(",")})`;
}

const KIND_ORDER = ["function", "event", "error"];

/** Finds the OpenZeppelin token interfaces in the build infos, the mock token's own build first. */
async function readTokenAbi(root: string): Promise<AbiItem[]> {
  const buildInfoDir = path.join(root, "artifacts/build-info");
  const mock = await readJson<Artifact>(
    path.join(root, "artifacts/contracts/mocks/MockERC20Permit.sol/MockERC20Permit.json"),
  ).catch(() => undefined);
  const outputs = (await readdir(buildInfoDir)).filter((file) => file.endsWith(".output.json")).sort();
  const preferred = mock?.buildInfoId === undefined ? [] : [`${mock.buildInfoId}.output.json`];
  const candidates = [...preferred, ...outputs.filter((file) => !preferred.includes(file))];

  const found = new Map<string, AbiItem[]>();
  for (const file of candidates) {
    if (found.size === TOKEN_INTERFACES.length) break;
    const { output } = await readJson<BuildInfoOutput>(path.join(buildInfoDir, file));
    for (const [sourceName, contracts] of Object.entries(output.contracts)) {
      if (!sourceName.startsWith("npm/@openzeppelin/contracts@")) continue;
      const relative = sourceName.slice(sourceName.indexOf("/", "npm/@openzeppelin/".length) + 1);
      for (const [source, name] of TOKEN_INTERFACES) {
        if (relative === source && contracts[name] !== undefined && !found.has(name)) {
          found.set(name, contracts[name].abi);
        }
      }
    }
  }
  const missing = TOKEN_INTERFACES.filter(([, name]) => !found.has(name)).map(([, name]) => name);
  if (missing.length > 0) throw new Error(`no compiler output holds ${missing.join(", ")}: run \`npm run build\``);

  const items = new Map<string, AbiItem>();
  for (const [, name] of TOKEN_INTERFACES) {
    for (const item of found.get(name)!) items.set(signatureOf(item), item);
  }
  return [...items.values()].sort(
    (a, b) => KIND_ORDER.indexOf(a.type) - KIND_ORDER.indexOf(b.type) || (signatureOf(a) < signatureOf(b) ? -1 : 1),
  );
}

/** The content of sdk/src/abis.ts for the artifacts under `root`, formatted with the repository's prettier config. */
export async function generateAbis(root: string = REPO_ROOT): Promise<string> {
  const surety = await readJson<Artifact>(path.join(root, "artifacts/contracts/Surety.sol/Surety.json"));
  const cooperative = await readJson<Artifact>(
    path.join(root, "artifacts/contracts/SuretyCooperative.sol/SuretyCooperative.json"),
  );
  const operator = await readJson<Artifact>(
    path.join(root, "artifacts/contracts/SuretyOperator.sol/SuretyOperator.json"),
  );
  const known = new Set(surety.abi.map(signatureOf));
  const added = [...cooperative.abi, ...operator.abi].filter(
    (item) => item.type === "function" && !known.has(signatureOf(item)),
  );
  const token = await readTokenAbi(root);
  const courtAdapter = await readJson<Artifact>(
    path.join(root, "artifacts/contracts/CourtAdapter.sol/CourtAdapter.json"),
  );
  const arbitrator = await readJson<Artifact>(
    path.join(root, "artifacts/contracts/interfaces/IArbitrator.sol/IArbitrator.json"),
  );
  const source = [
    "// Generated by sdk/scripts/generate-abis.ts from the Hardhat artifacts. Do not edit:",
    "// run `npm run build && npm run generate:abis -w sdk` instead.",
    "",
    "/**",
    " * Surety's ABI: every call, event and custom error, the inherited OpenZeppelin modules, the cooperative paths",
    " * and the operator's ladder, reviews and exception notes (run by Surety's two modules at the same address)",
    " * included.",
    " */",
    `export const suretyAbi = ${JSON.stringify([...surety.abi, ...added])} as const;`,
    "",
    "/**",
    " * An ERC-20 token with metadata, EIP-2612 permits and ERC-5267's `eip712Domain`, with OpenZeppelin's ERC-20",
    " * custom errors (ERC-6093) so that a token's revert inside a Surety call decodes too.",
    " */",
    `export const erc20PermitAbi = ${JSON.stringify(token)} as const;`,
    "",
    "/**",
    " * A court adapter's ABI: the Surety arbiter that forwards a pact's dispute to an ERC-792 court, with its ERC-792",
    " * `Ruling` and ERC-1497 `MetaEvidence`, `Evidence` and `Dispute` events.",
    " */",
    `export const courtAdapterAbi = ${JSON.stringify(courtAdapter.abi)} as const;`,
    "",
    "/** An ERC-792 arbitrator (a court such as Kleros): costs, appeals, dispute status and current ruling. */",
    `export const arbitratorAbi = ${JSON.stringify(arbitrator.abi)} as const;`,
    "",
  ].join("\n");
  const options = await prettier.resolveConfig(ABIS_FILE);
  return prettier.format(source, { ...options, filepath: ABIS_FILE });
}

if (import.meta.main) {
  await writeFile(ABIS_FILE, await generateAbis());
  console.log(`wrote ${path.relative(process.cwd(), ABIS_FILE)}`);
}
