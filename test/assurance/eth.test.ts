/**
 * Native ETH against hostile recipients and forced transfers: a recipient that reverts on receive, one that
 * re-enters Surety on receive, and ETH force-fed by SELFDESTRUCT.
 *
 * Already covered elsewhere, not repeated here: a buyer refusing ETH is credited at cancel and claims to another
 * address (pacts `test_GivenBuyerRefusesEth_WhenCancelled_CreditsBuyer`), at refund
 * (`test_GivenBuyerRefusesEth_WhenRefunded_CreditsPriceAndPaysPenalty`), and an agent refusing ETH at release
 * (`test_GivenAgentRefusesEth_WhenReleased_CreditsAgent`).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import {
  encodeErrorResult,
  getAddress,
  parseEther,
  parseEventLogs,
  zeroAddress,
  type Address,
  type Hash,
  type Hex,
} from "viem";

import {
  PactStatus,
  activePact,
  createPact,
  deliveredPact,
  deploySurety,
  disputedPact,
  hashOf,
  makeTerms,
  nextTxAt,
  statusOf,
  updatedAtOf,
  usd,
  type SuretyFixture,
  type Terms,
} from "../helpers/fixture.ts";
import { split, suretyCall } from "../helpers/pacts.ts";

const RULING = hashOf("ruling");

const ethTerms = (f: SuretyFixture, overrides: Partial<Terms> = {}) =>
  makeTerms(f, { token: zeroAddress, price: parseEther("2") + 3n, arbiterFee: parseEther("0.04"), ...overrides });

describe("Surety ETH recipients", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deploySurety);

  const ethOf = (f: SuretyFixture, address: Address) => f.publicClient.getBalance({ address });

  /*//////////////////////////////////////////////////////////////
                       RECIPIENT REVERTS ON RECEIVE
  //////////////////////////////////////////////////////////////*/

  describe("recipient that reverts on receive", () => {
    it("test_GivenArbiterRefusesEth_WhenRuled_CreditsFeeAndPaysBothParties", async () => {
      const f = await load();
      const wallet = await viem.deployContract("MockWallet", [f.arbiter2.account.address]);
      const owner = { account: f.arbiter2.account };
      await wallet.write.setRefuseEth([true], owner);
      await wallet.write.execute(
        [f.surety.address, 0n, suretyCall(f, "registerArbiter", [zeroAddress, 0n, 86_400])],
        owner,
      );
      const terms = await ethTerms(f, { arbiter: wallet.address, rulingPeriod: 86_400 });
      const pactId = await disputedPact(f, terms);

      const buyerBps = 3_500;
      const toBuyer = split(terms.price, buyerBps);
      const slash = usd("12");
      const rule = wallet.write.execute(
        [f.surety.address, 0n, suretyCall(f, "resolveDispute", [pactId, terms, buyerBps, slash, RULING])],
        owner,
      );
      await viem.assertions.balancesHaveChanged(rule, [
        { address: terms.buyer, amount: toBuyer },
        { address: terms.agent, amount: terms.price - toBuyer },
        { address: wallet.address, amount: 0n },
        { address: f.surety.address, amount: -terms.price },
      ]);
      assert.equal(await statusOf(f, pactId), PactStatus.Resolved);
      assert.equal(await f.surety.read.creditOf([zeroAddress, wallet.address]), terms.arbiterFee);
      assert.equal(await ethOf(f, f.surety.address), terms.arbiterFee);

      // The fee is claimed to the wallet's owner; a claim to the refusing wallet itself reverts.
      await viem.assertions.revertWithCustomError(
        wallet.write.execute(
          [f.surety.address, 0n, suretyCall(f, "claimPayout", [zeroAddress, wallet.address])],
          owner,
        ),
        wallet,
        "MockWallet_EthRefused",
      );
      const recipient = f.stranger.account.address;
      await viem.assertions.balancesHaveChanged(
        wallet.write.execute([f.surety.address, 0n, suretyCall(f, "claimPayout", [zeroAddress, recipient])], owner),
        [
          { address: recipient, amount: terms.arbiterFee },
          { address: f.surety.address, amount: -terms.arbiterFee },
        ],
      );
      assert.equal(await f.surety.read.creditOf([zeroAddress, wallet.address]), 0n);
      assert.equal(await ethOf(f, f.surety.address), 0n);
    });
  });

  /*//////////////////////////////////////////////////////////////
                       RECIPIENT RE-ENTERS ON RECEIVE
  //////////////////////////////////////////////////////////////*/

  describe("recipient that re-enters on receive", () => {
    async function deployRecipient(owner: SuretyFixture["buyer"]) {
      return viem.deployContract("MockReentrantRecipient", [owner.account.address]);
    }
    type Recipient = Awaited<ReturnType<typeof deployRecipient>>;

    /** The ReentryAttempted events of a transaction, as [success, returnData]. */
    async function attempts(f: SuretyFixture, recipient: Recipient, hash: Hash): Promise<[boolean, Hex][]> {
      const receipt = await f.publicClient.getTransactionReceipt({ hash });
      return parseEventLogs({ abi: recipient.abi, eventName: "ReentryAttempted", logs: receipt.logs }).map((log) => [
        log.args.success,
        log.args.returnData,
      ]);
    }

    const guard = (f: SuretyFixture): Hex =>
      encodeErrorResult({ abi: f.surety.abi, errorName: "ReentrancyGuardReentrantCall" });

    it("test_GivenBuyerReentersAndBubbles_WhenCancelled_CreditsAndClaimsOnlyElsewhere", async () => {
      const f = await load();
      const recipient = await deployRecipient(f.buyer);
      const owner = { account: f.buyer.account };
      const terms = await ethTerms(f, { buyer: recipient.address });
      const pactId = await f.surety.read.nextPactId();
      await recipient.write.execute([f.surety.address, terms.price, suretyCall(f, "createPact", [terms])], {
        ...owner,
        value: terms.price,
      });
      // On receipt it tries to cancel the same pact again, and bubbles the failure.
      await recipient.write.setReentry([f.surety.address, suretyCall(f, "cancelPact", [pactId, terms]), true], owner);

      const cancel = recipient.write.execute(
        [f.surety.address, 0n, suretyCall(f, "cancelPact", [pactId, terms])],
        owner,
      );
      await viem.assertions.emitWithArgs(cancel, f.surety, "PayoutCredited", [
        pactId,
        zeroAddress,
        getAddress(recipient.address),
        terms.price,
      ]);
      // The re-entry reverted with the guard's error inside the failed payout, so no attempt was logged.
      assert.deepEqual(await attempts(f, recipient, await cancel), []);
      assert.equal(await statusOf(f, pactId), PactStatus.Cancelled);
      assert.equal(await ethOf(f, recipient.address), 0n);
      assert.equal(await ethOf(f, f.surety.address), terms.price);
      assert.equal(await f.surety.read.creditOf([zeroAddress, recipient.address]), terms.price);

      // Claiming to itself re-enters again (now trying to claim twice); the claim reverts and the credit stays.
      const claimToSelf = suretyCall(f, "claimPayout", [zeroAddress, recipient.address]);
      await recipient.write.setReentry([f.surety.address, claimToSelf, true], owner);
      await viem.assertions.revertWithCustomError(
        recipient.write.execute([f.surety.address, 0n, claimToSelf], owner),
        f.surety,
        "ReentrancyGuardReentrantCall",
      );
      assert.equal(await f.surety.read.creditOf([zeroAddress, recipient.address]), terms.price);

      // Claiming to another address pays exactly once.
      const elsewhere = f.buyer2.account.address;
      await viem.assertions.balancesHaveChanged(
        recipient.write.execute([f.surety.address, 0n, suretyCall(f, "claimPayout", [zeroAddress, elsewhere])], owner),
        [
          { address: elsewhere, amount: terms.price },
          { address: f.surety.address, amount: -terms.price },
          { address: recipient.address, amount: 0n },
        ],
      );
      assert.equal(await f.surety.read.creditOf([zeroAddress, recipient.address]), 0n);
      assert.equal(await ethOf(f, f.surety.address), 0n);
    });

    it("test_GivenAgentReentersAndSwallows_WhenFinalized_PaidOnceAndReentryFailed", async () => {
      const f = await load();
      const recipient = await deployRecipient(f.agent);
      const owner = { account: f.agent.account };
      const terms = await ethTerms(f, { agent: recipient.address, collateral: 0n, penalty: 0n });
      const pactId = await createPact(f, terms);
      await recipient.write.execute([f.surety.address, 0n, suretyCall(f, "acceptPact", [pactId, terms])], owner);
      await recipient.write.execute(
        [f.surety.address, 0n, suretyCall(f, "deliverPact", [pactId, terms, RULING])],
        owner,
      );
      // On receipt it tries to finalize the same pact again (would pay it twice), swallowing the failure.
      await recipient.write.setReentry(
        [f.surety.address, suretyCall(f, "finalizePact", [pactId, terms]), false],
        owner,
      );
      await nextTxAt(f, (await updatedAtOf(f, pactId)) + terms.reviewPeriod + 1);

      const finalize = f.surety.write.finalizePact([pactId, terms], { account: f.stranger.account });
      await viem.assertions.balancesHaveChanged(finalize, [
        { address: recipient.address, amount: terms.price },
        { address: f.surety.address, amount: -terms.price },
      ]);
      assert.deepEqual(await attempts(f, recipient, await finalize), [[false, guard(f)]]);
      assert.equal(await statusOf(f, pactId), PactStatus.Finalized);
      assert.equal(await f.surety.read.creditOf([zeroAddress, recipient.address]), 0n);
      assert.equal(await ethOf(f, f.surety.address), 0n);
    });

    it("test_GivenRecipientReentersClaim_WhenClaimingToItself_PaidOnce", async () => {
      const f = await load();
      const recipient = await deployRecipient(f.buyer);
      const owner = { account: f.buyer.account };
      const terms = await ethTerms(f, { buyer: recipient.address });
      const pactId = await f.surety.read.nextPactId();
      await recipient.write.execute([f.surety.address, terms.price, suretyCall(f, "createPact", [terms])], {
        ...owner,
        value: terms.price,
      });
      // A bubbling re-entry makes the cancel payout fail: the price is credited.
      await recipient.write.setReentry([f.surety.address, suretyCall(f, "revokeOffer", [1n]), true], owner);
      await recipient.write.execute([f.surety.address, 0n, suretyCall(f, "cancelPact", [pactId, terms])], owner);
      assert.equal(await f.surety.read.creditOf([zeroAddress, recipient.address]), terms.price);

      // Now it claims to itself and, on receipt, tries to claim again, swallowing the failure.
      const claim = suretyCall(f, "claimPayout", [zeroAddress, recipient.address]);
      await recipient.write.setReentry([f.surety.address, claim, false], owner);
      const tx = recipient.write.execute([f.surety.address, 0n, claim], owner);
      await viem.assertions.balancesHaveChanged(tx, [
        { address: recipient.address, amount: terms.price },
        { address: f.surety.address, amount: -terms.price },
      ]);
      assert.deepEqual(await attempts(f, recipient, await tx), [[false, guard(f)]]);
      assert.equal(await f.surety.read.creditOf([zeroAddress, recipient.address]), 0n);
      assert.equal(await f.surety.read.isNonceUsed([recipient.address, 1n]), false);
    });

    it("test_GivenBuyerReentersAndBubbles_WhenRuled_OnlyBuyerShareIsCreditedAndOthersPaid", async () => {
      const f = await load();
      const recipient = await deployRecipient(f.buyer);
      const owner = { account: f.buyer.account };
      const terms = await ethTerms(f, { buyer: recipient.address });
      const pactId = await f.surety.read.nextPactId();
      await recipient.write.execute([f.surety.address, terms.price, suretyCall(f, "createPact", [terms])], {
        ...owner,
        value: terms.price,
      });
      await f.surety.write.acceptPact([pactId, terms], { account: f.agent.account });
      await f.surety.write.deliverPact([pactId, terms, hashOf("work")], { account: f.agent.account });
      await recipient.write.execute(
        [f.surety.address, terms.arbiterFee, suretyCall(f, "disputePact", [pactId, terms, hashOf("why")])],
        { ...owner, value: terms.arbiterFee },
      );
      // It tries to apply the default ruling to its own pact mid-ruling, and bubbles the failure.
      await recipient.write.setReentry(
        [f.surety.address, suretyCall(f, "applyDefaultRuling", [pactId, terms]), true],
        owner,
      );

      const buyerBps = 8_000;
      const toBuyer = split(terms.price, buyerBps);
      const slash = usd("15");
      const usdcBefore = await f.usdc.read.balanceOf([recipient.address]);
      const rule = f.surety.write.resolveDispute([pactId, terms, buyerBps, slash, RULING], {
        account: f.arbiter.account,
      });
      await viem.assertions.balancesHaveChanged(rule, [
        { address: recipient.address, amount: 0n },
        { address: terms.agent, amount: terms.price - toBuyer },
        { address: terms.arbiter, amount: terms.arbiterFee },
        { address: f.surety.address, amount: -(terms.price - toBuyer + terms.arbiterFee) },
      ]);
      assert.equal(await statusOf(f, pactId), PactStatus.Resolved);
      assert.equal(await f.surety.read.creditOf([zeroAddress, recipient.address]), toBuyer);
      // The slash is a token transfer, which does not call the recipient.
      assert.equal(await f.usdc.read.balanceOf([recipient.address]), usdcBefore + slash);
      assert.equal(await ethOf(f, f.surety.address), toBuyer);
    });
  });

  /*//////////////////////////////////////////////////////////////
                            FORCE-FED ETH
  //////////////////////////////////////////////////////////////*/

  describe("force-fed ETH", () => {
    it("test_RevertWhen_EthSentDirectly", async () => {
      const f = await load();
      await assert.rejects(f.stranger.sendTransaction({ to: f.surety.address, value: 1n }));
      assert.equal(await ethOf(f, f.surety.address), 0n);
    });

    it("test_GivenForceFedEth_WhenEveryPathSettlesAndCreditsAreClaimed_SurplusIsExactlyTheForcedAmount", async () => {
      const f = await load();
      const feeder = await viem.deployContract("MockForceFeeder");
      const forced = [parseEther("0.777") + 1n, 31n];
      let forcedSoFar = forced[0];
      await feeder.write.forceFeed([f.surety.address], { value: forced[0] });
      assert.equal(await ethOf(f, f.surety.address), forcedSoFar);
      assert.equal(await ethOf(f, feeder.address), 0n);

      const pacts: { id: bigint; terms: Terms }[] = [];
      const accounts = [f.buyer, f.agent, f.arbiter, f.stranger, f.buyer2].map((w) => w.account.address);
      const wallet = await viem.deployContract("MockWallet", [f.buyer2.account.address]);
      await wallet.write.setRefuseEth([true], { account: f.buyer2.account });
      accounts.push(wallet.address);

      /** What the contract owes in ETH, read back from its own state: live escrows, held fees, credits. */
      async function owed(): Promise<bigint> {
        let total = 0n;
        for (const { id, terms } of pacts) {
          const status = await statusOf(f, id);
          if (status === PactStatus.Disputed) total += terms.price + terms.arbiterFee;
          else if (status >= PactStatus.Open && status <= PactStatus.Delivered) total += terms.price;
        }
        for (const account of accounts) total += await f.surety.read.creditOf([zeroAddress, account]);
        return total;
      }
      const check = async (step: string) =>
        assert.equal(await ethOf(f, f.surety.address), forcedSoFar + (await owed()), `after ${step}`);

      const named = (name: string, overrides: Partial<Terms> = {}) =>
        ethTerms(f, { termsHash: hashOf(name), ...overrides });
      const open = await named("open");
      const reclaimed = await named("reclaimed");
      const active = await named("active");
      const delivered = await named("delivered");
      const disputed = await named("disputed", { defaultBuyerBps: 2_000 });
      const ruled = await named("ruled");
      const abstained = await named("abstained");
      const creditedTerms = await named("credited", { buyer: wallet.address });
      pacts.push({ id: await createPact(f, open), terms: open });
      pacts.push({ id: await createPact(f, reclaimed), terms: reclaimed });
      pacts.push({ id: await activePact(f, active), terms: active });
      pacts.push({ id: await deliveredPact(f, delivered), terms: delivered });
      pacts.push({ id: await disputedPact(f, disputed), terms: disputed });
      pacts.push({ id: await disputedPact(f, ruled), terms: ruled });
      pacts.push({ id: await disputedPact(f, abstained), terms: abstained });
      const creditedId = await f.surety.read.nextPactId();
      await wallet.write.execute(
        [f.surety.address, creditedTerms.price, suretyCall(f, "createPact", [creditedTerms])],
        {
          account: f.buyer2.account,
          value: creditedTerms.price,
        },
      );
      pacts.push({ id: creditedId, terms: creditedTerms });
      await check("funding");

      // A second force-feed in the middle of live pacts.
      await feeder.write.forceFeed([f.surety.address], { value: forced[1] });
      forcedSoFar += forced[1];
      await check("second force-feed");

      // Forced ETH is nobody's credit.
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.claimPayout([zeroAddress, f.stranger.account.address], { account: f.stranger.account }),
        f.surety,
        "Surety_NoCredit",
        [zeroAddress, getAddress(f.stranger.account.address)],
      );

      const [openId, reclaimedId, activeId, deliveredId, disputedId, ruledId, abstainedId] = pacts.map((p) => p.id);
      const anyone = { account: f.stranger.account };
      await f.surety.write.cancelPact([openId, open], { account: f.buyer.account });
      await check("cancel");
      await f.surety.write.resolveDispute([ruledId, ruled, 4_321, usd("3"), RULING], { account: f.arbiter.account });
      await check("resolve");
      await f.surety.write.abstain([abstainedId, abstained, RULING], { account: f.arbiter.account });
      await check("abstain");
      await f.surety.write.releasePact([activeId, active], { account: f.buyer.account });
      await check("release");
      await wallet.write.execute([f.surety.address, 0n, suretyCall(f, "cancelPact", [creditedId, creditedTerms])], {
        account: f.buyer2.account,
      });
      assert.equal(await f.surety.read.creditOf([zeroAddress, wallet.address]), creditedTerms.price);
      await check("credited cancel");

      const lapse = Math.max(
        reclaimed.acceptBy,
        (await updatedAtOf(f, deliveredId)) + delivered.reviewPeriod,
        (await updatedAtOf(f, disputedId)) + disputed.rulingPeriod,
      );
      await nextTxAt(f, lapse + 1);
      await f.surety.write.reclaimPact([reclaimedId, reclaimed], anyone);
      await check("reclaim");
      await f.surety.write.finalizePact([deliveredId, delivered], anyone);
      await check("finalize");
      await f.surety.write.applyDefaultRuling([disputedId, disputed], anyone);
      await check("default ruling");

      await wallet.write.execute(
        [f.surety.address, 0n, suretyCall(f, "claimPayout", [zeroAddress, f.buyer2.account.address])],
        { account: f.buyer2.account },
      );
      await check("claim");
      for (const { id } of pacts) assert.ok((await statusOf(f, id)) >= PactStatus.Cancelled, `pact ${id} ended`);
      assert.equal(await owed(), 0n);
      assert.equal(await ethOf(f, f.surety.address), forced[0] + forced[1], "the surplus is exactly what was forced");
    });

    it("test_GivenForceFedEth_WhenCreatingWithWrongValue_StillReverts", async () => {
      const f = await load();
      const feeder = await viem.deployContract("MockForceFeeder");
      const terms = await ethTerms(f);
      await feeder.write.forceFeed([f.surety.address], { value: terms.price });
      // The surplus covers the price, but only msg.value counts.
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.surety.write.createPact([terms], { account: f.buyer.account, value: 0n }),
        f.surety,
        "Surety_WrongValue",
        [terms.price, 0n],
      );
      const pactId = await createPact(f, terms);
      await f.surety.write.cancelPact([pactId, terms], { account: f.buyer.account });
      assert.equal(await ethOf(f, f.surety.address), terms.price);
    });
  });
});
