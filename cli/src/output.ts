/**
 * Everything the CLI prints: readable tables by default, one JSON document with `--json` (bigints as strings).
 * Every write goes through a redactor that removes any secret the CLI has read (a private key, a password).
 */
import Table from "cli-table3";

/** What a stream needs to be written to: process.stdout, or a test's collector. */
export type Writer = { write: (chunk: string) => unknown };

/** The input stream, for the keystore's password prompt. */
export type Reader = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

/** The process's surroundings, passed in so that tests can run the CLI in process. */
export type Io = {
  env: Readonly<Record<string, string | undefined>>;
  stdout: Writer;
  stderr: Writer;
  stdin?: Reader;
  /** The folder relative paths are read from; process.cwd() by default. */
  cwd?: string;
};

/** A block of human output: a title, key-value rows, a list with a header, and notes. */
export type View = {
  title?: string;
  rows?: readonly (readonly [string, string])[];
  list?: {
    head: readonly string[];
    rows: readonly (readonly string[])[];
    empty?: string;
    /**
     * Columns without borders, two spaces apart (`ps`-like), for tables too wide for borders in 100 columns: each
     * column as wide as its widest cell, but column `wrap`, whose cells wrap in what the others leave of WIDTH.
     */
    borderless?: { wrap: number };
  };
  notes?: readonly string[];
};

/**
 * What a command produces: its JSON document and how a person reads it, or one text printed as it is in both
 * modes (a signed offer, which is a JSON document either way).
 */
export type Result = { json: unknown; views: readonly View[] } | { raw: string };

/** JSON with bigints as decimal strings, two-space indented. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item), 2);
}

/** A copy of `value` in which every bigint is a decimal string (for documents written to files). */
export function jsonSafe<T>(value: T): unknown {
  return JSON.parse(toJson(value)) as unknown;
}

const PLAIN = { head: [] as string[], border: [] as string[], compact: true };

/** No border at all, columns two spaces apart. */
const BORDERLESS = {
  top: "",
  "top-mid": "",
  "top-left": "",
  "top-right": "",
  bottom: "",
  "bottom-mid": "",
  "bottom-left": "",
  "bottom-right": "",
  left: "",
  "left-mid": "",
  mid: "",
  "mid-mid": "",
  right: "",
  "right-mid": "",
  middle: "  ",
};

/** The widest a key-value table prints, in columns: it fits a 100-column terminal. */
export const WIDTH = 100;

function renderView(view: View): string {
  const parts: string[] = [];
  if (view.title !== undefined) parts.push(view.title);
  if (view.rows !== undefined && view.rows.length > 0) {
    // Two columns within WIDTH: the labels as wide as the longest, the values wrapped at spaces in the rest (a
    // hash or an address is never cut: the value column stays wider than one).
    const labels = Math.max(...view.rows.map(([key]) => key.length)) + 2;
    const values = Math.max(...view.rows.flatMap(([, value]) => value.split("\n").map((line) => line.length))) + 2;
    const table = new Table({
      style: { ...PLAIN, "padding-left": 1, "padding-right": 1 },
      colWidths: [labels, Math.min(values, WIDTH - labels - 3)],
      wordWrap: true,
    });
    for (const [key, value] of view.rows) table.push([key, value]);
    parts.push(table.toString());
  }
  if (view.list !== undefined) {
    if (view.list.rows.length === 0) {
      parts.push(view.list.empty ?? "(none)");
    } else if (view.list.borderless !== undefined) {
      const { head, rows, borderless } = view.list;
      const widths = head.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
      const others = widths.reduce((sum, width, column) => sum + (column === borderless.wrap ? 0 : width), 0);
      widths[borderless.wrap] = Math.max(
        head[borderless.wrap]!.length,
        fit(
          rows.map((row) => row[borderless.wrap]!),
          WIDTH - 2 * (head.length - 1) - others,
        ),
      );
      const table = new Table({
        head: [...view.list.head],
        chars: BORDERLESS,
        style: { ...PLAIN, "padding-left": 0, "padding-right": 0 },
        colWidths: widths,
        wordWrap: true,
      });
      for (const row of view.list.rows) table.push([...row]);
      parts.push(
        table
          .toString()
          .split("\n")
          .map((line) => line.trimEnd())
          .join("\n"),
      );
    } else {
      const table = new Table({ head: [...view.list.head], style: PLAIN });
      for (const row of view.list.rows) table.push([...row]);
      parts.push(table.toString());
    }
  }
  for (const note of view.notes ?? []) parts.push(note);
  return parts.join("\n");
}

/**
 * The width of a table column that wraps to fit `room` columns: its longest cell when that fits, else `room`, but never
 * less than its longest word (an amount, a hash, an address is never cut).
 */
function fit(cells: readonly string[], room: number): number {
  const longest = Math.max(0, ...cells.flatMap((cell) => cell.split("\n").map((line) => line.length)));
  const word = Math.max(0, ...cells.flatMap((cell) => cell.split(/\s+/).map((part) => part.length)));
  return Math.max(word, Math.min(longest, room));
}

/** The CLI's two streams, with secrets removed from everything written. */
export class Output {
  readonly json: boolean;
  readonly #io: Io;
  readonly #secrets: string[] = [];

  constructor(io: Io, json: boolean) {
    this.#io = io;
    this.json = json;
  }

  /** Registers a secret: it is replaced by [redacted] wherever it would appear, in any case, with or without 0x. */
  addSecret(secret: string): void {
    const bare = secret.replace(/^0x/i, "");
    if (bare.length < 8) return;
    for (const form of [bare, bare.toLowerCase(), bare.toUpperCase()]) {
      if (!this.#secrets.includes(form)) this.#secrets.push(form);
    }
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.#secrets) result = result.split(secret).join("[redacted]");
    return result;
  }

  stdout(text: string): void {
    this.#io.stdout.write(this.redact(text));
  }

  stderr(text: string): void {
    this.#io.stderr.write(this.redact(text));
  }

  /** Prints a command's result: its JSON document, or its views. */
  print(result: Result): void {
    if ("raw" in result) this.stdout(result.raw);
    else if (this.json) this.stdout(`${toJson(result.json)}\n`);
    else this.stdout(`${result.views.map(renderView).join("\n\n")}\n`);
  }
}
