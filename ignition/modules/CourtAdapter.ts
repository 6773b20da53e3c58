import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Deploys a court adapter: a Surety arbiter that forwards disputes to one ERC-792 court (e.g. Kleros), fixed here
 * with its extra data, its rulings above 2 (the buyer's share in basis points of each), the buyer's fee window and
 * the ERC-1497 meta-evidence every dispute refers to (build it with the SDK's `buildMetaEvidence`, so that its
 * ruling options say exactly what the adapter applies, and publish it where jurors can read it):
 *   npx hardhat ignition deploy ignition/modules/CourtAdapter.ts --network remote --parameters params.json
 * with params.json holding
 *   `{ "CourtAdapter": { "surety": "0x…", "court": "0x…", "extraData": "0x…", "splits": [5000],
 *      "maxRulingPeriod": 5184000, "feeWindow": 259200,
 *      "metaEvidenceURI": "ipfs://…", "tokens": ["0x…", "0x0000000000000000000000000000000000000000"] } }`.
 * The adapter registers with no fee for `tokens` (address zero is ETH); anyone can add more with `register`.
 */
export default buildModule("CourtAdapter", (m) => {
  const adapter = m.contract("CourtAdapter", [
    m.getParameter<string>("surety"),
    m.getParameter<string>("court"),
    m.getParameter<string>("extraData", "0x"),
    m.getParameter<number[]>("splits", []),
    m.getParameter("maxRulingPeriod", 60 * 86_400),
    m.getParameter("feeWindow", 3 * 86_400),
    m.getParameter<string>("metaEvidenceURI"),
    m.getParameter<string[]>("tokens", []),
  ]);
  return { adapter };
});
