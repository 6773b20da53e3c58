import { createRequire } from "node:module";

import hardhatToolboxViem from "@nomicfoundation/hardhat-toolbox-viem";
import { configVariable, defineConfig } from "hardhat/config";

// The compiler is the npm `solc` package (solc-js), never a download: Hardhat runs a
// non-binary `path` as solc-js, and its version must equal the package's.
const require = createRequire(import.meta.url);
const compiler = { version: "0.8.37", path: require.resolve("solc/soljson.js") };
const settings = { optimizer: { enabled: true, runs: 1_000 }, viaIR: true, evmVersion: "cancun" };

export default defineConfig({
  plugins: [hardhatToolboxViem],
  solidity: {
    profiles: {
      default: { ...compiler, settings },
      // Not isolated: an isolated build compiles types/DataTypes.sol alone, and `hardhat node` then fails to parse
      // that build info (it has no contracts).
      production: { ...compiler, settings, isolated: false },
    },
  },
  test: {
    solidity: {
      profiles: {
        default: {
          blockTimestamp: 1_800_000_000n,
          fuzz: { runs: 512, seed: "0x5375726574790000" },
          invariant: { runs: 256, depth: 64, failOnRevert: true },
        },
        deep: {
          blockTimestamp: 1_800_000_000n,
          fuzz: { runs: 10_000 },
          invariant: { runs: 2_000, depth: 64, failOnRevert: true },
        },
      },
    },
  },
  networks: {
    hardhatMainnet: { type: "edr-simulated", chainType: "l1" },
    // The local node; `npm start --chain-port N` points it elsewhere through SURETY_LOCAL_RPC_URL.
    localhost: { type: "http", chainType: "l1", url: process.env.SURETY_LOCAL_RPC_URL ?? "http://127.0.0.1:8545" },
    // Any EVM network: the RPC URL and deployer key are configuration variables, set
    // with `npx hardhat keystore set SURETY_RPC_URL` (or the environment), never in the repo.
    remote: {
      type: "http",
      chainType: "l1",
      url: configVariable("SURETY_RPC_URL"),
      accounts: [configVariable("SURETY_DEPLOYER_KEY")],
    },
  },
});
