import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { getAddress, zeroAddress } from "viem";

import CourtAdapterModule from "../../ignition/modules/CourtAdapter.ts";
import LocalCourt, { LOCAL_META_EVIDENCE_URI } from "../../ignition/modules/LocalCourt.ts";
import LocalSurety from "../../ignition/modules/LocalSurety.ts";

const META_EVIDENCE_URI = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/meta-evidence.json";

/** The JSON document a `data:application/json;base64,` URI carries. */
function decodeDataUri(uri: string): unknown {
  const prefix = "data:application/json;base64,";
  assert.ok(uri.startsWith(prefix), `not a base64 JSON data URI: ${uri.slice(0, 40)}`);
  return JSON.parse(Buffer.from(uri.slice(prefix.length), "base64").toString("utf8"));
}

describe("Court Ignition modules", async () => {
  const connection = await network.create();
  const { ignition, viem } = connection;

  describe("CourtAdapter module", () => {
    it("test_DeploysAgainstAnExistingCourtWithItsSettings", async () => {
      const { surety, stakeToken } = await ignition.deploy(LocalSurety);
      const court = await viem.deployContract("TestArbitrator", [1n, 2n, 3n]);
      const { adapter } = await ignition.deploy(CourtAdapterModule, {
        parameters: {
          CourtAdapter: {
            surety: surety.address,
            court: court.address,
            extraData: "0x0102",
            splits: [2_500, 7_500],
            maxRulingPeriod: 30 * 86_400,
            feeWindow: 86_400,
            metaEvidenceURI: META_EVIDENCE_URI,
            tokens: [stakeToken.address],
          },
        },
      });
      assert.equal(await adapter.read.COURT(), getAddress(court.address));
      assert.equal(await adapter.read.arbitratorExtraData(), "0x0102");
      assert.equal(await adapter.read.numberOfChoices(), 4n);
      assert.equal(await adapter.read.FEE_WINDOW(), 86_400);
      assert.equal(await adapter.read.metaEvidenceURI(), META_EVIDENCE_URI);
      const [metaEvidence] = await adapter.getEvents.MetaEvidence({}, { fromBlock: 0n });
      assert.deepEqual(metaEvidence.args, { metaEvidenceID: 0n, evidence: META_EVIDENCE_URI });
      const terms = await surety.read.arbiterTerms([adapter.address, stakeToken.address]);
      assert.deepEqual(terms, { registered: true, maxRulingPeriod: 30 * 86_400, minFee: 0n });
    });

    it("test_GivenNoFeeWindow_UsesThreeDays", async () => {
      const { surety } = await ignition.deploy(LocalSurety);
      const court = await viem.deployContract("TestArbitrator", [1n, 2n, 3n]);
      const { adapter } = await ignition.deploy(CourtAdapterModule, {
        parameters: {
          CourtAdapter: { surety: surety.address, court: court.address, metaEvidenceURI: META_EVIDENCE_URI },
        },
      });
      assert.equal(await adapter.read.FEE_WINDOW(), 3 * 86_400);
      assert.equal(await adapter.read.MAX_RULING_PERIOD(), 60 * 86_400);
      assert.deepEqual(await adapter.read.splits(), []);
    });
  });

  describe("LocalCourt module", () => {
    it("test_DeploysATestCourtAndAnAdapterForEth", async () => {
      const { surety } = await ignition.deploy(LocalSurety);
      const { court, adapter } = await ignition.deploy(LocalCourt, {
        parameters: { LocalCourt: { surety: surety.address } },
      });
      assert.equal(await adapter.read.COURT(), getAddress(court.address));
      assert.equal(await adapter.read.arbitrationCost(), 10n ** 16n);
      assert.deepEqual(await adapter.read.splits(), [5_000]);
      assert.equal(await adapter.read.FEE_WINDOW(), 3 * 86_400);
      assert.equal((await surety.read.arbiterTerms([adapter.address, zeroAddress])).registered, true);
    });

    it("test_MetaEvidenceIsAnErc1497DocumentOfItsRulings", async () => {
      const { surety } = await ignition.deploy(LocalSurety);
      const { adapter } = await ignition.deploy(LocalCourt, {
        parameters: { LocalCourt: { surety: surety.address } },
      });
      const uri = await adapter.read.metaEvidenceURI();
      assert.equal(uri, LOCAL_META_EVIDENCE_URI);
      const [emitted] = await adapter.getEvents.MetaEvidence({}, { fromBlock: 0n });
      assert.equal(emitted.args.evidence, uri);

      const doc = decodeDataUri(uri) as {
        title: string;
        description: string;
        question: string;
        rulingOptions: { type: string; titles: string[]; descriptions: string[]; reserved: Record<string, string> };
      };
      for (const field of ["title", "description", "question"] as const) {
        assert.ok(typeof doc[field] === "string" && doc[field].length > 0, `${field} is non-empty text`);
      }
      // One title and one description per ruling the adapter offers, and each says what decisionOf applies.
      const choices = Number(await adapter.read.numberOfChoices());
      assert.equal(doc.rulingOptions.type, "single-select");
      assert.equal(doc.rulingOptions.titles.length, choices);
      assert.equal(doc.rulingOptions.descriptions.length, choices);
      assert.match(doc.rulingOptions.descriptions[0], /whole price back.*penalty is slashed/);
      assert.match(doc.rulingOptions.descriptions[1], /agent gets the whole price, and nothing is slashed/);
      const [split] = await adapter.read.splits();
      assert.match(
        doc.rulingOptions.descriptions[2],
        new RegExp(`${split / 100}% of the price \\(${split} basis points`),
      );
      assert.match(doc.rulingOptions.reserved["0x0"], /default split/);
      assert.match(doc.description, new RegExp(`any ruling above ${choices} apply the pact's default split`));
    });

    it("test_RevertWhen_SuretyOrCourtParameterMissing", async () => {
      await assert.rejects(ignition.deploy(CourtAdapterModule), /surety|court/);
    });

    it("test_RevertWhen_MetaEvidenceParameterMissing", async () => {
      const { surety } = await ignition.deploy(LocalSurety);
      const court = await viem.deployContract("TestArbitrator", [1n, 2n, 3n]);
      await assert.rejects(
        ignition.deploy(CourtAdapterModule, {
          parameters: { CourtAdapter: { surety: surety.address, court: court.address } },
        }),
        /metaEvidenceURI/,
      );
    });
  });
});
