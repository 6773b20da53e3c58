/**
 * The reviews `surety review record` sends, read from a file (a JSON array, or CSV lines `agent,decision,cap,evidence`)
 * or from one agent's flags, and checked before anything connects: every faulty entry is named by its entry or line.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import {
  CAPPED_DECISIONS,
  hashDocument,
  isDecimalString,
  REVIEW_DECISIONS,
  type JsonValue,
  type ReviewDecision,
} from "@surety/sdk";
import { zeroHash, type Address } from "viem";

import type { DocumentFlag, Flags } from "../../flags.ts";
import { shown } from "../../flags.ts";

/** The decisions that need a cap (a pause's may be left out: a paused agent takes no new pacts whatever its cap). */
export const CAP_REQUIRED_DECISIONS = ["narrow", "review"] as const satisfies readonly ReviewDecision[];

/** The fields of one review, in a file's order. */
export const REVIEW_FIELDS = ["agent", "decision", "cap", "evidence"] as const;

type Field = (typeof REVIEW_FIELDS)[number];

/** One review, checked: `where` names it in messages (`--agent`, `reviews.csv line 4`). */
export type ReviewEntry = {
  agent: Address;
  decision: ReviewDecision;
  /** In the stake token's units ("300"); the SDK reads it with the token's decimals. */
  cap: string | undefined;
  evidence: DocumentFlag;
  where: string;
  /** How each of its fields is named in a message (`--cap`, `reviews.csv line 4, cap`). */
  name: (field: Field) => string;
};

/** A review's fields as given: strings from flags or CSV, any JSON value from a JSON file. */
export type RawReview = Partial<Record<Field, unknown>>;

/** Where a review came from, and how each of its fields is named in a message. */
export type ReviewSource = { where: string; name: (field: Field) => string; cwd: string | undefined };

/** The flags of `review record` for one agent. */
export const FLAG_SOURCE = (cwd?: string): ReviewSource => ({
  where: "--agent",
  name: (field) => `--${field}`,
  cwd,
});

/** Whether `decision` takes a cap. */
const takesCap = (decision: ReviewDecision) => (CAPPED_DECISIONS as readonly string[]).includes(decision);

