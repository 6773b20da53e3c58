import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { buildMetaEvidence, toDataUri } from "../../sdk/src/utils/erc1497.ts";

/**
 * The ERC-1497 meta-evidence of the local court's disputes: the jurors' question and the meaning of each ruling,
 * built by the SDK from the adapter's default `splits` of [5000] (ruling 3 halves the price), so that it says
 * exactly what the adapter applies. A `data:` URI, so it needs no hosting and cannot change once the adapter emits
 * it. Deploying with other `splits` needs a `metaEvidenceURI` built for them.
 */
export const LOCAL_META_EVIDENCE_URI = toDataUri(buildMetaEvidence({ splits: [5_000] }));

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
    m.getParameter("feeWindow", 3 * 86_400),
    m.getParameter<string>("metaEvidenceURI", LOCAL_META_EVIDENCE_URI),
    m.getParameter<string[]>("tokens", ["0x0000000000000000000000000000000000000000"]),
  ]);
  return { court, adapter };
});
