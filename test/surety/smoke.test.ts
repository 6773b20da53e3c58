import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";

import { PactStatus, deliveredPact, deploySurety, makeTerms } from "../helpers/fixture.ts";

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
    const [status] = await f.surety.read.getPact([pactId]);
    assert.equal(status, PactStatus.Released);
    assert.equal(await f.usdc.read.balanceOf([f.agent.account.address]), before + terms.price);
  });
});
