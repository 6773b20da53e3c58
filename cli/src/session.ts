/**
 * The connection a command runs on: the RPC URL, the deployment, the account and the indexer, read from flags or
 * the environment and checked before anything connects; then the clients, once the command's own flags are valid.
 */
import path from "node:path";

import {
  createTrustClient,
  getDeployment,
  getNextBlockTime,
  loadDeployment,
  suretyActions,
  type Deployment,
} from "@surety/sdk";
import {
  BaseError,
  createPublicClient,
  createWalletClient,
  defineChain,
  erc20Abi,
  http,
  HttpRequestError,
  TimeoutError,
  publicActions,
  zeroAddress,
  type Account,
  type Address,
  type Chain,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";

import { ConnectionError, UsageError } from "./errors.ts";
import type { Flags } from "./flags.ts";
import { ETH, type TokenInfo } from "./format.ts";
import { readKeystoreSecret } from "./keystore.ts";
import type { Io, Output } from "./output.ts";

export const DEFAULT_RPC_URL = "http://127.0.0.1:8545";
export const DEFAULT_INDEXER_URL = "http://127.0.0.1:42069";
export const DEFAULT_KEY_ENV = "SURETY_PRIVATE_KEY";

/** The program-wide options, as commander parses them. */
export type GlobalOptions = {
  rpcUrl?: string;
  deployment?: string;
  keyEnv?: string;
  keystore?: string;
  keystorePasswordEnv?: string;
  indexerUrl?: string;
  json?: boolean;
};

/** Whether a command signs (it needs an account), may use one (a default address), or never does. */
export type AccountNeed = "required" | "optional" | "none";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PRIVATE_KEY = /^(0x)?[0-9a-fA-F]{64}$/;

/** Where the account comes from, once checked. */
type AccountSource =
  | { kind: "env"; variable: string; flag: string }
  | { kind: "keystore"; name: string; passwordEnv: string | undefined }
  | { kind: "none" };

/** The connection settings, checked (every problem is reported to the command's Flags). */
export type Settings = {
  rpcUrl: string;
  rpcFlag: string;
  /** Where the indexer URL came from: --indexer-url, SURETY_INDEXER_URL, or the default. */
  indexerFlag: string;
  deploymentPath: string | undefined;
  indexerUrl: string;
  account: AccountSource;
  need: AccountNeed;
};

/** What a command connects to: the chain (most commands) or the indexer (the trust API's). */
export type Uses = "chain" | "indexer";

/**
 * Reads the connection settings from flags, then the environment, then the defaults, reporting every problem with
 * what the command uses (a bad indexer URL does not stop a chain command).
 */
export function readSettings(
  globals: GlobalOptions,
  io: Io,
  flags: Flags,
  need: AccountNeed,
  uses: Uses = "chain",
): Settings {
  const env = io.env;
  const pick = (flagValue: string | undefined, variable: string, flag: string) =>
    flagValue !== undefined ? { value: flagValue, from: flag } : { value: env[variable], from: variable };

  const rpc = pick(globals.rpcUrl, "SURETY_RPC_URL", "--rpc-url");
  const rpcValue = rpc.value === undefined || rpc.value === "" ? DEFAULT_RPC_URL : rpc.value;
  if (uses === "chain") flags.url(rpcValue, rpc.from, ["http", "https"]);

  const indexer = pick(globals.indexerUrl, "SURETY_INDEXER_URL", "--indexer-url");
  const indexerValue = indexer.value === undefined || indexer.value === "" ? DEFAULT_INDEXER_URL : indexer.value;
  if (uses === "indexer") flags.url(indexerValue, indexer.from, ["http", "https"]);

  const deployment = pick(globals.deployment, "SURETY_DEPLOYMENT", "--deployment");
  const deploymentPath = deployment.value === undefined || deployment.value === "" ? undefined : deployment.value;

  let account: AccountSource = { kind: "none" };
  if (need !== "none") {
    const keystore = pick(globals.keystore, "SURETY_KEYSTORE", "--keystore");
    const keystoreName = keystore.value === undefined || keystore.value === "" ? undefined : keystore.value;
    if (keystoreName !== undefined) {
      if (globals.keyEnv !== undefined) flags.report("--key-env", "cannot be used with --keystore: choose one");
      if (!ENV_NAME.test(keystoreName)) {
        flags.report(
          keystore.from,
          PRIVATE_KEY.test(keystoreName)
            ? "must name a key in Hardhat's keystore; it looks like a private key itself: never pass keys as flags"
            : "must name a key in Hardhat's keystore (letters, digits and _)",
        );
      }
      const passwordEnv = globals.keystorePasswordEnv;
      if (passwordEnv !== undefined && !ENV_NAME.test(passwordEnv)) {
        flags.report("--keystore-password-env", "must name an environment variable (letters, digits and _)");
      } else if (passwordEnv !== undefined && (env[passwordEnv] === undefined || env[passwordEnv] === "")) {
        flags.report("--keystore-password-env", `names ${passwordEnv}, which is not set`);
      }
      account = { kind: "keystore", name: keystoreName, passwordEnv };
    } else {
      if (globals.keystorePasswordEnv !== undefined) {
        flags.report("--keystore-password-env", "only applies with --keystore");
      }
      const variable = globals.keyEnv ?? DEFAULT_KEY_ENV;
      const flag = globals.keyEnv === undefined ? DEFAULT_KEY_ENV : "--key-env";
      if (!ENV_NAME.test(variable)) {
        flags.report(
          "--key-env",
          PRIVATE_KEY.test(variable)
            ? "must name an environment variable; it looks like a private key itself: never pass keys as flags"
            : "must name an environment variable (letters, digits and _)",
        );
      } else {
        const value = env[variable];
        if (value === undefined || value === "") {
          if (need === "required") {
            flags.report(
              variable,
              `is not set: this command signs, so put the account's private key in ${variable}` +
                `${globals.keyEnv === undefined ? " (or name another variable with --key-env)" : ""}, ` +
                "or read it from Hardhat's keystore with --keystore NAME",
            );
          }
        } else {
          if (!PRIVATE_KEY.test(value.trim())) {
            // Never the value itself, not even a part of it.
            flags.report(variable, "is not a private key (32 bytes as 64 hex digits, with or without 0x)");
          }
          account = { kind: "env", variable, flag };
        }
      }
    }
  }
  return {
    rpcUrl: rpcValue,
    rpcFlag: rpc.from,
    indexerFlag: indexer.value === undefined || indexer.value === "" ? "the default --indexer-url" : indexer.from,
    deploymentPath,
    indexerUrl: indexerValue,
    account,
    need,
  };
}

/** A connected session: the chain, the deployment and the clients with Surety's actions bound. */
export type Session = Awaited<ReturnType<typeof connect>>;

function chainFor(chainId: number, url: string): Chain {
  if (chainId === hardhat.id) return { ...hardhat, rpcUrls: { default: { http: [url] } } };
  return defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [url] } },
  });
}

