/**
 * Branch coverage of contracts/ (mocks excluded), from the data that `hardhat test --coverage` leaves in
 * coverage/data. Hardhat reports lines and statements only, so this script derives branches itself:
 *
 * - it re-instruments each source with the same EDR function and version Hardhat uses, which yields the same
 *   statement tags with their source ranges, and reads the execution count of every tag from coverage/data;
 * - it parses each source with solc (parsing only) and finds every `if`: its true branch ran as many times as the
 *   first statement of its body; its false branch ran as many times as the first statement of its `else`, or,
 *   without an `else`, as many times as the `if` itself ran minus the times its body ran;
 * - conditional expressions (`c ? a : b`) contain no statements to count, so they are listed apart, unmeasured.
 *
 * Prints a table per file and the missed branches with their lines; fails when lines fall below 95% or branches
 * below 90% (the project's floor).
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const edr = require("@nomicfoundation/edr") as {
  addStatementCoverageInstrumentation(
    source: string,
    sourceId: string,
    version: string,
  ): { metadata: { tag: Uint8Array; kind: string; startUtf16: number; endUtf16: number }[] };
  latestSupportedSolidityVersion(): string;
};
const solc = require("solc") as { compile(input: string): string; version(): string };

const LINE_FLOOR = 95;
const BRANCH_FLOOR = 90;
const root = new URL("../", import.meta.url);

type AstNode = { nodeType: string; src: string; [key: string]: unknown };
type Branch = { line: number; kind: "true" | "false"; count: number };

function executionCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  const dataDir = new URL("coverage/data/", root);
  for (const runner of readdirSync(dataDir)) {
    for (const file of readdirSync(new URL(`${runner}/`, dataDir))) {
      const data: Record<string, number> = JSON.parse(readFileSync(new URL(`${runner}/${file}`, dataDir), "utf8"));
      for (const [tag, count] of Object.entries(data)) counts.set(tag, (counts.get(tag) ?? 0) + count);
    }
  }
  return counts;
}

function parse(sourceName: string, content: string): AstNode {
  const output = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: "Solidity",
        sources: { [sourceName]: { content } },
        settings: { stopAfter: "parsing", outputSelection: { "*": { "": ["ast"] } } },
      }),
    ),
  );
  const errors = (output.errors ?? []).filter((e: { severity: string }) => e.severity === "error");
  if (errors.length > 0) throw new Error(`cannot parse ${sourceName}: ${errors[0].formattedMessage}`);
  return output.sources[sourceName].ast;
}

function* walk(node: unknown): Generator<AstNode> {
  if (Array.isArray(node)) {
    for (const child of node) yield* walk(child);
  } else if (node !== null && typeof node === "object") {
    const ast = node as AstNode;
    if (typeof ast.nodeType === "string") yield ast;
    for (const value of Object.values(ast)) if (typeof value === "object") yield* walk(value);
  }
}

/** Whether a stretch of source holds only whitespace and comments. */
const blank = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/[^\n]*/g, "")
    .trim() === "";

