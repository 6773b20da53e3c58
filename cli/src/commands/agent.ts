/**
 * `surety agent show|trust|list|set-status|recertify` and `surety pending`: an agent's standing on the chain, its
 * trust record and ranking from the indexer, the operator's ladder, and what waits on an address.
 */
import {
  AGENT_ORDER_BY,
  AGENT_STATUSES,
  CAPPED_AGENT_STATUSES,
  hasCap,
  requiresCap,
  LADDER_STEPS,
  type AgentSummary,
  type PendingAction,
} from "@surety/sdk";
import type { Command } from "commander";

import { action, type App, type Context } from "../context.ts";
import { RefusedError, UsageError } from "../errors.ts";
import { amount, period, rate, time, trustAmount } from "../format.ts";
import {
  addressArgument,
  documentJson,
  documentRow,
  examples,
  fromIndexer,
  jsonEvent,
  txJson,
  writeView,
} from "./shared.ts";

function requireAddress(context: Context, name: string) {
  const address = addressArgument(context, name);
  if (address === undefined && context.args[0] === undefined) context.flags.report(`<${name}>`, "is required");
  return address;
}

function coverage(value: number | null): string {
  return value === null ? "- (nothing locked)" : `${value.toFixed(2)}x`;
}

function seconds(value: number | null): string {
  return value === null ? "-" : period(Math.round(value));
}

function summaryRow(agent: AgentSummary): string[] {
  return [
    agent.address,
    agent.status,
    trustAmount(agent.stake.staked),
    trustAmount(agent.stake.free),
    trustAmount(agent.stake.locked),
    agent.coverage === null ? "-" : `${agent.coverage.toFixed(2)}x`,
    String(agent.pacts.settled),
    rate(agent.rates.onTime),
    `${agent.disputes.opened}/${agent.disputes.lost}`,
    trustAmount(agent.slashes.total),
  ];
}

/** The command that answers a pending action. */
const ANSWER: Record<PendingAction, (pactId: bigint) => string> = {
  accept: (id) => `surety pact accept ${id}`,
  cancel: (id) => `surety pact cancel ${id}`,
  reclaim: (id) => `surety pact reclaim ${id}`,
  deliver: (id) => `surety pact deliver ${id} --delivery …`,
  "claim-refund": (id) => `surety pact refund ${id}`,
  "release-or-dispute": (id) => `surety pact release ${id} | surety pact dispute ${id} --reason …`,
  finalize: (id) => `surety pact finalize ${id}`,
  rule: (id) => `surety dispute resolve ${id} --buyer-bps … --ruling …`,
  "submit-evidence": (id) => `surety dispute evidence ${id} --evidence …`,
  "apply-default-ruling": (id) => `surety dispute default ${id}`,
  "accept-settlement": (id) => `surety pact settle accept ${id} --buyer-bps … (see surety pact show ${id})`,
  "agree-extension": (id) => `surety pact extend ${id} --deliver-by … (see surety pact show ${id})`,
};

