/**
 * The package as its users get it: sdk/dist (ESM and declarations, built by `npm run build -w sdk`; the root
 * `npm test` builds it first), reached through the `exports` of sdk/package.json rather than through src/.
 *
 * Each test fails when the build is broken in a way users would see: an entry point that resolves to TypeScript
 * source or misses an export, declarations that do not resolve or degrade to `any`, or a bundle of one action that
 * pulls in the others (a side effect in the barrel, `sideEffects` dropped, an action importing the barrel).
 */
import { execFile } from "node:child_process";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";

import { build } from "esbuild";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

import * as sourceDeployments from "../../src/deployments.ts";
import * as sourceIndex from "../../src/index.ts";

const SDK_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const REPO_ROOT = path.dirname(SDK_ROOT);
const SRC = path.join(SDK_ROOT, "src");
const DIST = path.join(SDK_ROOT, "dist");

/** The package's entry points: the export name, its source and its build. */
const ENTRIES = [
  { specifier: "@surety/sdk", name: "index", source: sourceIndex },
  { specifier: "@surety/sdk/deployments", name: "deployments", source: sourceDeployments },
] as const;

const run = promisify(execFile);

/** Runs an ES module in a child Node process at the repository root, as a consumer of the workspace would. */
async function runModule(code: string, flags: readonly string[] = []): Promise<string> {
  // Nothing the test runner may have put in NODE_OPTIONS (loaders, conditions) reaches the child.
  const env = { ...process.env, NODE_OPTIONS: "" };
  const { stdout, stderr } = await run(process.execPath, [...flags, "--input-type=module", "--eval", code], {
    cwd: REPO_ROOT,
    env,
  });
  expect(stderr).toBe("");
  return stdout;
}

