import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { DEFAULT_ADMIN_DELAY, DEFAULT_SURETY_CONFIG } from "../../sdk/src/constants/config.ts";

type ModuleBuilder = Parameters<Parameters<typeof buildModule>[1]>[0];
/** Anything Ignition accepts as a constructor argument: an address, a contract future, a parameter. */
type ArgumentType = NonNullable<Parameters<ModuleBuilder["call"]>[2]>[number];

/**
 * Adds Surety to a module, with its admin, operator and guardian set at construction. Every setting is a module
 * parameter with a production default (the SDK's `DEFAULT_SURETY_CONFIG` and `DEFAULT_ADMIN_DELAY`, read from its
 * source); `stakeToken` has none and must be given per network.
 */
export function addSurety(m: ModuleBuilder, stakeToken: ArgumentType) {
  const deployer = m.getAccount(0);
  const admin = m.getParameter("admin", deployer);
  const operator = m.getParameter("operator", deployer);
  const guardian = m.getParameter("guardian", deployer);

  // One module parameter per setting, named as in the contract's Config, defaulting to the production value.
  const settings = Object.fromEntries(
    Object.entries(DEFAULT_SURETY_CONFIG).map(([name, value]) => [name, m.getParameter(name, value)]),
  );
  const surety = m.contract("Surety", [
    { stakeToken, ...settings },
    admin,
    m.getParameter("adminDelay", DEFAULT_ADMIN_DELAY),
    operator,
    guardian,
  ]);
  return surety;
}

/**
 * Deploys Surety to any network in the config, against an existing stake token:
 *   npx hardhat ignition deploy ignition/modules/Surety.ts --network remote --parameters params.json
 * with params.json holding `{ "Surety": { "stakeToken": "0x…", "admin": "0x…", … } }`.
 */
export default buildModule("Surety", (m) => {
  const surety = addSurety(m, m.getParameter<string>("stakeToken"));
  return { surety };
});
