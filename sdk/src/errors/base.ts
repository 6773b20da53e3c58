export type SuretyErrorOptions = {
  /** The error this one explains: a viem error, a zod error, a file system error. */
  cause?: unknown;
  /** Lines that follow the short message in `message`. */
  details?: readonly string[];
};

/**
 * The base of every error the SDK throws. `name` is a literal on each subclass, so a `switch (error.name)`
 * narrows; `shortMessage` is the first line of `message`; `cause` keeps the error that led to this one.
 */
export class SuretyError extends Error {
  override name: string = "SuretyError";
  /** The first line of `message`, without details. */
  readonly shortMessage: string;
  /** The lines after the short message. */
  readonly details: readonly string[];

  constructor(shortMessage: string, options: SuretyErrorOptions = {}) {
    const details = options.details ?? [];
    const message = details.length === 0 ? shortMessage : [shortMessage, ...details].join("\n");
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.shortMessage = shortMessage;
    this.details = details;
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
