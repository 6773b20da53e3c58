/** `surety payout claim`: payouts that could not be sent when a pact settled, credited to their recipient. */
import type { Command } from "commander";

import { action, type App } from "../context.ts";
import { amount } from "../format.ts";
import { examples, txJson, writeView } from "./shared.ts";

export function registerPayout(program: Command, app: App): void {
  const payout = program.command("payout").description("payouts credited when their transfer failed");

  examples(
    payout
      .command("claim")
      .description("send the account's whole credit in a token to itself or to a recipient")
      .option("--token <address|eth>", "the token of the credit, or eth (default: the stake token)")
      .option("--recipient <address>", "who receives it (default: the account; name another if the token blocks it)"),
    ["surety payout claim", "surety payout claim --token eth --recipient 0x70997970C51812dc3A010C7d01b50e0d17dc79C8"],
  ).action(
    action(
      app,
      async (context) => {
        const token = context.flags.address("token", { allowEth: true });
        const recipient = context.flags.address("recipient", { nonZero: true });
        const session = await context.connect(context.settings("required"));
        const result = await session.signer().claimPayout({
          token: token ?? session.deployment.stakeToken,
          ...(recipient === undefined ? {} : { recipient }),
        });
        const info = await session.token(result.event.token);
        return {
          json: { action: "claimPayout", ...txJson(result), event: result.event },
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
      { token: "--token", recipient: "--recipient" },
    ),
  );
}
