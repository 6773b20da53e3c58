/** `surety offer sign|revoke`: an agent's signed offers, which a buyer funds with `surety pact create --offer`. */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { validateAddress, type Offer } from "@surety/sdk";
import type { Command } from "commander";
import type { Address, Hex } from "viem";

import { action, type App } from "../context.ts";
import { UsageError } from "../errors.ts";
import type { Flags } from "../flags.ts";
import { amount, period, share, time } from "../format.ts";
import { jsonSafe, toJson } from "../output.ts";
import type { Session } from "../session.ts";
import { BOUNDS_HELP, checkPeriods, documentJson, documentRow, examples, txJson, writeView } from "./shared.ts";

/** A signed offer as `offer sign` writes it and `pact create --offer` reads it. */
export type OfferFile = {
  chainId: number | undefined;
  surety: Address | undefined;
  offer: Offer;
  signature: Hex;
};

const ADDRESS_FIELDS = ["agent", "buyer", "arbiter", "token"] as const;
const BIG_FIELDS = ["price", "arbiterFee", "collateral", "penalty", "nonce"] as const;
const SMALL_FIELDS = ["deliveryPeriod", "reviewPeriod", "rulingPeriod", "defaultBuyerBps", "expiry"] as const;

/** Reads and checks a signed offer file, reporting what is wrong with it under `flag`. */
export function readOfferFile(flags: Flags, key: string, flag: string): OfferFile | undefined {
  const file = flags.file(key);
  if (file === undefined) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    flags.report(flag, `${file} is not valid JSON (${(error as Error).message})`);
    return undefined;
  }
  const problems: string[] = [];
  const root = (typeof document === "object" && document !== null ? document : {}) as Record<string, unknown>;
  const offer = (typeof root.offer === "object" && root.offer !== null ? root.offer : undefined) as
    Record<string, unknown> | undefined;
  if (offer === undefined) problems.push("offer: is missing (write the file with `surety offer sign`)");
  if (typeof root.signature !== "string" || !/^0x([0-9a-fA-F]{2}){64,}$/.test(root.signature)) {
    problems.push("signature: must be a hex signature");
  }
  const parsed: Record<string, unknown> = {};
  if (offer !== undefined) {
    for (const field of ADDRESS_FIELDS) {
      const item = offer[field];
      const checked = validateAddress(item);
      if (checked.problem !== undefined) problems.push(`offer.${field}: ${checked.problem}`);
      else parsed[field] = checked.address;
    }
    for (const field of BIG_FIELDS) {
      const item = offer[field];
      if (
        !(typeof item === "string" && /^\d+$/.test(item)) &&
        !(typeof item === "number" && Number.isSafeInteger(item))
      ) {
        problems.push(`offer.${field}: must be a whole number`);
      } else parsed[field] = BigInt(item);
    }
    for (const field of SMALL_FIELDS) {
      const item = offer[field];
      const number = typeof item === "string" && /^\d+$/.test(item) ? Number(item) : item;
      if (typeof number !== "number" || !Number.isSafeInteger(number) || number < 0) {
        problems.push(`offer.${field}: must be a whole number`);
      } else parsed[field] = number;
    }
    if (typeof offer.termsHash !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(offer.termsHash)) {
      problems.push("offer.termsHash: must be a 32-byte hash");
    } else parsed.termsHash = offer.termsHash;
    const unknown = Object.keys(offer).filter(
      (field) => ![...ADDRESS_FIELDS, ...BIG_FIELDS, ...SMALL_FIELDS, "termsHash"].includes(field as never),
    );
    for (const field of unknown) problems.push(`offer.${field}: is not a field of an offer`);
  }
  if (root.chainId !== undefined && (typeof root.chainId !== "number" || !Number.isSafeInteger(root.chainId))) {
    problems.push("chainId: must be a chain id");
  }
  const surety = root.surety === undefined ? undefined : validateAddress(root.surety);
  if (surety?.problem !== undefined) problems.push(`surety: ${surety.problem}`);
  if (problems.length > 0) {
    for (const problem of problems) flags.report(flag, `${file}: ${problem}`);
    return undefined;
  }
  return {
    chainId: root.chainId as number | undefined,
    surety: surety?.address,
    offer: parsed as Offer,
    signature: root.signature as Hex,
  };
}

