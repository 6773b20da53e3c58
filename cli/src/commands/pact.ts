/** `surety pact …`: a pact's whole life, from the buyer's funding to its settlement, and reads of it. */
import {
  ALLOWANCE_MODES,
  type EffectivePactStatus,
  type GetProposalsReturnType,
  type PartyProposals,
  type SuretyEventArgs,
  type Terms,
  type WriteResult,
} from "@surety/sdk";
import type { Command } from "commander";
import type { Address } from "viem";

import { action, type App, type Context } from "../context.ts";
import type { FlagMap } from "../errors.ts";
import { flagName } from "../flags.ts";
import { amount, share, time } from "../format.ts";
import type { Result } from "../output.ts";
import type { Session } from "../session.ts";
import { describeEvent } from "./events.ts";
import { checkOfferTarget, readOfferFile } from "./offer.ts";
import {
  documentJson,
  documentRow,
  examples,
  pactIdArgument,
  pactTokens,
  termsRows,
  txJson,
  writeView,
} from "./shared.ts";

const ALLOWANCE_HELP = `how the token allowance is given: ${ALLOWANCE_MODES.join(", ")} (default auto: a permit when the token has one, else an exact approval first)`;

/** The flags `pact create` takes from terms; none of them goes with --offer. */
const TERMS_FLAGS = [
  "agent",
  "arbiter",
  "token",
  "price",
  "arbiterFee",
  "collateral",
  "penalty",
  "acceptIn",
  "deliverIn",
  "reviewPeriod",
  "rulingPeriod",
  "defaultBuyerBps",
  "terms",
] as const;

const CREATE_FLAGS: FlagMap = {
  agent: "--agent",
  arbiter: "--arbiter",
  token: "--token",
  price: "--price",
  arbiterFee: "--arbiter-fee",
  collateral: "--collateral",
  penalty: "--penalty",
  acceptBy: "--accept-in",
  deliverBy: "--deliver-in",
  reviewPeriod: "--review-period",
  rulingPeriod: "--ruling-period",
  defaultBuyerBps: "--default-buyer-bps",
  terms: "--terms",
  allowance: "--allowance",
  offer: "--offer",
  signature: "--offer",
  buyer: "account",
};

/** What anyone can do next, by effective status. */
const NEXT: Record<EffectivePactStatus, string> = {
  open: "the agent can accept until the deadline (surety pact accept); the buyer can cancel (surety pact cancel)",
  expired: "nobody accepted in time: anyone can return the price to the buyer (surety pact reclaim)",
  active:
    "the agent delivers by the deadline (surety pact deliver) or gives up (surety pact refund-by-agent); the buyer can release early (surety pact release); either can ask for a later deadline (surety pact extend) or propose a settlement (surety pact settle propose)",
  overdue: "the delivery is late: anyone can refund the buyer, with the penalty slashed (surety pact refund)",
  delivered:
    "the buyer releases (surety pact release) or disputes (surety pact dispute) until the deadline; either party can propose a settlement (surety pact settle propose)",
  finalizable: "the review period is over: anyone can pay the agent (surety pact finalize)",
  disputed:
    "the arbiter rules until the deadline (surety dispute resolve|abstain; a court adapter: surety court status); the parties can add evidence (surety dispute evidence) or settle between themselves (surety pact settle propose)",
  defaultable: "the arbiter stayed silent: anyone can apply the default split (surety dispute default)",
  cancelled: "settled: the buyer cancelled it",
  reclaimed: "settled: the price went back to the buyer, unaccepted",
  released: "settled: the buyer released the payment",
  finalized: "settled: the agent was paid after the review period",
  refunded: "settled: the buyer was refunded, after a missed delivery or by the agent",
  resolved: "settled: the arbiter ruled",
  abstained: "settled: the arbiter abstained, the default split applied",
  "default-ruled": "settled: the default split applied after the arbiter's silence",
  settled: "settled: the buyer and the agent agreed a split",
};

