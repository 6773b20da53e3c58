/**
 * `surety pact settle propose|accept`, `pact extend` and `pact withdraw-proposals`: what the buyer and the agent
 * agree between themselves, a settlement split or a later delivery deadline.
 */
import type { Command } from "commander";

import { action, type App } from "../../context.ts";
import { amount, share, time } from "../../format.ts";
import { examples, pactIdArgument, pactTokens, writeJson, writeView } from "../shared.ts";
import { pactWrite } from "./lifecycle.ts";

export function registerCooperative(pact: Command, app: App): void {
  const settle = pact
    .command("settle")
    .description(
      "the buyer and the agent settle an underway pact (accepted, not ended) between themselves: one proposes a split, the other accepts it",
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
          json: writeJson(context, "SettlementProposed", result, { pactId }),
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
          json: writeJson(context, "PactSettled", result, { pactId }),
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
          json: writeJson(context, "DeadlineExtensionProposed", result, {
            pactId,
            extended: result.extended ?? null,
            terms: result.terms,
          }),
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
        "the buyer or the agent of an underway pact withdraws its own standing settlement proposal and request for a later deadline, so that the other party can no longer accept them",
      )
      .argument("<pactId>", "the pact"),
    ["surety pact withdraw-proposals 7"],
  ).action(
    action(app, (context) =>
      pactWrite(context, {
        send: (wallet, { pactId, terms }) => wallet.withdrawProposals({ pactId, terms }),
        event: "ProposalsWithdrawn",
        title: "Proposals withdrawn",
      }),
    ),
  );
}
