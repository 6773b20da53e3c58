/**
 * `surety court request|settle-unfunded|appeal|evidence|status`: a disputed pact before an ERC-792 court, through
 * its adapter.
 */
import { parseDataUri, type GetCourtDisputeReturnType } from "@surety/sdk";
import type { Command } from "commander";
import { parseEther, type Hash, type TransactionReceipt } from "viem";

import { action, type App, type Context } from "../context.ts";
import type { EvidenceFlag } from "../flags.ts";
import { amount, time, ETH } from "../format.ts";
import { examples, pactIdArgument, pactTokens, txRows } from "./shared.ts";

const FLAGS = { adapter: "--adapter", value: "--value", reason: "--reason", evidence: "--evidence" };

const EVIDENCE_HELP =
  "a URI (ipfs://…, https://…), a .json file holding an ERC-1497 evidence document { name, description, fileURI?, fileHash? }, or text (a file's or given), sent as a document the SDK embeds in a data: URI";

/** The ETH a court call sends (`--value`, in ETH), or undefined for the court's current cost. */
function valueFlag(context: Context): bigint | undefined {
  const value = context.flags.amount("value");
  return value === undefined ? undefined : parseEther(value);
}

/** A court write as the other commands' write results, for the shared transaction rows and JSON. */
function asWrite(result: { hash: Hash; receipt: TransactionReceipt }) {
  return { ...result, approval: undefined, credits: [] };
}

function courtTxJson(result: { hash: Hash; receipt: TransactionReceipt }) {
  return { hash: result.hash, blockNumber: result.receipt.blockNumber, gasUsed: result.receipt.gasUsed };
}

/** How an evidence flag was read, for output. */
function evidenceSource(flag: EvidenceFlag): string {
  const { source } = flag;
  if (source.kind === "uri") return "(the URI given)";
  if (source.kind === "text") return "(the text given, as an ERC-1497 document)";
  return source.kind === "json-file"
    ? `(the ERC-1497 document in ${source.path})`
    : `(the text of ${source.path}, as an ERC-1497 document)`;
}

/** A URI as it can be shown: an embedded document is named rather than printed (see --json for all of it). */
function uriShown(uri: string): string {
  return uri.startsWith("data:") ? `an embedded document (${uri.length} characters; --json shows it)` : uri;
}

/** A ruling with the label the adapter's meta-evidence gives it, when it can be read. */
function rulingShown(ruling: bigint, status: GetCourtDisputeReturnType): string {
  if (ruling === 0n) return "0 (refused to arbitrate: the pact's default split)";
  if (ruling > status.numberOfChoices) return `${ruling} (out of range: the pact's default split)`;
  const document = status.metaEvidenceMatches === true ? parseDataUri(status.metaEvidenceURI) : undefined;
  const titles = (document as { rulingOptions?: { titles?: string[] } } | undefined)?.rulingOptions?.titles;
  const title = titles?.[Number(ruling) - 1];
  return title === undefined ? String(ruling) : `${ruling} (${title})`;
}

/** The rows of a court dispute's status: only what holds in its state, never a placeholder taken for a value. */
function statusRows(status: GetCourtDisputeReturnType, now: bigint): [string, string][] {
  const metaEvidence =
    status.metaEvidenceMatches === undefined
      ? `${uriShown(status.metaEvidenceURI)} (not embedded: check its rulings yourself)`
      : status.metaEvidenceMatches
        ? `${uriShown(status.metaEvidenceURI)}: its rulings say what the adapter does`
        : `${uriShown(status.metaEvidenceURI)}: WARNING, its rulings do not say what the adapter does`;
  const rows: [string, string][] = [
    ["Adapter", status.adapter],
    ["Court", status.court],
    ["Meta-evidence", metaEvidence],
    ["Choices", `${status.numberOfChoices} (0 refuses to arbitrate)`],
    ["Arbitration cost", amount(status.arbitrationCost, ETH)],
    ["Pact status", status.pactStatus],
  ];
  if (status.feeDeadline !== undefined) {
    const deadline = time(status.feeDeadline, now);
    rows.push([
      "Fee deadline",
      status.requested
        ? `${deadline} (met: the buyer had the court arbitrate)`
        : BigInt(status.feeDeadline) >= now
          ? `${deadline}: the buyer may still have the court arbitrate (surety court request)`
          : `${deadline}, passed: anyone may have the delivery stand (surety court settle-unfunded)`,
    ]);
  }
  rows.push(["Requested", status.requested ? `yes, court dispute ${status.disputeID}` : "no"]);
  if (status.rulingHeldUntil !== undefined) {
    rows.push(["Ruling held until", `${time(status.rulingHeldUntil, now)} (no default ruling before then)`]);
  }
  if (status.rulingEnd !== undefined) rows.push(["Ruling ends", time(status.rulingEnd, now)]);
  if (status.requested) {
    rows.push(["Court status", status.courtStatus ?? "unknown"]);
    if (status.currentRuling !== undefined) {
      rows.push([
        "Current ruling",
        status.courtStatus === "waiting" && status.currentRuling === 0n
          ? "none yet"
          : rulingShown(status.currentRuling, status),
      ]);
    }
    if (status.appealPeriod !== undefined) {
      rows.push(["Appeal period", `${time(status.appealPeriod.start, now)} to ${time(status.appealPeriod.end, now)}`]);
    }
  }
  rows.push([
    "Appeal",
    status.appealable
      ? `open: ${amount(status.appealCost!, ETH)} (surety court appeal, the buyer or the agent)`
      : `not now: ${status.notAppealableReason}`,
  ]);
  rows.push(["Final ruling", status.ruled ? rulingShown(status.ruling!, status) : "not yet"]);
  if (status.ruled) {
    rows.push(["Applied", status.applied ? "yes" : "no: it came late, after the pact settled otherwise"]);
  }
  return rows;
}

