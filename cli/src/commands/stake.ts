/** `surety stake deposit|withdraw-request|withdraw|show`: an agent's stake. */
import { ALLOWANCE_MODES } from "@surety/sdk";
import type { Command } from "commander";

import { action, type App } from "../context.ts";
import { UsageError } from "../errors.ts";
import { amount, time } from "../format.ts";
import { addressArgument, examples, txJson, writeView } from "./shared.ts";

const ALLOWANCE_HELP = `how the token allowance is given: ${ALLOWANCE_MODES.join(", ")} (default auto: a permit when the token has one, else an exact approval first)`;

export function registerStake(program: Command, app: App): void {
  const stake = program.command("stake").description("an agent's stake: deposit, queue a withdrawal, withdraw, show");

  examples(
    stake
      .command("deposit")
      .description("add stake, pulled from the account's balance of the stake token")
      .option("--amount <amount>", "how much, in the stake token's units (12.5)")
      .option("--allowance <mode>", ALLOWANCE_HELP),
    ["surety stake deposit --amount 1000", "surety stake deposit --amount 250.5 --allowance approve --json"],
  ).action(
    action(
      app,
      async (context) => {
        const { flags } = context;
        const value = flags.amount("amount", { required: true, positive: true });
        const allowance = flags.choice("allowance", ALLOWANCE_MODES);
        const session = await context.connect(context.settings("required"));
        const result = await session.signer().depositStake({
          amount: value!,
          ...(allowance === undefined ? {} : { allowance }),
        });
        const token = await session.token(session.deployment.stakeToken);
        return {
          json: { action: context.path, eventName: "StakeDeposited", ...txJson(result), event: result.event },
          views: [
            await writeView(
              session,
              "Stake deposited",
              [
                ["Agent", result.event.agent],
                ["Deposited", amount(result.event.amount, token)],
                ["Bonded now", amount(result.event.bonded, token)],
              ],
              result,
            ),
          ],
        };
      },
      { amount: "--amount", allowance: "--allowance", permitDeadline: "--allowance" },
    ),
  );

  examples(
    stake
      .command("withdraw-request")
      .description("queue free stake for withdrawal; it can be withdrawn after the unbonding delay")
      .option("--amount <amount>", "how much free stake to queue, in the stake token's units"),
    ["surety stake withdraw-request --amount 250"],
  ).action(
    action(
      app,
      async (context) => {
        const value = context.flags.amount("amount", { required: true, positive: true });
        const session = await context.connect(context.settings("required"));
        const result = await session.signer().requestWithdrawal({ amount: value! });
        const token = await session.token(session.deployment.stakeToken);
        return {
          json: { action: context.path, eventName: "WithdrawalRequested", ...txJson(result), event: result.event },
          views: [
            await writeView(
              session,
              "Withdrawal queued",
              [
                ["Agent", result.event.agent],
                ["Queued", amount(result.event.amount, token)],
                ["Queued in total", amount(result.event.queued, token)],
                ["Withdrawable from", time(result.event.readyAt)],
              ],
              result,
              ["Withdraw it then with `surety stake withdraw` (a new request restarts the delay for the whole queue)."],
            ),
          ],
        };
      },
      { amount: "--amount" },
    ),
  );

  examples(
    stake
      .command("withdraw")
      .description("withdraw the whole queue once the unbonding delay has passed")
      .option("--recipient <address>", "who receives it (default: the account)"),
    ["surety stake withdraw", "surety stake withdraw --recipient 0x70997970C51812dc3A010C7d01b50e0d17dc79C8"],
  ).action(
    action(
      app,
      async (context) => {
        const recipient = context.flags.address("recipient", { nonZero: true });
        const session = await context.connect(context.settings("required"));
        const result = await session.signer().withdrawStake(recipient === undefined ? {} : { recipient });
        const token = await session.token(session.deployment.stakeToken);
        return {
          json: { action: context.path, eventName: "StakeWithdrawn", ...txJson(result), event: result.event },
          views: [
            await writeView(
              session,
              "Stake withdrawn",
              [
                ["Agent", result.event.agent],
                ["Recipient", result.event.recipient],
                ["Withdrawn", amount(result.event.amount, token)],
              ],
              result,
            ),
          ],
        };
      },
      { recipient: "--recipient" },
    ),
  );

  examples(
    stake
      .command("show")
      .description("an agent's stake: staked, free, locked, queued (read from the chain)")
      .argument("[agent]", "the agent's address (default: the account's)"),
    ["surety stake show 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "SURETY_PRIVATE_KEY=0x… surety stake show --json"],
  ).action(
    action(app, async (context) => {
      const agent = addressArgument(context, "agent");
      const settings = context.settings(agent === undefined ? "optional" : "none");
      if (agent === undefined && settings.account.kind === "none" && context.flags.issues.length === 0) {
        throw new UsageError([
          { flag: "<agent>", message: "is required when no account is configured (SURETY_PRIVATE_KEY or --keystore)" },
        ]);
      }
      const session = await context.connect(settings);
      const who = agent ?? session.account!.address;
      const [stake, token, now] = await Promise.all([
        session.reader.getStake({ agent: who }),
        session.token(session.deployment.stakeToken),
        session.now(),
      ]);
      return {
        json: { ...stake, symbol: token.symbol, decimals: token.decimals },
        views: [
          {
            title: `Stake of ${stake.agent}`,
            rows: [
              ["Staked", amount(stake.staked, token)],
              ["Free", amount(stake.free, token)],
              ["Locked", amount(stake.locked, token)],
              ["Queued", amount(stake.queued, token)],
              ["Withdrawable from", stake.queued === 0n ? "-" : time(stake.readyAt, now)],
            ],
          },
        ],
      };
    }),
  );
}
