import { SuretyError } from "./base.ts";

/** One faulty parameter: where it is (`price`, `offer.nonce`, `terms.items.2`) and what is wrong with it. */
export type ParameterIssue = { path: string; message: string };

/**
 * The parameters of a call were invalid. Thrown before anything is signed or sent, with every faulty field in
 * `issues` (and in the message, one per line: `price: must be > 0`).
 */
export class InvalidParametersError extends SuretyError {
  override name = "InvalidParametersError" as const;
  /** The action that refused its parameters. */
  readonly action: string;
  readonly issues: readonly ParameterIssue[];

  constructor({ action, issues, cause }: { action: string; issues: readonly ParameterIssue[]; cause?: unknown }) {
    const count = issues.length === 1 ? "1 issue" : `${issues.length} issues`;
    super(`Invalid parameters for ${action} (${count}):`, {
      details: issues.map((issue) => `- ${issue.path}: ${issue.message}`),
      docsPath: "#invalidparameterserror",
      ...(cause === undefined ? {} : { cause }),
    });
    this.action = action;
    this.issues = issues;
  }
}