/** A JSON number as the decimal it was written as (300, 12.5), when it has a plain decimal form. */
function numberText(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A field left out: missing, null, or only spaces. */
const blank = (value: unknown) =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/** Checks one review's fields, reporting every problem named by its source; the review, when all are right. */
export function checkReview(flags: Flags, raw: RawReview, source: ReviewSource): ReviewEntry | undefined {
  const before = flags.issues.length;
  const { name } = source;

  let agent: Address | undefined;
  if (blank(raw.agent)) flags.report(name("agent"), "is required");
  else if (typeof raw.agent !== "string")
    flags.report(name("agent"), `must be an address, not ${JSON.stringify(raw.agent)}`);
  else agent = flags.parseAddress(raw.agent.trim(), name("agent"), { nonZero: true });

  let decision: ReviewDecision | undefined;
  if (blank(raw.decision)) {
    flags.report(name("decision"), `is required: one of ${REVIEW_DECISIONS.join(", ")}`);
  } else if (typeof raw.decision !== "string" || !REVIEW_DECISIONS.includes(raw.decision.trim() as ReviewDecision)) {
    const given = typeof raw.decision === "string" ? shown(raw.decision) : JSON.stringify(raw.decision);
    flags.report(name("decision"), `must be one of ${REVIEW_DECISIONS.join(", ")}, not ${given}`);
  } else {
    decision = raw.decision.trim() as ReviewDecision;
  }

  let cap: string | undefined;
  const capGiven = !blank(raw.cap);
  if (capGiven) {
    const text = numberText(raw.cap);
    if (text === undefined || !isDecimalString(text)) {
      const given = typeof raw.cap === "string" ? shown(raw.cap) : JSON.stringify(raw.cap);
      flags.report(name("cap"), `must be an amount in the stake token's units like 300 or 12.5, not ${given}`);
    } else {
      cap = text;
    }
  }
  if (decision !== undefined && capGiven && !takesCap(decision)) {
    flags.report(name("cap"), `only applies to ${CAPPED_DECISIONS.join(", ")}: a ${decision} sets no cap`);
  }
  if (decision !== undefined && !capGiven && (CAP_REQUIRED_DECISIONS as readonly ReviewDecision[]).includes(decision)) {
    flags.report(name("cap"), `is required for decision ${decision} (the most collateral the agent may lock)`);
  }

  let evidence: DocumentFlag | undefined;
  if (blank(raw.evidence)) {
    flags.report(
      name("evidence"),
      "is required: the evidence or note the decision rests on (a file, text or a 0x hash)",
    );
  } else if (typeof raw.evidence === "string") {
    evidence = flags.parseDocument(raw.evidence, name("evidence"), source.cwd);
  } else if (typeof raw.evidence === "object") {
    // A JSON document written in the file itself: canonicalised and hashed as `--evidence ./x.json` would be.
    try {
      hashDocument(raw.evidence as JsonValue);
      evidence = { value: raw.evidence as JsonValue, source: { kind: "json" } };
    } catch (error) {
      flags.report(name("evidence"), (error as Error).message);
    }
  } else {
    flags.report(
      name("evidence"),
      `must be text, a 0x hash, a file or a JSON object, not ${JSON.stringify(raw.evidence)}`,
    );
  }

  if (evidence !== undefined && hashDocument(evidence.value).hash === zeroHash) {
    flags.report(name("evidence"), "is the zero hash: commit to the evidence the decision rests on");
    evidence = undefined;
  }

  if (flags.issues.length > before) return undefined;
  return {
    agent: agent!,
    decision: decision!,
    cap: takesCap(decision!) ? cap : undefined,
    evidence: evidence!,
    where: source.where,
    name: source.name,
  };
}

/** Reports an agent named by two reviews: the contract takes one decision per agent in a transaction. */
export function checkDistinct(flags: Flags, entries: readonly ReviewEntry[]): void {
  const seen = new Map<string, ReviewEntry>();
  for (const entry of entries) {
    const first = seen.get(entry.agent.toLowerCase());
    if (first === undefined) {
      seen.set(entry.agent.toLowerCase(), entry);
      continue;
    }
    flags.report(
      entry.name("agent"),
      `${entry.agent} is already reviewed by ${first.where}: one decision per agent in a transaction`,
    );
  }
}

/**
 * Splits CSV text (RFC 4180: fields in double quotes may hold commas, newlines and "" for a quote) into records, each
 * with the line it starts on. Blank lines are skipped.
 */
export function parseCsv(text: string): { line: number; cells: string[] }[] | { line: number; problem: string } {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const end = () => {
    cells.push(cell);
    if (touched || cells.length > 1 || cell.trim() !== "") records.push({ line: start, cells });
    cells = [];
    cell = "";
    touched = false;
  };
  const body = text.replace(/^\uFEFF/, "");
  for (let index = 0; index < body.length; index += 1) {
    const char = body[index]!;
    if (quoted) {
      if (char === '"' && body[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === "\n") line += 1;
        cell += char;
      }
      continue;
    }
    if (char === '"') {
      if (cell.trim() !== "") return { line, problem: "has a quote inside a field that does not start with one" };
      cell = "";
      quoted = true;
      touched = true;
    } else if (char === ",") {
      cells.push(cell);
      cell = "";
      touched = true;
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && body[index + 1] === "\n") index += 1;
      end();
      line += 1;
      start = line;
    } else {
      cell += char;
    }
  }
  if (quoted) return { line: start, problem: "has a quoted field that is never closed" };
  end();
  return records;
}

/** The file's name as the operator typed it, for messages. */
type FileRef = { path: string; given: string };

