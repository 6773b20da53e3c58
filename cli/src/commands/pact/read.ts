/** `surety pact show|history`: a pact read from the chain, its terms, status, proposals and events. */
import type { EffectivePactStatus, GetProposalsReturnType, PartyProposals, SuretyEventArgs } from "@surety/sdk";
import type { Command } from "commander";
import type { Address } from "viem";

import { action, type App } from "../../context.ts";
import { share, time } from "../../format.ts";
import type { View } from "../../output.ts";
import type { Session } from "../../session.ts";
import { describeEvent } from "../events.ts";
import { examples, jsonEvent, pactIdArgument, pactTokens, termsRows } from "../shared.ts";

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

/** A party's standing proposals for `pact show --json`, with null for none. */
function proposalJson(proposal: PartyProposals) {
  return {
    buyerBps: proposal.buyerBps ?? null,
    proposedAt: proposal.proposedAt ?? null,
    deliverBy: proposal.deliverBy ?? null,
  };
}

/**
 * The standing proposals of an underway pact, as rows; none when nobody stands proposing anything (a lapsed or withdrawn
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

export function registerReads(pact: Command, app: App): void {
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
      const now = BigInt(read.nextBlockTime);
      const standing = proposalRows(proposals, now);
      const views: View[] = [
        {
          title: `Pact ${read.pactId}`,
          rows: [
            [
              "Status",
              read.effectiveStatus === read.status ? read.status : `${read.effectiveStatus} (on-chain: ${read.status})`,
            ],
            ["Deadline", read.deadline === undefined ? "-" : time(read.deadline, now)],
            ...(read.rulingHeldUntil === undefined
              ? []
              : [
                  [
                    "Ruling held until",
                    `${time(read.rulingHeldUntil, now)} (the arbiter's court is deciding)`,
                  ] as const,
                ]),
            ["Next", NEXT[read.effectiveStatus]],
          ],
        },
        ...(standing.length === 0 ? [] : [{ title: "Proposals", rows: standing }]),
        {
          title: "Terms",
          rows: [
            ...termsRows(read.terms, tokens, now),
            ["Token", `${tokens.payment.symbol} (${tokens.payment.address})`],
          ],
          notes: [`As of block ${read.blockNumber}, ${time(read.timestamp)}`],
        },
      ];
      return {
        json: { ...read, proposals: { buyer: proposalJson(proposals.buyer), agent: proposalJson(proposals.agent) } },
        views,
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
        json: history.map((entry) => ({
          ...entry,
          args: jsonEvent(entry.eventName, entry.args as Record<string, unknown>),
          timestamp: blocks.get(entry.blockNumber),
        })),
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
