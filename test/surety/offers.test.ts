import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import {
  encodeFunctionData,
  getAddress,
  hashTypedData,
  parseEther,
  recoverAddress,
  zeroAddress,
  type Address,
  type Hex,
} from "viem";

import {
  ADMIN_DELAY,
  AgentStatus,
  CONFIG,
  OFFER_TYPES,
  PactStatus,
  createPact,
  deliveredPact,
  deploySurety,
  hashOf,
  makeOffer,
  makeTerms,
  nextTxAt,
  now,
  offerDomain,
  signOffer,
  usd,
  type Offer,
  type SuretyFixture,
  type Terms,
} from "../helpers/fixture.ts";
import { malleate, signPermit, type PermitArgs } from "../helpers/permit-signing.ts";

describe("Surety offers", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deploySurety);

  const ERC1271_MAGIC = "0x1626ba7e";
  const REASON = hashOf("operator reason");

  type Signer = SuretyFixture["agent"];

  /** Signs `offer` under an arbitrary EIP-712 domain (to build signatures for the wrong chain or contract). */
  async function signOfferFor(
    signer: Signer,
    offer: Offer,
    domain: { chainId: number; verifyingContract: Address; name?: string; version?: string },
  ): Promise<Hex> {
    return signer.signTypedData({
      account: signer.account,
      domain: { name: domain.name ?? "Surety", version: domain.version ?? "1", ...domain },
      types: OFFER_TYPES,
      primaryType: "Offer",
      message: offer,
    });
  }

  /**
   * Terms with checksummed addresses, as the event decoder returns them (event assertions compare structs
   * field by field, so the address case must match).
   */
  function checksummed(terms: Terms): Terms {
    return {
      ...terms,
      buyer: getAddress(terms.buyer),
      agent: getAddress(terms.agent),
      arbiter: getAddress(terms.arbiter),
      token: getAddress(terms.token),
    };
  }

  /** The terms a pact funded from `offer` by `buyer` at `fundedAt` commits to. */
  function termsFromOffer(offer: Offer, buyer: Address, fundedAt: number): Terms {
    return {
      buyer: getAddress(buyer),
      agent: getAddress(offer.agent),
      arbiter: getAddress(offer.arbiter),
      token: getAddress(offer.token),
      price: offer.price,
      arbiterFee: offer.arbiterFee,
      collateral: offer.collateral,
      penalty: offer.penalty,
      acceptBy: fundedAt,
      deliverBy: fundedAt + offer.deliveryPeriod,
      reviewPeriod: offer.reviewPeriod,
      rulingPeriod: offer.rulingPeriod,
      defaultBuyerBps: offer.defaultBuyerBps,
      termsHash: offer.termsHash,
    };
  }

  /** Funds a signed offer as `buyer` at exactly `fundedAt`; returns the pact id and its terms. */
  async function fundAt(
    f: SuretyFixture,
    offer: Offer,
    signature: Hex,
    fundedAt: number,
    buyer = f.buyer,
  ): Promise<{ pactId: bigint; terms: Terms }> {
    const pactId = await f.surety.read.nextPactId();
    await nextTxAt(f, fundedAt);
    const value = offer.token === zeroAddress ? offer.price : 0n;
    await f.surety.write.createPactFromOffer([offer, signature], { account: buyer.account, value });
    return { pactId, terms: termsFromOffer(offer, buyer.account.address, fundedAt) };
  }

  async function locked(f: SuretyFixture, agent: Address): Promise<bigint> {
    const [, lockedStake] = await f.surety.read.stakeOf([agent]);
    return lockedStake;
  }

  /** A second Surety on the same chain, with the arbiter registered, the agent staked and the buyer approved. */
  async function secondDeployment(f: SuretyFixture) {
    const surety2 = await viem.deployContract("Surety", [
      { stakeToken: f.usdc.address, ...CONFIG },
      f.admin.account.address,
      ADMIN_DELAY,
      zeroAddress,
      zeroAddress,
    ]);
    await surety2.write.registerArbiter([f.usdc.address, 0n, CONFIG.maxRulingPeriod], { account: f.arbiter.account });
    await f.usdc.write.approve([surety2.address, 2n ** 255n], { account: f.agent.account });
    await surety2.write.depositStake([usd("1000")], { account: f.agent.account });
    await f.usdc.write.approve([surety2.address, 2n ** 255n], { account: f.buyer.account });
    return surety2;
  }

  /*//////////////////////////////////////////////////////////////
                      createPactFromOffer: success
  //////////////////////////////////////////////////////////////*/

  describe("createPactFromOffer", () => {
    it("test_WhenValidOffer_CreatesActivePactWithEvents", async () => {
      const f = await load();
      const offer = await makeOffer(f, { nonce: 42n });
      const signature = await signOffer(f, offer);
      const buyer = f.buyer.account.address;
      const agent = f.agent.account.address;
      const fundedAt = (await now(f)) + 100;
      const terms = termsFromOffer(offer, buyer, fundedAt);
      const pactId = await f.surety.read.nextPactId();
      const buyerBefore = await f.usdc.read.balanceOf([buyer]);
      const lockedBefore = await locked(f, agent);

      await nextTxAt(f, fundedAt);
      const tx = f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account });
      await viem.assertions.emitWithArgs(tx, f.surety, "PactCreated", [pactId, buyer, agent, terms]);
      await viem.assertions.emitWithArgs(tx, f.surety, "PactAccepted", [
        pactId,
        agent,
        offer.collateral,
        lockedBefore + offer.collateral,
      ]);
      await viem.assertions.emitWithArgs(tx, f.surety, "OfferFunded", [pactId, agent, offer.nonce]);

      const [status, updatedAt, commitment] = await f.surety.read.getPact([pactId]);
      assert.equal(status, PactStatus.Active);
      assert.equal(Number(updatedAt), fundedAt);
      assert.equal(commitment, await f.surety.read.commitmentOf([terms]));
      assert.equal(terms.acceptBy, fundedAt);
      assert.equal(terms.deliverBy, fundedAt + offer.deliveryPeriod);
      assert.equal(await f.surety.read.isNonceUsed([agent, offer.nonce]), true);
      assert.equal(await f.usdc.read.balanceOf([buyer]), buyerBefore - offer.price);
      assert.equal(await locked(f, agent), lockedBefore + offer.collateral);
    });

    it("test_GivenFundedOffer_WhenDeliveredAtDeadlineAndReleased_PaysAgent", async () => {
      const f = await load();
      const offer = await makeOffer(f);
      const { pactId, terms } = await fundAt(f, offer, await signOffer(f, offer), (await now(f)) + 10);
      const agent = f.agent.account.address;
      const agentBefore = await f.usdc.read.balanceOf([agent]);

      // The last second of the delivery period is funding time + deliveryPeriod.
      await nextTxAt(f, terms.deliverBy);
      await f.surety.write.deliverPact([pactId, terms, hashOf("work")], { account: f.agent.account });
      assert.equal((await f.surety.read.getPact([pactId]))[0], PactStatus.Delivered);

      await viem.assertions.emitWithArgs(
        f.surety.write.releasePact([pactId, terms], { account: f.buyer.account }),
        f.surety,
        "PactReleased",
        [pactId, f.buyer.account.address, agent, offer.price, 0n],
      );
      assert.equal(await f.usdc.read.balanceOf([agent]), agentBefore + offer.price);
      assert.equal(await locked(f, agent), 0n);
    });

    it("test_GivenFundedOffer_WhenDeliveryLapsed_RefundsBuyer", async () => {
      const f = await load();
      const offer = await makeOffer(f);
      const { pactId, terms } = await fundAt(f, offer, await signOffer(f, offer), (await now(f)) + 10);

      await nextTxAt(f, terms.deliverBy + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.deliverPact([pactId, terms, hashOf("work")], { account: f.agent.account }),
        f.surety,
        "Surety_DeadlinePassed",
        [pactId, BigInt(terms.deliverBy)],
      );
      await viem.assertions.emitWithArgs(
        f.surety.write.claimRefund([pactId, terms], { account: f.stranger.account }),
        f.surety,
        "PactRefunded",
        [
          pactId,
          f.buyer.account.address,
          f.agent.account.address,
          f.stranger.account.address,
          offer.price,
          offer.penalty,
        ],
      );
    });

    it("test_GivenOpenOffer_WhenAnyBuyerFunds_BuyerIsCaller", async () => {
      const f = await load();
      const offer = await makeOffer(f);
      assert.equal(offer.buyer, zeroAddress);
      const fundedAt = (await now(f)) + 10;
      const pactId = await f.surety.read.nextPactId();
      const terms = termsFromOffer(offer, f.buyer2.account.address, fundedAt);
      await nextTxAt(f, fundedAt);
      await viem.assertions.emitWithArgs(
        f.surety.write.createPactFromOffer([offer, await signOffer(f, offer)], { account: f.buyer2.account }),
        f.surety,
        "PactCreated",
        [pactId, f.buyer2.account.address, f.agent.account.address, terms],
      );
      // Only the caller can act as the buyer afterwards.
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.releasePact([pactId, terms], { account: f.buyer.account }),
        f.surety,
        "Surety_CallerNotBuyer",
        [pactId, f.buyer.account.address],
      );
    });

    it("test_GivenEthOffer_WhenValueEqualsPrice_Funds", async () => {
      const f = await load();
      const offer = await makeOffer(f, { token: zeroAddress, price: parseEther("2"), arbiterFee: parseEther("0.1") });
      const signature = await signOffer(f, offer);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account, value: offer.price - 1n }),
        f.surety,
        "Surety_WrongValue",
        [offer.price, offer.price - 1n],
      );
      await viem.assertions.balancesHaveChanged(
        f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account, value: offer.price }),
        [
          { address: f.buyer.account.address, amount: -offer.price },
          { address: f.surety.address, amount: offer.price },
        ],
      );
    });

    it("test_RevertWhen_Erc20OfferSendsValue", async () => {
      const f = await load();
      const offer = await makeOffer(f);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, await signOffer(f, offer)], { account: f.buyer.account, value: 1n }),
        f.surety,
        "Surety_WrongValue",
        [0n, 1n],
      );
    });
  });

  /*//////////////////////////////////////////////////////////////
                        expiry, nonces and replay
  //////////////////////////////////////////////////////////////*/

  describe("expiry and nonces", () => {
    it("test_WhenAtExpiry_Funds", async () => {
      const f = await load();
      const offer = await makeOffer(f);
      const { pactId } = await fundAt(f, offer, await signOffer(f, offer), offer.expiry);
      const [status, updatedAt] = await f.surety.read.getPact([pactId]);
      assert.equal(status, PactStatus.Active);
      assert.equal(Number(updatedAt), offer.expiry);
    });

    it("test_RevertWhen_OfferExpired", async () => {
      const f = await load();
      const offer = await makeOffer(f);
      const signature = await signOffer(f, offer);
      await nextTxAt(f, offer.expiry + 1);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account }),
        f.surety,
        "Surety_OfferExpired",
        [offer.expiry, BigInt(offer.expiry + 1)],
      );
    });

    it("test_RevertWhen_OfferFundedTwice", async () => {
      const f = await load();
      const offer = await makeOffer(f, { nonce: 7n });
      const signature = await signOffer(f, offer);
      await f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account });
      const nextId = await f.surety.read.nextPactId();
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account }),
        f.surety,
        "Surety_NonceUsed",
        [f.agent.account.address, 7n],
      );
      assert.equal(await f.surety.read.nextPactId(), nextId);
    });

    it("test_RevertWhen_ReplayedByAnotherBuyer", async () => {
      const f = await load();
      const offer = await makeOffer(f);
      const signature = await signOffer(f, offer);
      await f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer2.account }),
        f.surety,
        "Surety_NonceUsed",
        [f.agent.account.address, offer.nonce],
      );
      assert.equal(await locked(f, f.agent.account.address), offer.collateral, "collateral locked once");
    });

    it("test_RevertWhen_ReplayedOnAnotherDeployment", async () => {
      const f = await load();
      const surety2 = await secondDeployment(f);
      const offer = await makeOffer(f);
      const signature = await signOffer(f, offer);
      await f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account });

      await viem.assertions.revertWithCustomErrorWithArgs(
        surety2.write.createPactFromOffer([offer, signature], { account: f.buyer.account }),
        surety2,
        "Surety_InvalidSignature",
        [f.agent.account.address],
      );
      // Control: the same offer signed for the second deployment funds there.
      const chainId = await f.publicClient.getChainId();
      const signature2 = await signOfferFor(f.agent, offer, { chainId, verifyingContract: surety2.address });
      await surety2.write.createPactFromOffer([offer, signature2], { account: f.buyer.account });
      assert.equal((await surety2.read.getPact([1n]))[0], PactStatus.Active);
    });

    it("test_RevertWhen_NonceRevoked", async () => {
      const f = await load();
      const offer = await makeOffer(f, { nonce: 9n });
      const signature = await signOffer(f, offer);
      await viem.assertions.emitWithArgs(
        f.surety.write.revokeOffer([9n], { account: f.agent.account }),
        f.surety,
        "OfferRevoked",
        [f.agent.account.address, 9n],
      );
      assert.equal(await f.surety.read.isNonceUsed([f.agent.account.address, 9n]), true);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account }),
        f.surety,
        "Surety_NonceUsed",
        [f.agent.account.address, 9n],
      );
      // Other nonces, and the same nonce of another agent, are untouched.
      assert.equal(await f.surety.read.isNonceUsed([f.agent.account.address, 10n]), false);
      assert.equal(await f.surety.read.isNonceUsed([f.agent2.account.address, 9n]), false);
      const other = await makeOffer(f, { nonce: 10n });
      await f.surety.write.createPactFromOffer([other, await signOffer(f, other)], { account: f.buyer.account });
    });

    it("test_RevertWhen_RevokedTwice", async () => {
      const f = await load();
      await f.surety.write.revokeOffer([3n], { account: f.agent.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.revokeOffer([3n], { account: f.agent.account }),
        f.surety,
        "Surety_NonceUsed",
        [f.agent.account.address, 3n],
      );
    });

    it("test_RevertWhen_RevokingFundedOffer", async () => {
      const f = await load();
      const offer = await makeOffer(f);
      await f.surety.write.createPactFromOffer([offer, await signOffer(f, offer)], { account: f.buyer.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.revokeOffer([offer.nonce], { account: f.agent.account }),
        f.surety,
        "Surety_NonceUsed",
        [f.agent.account.address, offer.nonce],
      );
    });
  });

  /*//////////////////////////////////////////////////////////////
                               signatures
  //////////////////////////////////////////////////////////////*/

  describe("signatures", () => {
    it("test_WhenTypedDataHashed_MatchesOfferDigest", async () => {
      const f = await load();
      const offer = await makeOffer(f, { buyer: f.buyer2.account.address, nonce: 2n ** 200n + 5n });
      const chainId = await f.publicClient.getChainId();
      const local = hashTypedData({
        domain: offerDomain({ chainId, verifyingContract: f.surety.address }),
        types: OFFER_TYPES,
        primaryType: "Offer",
        message: offer,
      });
      assert.equal(local, await f.surety.read.offerDigest([offer]));
    });

    it("test_RevertWhen_SignedByAnotherKey", async () => {
      const f = await load();
      const offer = await makeOffer(f);
      const signature = await signOffer(f, offer, f.agent2);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account }),
        f.surety,
        "Surety_InvalidSignature",
        [f.agent.account.address],
      );
      assert.equal(await f.surety.read.isNonceUsed([f.agent.account.address, offer.nonce]), false);
    });

    it("test_RevertWhen_SignedForAnotherChain", async () => {
      const f = await load();
      const offer = await makeOffer(f);
      const chainId = await f.publicClient.getChainId();
      const signature = await signOfferFor(f.agent, offer, {
        chainId: chainId + 1,
        verifyingContract: f.surety.address,
      });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account }),
        f.surety,
        "Surety_InvalidSignature",
        [f.agent.account.address],
      );
    });

    it("test_RevertWhen_SignedForAnotherContract", async () => {
      const f = await load();
      const surety2 = await secondDeployment(f);
      const offer = await makeOffer(f);
      const chainId = await f.publicClient.getChainId();
      const signature = await signOfferFor(f.agent, offer, { chainId, verifyingContract: surety2.address });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account }),
        f.surety,
        "Surety_InvalidSignature",
        [f.agent.account.address],
      );
    });

    it("test_RevertWhen_SignedUnderAnotherDomainName", async () => {
      const f = await load();
      const offer = await makeOffer(f);
      const chainId = await f.publicClient.getChainId();
      for (const domain of [{ name: "Surety2" }, { version: "2" }]) {
        const signature = await signOfferFor(f.agent, offer, {
          chainId,
          verifyingContract: f.surety.address,
          ...domain,
        });
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account }),
          f.surety,
          "Surety_InvalidSignature",
          [f.agent.account.address],
        );
      }
    });

    it("test_RevertWhen_FieldTampered", async () => {
      const f = await load();
      const offer = await makeOffer(f);
      const signature = await signOffer(f, offer);
      const tampered: Partial<Offer>[] = [
        { price: offer.price - 1n },
        { arbiterFee: offer.arbiterFee + 1n },
        { collateral: offer.collateral - 1n },
        { penalty: 0n },
        { deliveryPeriod: offer.deliveryPeriod + 1 },
        { reviewPeriod: offer.reviewPeriod + 1 },
        { defaultBuyerBps: 10_000 },
        { arbiter: f.arbiter2.account.address },
        { token: f.dai.address },
        { termsHash: hashOf("another document") },
        { nonce: offer.nonce + 1n },
        { expiry: offer.expiry + 1 },
      ];
      for (const change of tampered) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.surety.write.createPactFromOffer([{ ...offer, ...change }, signature], { account: f.buyer.account }),
          f.surety,
          "Surety_InvalidSignature",
          [f.agent.account.address],
        );
      }
      // The untampered offer still funds.
      await f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account });
    });

    it("test_RevertWhen_SignatureMalleatedToHighS", async () => {
      const f = await load();
      const offer = await makeOffer(f);
      const signature = await signOffer(f, offer);
      const highS = malleate(signature);
      assert.notEqual(highS, signature);
      // The twin is a mathematically valid signature by the agent; only the low-s rule rejects it.
      const digest = await f.surety.read.offerDigest([offer]);
      assert.equal(
        (await recoverAddress({ hash: digest, signature: highS })).toLowerCase(),
        f.agent.account.address.toLowerCase(),
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, highS], { account: f.buyer.account }),
        f.surety,
        "Surety_InvalidSignature",
        [f.agent.account.address],
      );
      // The canonical signature still funds: the refused attempt did not burn the nonce.
      await f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account });
      assert.equal(await f.surety.read.isNonceUsed([f.agent.account.address, offer.nonce]), true);
    });

    it("test_RevertWhen_SignatureMalformed", async () => {
      const f = await load();
      const offer = await makeOffer(f);
      const signature = await signOffer(f, offer);
      for (const bad of ["0x" as Hex, signature.slice(0, 130) as Hex, `${signature}00` as Hex]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.surety.write.createPactFromOffer([offer, bad], { account: f.buyer.account }),
          f.surety,
          "Surety_InvalidSignature",
          [f.agent.account.address],
        );
      }
    });
  });

  /*//////////////////////////////////////////////////////////////
                          buyer, standing, pause
  //////////////////////////////////////////////////////////////*/

  describe("buyer restriction, standing and pause", () => {
    it("test_RevertWhen_OfferNotForCaller", async () => {
      const f = await load();
      const offer = await makeOffer(f, { buyer: f.buyer2.account.address });
      const signature = await signOffer(f, offer);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account }),
        f.surety,
        "Surety_OfferNotForCaller",
        [f.buyer2.account.address, f.buyer.account.address],
      );
      // The named buyer funds it.
      const { pactId } = await fundAt(f, offer, signature, (await now(f)) + 5, f.buyer2);
      assert.equal((await f.surety.read.getPact([pactId]))[0], PactStatus.Active);
    });

    it("test_RevertWhen_AgentPaused", async () => {
      const f = await load();
      const offer = await makeOffer(f);
      const signature = await signOffer(f, offer);
      await f.ops.write.setAgentStatus([f.agent.account.address, AgentStatus.Paused, usd("1000"), REASON], {
        account: f.operator.account,
      });
      assert.equal((await f.surety.read.standingOf([f.agent.account.address])).status, AgentStatus.Paused);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account }),
        f.surety,
        "Surety_AgentPaused",
        [f.agent.account.address],
      );
      // Once recertified, the same signed offer funds.
      await f.ops.write.recertify([f.agent.account.address, REASON], { account: f.operator.account });
      await f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account });
    });

    it("test_RevertWhen_ExposureCapExceeded", async () => {
      const f = await load();
      const cap = usd("40");
      const offer = await makeOffer(f, { collateral: usd("50") });
      const signature = await signOffer(f, offer);
      await f.ops.write.setAgentStatus([f.agent.account.address, AgentStatus.Narrowed, cap, REASON], {
        account: f.operator.account,
      });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account }),
        f.surety,
        "Surety_ExposureCapExceeded",
        [f.agent.account.address, cap, offer.collateral],
      );
    });

    it("test_GivenNarrowed_WhenExposureEqualsCap_Funds", async () => {
      const f = await load();
      const first = await makeOffer(f, { nonce: 1n, collateral: usd("30"), penalty: usd("10") });
      const second = await makeOffer(f, { nonce: 2n, collateral: usd("20"), penalty: usd("10") });
      const third = await makeOffer(f, { nonce: 3n, collateral: 1n, penalty: 0n });
      await f.ops.write.setAgentStatus([f.agent.account.address, AgentStatus.Narrowed, usd("50"), REASON], {
        account: f.operator.account,
      });
      await f.surety.write.createPactFromOffer([first, await signOffer(f, first)], { account: f.buyer.account });
      await f.surety.write.createPactFromOffer([second, await signOffer(f, second)], { account: f.buyer.account });
      assert.equal(await locked(f, f.agent.account.address), usd("50"));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([third, await signOffer(f, third)], { account: f.buyer.account }),
        f.surety,
        "Surety_ExposureCapExceeded",
        [f.agent.account.address, usd("50"), usd("50") + 1n],
      );
    });

    it("test_RevertWhen_InsufficientFreeStake", async () => {
      const f = await load();
      // Queue all but 40 mUSD of the agent's 10,000 for withdrawal: 40 stays free.
      await f.surety.write.requestWithdrawal([usd("9960")], { account: f.agent.account });
      const offer = await makeOffer(f, { collateral: usd("50") });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, await signOffer(f, offer)], { account: f.buyer.account }),
        f.surety,
        "Surety_InsufficientFreeStake",
        [f.agent.account.address, usd("40"), usd("50")],
      );
    });

    it("test_RevertWhen_CollateralAboveStake", async () => {
      const f = await load();
      const offer = await makeOffer(f, { collateral: usd("10000") + 1n });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, await signOffer(f, offer)], { account: f.buyer.account }),
        f.surety,
        "Surety_InsufficientFreeStake",
        [f.agent.account.address, usd("10000"), usd("10000") + 1n],
      );
    });

    it("test_RevertWhen_GuardianPaused", async () => {
      const f = await load();
      const offer = await makeOffer(f);
      const signature = await signOffer(f, offer);
      await f.surety.write.pause({ account: f.guardian.account });
      await viem.assertions.revertWithCustomError(
        f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account }),
        f.surety,
        "EnforcedPause",
      );
      const permit = await signPermit(f, f.usdc, f.buyer, f.surety.address, offer.price, BigInt(offer.expiry));
      await viem.assertions.revertWithCustomError(
        f.surety.write.createPactFromOfferWithPermit([offer, signature, permit], { account: f.buyer.account }),
        f.surety,
        "EnforcedPause",
      );
      await f.surety.write.unpause({ account: f.guardian.account });
      await f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account });
    });
  });

  /*//////////////////////////////////////////////////////////////
                          ERC-1271 contract agent
  //////////////////////////////////////////////////////////////*/

  describe("ERC-1271 agent", () => {
    /** Deploys a MockWallet owned by the agent's key and stakes `amount` mUSD from it. */
    async function walletAgent(f: SuretyFixture, amount = usd("500")) {
      const wallet = await viem.deployContract("MockWallet", [f.agent.account.address]);
      await f.usdc.write.mint([wallet.address, amount]);
      const approve = encodeFunctionData({
        abi: f.usdc.abi,
        functionName: "approve",
        args: [f.surety.address, amount],
      });
      await wallet.write.execute([f.usdc.address, 0n, approve], { account: f.agent.account });
      const deposit = encodeFunctionData({ abi: f.surety.abi, functionName: "depositStake", args: [amount] });
      await wallet.write.execute([f.surety.address, 0n, deposit], { account: f.agent.account });
      return wallet;
    }

    it("test_GivenContractAgent_WhenOwnerSigns_Funds", async () => {
      const f = await load();
      const wallet = await walletAgent(f);
      const [staked] = await f.surety.read.stakeOf([wallet.address]);
      assert.equal(staked, usd("500"));

      const offer = await makeOffer(f, { agent: wallet.address });
      const signature = await signOffer(f, offer, f.agent);
      const chainId = await f.publicClient.getChainId();
      const digest = hashTypedData({
        domain: offerDomain({ chainId, verifyingContract: f.surety.address }),
        types: OFFER_TYPES,
        primaryType: "Offer",
        message: offer,
      });
      assert.equal(digest, await f.surety.read.offerDigest([offer]));
      assert.equal(await wallet.read.isValidSignature([digest, signature]), ERC1271_MAGIC);

      const fundedAt = (await now(f)) + 10;
      const pactId = await f.surety.read.nextPactId();
      await nextTxAt(f, fundedAt);
      const tx = f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account });
      await viem.assertions.emitWithArgs(tx, f.surety, "OfferFunded", [pactId, wallet.address, offer.nonce]);
      assert.equal(await locked(f, wallet.address), offer.collateral);
      assert.equal(await f.surety.read.isNonceUsed([wallet.address, offer.nonce]), true);

      // The wallet delivers through `execute`; release pays it.
      const terms = termsFromOffer(offer, f.buyer.account.address, fundedAt);
      const deliver = encodeFunctionData({
        abi: f.surety.abi,
        functionName: "deliverPact",
        args: [pactId, terms, hashOf("work")],
      });
      await wallet.write.execute([f.surety.address, 0n, deliver], { account: f.agent.account });
      await f.surety.write.releasePact([pactId, terms], { account: f.buyer.account });
      assert.equal(await f.usdc.read.balanceOf([wallet.address]), offer.price);
      assert.equal(await locked(f, wallet.address), 0n);
    });

    it("test_RevertWhen_ContractAgentSignedByNonOwner", async () => {
      const f = await load();
      const wallet = await walletAgent(f);
      const offer = await makeOffer(f, { agent: wallet.address });
      const signature = await signOffer(f, offer, f.agent2);
      const digest = await f.surety.read.offerDigest([offer]);
      assert.equal(await wallet.read.isValidSignature([digest, signature]), "0x00000000");
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account }),
        f.surety,
        "Surety_InvalidSignature",
        [wallet.address],
      );
    });

    it("test_RevertWhen_ContractAgentSignatureOfOwnerAsAgent", async () => {
      const f = await load();
      const wallet = await walletAgent(f);
      // The owner's signature over an offer naming the owner EOA does not authorize one naming the wallet.
      const eoaOffer = await makeOffer(f);
      const signature = await signOffer(f, eoaOffer, f.agent);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([{ ...eoaOffer, agent: wallet.address }, signature], {
          account: f.buyer.account,
        }),
        f.surety,
        "Surety_InvalidSignature",
        [wallet.address],
      );
    });

    it("test_GivenContractAgent_WhenRevokedThroughExecute_NonceUsed", async () => {
      const f = await load();
      const wallet = await walletAgent(f);
      const offer = await makeOffer(f, { agent: wallet.address, nonce: 77n });
      const signature = await signOffer(f, offer, f.agent);
      const revoke = encodeFunctionData({ abi: f.surety.abi, functionName: "revokeOffer", args: [77n] });
      await wallet.write.execute([f.surety.address, 0n, revoke], { account: f.agent.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactFromOffer([offer, signature], { account: f.buyer.account }),
        f.surety,
        "Surety_NonceUsed",
        [wallet.address, 77n],
      );
    });
  });

  /*//////////////////////////////////////////////////////////////
                            EIP-2612 permits
  //////////////////////////////////////////////////////////////*/

  describe("permits", () => {
    /** Removes an account's standing mUSD allowance to Surety, so that only a permit can fund a pull. */
    async function revokeAllowance(f: SuretyFixture, who: Signer): Promise<void> {
      await f.usdc.write.approve([f.surety.address, 0n], { account: who.account });
      assert.equal(await f.usdc.read.allowance([who.account.address, f.surety.address]), 0n);
    }

    async function deadlineIn(f: SuretyFixture, seconds = 3_600): Promise<bigint> {
      return BigInt((await now(f)) + seconds);
    }

    it("test_WhenOfferFundedWithPermit_SpendsPermit", async () => {
      const f = await load();
      await revokeAllowance(f, f.buyer);
      const offer = await makeOffer(f);
      const signature = await signOffer(f, offer);
      const permit = await signPermit(f, f.usdc, f.buyer, f.surety.address, offer.price, await deadlineIn(f));
      const buyerBefore = await f.usdc.read.balanceOf([f.buyer.account.address]);
      const pactId = await f.surety.read.nextPactId();

      await viem.assertions.emitWithArgs(
        f.surety.write.createPactFromOfferWithPermit([offer, signature, permit], { account: f.buyer.account }),
        f.surety,
        "OfferFunded",
        [pactId, f.agent.account.address, offer.nonce],
      );
      assert.equal(await f.usdc.read.nonces([f.buyer.account.address]), 1n, "permit spent");
      assert.equal(await f.usdc.read.allowance([f.buyer.account.address, f.surety.address]), 0n);
      assert.equal(await f.usdc.read.balanceOf([f.buyer.account.address]), buyerBefore - offer.price);
      assert.equal((await f.surety.read.getPact([pactId]))[0], PactStatus.Active);
    });

    it("test_WhenPactCreatedWithPermit_SpendsPermit", async () => {
      const f = await load();
      await revokeAllowance(f, f.buyer);
      const terms = await makeTerms(f);
      const permit = await signPermit(f, f.usdc, f.buyer, f.surety.address, terms.price, await deadlineIn(f));
      const pactId = await f.surety.read.nextPactId();
      await viem.assertions.emitWithArgs(
        f.surety.write.createPactWithPermit([terms, permit], { account: f.buyer.account }),
        f.surety,
        "PactCreated",
        [pactId, f.buyer.account.address, f.agent.account.address, checksummed(terms)],
      );
      assert.equal(await f.usdc.read.nonces([f.buyer.account.address]), 1n);
      assert.equal(await f.usdc.read.balanceOf([f.surety.address]), usd("20000") + terms.price);
      assert.equal((await f.surety.read.getPact([pactId]))[0], PactStatus.Open);
    });

    it("test_GivenPermitFrontRun_WhenPactCreatedWithPermit_StillCreates", async () => {
      const f = await load();
      await revokeAllowance(f, f.buyer);
      const terms = await makeTerms(f);
      const permit = await signPermit(f, f.usdc, f.buyer, f.surety.address, terms.price, await deadlineIn(f));
      // Someone submits the buyer's permit first: the allowance is set and the signature is spent.
      await f.usdc.write.permit(
        [f.buyer.account.address, f.surety.address, terms.price, permit.deadline, permit.v, permit.r, permit.s],
        { account: f.stranger.account },
      );
      assert.equal(await f.usdc.read.allowance([f.buyer.account.address, f.surety.address]), terms.price);

      const pactId = await f.surety.read.nextPactId();
      await f.surety.write.createPactWithPermit([terms, permit], { account: f.buyer.account });
      assert.equal((await f.surety.read.getPact([pactId]))[0], PactStatus.Open);
      assert.equal(await f.usdc.read.allowance([f.buyer.account.address, f.surety.address]), 0n);
    });

    it("test_GivenPermitFrontRun_WhenOfferFundedWithPermit_StillFunds", async () => {
      const f = await load();
      await revokeAllowance(f, f.buyer);
      const offer = await makeOffer(f);
      const signature = await signOffer(f, offer);
      const permit = await signPermit(f, f.usdc, f.buyer, f.surety.address, offer.price, await deadlineIn(f));
      await f.usdc.write.permit(
        [f.buyer.account.address, f.surety.address, offer.price, permit.deadline, permit.v, permit.r, permit.s],
        { account: f.stranger.account },
      );
      const pactId = await f.surety.read.nextPactId();
      await f.surety.write.createPactFromOfferWithPermit([offer, signature, permit], { account: f.buyer.account });
      assert.equal((await f.surety.read.getPact([pactId]))[0], PactStatus.Active);
    });

    it("test_RevertWhen_InvalidPermitAndNoAllowance", async () => {
      const f = await load();
      await revokeAllowance(f, f.buyer);
      const terms = await makeTerms(f);
      const offer = await makeOffer(f);
      const signature = await signOffer(f, offer);
      const deadline = await deadlineIn(f);
      const invalid: PermitArgs[] = [
        // Signed by someone else.
        await signPermit(f, f.usdc, f.stranger, f.surety.address, terms.price, deadline),
        // For a smaller amount than the pull.
        await signPermit(f, f.usdc, f.buyer, f.surety.address, terms.price - 1n, deadline),
        // For a larger amount: Surety submits the permit with value = price, so the signature does not match.
        await signPermit(f, f.usdc, f.buyer, f.surety.address, terms.price + 1n, deadline),
        // Already expired.
        await signPermit(f, f.usdc, f.buyer, f.surety.address, terms.price, BigInt(await now(f))),
        // For another spender.
        await signPermit(f, f.usdc, f.buyer, f.stranger.account.address, terms.price, deadline),
      ];
      for (const permit of invalid) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.surety.write.createPactWithPermit([terms, permit], { account: f.buyer.account }),
          f.usdc,
          "ERC20InsufficientAllowance",
          [f.surety.address, 0n, terms.price],
        );
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.surety.write.createPactFromOfferWithPermit([offer, signature, permit], { account: f.buyer.account }),
          f.usdc,
          "ERC20InsufficientAllowance",
          [f.surety.address, 0n, offer.price],
        );
      }
      assert.equal(await f.surety.read.isNonceUsed([f.agent.account.address, offer.nonce]), false);
    });

    it("test_GivenAllowance_WhenPermitInvalid_StillCreates", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      // The fixture's standing allowance covers the price; a garbage permit is ignored.
      const garbage: PermitArgs = { deadline: 0n, v: 27, r: hashOf("r"), s: hashOf("s") };
      const pactId = await f.surety.read.nextPactId();
      await f.surety.write.createPactWithPermit([terms, garbage], { account: f.buyer.account });
      assert.equal((await f.surety.read.getPact([pactId]))[0], PactStatus.Open);
    });

    it("test_RevertWhen_EthTermsWithPermit", async () => {
      const f = await load();
      const terms = await makeTerms(f, { token: zeroAddress, price: parseEther("1"), arbiterFee: parseEther("0.1") });
      const garbage: PermitArgs = { deadline: 0n, v: 27, r: hashOf("r"), s: hashOf("s") };
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPactWithPermit([terms, garbage], { account: f.buyer.account }),
        f.surety,
        "Surety_WrongValue",
        [terms.price, 0n],
      );
    });

    it("test_WhenDisputedWithPermit_PullsFee", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      await revokeAllowance(f, f.buyer);
      const buyerBefore = await f.usdc.read.balanceOf([f.buyer.account.address]);
      const permit = await signPermit(f, f.usdc, f.buyer, f.surety.address, terms.arbiterFee, await deadlineIn(f));
      await viem.assertions.emitWithArgs(
        f.surety.write.disputePactWithPermit([pactId, terms, hashOf("reason"), permit], { account: f.buyer.account }),
        f.surety,
        "PactDisputed",
        [pactId, f.buyer.account.address, f.arbiter.account.address, hashOf("reason"), terms.arbiterFee],
      );
      assert.equal(await f.usdc.read.balanceOf([f.buyer.account.address]), buyerBefore - terms.arbiterFee);
      assert.equal(await f.usdc.read.nonces([f.buyer.account.address]), 1n);
      assert.equal((await f.surety.read.getPact([pactId]))[0], PactStatus.Disputed);
    });

    it("test_RevertWhen_DisputeWithInvalidPermitAndNoAllowance", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      await revokeAllowance(f, f.buyer);
      const permit = await signPermit(f, f.usdc, f.stranger, f.surety.address, terms.arbiterFee, await deadlineIn(f));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.disputePactWithPermit([pactId, terms, hashOf("reason"), permit], { account: f.buyer.account }),
        f.usdc,
        "ERC20InsufficientAllowance",
        [f.surety.address, 0n, terms.arbiterFee],
      );
    });

    it("test_GivenPermitFrontRun_WhenDisputedWithPermit_StillDisputes", async () => {
      const f = await load();
      const terms = await makeTerms(f);
      const pactId = await deliveredPact(f, terms);
      await revokeAllowance(f, f.buyer);
      const permit = await signPermit(f, f.usdc, f.buyer, f.surety.address, terms.arbiterFee, await deadlineIn(f));
      await f.usdc.write.permit(
        [f.buyer.account.address, f.surety.address, terms.arbiterFee, permit.deadline, permit.v, permit.r, permit.s],
        { account: f.stranger.account },
      );
      await f.surety.write.disputePactWithPermit([pactId, terms, hashOf("reason"), permit], {
        account: f.buyer.account,
      });
      assert.equal((await f.surety.read.getPact([pactId]))[0], PactStatus.Disputed);
    });

    it("test_WhenStakeDepositedWithPermit_Bonds", async () => {
      const f = await load();
      await revokeAllowance(f, f.agent);
      const amount = usd("250");
      const [stakedBefore] = await f.surety.read.stakeOf([f.agent.account.address]);
      const permit = await signPermit(f, f.usdc, f.agent, f.surety.address, amount, await deadlineIn(f));
      await viem.assertions.emitWithArgs(
        f.surety.write.depositStakeWithPermit([amount, permit], { account: f.agent.account }),
        f.surety,
        "StakeDeposited",
        [f.agent.account.address, amount, stakedBefore + amount],
      );
      const [stakedAfter, , , , free] = await f.surety.read.stakeOf([f.agent.account.address]);
      assert.equal(stakedAfter, stakedBefore + amount);
      assert.equal(free, stakedBefore + amount);
      assert.equal(await f.usdc.read.allowance([f.agent.account.address, f.surety.address]), 0n);
    });

    it("test_RevertWhen_StakeDepositWithInvalidPermitAndNoAllowance", async () => {
      const f = await load();
      await revokeAllowance(f, f.agent);
      const amount = usd("250");
      // A permit for less than the deposit does not cover it.
      const permit = await signPermit(f, f.usdc, f.agent, f.surety.address, amount - 1n, await deadlineIn(f));
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.depositStakeWithPermit([amount, permit], { account: f.agent.account }),
        f.usdc,
        "ERC20InsufficientAllowance",
        [f.surety.address, 0n, amount],
      );
    });

    it("test_GivenPermitFrontRun_WhenStakeDepositedWithPermit_StillBonds", async () => {
      const f = await load();
      await revokeAllowance(f, f.agent);
      const amount = usd("250");
      const permit = await signPermit(f, f.usdc, f.agent, f.surety.address, amount, await deadlineIn(f));
      await f.usdc.write.permit(
        [f.agent.account.address, f.surety.address, amount, permit.deadline, permit.v, permit.r, permit.s],
        { account: f.stranger.account },
      );
      const [stakedBefore] = await f.surety.read.stakeOf([f.agent.account.address]);
      await f.surety.write.depositStakeWithPermit([amount, permit], { account: f.agent.account });
      const [stakedAfter] = await f.surety.read.stakeOf([f.agent.account.address]);
      assert.equal(stakedAfter, stakedBefore + amount);
    });
  });

  it("test_GivenOfferAndDirectPactsShareIds_IdsOnlyGrow", async () => {
    const f = await load();
    const direct = await createPact(f, await makeTerms(f));
    const offer = await makeOffer(f);
    const { pactId } = await fundAt(f, offer, await signOffer(f, offer), (await now(f)) + 5);
    assert.equal(pactId, direct + 1n);
    assert.equal(await f.surety.read.nextPactId(), pactId + 1n);
  });
});
