import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One Hardhat node for the run, started and stopped here; every test reverts to the seeded snapshot.
    globalSetup: ["./test/setup/global.ts"],
    setupFiles: ["./test/setup/isolate.ts"],
    // The files share the node, so they run one after the other.
    fileParallelism: false,
    // and share one worker and module graph (no per-file re-import of viem): each test reverts its changes anyway.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