/** A write on one pact that returns a plain event: accept, release, finalize, cancel, reclaim, refund, default. */
export async function pactWrite(
  context: Context,
  title: string,
  eventName: string,
  send: (session: Session, pactId: bigint, terms: Terms) => Promise<WriteResult & { event: Record<string, unknown> }>,
): Promise<Result> {
  const pactId = pactIdArgument(context);
  const session = await context.connect(context.settings("required"));
  // Read once here and passed on, so that the SDK does not look the terms up again.
  const terms = await session.reader.getPactTerms({ pactId: pactId! });
  const result = await send(session, pactId!, terms);
  const tokens = await pactTokens(session, terms);
  const details = describeEvent(eventName, result.event, { ...tokens, byAddress: () => undefined });
  return {
    json: { action: eventName, pactId, ...txJson(result), event: result.event },
    views: [await writeView(session, `${title} (pact ${pactId})`, [["Event", `${eventName}\n${details}`]], result)],
  };
}

export function registerPact(program: Command, app: App): void {
  const pact = program
    .command("pact")
    .description("a pact between a buyer and an agent: create, accept, deliver, settle, show");

  examples(
    pact
      .command("create")
      .description(
        "the buyer creates a pact and pays its price into escrow: from terms it writes (the pact waits for the agent), or from an agent's signed offer (it starts active)",
      )
      .option("--agent <address>", "the agent")
      .option("--arbiter <address>", "the arbiter of disputes (registered for the token)")
      .option("--token <address|eth>", "the payment token, or eth (default: the stake token)")
      .option("--price <amount>", "the price, in the payment token's units (12.5)")
      .option("--arbiter-fee <amount>", "paid by the buyer on a dispute (default: the arbiter's minimum)")
      .option("--collateral <amount>", "stake the agent locks on acceptance, in the stake token (default 0)")
      .option("--penalty <amount>", "slashed to the buyer on a missed delivery, at most the collateral (default 0)")
      .option("--accept-in <duration>", "the agent may accept until this long from the chain's time (1d)")
      .option("--deliver-in <duration>", "the agent must deliver within this long from the chain's time (3d)")
      .option("--review-period <duration>", "how long the buyer may dispute a delivery (2d)")
      .option("--ruling-period <duration>", "how long the arbiter may take to rule (5d)")
      .option("--default-buyer-bps <bps>", "the buyer's share if the arbiter abstains or is silent: 0-10000 or 50%")
      .option("--terms <file|text|hash>", "the pact's document: a file (.json canonicalised), text, or a 0x hash")
      .option("--offer <file>", "fund an agent's signed offer (from `surety offer sign`) instead of writing terms")
      .option("--allowance <mode>", ALLOWANCE_HELP),
    [
      "surety pact create --agent 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --arbiter 0x90F79bf6EB2c4f870365E785982E1f101E93b906 \\\n      --price 100 --collateral 50 --penalty 20 --accept-in 1d --deliver-in 3d --review-period 2d \\\n      --ruling-period 5d --default-buyer-bps 50% --terms ./pact.json",
      "surety pact create --offer signed-offer.json --json",
    ],
  ).action(
    action(
      app,
      async (context) => {
        const { flags } = context;
        const allowance = flags.choice("allowance", ALLOWANCE_MODES);
        if (flags.has("offer")) {
          for (const key of TERMS_FLAGS) {
            if (flags.has(key)) {
              flags.report(flagName(key), "cannot be used with --offer: the offer fixes the terms");
            }
          }
          const file = readOfferFile(flags, "offer", "--offer");
          const session = await context.connect(context.settings("required"));
          checkOfferTarget(file!, session, "--offer");
          const result = await session.signer().createPact({
            offer: file!.offer,
            signature: file!.signature,
            ...(allowance === undefined ? {} : { allowance }),
          });
          return createdResult(session, result, undefined);
        }
        const agent = flags.address("agent", { required: true, nonZero: true });
        const arbiter = flags.address("arbiter", { required: true });
        const token = flags.address("token", { allowEth: true });
        const price = flags.amount("price", { required: true, positive: true });
        const arbiterFee = flags.amount("arbiterFee");
        const collateral = flags.amount("collateral");
        const penalty = flags.amount("penalty");
        const acceptBy = flags.duration("acceptIn", { required: true });
        const deliverBy = flags.duration("deliverIn", { required: true });
        const reviewPeriod = flags.duration("reviewPeriod", { required: true });
        const rulingPeriod = flags.duration("rulingPeriod", { required: true });
        const defaultBuyerBps = flags.bps("defaultBuyerBps", { required: true });
        const terms = flags.document("terms", { required: true });
        const session = await context.connect(context.settings("required"));
        const result = await session.signer().createPact({
          agent: agent!,
          arbiter: arbiter!,
          token: token ?? session.deployment.stakeToken,
          price: price!,
          ...(arbiterFee === undefined ? {} : { arbiterFee }),
          ...(collateral === undefined ? {} : { collateral }),
          ...(penalty === undefined ? {} : { penalty }),
          acceptBy: acceptBy!,
          deliverBy: deliverBy!,
          reviewPeriod: reviewPeriod!,
          rulingPeriod: rulingPeriod!,
          defaultBuyerBps: defaultBuyerBps!,
          terms: terms!.value,
          ...(allowance === undefined ? {} : { allowance }),
        });
        return createdResult(session, result, terms!.source);
      },
      CREATE_FLAGS,
    ),
  );

  examples(
    pact
      .command("accept")
      .description("the agent accepts an open pact, locking its collateral")
      .argument("<pactId>", "the pact"),
    ["surety pact accept 7"],
  ).action(
    action(app, (context) =>
      pactWrite(context, "Pact accepted", "PactAccepted", (session, pactId, terms) =>
        session.signer().acceptPact({ pactId, terms }),
      ),
    ),
  );

  examples(
    pact
      .command("deliver")
      .description("the agent delivers an active pact, committing to the work with a hash; the review period starts")
      .argument("<pactId>", "the pact")
      .option("--delivery <file|text|hash>", "the delivered work: a file (.json canonicalised), text, or a 0x hash"),
    ["surety pact deliver 7 --delivery ./report.md", 'surety pact deliver 7 --delivery "ipfs://bafy…"'],
  ).action(
    action(
      app,
      async (context) => {
        const pactId = pactIdArgument(context);
        const delivery = context.flags.document("delivery", { required: true });
        const session = await context.connect(context.settings("required"));
        const result = await session.signer().deliverPact({ pactId: pactId!, delivery: delivery!.value });
        return {
          json: {
            action: "deliverPact",
            pactId,
            ...txJson(result),
            event: result.event,
            delivery: documentJson(result.delivery, delivery!.source),
          },
          views: [
            await writeView(
              session,
              `Pact ${pactId} delivered`,
              [documentRow("Delivery hash", result.delivery, delivery!.source)],
              result,
            ),
          ],
        };
      },
      { delivery: "--delivery", pactId: "<pactId>" },
    ),
  );

  examples(
    pact
      .command("release")
      .description("the buyer pays the agent (active, delivered or disputed pacts), unlocking its collateral")
      .argument("<pactId>", "the pact"),
    ["surety pact release 7"],
  ).action(
    action(app, (context) =>
      pactWrite(context, "Pact released", "PactReleased", (session, pactId, terms) =>
        session.signer().releasePact({ pactId, terms }),
      ),
    ),
  );

  examples(
    pact
      .command("finalize")
      .description("after the review period of a delivered pact, anyone pays the agent")
      .argument("<pactId>", "the pact"),
    ["surety pact finalize 7"],
  ).action(
    action(app, (context) =>
      pactWrite(context, "Pact finalized", "PactFinalized", (session, pactId, terms) =>
        session.signer().finalizePact({ pactId, terms }),
      ),
    ),
  );

  examples(
    pact
      .command("cancel")
      .description("the buyer cancels an open pact (not yet accepted) and takes the price back")
      .argument("<pactId>", "the pact"),
    ["surety pact cancel 7"],
  ).action(
    action(app, (context) =>
      pactWrite(context, "Pact cancelled", "PactCancelled", (session, pactId, terms) =>
        session.signer().cancelPact({ pactId, terms }),
      ),
    ),
  );

  examples(
    pact
      .command("reclaim")
      .description("after acceptBy, anyone returns the price of an unaccepted pact to the buyer")
      .argument("<pactId>", "the pact"),
    ["surety pact reclaim 7"],
  ).action(
    action(app, (context) =>
      pactWrite(context, "Pact reclaimed", "PactReclaimed", (session, pactId, terms) =>
        session.signer().reclaimPact({ pactId, terms }),
      ),
    ),
  );

  examples(
    pact
      .command("refund")
      .description("after deliverBy, anyone refunds the buyer of an undelivered pact, with the penalty slashed to it")
      .argument("<pactId>", "the pact"),
    ["surety pact refund 7"],
  ).action(
    action(app, (context) =>
      pactWrite(context, "Pact refunded", "PactRefunded", (session, pactId, terms) =>
        session.signer().claimRefund({ pactId, terms }),
      ),
    ),
  );

  examples(
    pact
      .command("dispute")
      .description("the buyer disputes a delivery within the review period and pays the arbiter fee")
      .argument("<pactId>", "the pact")
      .option("--reason <file|text|hash>", "why: a file (.json canonicalised), text, or a 0x hash")
      .option("--allowance <mode>", ALLOWANCE_HELP),
    ['surety pact dispute 7 --reason "Pages 30 to 40 are missing"', "surety pact dispute 7 --reason ./reason.json"],
  ).action(
    action(
      app,
      async (context) => {
        const pactId = pactIdArgument(context);
        const reason = context.flags.document("reason", { required: true });
        const allowance = context.flags.choice("allowance", ALLOWANCE_MODES);
        const session = await context.connect(context.settings("required"));
        const result = await session.signer().disputePact({
          pactId: pactId!,
          reason: reason!.value,
          ...(allowance === undefined ? {} : { allowance }),
        });
        const terms = await session.reader.getPactTerms({ pactId: pactId! });
        const { payment } = await pactTokens(session, terms);
        return {
          json: {
            action: "disputePact",
            pactId,
            ...txJson(result),
            event: result.event,
            reason: documentJson(result.reason, reason!.source),
          },
          views: [
            await writeView(
              session,
              `Pact ${pactId} disputed`,
              [
                ["Arbiter", result.event.arbiter],
                ["Fee paid", amount(result.event.fee, payment)],
                documentRow("Reason hash", result.reason, reason!.source),
              ],
              result,
            ),
          ],
        };
      },
      { reason: "--reason", allowance: "--allowance", pactId: "<pactId>" },
    ),
  );

  registerCooperative(pact, app);

  examples(
    pact
      .command("show")
      .description("a pact's terms, status and what can happen next (read from the chain)")
      .argument("<pactId>", "the pact"),
    ["surety pact show 7", "surety pact show 7 --json"],
  ).action(
    action(app, async (context) => {
      const pactId = pactIdArgument(context);
      const session = await context.connect(context.settings("none"));
      const read = await session.reader.getPact({ pactId: pactId! });
      const [tokens, proposals] = await Promise.all([
        pactTokens(session, read.terms),
        session.reader.getProposals({ pactId: pactId! }),
      ]);
      const now = BigInt(read.timestamp);
      return {
        json: { ...read, proposals: { buyer: proposalJson(proposals.buyer), agent: proposalJson(proposals.agent) } },
        views: [
          {
            title: `Pact ${read.pactId}`,
            rows: [
              [
                "Status",
                read.effectiveStatus === read.status
                  ? read.status
                  : `${read.effectiveStatus} (on-chain: ${read.status})`,
              ],
              ["Deadline", read.deadline === undefined ? "-" : time(read.deadline, now)],
              ...(read.rulingHeldUntil === undefined
                ? []
                : [
                    ["Ruling held until", `${time(read.rulingHeldUntil, now)} (the arbiter's court is deciding)`] as [
                      string,
                      string,
                    ],
                  ]),
              ["Next", NEXT[read.effectiveStatus]],
              ...proposalRows(proposals, now),
              ...termsRows(read.terms, tokens, now),
              ["Token", `${tokens.payment.symbol} (${tokens.payment.address})`],
              ["As of", `block ${read.blockNumber}, ${time(read.timestamp)}`],
            ],
          },
        ],
      };
    }),
  );

  examples(
    pact
      .command("history")
      .description("a pact's events, oldest first (read from the chain)")
      .argument("<pactId>", "the pact"),
    ["surety pact history 7", "surety pact history 7 --json"],
  ).action(
    action(app, async (context) => {
      const pactId = pactIdArgument(context);
      const session = await context.connect(context.settings("none"));
      const history = await session.reader.getPactHistory({ pactId: pactId! });
      const created = history.find((entry) => entry.eventName === "PactCreated");
      const terms =
        created === undefined
          ? await session.reader.getPactTerms({ pactId: pactId! })
          : (created.args as SuretyEventArgs<"PactCreated">).terms;
      const tokens = await pactTokens(session, terms);
      const blocks = new Map<bigint, bigint>();
      for (const entry of history) {
        if (!blocks.has(entry.blockNumber)) {
          blocks.set(entry.blockNumber, (await session.reader.getBlock({ blockNumber: entry.blockNumber })).timestamp);
        }
      }
      const others = new Map<string, Awaited<ReturnType<Session["token"]>>>();
      for (const entry of history) {
        const token = (entry.args as { token?: Address }).token;
        if (token !== undefined && !others.has(token)) others.set(token, await session.token(token));
      }
      return {
        json: history.map((entry) => ({ ...entry, timestamp: blocks.get(entry.blockNumber) })),
        views: [
          {
            title: `History of pact ${pactId}`,
            list: {
              head: ["Block", "Time", "Event", "Details"],
              rows: history.map((entry) => [
                String(entry.blockNumber),
                time(blocks.get(entry.blockNumber)!),
                entry.eventName,
                describeEvent(entry.eventName, entry.args as Record<string, unknown>, {
                  ...tokens,
                  byAddress: (token) => others.get(token),
                }),
              ]),
            },
          },
        ],
      };
    }),
  );
}

