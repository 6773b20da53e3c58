/**
 * `surety review log-exception`: an exception or rescue note against an agent (the operator) or a pact (the operator,
 * or the pact's buyer once it is accepted), so that human rescue work enters the trust history.
 */
import { EXCEPTION_KINDS } from "@surety/sdk";

import type { Context } from "../../context.ts";
import type { Result } from "../../output.ts";
import { documentJson, documentRow, writeJson, writeView } from "../shared.ts";

/** `review log-exception`'s action. */
export async function logException(context: Context): Promise<Result> {
  const { flags } = context;
  const onAgent = flags.has("agent");
  const onPact = flags.has("pact");
  if (onAgent && onPact) {
    flags.report("--agent", "cannot be combined with --pact: a note is about an agent as a whole, or about one pact");
  } else if (!onAgent && !onPact) {
    flags.report(
      "--agent",
      "or --pact is required: the agent the note is about, or the pact (its agent is the pact's)",
    );
  }
  const agent = onAgent && !onPact ? flags.address("agent", { nonZero: true }) : undefined;
  const pactId = onPact && !onAgent ? idFlag(context) : undefined;
  const kind = flags.choice("kind", EXCEPTION_KINDS, { required: true });
  const note = flags.document("note", { required: true });
  const session = await context.connect(context.settings("required"));
  const signer = session.signer();
  const result =
    pactId !== undefined
      ? await signer.logPactException({ pactId, kind: kind!, note: note!.value })
      : await signer.logAgentException({ agent: agent!, kind: kind!, note: note!.value });
  const about = pactId !== undefined ? `pact ${pactId} (agent ${result.event.agent})` : `agent ${result.event.agent}`;
  return {
    json: writeJson(context, "ExceptionLogged", result, {
      kind,
      note: documentJson(result.note, note!.source),
    }),
    views: [
      await writeView(
        session,
        `Logged ${kind === "rescue" ? "a rescue" : "an exception"} note on ${about}`,
        [["Author", result.event.author], documentRow("Note hash", result.note, note!.source)],
        result,
      ),
    ],
  };
}

/** `--pact`, a pact id as every command prints it. */
function idFlag(context: Context): bigint | undefined {
  const value = context.flags.raw("pact");
  return value === undefined ? undefined : context.flags.parseId(value, "--pact", "pact id");
}
