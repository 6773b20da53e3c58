/**
 * The `surety` program: its commands, its global options, and the exit code of a run. `run` takes everything it
 * touches (arguments, environment, streams) as parameters, so that tests run it in process.
 */
import { Command, CommanderError, Option } from "commander";

import { registerAgent, registerPending } from "./commands/agent.ts";
import { registerArbiter } from "./commands/arbiter.ts";
import { registerDeploy } from "./commands/deploy.ts";
import { registerCourt } from "./commands/court.ts";
import { registerDispute } from "./commands/dispute.ts";
import { registerOffer } from "./commands/offer.ts";
import { registerPact } from "./commands/pact/index.ts";
import { LIFECYCLE, type LifecycleWrite } from "./commands/pact/lifecycle.ts";
import { registerPayout } from "./commands/payout.ts";
import { registerReview } from "./commands/review/index.ts";
import { registerStake } from "./commands/stake.ts";
import type { App } from "./context.ts";
import { classify, EXIT, type ExitCode } from "./errors.ts";
import { Output, toJson, type Io } from "./output.ts";
import { DEFAULT_INDEXER_URL, DEFAULT_KEY_ENV, DEFAULT_RPC_URL } from "./session.ts";

export const VERSION = "0.1.0";

/** The lifecycle writes a caller may send, from the table that generates them (`accept|deliver|…`). */
const lifecycleOf = (caller: LifecycleWrite["caller"]) =>
  LIFECYCLE.filter((write) => write.caller === caller)
    .map((write) => write.name)
    .join("|");

const OVERVIEW = `
Roles and their commands:
  agent      stake deposit|withdraw-request|withdraw, pact ${lifecycleOf("agent")}, offer sign|revoke
  buyer      pact create|${lifecycleOf("buyer")}, dispute evidence, review log-exception --pact
  parties    pact settle propose|accept, pact extend|withdraw-proposals (the buyer or the agent)
  arbiter    arbiter register, dispute resolve|abstain
  operator   agent set-status|recertify, review week (indexer)|record|log-exception
  anyone     pact ${lifecycleOf("anyone")}, dispute default, payout claim, deploy
  courts     court request|status (anyone), court appeal|evidence (buyer or agent)
  reads      stake show, agent show, pact show|history (chain); agent trust|list, pending (indexer)

Environment:
  SURETY_RPC_URL         the chain's JSON-RPC URL (default ${DEFAULT_RPC_URL})
  SURETY_DEPLOYMENT      a deployment JSON or an Ignition deployment folder (default: the SDK's known one)
  ${DEFAULT_KEY_ENV.padEnd(22)} the signing account's private key (--key-env names another variable)
  SURETY_KEYSTORE        a key name in Hardhat's keystore, instead of a private key variable
  SURETY_INDEXER_URL     the indexer's trust API (default ${DEFAULT_INDEXER_URL})

Amounts are in the token's units (12.5), durations count from the chain's time (45s, 90m, 2h, 3d, 1w, 1d12h),
documents are a file (a .json file is canonicalised), text, or a 0x 32-byte hash.

Exit codes: 0 done; 1 refused (the contract's reason in plain words); 2 bad input (nothing sent);
3 the RPC node or the indexer failed or cannot be reached.

Examples:
  $ surety pact create --agent 0x3C44… --arbiter 0x90F7… --price 100 --accept-in 1d --deliver-in 3d \\
      --review-period 2d --ruling-period 5d --default-buyer-bps 50% --terms ./pact.json
  $ surety pact show 1 --json
  $ surety agent trust 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC
`;