/** The type of every export, to compare the built module with the source one. */
function shapeOf(module: object): Record<string, string> {
  return Object.fromEntries(
    Object.entries(module)
      .map(([key, value]) => [key, typeof value] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

async function filesUnder(dir: string, suffix: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((entry) => entry.endsWith(suffix)).sort();
}

async function modifiedAt(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return undefined;
  }
}

beforeAll(async () => {
  // The tests below read sdk/dist: refuse to test a missing or stale build rather than pass on an old one.
  const stale: string[] = [];
  for (const file of await filesUnder(SRC, ".ts")) {
    const source = (await modifiedAt(path.join(SRC, file)))!;
    for (const built of [file.replace(/\.ts$/, ".js"), file.replace(/\.ts$/, ".d.ts")]) {
      const at = await modifiedAt(path.join(DIST, built));
      if (at === undefined || at < source) stale.push(`dist/${built}`);
    }
  }
  if (stale.length > 0) {
    throw new Error(
      `sdk/dist is missing or older than sdk/src (${stale.slice(0, 3).join(", ")}${stale.length > 3 ? ", …" : ""}): ` +
        "run `npm run build -w sdk` first (the root `npm run test:sdk` does)",
    );
  }
});

describe("package: runtime", () => {
  it("test_Import_ResolvesThroughExportsToTheBuiltJavaScript", async () => {
    // Type stripping is off in the child: an entry point or an import that still ends in .ts would fail to load.
    const stdout = await runModule(
      `
      const globals = Object.getOwnPropertyNames(globalThis);
      const sdk = await import("@surety/sdk");
      const deployments = await import("@surety/sdk/deployments");
      const shape = (module) => Object.fromEntries(Object.entries(module).map(([key, value]) => [key, typeof value]).sort(([a], [b]) => (a < b ? -1 : 1)));
      const error = new sdk.NotFoundError({ resource: "pact", id: "7", message: "No pact 7." });
      console.log(JSON.stringify({
        resolved: { index: import.meta.resolve("@surety/sdk"), deployments: import.meta.resolve("@surety/sdk/deployments") },
        shapes: { index: shape(sdk), deployments: shape(deployments) },
        canonical: sdk.canonicalize({ b: [1, "x"], a: null }),
        surety: sdk.getDeployment(31337).surety,
        oneAbi: sdk.suretyAbi === deployments.suretyAbi && sdk.getDeployment === deployments.getDeployment,
        error: { name: error.name, isSuretyError: error instanceof sdk.SuretyError },
        decorated: Object.keys(sdk.suretyActions()({})).length,
        // (zod, a dependency, keeps its registry in __zod_ globals)
        newGlobals: Object.getOwnPropertyNames(globalThis).filter((name) => !globals.includes(name) && !name.startsWith("__zod_")),
      }));
      `,
      ["--no-experimental-strip-types"],
    );
    // Loading the package has no effect of its own: it prints nothing (the only line is the result) and sets no
    // global.
    expect(stdout.trim().split("\n")).toHaveLength(1);
    const result = JSON.parse(stdout) as {
      resolved: Record<string, string>;
      shapes: Record<string, Record<string, string>>;
      canonical: string;
      surety: string;
      oneAbi: boolean;
      error: { name: string; isSuretyError: boolean };
      decorated: number;
      newGlobals: string[];
    };

    for (const entry of ENTRIES) {
      expect(result.resolved[entry.name]).toBe(pathToFileURL(path.join(DIST, `${entry.name}.js`)).href);
      // The same public API as the source, export for export.
      expect(result.shapes[entry.name]).toEqual(shapeOf(entry.source));
    }
    expect(Object.keys(result.shapes.index!).length).toBeGreaterThan(80);
    expect(result.shapes.index).toMatchObject({
      acceptPact: "function",
      createPact: "function",
      resolveDispute: "function",
      suretyActions: "function",
      suretyAbi: "object",
      ContractRevertError: "function",
    });
    expect(result.canonical).toBe('{"a":null,"b":[1,"x"]}');
    expect(result.surety).toBe(sourceIndex.getDeployment(31337).surety);
    // The indexer's subpath and the main entry share their modules: one ABI, one set of deployments.
    expect(result.oneAbi).toBe(true);
    expect(result.error).toEqual({ name: "NotFoundError", isSuretyError: true });
    expect(result.newGlobals).toEqual([]);
    expect(result.decorated).toBe(Object.keys(sourceIndex.suretyActions()({} as never)).length);
  });

  it("test_SourceCondition_ResolvesToTheTypeScriptSource", async () => {
    // Workspace tools may opt in to the source (no build step) with the "@surety/source" condition.
    const stdout = await runModule(
      `console.log(JSON.stringify([import.meta.resolve("@surety/sdk"), import.meta.resolve("@surety/sdk/deployments")]));`,
      ["--conditions=@surety/source"],
    );
    expect(JSON.parse(stdout)).toEqual(ENTRIES.map((entry) => pathToFileURL(path.join(SRC, `${entry.name}.ts`)).href));
  });
});

describe("package: declarations", () => {
  const resolveTypes = (specifier: string, options: ts.CompilerOptions) =>
    ts.resolveModuleName(specifier, path.join(REPO_ROOT, "consumer.ts"), options, ts.sys).resolvedModule
      ?.resolvedFileName;

  it("test_Declarations_ExistForEveryEntryPoint", async () => {
    for (const entry of ENTRIES) {
      const declaration = path.join(DIST, `${entry.name}.d.ts`);
      expect(await readFile(declaration, "utf8")).toMatch(/export /);
      // The declaration map leads an editor's "go to definition" to the source the package ships.
      const map = JSON.parse(await readFile(`${declaration}.map`, "utf8")) as { sources: string[] };
      expect(map.sources.map((source) => path.resolve(DIST, source))).toEqual([path.join(SRC, `${entry.name}.ts`)]);

      for (const moduleResolution of [ts.ModuleResolutionKind.NodeNext, ts.ModuleResolutionKind.Bundler]) {
        const module =
          moduleResolution === ts.ModuleResolutionKind.Bundler ? ts.ModuleKind.ESNext : ts.ModuleKind.NodeNext;
        expect(resolveTypes(entry.specifier, { module, moduleResolution })).toBe(declaration);
        expect(resolveTypes(entry.specifier, { module, moduleResolution, customConditions: ["@surety/source"] })).toBe(
          path.join(SRC, `${entry.name}.ts`),
        );
      }
    }
    // Every module has its declaration, not only the entry points.
    const sources = (await filesUnder(SRC, ".ts")).map((file) => file.replace(/\.ts$/, ".d.ts"));
    expect(await filesUnder(DIST, ".d.ts")).toEqual(sources);
  });

  it("test_Declarations_TypeCheckAConsumer", () => {
    // A consumer with strict settings and without allowImportingTsExtensions. If the declarations did not resolve,
    // the SDK's types would be `any` and the @ts-expect-error lines would go unused, which is an error too.
    const consumer = path.join(REPO_ROOT, "__surety_consumer__.ts");
    const text = `
      import { createWalletClient, http, type Address, type LocalAccount } from "viem";
      import { acceptPact, setAgentStatus, suretyActions, type GetPactReturnType, type Terms } from "@surety/sdk";
      import { getDeployment, suretyAbi } from "@surety/sdk/deployments";

      declare const agent: Address;
      declare const operator: LocalAccount;
      const client = createWalletClient({ account: operator, transport: http() }).extend(suretyActions(getDeployment(31337)));
      const reader = createWalletClient({ transport: http() }).extend(suretyActions(getDeployment(31337)));
      export const accepted: Promise<{ event: { collateral: bigint } }> = acceptPact(client, { pactId: 1n });
      export const status: Promise<unknown> = client.setAgentStatus({ agent, status: "narrowed", cap: "10", reason: "x" });
      export const price: Terms["price"] = 1n;
      export const effective: GetPactReturnType["effectiveStatus"] = "overdue";
      export const functions: number = suretyAbi.filter((item) => item.type === "function").length;
      // @ts-expect-error a pact id is required
      acceptPact(client, {});
      // @ts-expect-error not a status of the ladder
      setAgentStatus(client, { agent, status: "suspended", reason: "x" });
      // @ts-expect-error narrowing needs a cap
      client.setAgentStatus({ agent, status: "narrowed", reason: "x" });
      // @ts-expect-error a client without an account must name the one that sends
      reader.setAgentStatus({ agent, status: "warned", reason: "x" });
      export const reviewed: Promise<{ reviews: { event: { changed: boolean } }[] }> = client.recordReviews({
        reviews: [{ agent, decision: "narrow", cap: "10", evidence: "x" }],
      });
      // @ts-expect-error keep takes no cap
      client.recordReviews({ reviews: [{ agent, decision: "keep", cap: "10", evidence: "x" }] });
      // @ts-expect-error a note's kind is exception or rescue
      client.logAgentException({ agent, kind: "warning", note: "x" });
      // @ts-expect-error amounts are bigints in the terms
      export const wrong: Terms["price"] = "1";
      // @ts-expect-error a chain id is a number
      getDeployment("31337");
    `;
    const options: ts.CompilerOptions = {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    };
    const host = ts.createCompilerHost(options);
    const { getSourceFile, fileExists, readFile: read } = host;
    host.getSourceFile = (file, language, ...rest) =>
      path.resolve(file) === consumer
        ? ts.createSourceFile(file, text, language)
        : getSourceFile.call(host, file, language, ...rest);
    host.fileExists = (file) => path.resolve(file) === consumer || fileExists.call(host, file);
    host.readFile = (file) => (path.resolve(file) === consumer ? text : read.call(host, file));
    const program = ts.createProgram([consumer], options, host);
    const diagnostics = [
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...program.getSyntacticDiagnostics(),
      ...program.getSemanticDiagnostics(program.getSourceFile(consumer)),
    ].map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    expect(diagnostics).toEqual([]);
    // The SDK's types came from the build, not from its source.
    const sdkFiles = program
      .getSourceFiles()
      .map((file) => path.resolve(file.fileName))
      .filter((file) => file.startsWith(SDK_ROOT + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`));
    expect(sdkFiles).toContain(path.join(DIST, "index.d.ts"));
    expect(sdkFiles.filter((file) => !file.startsWith(DIST + path.sep))).toEqual([]);
  }, 60_000);
});

describe("package: tree-shaking", () => {
  /** Every action module of the build, with the functions it exports. */
  async function actionModules(): Promise<{ file: string; functions: string[] }[]> {
    const modules = [];
    for (const file of await filesUnder(path.join(DIST, "actions"), ".js")) {
      if (path.basename(file) === "internal.js") continue;
      const code = await readFile(path.join(DIST, "actions", file), "utf8");
      const functions = [...code.matchAll(/^export (?:async )?function (\w+)/gm)].map((match) => match[1]!);
      modules.push({ file: `actions/${file.split(path.sep).join("/")}`, functions });
    }
    return modules;
  }

  /** Bundles `code` as a consumer would; returns the output and the dist modules (relative) that made it in. */
  async function bundle(code: string, options: { ignoreAnnotations?: boolean } = {}) {
    const result = await build({
      ...options,
      stdin: { contents: code, resolveDir: REPO_ROOT, loader: "js", sourcefile: "entry.js" },
      absWorkingDir: REPO_ROOT,
      bundle: true,
      format: "esm",
      treeShaking: true,
      platform: "node",
      // The peer and runtime dependencies stay imports; only the SDK is bundled.
      external: ["viem", "zod"],
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const [output] = Object.values(result.metafile.outputs);
    const included = Object.entries(output!.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([file]) => path.resolve(REPO_ROOT, file))
      .filter((file) => file.startsWith(SDK_ROOT + path.sep));
    // Everything bundled from the SDK came from its build, through the package's exports.
    expect(included.filter((file) => !file.startsWith(DIST + path.sep))).toEqual([]);
    return {
      output: result.outputFiles![0]!.text,
      included: included.map((file) => path.relative(DIST, file).split(path.sep).join("/")).sort(),
    };
  }

  it.each([
    { action: "acceptPact", file: "actions/agent/acceptPact.js" },
    { action: "resolveDispute", file: "actions/arbiter/resolveDispute.js" },
    { action: "getPact", file: "actions/read/getPact.js" },
  ])("test_Bundle_OfOneAction_LeavesTheOthersOut ($action)", async ({ action, file }) => {
    const { output, included } = await bundle(`import { ${action} } from "@surety/sdk"; console.log(${action});`);

    expect(output).toContain(`function ${action}(`);
    // Of the action modules, only the imported one and the shared internals are in the bundle; nor is the
    // decorator, which imports every action, nor any code of the barrel.
    const actions = included.filter((module) => module.startsWith("actions/") && !module.endsWith("/internal.js"));
    expect(actions).toEqual([file]);
    expect(included).not.toContain("decorators/suretyActions.js");
    expect(included).not.toContain("index.js");
    // No other action's body either (their names still appear as strings in the ABI, hence `function name(`).
    const others = (await actionModules()).filter((module) => module.file !== file);
    expect(others.length).toBeGreaterThan(30);
    const leaked = others.flatMap((module) => module.functions).filter((name) => output.includes(`function ${name}(`));
    expect(leaked).toEqual([]);
    expect(output).not.toContain("function suretyActions(");
  });

  it("test_Barrel_HasNoCodeOfItsOwn", async () => {
    // "sideEffects": false lets bundlers skip the barrel and the decorator; it must also be true. With the flag
    // ignored, any statement of theirs other than a re-export or a declaration would land in the bundle.
    const { included } = await bundle(`import { acceptPact } from "@surety/sdk"; console.log(acceptPact);`, {
      ignoreAnnotations: true,
    });
    expect(included).toContain("actions/agent/acceptPact.js");
    expect(included).not.toContain("index.js");
    expect(included).not.toContain("decorators/suretyActions.js");
  });

  it("test_Bundle_OfTheDeploymentsSubpath_HasNoActions", async () => {
    const { output, included } = await bundle(
      `import { getDeployment, suretyAbi } from "@surety/sdk/deployments"; console.log(getDeployment, suretyAbi);`,
    );
    expect(output).toContain("function getDeployment(");
    expect(included).toContain("abis.js");
    expect(included.filter((module) => module.startsWith("actions/") || module.startsWith("decorators/"))).toEqual([]);
  });
});

describe("package: tarball", () => {
  it("test_Pack_ShipsTheBuildWithItsAbisAndDeployments_AndNoTests", async () => {
    // What `npm pack` would put in the tarball (scripts skipped: the beforeAll above already refused a stale build).
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: SDK_ROOT });
    const [packed] = JSON.parse(stdout) as [{ name: string; files: { path: string }[] }];
    const files = packed.files.map((file) => file.path).sort();
    expect(packed.name).toBe("@surety/sdk");
    expect(files).toEqual(expect.arrayContaining(["package.json", "README.md", "dist/index.js", "dist/index.d.ts"]));
    // The ABIs and the known deployments are compiled into the build, not read from this repository at run time.
    expect(files).toEqual(expect.arrayContaining(["dist/abis.js", "dist/deployments.js", "dist/deployments.d.ts"]));
    expect(files.filter((file) => /(^|\/)test\/|\.test(-d)?\.ts$|^scripts\//.test(file))).toEqual([]);

    const manifest = JSON.parse(await readFile(path.join(SDK_ROOT, "package.json"), "utf8"));
    // Publishable, and every entry point reaches the build without the in-repo "@surety/source" condition.
    expect(manifest.private).toBeUndefined();
    for (const [entry, conditions] of Object.entries(manifest.exports as Record<string, unknown>)) {
      if (typeof conditions === "string") continue;
      const { types, default: target } = conditions as { types: string; default: string };
      expect(types, entry).toMatch(/^\.\/dist\/.+\.d\.ts$/);
      expect(target, entry).toMatch(/^\.\/dist\/.+\.js$/);
      expect(files, entry).toContain(types.slice(2));
      expect(files, entry).toContain(target.slice(2));
    }
    // viem is the caller's (one copy shared with their clients); zod is the SDK's own.
    expect(Object.keys(manifest.peerDependencies)).toEqual(["viem"]);
    expect(Object.keys(manifest.dependencies)).toEqual(["zod"]);
  });
});