const isLocal = (chainId: number) => chainId === 31337 || chainId === 1337;

/** The account, from the environment or the keystore (read locally, before connecting). */
async function loadAccount(settings: Settings, io: Io, output: Output): Promise<Account | undefined> {
  const source = settings.account;
  if (source.kind === "none") return undefined;
  let secret: string;
  let flag: string;
  if (source.kind === "env") {
    secret = io.env[source.variable]!.trim();
    flag = source.variable;
  } else {
    const password = source.passwordEnv === undefined ? undefined : io.env[source.passwordEnv];
    if (password !== undefined) output.addSecret(password);
    secret = (
      await readKeystoreSecret({
        name: source.name,
        password,
        stdin: io.stdin,
        stderr: io.stderr,
      })
    ).trim();
    flag = "--keystore";
    if (!PRIVATE_KEY.test(secret)) {
      throw new UsageError([
        { flag, message: `Hardhat's keystore holds ${source.name}, but it is not a private key (64 hex digits)` },
      ]);
    }
  }
  output.addSecret(secret);
  const key = (secret.startsWith("0x") ? secret : `0x${secret}`) as `0x${string}`;
  try {
    return privateKeyToAccount(key);
  } catch {
    throw new UsageError([{ flag, message: "is not a valid secp256k1 private key" }]);
  }
}

/** Whether a request failed for want of a server (refused, unknown host, timed out), not for what it answered. */
export function unreachable(error: unknown): boolean {
  if (!(error instanceof BaseError)) return false;
  if (error.walk((cause) => cause instanceof TimeoutError) !== null) return true;
  const request = error.walk((cause) => cause instanceof HttpRequestError) as HttpRequestError | null;
  if (request === null || request.status !== undefined) return false;
  return /fetch failed|ECONN|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|socket|network|abort/i.test(
    `${request.details} ${String((request.cause as Error | undefined)?.message ?? "")}`,
  );
}

/** What a server that is not an Ethereum node answered, in a few words. */
function answerOf(error: unknown): string {
  const request =
    error instanceof BaseError
      ? (error.walk((cause) => cause instanceof HttpRequestError) as HttpRequestError | null)
      : null;
  if (request?.status !== undefined) return `it answered HTTP ${request.status}`;
  if (request !== null) return "it answered something that is not JSON-RPC";
  if (error instanceof BaseError) return `it answered: ${error.shortMessage}`;
  return "its answer was not a chain id";
}

/** A connection to a chain, without a deployment: what `deploy` needs. */
export type ChainSession = Awaited<ReturnType<typeof connectChain>>;