export function registerAgent(program: Command, app: App): void {
  const agent = program
    .command("agent")
    .description("agents: standing on the chain, trust record and ranking from the indexer, the operator's ladder");

  examples(
    agent
      .command("show")
      .description("an agent's standing and stake, read from the chain")
      .argument("[agent]", "the agent's address (default: the account's)"),
    ["surety agent show 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --json"],
  ).action(
    action(app, async (context) => {
      const address = addressArgument(context, "agent");
      const settings = context.settings(address === undefined ? "optional" : "none");
      if (address === undefined && settings.account.kind === "none" && context.flags.issues.length === 0) {
        throw new UsageError([
          { flag: "<agent>", message: "is required when no account is configured (SURETY_PRIVATE_KEY or --keystore)" },
        ]);
      }
      const session = await context.connect(settings);
      const who = address ?? session.account!.address;
      const [standing, stake, token, now] = await Promise.all([
        session.reader.getAgentStatus({ agent: who }),
        session.reader.getStake({ agent: who }),
        session.token(session.deployment.stakeToken),
        session.now(),
      ]);
      return {
        json: { ...standing, stake, symbol: token.symbol, decimals: token.decimals },
        views: [
          {
            title: `Agent ${standing.agent}`,
            rows: [
              ["Status", standing.status],
              ["Takes new pacts", standing.acceptsPacts ? "yes" : "no (paused)"],
              ["Exposure cap", standing.cap === undefined ? "none" : amount(standing.cap, token)],
              ["Withdrawals frozen", standing.frozen ? `until ${time(standing.frozenUntil, now)}` : "no"],
              ["Staked", amount(stake.staked, token)],
              ["Free", amount(stake.free, token)],
              ["Locked", amount(stake.locked, token)],
              ["Queued", amount(stake.queued, token)],
            ],
          },
        ],
      };
    }),
  );

  examples(
    agent
      .command("trust")
      .description("an agent's trust record, from the indexer's trust API")
      .argument("<agent>", "the agent's address"),
    [
      "surety agent trust 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
      "surety agent trust 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --indexer-url http://indexer.internal:42069 --json",
    ],
  ).action(
    action(app, async (context) => {
      const address = requireAddress(context, "agent");
      const settings = context.settings("none", "indexer");
      const trust = context.trust(settings);
      const record = await fromIndexer(settings, () => trust.getAgentTrust(address!));
      const now = record.asOf?.timestamp;
      return {
        json: record,
        views: [
          {
            title: `Trust record of ${record.address}`,
            rows: [
              ["Status", `${record.status} since ${time(record.statusSince, now)}`],
              ["Staked", trustAmount(record.stake.staked)],
              ["Free", trustAmount(record.stake.free)],
              ["Locked", trustAmount(record.stake.locked)],
              ["Queued", trustAmount(record.stake.queued)],
              ["Coverage (free / locked)", coverage(record.coverage)],
              ["Exposure cap", record.cap === null ? "none" : trustAmount(record.cap)],
              [
                "Pacts",
                `${record.pacts.accepted} accepted (${record.pacts.fromOffers} from offers) of ${record.pacts.offered} offered, ${record.pacts.settled} settled, ${record.pacts.open} open, ${record.pacts.overdueNow} overdue now`,
              ],
              [
                "Deliveries",
                `${record.pacts.delivered} (${record.pacts.deliveredOnTime} on time), ${record.pacts.refundedAfterMissedDelivery} missed and refunded`,
              ],
              [
                "Disputes",
                `${record.disputes.opened} opened, ${record.disputes.ruled} ruled, ${record.disputes.abstained} abstained, ${record.disputes.defaulted} defaulted, ${record.disputes.lost} lost`,
              ],
              ["Slashes", `${record.slashes.count}, ${trustAmount(record.slashes.total)} in all`],
              [
                "Rates",
                `on time ${rate(record.rates.onTime)}, disputed ${rate(record.rates.dispute)}, slashed ${rate(record.rates.slash)}`,
              ],
              [
                "Mean times",
                `acceptance to delivery ${seconds(record.meanSeconds.acceptanceToDelivery)}, delivery to settlement ${seconds(record.meanSeconds.deliveryToSettlement)}, dispute to ruling ${seconds(record.meanSeconds.disputeToRuling)}`,
              ],
              ["Counterparties", `${record.distinctBuyers} buyers, ${record.distinctArbiters} arbiters`],
              ["Flags", record.flags.length === 0 ? "none" : record.flags.join(", ")],
              ["First seen", time(record.firstSeenAt, now)],
              ["Last event", time(record.lastEventAt, now)],
              ["As of", record.asOf === null ? "-" : `block ${record.asOf.block}, ${time(record.asOf.timestamp)}`],
            ],
          },
          {
            title: "Ladder history",
            list: {
              head: ["Time", "Status", "Cap", "Frozen until", "Operator"],
              rows: record.ladder.history.map((step) => [
                time(step.timestamp),
                step.status,
                trustAmount(step.cap),
                // A freeze that had already ended (or ended with this step) is not one.
                BigInt(step.frozenUntil) > BigInt(step.timestamp) ? time(step.frozenUntil) : "-",
                step.operator,
              ]),
              empty: "no ladder steps",
            },
          },
          {
            title: "Money by token",
            list: {
              head: ["Token", "Earned", "Refunded to buyers", "Awarded by rulings"],
              rows: record.money.map((row) => [
                `${row.symbol ?? row.token}${row.listed ? "" : " (unlisted)"}`,
                trustAmount(row.earned),
                trustAmount(row.refundedToBuyers),
                trustAmount(row.awardedByRulings),
              ]),
              empty: "no money yet",
            },
          },
        ],
      };
    }),
  );

  examples(
    agent
      .command("list")
      .description("agents ranked, from the indexer's trust API")
      .option("--order-by <field>", `what to rank by: ${AGENT_ORDER_BY.join(", ")} (default settled)`)
      .option("--order <order>", "asc or desc (default desc)")
      .option("--status <statuses>", `only these ladder steps, comma-separated: ${AGENT_STATUSES.join(", ")}`)
      .option("--limit <n>", "how many (1-200, default 50)")
      .option("--offset <n>", "how many to skip (default 0)")
      .option("--include-inactive", "also agents that never accepted a pact, staked or had a ladder step"),
    ["surety agent list --order-by onTime --limit 10", "surety agent list --status warned,narrowed --json"],
  ).action(
    action(app, async (context) => {
      const { flags } = context;
      const orderBy = flags.choice("orderBy", AGENT_ORDER_BY);
      const order = flags.choice("order", ["asc", "desc"] as const);
      const status = flags.choices("status", AGENT_STATUSES);
      const limit = flags.int("limit", { min: 1, max: 200 });
      const offset = flags.int("offset", { min: 0, max: Number.MAX_SAFE_INTEGER });
      const includeInactive = flags.bool("includeInactive");
      const settings = context.settings("none", "indexer");
      const trust = context.trust(settings);
      const list = await fromIndexer(settings, () =>
        trust.listAgents({
          ...(orderBy === undefined ? {} : { orderBy }),
          ...(order === undefined ? {} : { order }),
          ...(status === undefined ? {} : { status }),
          ...(limit === undefined ? {} : { limit }),
          ...(offset === undefined ? {} : { offset }),
          ...(includeInactive ? { includeInactive } : {}),
        }),
      );
      return {
        json: list,
        views: [
          {
            title: `Agents by ${list.orderBy} (${list.order})${list.asOf === null ? "" : `, as of block ${list.asOf.block}`}`,
            list: {
              head: [
                "Agent",
                "Status",
                "Staked",
                "Free",
                "Locked",
                "Coverage",
                "Settled",
                "On time",
                "Disputes/lost",
                "Slashed",
              ],
              rows: list.agents.map(summaryRow),
              empty: "no agents",
            },
            notes: list.hasMore ? [`More: --offset ${list.offset + list.agents.length}`] : [],
          },
        ],
      };
    }),
  );

  examples(
    agent
      .command("set-status")
      .description(
        "the operator moves an agent on the ladder: warned, narrowed (exposure capped), under-review (also freezes withdrawals) or paused (no new pacts); it never moves funds",
      )
      .argument("<agent>", "the agent's address")
      .option("--status <status>", `the step: ${LADDER_STEPS.join(", ")}`)
      .option(
        "--cap <amount>",
        `the most collateral it may lock, in the stake token (applies to ${CAPPED_AGENT_STATUSES.join(", ")}; narrowed and under-review need one)`,
      )
      .option("--reason <file|text|hash>", "why: a file (.json canonicalised), text, or a 0x hash"),
    [
      'surety agent set-status 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --status warned --reason "Two late deliveries"',
      "surety agent set-status 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --status narrowed --cap 500 --reason ./ops-142.json",
    ],
  ).action(
    action(
      app,
      async (context) => {
        const { flags } = context;
        const address = requireAddress(context, "agent");
        const status = flags.choice("status", LADDER_STEPS, { required: true });
        const cap = flags.amount("cap");
        const reason = flags.document("reason", { required: true });
        if (status !== undefined && !hasCap(status) && cap !== undefined) {
          flags.report("--cap", `only applies to ${CAPPED_AGENT_STATUSES.join(", ")}`);
        }
        if (status !== undefined && requiresCap(status) && cap === undefined && !flags.has("cap")) {
          flags.report("--cap", `is required for status ${status}`);
        }
        const session = await context.connect(context.settings("required"));
        const parameters =
          status === "warned"
            ? { agent: address!, status, reason: reason!.value }
            : status === "paused"
              ? { agent: address!, status, reason: reason!.value, ...(cap === undefined ? {} : { cap }) }
              : { agent: address!, status: status!, cap: cap!, reason: reason!.value };
        const result = await session.signer().setAgentStatus(parameters);
        const token = await session.token(session.deployment.stakeToken);
        const now = await session.now();
        return {
          json: {
            action: context.path,
            eventName: "AgentStatusChanged",
            ...txJson(result),
            event: jsonEvent("AgentStatusChanged", result.event),
            reason: documentJson(result.reason, reason!.source),
          },
          views: [
            await writeView(
              session,
              `Agent ${result.event.agent} is now ${status}`,
              [
                ["Cap", status === "warned" ? "none" : amount(result.event.cap, token)],
                [
                  "Withdrawals frozen",
                  BigInt(result.event.frozenUntil) > now ? `until ${time(result.event.frozenUntil, now)}` : "no",
                ],
                documentRow("Reason hash", result.reason, reason!.source),
              ],
              result,
            ),
          ],
        };
      },
      { agent: "<agent>", status: "--status", cap: "--cap", reason: "--reason" },
    ),
  );

  examples(
    agent
      .command("recertify")
      .description("the operator returns an agent to good standing: no cap, and any withdrawal freeze ends")
      .argument("<agent>", "the agent's address")
      .option("--reason <file|text|hash>", "why: a file (.json canonicalised), text, or a 0x hash"),
    ['surety agent recertify 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --reason "Audit OPS-142 passed"'],
  ).action(
    action(
      app,
      async (context) => {
        const address = requireAddress(context, "agent");
        const reason = context.flags.document("reason", { required: true });
        const session = await context.connect(context.settings("required"));
        const standing = await session.reader.getAgentStatus({ agent: address! });
        if (standing.status === "good") {
          // The contract would accept it and add a ladder step that changes nothing.
          throw new RefusedError(`agent ${standing.agent} is already in good standing: there is nothing to recertify`);
        }
        const result = await session.signer().recertify({ agent: address!, reason: reason!.value });
        return {
          json: {
            action: context.path,
            eventName: "AgentStatusChanged",
            ...txJson(result),
            event: jsonEvent("AgentStatusChanged", result.event),
            reason: documentJson(result.reason, reason!.source),
          },
          views: [
            await writeView(
              session,
              `Agent ${result.event.agent} recertified (good)`,
              [documentRow("Reason hash", result.reason, reason!.source)],
              result,
            ),
          ],
        };
      },
      { agent: "<agent>", reason: "--reason" },
    ),
  );
}

