import { SuretyError } from "./base.ts";

/** What was looked for. */
export type NotFoundResource = "pact" | "agent" | "deployment" | "week";

/**
 * Something the call needs does not exist: a pact id no pact has (on-chain status None, or no PactCreated event
 * from the deployment's start block), a chain with no known deployment, or a review week the indexer has not reached.
 */
export class NotFoundError extends SuretyError {
  override name = "NotFoundError" as const;
  readonly resource: NotFoundResource;
  /** The pact id, agent address or chain id that was looked up, as a string. */
  readonly id: string;

  constructor({ resource, id, message }: { resource: NotFoundResource; id: string; message: string }) {
    super(message, { docsPath: "#notfounderror" });
    this.resource = resource;
    this.id = id;
  }
}