/** Reads the reviews of a JSON file: an array of { agent, decision, cap?, evidence }. */
function fromJson(flags: Flags, file: FileRef, text: string): ReviewEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    flags.report("--file", `${file.given} is not valid JSON (${(error as Error).message})`);
    return [];
  }
  if (!Array.isArray(parsed)) {
    flags.report("--file", `${file.given} must hold a JSON array of reviews [{ agent, decision, cap?, evidence }, …]`);
    return [];
  }
  const cwd = path.dirname(file.path);
  const entries: ReviewEntry[] = [];
  parsed.forEach((item: unknown, index) => {
    const where = `${file.given} entry ${index + 1}`;
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      flags.report(where, "must be an object { agent, decision, cap?, evidence }");
      return;
    }
    const unknown = Object.keys(item).filter((key) => !(REVIEW_FIELDS as readonly string[]).includes(key));
    for (const key of unknown) {
      flags.report(where, `has an unknown field ${JSON.stringify(key)} (a review has ${REVIEW_FIELDS.join(", ")})`);
    }
    const entry = checkReview(flags, item as RawReview, { where, name: (field) => `${where}, ${field}`, cwd });
    if (entry !== undefined && unknown.length === 0) entries.push(entry);
  });
  return entries;
}

/** Reads the reviews of a CSV file: `agent,decision,cap,evidence` per line, after an optional header line. */
function fromCsv(flags: Flags, file: FileRef, text: string): ReviewEntry[] {
  const records = parseCsv(text);
  if (!Array.isArray(records)) {
    flags.report(`${file.given} line ${records.line}`, records.problem);
    return [];
  }
  let columns: readonly string[] = REVIEW_FIELDS;
  const first = records[0];
  if (first !== undefined && first.cells[0]?.trim().toLowerCase() === "agent") {
    records.shift();
    columns = first.cells.map((cell) => cell.trim().toLowerCase());
    const wrong = columns.filter((column) => !(REVIEW_FIELDS as readonly string[]).includes(column));
    const twice = columns.filter((column, index) => columns.indexOf(column) !== index);
    if (wrong.length > 0 || twice.length > 0) {
      flags.report(
        `${file.given} line ${first.line}`,
        `is a header with ${[...wrong.map((column) => `unknown column ${shown(column)}`), ...twice.map((column) => `${column} twice`)].join(", ")}: the columns are ${REVIEW_FIELDS.join(",")}`,
      );
      return [];
    }
  }
  const cwd = path.dirname(file.path);
  const entries: ReviewEntry[] = [];
  for (const record of records) {
    const where = `${file.given} line ${record.line}`;
    if (record.cells.length !== columns.length) {
      flags.report(
        where,
        `has ${record.cells.length} fields, not ${columns.length} (${columns.join(",")}; quote a field that holds a comma)`,
      );
      continue;
    }
    const raw: RawReview = {};
    columns.forEach((column, index) => {
      raw[column as Field] = record.cells[index];
    });
    const entry = checkReview(flags, raw, { where, name: (field) => `${where}, ${field}`, cwd });
    if (entry !== undefined) entries.push(entry);
  }
  return entries;
}

/**
 * The reviews of `--file`: JSON when it is a .json file or starts with `[`, otherwise CSV. Every problem is reported
 * to `flags`, naming the entry (JSON, from 1) or the line (CSV); an agent named twice is one of them.
 */
export function readReviewFile(flags: Flags, file: FileRef): ReviewEntry[] {
  let text: string;
  try {
    text = readFileSync(file.path, "utf8");
  } catch (error) {
    flags.report("--file", `cannot read ${file.given}: ${(error as Error).message}`);
    return [];
  }
  const json = /\.json$/i.test(file.path) || (!/\.csv$/i.test(file.path) && text.trimStart().startsWith("["));
  const before = flags.issues.length;
  const entries = json ? fromJson(flags, file, text) : fromCsv(flags, file, text);
  if (entries.length === 0 && flags.issues.length === before) {
    flags.report("--file", `${file.given} holds no reviews`);
  }
  checkDistinct(flags, entries);
  return entries;
}
