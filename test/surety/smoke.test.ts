import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";

import { PactStatus, deliveredPact, deploySurety, makeTerms, statusOf } from "../helpers/fixture.ts";

describe("Surety smoke", async () => {
  const connection = await network.create();
  const { networkHelpers } = connection;
  const load = () => networkHelpers.loadFixture(deploySurety);

  it("test_GivenDelivered_WhenBuyerReleases_PaysAgent", async () => {
    const f = await load();
    const terms = await makeTerms(f);
    const pactId = await deliveredPact(f, terms);
    const before = await f.usdc.read.balanceOf([f.agent.account.address]);
    await f.surety.write.releasePact([pactId, terms], { account: f.buyer.account });
    assert.equal(await statusOf(f, pactId), PactStatus.Released);
    assert.equal(await f.usdc.read.balanceOf([f.agent.account.address]), before + terms.price);
  });
});
