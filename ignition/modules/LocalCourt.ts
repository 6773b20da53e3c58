import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Local court: the test ERC-792 arbitrator (its deployer gives rulings) and a court adapter to it, registered for
 * `tokens` (address zero is ETH), against an existing Surety. Never use it on a public network: the test court
 * rules as its owner says, and anyone can make it call `rule`.
 *   npx hardhat ignition deploy ignition/modules/LocalCourt.ts --network localhost --parameters params.json
 */
export default buildModule("LocalCourt", (m) => {
  const court = m.contract("TestArbitrator", [
    m.getParameter("arbitrationCost", 10n ** 16n),
    m.getParameter("appealCost", 2n * 10n ** 16n),
    m.getParameter("appealDuration", 86_400),
  ]);
  const adapter = m.contract("CourtAdapter", [
    m.getParameter<string>("surety"),
    court,
    "0x",
    m.getParameter<number[]>("splits", [5_000]),
    m.getParameter("maxRulingPeriod", 60 * 86_400),
    m.getParameter<string[]>("tokens", ["0x0000000000000000000000000000000000000000"]),
  ]);
  return { court, adapter };
});