export function registerCourt(program: Command, app: App): void {
  const court = program
    .command("court")
    .description("a disputed pact whose arbiter is a court adapter: an ERC-792 court such as Kleros rules");

  examples(
    court
      .command("request")
      .description(
        "the buyer of a disputed pact naming a court adapter has the court arbitrate it, within the fee window, paying the court's arbitration cost in ETH (any excess is refunded); the default ruling is then held off while the court decides",
      )
      .argument("<pactId>", "the pact")
      .option("--reason <uri|file|text>", `the buyer's reason, for the jurors: ${EVIDENCE_HELP}`)
      .option("--adapter <address>", "the court adapter (default: the pact's arbiter)")
      .option("--value <eth>", "ETH to send (default: the court's arbitration cost)"),
    [
      'surety court request 7 --reason "Pages 30 to 40 of the summary are missing"',
      "surety court request 7 --reason ipfs://bafy…/reason.json",
    ],
  ).action(
    action(
      app,
      async (context) => {
        const pactId = pactIdArgument(context);
        const reason = context.flags.evidence("reason", "The buyer's reason for the dispute");
        const adapter = context.flags.address("adapter", { nonZero: true });
        const value = valueFlag(context);
        const session = await context.connect(context.settings("required"));
        const result = await session.signer().requestArbitration({
          pactId: pactId!,
          ...(reason === undefined ? {} : { reason: reason.value }),
          ...(adapter === undefined ? {} : { adapter }),
          ...(value === undefined ? {} : { value }),
        });
        const now = await session.now();
        return {
          json: {
            action: context.path,
            eventName: "ArbitrationRequested",
            pactId,
            ...courtTxJson(result),
            event: result.event,
            reasonURI: result.reasonURI ?? null,
            held: result.held,
          },
          views: [
            {
              title: `Arbitration of pact ${pactId} requested`,
              rows: [
                ["Court dispute", String(result.disputeID)],
                ["Cost", amount(result.event.cost, ETH)],
                [
                  "Reason",
                  result.reasonURI === undefined ? "none" : `${uriShown(result.reasonURI)} ${evidenceSource(reason!)}`,
                ],
                ["Ruling held until", `${time(result.held.heldUntil, now)} (no default ruling before then)`],
                ...(await txRows(session, asWrite(result))),
              ],
            },
          ],
        };
      },
      FLAGS,
    ),
  );

  examples(
    court
      .command("settle-unfunded")
      .description(
        "after the fee window of a disputed pact naming a court adapter, when its buyer did not have the court arbitrate, anyone has the delivery stand: the agent is paid in full, nothing is slashed",
      )
      .argument("<pactId>", "the pact")
      .option("--adapter <address>", "the court adapter (default: the pact's arbiter)"),
    ["surety court settle-unfunded 7"],
  ).action(
    action(
      app,
      async (context) => {
        const pactId = pactIdArgument(context);
        const adapter = context.flags.address("adapter", { nonZero: true });
        const session = await context.connect(context.settings("required"));
        const result = await session.signer().settleUnfunded({
          pactId: pactId!,
          ...(adapter === undefined ? {} : { adapter }),
        });
        const terms = await session.reader.getPactTerms({ pactId: pactId! });
        const { payment } = await pactTokens(session, terms);
        return {
          json: {
            action: context.path,
            eventName: "ArbitrationUnfunded",
            pactId,
            ...courtTxJson(result),
            event: result.event,
            resolved: result.resolved,
            credits: result.credits,
          },
          views: [
            {
              title: `Pact ${pactId} settled unfunded: the delivery stands`,
              rows: [
                ["Caller", result.event.caller],
                ["To the agent", amount(result.resolved.toAgent, payment)],
                ["To the buyer", amount(result.resolved.toBuyer, payment)],
                ...(await txRows(session, { ...asWrite(result), credits: result.credits })),
              ],
            },
          ],
        };
      },
      FLAGS,
    ),
  );

  examples(
    court
      .command("appeal")
      .description(
        "the buyer or the agent appeals the court's current ruling during its appeal period, paying the court's appeal cost in ETH",
      )
      .argument("<pactId>", "the pact")
      .option("--adapter <address>", "the court adapter (default: the pact's arbiter)")
      .option("--value <eth>", "ETH to send (default: the court's appeal cost)"),
    ["surety court appeal 7"],
  ).action(
    action(
      app,
      async (context) => {
        const pactId = pactIdArgument(context);
        const adapter = context.flags.address("adapter", { nonZero: true });
        const value = valueFlag(context);
        const session = await context.connect(context.settings("required"));
        const result = await session.signer().fundAppeal({
          pactId: pactId!,
          ...(adapter === undefined ? {} : { adapter }),
          ...(value === undefined ? {} : { value }),
        });
        return {
          json: {
            action: context.path,
            eventName: "AppealFunded",
            pactId,
            ...courtTxJson(result),
            event: result.event,
          },
          views: [
            {
              title: `Appeal funded on pact ${pactId}`,
              rows: [
                ["Court dispute", String(result.event.disputeID)],
                ["Party", result.event.party],
                ["Cost", amount(result.event.cost, ETH)],
                ...(await txRows(session, asWrite(result))),
              ],
            },
          ],
        };
      },
      FLAGS,
    ),
  );

  examples(
    court
      .command("evidence")
      .description("the buyer or the agent submits ERC-1497 evidence for the court")
      .argument("<pactId>", "the pact")
      .option("--evidence <uri|file|text>", `the evidence: ${EVIDENCE_HELP}`)
      .option("--adapter <address>", "the court adapter (default: the pact's arbiter)"),
    [
      "surety court evidence 7 --evidence ipfs://bafy…/chat-log.json",
      "surety court evidence 7 --evidence ./evidence.json",
    ],
  ).action(
    action(
      app,
      async (context) => {
        const pactId = pactIdArgument(context);
        const evidence = context.flags.evidence("evidence", "Evidence", { required: true });
        const adapter = context.flags.address("adapter", { nonZero: true });
        const session = await context.connect(context.settings("required"));
        const result = await session.signer().submitCourtEvidence({
          pactId: pactId!,
          evidence: evidence!.value,
          ...(adapter === undefined ? {} : { adapter }),
        });
        return {
          json: { action: context.path, eventName: "Evidence", pactId, ...courtTxJson(result), event: result.event },
          views: [
            {
              title: `Evidence for the court on pact ${pactId}`,
              rows: [
                ["Party", result.event.party],
                ["Evidence", `${uriShown(result.event.evidence)} ${evidenceSource(evidence!)}`],
                ...(await txRows(session, asWrite(result))),
              ],
            },
          ],
        };
      },
      FLAGS,
    ),
  );

  examples(
    court
      .command("status")
      .description(
        "a pact's court dispute: the fee deadline, the ruling hold, the court's status and current ruling, whether an appeal can be made now and at what cost, and the final ruling",
      )
      .argument("<pactId>", "the pact")
      .option("--adapter <address>", "the court adapter (default: the pact's arbiter)"),
    ["surety court status 7", "surety court status 7 --json"],
  ).action(
    action(
      app,
      async (context) => {
        const pactId = pactIdArgument(context);
        const adapter = context.flags.address("adapter", { nonZero: true });
        const session = await context.connect(context.settings("none"));
        const status = await session.reader.getCourtDispute({
          pactId: pactId!,
          ...(adapter === undefined ? {} : { adapter }),
        });
        return {
          json: status,
          views: [{ title: `Court dispute of pact ${pactId}`, rows: statusRows(status, BigInt(status.nextBlockTime)) }],
        };
      },
      FLAGS,
    ),
  );
}
