/** What the commands share: the pact id argument, transaction and terms output, document output, examples, indexer calls. */
import {
  AGENT_STATUSES,
  DEFAULT_SURETY_CONFIG,
  EXCEPTION_KINDS,
  PACT_STATUSES,
  parseDuration,
  RequestError,
  REVIEW_DECISIONS,
  TrustApiError,
  type HashedDocument,
  type Terms,
  type WriteResult,
} from "@surety/sdk";
import type { Command } from "commander";

import type { Context } from "../context.ts";
import { ConnectionError } from "../errors.ts";
import type { DocumentFlag, Flags } from "../flags.ts";
import { amount, period, share, time, type TokenInfo } from "../format.ts";
import type { View } from "../output.ts";
import type { Session, Settings } from "../session.ts";

/** Adds an "Examples:" section to a command's help. */
export function examples(command: Command, lines: readonly string[]): Command {
  return command.addHelpText("after", `\nExamples:\n${lines.map((line) => `  $ ${line}`).join("\n")}\n`);
}

/** The `<pactId>` argument of a command, checked. */
export function pactIdArgument(context: Context, index = 0): bigint | undefined {
  const value = context.args[index];
  if (value === undefined) {
    context.flags.report("<pactId>", "is required");
    return undefined;
  }
  return context.flags.parseId(value, "<pactId>", "pact id");
}

/** An `<address>` argument, checked; `fallback` (the account's address) when it is optional and left out. */
export function addressArgument(context: Context, name: string, index = 0) {
  const value = context.args[index];
  if (value === undefined) return undefined;
  return context.flags.parseAddress(value, `<${name}>`);
}

/**
 * An event's arguments for `--json`: statuses, review decisions and note kinds as the SDK's words ("narrowed",
 * "disputed", "narrow", "rescue"), not the contract's enum numbers. Agent events carry a ladder status; every other
 * `status` is a pact's.
 */
export function jsonEvent(eventName: string, args: Record<string, unknown>): Record<string, unknown> {
  // The operator's review decisions and note kinds, as words too.
  if (eventName === "AgentReviewed" && typeof args.decision === "number") {
    return { ...args, decision: REVIEW_DECISIONS[args.decision] ?? String(args.decision) };
  }
  if (eventName === "ExceptionLogged" && typeof args.kind === "number") {
    return { ...args, kind: EXCEPTION_KINDS[args.kind] ?? String(args.kind) };
  }
  if (typeof args.status !== "number" && typeof args.status !== "bigint") return args;
  const names: readonly string[] = eventName === "AgentStatusChanged" ? AGENT_STATUSES : PACT_STATUSES;
  return { ...args, status: names[Number(args.status)] ?? String(args.status) };
}

/**
 * The JSON document of a write, one shape for every command: `action` is the command (`pact.accept`),
 * `eventName` the contract's event (`PactAccepted`) and `event` its arguments.
 */
export function writeJson(
  context: Context,
  eventName: string,
  result: WriteResult & { event: object },
  extra: Record<string, unknown> = {},
) {
  return {
    action: context.path,
    eventName,
    ...extra,
    ...txJson(result),
    event: jsonEvent(eventName, result.event as Record<string, unknown>),
  };
}

/** The period bounds in help: the deployment defaults, since help reads no chain. */
export const BOUNDS_HELP = {
  review: `from ${period(DEFAULT_SURETY_CONFIG.minReviewPeriod)} to ${period(DEFAULT_SURETY_CONFIG.maxReviewPeriod)} on a deployment with the default configuration`,
  ruling: `from ${period(DEFAULT_SURETY_CONFIG.minRulingPeriod)} to ${period(DEFAULT_SURETY_CONFIG.maxRulingPeriod)} on a deployment with the default configuration, and at most the arbiter's maximum`,
};

/**
 * Reports review and ruling periods outside the deployment's bounds (read from its configuration on the chain),
 * naming the flags, with the command's other faulty flags: bad input, found before anything is sent.
 */
export async function checkPeriods(
  session: Session,
  flags: Flags,
  periods: { reviewPeriod?: string | undefined; rulingPeriod?: string | undefined },
  names: { reviewPeriod: string; rulingPeriod: string } = {
    reviewPeriod: "--review-period",
    rulingPeriod: "--ruling-period",
  },
): Promise<void> {
  const config = await session.reader.getConfig();
  const bounds = [
    ["reviewPeriod", config.minReviewPeriod, config.maxReviewPeriod],
    ["rulingPeriod", config.minRulingPeriod, config.maxRulingPeriod],
  ] as const;
  for (const [key, min, max] of bounds) {
    const value = periods[key];
    if (value === undefined) continue;
    const seconds = parseDuration(value);
    if (seconds < BigInt(min) || seconds > BigInt(max)) {
      flags.report(names[key], `must be from ${period(min)} to ${period(max)} on this deployment, not ${value}`);
    }
  }
}

