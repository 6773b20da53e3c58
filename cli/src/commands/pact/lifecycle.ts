/**
 * The writes that move a pact along its life (accept, deliver, release, finalize, cancel, reclaim, refund,
 * refund-by-agent, dispute), generated from one table: each row names the command, who may call it, the SDK action
 * it runs, the flags it takes beyond the pact id, and the event its output shows.
 */
import {
  ALLOWANCE_MODES,
  type AllowanceMode,
  type DocumentInput,
  type HashedDocument,
  type Terms,
  type WriteResult,
} from "@surety/sdk";
import type { Command } from "commander";

import { action, type App, type Context } from "../../context.ts";
import type { Result } from "../../output.ts";
import type { Session } from "../../session.ts";
import { describeEvent } from "../events.ts";
import { documentJson, documentRow, examples, pactIdArgument, pactTokens, writeJson, writeView } from "../shared.ts";

export const ALLOWANCE_HELP = `how the token allowance is given: ${ALLOWANCE_MODES.join(", ")} (default auto: a permit when the token has one, else an exact approval first)`;

/** Who may send a write, as its help says it. */
const CALLER = { agent: "the agent", buyer: "the buyer", anyone: "anyone" } as const;

type Wallet = ReturnType<Session["signer"]>;

/** What a lifecycle write passes to its SDK action. */
type SendParameters = { pactId: bigint; terms: Terms; document?: DocumentInput; allowance?: AllowanceMode };

/** What every lifecycle action returns: the transaction, its event, and the hashed document when it takes one. */
type SendResult = WriteResult & { event: object } & Partial<Record<"delivery" | "reason", HashedDocument>>;

/** One lifecycle write. */
export type LifecycleWrite = {
  /** The subcommand of `surety pact`. */
  name: string;
  /** Who the contract lets send it. */
  caller: keyof typeof CALLER;
  /** What it does, after its caller ("accepts an open pact, …"). */
  does: string;
  /** The SDK action it runs. */
  send: (wallet: Wallet, parameters: SendParameters) => Promise<SendResult>;
  /** The contract's event it emits, shown in its output. */
  event: string;
  /** Its output's title. */
  title: string;
  /** A document it commits to by hash: the flag (also the SDK's parameter and result field) and its help. */
  document?: { key: "delivery" | "reason"; help: string; label: string };
  /** Whether it pays from the caller's token balance (the arbiter fee) and so takes --allowance. */
  allowance?: boolean;
  /** Extra examples, after `surety pact <name> 7`. */
  examples?: readonly string[];
};

const DOCUMENT_HELP = "a file (.json canonicalised), text, or a 0x hash";

/** Every lifecycle write of `surety pact`, in the order of a pact's life. */
export const LIFECYCLE: readonly LifecycleWrite[] = [
  {
    name: "accept",
    caller: "agent",
    does: "accepts an open pact before its acceptance deadline, locking its collateral",
    send: (wallet, { pactId, terms }) => wallet.acceptPact({ pactId, terms }),
    event: "PactAccepted",
    title: "Pact accepted",
  },
  {
    name: "deliver",
    caller: "agent",
    does: "delivers an active pact, committing to the work with a hash; the review period starts",
    send: (wallet, { pactId, document }) => wallet.deliverPact({ pactId, delivery: document! }),
    event: "PactDelivered",
    title: "Pact delivered",
    document: { key: "delivery", help: `the delivered work: ${DOCUMENT_HELP}`, label: "Delivery hash" },
    examples: ['surety pact deliver 7 --delivery "ipfs://bafy…"'],
  },
  {
    name: "release",
    caller: "buyer",
    does: "pays the agent (active, delivered or disputed pacts), unlocking its collateral",
    send: (wallet, { pactId, terms }) => wallet.releasePact({ pactId, terms }),
    event: "PactReleased",
    title: "Pact released",
  },
  {
    name: "finalize",
    caller: "anyone",
    does: "pays the agent once a delivered pact's review period is over",
    send: (wallet, { pactId, terms }) => wallet.finalizePact({ pactId, terms }),
    event: "PactFinalized",
    title: "Pact finalized",
  },
  {
    name: "cancel",
    caller: "buyer",
    does: "cancels an open pact (not yet accepted) and takes the price back",
    send: (wallet, { pactId, terms }) => wallet.cancelPact({ pactId, terms }),
    event: "PactCancelled",
    title: "Pact cancelled",
  },
  {
    name: "reclaim",
    caller: "anyone",
    does: "returns the price of a pact nobody accepted by its deadline to the buyer",
    send: (wallet, { pactId, terms }) => wallet.reclaimPact({ pactId, terms }),
    event: "PactReclaimed",
    title: "Pact reclaimed",
  },
  {
    name: "refund",
    caller: "anyone",
    does: "refunds the buyer of a pact not delivered by its deadline, with the penalty slashed to it",
    send: (wallet, { pactId, terms }) => wallet.claimRefund({ pactId, terms }),
    event: "PactRefunded",
    title: "Pact refunded",
  },
  {
    name: "refund-by-agent",
    caller: "agent",
    does: "gives up an active pact before its delivery deadline: the price goes back to the buyer and the penalty is slashed to it at once",
    send: (wallet, { pactId, terms }) => wallet.refundByAgent({ pactId, terms }),
    event: "PactRefundedByAgent",
    title: "Pact refunded by the agent",
  },
  {
    name: "dispute",
    caller: "buyer",
    does: "disputes a delivery within the review period and pays the arbiter fee",
    send: (wallet, { pactId, document, allowance }) =>
      wallet.disputePact({ pactId, reason: document!, ...(allowance === undefined ? {} : { allowance }) }),
    event: "PactDisputed",
    title: "Pact disputed",
    document: { key: "reason", help: `why: ${DOCUMENT_HELP}`, label: "Reason hash" },
    allowance: true,
    examples: ['surety pact dispute 7 --reason "Pages 30 to 40 are missing"'],
  },
];

