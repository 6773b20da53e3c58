/**
 * What can go wrong, and the exit code each failure maps to: 1 a refused action, 2 bad input (nothing sent), 3 a
 * connection or RPC failure. Every message is written for a person at a terminal.
 */
import { CommanderError } from "commander";
import {
  ContractRevertError,
  DeploymentError,
  InvalidParametersError,
  NotFoundError,
  RequestError,
  SuretyError,
  TransactionRevertedError,
  TrustApiError,
} from "@surety/sdk";
import { BaseError as ViemBaseError } from "viem";

export const EXIT = { ok: 0, refused: 1, usage: 2, connection: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** One faulty input: the flag (`--price`), argument (`<pactId>`) or variable (`SURETY_RPC_URL`), and why. */
export type Issue = { flag: string; message: string };

/** Bad input, found before anything was signed or sent (exit 2). Names every faulty flag. */
export class UsageError extends Error {
  override name = "UsageError" as const;
  readonly issues: readonly Issue[];

  constructor(issues: readonly Issue[], options: { cause?: unknown } = {}) {
    const lines = issues.map((issue) => `${issue.flag}: ${issue.message}`);
    super(
      lines.length === 1 ? lines[0]! : `${lines.length} problems:\n${lines.map((line) => `  ${line}`).join("\n")}`,
      options,
    );
    this.issues = issues;
  }
}

/** A connection failure outside the SDK (the RPC URL, the indexer, a token read) (exit 3). */
export class ConnectionError extends Error {
  override name = "ConnectionError" as const;
}

/** An action that cannot be done for a reason other than a contract revert: missing artifacts, a refused write (exit 1). */
export class RefusedError extends Error {
  override name = "RefusedError" as const;
}

/** What a failure is, for the exit code, the message on stderr and the `--json` error document. */
export type Failure = {
  code: ExitCode;
  kind: "refused" | "invalid-input" | "connection";
  message: string;
  /** More for `--json`: the decoded revert, the faulty flags. */
  details: Record<string, unknown>;
};

/**
 * SDK parameter paths (`price`, `offer.expiry`) turned into the flags they came from, for one command. A path with
 * no flag keeps its name.
 */
export type FlagMap = Readonly<Record<string, string>>;

function flagOf(path: string, flags: FlagMap): string {
  if (flags[path] !== undefined) return flags[path];
  const head = path.split(".")[0]!;
  if (flags[head] !== undefined) return `${flags[head]} (${path})`;
  if (head === "deployment") return "--deployment";
  if (head === "account") return "account";
  return path;
}

/** The last line of viem's shortMessage, which is the useful one ("HTTP request failed."). */
function viemReason(error: unknown): string | undefined {
  if (error instanceof ViemBaseError) return error.shortMessage;
  return undefined;
}

/** Classifies any error the CLI meets into an exit code and a message. */
export function classify(error: unknown, flags: FlagMap = {}): Failure {
  if (error instanceof CommanderError) {
    return { code: EXIT.usage, kind: "invalid-input", message: error.message.replace(/^error: /, ""), details: {} };
  }
  if (error instanceof UsageError) {
    return {
      code: EXIT.usage,
      kind: "invalid-input",
      message: error.message,
      details: { issues: error.issues },
    };
  }
  if (error instanceof InvalidParametersError) {
    // The SDK's messages name its fields ("must be after acceptBy"): name the flags instead.
    const named = Object.entries(flags).filter(([key]) => /[A-Z]/.test(key));
    const rename = (message: string) =>
      named.reduce((text, [key, flag]) => text.replace(new RegExp(`\\b${key}\\b`, "g"), flag), message);
    const issues = error.issues.map((issue) => ({ flag: flagOf(issue.path, flags), message: rename(issue.message) }));
    return classify(new UsageError(issues, { cause: error }), flags);
  }
  if (error instanceof DeploymentError) {
    const issues = error.issues.map((issue) => ({
      flag: "--deployment",
      message: `${error.path}: ${issue.path}: ${issue.message}`,
    }));
    return classify(new UsageError(issues, { cause: error }), flags);
  }
  if (error instanceof ContractRevertError) {
    return {
      code: EXIT.refused,
      kind: "refused",
      message: error.message,
      details: {
        errorName: error.errorName,
        args: error.args as readonly unknown[],
        functionName: error.functionName,
        contract: error.contractAddress ?? null,
      },
    };
  }
  if (error instanceof TransactionRevertedError) {
    return {
      code: EXIT.refused,
      kind: "refused",
      message: error.message,
      details: { hash: error.hash, blockNumber: error.receipt.blockNumber },
    };
  }
  if (error instanceof NotFoundError) {
    if (error.resource === "deployment") {
      return classify(
        new UsageError([{ flag: "--deployment", message: `${error.message.replace(/ pass one.*$/, "")}` }]),
        flags,
      );
    }
    return { code: EXIT.refused, kind: "refused", message: error.message, details: { notFound: error.resource } };
  }
  if (error instanceof RequestError || error instanceof ConnectionError) {
    return { code: EXIT.connection, kind: "connection", message: error.message, details: {} };
  }
  if (error instanceof TrustApiError) {
    // The CLI checks every parameter first, so a 4xx is the API refusing what the SDK let through.
    const code = error.status >= 400 && error.status < 500 ? EXIT.usage : EXIT.connection;
    return {
      code,
      kind: code === EXIT.usage ? "invalid-input" : "connection",
      message: error.message,
      details: { status: error.status, apiCode: error.code },
    };
  }
  if (error instanceof RefusedError || error instanceof SuretyError) {
    return { code: EXIT.refused, kind: "refused", message: error.message, details: {} };
  }
  const reason = viemReason(error);
  if (reason !== undefined) return { code: EXIT.connection, kind: "connection", message: reason, details: {} };
  const message = error instanceof Error ? error.message : String(error);
  return { code: EXIT.refused, kind: "refused", message: `unexpected error: ${message}`, details: {} };
}
