import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { getAddress } from "viem";

import {
  PactStatus,
  deploySurety,
  hashOf,
  nextTxAt,
  now,
  stakeOf,
  statusOf,
  updatedAtOf,
} from "../../helpers/fixture.ts";
import { DELIVERY, STATUS_NAMES, reach, type Status } from "../../helpers/pacts.ts";

/** The agent records its delivery of an Active pact by the delivery deadline. */
describe("deliverPact", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deploySurety);
  const expectError = viem.assertions.revertWithCustomErrorWithArgs;

  describe("given a pact that is not Active", () => {
    for (const status of [PactStatus.Open, PactStatus.Delivered, PactStatus.Disputed] as Status[]) {
      it(`test_RevertGiven_${STATUS_NAMES[status]}`, async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, status);
        await expectError(
          f.surety.write.deliverPact([pactId, terms, DELIVERY], { account: f.agent.account }),
          f.surety,
          "Surety_InvalidStatus",
          [pactId, status],
        );
      });
    }
  });

  describe("given an Active pact", () => {
    describe("when the caller is not the agent", () => {
      it("test_RevertWhen_CallerNotAgent", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Active);
        for (const who of [f.buyer, f.arbiter, f.stranger]) {
          await expectError(
            f.surety.write.deliverPact([pactId, terms, DELIVERY], { account: who.account }),
            f.surety,
            "Surety_CallerNotAgent",
            [pactId, getAddress(who.account.address)],
          );
        }
      });
    });

    describe("when the delivery deadline is reached or past", () => {
      it("test_WhenAtDeliverBy_Delivers", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Active);
        await nextTxAt(f, terms.deliverBy);
        await f.surety.write.deliverPact([pactId, terms, DELIVERY], { account: f.agent.account });
        assert.equal(await statusOf(f, pactId), PactStatus.Delivered);
        assert.equal(await updatedAtOf(f, pactId), terms.deliverBy);
      });

      it("test_RevertWhen_DeliverByPassed", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Active);
        await nextTxAt(f, terms.deliverBy + 1);
        await expectError(
          f.surety.write.deliverPact([pactId, terms, DELIVERY], { account: f.agent.account }),
          f.surety,
          "Surety_DeadlinePassed",
          [pactId, BigInt(terms.deliverBy)],
        );
      });
    });

    describe("when the agent delivers", () => {
      it("test_GivenActive_WhenAgentDelivers_RecordsDelivery", async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, PactStatus.Active);
        const hash = hashOf("the work");
        const at = (await now(f)) + 3_600;
        await nextTxAt(f, at);
        await viem.assertions.emitWithArgs(
          f.surety.write.deliverPact([pactId, terms, hash], { account: f.agent.account }),
          f.surety,
          "PactDelivered",
          [pactId, getAddress(terms.agent), hash],
        );
        const [status, deliveredAt] = await f.surety.read.getPact([pactId]);
        assert.equal(status, PactStatus.Delivered);
        assert.equal(deliveredAt, at);
        // Delivery does not pay or unlock anything.
        assert.equal((await stakeOf(f)).locked, terms.collateral);
      });
    });
  });

  describe("given a refunded pact", () => {
    it("test_GivenDeliverByPassed_WhenRefunded_DeliveryReverts", async () => {
      const f = await load();
      const { pactId, terms } = await reach(f, PactStatus.Active);
      await nextTxAt(f, terms.deliverBy + 1);
      await f.surety.write.claimRefund([pactId, terms], { account: f.buyer.account });
      await expectError(
        f.surety.write.deliverPact([pactId, terms, DELIVERY], { account: f.agent.account }),
        f.surety,
        "Surety_InvalidStatus",
        [pactId, PactStatus.Refunded],
      );
    });
  });
});
