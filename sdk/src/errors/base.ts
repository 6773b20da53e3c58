import { version } from "../version.ts";

/** Where the SDK's own docs are: the README shipped in the package (sdk/README.md in the repository). */
const DOCS_ROOT = "@surety/sdk/README.md";

export type SuretyErrorOptions = {
  /** The error this one explains: a viem error, a zod error, a file system error. */
  cause?: unknown;
  /** Lines that follow the short message in `message`. */
  details?: readonly string[];
  /** The section of the SDK's README that explains the error, as an anchor: `#invalidparameterserror`. */
  docsPath?: string | undefined;
};

/**
 * The base of every error the SDK throws, shaped as viem's BaseError: `name` is a literal on each subclass, so a
 * `switch (error.name)` narrows; `shortMessage` is the first line of `message`; `docsPath` names the section of the
 * README that explains the error and `version` the SDK that threw it, and `message` ends with both ("Docs: …",
 * "Version: …"); `cause` keeps the error that led to this one.
 */
export class SuretyError extends Error {
  override name: string = "SuretyError";
  /** The first line of `message`, without details. */
  readonly shortMessage: string;
  /** The lines after the short message. */
  readonly details: readonly string[];
  /** The README section that explains this error (`#contractreverterror`), shown in full in `message`'s Docs line. */
  readonly docsPath: string | undefined;
  /** The SDK that threw: `@surety/sdk@<version>`. */
  readonly version: string;

  constructor(shortMessage: string, options: SuretyErrorOptions = {}) {
    const details = options.details ?? [];
    const docsPath = options.docsPath ?? "#errors";
    const sdk = `@surety/sdk@${version}`;
    const message = [shortMessage, ...details, "", `Docs: ${DOCS_ROOT}${docsPath}`, `Version: ${sdk}`].join("\n");
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.shortMessage = shortMessage;
    this.details = details;
    this.docsPath = docsPath;
    this.version = sdk;
  }

  /**
   * Follows `cause` from this error and returns the first error that `predicate` accepts, or, without a predicate,
   * the deepest cause.
   */
  walk(predicate?: (error: unknown) => boolean): unknown {
    let current: unknown = this;
    for (let depth = 0; depth < 32; depth++) {
      if (predicate?.(current)) return current;
      const next = current instanceof Error ? current.cause : undefined;
      if (next === undefined) return predicate === undefined ? current : undefined;
      current = next;
    }
    return predicate === undefined ? current : undefined;
  }
}