/** Refuses an offer file signed for another chain or deployment than the session's. */
export function checkOfferTarget(file: OfferFile, session: Session, flag: string): void {
  const wrongChain = file.chainId !== undefined && file.chainId !== session.chainId;
  const wrongSurety = file.surety !== undefined && file.surety !== session.deployment.surety;
  if (wrongChain || wrongSurety) {
    throw new UsageError([
      {
        flag,
        message: `the offer was signed for Surety ${file.surety ?? "?"} on chain ${file.chainId ?? "?"}, not ${session.deployment.surety} on chain ${session.chainId}`,
      },
    ]);
  }
}

const SIGN_FLAGS = {
  buyer: "--buyer",
  arbiter: "--arbiter",
  token: "--token",
  price: "--price",
  arbiterFee: "--arbiter-fee",
  collateral: "--collateral",
  penalty: "--penalty",
  deliveryPeriod: "--delivery-period",
  reviewPeriod: "--review-period",
  rulingPeriod: "--ruling-period",
  defaultBuyerBps: "--default-buyer-bps",
  terms: "--terms",
  nonce: "--nonce",
  expiry: "--expires-in",
};

export function registerOffer(program: Command, app: App): void {
  const offer = program
    .command("offer")
    .description("an agent's signed offers: sign one for a buyer to fund, or revoke it");

  examples(
    offer
      .command("sign")
      .description(
        "sign an offer (EIP-712; nothing is sent) and write it as JSON: to stdout, or to --out; a buyer funds it with `surety pact create --offer FILE`",
      )
      .option("--arbiter <address>", "the arbiter of disputes (registered for the token)")
      .option("--token <address|eth>", "the payment token, or eth (default: the stake token)")
      .option("--price <amount>", "the price, in the payment token's units")
      .option("--arbiter-fee <amount>", "paid by the buyer on a dispute (default: the arbiter's minimum)")
      .option("--collateral <amount>", "stake locked when the offer is funded, in the stake token (default 0)")
      .option("--penalty <amount>", "slashed to the buyer on a missed delivery, at most the collateral (default 0)")
      .option("--delivery-period <duration>", "time to deliver, counted from the funding (3d)")
      .option("--review-period <duration>", `how long the buyer may dispute a delivery (2d; ${BOUNDS_HELP.review})`)
      .option("--ruling-period <duration>", `how long the arbiter may take to rule (5d; ${BOUNDS_HELP.ruling})`)
      .option("--default-buyer-bps <bps>", "the buyer's share if the arbiter abstains or is silent: 0-10000 or 50%")
      .option("--terms <file|text|hash>", "the pact's document: a file (.json canonicalised), text, or a 0x hash")
      .option("--expires-in <duration>", "until when the offer can be funded, from the chain's time (1d)")
      .option("--buyer <address>", "the only buyer who may fund it (default: anyone)")
      .option("--nonce <n>", "a nonce never used before (default: a random one)")
      .option("--out <file>", "write the signed offer here instead of stdout"),
    [
      "surety offer sign --arbiter 0x90F79bf6EB2c4f870365E785982E1f101E93b906 --price 100 --collateral 50 --penalty 20 \\\n      --delivery-period 3d --review-period 2d --ruling-period 5d --default-buyer-bps 50% \\\n      --terms ./offer.json --expires-in 1d --out signed-offer.json",
    ],
  ).action(
    action(
      app,
      async (context) => {
        const { flags } = context;
        const arbiter = flags.address("arbiter", { required: true });
        const token = flags.address("token", { allowEth: true });
        const price = flags.amount("price", { required: true, positive: true });
        const arbiterFee = flags.amount("arbiterFee");
        const collateral = flags.amount("collateral");
        const penalty = flags.amount("penalty");
        const deliveryPeriod = flags.duration("deliveryPeriod", { required: true });
        const reviewPeriod = flags.duration("reviewPeriod", { required: true });
        const rulingPeriod = flags.duration("rulingPeriod", { required: true });
        const defaultBuyerBps = flags.bps("defaultBuyerBps", { required: true });
        const terms = flags.document("terms", { required: true });
        const expiry = flags.duration("expiresIn", { required: true });
        const buyer = flags.address("buyer", { nonZero: true });
        const nonce = flags.uint("nonce");
        const out = flags.outputFile("out");
        const session = await context.connect(context.settings("required"));
        // Bounds the contract would only enforce when a buyer funds the offer: found now, with any other problem.
        await checkPeriods(session, flags, { reviewPeriod, rulingPeriod });
        flags.done();
        const signed = await session.signer().signOffer({
          arbiter: arbiter!,
          token: token ?? session.deployment.stakeToken,
          price: price!,
          ...(arbiterFee === undefined ? {} : { arbiterFee }),
          ...(collateral === undefined ? {} : { collateral }),
          ...(penalty === undefined ? {} : { penalty }),
          deliveryPeriod: deliveryPeriod!,
          reviewPeriod: reviewPeriod!,
          rulingPeriod: rulingPeriod!,
          defaultBuyerBps: defaultBuyerBps!,
          terms: terms!.value,
          expiry: expiry!,
          ...(buyer === undefined ? {} : { buyer }),
          ...(nonce === undefined ? {} : { nonce }),
        });
        const document = {
          chainId: session.chainId,
          surety: session.deployment.surety,
          offer: signed.offer,
          signature: signed.signature,
          digest: signed.digest,
          termsDocument: documentJson(signed.termsDocument, terms!.source),
        };
        if (out === undefined) {
          // The offer itself is the output, whatever the format, so that `> offer.json` works.
          return { raw: `${toJson(document)}\n` };
        }
        writeFileSync(out, `${toJson(document)}\n`);
        const [payment, stake] = await Promise.all([
          session.token(signed.offer.token),
          session.token(session.deployment.stakeToken),
        ]);
        const now = await session.now();
        const shownPath = path.relative(context.io.cwd ?? process.cwd(), out) || out;
        return {
          json: { file: out, ...(jsonSafe(document) as object) },
          views: [
            {
              title: `Offer signed and written to ${shownPath}`,
              rows: [
                ["Agent", signed.offer.agent],
                [
                  "Buyer",
                  signed.offer.buyer === "0x0000000000000000000000000000000000000000" ? "anyone" : signed.offer.buyer,
                ],
                ["Arbiter", signed.offer.arbiter],
                ["Price", amount(signed.offer.price, payment)],
                ["Arbiter fee", amount(signed.offer.arbiterFee, payment)],
                ["Collateral", amount(signed.offer.collateral, stake)],
                ["Penalty", amount(signed.offer.penalty, stake)],
                ["Delivery period", period(signed.offer.deliveryPeriod)],
                ["Review period", period(signed.offer.reviewPeriod)],
                ["Ruling period", period(signed.offer.rulingPeriod)],
                ["Default buyer share", share(signed.offer.defaultBuyerBps)],
                documentRow("Terms hash", signed.termsDocument, terms!.source),
                ["Nonce", String(signed.offer.nonce)],
                ["Expires", time(signed.offer.expiry, now)],
                ["Digest", signed.digest],
              ],
              notes: [`The buyer funds it with: surety pact create --offer ${shownPath}`],
            },
          ],
        };
      },
      SIGN_FLAGS,
    ),
  );

  examples(
    offer
      .command("revoke")
      .description("revoke a signed offer before anyone funds it, by burning its nonce")
      .option("--nonce <n>", "the offer's nonce")
      .option("--offer <file>", "the signed offer file (its nonce is read from it)"),
    ["surety offer revoke --offer signed-offer.json", "surety offer revoke --nonce 42"],
  ).action(
    action(
      app,
      async (context) => {
        const { flags } = context;
        let nonce = flags.uint("nonce");
        let file: OfferFile | undefined;
        if (flags.has("nonce") && flags.has("offer"))
          flags.report("--offer", "cannot be used with --nonce: choose one");
        else if (flags.has("offer")) {
          file = readOfferFile(flags, "offer", "--offer");
          nonce = file?.offer.nonce;
        } else if (!flags.has("nonce")) flags.report("--nonce", "is required (or pass the signed offer with --offer)");
        const session = await context.connect(context.settings("required"));
        if (file !== undefined) checkOfferTarget(file, session, "--offer");
        const result = await session.signer().revokeOffer({ nonce: nonce! });
        return {
          json: { action: context.path, eventName: "OfferRevoked", ...txJson(result), event: result.event },
          views: [
            await writeView(
              session,
              "Offer revoked",
              [
                ["Agent", result.event.agent],
                ["Nonce", String(result.event.nonce)],
              ],
              result,
            ),
          ],
        };
      },
      { nonce: "--nonce" },
    ),
  );
}
