/**
 * The trust routes' parameters, validated with zod at the boundary, and the errors the API answers with: a 400 naming
 * every bad parameter at once (`{ error: { code: "bad_request", message, issues } }`), a 404 saying what is missing.
 */
import { validateAddress } from "@surety/sdk";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";

import { indexerConfig } from "../../ponder.config.ts";
import { stored } from "./format.ts";

/** A 400 naming what is wrong with the request. */
export class BadRequest extends HTTPException {
  constructor(issues: { parameter: string; message: string }[]) {
    const message = issues.map((issue) => `${issue.parameter} ${issue.message}`).join("; ");
    super(400, { res: Response.json({ error: { code: "bad_request", message, issues } }, { status: 400 }) });
  }
}

/** A 404 saying what was not found. */
export class NotFound extends HTTPException {
  constructor(message: string) {
    super(404, { res: Response.json({ error: { code: "not_found", message } }, { status: 404 }) });
  }
}

/** An address by the SDK's rule (`validateAddress`: its words for what is wrong), lower case as the tables store it. */
export const addressParam = z.string().transform((value, context) => {
  const result = validateAddress(value);
  if (result.problem !== undefined) {
    context.addIssue({ code: "custom", message: result.problem });
    return z.NEVER;
  }
  return stored(result.address);
});

/** The chain asked about; by default the configured one. */
export const chainIdParam = z
  .string()
  .regex(/^\d{1,10}$/, "must be a chain id")
  .transform(Number)
  .optional()
  .transform((value) => value ?? indexerConfig.chainId);

export const pactIdParam = z
  .string()
  .regex(/^\d{1,78}$/, "must be a pact id (a whole number)")
  .transform(BigInt);

/** A whole number from a query string. */
export const wholeParam = z.string().regex(/^\d+$/, "must be a whole number").transform(Number);

/** `input` parsed by `schemaOf`, or a 400 naming each bad parameter (and any unknown one). */
export function parse<T extends z.ZodType>(schemaOf: T, input: unknown): z.output<T> {
  const result = schemaOf.safeParse(input);
  if (!result.success) {
    throw new BadRequest(
      result.error.issues.map((issue) => ({
        parameter: issue.path.length === 0 ? "request" : issue.path.join("."),
        message:
          issue.code === "unrecognized_keys" ? `has unknown parameters: ${issue.keys.join(", ")}` : issue.message,
      })),
    );
  }
  return result.data;
}
