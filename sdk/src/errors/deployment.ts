import { SuretyError } from "./base.ts";
import type { ParameterIssue } from "./parameters.ts";

/** A deployment file or folder could not be read, or what it holds is not a valid deployment. */
export class DeploymentError extends SuretyError {
  override name = "DeploymentError" as const;
  /** The file or folder that was read. */
  readonly path: string;
  readonly issues: readonly ParameterIssue[];

  constructor({ path, issues, cause }: { path: string; issues: readonly ParameterIssue[]; cause?: unknown }) {
    super(`Invalid Surety deployment at ${path}:`, {
      details: issues.map((issue) => `- ${issue.path}: ${issue.message}`),
      docsPath: "#deploymenterror",
      ...(cause === undefined ? {} : { cause }),
    });
    this.path = path;
    this.issues = issues;
  }
}