function measure(sourceName: string, counts: Map<string, number>) {
  const content = readFileSync(new URL(sourceName, root), "utf8");
  const bytes = Buffer.from(content, "utf8");
  // solc's `src` is in UTF-8 bytes; EDR's ranges are in UTF-16 code units.
  const utf16 = (byteOffset: number) => bytes.subarray(0, byteOffset).toString("utf8").length;
  const lineOf = (utf16Offset: number) => content.slice(0, utf16Offset).split("\n").length;
  const rangeOf = (node: AstNode) => {
    const [start, length] = node.src.split(":").map(Number);
    return { start: utf16(start), end: utf16(start + length) };
  };

  const { metadata } = edr.addStatementCoverageInstrumentation(
    content,
    `project/${sourceName}`,
    edr.latestSupportedSolidityVersion(),
  );
  const statements = metadata.map((m) => ({
    start: m.startUtf16,
    end: m.endUtf16,
    count: counts.get(Buffer.from(m.tag).toString("hex")) ?? 0,
  }));
  const executed = statements.filter((s) => s.count > 0).length;
  const lines = new Map<number, boolean>();
  for (const s of statements) lines.set(lineOf(s.start), (lines.get(lineOf(s.start)) ?? false) || s.count > 0);

  /** Times the statement that starts where `node` starts ran (the first statement of a block for a block). */
  const countOf = (node: AstNode): number => {
    const target = node.nodeType === "Block" ? (node.statements as AstNode[])[0] : node;
    if (target === undefined) return 0;
    const { start } = rangeOf(target);
    // EDR's ranges begin with the whitespace (and comments) before a statement.
    const statement = statements.find((s) => s.start <= start && start < s.end && blank(content.slice(s.start, start)));
    if (statement === undefined) throw new Error(`${sourceName}:${lineOf(start)}: no statement tag for this branch`);
    return statement.count;
  };

  const branches: Branch[] = [];
  const conditionals: number[] = [];
  for (const node of walk(parse(sourceName, content))) {
    if (node.nodeType === "IfStatement") {
      const line = lineOf(rangeOf(node).start);
      const trueCount = countOf(node.trueBody as AstNode);
      const falseBody = node.falseBody as AstNode | null;
      const falseCount = falseBody ? countOf(falseBody) : countOf(node) - trueCount;
      branches.push({ line, kind: "true", count: trueCount }, { line, kind: "false", count: falseCount });
    } else if (node.nodeType === "Conditional") {
      conditionals.push(lineOf(rangeOf(node).start));
    }
  }
  return { sourceName, statements: statements.length, executed, lines, branches, conditionals };
}

const counts = executionCounts();
const sources = readdirSync(new URL("contracts/", root), { recursive: true })
  .map(String)
  .filter((file) => file.endsWith(".sol") && !file.startsWith("mocks/") && !file.startsWith("interfaces/"))
  .filter((file) => !file.startsWith("types/"))
  .map((file) => `contracts/${file}`)
  .sort();

const pct = (hit: number, total: number) => (total === 0 ? 100 : (100 * hit) / total);
let [linesHit, linesTotal, branchesHit, branchesTotal] = [0, 0, 0, 0];
const rows = [];
const missed: string[] = [];
for (const source of sources) {
  const r = measure(source, counts);
  const lineHits = [...r.lines.values()].filter(Boolean).length;
  const branchHits = r.branches.filter((b) => b.count > 0).length;
  linesHit += lineHits;
  linesTotal += r.lines.size;
  branchesHit += branchHits;
  branchesTotal += r.branches.length;
  rows.push({
    file: source,
    lines: `${pct(lineHits, r.lines.size).toFixed(2)}% (${lineHits}/${r.lines.size})`,
    statements: `${pct(r.executed, r.statements).toFixed(2)}% (${r.executed}/${r.statements})`,
    branches: `${pct(branchHits, r.branches.length).toFixed(2)}% (${branchHits}/${r.branches.length})`,
    "unmeasured ?:": r.conditionals.length,
  });
  for (const b of r.branches) if (b.count === 0) missed.push(`${source}:${b.line} ${b.kind} branch never taken`);
  for (const line of r.conditionals) missed.push(`${source}:${line} conditional expression (not measured)`);
}

console.table(rows);
if (missed.length > 0) console.log(missed.join("\n"));
const [linePct, branchPct] = [pct(linesHit, linesTotal), pct(branchesHit, branchesTotal)];
console.log(`contracts/ (mocks excluded): lines ${linePct.toFixed(2)}%, branches ${branchPct.toFixed(2)}% of ifs`);
if (linePct < LINE_FLOOR || branchPct < BRANCH_FLOOR) {
  console.error(`coverage below the floor: lines >= ${LINE_FLOOR}%, branches >= ${BRANCH_FLOOR}%`);
  process.exit(1);
}
