import { BaseError } from "viem";

import { SuretyError } from "./base.ts";

/**
 * A request to the chain or the signer failed for a reason other than a contract revert: the transport, the RPC
 * node, a rejected signature, a timeout. `cause` is viem's error.
 */
export class RequestError extends SuretyError {
  override name = "RequestError" as const;

  constructor({ action, cause }: { action: string; cause: unknown }) {
    const reason =
      cause instanceof BaseError ? cause.shortMessage : cause instanceof Error ? cause.message : String(cause);
    super(`${action} failed: ${reason}`, { cause, docsPath: "#requesterror" });
  }
}
