/**
 * `surety review …`: the operator's weekly loop. `week` reads a week's signals and agents from the indexer, `record`
 * records many decisions in one transaction, `log-exception` records an exception or rescue note on the chain.
 */
import { CAPPED_DECISIONS, EXCEPTION_KINDS, REVIEW_DECISIONS } from "@surety/sdk";
import type { Command } from "commander";

import { action, type App } from "../../context.ts";
import { examples } from "../shared.ts";
import { CAP_REQUIRED_DECISIONS } from "./entries.ts";
import { logException } from "./exception.ts";
import { recordReviews } from "./record.ts";
import { reviewWeek } from "./week.ts";

export function registerReview(program: Command, app: App): void {
  const review = program
    .command("review")
    .description("the operator's weekly review: a week's signals and agents, decisions recorded, exception notes");

  examples(
    review
      .command("week")
      .description(
        "a week's review table from the indexer's trust API: the deployment's signals (rescue work, time to narrow, recovery, review decisions and coverage, concentrated agents) and one row per agent, undecided agents first",
      )
      .option(
        "--week <isoWeek>",
        "the ISO week, such as 2026-W49 (Monday to Sunday, UTC; default: the indexer's current week)",
      ),
    ["surety review week", "surety review week --week 2026-W49 --json"],
  ).action(action(app, reviewWeek));

  examples(
    review
      .command("record")
      .description(
        "the operator records reviews of many agents in one transaction (all or nothing): a keep is recorded too, any other decision moves the agent on the ladder; it never moves funds",
      )
      .option(
        "--file <path>",
        "the reviews: a JSON array of { agent, decision, cap?, evidence }, or CSV lines agent,decision,cap,evidence (a header line is optional)",
      )
      .option("--agent <address>", "one agent's review by flags instead: the agent")
      .option("--decision <decision>", `${REVIEW_DECISIONS.join(", ")}`)
      .option(
        "--cap <amount>",
        `the most collateral the agent may lock, in the stake token (${CAPPED_DECISIONS.join(", ")} only; ${CAP_REQUIRED_DECISIONS.join(" and ")} need one)`,
      )
      .option(
        "--evidence <file|text|hash>",
        "what the decision rests on: a file (.json canonicalised), text, or a 0x hash",
      ),
    [
      "surety review record --file reviews.json",
      'surety review record --agent 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --decision narrow --cap 300 --evidence "Lost dispute on pact 12"',
    ],
  ).action(action(app, recordReviews, { reviews: "--file" }));

  examples(
    review
      .command("log-exception")
      .description(
        "logs an exception or rescue note against an agent (the operator) or a pact (the operator, or the pact's buyer once it is accepted), into the agent's trust history",
      )
      .option("--agent <address>", "the agent the note is about")
      .option("--pact <pactId>", "or the pact the note is about")
      .option("--kind <kind>", `${EXCEPTION_KINDS.join(" or ")}`)
      .option("--note <file|text|hash>", "the note: a file (.json canonicalised), text, or a 0x hash"),
    [
      'surety review log-exception --pact 12 --kind rescue --note "Support re-ran the delivery by hand"',
      "surety review log-exception --agent 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --kind exception --note ./ops-150.md",
    ],
  ).action(action(app, logException, { agent: "--agent", pactId: "--pact", kind: "--kind", note: "--note" }));
}
