import { defineConfig } from "vitest/config";

// Read the SDK from its source, as the `surety` bin does in the repository (node --conditions=@surety/source), in
// the tests and in the global setup (which runs in Vitest's own `__vitest__` environment): no SDK build needed.
const conditions = ["@surety/source", "import", "module", "node", "default"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  environments: { __vitest__: { resolve: { conditions } } },
  test: {
    include: ["test/**/*.test.ts"],
    // One Hardhat node for the run, started and stopped here, with Surety deployed at getDeployment(31337)'s
    // addresses; chain tests revert to a snapshot after each test. The indexer test starts its own node.
    globalSetup: ["./test/setup/global.ts"],
    // The files share the node, so they run one after the other, in one worker and module graph.
    fileParallelism: false,
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
