import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { addSurety } from "./Surety.ts";

/**
 * Local deployment: a 6-decimal permit token with open minting stands in for the stake token (USDC-like).
 * Never use it on a public network: anyone can mint the mock token.
 *   npx hardhat ignition deploy ignition/modules/LocalSurety.ts --network localhost
 */
export default buildModule("LocalSurety", (m) => {
  const stakeToken = m.contract("MockERC20Permit", ["Mock USD", "mUSD", 6], { id: "StakeToken" });
  const surety = addSurety(m, stakeToken);
  return { stakeToken, surety };
});
