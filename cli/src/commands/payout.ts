/** `surety payout claim`: payouts that could not be sent when a pact settled, credited to their recipient. */
import type { Command } from "commander";

import { action, type App } from "../context.ts";
import { amount } from "../format.ts";
import { examples, txJson, writeView } from "./shared.ts";

/** Collects a repeated flag's values, in order. */
const repeated = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function registerPayout(program: Command, app: App): void {
  const payout = program.command("payout").description("payouts credited when their transfer failed");

  examples(
    payout
      .command("claim")
      .description(
        "send the account's whole credit in a token, or in several at once (all or nothing), to itself or to a recipient",
      )
      .option(
        "--token <address|eth>",
        "the token of the credit, or eth (default: the stake token); repeat it to claim several tokens in one transaction",
        repeated,
      )
      .option("--recipient <address>", "who receives it (default: the account; name another if the token blocks it)"),
    [
      "surety payout claim",
      "surety payout claim --token eth --recipient 0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      "surety payout claim --token 0x5FbDB2315678afecb367f032d93F642f64180aa3 --token eth",
    ],
  ).action(
    action(
      app,
      async (context) => {
        const tokens = context.flags.addresses("token", { allowEth: true });
        const recipient = context.flags.address("recipient", { nonZero: true });
        const session = await context.connect(context.settings("required"));
        if (tokens !== undefined && tokens.length > 1) {
          const result = await session.signer().claimPayouts({
            tokens,
            ...(recipient === undefined ? {} : { recipient }),
          });
          const rows: [string, string][] = [];
          for (const event of result.events) {
            rows.push(["Amount", amount(event.amount, await session.token(event.token))]);
          }
          return {
            json: { action: context.path, eventName: "PayoutClaimed", ...txJson(result), events: result.events },
            views: [
              await writeView(
                session,
                "Payouts claimed",
                [["Account", result.events[0]!.account], ["Recipient", result.events[0]!.recipient], ...rows],
                result,
              ),
            ],
          };
        }
        const result = await session.signer().claimPayout({
          token: tokens?.[0] ?? session.deployment.stakeToken,
          ...(recipient === undefined ? {} : { recipient }),
        });
        const info = await session.token(result.event.token);
        return {
          json: { action: context.path, eventName: "PayoutClaimed", ...txJson(result), event: result.event },
          views: [
            await writeView(
              session,
              "Payout claimed",
              [
                ["Account", result.event.account],
                ["Recipient", result.event.recipient],
                ["Amount", amount(result.event.amount, info)],
              ],
              result,
            ),
          ],
        };
      },
      { token: "--token", tokens: "--token", recipient: "--recipient" },
    ),
  );
}
