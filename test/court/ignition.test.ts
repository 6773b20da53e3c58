import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { getAddress, zeroAddress } from "viem";

import CourtAdapterModule from "../../ignition/modules/CourtAdapter.ts";
import LocalCourt from "../../ignition/modules/LocalCourt.ts";
import LocalSurety from "../../ignition/modules/LocalSurety.ts";

describe("Court Ignition modules", async () => {
  const connection = await network.create();
  const { ignition, viem } = connection;

  it("test_CourtAdapter_DeploysAgainstAnExistingCourtWithItsSettings", async () => {
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
          tokens: [stakeToken.address],
        },
      },
    });
    assert.equal(await adapter.read.COURT(), getAddress(court.address));
    assert.equal(await adapter.read.arbitratorExtraData(), "0x0102");
    assert.equal(await adapter.read.numberOfChoices(), 4n);
    const terms = await surety.read.arbiterTerms([adapter.address, stakeToken.address]);
    assert.deepEqual(terms, { registered: true, maxRulingPeriod: 30 * 86_400, minFee: 0n });
  });

  it("test_LocalCourt_DeploysATestCourtAndAnAdapterForEth", async () => {
    const { surety } = await ignition.deploy(LocalSurety);
    const { court, adapter } = await ignition.deploy(LocalCourt, {
      parameters: { LocalCourt: { surety: surety.address } },
    });
    assert.equal(await adapter.read.COURT(), getAddress(court.address));
    assert.equal(await adapter.read.arbitrationCost(), 10n ** 16n);
    assert.deepEqual(await adapter.read.splits(), [5_000]);
    assert.equal((await surety.read.arbiterTerms([adapter.address, zeroAddress])).registered, true);
  });

  it("test_RevertWhen_SuretyOrCourtParameterMissing", async () => {
    await assert.rejects(ignition.deploy(CourtAdapterModule), /surety|court/);
  });
});
