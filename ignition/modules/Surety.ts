import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

type ModuleBuilder = Parameters<Parameters<typeof buildModule>[1]>[0];
/** Anything Ignition accepts as a constructor argument: an address, a contract future, a parameter. */
type ArgumentType = NonNullable<Parameters<ModuleBuilder["call"]>[2]>[number];

/**
 * Adds Surety to a module, with its admin, operator and guardian set at construction. Every setting is a module
 * parameter with a production default; `stakeToken` has none and must be given per network.
 */
export function addSurety(m: ModuleBuilder, stakeToken: ArgumentType) {
  const deployer = m.getAccount(0);
  const admin = m.getParameter("admin", deployer);
  const operator = m.getParameter("operator", deployer);
  const guardian = m.getParameter("guardian", deployer);

  const surety = m.contract("Surety", [
    {
      stakeToken,
      unbondingDelay: m.getParameter("unbondingDelay", 7 * 86_400),
      maxFreeze: m.getParameter("maxFreeze", 14 * 86_400),
      minReviewPeriod: m.getParameter("minReviewPeriod", 3_600),
      maxReviewPeriod: m.getParameter("maxReviewPeriod", 30 * 86_400),
      minRulingPeriod: m.getParameter("minRulingPeriod", 86_400),
      maxRulingPeriod: m.getParameter("maxRulingPeriod", 60 * 86_400),
      payoutGas: m.getParameter("payoutGas", 100_000),
      maxRulingHold: m.getParameter("maxRulingHold", 180 * 86_400),
    },
    admin,
    m.getParameter("adminDelay", 3 * 86_400),
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
