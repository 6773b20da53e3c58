import { courtAdapterAbi, suretyAbi } from "@surety/sdk/deployments";
import { zeroAddress } from "viem";
import { createConfig } from "ponder";

import { readIndexerConfig } from "./src/config.ts";

/** The validated configuration; the handlers read the listed tokens from it. */
export const indexerConfig = await readIndexerConfig();

const { deployment } = indexerConfig;

export default createConfig({
  database:
    indexerConfig.database.kind === "postgres"
      ? { kind: "postgres", connectionString: indexerConfig.database.connectionString }
      : { kind: "pglite", directory: indexerConfig.database.directory },
  chains: {
    surety: {
      id: indexerConfig.chainId,
      rpc: indexerConfig.rpcUrl,
      pollingInterval: indexerConfig.pollingIntervalMs,
    },
  },
  contracts: {
    Surety: {
      chain: "surety",
      abi: suretyAbi,
      address: deployment.surety,
      startBlock: Number(deployment.startBlock),
    },
    // Court adapters named in SURETY_COURT_ADAPTERS; with none, address zero, which emits no events.
    CourtAdapter: {
      chain: "surety",
      abi: courtAdapterAbi,
      address: indexerConfig.courtAdapters.length > 0 ? [...indexerConfig.courtAdapters] : zeroAddress,
      startBlock: Number(deployment.startBlock),
    },
  },
  blocks: {
    // Keeps the time of the latest indexed block current when no Surety event comes, for effective statuses.
    // It starts at the chain's head: during a backfill the events themselves carry the time forward.
    Clock: {
      chain: "surety",
      startBlock: "latest",
      interval: 1,
    },
  },
});
