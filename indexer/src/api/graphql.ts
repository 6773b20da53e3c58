/**
 * POST /graphql (Ponder's `graphql()` middleware, which answers 200 whatever happens) behind the API's bounds: the body
 * checked first (JSON with a `query` string, at most GRAPHQL_MAX_BODY_BYTES), page arguments checked (`limit` within
 * 0..1000, `after`/`before` cursors this API gave), and any GraphQL error answered with a 4xx status and the API's
 * error shape next to GraphQL's own `errors`: `{ error: { code, message, issues }, errors, data? }`.
 */
import { Buffer } from "node:buffer";

import {
  Kind,
  parse,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";
import type { MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";

import { limits, recordedRefusal, refusalIn } from "./guard.ts";
import { ApiError, BadRequest } from "./params.ts";

/** The largest request body accepted: far above any query within the token limit and its variables. */
export const GRAPHQL_MAX_BODY_BYTES = 65_536;

/** Ponder's largest page, and the page it returns when no `limit` is given. */
const MAX_PAGE = 1_000;
const DEFAULT_PAGE = 50;

type Issue = { parameter: string; message: string };

/** The literal or variable value of an argument, as a plain value. */
function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.STRING) return node.value;
  return undefined;
}

/** Whether `cursor` decodes as Ponder's cursors do (base64 of a superjson object). */
function isCursor(cursor: string): boolean {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(cursor)) return false;
  try {
    const decoded = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { json?: unknown };
    return typeof decoded === "object" && decoded !== null && typeof decoded.json === "object" && decoded.json !== null;
  } catch {
    return false;
  }
}

/** Page arguments that Ponder would silently misread or answer with a parser's message. */
function pageIssues(query: string, variables: Record<string, unknown>): Issue[] {
  let document;
  try {
    document = parse(query);
  } catch {
    return []; // GraphQL's own syntax error follows, with its location.
  }
  const issues: Issue[] = [];
  const rows = requestedRows(document, variables);
  if (rows > limits.maxGraphqlRows) {
    throw new ApiError(
      413,
      "too_many_rows",
      `The query asks for up to ${rows} rows in all (each page's limit, ${DEFAULT_PAGE} when none is given, times ` +
        `the pages it is nested in); at most ${limits.maxGraphqlRows} per request: lower the limits or page with after.`,
    );
  }
  visit(document, {
    Argument(node) {
      const name = node.name.value;
      const value = valueOf(node.value, variables);
      if (
        name === "limit" &&
        typeof value === "number" &&
        (!Number.isInteger(value) || value < 0 || value > MAX_PAGE)
      ) {
        issues.push({ parameter: "limit", message: `must be a whole number from 0 to ${MAX_PAGE}, not ${value}` });
      }
      if ((name === "after" || name === "before") && typeof value === "string" && !isCursor(value)) {
        issues.push({
          parameter: name,
          message: "is not a cursor this API gave: pass pageInfo.endCursor or pageInfo.startCursor unchanged",
        });
      }
    },
  });
  return issues;
}

/**
 * The rows a query asks for at most, in all: each page (a field selecting `items`) returns its `limit` (Ponder's
 * default page when none) for every row of the pages around it, so a page of 100 pacts each with a page of 50
 * history events asks for 100 + 100 × 50 rows. Fragments count where they are spread. The statements behind each
 * page are bounded one by one (guard.ts); this bounds what one request makes the indexer build and send.
 */
export function requestedRows(document: DocumentNode, variables: Record<string, unknown>): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const count = (selectionSet: SelectionSetNode | undefined, around: number, spread: Set<string>): number => {
    let rows = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        rows += count(selection.selectionSet, around, spread);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A fragment spread inside itself is GraphQL's own error, reported after this count.
        if (fragment !== undefined && !spread.has(name)) {
          rows += count(fragment.selectionSet, around, new Set([...spread, name]));
        }
      } else {
        const items = selection.selectionSet?.selections.find(
          (inner) => inner.kind === Kind.FIELD && inner.name.value === "items",
        );
        if (items === undefined || items.kind !== Kind.FIELD) {
          rows += count(selection.selectionSet, around, spread);
          continue;
        }
        const limit = selection.arguments?.find((argument) => argument.name.value === "limit");
        const value = limit === undefined ? DEFAULT_PAGE : valueOf(limit.value, variables);
        const page = typeof value === "number" ? value : DEFAULT_PAGE;
        rows += around * page + count(items.selectionSet, around * page, spread);
      }
    }
    return rows;
  };
  let rows = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) rows += count(definition.selectionSet, 1, new Set());
  }
  return rows;
}

/** The request's body, checked: JSON with a `query` string and, if any, a `variables` object. */
async function checkedBody(
  request: Request,
): Promise<{ text: string; variables: Record<string, unknown>; query: string }> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  const tooLarge = () =>
    new ApiError(413, "body_too_large", `The request body exceeds ${GRAPHQL_MAX_BODY_BYTES} bytes.`);
  if (declared > GRAPHQL_MAX_BODY_BYTES) throw tooLarge();
  const text = await request.text();
  if (Buffer.byteLength(text) > GRAPHQL_MAX_BODY_BYTES) throw tooLarge();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadRequest([{ parameter: "body", message: 'must be JSON: { "query": "…", "variables": { … } }' }]);
  }
  const { query, variables } = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const issues: Issue[] = [];
  if (typeof query !== "string" || query.trim() === "")
    issues.push({ parameter: "query", message: "must be a GraphQL query string" });
  if (variables !== undefined && variables !== null && (typeof variables !== "object" || Array.isArray(variables))) {
    issues.push({ parameter: "variables", message: "must be an object" });
  }
  if (issues.length > 0) throw new BadRequest(issues);
  return { text, query: query as string, variables: (variables ?? {}) as Record<string, unknown> };
}

type GraphqlAnswer = { data?: unknown; errors?: { message: string; path?: (string | number)[] }[] };

/** Ponder's GraphQL middleware behind the checks, with its errors given a status. */
export function guardedGraphql(ponderGraphql: MiddlewareHandler): MiddlewareHandler {
  return createMiddleware(async (c, next) => {
    if (c.req.method === "GET") return ponderGraphql(c, next); // the GraphiQL page
    if (c.req.method !== "POST") {
      throw new ApiError(404, "not_found", `No route ${c.req.method} /graphql: send the query with POST.`);
    }
    let text: string;
    try {
      const body = await checkedBody(c.req.raw);
      const issues = pageIssues(body.query, body.variables);
      if (issues.length > 0) throw new BadRequest(issues);
      text = body.text;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      // GraphQL clients read `errors`; the API's shape is kept beside it.
      const status = caught.status as 400 | 413;
      return c.json({ error: caught.error, errors: [{ message: caught.message }] }, status);
    }

    c.req.raw = new Request(c.req.raw.url, { method: "POST", headers: c.req.raw.headers, body: text });
    const response = (await ponderGraphql(c, next)) as Response;
    const answer = (await response.json()) as GraphqlAnswer;
    const errors = answer.errors ?? [];
    if (errors.length === 0) return c.json(answer, 200);

    const messages = errors.map((error) => error.message);
    const refusal = recordedRefusal() ?? messages.map(refusalIn).find((found) => found !== undefined);
    const status = refusal?.status ?? 400;
    const error = {
      code: refusal?.code ?? "graphql_error",
      message: refusal?.message ?? messages.join("; "),
      issues: errors.map((item) => ({
        message: item.message,
        ...(item.path === undefined ? {} : { path: item.path.join(".") }),
      })),
    };
    return c.json({ error, ...answer }, status as 400 | 408 | 413);
  });
}