/**
 * Runs one lifecycle write: reads the pact's terms once (the SDK then does not look them up again), sends, and
 * shows the event in the pact's tokens.
 */
export async function runLifecycle(context: Context, write: LifecycleWrite): Promise<Result> {
  const pactId = pactIdArgument(context);
  const document =
    write.document === undefined ? undefined : context.flags.document(write.document.key, { required: true });
  const allowance = write.allowance === true ? context.flags.choice("allowance", ALLOWANCE_MODES) : undefined;
  const session = await context.connect(context.settings("required"));
  const terms = await session.reader.getPactTerms({ pactId: pactId! });
  const tokens = await pactTokens(session, terms);
  context.app.units.payment = tokens.payment;
  const result = await write.send(session.signer(), {
    pactId: pactId!,
    terms,
    ...(document === undefined ? {} : { document: document.value }),
    ...(allowance === undefined ? {} : { allowance }),
  });
  const details = describeEvent(write.event, result.event as Record<string, unknown>, {
    ...tokens,
    byAddress: () => undefined,
  });
  const hashed = write.document === undefined ? undefined : result[write.document.key];
  return {
    json: writeJson(context, write.event, result, {
      pactId,
      ...(hashed === undefined || document === undefined
        ? {}
        : { [write.document!.key]: documentJson(hashed, document.source) }),
    }),
    views: [
      await writeView(
        session,
        `${write.title} (pact ${pactId})`,
        [
          ["Event", `${write.event}\n${details}`],
          ...(hashed === undefined || document === undefined
            ? []
            : [documentRow(write.document!.label, hashed, document.source)]),
        ],
        result,
      ),
    ],
  };
}

/** A write on one pact outside `surety pact` that takes nothing but the pact id (`dispute default`). */
export function pactWrite(context: Context, write: Omit<LifecycleWrite, "name" | "does" | "caller">) {
  return runLifecycle(context, { ...write, name: "", does: "", caller: "anyone" });
}

export function registerLifecycle(pact: Command, app: App): void {
  for (const write of LIFECYCLE) {
    const command = pact
      .command(write.name)
      .description(`${CALLER[write.caller]} ${write.does}`)
      .argument("<pactId>", "the pact");
    if (write.document !== undefined) command.option(`--${write.document.key} <file|text|hash>`, write.document.help);
    if (write.allowance === true) command.option("--allowance <mode>", ALLOWANCE_HELP);
    const example = `surety pact ${write.name} 7${write.document === undefined ? "" : ` --${write.document.key} ./${write.document.key}.md`}`;
    examples(command, [example, ...(write.examples ?? [])]).action(
      action(app, (context) => runLifecycle(context, write), {
        ...(write.document === undefined ? {} : { [write.document.key]: `--${write.document.key}` }),
        ...(write.allowance === true ? { allowance: "--allowance" } : {}),
      }),
    );
  }
}
