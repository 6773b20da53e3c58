/** `surety pact create`: the buyer funds a pact, from terms it writes or from an agent's signed offer. */
import { ALLOWANCE_MODES, parseAmount, parseDuration } from "@surety/sdk";
import type { Command } from "commander";
import { erc20Abi, zeroAddress, type Address } from "viem";

import { action, type App, type Context } from "../../context.ts";
import { ConnectionError, RefusedError } from "../../errors.ts";
import { flagName } from "../../flags.ts";
import { amount, period } from "../../format.ts";
import type { Result } from "../../output.ts";
import { unreachable, type Session } from "../../session.ts";
import { checkOfferTarget, readOfferFile } from "../offer.ts";
import {
  BOUNDS_HELP,
  checkPeriods,
  documentJson,
  documentRow,
  examples,
  pactTokens,
  termsRows,
  writeJson,
  writeView,
} from "../shared.ts";
import { ALLOWANCE_HELP } from "./lifecycle.ts";

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

const CREATE_FLAGS = {
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

export function registerCreate(pact: Command, app: App): void {
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
      .option("--review-period <duration>", `how long the buyer may dispute a delivery (2d; ${BOUNDS_HELP.review})`)
      .option("--ruling-period <duration>", `how long the arbiter may take to rule (5d; ${BOUNDS_HELP.ruling})`)
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
          const payment = await session.token(file!.offer.token);
          context.app.units.payment = payment;
          await checkBalance(session, payment, file!.offer.price);
          const result = await session.signer().createPact({
            offer: file!.offer,
            signature: file!.signature,
            ...(allowance === undefined ? {} : { allowance }),
          });
          return createdResult(context, session, result, undefined);
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
        const paymentToken = token ?? session.deployment.stakeToken;
        const [payment, stake] = await Promise.all([
          session.token(paymentToken),
          session.token(session.deployment.stakeToken),
        ]);
        context.app.units.payment = payment;
        // What the SDK would find one problem at a time, or the contract only after a simulation, found here
        // together and named in tokens: the deployment's period bounds, the arbiter's terms, the penalty.
        await checkPeriods(session, flags, { reviewPeriod: reviewPeriod!, rulingPeriod: rulingPeriod! });
        const published = await session.reader.getArbiterTerms({ arbiter: arbiter!, token: paymentToken });
        if (published.registered) {
          if (seconds(rulingPeriod!) > BigInt(published.maxRulingPeriod)) {
            flags.report(
              "--ruling-period",
              `must be at most the arbiter's maximum of ${period(published.maxRulingPeriod)}, not ${rulingPeriod}`,
            );
          }
          const fee = units(arbiterFee, payment.decimals);
          if (fee !== undefined && fee < published.minFee) {
            flags.report(
              "--arbiter-fee",
              `must be at least the arbiter's minimum fee of ${amount(published.minFee, payment)}, not ${arbiterFee} ${payment.symbol}`,
            );
          }
        }
        const locked = units(collateral, stake.decimals) ?? 0n;
        const slashed = units(penalty, stake.decimals);
        if (slashed !== undefined && slashed > locked) {
          flags.report(
            "--penalty",
            `must be at most the collateral (${amount(locked, stake)}), not ${amount(slashed, stake)}`,
          );
        }
        flags.done();
        const priced = units(price, payment.decimals);
        if (priced !== undefined) await checkBalance(session, payment, priced);
        const result = await session.signer().createPact({
          agent: agent!,
          arbiter: arbiter!,
          token: paymentToken,
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
        return createdResult(context, session, result, terms!.source);
      },
      CREATE_FLAGS,
    ),
  );
}

const seconds = (duration: string): bigint => parseDuration(duration);

/** An amount flag in base units; a value with too many decimals is left for the SDK to report. */
function units(value: string | undefined, decimals: number): bigint | undefined {
  if (value === undefined) return undefined;
  try {
    return parseAmount(value, decimals);
  } catch {
    return undefined;
  }
}

/** Refuses (exit 1) a price above the buyer's balance, naming both in the token, before anything is sent. */
async function checkBalance(session: Session, token: Awaited<ReturnType<Session["token"]>>, price: bigint) {
  const buyer: Address = session.signer().account.address;
  let balance: bigint;
  try {
    balance =
      token.address === zeroAddress
        ? await session.reader.getBalance({ address: buyer })
        : await session.reader.readContract({
            address: token.address,
            abi: erc20Abi,
            functionName: "balanceOf",
            args: [buyer],
          });
  } catch (error) {
    if (unreachable(error)) throw new ConnectionError(`the RPC at ${session.url} failed`, { cause: error });
    // Not an ERC-20 (no code, no balanceOf): the SDK's checks say what is wrong with --token.
    return;
  }
  if (balance < price) {
    throw new RefusedError(
      `the buyer ${buyer} holds ${amount(balance, token)}, less than the price of ${amount(price, token)}` +
        (token.address === zeroAddress ? " (and the gas)" : ""),
    );
  }
}

/** The output of `pact create`, from terms or from an offer. */
async function createdResult(
  context: Context,
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
      ...writeJson(context, "PactCreated", result, { pactId: result.pactId }),
      terms: result.terms,
      termsDocument:
        result.termsDocument === undefined || source === undefined ? null : documentJson(result.termsDocument, source),
      accepted: result.accepted ?? null,
      offerFunded: result.offerFunded ?? null,
    },
    views: [await writeView(session, `Pact ${result.pactId} created`, rows, result)],
  };
}
