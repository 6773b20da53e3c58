import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each integration file starts its own node, indexer and database on free ports; one at a time keeps the two
    // cores of a CI machine from starving the indexer.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
