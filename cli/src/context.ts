/** What a command's action works with: its flags, the connection settings, the session and the output. */
import type { Command } from "commander";

import type { FlagMap, Units } from "./errors.ts";
import { Flags, shown } from "./flags.ts";
import type { Io, Output, Result } from "./output.ts";
import {
  connect,
  readSettings,
  trustClient,
  type AccountNeed,
  type GlobalOptions,
  type Session,
  type Settings,
  type Uses,
} from "./session.ts";

/** The state of one run of the CLI, shared by whichever command runs. */
export type App = {
  io: Io;
  output: Output;
  /** How SDK parameter names map to the running command's flags, for error messages. */
  flagMap: FlagMap;
  /** Flags given more than once where one value is expected (`--price 1 --price 2`), with every value given. */
  repeated: Map<string, string[]>;
  /** The tokens the running command's amounts are in, once known: refusals name amounts in them. */
  units: Units;
};

export class Context {
  readonly app: App;
  readonly command: Command;
  readonly globals: GlobalOptions;
  readonly flags: Flags;
  /** The command's positional arguments, as given (undefined where an optional one was left out). */
  readonly args: readonly (string | undefined)[];

  constructor(app: App, command: Command, args: readonly unknown[]) {
    this.app = app;
    this.command = command;
    this.globals = command.optsWithGlobals();
    this.flags = new Flags(command.opts(), app.io.cwd ?? process.cwd());
    this.args = args.map((arg) => (typeof arg === "string" ? arg : undefined));
    for (const [flag, values] of app.repeated) {
      this.flags.report(flag, `is given ${values.length} times (${values.map(shown).join(", ")}): give it once`);
    }
  }

  /** The command as a dotted path for `--json` (`pact.settle.propose`), without the program's name. */
  get path(): string {
    const names: string[] = [];
    for (let command: Command | null = this.command; command?.parent; command = command.parent) {
      names.unshift(command.name());
    }
    return names.join(".");
  }

  get io(): Io {
    return this.app.io;
  }

  get output(): Output {
    return this.app.output;
  }

  /** Checks the connection settings, adding any problem to this command's flags. */
  settings(need: AccountNeed, uses: Uses = "chain"): Settings {
    return readSettings(this.globals, this.io, this.flags, need, uses);
  }

  /** Throws every input problem found, then connects. */
  async connect(settings: Settings): Promise<Session> {
    this.flags.done();
    const session = await connect(settings, this.io, this.output);
    this.app.units.stake = await session.token(session.deployment.stakeToken);
    return session;
  }

  /** Throws every input problem found, then returns the indexer's trust client. */
  trust(settings: Settings) {
    this.flags.done();
    return trustClient(settings);
  }
}

/** A command's action: reads its flags, acts, and returns what to print. */
export type Handler = (context: Context) => Promise<Result>;

/** Wraps a handler as a commander action that prints its result; `flagMap` names the SDK's fields as flags. */
export function action(app: App, handler: Handler, flagMap: FlagMap = {}) {
  return async (...params: unknown[]) => {
    const command = params.at(-1) as Command;
    app.flagMap = { pactId: "<pactId>", ...flagMap };
    const context = new Context(app, command, params.slice(0, -2));
    const result = await handler(context);
    app.output.print(result);
  };
}
