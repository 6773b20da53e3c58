/** `surety arbiter register`: an arbiter publishes its terms for a payment token. */
import type { Command } from "commander";

import { action, type App } from "../context.ts";
import { amount, period } from "../format.ts";
import { examples, txJson, writeView } from "./shared.ts";

export function registerArbiter(program: Command, app: App): void {
  const arbiter = program.command("arbiter").description("arbiters: publish the terms buyers may name you on");

  examples(
    arbiter
      .command("register")
      .description(
        "publish (or update) the account's terms as an arbiter for pacts paid in a token: buyers can then name it, with at least the minimum fee and at most the longest ruling period",
      )
      .option("--token <address|eth>", "the payment token these terms are for, or eth (default: the stake token)")
      .option("--min-fee <amount>", "the smallest fee taken, in the token's units")
      .option("--max-ruling-period <duration>", "the longest ruling period accepted (14d)"),
    [
      "surety arbiter register --min-fee 5 --max-ruling-period 14d",
      "surety arbiter register --token eth --min-fee 0.01 --max-ruling-period 7d",
    ],
  ).action(
    action(
      app,
      async (context) => {
        const { flags } = context;
        const token = flags.address("token", { allowEth: true });
        const minFee = flags.amount("minFee", { required: true });
        const maxRulingPeriod = flags.duration("maxRulingPeriod", { required: true });
        const session = await context.connect(context.settings("required"));
        const result = await session.signer().registerArbiter({
          token: token ?? session.deployment.stakeToken,
          minFee: minFee!,
          maxRulingPeriod: maxRulingPeriod!,
        });
        const info = await session.token(result.event.token);
        return {
          json: { action: context.path, eventName: "ArbiterRegistered", ...txJson(result), event: result.event },
          views: [
            await writeView(
              session,
              "Arbiter registered",
              [
                ["Arbiter", result.event.arbiter],
                ["Token", `${info.symbol} (${info.address})`],
                ["Minimum fee", amount(result.event.minFee, info)],
                ["Longest ruling period", period(result.event.maxRulingPeriod)],
              ],
              result,
            ),
          ],
        };
      },
      { token: "--token", minFee: "--min-fee", maxRulingPeriod: "--max-ruling-period" },
    ),
  );
}
