/**
 * Writes sdk/package.json's version into sdk/src/version.ts (run by `npm version -w sdk` through the package's
 * `version` script), so that the errors' `Version:` line and the package agree.
 */
import { readFileSync, writeFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
const { version } = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { version: string };
const file = new URL("src/version.ts", root);
const source = readFileSync(file, "utf8");
const next = source.replace(/export const version = "[^"]*";/, `export const version = ${JSON.stringify(version)};`);
if (!next.includes(`export const version = ${JSON.stringify(version)};`)) {
  throw new Error(`${file.pathname} has no 'export const version = "…";' line to rewrite`);
}
writeFileSync(file, next);
console.log(`sdk/src/version.ts: ${version}`);
