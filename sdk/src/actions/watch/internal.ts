import type { Client } from "viem";
import { z } from "zod";

import { deploymentSchema, getDeployment, type Deployment } from "../../deployments.ts";
import { InvalidParametersError } from "../../errors/parameters.ts";
import { uint } from "../../schemas/fields.ts";
import { field, toIssues } from "../../schemas/parse.ts";

/** Options of both watchers, passed on to viem's watchContractEvent. */
export type WatchOptions = {
  /** The deployment to watch; by default the known one for the client's chain (the client must have a chain). */
  deployment?: Deployment | undefined;
  /** Called when fetching new events fails; watching goes on. */
  onError?: ((error: Error) => void) | undefined;
  /** Also deliver events from this block on (polling getLogs). */
  fromBlock?: bigint | undefined;
  /** How often to poll, in milliseconds; the client's polling interval by default. */
  pollingInterval?: number | undefined;
  /** Poll even on a WebSocket transport. */
  poll?: boolean | undefined;
};

const fn = <T>(what: string) =>
  field((value, report): T => {
    if (typeof value !== "function") report(`must be a function ${what}`);
    return value as T;
  });

/** The zod fields of the watch options and the onEvents callback. */
export const watchFields = () => ({
  onEvents: fn<(events: unknown[]) => void>("(events) => void"),
  onError: fn<(error: Error) => void>("(error) => void").optional(),
  fromBlock: uint(64).optional(),
  pollingInterval: field((value, report): number => {
    if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
      report("must be a positive number of milliseconds");
    }
    return value as number;
  }).optional(),
  poll: z.boolean({ error: "must be a boolean" }).optional(),
  deployment: z.unknown().optional(),
});

/**
 * The deployment a watcher uses, found without a request so that watching starts synchronously: the one passed,
 * else the known one for the client's chain.
 */
export function watchDeployment(client: Client, parameters: { deployment?: unknown }, action: string): Deployment {
  if (parameters.deployment !== undefined) {
    const result = deploymentSchema.safeParse(parameters.deployment);
    if (result.success) return result.data;
    const issues = toIssues(result.error, action).map((issue) => ({ ...issue, path: `deployment.${issue.path}` }));
    throw new InvalidParametersError({ action, issues, cause: result.error });
  }
  if (client.chain === undefined) {
    throw new InvalidParametersError({
      action,
      issues: [{ path: "deployment", message: "is required when the client has no chain" }],
    });
  }
  return getDeployment(client.chain.id);
}
