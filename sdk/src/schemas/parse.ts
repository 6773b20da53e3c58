import { z } from "zod";

import { InvalidParametersError, type ParameterIssue } from "../errors/parameters.ts";

/** Reports a problem with the value being parsed, optionally deeper inside it (`["items", 2]`). */
export type Report = (message: string, path?: readonly (string | number)[]) => void;

/**
 * A zod schema for one parameter, parsed by `parse`: it reports every problem through `report` and returns the
 * typed value. Undefined is refused with "is required"; wrap the schema in `.optional()` to allow it.
 */
export function field<T>(
  parse: (value: unknown, report: Report) => T,
  options: { missing?: string } = {},
): z.ZodType<T, unknown> {
  return z.unknown().transform((value, ctx) => {
    if (value === undefined) {
      ctx.addIssue({ code: "custom", message: options.missing ?? "is required" });
      return z.NEVER;
    }
    let failed = false;
    const result = parse(value, (message, path = []) => {
      failed = true;
      ctx.addIssue({ code: "custom", message, path: [...path] });
    });
    return failed ? z.NEVER : result;
  });
}

type Shape = Record<string, unknown>;

/**
 * Adds a check across several fields of an object schema. It runs even when other fields failed, as long as
 * none of `fields` did, so one InvalidParametersError names every faulty field.
 */
export function across<T extends Shape>(
  schema: z.ZodType<T, unknown>,
  fields: readonly (keyof T & string)[],
  check: (value: T, report: (path: keyof T & string, message: string) => void) => void,
): z.ZodType<T, unknown> {
  return schema.superRefine(
    (value, ctx) =>
      check(value, (path, message) => {
        ctx.addIssue({ code: "custom", path: [path], message });
      }),
    {
      when: (payload) =>
        !payload.issues.some((issue) => fields.includes(issue.path?.[0] as keyof T & string)) &&
        typeof payload.value === "object" &&
        payload.value !== null,
    },
  );
}

/** An arbiter's published terms for one token, as `arbiterTermsOf` reads them (undefined when unknown). */
type PublishedArbiterTerms = { registered: boolean; minFee: bigint; maxRulingPeriod: number } | undefined;

/**
 * The checks that need the arbiter's published terms for the pact's token: it is registered, the fee is at least
 * its minimum, and the ruling period at most its maximum. Shared by terms (createPact) and offers (signOffer).
 */
export function acrossArbiterTerms<
  T extends Shape & { arbiter: unknown; token: unknown; arbiterFee?: bigint | undefined; rulingPeriod: number },
>(schema: z.ZodType<T, unknown>, arbiter: PublishedArbiterTerms): z.ZodType<T, unknown> {
  let checked = across(schema, ["arbiter", "token"], (value, report) => {
    if (arbiter !== undefined && !arbiter.registered) {
      report("arbiter", `is not registered as an arbiter for token ${String(value.token)}`);
    }
  });
  checked = across(checked, ["arbiter", "token", "arbiterFee"], (value, report) => {
    if (arbiter?.registered === true && value.arbiterFee !== undefined && value.arbiterFee < arbiter.minFee) {
      report("arbiterFee", `must be at least the arbiter's minimum fee (${arbiter.minFee})`);
    }
  });
  return across(checked, ["arbiter", "token", "rulingPeriod"], (value, report) => {
    if (arbiter?.registered === true && value.rulingPeriod > arbiter.maxRulingPeriod) {
      report("rulingPeriod", `must be at most the arbiter's maximum (${arbiter.maxRulingPeriod} s)`);
    }
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "parameters" : path.map(String).join(".");
}

/** Turns zod's issues into one line per faulty field. */
export function toIssues(error: z.ZodError, action: string): ParameterIssue[] {
  return error.issues.flatMap((issue): ParameterIssue[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: `is not a parameter of ${action}`,
      }));
    }
    if (issue.code === "invalid_type" && issue.expected === "object") {
      return [{ path: formatPath(issue.path), message: "must be an object" }];
    }
    return [{ path: formatPath(issue.path), message: issue.message }];
  });
}

/** Parses `input` with `schema`, or throws an InvalidParametersError that lists every faulty field. */
export function parseParameters<T>(action: string, schema: z.ZodType<T, unknown>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidParametersError({ action, issues: toIssues(result.error, action), cause: result.error });
}