/** The transaction part of a write's JSON document. */
export function txJson(result: WriteResult) {
  return {
    hash: result.hash,
    blockNumber: result.receipt.blockNumber,
    gasUsed: result.receipt.gasUsed,
    approval: result.approval === undefined ? null : { hash: result.approval.hash },
    credits: result.credits,
  };
}

/** The transaction rows of a write, with any payout credited instead of sent. */
export async function txRows(session: Session, result: WriteResult): Promise<[string, string][]> {
  const rows: [string, string][] = [];
  if (result.approval !== undefined) rows.push(["Approval", result.approval.hash]);
  rows.push(["Transaction", result.hash]);
  rows.push(["Block", String(result.receipt.blockNumber)]);
  rows.push(["Gas used", String(result.receipt.gasUsed)]);
  for (const credit of result.credits) {
    const token = await session.token(credit.token);
    rows.push([
      "Credited",
      `${amount(credit.amount, token)} to ${credit.account} (its transfer failed: claim it with \`surety payout claim\`)`,
    ]);
  }
  return rows;
}

/** The payment and stake tokens of a pact. */
export async function pactTokens(session: Session, terms: Terms) {
  const [payment, stake] = await Promise.all([
    session.token(terms.token),
    session.token(session.deployment.stakeToken),
  ]);
  return { payment, stake };
}

/** A pact's terms as rows. */
export function termsRows(
  terms: Terms,
  tokens: { payment: TokenInfo; stake: TokenInfo },
  now?: bigint,
): [string, string][] {
  return [
    ["Buyer", terms.buyer],
    ["Agent", terms.agent],
    ["Arbiter", terms.arbiter],
    ["Price", amount(terms.price, tokens.payment)],
    ["Arbiter fee", amount(terms.arbiterFee, tokens.payment)],
    ["Collateral", amount(terms.collateral, tokens.stake)],
    ["Penalty", amount(terms.penalty, tokens.stake)],
    ["Accept by", time(terms.acceptBy, now)],
    ["Deliver by", time(terms.deliverBy, now)],
    ["Review period", period(terms.reviewPeriod)],
    ["Ruling period", period(terms.rulingPeriod)],
    ["Default buyer share", share(terms.defaultBuyerBps)],
    ["Terms hash", terms.termsHash],
  ];
}

/** How a document flag was hashed, for output. */
export function documentJson(document: HashedDocument, source: DocumentFlag["source"]) {
  return {
    hash: document.hash,
    canonical: document.canonical ?? null,
    source: source.kind,
    ...("path" in source ? { file: source.path } : {}),
  };
}

export function documentRow(label: string, document: HashedDocument, source: DocumentFlag["source"]): [string, string] {
  const from =
    source.kind === "hash"
      ? "(given as a hash)"
      : source.kind === "json-file"
        ? `(canonical JSON of ${source.path})`
        : source.kind === "file"
          ? `(text of ${source.path})`
          : source.kind === "json"
            ? "(canonical JSON of the value given)"
            : "(the text given)";
  // On its own line: a long path wraps there, and the hash stays whole and apart.
  return [label, `${document.hash}\n${from}`];
}

/** A write's output: a title, its own rows, then the transaction rows. */
export async function writeView(
  session: Session,
  title: string,
  rows: [string, string][],
  result: WriteResult,
  notes: string[] = [],
): Promise<View> {
  return { title, rows: [...rows, ...(await txRows(session, result))], notes };
}

/** Runs a trust API call; an indexer that cannot be reached is a connection failure that says which URL. */
export async function fromIndexer<T>(settings: Settings, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof TrustApiError && (error.code === "http_error" || error.code === "malformed_response")) {
      // An answer without the trust API's error shape, or in another shape: some other server is at that URL.
      throw new ConnectionError(
        `${settings.indexerUrl} (${settings.indexerFlag}) is not a Surety indexer: ${
          error.status === 0 ? "its answer is not the trust API's" : `it answered HTTP ${error.status}`
        }`,
        { cause: error },
      );
    }
    if (error instanceof RequestError) {
      const cause = error.cause as { cause?: { code?: string; message?: string }; message?: string } | undefined;
      const reason = cause?.cause?.code ?? cause?.cause?.message ?? cause?.message ?? error.message;
      throw new ConnectionError(
        `cannot reach the indexer's trust API at ${settings.indexerUrl} (--indexer-url, SURETY_INDEXER_URL): ${reason}`,
        { cause: error },
      );
    }
    throw error;
  }
}