/** Builds a fresh program (commander keeps state in its commands, so one per run). */
export function buildProgram(app: App): Command {
  const program = new Command("surety");
  program
    .description(
      "Surety from a terminal: buyers fund pacts, agents stake and deliver, arbiters rule, operators run the ladder.",
    )
    .version(VERSION, "-V, --version", "print the version")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => app.output.stdout(text),
      writeErr: (text) => app.output.stderr(text),
    })
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showSuggestionAfterError(true)
    .addOption(
      new Option("--rpc-url <url>", `the chain's JSON-RPC URL (env SURETY_RPC_URL; default ${DEFAULT_RPC_URL})`),
    )
    .addOption(
      new Option(
        "--deployment <path>",
        "a deployment JSON or an Ignition deployment folder (env SURETY_DEPLOYMENT; default: the SDK's known deployment for the chain)",
      ),
    )
    .addOption(
      new Option(
        "--key-env <name>",
        `the environment variable holding the signing account's private key (default ${DEFAULT_KEY_ENV})`,
      ),
    )
    .addOption(
      new Option(
        "--keystore <name>",
        "read the signing key from Hardhat's keystore under this name instead (env SURETY_KEYSTORE)",
      ),
    )
    .addOption(
      new Option(
        "--keystore-password-env <name>",
        "the environment variable holding the keystore's password (default: asked on the terminal)",
      ),
    )
    .addOption(
      new Option(
        "--indexer-url <url>",
        `the indexer's trust API (env SURETY_INDEXER_URL; default ${DEFAULT_INDEXER_URL})`,
      ),
    )
    .addOption(new Option("--json", "print one JSON document on stdout (amounts in base units, as strings)"))
    .addHelpText("after", OVERVIEW);

  registerStake(program, app);
  registerPact(program, app);
  registerOffer(program, app);
  registerDispute(program, app);
  registerCourt(program, app);
  registerArbiter(program, app);
  registerAgent(program, app);
  registerPending(program, app);
  registerReview(program, app);
  registerPayout(program, app);
  registerDeploy(program, app);
  refuseRepeats(program, app);
  return program;
}

/**
 * Makes every single-valued option of every command remember a second value instead of silently keeping the last
 * (commander's default): the command then reports it with its other faulty flags. Options that collect repeats
 * (`payout claim --token A --token B`) have their own parser and are left alone.
 */
function refuseRepeats(command: Command, app: App): void {
  for (const option of command.options) {
    if (option.parseArg !== undefined || option.variadic || !(option.required || option.optional)) continue;
    const flag = option.long ?? option.flags;
    option.argParser((value: string, previous: unknown) => {
      if (previous !== undefined && previous !== option.defaultValue) {
        const values = app.repeated.get(flag) ?? [String(previous)];
        app.repeated.set(flag, [...values, value]);
      }
      return value;
    });
  }
  for (const sub of command.commands) refuseRepeats(sub, app);
}

/** Whether `--json` is among the options (before a `--`), known before commander has parsed anything. */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).includes("--json");
}

/**
 * Runs the CLI on `argv` (the arguments after the program name) and returns its exit code: 0 done, 1 refused,
 * 2 bad input, 3 a connection or RPC failure. Errors are written to stderr (and, with --json, as a document on
 * stdout); nothing throws.
 */
export async function run(argv: readonly string[], io: Io): Promise<ExitCode> {
  const output = new Output(io, wantsJson(argv));
  const app: App = { io, output, flagMap: {}, repeated: new Map(), units: {} };
  const program = buildProgram(app);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return EXIT.ok;
      if (error.code === "commander.help") {
        // `surety help pact` asked for help (0); `surety pact` left out the subcommand, and got its help on stderr.
        return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      }
      // Commander has already printed its message ("error: unknown option '--pirce'").
      const failure = classify(error);
      if (output.json) output.stdout(`${toJson({ error: { ...failure, details: undefined } })}\n`);
      return failure.code;
    }
    const failure = classify(error, app.flagMap, app.units);
    const prefix =
      failure.code === EXIT.usage
        ? "invalid input"
        : failure.code === EXIT.connection
          ? "connection failed"
          : "refused";
    output.stderr(`error (${prefix}): ${failure.message}\n`);
    if (output.json) {
      output.stdout(
        `${toJson({ error: { code: failure.code, kind: failure.kind, message: failure.message, ...failure.details } })}\n`,
      );
    }
    return failure.code;
  }
}
