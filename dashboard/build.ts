/**
 * Bundles the dashboard into dist/: app.js (the TypeScript, the SDK's trust client and zod, minified) beside the
 * page and its styles. Nothing is loaded from elsewhere at run time.
 *
 *   npm run build -w dashboard
 */
import { copyFile, mkdir, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "esbuild";

export const DASHBOARD_ROOT = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.join(DASHBOARD_ROOT, "dist");

/** Builds dist/ afresh; returns the bundle's size in bytes. */
export async function buildDashboard(): Promise<{ dist: string; bytes: number }> {
  await rm(DIST, { recursive: true, force: true });
  await mkdir(DIST, { recursive: true });
  await build({
    entryPoints: [path.join(DASHBOARD_ROOT, "src/main.ts")],
    outfile: path.join(DIST, "app.js"),
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    // The SDK's TypeScript itself, so the dashboard builds without the SDK's dist.
    conditions: ["@surety/source"],
    // Reached only by the SDK's deployment-file loader, which the dashboard never calls.
    external: ["node:*"],
    logLevel: "warning",
  });
  const statics = path.join(DASHBOARD_ROOT, "static");
  for (const name of await readdir(statics)) await copyFile(path.join(statics, name), path.join(DIST, name));
  return { dist: DIST, bytes: (await stat(path.join(DIST, "app.js"))).size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { bytes } = await buildDashboard();
  console.log(`dashboard/dist built: app.js ${(bytes / 1024).toFixed(0)} KiB`);
}