/** Reads the account (a local read), then asks the node for its chain. */
export async function connectChain(settings: Settings, io: Io, output: Output) {
  const account = await loadAccount(settings, io, output);
  const transport = http(settings.rpcUrl, { retryCount: 1, timeout: 20_000 });
  let chainId: number;
  try {
    chainId = await createPublicClient({ transport }).getChainId();
  } catch (error) {
    const reason = (error as { shortMessage?: string }).shortMessage ?? (error as Error).message;
    if (!unreachable(error)) {
      // Something answered, but not as an Ethereum node does (a web page, another API, a JSON-RPC server that
      // knows no eth_chainId).
      throw new ConnectionError(
        `${settings.rpcUrl} (${settings.rpcFlag}) is not an Ethereum JSON-RPC endpoint: asked for its chain id, ${answerOf(error)}`,
        { cause: error },
      );
    }
    throw new ConnectionError(`cannot reach the RPC at ${settings.rpcUrl} (${settings.rpcFlag}): ${reason}`, {
      cause: error,
    });
  }
  const chain = chainFor(chainId, settings.rpcUrl);
  const pollingInterval = isLocal(chainId) ? 100 : 1_000;
  const rpcFailure = (error: unknown) =>
    new ConnectionError(
      `the RPC at ${settings.rpcUrl} failed: ${(error as { shortMessage?: string }).shortMessage ?? (error as Error).message}`,
      { cause: error },
    );
  return { chainId, chain, transport, pollingInterval, account, url: settings.rpcUrl, rpcFailure };
}

/**
 * Opens the session: reads the deployment file and the account (local reads), then asks the node for its chain,
 * checks the deployment is on it and has code. A node that cannot be reached is a ConnectionError.
 */
export async function connect(settings: Settings, io: Io, output: Output) {
  const fileDeployment =
    settings.deploymentPath === undefined
      ? undefined
      : await loadDeployment(path.resolve(io.cwd ?? process.cwd(), settings.deploymentPath));
  const { chainId, chain, transport, pollingInterval, account, rpcFailure } = await connectChain(settings, io, output);
  let deployment: Deployment;
  if (fileDeployment !== undefined) {
    if (fileDeployment.chainId !== chainId) {
      throw new UsageError([
        {
          flag: "--deployment",
          message: `${settings.deploymentPath} is on chain ${fileDeployment.chainId}, but the RPC at ${settings.rpcUrl} is chain ${chainId}`,
        },
      ]);
    }
    deployment = fileDeployment;
  } else {
    try {
      deployment = getDeployment(chainId);
    } catch {
      throw new UsageError([
        {
          flag: "--deployment",
          message: `the SDK knows no Surety deployment on chain ${chainId}: pass a deployment JSON or an Ignition deployment folder (or set SURETY_DEPLOYMENT)`,
        },
      ]);
    }
  }
  const reader = createPublicClient({ chain, transport, pollingInterval }).extend(suretyActions(deployment));
  let code: string | undefined;
  try {
    code = await reader.getCode({ address: deployment.surety });
  } catch (error) {
    throw rpcFailure(error);
  }
  if (code === undefined || code === "0x") {
    throw new UsageError([
      {
        flag: "--deployment",
        message:
          `no contract at ${deployment.surety} on chain ${chainId}` +
          (settings.deploymentPath === undefined
            ? isLocal(chainId)
              ? ": deploy Surety on this node first (surety deploy --mock-stake-token), or pass --deployment"
              : ""
            : ` (read from ${settings.deploymentPath})`),
      },
    ]);
  }
  const wallet =
    account === undefined
      ? undefined
      : createWalletClient({ account, chain, transport, pollingInterval })
          .extend(publicActions)
          .extend(suretyActions(deployment));

  const tokens = new Map<string, Promise<TokenInfo>>();
  /** Reads a token's metadata; a token without it gets a fallback, a failing node is a ConnectionError. */
  const readOr = async <T>(read: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      const transportFailed =
        error instanceof BaseError &&
        error.walk((cause) => cause instanceof HttpRequestError || cause instanceof TimeoutError) !== null;
      if (transportFailed) throw rpcFailure(error);
      return fallback;
    }
  };
  /** A token's symbol and decimals (ETH for the zero address), read once. */
  const token = (address: Address): Promise<TokenInfo> => {
    if (address === zeroAddress) return Promise.resolve(ETH);
    let info = tokens.get(address);
    if (info === undefined) {
      info = (async () => {
        const [decimals, symbol] = await Promise.all([
          readOr(() => reader.readContract({ address, abi: erc20Abi, functionName: "decimals" }), 0),
          readOr(() => reader.readContract({ address, abi: erc20Abi, functionName: "symbol" }), "units"),
        ]);
        return { address, decimals, symbol };
      })();
      tokens.set(address, info);
    }
    return info;
  };
  /**
   * The chain's "now": the next block's time, which a transaction sent now would see (the SDK's getNextBlockTime,
   * the one clock of every deadline check and of every "in 2h" and "3m ago" the CLI prints).
   */
  const now = async (): Promise<bigint> => {
    try {
      return await getNextBlockTime(reader);
    } catch (error) {
      throw rpcFailure(error);
    }
  };
  return {
    chainId,
    chain,
    url: settings.rpcUrl,
    deployment,
    reader,
    wallet,
    account,
    token,
    now,
    /** The wallet, which the command was checked to have. */
    signer: () => {
      if (wallet === undefined) throw new Error("this command has no account");
      return wallet;
    },
  };
}

/** The trust API client, on the configured indexer. */
export function trustClient(settings: Settings) {
  return createTrustClient({ url: settings.indexerUrl });
}
