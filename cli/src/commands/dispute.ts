/** `surety dispute resolve|abstain|default|evidence`: a disputed pact, by its arbiter, its parties or anyone. */
import type { Command } from "commander";

import { action, type App } from "../context.ts";
import { amount, share } from "../format.ts";
import { pactWrite } from "./pact/index.ts";
import { documentJson, documentRow, examples, pactIdArgument, pactTokens, txJson, writeView } from "./shared.ts";

export function registerDispute(program: Command, app: App): void {
  const dispute = program
    .command("dispute")
    .description("a disputed pact: the arbiter's ruling or abstention, evidence, the default split");

  examples(
    dispute
      .command("resolve")
      .description(
        "the pact's arbiter rules within the ruling period: a split of the price, a slash of the agent's collateral to the buyer, and the reasoned ruling; the arbiter earns the fee",
      )
      .argument("<pactId>", "the pact")
      .option("--buyer-bps <bps>", "the buyer's share of the price: 0-10000 basis points, or a percentage like 75%")
      .option("--slash <amount>", "collateral slashed to the buyer, in the stake token (default 0)")
      .option("--ruling <file|text|hash>", "the reasoned ruling: a file (.json canonicalised), text, or a 0x hash"),
    [
      "surety dispute resolve 7 --buyer-bps 75% --slash 10 --ruling ./ruling.json",
      'surety dispute resolve 7 --buyer-bps 0 --ruling "The delivery met the terms"',
    ],
  ).action(
    action(
      app,
      async (context) => {
        const pactId = pactIdArgument(context);
        const buyerBps = context.flags.bps("buyerBps", { required: true });
        const slash = context.flags.amount("slash");
        const ruling = context.flags.document("ruling", { required: true });
        const session = await context.connect(context.settings("required"));
        const terms = await session.reader.getPactTerms({ pactId: pactId! });
        const result = await session.signer().resolveDispute({
          pactId: pactId!,
          terms,
          buyerBps: buyerBps!,
          ...(slash === undefined ? {} : { slash }),
          ruling: ruling!.value,
        });
        const tokens = await pactTokens(session, terms);
        return {
          json: {
            action: context.path,
            eventName: "DisputeResolved",
            pactId,
            ...txJson(result),
            event: result.event,
            ruling: documentJson(result.ruling, ruling!.source),
          },
          views: [
            await writeView(
              session,
              `Dispute on pact ${pactId} resolved`,
              [
                ["Buyer share", share(result.event.buyerBps)],
                ["To the buyer", amount(result.event.toBuyer, tokens.payment)],
                ["To the agent", amount(result.event.toAgent, tokens.payment)],
                ["Slashed", amount(result.event.slashed, tokens.stake)],
                ["Arbiter fee", amount(result.event.arbiterFee, tokens.payment)],
                documentRow("Ruling hash", result.ruling, ruling!.source),
              ],
              result,
            ),
          ],
        };
      },
      { buyerBps: "--buyer-bps", slash: "--slash", ruling: "--ruling" },
    ),
  );

  examples(
    dispute
      .command("abstain")
      .description(
        "the pact's arbiter declines to rule: the default split applies, no slash, and the fee goes back to the buyer",
      )
      .argument("<pactId>", "the pact")
      .option("--ruling <file|text|hash>", "the arbiter's reasons: a file, text, or a 0x hash"),
    ['surety dispute abstain 7 --ruling "Conflict of interest"'],
  ).action(
    action(
      app,
      async (context) => {
        const pactId = pactIdArgument(context);
        const ruling = context.flags.document("ruling", { required: true });
        const session = await context.connect(context.settings("required"));
        const terms = await session.reader.getPactTerms({ pactId: pactId! });
        const result = await session.signer().abstain({ pactId: pactId!, terms, ruling: ruling!.value });
        const tokens = await pactTokens(session, terms);
        return {
          json: {
            action: context.path,
            eventName: "DisputeResolved",
            pactId,
            ...txJson(result),
            event: result.event,
            ruling: documentJson(result.ruling, ruling!.source),
          },
          views: [
            await writeView(
              session,
              `Arbiter abstained on pact ${pactId}`,
              [
                ["Buyer share (default)", share(result.event.buyerBps)],
                ["To the buyer", amount(result.event.toBuyer, tokens.payment)],
                ["To the agent", amount(result.event.toAgent, tokens.payment)],
                documentRow("Reasons hash", result.ruling, ruling!.source),
              ],
              result,
            ),
          ],
        };
      },
      { ruling: "--ruling" },
    ),
  );

  examples(
    dispute
      .command("default")
      .description(
        "after the ruling period passed without a ruling, anyone applies the pact's default split (no slash; the fee goes back to the buyer)",
      )
      .argument("<pactId>", "the pact"),
    ["surety dispute default 7"],
  ).action(
    action(app, (context) =>
      pactWrite(context, {
        send: (wallet, { pactId, terms }) => wallet.applyDefaultRuling({ pactId, terms }),
        event: "DefaultRulingApplied",
        title: "Default ruling applied",
      }),
    ),
  );

  examples(
    dispute
      .command("evidence")
      .description("the buyer or the agent adds evidence to a disputed pact")
      .argument("<pactId>", "the pact")
      .option("--evidence <file|text|hash>", "the evidence: a file (.json canonicalised), text, or a 0x hash"),
    ["surety dispute evidence 7 --evidence ./chat-log.txt", 'surety dispute evidence 7 --evidence "ipfs://bafy…"'],
  ).action(
    action(
      app,
      async (context) => {
        const pactId = pactIdArgument(context);
        const evidence = context.flags.document("evidence", { required: true });
        const session = await context.connect(context.settings("required"));
        const result = await session.signer().submitEvidence({ pactId: pactId!, evidence: evidence!.value });
        return {
          json: {
            action: context.path,
            eventName: "EvidenceSubmitted",
            pactId,
            ...txJson(result),
            event: result.event,
            evidence: documentJson(result.evidence, evidence!.source),
          },
          views: [
            await writeView(
              session,
              `Evidence added to pact ${pactId}`,
              [["Party", result.event.party], documentRow("Evidence hash", result.evidence, evidence!.source)],
              result,
            ),
          ],
        };
      },
      { evidence: "--evidence" },
    ),
  );
}
