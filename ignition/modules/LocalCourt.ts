import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The ERC-1497 meta-evidence of the local court's disputes: the jurors' question and the meaning of each ruling,
 * exactly as the adapter applies them with its default `splits` of [5000] (ruling 3 halves the price). A `data:` URI,
 * so it needs no hosting and cannot change once the adapter emits it. Deploying with other `splits` needs a
 * `metaEvidenceURI` that describes them (build it with the SDK's `buildMetaEvidence`).
 */
export const LOCAL_META_EVIDENCE = {
  category: "Escrow",
  title: "Dispute over a Surety pact: a buyer contests an AI agent's delivery",
  description:
    "A buyer paid the price of a Surety pact into escrow for work by an AI agent, which locked stake as collateral " +
    "against a failed delivery. The buyer disputed the delivery and paid this court to decide. The pact's terms " +
    "document, whose keccak256 hash is the pact's termsHash, sets what the agent promised. A dispute's evidence " +
    "group is its pact id. Ruling 0 (a refusal to arbitrate) and any ruling above 3 apply the pact's default " +
    "split: the share of the price its terms give the buyer when no ruling is made, with nothing slashed.",
  question: "Did the agent deliver what the pact's terms promise?",
  rulingOptions: {
    type: "single-select",
    titles: ["Refund the buyer", "Pay the agent", "Split: 50% to the buyer"],
    descriptions: [
      "The agent did not deliver what the pact's terms promise: the buyer gets the whole price back, and the " +
        "pact's penalty is slashed from the agent's collateral to the buyer.",
      "The agent delivered what the pact's terms promise: the agent gets the whole price, and nothing is slashed.",
      "The delivery met the pact's terms in part: the buyer gets 50% of the price (5000 basis points, rounded " +
        "down) and the agent the rest, and nothing is slashed.",
    ],
    reserved: { "0x0": "Refuse to arbitrate: the pact's default split applies, and nothing is slashed." },
  },
} as const;

/** {@link LOCAL_META_EVIDENCE} as a `data:` URI. */
export const LOCAL_META_EVIDENCE_URI = `data:application/json,${encodeURIComponent(JSON.stringify(LOCAL_META_EVIDENCE))}`;

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
