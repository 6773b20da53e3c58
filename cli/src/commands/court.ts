/** `surety court request|appeal|evidence|status`: a disputed pact before an ERC-792 court, through its adapter. */
import type { GetCourtDisputeReturnType } from "@surety/sdk";
import type { Command } from "commander";
import { parseEther, type Hash, type TransactionReceipt } from "viem";

import { action, type App, type Context } from "../context.ts";
import { amount, time, ETH } from "../format.ts";
import type { Session } from "../session.ts";
import { examples, pactIdArgument, txRows } from "./shared.ts";

const FLAGS = { adapter: "--adapter", value: "--value", metaEvidence: "--meta-evidence", evidence: "--evidence" };

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

/** The rows of a court dispute's status. */
function statusRows(status: GetCourtDisputeReturnType, now: bigint): [string, string][] {
  const rows: [string, string][] = [
    ["Adapter", status.adapter],
    ["Court", status.court],
    ["Choices", `${status.numberOfChoices} (0 refuses to arbitrate)`],
    ["Arbitration cost", amount(status.arbitrationCost, ETH)],
    ["Requested", status.requested ? `yes, court dispute ${status.disputeID}` : "no"],
  ];
  if (status.requested) {
    rows.push(["Court status", status.courtStatus ?? "-"]);
    rows.push(["Current ruling", String(status.currentRuling ?? "-")]);
    if (status.appealPeriod !== undefined) {
      rows.push(["Appeal period", `${time(status.appealPeriod.start, now)} to ${time(status.appealPeriod.end, now)}`]);
    }
    rows.push(["Appeal cost", status.appealCost === undefined ? "-" : amount(status.appealCost, ETH)]);
  }
  rows.push(["Final ruling", status.ruled ? String(status.ruling) : "not yet"]);
  if (status.ruled) rows.push(["Applied", status.applied ? "yes" : "no (late: the pact settled otherwise)"]);
  return rows;
}

async function latest(session: Session): Promise<bigint> {
  return (await session.reader.getBlock({ blockTag: "latest" })).timestamp;
}

export function registerCourt(program: Command, app: App): void {
  const court = program
    .command("court")
    .description("a disputed pact whose arbiter is a court adapter: an ERC-792 court such as Kleros rules");

  examples(
    court
      .command("request")
      .description(
        "anyone asks the court to arbitrate a disputed pact naming a court adapter, paying the court's arbitration cost in ETH (any excess is refunded)",
      )
      .argument("<pactId>", "the pact")
      .option("--meta-evidence <uri>", "the ERC-1497 meta-evidence document's URI, describing the pact and its rulings")
      .option("--adapter <address>", "the court adapter (default: the pact's arbiter)")
      .option("--value <eth>", "ETH to send (default: the court's arbitration cost)"),
    ["surety court request 7 --meta-evidence ipfs://bafy…/meta-evidence.json"],
  ).action(
    action(
      app,
      async (context) => {
        const pactId = pactIdArgument(context);
        const metaEvidence = context.flags.raw("metaEvidence", { required: true });
        const adapter = context.flags.address("adapter", { nonZero: true });
        const value = valueFlag(context);
        const session = await context.connect(context.settings("required"));
        const result = await session.signer().requestArbitration({
          pactId: pactId!,
          metaEvidence: metaEvidence!,
          ...(adapter === undefined ? {} : { adapter }),
          ...(value === undefined ? {} : { value }),
        });
        return {
          json: { action: "requestArbitration", pactId, ...courtTxJson(result), event: result.event },
          views: [
            {
              title: `Arbitration of pact ${pactId} requested`,
              rows: [
                ["Court dispute", String(result.disputeID)],
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
          json: { action: "fundAppeal", pactId, ...courtTxJson(result), event: result.event },
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
      .description("the buyer or the agent submits ERC-1497 evidence for the court, by URI")
      .argument("<pactId>", "the pact")
      .option("--evidence <uri>", "the evidence document's URI")
      .option("--adapter <address>", "the court adapter (default: the pact's arbiter)"),
    ["surety court evidence 7 --evidence ipfs://bafy…/chat-log.json"],
  ).action(
    action(
      app,
      async (context) => {
        const pactId = pactIdArgument(context);
        const evidence = context.flags.raw("evidence", { required: true });
        const adapter = context.flags.address("adapter", { nonZero: true });
        const session = await context.connect(context.settings("required"));
        const result = await session.signer().submitCourtEvidence({
          pactId: pactId!,
          evidence: evidence!,
          ...(adapter === undefined ? {} : { adapter }),
        });
        return {
          json: { action: "submitCourtEvidence", pactId, ...courtTxJson(result), event: result.event },
          views: [
            {
              title: `Evidence for the court on pact ${pactId}`,
              rows: [
                ["Party", result.event.party],
                ["Evidence", result.event.evidence],
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
        "a pact's court dispute: requested or not, the court's status, current ruling, appeal period and costs",
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
          views: [{ title: `Court dispute of pact ${pactId}`, rows: statusRows(status, await latest(session)) }],
        };
      },
      FLAGS,
    ),
  );
}