/** The output of `pact create`, from terms or from an offer. */
async function createdResult(
  session: Session,
  result: Awaited<ReturnType<ReturnType<Session["signer"]>["createPact"]>>,
  source: Parameters<typeof documentJson>[1] | undefined,
): Promise<Result> {
  const tokens = await pactTokens(session, result.terms);
  const now = await session.now();
  const rows: [string, string][] = [
    ["Pact", String(result.pactId)],
    ["Status", result.offerFunded === undefined ? "open (waiting for the agent to accept)" : "active (from the offer)"],
    ...termsRows(result.terms, tokens, now).map(([label, value]): [string, string] =>
      label === "Terms hash" && result.termsDocument !== undefined && source !== undefined
        ? documentRow("Terms hash", result.termsDocument, source)
        : [label, value],
    ),
  ];
  if (result.offerFunded !== undefined) rows.push(["Offer nonce", String(result.offerFunded.nonce)]);
  return {
    json: {
      action: "createPact",
      pactId: result.pactId,
      ...txJson(result),
      terms: result.terms,
      termsDocument:
        result.termsDocument === undefined || source === undefined ? null : documentJson(result.termsDocument, source),
      accepted: result.accepted ?? null,
      offerFunded: result.offerFunded ?? null,
    },
    views: [await writeView(session, `Pact ${result.pactId} created`, rows, result)],
  };
}