export function registerPending(program: Command, app: App): void {
  examples(
    program
      .command("pending")
      .description(
        "what waits on an address as buyer, agent or arbiter, soonest deadline first; payouts to claim; a queued withdrawal (from the indexer's trust API)",
      )
      .argument("<address>", "the buyer's, agent's or arbiter's address"),
    [
      "surety pending 0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      "surety pending 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --json",
    ],
  ).action(
    action(app, async (context) => {
      const address = requireAddress(context, "address");
      const settings = context.settings("none", "indexer");
      const trust = context.trust(settings);
      const pending = await fromIndexer(settings, () => trust.getPending(address!));
      const now = pending.asOf?.timestamp;
      return {
        json: pending,
        views: [
          {
            title: `Waiting on ${pending.address}${pending.asOf === null ? "" : ` (as of block ${pending.asOf.block})`}`,
            list: {
              head: ["Action", "Role", "Pact", "Price", "Deadline", "Command"],
              rows: pending.actions.map((item) => [
                item.action,
                item.role,
                String(item.pact.pactId),
                trustAmount(item.pact.price),
                item.deadline === null ? "-" : time(item.deadline, now),
                ANSWER[item.action](item.pact.pactId),
              ]),
              empty: "No pact waits on this address.",
            },
          },
          {
            title: "Payouts to claim",
            list: {
              head: ["Owed", "Command"],
              rows: pending.claims.map((claim) => [
                trustAmount(claim.owed),
                `surety payout claim --token ${claim.owed.token}`,
              ]),
              empty: "none",
            },
          },
          {
            title: "Queued withdrawal",
            rows:
              pending.withdrawal === null
                ? [["Queued", "none"]]
                : [
                    ["Queued", trustAmount(pending.withdrawal.amount)],
                    [
                      "Withdrawable",
                      pending.withdrawal.ready
                        ? "now (surety stake withdraw)"
                        : `from ${time(pending.withdrawal.readyAt, now)}`,
                    ],
                  ],
          },
        ],
      };
    }),
  );
}
