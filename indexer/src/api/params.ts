/**
 * The trust routes' parameters, validated with zod at the boundary, and the errors the API answers with: a 400 naming
 * every bad parameter at once (`{ error: { code: "bad_request", message, issues } }`), a 404 saying what is missing.
 */
import { validateAddress } from "@surety/sdk";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";

import { indexerConfig } from "../../ponder.config.ts";
import { stored } from "./format.ts";

/** Every refusal the API answers with, in one shape: `{ error: { code, message, issues? } }`. */
export class ApiError extends HTTPException {
  readonly code: string;
  /** The answer's `error` object. */
  readonly error: { code: string; message: string; issues?: unknown[] };

  constructor(
    status: 400 | 404 | 408 | 413 | 429 | 503,
    code: string,
    message: string,
    options: { issues?: unknown[]; headers?: Record<string, string> } = {},
  ) {
    const error = options.issues === undefined ? { code, message } : { code, message, issues: options.issues };
    super(status, { message, res: Response.json({ error }, { status, headers: options.headers }) });
    this.code = code;
    this.error = error;
  }
}

/** A 400 naming what is wrong with the request. */
export class BadRequest extends ApiError {
  constructor(issues: { parameter: string; message: string }[]) {
    super(400, "bad_request", issues.map((issue) => `${issue.parameter} ${issue.message}`).join("; "), { issues });
  }
}

/** A 404 saying what was not found. */
export class NotFound extends ApiError {
  constructor(message: string) {
    super(404, "not_found", message);
  }
}

/** A 400 for each query-string parameter given more than once: which value was meant cannot be guessed. */
export function refuseRepeatedParameters(url: string): void {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const key of new URL(url).searchParams.keys()) (seen.has(key) ? repeated : seen).add(key);
  if (repeated.size > 0) {
    throw new BadRequest([...repeated].map((parameter) => ({ parameter, message: "is given more than once" })));
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

const UINT256_LIMIT = 1n << 256n;

/** A pact id: a whole number the contract can hold (a uint256). */
export const pactIdParam = z
  .string()
  .regex(/^\d{1,78}$/, "must be a pact id (a whole number)")
  .transform(BigInt)
  .refine((value) => value < UINT256_LIMIT, "must be a pact id below 2^256 (a uint256)");

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