/** A party's standing proposals for `pact show --json`, with null for none. */
function proposalJson(proposal: PartyProposals) {
  return {
    buyerBps: proposal.buyerBps ?? null,
    proposedAt: proposal.proposedAt ?? null,
    deliverBy: proposal.deliverBy ?? null,
  };
}

/**
 * The standing proposals of a live pact, as rows; none when nobody stands proposing anything (a lapsed or withdrawn
 * proposal is not shown: it can no longer be accepted).
 */
function proposalRows(proposals: GetProposalsReturnType, now: bigint): [string, string][] {
  const rows: [string, string][] = [];
  for (const party of ["buyer", "agent"] as const) {
    const { buyerBps, proposedAt, deliverBy } = proposals[party];
    const Party = party === "buyer" ? "Buyer" : "Agent";
    if (buyerBps !== undefined) {
      rows.push([
        `${Party} proposes`,
        `settle with ${share(buyerBps)} of the price to the buyer, proposed ${time(proposedAt!, now)} (surety pact settle accept)`,
      ]);
    }
    if (deliverBy !== undefined) {
      rows.push([`${Party} asks`, `deliver by ${time(deliverBy, now)} (surety pact extend, with the same deadline)`]);
    }
  }
  return rows;
}

/** The paths on which the buyer and the agent end or amend a pact by agreement. */
function registerCooperative(pact: Command, app: App): void {
  const settle = pact
    .command("settle")
    .description(
      "the buyer and the agent settle a live pact between themselves: one proposes a split, the other accepts it",
    );

  examples(
    settle
      .command("propose")
      .description(
        "the buyer or the agent proposes to settle an active, delivered or disputed pact with a split of the price (the collateral unlocks, no slash); it replaces the account's earlier proposal, and lapses when the pact moves on or, if made before it, when the deadline of its state passes (surety pact withdraw-proposals takes it back)",
      )
      .argument("<pactId>", "the pact")
      .option("--buyer-bps <bps>", "the buyer's share of the price: 0-10000 basis points, or a percentage like 30%"),
    ["surety pact settle propose 7 --buyer-bps 30%", "surety pact settle propose 7 --buyer-bps 2500 --json"],
  ).action(
    action(
      app,
      async (context) => {
        const pactId = pactIdArgument(context);
        const buyerBps = context.flags.bps("buyerBps", { required: true });
        const session = await context.connect(context.settings("required"));
        const terms = await session.reader.getPactTerms({ pactId: pactId! });
        const result = await session.signer().proposeSettlement({ pactId: pactId!, terms, buyerBps: buyerBps! });
        return {
          json: { action: "proposeSettlement", pactId, ...txJson(result), event: result.event },
          views: [
            await writeView(
              session,
              `Settlement proposed (pact ${pactId})`,
              [
                ["Party", result.event.party],
                ["Buyer share", share(result.event.buyerBps)],
              ],
              result,
              [
                `The other party settles the pact with: surety pact settle accept ${pactId} --buyer-bps ${result.event.buyerBps}`,
              ],
            ),
          ],
        };
      },
      { buyerBps: "--buyer-bps" },
    ),
  );

  examples(
    settle
      .command("accept")
      .description(
        "the buyer or the agent accepts the other party's standing proposal, at exactly its split: the pact settles at once (a disputed pact's arbiter fee goes back to the buyer)",
      )
      .argument("<pactId>", "the pact")
      .option(
        "--buyer-bps <bps>",
        "the buyer's share as proposed (see surety pact show): 0-10000 basis points, or a percentage like 30%",
      ),
    ["surety pact settle accept 7 --buyer-bps 30%"],
  ).action(
    action(
      app,
      async (context) => {
        const pactId = pactIdArgument(context);
        const buyerBps = context.flags.bps("buyerBps", { required: true });
        const session = await context.connect(context.settings("required"));
        const terms = await session.reader.getPactTerms({ pactId: pactId! });
        const result = await session.signer().acceptSettlement({ pactId: pactId!, terms, buyerBps: buyerBps! });
        const tokens = await pactTokens(session, terms);
        return {
          json: { action: "acceptSettlement", pactId, ...txJson(result), event: result.event },
          views: [
            await writeView(
              session,
              `Pact ${pactId} settled`,
              [
                ["Proposed by", result.event.proposer],
                ["Buyer share", share(result.event.buyerBps)],
                ["To the buyer", amount(result.event.toBuyer, tokens.payment)],
                ["To the agent", amount(result.event.toAgent, tokens.payment)],
                ["Fee returned", amount(result.event.feeRefund, tokens.payment)],
              ],
              result,
            ),
          ],
        };
      },
      { buyerBps: "--buyer-bps" },
    ),
  );

  examples(
    pact
      .command("refund-by-agent")
      .description(
        "the agent gives up an active pact before its delivery deadline: the price goes back to the buyer and the penalty is slashed to it at once",
      )
      .argument("<pactId>", "the pact"),
    ["surety pact refund-by-agent 7"],
  ).action(
    action(app, (context) =>
      pactWrite(context, "Pact refunded by the agent", "PactRefundedByAgent", (session, pactId, terms) =>
        session.signer().refundByAgent({ pactId, terms }),
      ),
    ),
  );

  examples(
    pact
      .command("extend")
      .description(
        "the buyer or the agent asks for a later delivery deadline for an active pact, before the current one passes; it takes effect once both have asked for the same deadline",
      )
      .argument("<pactId>", "the pact")
      .option(
        "--deliver-by <time>",
        "the new deadline: a duration from the chain's time (5d), Unix seconds, or a date (2027-01-15T08:00:00Z)",
      ),
    ["surety pact extend 7 --deliver-by 2027-01-15T08:00:00Z", "surety pact extend 7 --deliver-by 1799999999 --json"],
  ).action(
    action(
      app,
      async (context) => {
        const pactId = pactIdArgument(context);
        const deliverBy = context.flags.time("deliverBy", { required: true });
        const session = await context.connect(context.settings("required"));
        const terms = await session.reader.getPactTerms({ pactId: pactId! });
        const result = await session.signer().extendDeadline({ pactId: pactId!, terms, deliverBy: deliverBy! });
        const now = await session.now();
        const asked = result.event.deliverBy;
        return {
          json: {
            action: "extendDeadline",
            pactId,
            ...txJson(result),
            event: result.event,
            extended: result.extended ?? null,
            terms: result.terms,
          },
          views: [
            await writeView(
              session,
              result.extended === undefined
                ? `Later deadline asked (pact ${pactId})`
                : `Deadline extended (pact ${pactId})`,
              [
                ["Asked by", result.event.party],
                ["Deliver by", time(asked, now)],
                [
                  "In force",
                  result.extended === undefined
                    ? `not yet: the deadline stays ${time(terms.deliverBy, now)} until the other party asks for the same one`
                    : `yes: the deadline moved from ${time(result.extended.previousDeliverBy)}`,
                ],
              ],
              result,
              result.extended === undefined
                ? [`The other party agrees with: surety pact extend ${pactId} --deliver-by ${asked}`]
                : [],
            ),
          ],
        };
      },
      { deliverBy: "--deliver-by" },
    ),
  );

  examples(
    pact
      .command("withdraw-proposals")
      .description(
        "the buyer or the agent of a live pact withdraws its own standing settlement proposal and request for a later deadline, so that the other party can no longer accept them",
      )
      .argument("<pactId>", "the pact"),
    ["surety pact withdraw-proposals 7"],
  ).action(
    action(app, (context) =>
      pactWrite(context, "Proposals withdrawn", "ProposalsWithdrawn", (session, pactId, terms) =>
        session.signer().withdrawProposals({ pactId, terms }),
      ),
    ),
  );
}
