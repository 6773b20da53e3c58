import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { encodeFunctionData, getAddress, maxUint256, parseEther, zeroAddress } from "viem";

import {
  CONFIG,
  PactStatus,
  createPact,
  deliveredPact,
  deploySurety,
  makeTerms,
  mineAt,
  stakeOf,
  statusOf,
  usd,
  type SuretyFixture,
} from "../../helpers/fixture.ts";
import { DELIVERY, suretyCall } from "../../helpers/pacts.ts";

const MAX_RULING = CONFIG.maxRulingPeriod;

/** A payout a recipient refused is credited to it, and it claims the credit to itself or another recipient. */
describe("claimPayout", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deploySurety);
  const expectError = viem.assertions.revertWithCustomErrorWithArgs;

  describe("when there is no credit", () => {
    it("test_RevertWhen_NoCredit", async () => {
      const f = await load();
      for (const token of [zeroAddress, f.usdc.address]) {
        await expectError(
          f.surety.write.claimPayout([token, f.stranger.account.address], { account: f.stranger.account }),
          f.surety,
          "Surety_NoCredit",
          [getAddress(token), getAddress(f.stranger.account.address)],
        );
      }
    });
  });

  describe("when the recipient is the zero address or Surety", () => {
    it("test_RevertWhen_RecipientZeroOrSurety", async () => {
      const f = await load();
      for (const recipient of [zeroAddress, f.surety.address]) {
        await expectError(
          f.surety.write.claimPayout([zeroAddress, recipient], { account: f.stranger.account }),
          f.surety,
          "Surety_InvalidRecipient",
          [getAddress(recipient)],
        );
      }
    });
  });

  describe("given a payout the recipient refused", () => {
    /** A MockWallet owned by `owner`, refusing ETH. */
    async function refusingWallet(f: SuretyFixture, owner: typeof f.buyer) {
      const wallet = await viem.deployContract("MockWallet", [owner.account.address]);
      await wallet.write.setRefuseEth([true], { account: owner.account });
      assert.equal(await wallet.read.refuseEth(), true);
      return wallet;
    }

    it("test_GivenBuyerRefusesEth_WhenCancelled_CreditsBuyer", async () => {
      const f = await load();
      const wallet = await refusingWallet(f, f.buyer);
      const terms = await makeTerms(f, { buyer: wallet.address, token: zeroAddress, price: parseEther("1") });
      const pactId = await f.surety.read.nextPactId();
      await wallet.write.execute([f.surety.address, terms.price, suretyCall(f, "createPact", [terms])], {
        account: f.buyer.account,
        value: terms.price,
      });
      assert.equal(await statusOf(f, pactId), PactStatus.Open);

      const cancel = wallet.write.execute([f.surety.address, 0n, suretyCall(f, "cancelPact", [pactId, terms])], {
        account: f.buyer.account,
      });
      await viem.assertions.emitWithArgs(cancel, f.surety, "PayoutCredited", [
        pactId,
        zeroAddress,
        getAddress(wallet.address),
        terms.price,
      ]);
      assert.equal(await statusOf(f, pactId), PactStatus.Cancelled);
      assert.equal(await f.surety.read.creditOf([zeroAddress, wallet.address]), terms.price);
      assert.equal(await f.publicClient.getBalance({ address: wallet.address }), 0n);
      assert.equal(await f.publicClient.getBalance({ address: f.surety.address }), terms.price);

      // Claiming to itself still fails and keeps the credit.
      await viem.assertions.revertWithCustomError(
        wallet.write.execute([f.surety.address, 0n, suretyCall(f, "claimPayout", [zeroAddress, wallet.address])], {
          account: f.buyer.account,
        }),
        wallet,
        "MockWallet_EthRefused",
      );
      assert.equal(await f.surety.read.creditOf([zeroAddress, wallet.address]), terms.price);

      // Claiming to another recipient pays it and clears the credit.
      const recipient = f.buyer2.account.address;
      const claim = wallet.write.execute(
        [f.surety.address, 0n, suretyCall(f, "claimPayout", [zeroAddress, recipient])],
        {
          account: f.buyer.account,
        },
      );
      await viem.assertions.balancesHaveChanged(claim, [
        { address: recipient, amount: terms.price },
        { address: f.surety.address, amount: -terms.price },
      ]);
      await viem.assertions.emitWithArgs(claim, f.surety, "PayoutClaimed", [
        zeroAddress,
        getAddress(wallet.address),
        getAddress(recipient),
        terms.price,
      ]);
      assert.equal(await f.surety.read.creditOf([zeroAddress, wallet.address]), 0n);

      await expectError(
        wallet.write.execute([f.surety.address, 0n, suretyCall(f, "claimPayout", [zeroAddress, recipient])], {
          account: f.buyer.account,
        }),
        f.surety,
        "Surety_NoCredit",
        [zeroAddress, getAddress(wallet.address)],
      );
    });

    it("test_GivenBuyerRefusesEth_WhenRefunded_CreditsPriceAndPaysPenalty", async () => {
      const f = await load();
      const wallet = await refusingWallet(f, f.buyer);
      const terms = await makeTerms(f, { buyer: wallet.address, token: zeroAddress, price: parseEther("3") });
      const pactId = await f.surety.read.nextPactId();
      await wallet.write.execute([f.surety.address, terms.price, suretyCall(f, "createPact", [terms])], {
        account: f.buyer.account,
        value: terms.price,
      });
      await f.surety.write.acceptPact([pactId, terms], { account: f.agent.account });
      await mineAt(f, terms.deliverBy + 1);
      const refund = f.surety.write.claimRefund([pactId, terms], { account: f.stranger.account });
      await viem.assertions.emitWithArgs(refund, f.surety, "PayoutCredited", [
        pactId,
        zeroAddress,
        getAddress(wallet.address),
        terms.price,
      ]);
      assert.equal(await statusOf(f, pactId), PactStatus.Refunded);
      assert.equal(await f.surety.read.creditOf([zeroAddress, wallet.address]), terms.price);
      // The penalty is a token transfer, which the wallet does not refuse.
      assert.equal(await f.usdc.read.balanceOf([wallet.address]), terms.penalty);
      assert.equal(await f.surety.read.creditOf([f.usdc.address, wallet.address]), 0n);
    });

    it("test_GivenAgentRefusesEth_WhenReleased_CreditsAgent", async () => {
      const f = await load();
      const wallet = await refusingWallet(f, f.agent);
      const asAgent = { account: f.agent.account };
      // The wallet stakes, then acts as the agent.
      await f.usdc.write.mint([wallet.address, usd("500")]);
      await wallet.write.execute(
        [
          f.usdc.address,
          0n,
          encodeFunctionData({ abi: f.usdc.abi, functionName: "approve", args: [f.surety.address, usd("500")] }),
        ],
        asAgent,
      );
      await wallet.write.execute([f.surety.address, 0n, suretyCall(f, "depositStake", [usd("500")])], asAgent);
      assert.equal((await stakeOf(f, wallet.address)).staked, usd("500"));

      const terms = await makeTerms(f, { agent: wallet.address, token: zeroAddress, price: parseEther("1.25") });
      const pactId = await createPact(f, terms);
      await wallet.write.execute([f.surety.address, 0n, suretyCall(f, "acceptPact", [pactId, terms])], asAgent);
      await wallet.write.execute(
        [f.surety.address, 0n, suretyCall(f, "deliverPact", [pactId, terms, DELIVERY])],
        asAgent,
      );
      assert.equal(await statusOf(f, pactId), PactStatus.Delivered);

      const release = f.surety.write.releasePact([pactId, terms], { account: f.buyer.account });
      await viem.assertions.emitWithArgs(release, f.surety, "PayoutCredited", [
        pactId,
        zeroAddress,
        getAddress(wallet.address),
        terms.price,
      ]);
      await viem.assertions.emitWithArgs(release, f.surety, "PactReleased", [
        pactId,
        getAddress(terms.buyer),
        getAddress(wallet.address),
        terms.price,
        0n,
      ]);
      assert.equal(await statusOf(f, pactId), PactStatus.Released);
      assert.equal(await f.surety.read.creditOf([zeroAddress, wallet.address]), terms.price);
      assert.equal((await stakeOf(f, wallet.address)).locked, 0n);

      const recipient = f.agent.account.address;
      await viem.assertions.balancesHaveChanged(
        wallet.write.execute([f.surety.address, 0n, suretyCall(f, "claimPayout", [zeroAddress, recipient])], asAgent),
        [
          { address: recipient, amount: terms.price },
          { address: f.surety.address, amount: -terms.price },
        ],
      );
      assert.equal(await f.surety.read.creditOf([zeroAddress, wallet.address]), 0n);
    });

    it("test_GivenAgentBlockedOnToken_WhenReleased_ReleasesAndCreditsAgent", async () => {
      const f = await load();
      const token = await viem.deployContract("MockBlocklistToken");
      await token.write.mint([f.buyer.account.address, usd("1000")]);
      await token.write.approve([f.surety.address, maxUint256], { account: f.buyer.account });
      await f.surety.write.registerArbiter([token.address, 0n, MAX_RULING], { account: f.arbiter.account });
      const terms = await makeTerms(f, { token: token.address, price: usd("400"), arbiterFee: usd("1") });
      const pactId = await deliveredPact(f, terms);

      await token.write.setBlocked([f.agent.account.address, true]);
      const release = f.surety.write.releasePact([pactId, terms], { account: f.buyer.account });
      await viem.assertions.emitWithArgs(release, f.surety, "PayoutCredited", [
        pactId,
        getAddress(token.address),
        getAddress(f.agent.account.address),
        terms.price,
      ]);
      assert.equal(await statusOf(f, pactId), PactStatus.Released);
      assert.equal((await stakeOf(f)).locked, 0n);
      assert.equal(await f.surety.read.creditOf([token.address, f.agent.account.address]), terms.price);
      assert.equal(await token.read.balanceOf([f.agent.account.address]), 0n);
      assert.equal(await token.read.balanceOf([f.surety.address]), terms.price);

      // Claiming to itself fails while blocked and keeps the credit; another recipient works.
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.claimPayout([token.address, f.agent.account.address], { account: f.agent.account }),
        token,
        "MockBlocklistToken_Blocked",
        [getAddress(f.agent.account.address)],
      );
      assert.equal(await f.surety.read.creditOf([token.address, f.agent.account.address]), terms.price);
      await viem.assertions.emitWithArgs(
        f.surety.write.claimPayout([token.address, f.agent2.account.address], { account: f.agent.account }),
        f.surety,
        "PayoutClaimed",
        [
          getAddress(token.address),
          getAddress(f.agent.account.address),
          getAddress(f.agent2.account.address),
          terms.price,
        ],
      );
      assert.equal(await token.read.balanceOf([f.agent2.account.address]), terms.price);
      assert.equal(await token.read.balanceOf([f.surety.address]), 0n);
      assert.equal(await f.surety.read.creditOf([token.address, f.agent.account.address]), 0n);
    });
  });
});
