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
import { BaseError as ViemBaseError, InsufficientFundsError } from "viem";

import { amount, ETH, period, type TokenInfo } from "./format.ts";

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

/** The tokens of the running command, once read: refusals name their amounts in them. */
export type Units = { payment?: TokenInfo | undefined; stake?: TokenInfo | undefined };

type Args = readonly unknown[];

/**
 * The contract's refusals that carry amounts or periods, said in the token's units (`9348.5 mUSD`, not
 * `9348500000`) and in days and hours; the SDK's message stays for everything else.
 */
const IN_UNITS: Record<string, (args: Args, units: Required<Units>) => string> = {
  ERC20InsufficientBalance: ([sender, balance, needed], { payment }) =>
    `${sender} holds ${amount(balance as bigint, payment)} but ${amount(needed as bigint, payment)} is needed`,
  ERC20InsufficientAllowance: ([spender, allowance, needed], { payment }) =>
    `the allowance of ${spender} is ${amount(allowance as bigint, payment)} but ${amount(needed as bigint, payment)} is needed (try --allowance approve)`,
  Surety_ArbiterFeeTooLow: ([fee, minFee], { payment }) =>
    `the arbiter fee ${amount(fee as bigint, payment)} is below the arbiter's minimum of ${amount(minFee as bigint, payment)}`,
  Surety_ExposureCapExceeded: ([agent, cap, exposure], { stake }) =>
    `agent ${agent} would lock ${amount(exposure as bigint, stake)}, above its cap of ${amount(cap as bigint, stake)}`,
  Surety_InsufficientFreeStake: ([agent, free, needed], { stake }) =>
    `agent ${agent} has ${amount(free as bigint, stake)} of free stake but needs ${amount(needed as bigint, stake)}`,
  Surety_PenaltyExceedsCollateral: ([penalty, collateral], { stake }) =>
    `the penalty ${amount(penalty as bigint, stake)} is more than the collateral ${amount(collateral as bigint, stake)}`,
  Surety_SlashExceedsCollateral: ([slash, collateral], { stake }) =>
    `the slash ${amount(slash as bigint, stake)} is more than the pact's collateral ${amount(collateral as bigint, stake)}`,
  Surety_WrongValue: ([expected, sent]) =>
    `the call must send ${amount(expected as bigint, ETH)} but sent ${amount(sent as bigint, ETH)}`,
  Surety_ReviewPeriodOutOfBounds: ([value, min, max]) =>
    `the review period of ${period(value as number)} is outside the deployment's ${period(min as number)} to ${period(max as number)}`,
  Surety_RulingPeriodOutOfBounds: ([value, min, max]) =>
    `the ruling period of ${period(value as number)} is outside the allowed ${period(min as number)} to ${period(max as number)}`,
};

const STAKE_FIELDS = new Set(["collateral", "penalty", "slash", "amount", "cap"]);
const PAYMENT_FIELDS = new Set(["price", "arbiterFee", "minFee"]);

/**
 * The SDK's words for its own parameters, said as the CLI's flags are: amounts the SDK gives in base units in
 * parentheses ("must be at most collateral (50000000)") in the field's token, periods in seconds ("(5184000 s)")
 * in days and hours.
 */
function cliWording(message: string, path = "", units: Units = {}): string {
  const field = path.split(".").at(-1) ?? "";
  const token = STAKE_FIELDS.has(field) ? units.stake : PAYMENT_FIELDS.has(field) ? units.payment : undefined;
  return message
    .replace(/\((\d+) s\)/g, (_all, seconds: string) => `(${period(BigInt(seconds))})`)
    .replace(/\((\d+)\)$/, (all, raw: string) => (token === undefined ? all : `(${amount(BigInt(raw), token)})`))
    .replace(/; pass a bigint of base units/g, "")
    .replace(
      /must be a bigint of base units \(12500000n\) or a decimal string in the token's units \("12\.5"\)/g,
      "must be an amount in the token's units like 12.5",
    )
    .replace(
      /must be a bigint of base units \(12500000n\) or a decimal string \("12\.5"\), not a number/g,
      "must be an amount in the token's units like 12.5",
    );
}

/**
 * What an error says, for a person: an SDK error's short message and details, without the Docs and Version lines
 * its `message` ends with (those are for a developer reading a stack trace).
 */
function said(error: unknown): string {
  if (error instanceof SuretyError) return [error.shortMessage, ...error.details].join("\n");
  return error instanceof Error ? error.message : String(error);
}

/** Classifies any error the CLI meets into an exit code and a message. */
export function classify(error: unknown, flags: FlagMap = {}, units: Units = {}): Failure {
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
    const issues = error.issues.map((issue) => ({
      flag: flagOf(issue.path, flags),
      message: cliWording(rename(issue.message), issue.path, units),
    }));
    return classify(new UsageError(issues, { cause: error }), flags, units);
  }
  if (error instanceof DeploymentError) {
    const issues = error.issues.map((issue) => ({
      flag: "--deployment",
      message: `${error.path}: ${issue.path}: ${issue.message}`,
    }));
    return classify(new UsageError(issues, { cause: error }), flags);
  }
  if (error instanceof ContractRevertError) {
    const inUnits = IN_UNITS[error.errorName];
    const payment = units.payment ?? units.stake;
    const stake = units.stake ?? units.payment;
    return {
      code: EXIT.refused,
      kind: "refused",
      message:
        inUnits !== undefined && payment !== undefined && stake !== undefined
          ? `${error.functionName} reverted: ${inUnits(error.args as Args, { payment, stake })}.`
          : said(error),
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
      message: said(error),
      details: { hash: error.hash, blockNumber: error.receipt.blockNumber },
    };
  }
  if (error instanceof NotFoundError) {
    if (error.resource === "deployment") {
      return classify(
        new UsageError([{ flag: "--deployment", message: said(error).replace(/ pass one.*$/, "") }]),
        flags,
      );
    }
    return { code: EXIT.refused, kind: "refused", message: said(error), details: { notFound: error.resource } };
  }
  if (error instanceof RequestError || error instanceof ConnectionError) {
    return { code: EXIT.connection, kind: "connection", message: said(error), details: {} };
  }
  if (error instanceof TrustApiError) {
    // The CLI checks every parameter first, so a 4xx is the API refusing what the SDK let through.
    const code = error.status >= 400 && error.status < 500 ? EXIT.usage : EXIT.connection;
    return {
      code,
      kind: code === EXIT.usage ? "invalid-input" : "connection",
      message: said(error),
      details: { status: error.status, apiCode: error.code },
    };
  }
  if (error instanceof RefusedError || error instanceof SuretyError) {
    return { code: EXIT.refused, kind: "refused", message: said(error), details: {} };
  }
  if (error instanceof ViemBaseError && error.walk((cause) => cause instanceof InsufficientFundsError) !== null) {
    return {
      code: EXIT.refused,
      kind: "refused",
      message: "the account's ETH balance does not cover the value sent and the gas of this transaction",
      details: {},
    };
  }
  const reason = viemReason(error);
  if (reason !== undefined) return { code: EXIT.connection, kind: "connection", message: reason, details: {} };
  const message = said(error);
  return { code: EXIT.refused, kind: "refused", message: `unexpected error: ${message}`, details: {} };
}
