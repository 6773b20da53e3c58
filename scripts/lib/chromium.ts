/**
 * Debian's Chromium driven by playwright-core, for the dashboard's browser tests, benchmark and screenshot: the
 * machine's browser (never a downloaded build), headless, with a throwaway profile and no background traffic.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { chromium, type BrowserContext } from "playwright-core";

/** The browser to drive: SURETY_CHROMIUM, or Debian's /usr/bin/chromium; undefined when neither exists. */
export const CHROMIUM_PATH = [process.env.SURETY_CHROMIUM, "/usr/bin/chromium"].find(
  (candidate): candidate is string => candidate !== undefined && candidate !== "" && existsSync(candidate),
);

export type Browser = { context: BrowserContext; close: () => Promise<void> };

/** A headless Chromium with a fresh profile; `close` removes the profile. */
export async function launchChromium(options: { width?: number; height?: number } = {}): Promise<Browser> {
  if (CHROMIUM_PATH === undefined) {
    throw new Error(
      "no Chromium: install Debian's `chromium` package (apt-get install chromium) or set SURETY_CHROMIUM",
    );
  }
  const profile = await mkdtemp(path.join(tmpdir(), "surety-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
