/**
 * Hostile and unusual payment and stake tokens: missing return values, false returns, zero-transfer reverts,
 * blocklists, pauses, 6 and 18 decimals, and a token whose transfer hook re-enters every external function.
 *
 * Already covered elsewhere, not repeated here: fee-on-transfer tokens refused at direct creation
 * (pacts `test_RevertWhen_FeeOnTransferToken`) and as stake (stake `test_RevertWhen_StakeTokenTakesTransferFee`);
 * an agent blocked at release is credited and claims to another address
 * (pacts `test_GivenAgentBlockedOnToken_WhenReleased_ReleasesAndCreditsAgent`).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import {
  encodeErrorResult,
  encodeFunctionData,
  erc20Abi,
  getAddress,
  maxUint256,
  parseAbi,
  parseEventLogs,
  parseUnits,
  zeroAddress,
  zeroHash,
  type Address,
  type Hash,
  type Hex,
  type TransactionReceipt,
} from "viem";

import {
  ADMIN_DELAY,
  AgentStatus,
  CONFIG,
  PactStatus,
  activePact,
  createPact,
  deliveredPact,
  deploySurety,
  disputedPact,
  hashOf,
  makeOffer,
  makeTerms,
  mineAt,
  nextTxAt,
  now,
  signOffer,
  statusOf,
  updatedAtOf,
  usd,
  type SuretyFixture,
  type Terms,
} from "../helpers/fixture.ts";
import { split } from "../helpers/pacts.ts";

const TOKEN_ABI = parseAbi([
  "function mint(address to, uint256 amount)",
  "function approve(address spender, uint256 amount)",
]);
const NO_PERMIT = { deadline: 0n, v: 0, r: zeroHash, s: zeroHash };
const RULING = hashOf("ruling");

type Surety = SuretyFixture["surety"];

/** Mints `amount` (if any) of `token` to the buyers and the stranger, approves `surety` for all of it, registers both
 * arbiters for `token`. */
async function enlist(f: SuretyFixture, token: Address, amount: bigint, surety: Surety = f.surety): Promise<void> {
  for (const who of [f.buyer, f.buyer2, f.stranger]) {
    if (amount > 0n) {
      await who.writeContract({
        address: token,
        abi: TOKEN_ABI,
        functionName: "mint",
        args: [who.account.address, amount],
      });
    }
    await who.writeContract({
      address: token,
      abi: TOKEN_ABI,
      functionName: "approve",
      args: [surety.address, maxUint256],
    });
  }
  for (const who of [f.arbiter, f.arbiter2]) {
    await surety.write.registerArbiter([token, 0n, CONFIG.maxRulingPeriod], { account: who.account });
  }
}

/** Deploys another Surety with the fixture's settings around `stakeToken`; `payoutGas` may be raised. */
async function deployWithStake(f: SuretyFixture, stakeToken: Address, payoutGas: number = CONFIG.payoutGas) {
  return f.viem.deployContract("Surety", [
    { stakeToken, ...CONFIG, payoutGas },
    f.admin.account.address,
    ADMIN_DELAY,
    f.operator.account.address,
    f.guardian.account.address,
  ]);
}

/** Gives the agents `amount` of `token`, approves `surety` and stakes `stake` of it for each. */
async function stakeAgents(f: SuretyFixture, token: Address, amount: bigint, stake: bigint, surety: Surety) {
  for (const who of [f.agent, f.agent2]) {
    await who.writeContract({
      address: token,
      abi: TOKEN_ABI,
      functionName: "mint",
      args: [who.account.address, amount],
    });
    await who.writeContract({
      address: token,
      abi: TOKEN_ABI,
      functionName: "approve",
      args: [surety.address, maxUint256],
    });
    await surety.write.depositStake([stake], { account: who.account });
  }
}

/** The fixture plus one deployed instance of every hostile payment token, each enlisted. */
async function deployHostile(connection: NetworkConnection) {
  const f = await deploySurety(connection);
  const { viem } = connection;
  const noReturn = await viem.deployContract("MockNoReturnToken");
  const falseReturn = await viem.deployContract("MockFalseReturnToken");
  const zeroRevert = await viem.deployContract("MockZeroTransferRevertToken");
  const pausable = await viem.deployContract("MockPausableToken");
  const blocklist = await viem.deployContract("MockBlocklistToken");
  for (const token of [noReturn, falseReturn, zeroRevert, pausable, blocklist]) {
    await enlist(f, token.address, parseUnits("1000000000", 18));
  }
  return { ...f, noReturn, falseReturn, zeroRevert, pausable, blocklist };
}

/** Payout gas of the hook deployment: ample, so that every hook really attempts its re-entry rather than
 * running out of gas, which would only prove the gas bound. */
const HOOK_PAYOUT_GAS = 1_000_000;

/** The fixture's accounts around a Surety whose stake token and payment token are both the re-entrant hook token. */
async function deployHooked(connection: NetworkConnection) {
  const f = await deploySurety(connection);
  const hook = await connection.viem.deployContract("MockReentrantToken");
  const surety = await deployWithStake(f, hook.address, HOOK_PAYOUT_GAS);
  const hooked = { ...f, surety };
  await enlist(hooked, hook.address, usd("1000000"));
  await stakeAgents(hooked, hook.address, usd("100000"), usd("10000"), surety);
  return { ...hooked, hook };
}

async function balanceOf(f: SuretyFixture, token: Address, who: Address): Promise<bigint> {
  if (token === zeroAddress) return f.publicClient.getBalance({ address: who });
  return f.publicClient.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [who] });
}

async function balancesOf(f: SuretyFixture, token: Address, who: Address[]): Promise<bigint[]> {
  return Promise.all(who.map((address) => balanceOf(f, token, address)));
}

/*//////////////////////////////////////////////////////////////
                       SETTLEMENT PATH DRIVER
//////////////////////////////////////////////////////////////*/

/** Every way a pact ends (release from each underway status counted apart). */
const PATHS = [
  "cancel",
  "reclaim",
  "releaseActive",
  "releaseDelivered",
  "releaseDisputed",
  "finalize",
  "refund",
  "resolve",
  "abstain",
  "defaultRuling",
] as const;
type Path = (typeof PATHS)[number];

const FINAL_STATUS: Record<Path, number> = {
  cancel: PactStatus.Cancelled,
  reclaim: PactStatus.Reclaimed,
  releaseActive: PactStatus.Released,
  releaseDelivered: PactStatus.Released,
  releaseDisputed: PactStatus.Released,
  finalize: PactStatus.Finalized,
  refund: PactStatus.Refunded,
  resolve: PactStatus.Resolved,
  abstain: PactStatus.Abstained,
  defaultRuling: PactStatus.DefaultRuled,
};

type Ruling = { buyerBps: number; slash: bigint };
type Deltas = { buyer: bigint; agent: bigint; arbiter: bigint };

/** Net change of each party's payment-token balance from before creation to after settlement. */
function expectedDeltas(terms: Terms, path: Path, ruling: Ruling): Deltas {
  const { price, arbiterFee } = terms;
  switch (path) {
    case "cancel":
    case "reclaim":
    case "refund":
      return { buyer: 0n, agent: 0n, arbiter: 0n };
    case "releaseActive":
    case "releaseDelivered":
    case "releaseDisputed":
    case "finalize":
      return { buyer: -price, agent: price, arbiter: 0n };
    case "resolve": {
      const toBuyer = split(price, ruling.buyerBps);
      return { buyer: toBuyer - price - arbiterFee, agent: price - toBuyer, arbiter: arbiterFee };
    }
    case "abstain":
    case "defaultRuling": {
      const toBuyer = split(price, terms.defaultBuyerBps);
      return { buyer: toBuyer - price, agent: price - toBuyer, arbiter: 0n };
    }
  }
}

/** Stake-token units the path slashes to the buyer. */
function slashOf(terms: Terms, path: Path, ruling: Ruling): bigint {
  if (path === "refund") return terms.penalty;
  if (path === "resolve") return ruling.slash;
  return 0n;
}

/** Drives a new pact with `terms` along `path`, each step sent by the party entitled to it. */
async function drive(f: SuretyFixture, terms: Terms, path: Path, ruling: Ruling): Promise<bigint> {
  const { surety } = f;
  const buyer = { account: terms.buyer };
  const anyone = { account: f.stranger.account };
  let pactId: bigint;
  switch (path) {
    case "cancel":
      pactId = await createPact(f, terms);
      await surety.write.cancelPact([pactId, terms], buyer);
      break;
    case "reclaim":
      pactId = await createPact(f, terms);
      await nextTxAt(f, terms.acceptBy + 1);
      await surety.write.reclaimPact([pactId, terms], anyone);
      break;
    case "releaseActive":
      pactId = await activePact(f, terms);
      await surety.write.releasePact([pactId, terms], buyer);
      break;
    case "releaseDelivered":
      pactId = await deliveredPact(f, terms);
      await surety.write.releasePact([pactId, terms], buyer);
      break;
    case "releaseDisputed":
      pactId = await disputedPact(f, terms);
      await surety.write.releasePact([pactId, terms], buyer);
      break;
    case "finalize":
      pactId = await deliveredPact(f, terms);
      await nextTxAt(f, (await updatedAtOf(f, pactId)) + terms.reviewPeriod + 1);
      await surety.write.finalizePact([pactId, terms], anyone);
      break;
    case "refund":
      pactId = await activePact(f, terms);
      await nextTxAt(f, terms.deliverBy + 1);
      await surety.write.claimRefund([pactId, terms], anyone);
      break;
    case "resolve":
      pactId = await disputedPact(f, terms);
      await surety.write.resolveDispute([pactId, terms, ruling.buyerBps, ruling.slash, RULING], {
        account: terms.arbiter,
      });
      break;
    case "abstain":
      pactId = await disputedPact(f, terms);
      await surety.write.abstain([pactId, terms, RULING], { account: terms.arbiter });
      break;
    case "defaultRuling":
      pactId = await disputedPact(f, terms);
      await nextTxAt(f, (await updatedAtOf(f, pactId)) + terms.rulingPeriod + 1);
      await surety.write.applyDefaultRuling([pactId, terms], anyone);
      break;
  }
  assert.equal(await statusOf(f, pactId), FINAL_STATUS[path], `${path}: final status`);
  return pactId;
}

/**
 * Drives a pact in `token` along `path` and checks that every party's balance (payment and stake token) moved by
 * exactly what the path owes it, that the contract's balances came back, and that nothing was credited.
 */
async function assertPathPaysExactly(
  f: SuretyFixture,
  token: Address,
  path: Path,
  overrides: Partial<Terms> = {},
  ruling: Ruling = { buyerBps: 3_000, slash: usd("7") },
): Promise<void> {
  const terms = await makeTerms(f, { token, termsHash: hashOf(`path ${path}`), ...overrides });
  const stakeToken = (await f.surety.read.config()).stakeToken;
  const who = [terms.buyer, terms.agent, terms.arbiter, f.surety.address];
  const before = await balancesOf(f, token, who);
  const stakeBefore = await balancesOf(f, stakeToken, who);
  const [stakedBefore] = await f.surety.read.stakeOf([terms.agent]);

  await drive(f, terms, path, ruling);

  const e = expectedDeltas(terms, path, ruling);
  const slash = slashOf(terms, path, ruling);
  const sameToken = getAddress(stakeToken) === getAddress(token);
  const expected = [e.buyer, e.agent, e.arbiter, -(e.buyer + e.agent + e.arbiter)];
  if (sameToken) {
    expected[0] += slash;
    expected[3] -= slash;
  }
  const after = await balancesOf(f, token, who);
  assert.deepEqual(
    after.map((b, i) => b - before[i]),
    expected,
    `${path}: payment-token deltas [buyer, agent, arbiter, surety]`,
  );
  if (!sameToken) {
    const stakeAfter = await balancesOf(f, stakeToken, who);
    assert.deepEqual(
      stakeAfter.map((b, i) => b - stakeBefore[i]),
      [slash, 0n, 0n, -slash],
      `${path}: stake-token deltas [buyer, agent, arbiter, surety]`,
    );
  }
  const [stakedAfter, locked] = await f.surety.read.stakeOf([terms.agent]);
  assert.equal(stakedAfter, stakedBefore - slash, `${path}: stake slashed by exactly the slash`);
  assert.equal(locked, 0n, `${path}: collateral unlocked`);
  for (const account of who) {
    assert.equal(await f.surety.read.creditOf([token, account]), 0n, `${path}: nothing credited`);
  }
}

/*//////////////////////////////////////////////////////////////
                                 TESTS
//////////////////////////////////////////////////////////////*/

describe("Surety hostile tokens", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deployHostile);
  const loadHooked = () => networkHelpers.loadFixture(deployHooked);

  const expectError = viem.assertions.revertWithCustomErrorWithArgs;

  /*//////////////////////////////////////////////////////////////
                      EVERY PATH, EVERY TOKEN KIND
  //////////////////////////////////////////////////////////////*/

  describe("every settlement path pays exactly", () => {
    const kinds: {
      name: string;
      token: (f: Awaited<ReturnType<typeof load>>) => Address;
      overrides?: Partial<Terms>;
    }[] = [
      { name: "NoReturnToken", token: (f) => f.noReturn.address },
      { name: "FalseReturnToken", token: (f) => f.falseReturn.address },
      { name: "ZeroTransferRevertToken", token: (f) => f.zeroRevert.address },
      { name: "PausableToken", token: (f) => f.pausable.address },
      { name: "BlocklistToken", token: (f) => f.blocklist.address },
      // 6 decimals, and the stake token itself, so slashes and prices share a balance.
      { name: "SixDecimalStakeToken", token: (f) => f.usdc.address },
      {
        name: "EighteenDecimalToken",
        token: (f) => f.dai.address,
        overrides: { price: parseUnits("12345.678901234567891", 18), arbiterFee: parseUnits("12.5", 18) + 1n },
      },
    ];
    for (const kind of kinds) {
      it(`test_Given${kind.name}_WhenEverySettlementPath_PaysEachPartyExactly`, async () => {
        const f = await load();
        for (const path of PATHS) await assertPathPaysExactly(f, kind.token(f), path, kind.overrides);
      });
    }
  });

  /*//////////////////////////////////////////////////////////////
                        MISSING RETURN VALUES
  //////////////////////////////////////////////////////////////*/

  describe("fee on transfer", () => {
    it("test_RevertWhen_OfferFundedInFeeOnTransferToken", async () => {
      const f = await load();
      const fot = await viem.deployContract("MockFeeOnTransferToken");
      await enlist(f, fot.address, 1_000_000n);
      const offer = await makeOffer(f, { token: fot.address, price: 10_000n, arbiterFee: 0n });
      await expectError(
        f.surety.write.createPactFromOffer([offer, await signOffer(f, offer)], { account: f.buyer.account }),
        f.surety,
        "Surety_TransferMismatch",
        [getAddress(fot.address), 10_000n, 9_900n],
      );
      assert.equal(await f.surety.read.isNonceUsed([offer.agent, offer.nonce]), false);
      assert.equal(await f.surety.read.nextPactId(), 1n);
      assert.equal(await balanceOf(f, fot.address, f.surety.address), 0n);
    });
  });

  describe("missing return values (USDT-like)", () => {
    it("test_GivenNoReturnToken_WhenCreatedAcceptedDeliveredReleased_PaysAgent", async () => {
      const f = await load();
      const token = f.noReturn.address;
      const terms = await makeTerms(f, { token });
      const who = [terms.buyer, terms.agent, f.surety.address];
      const before = await balancesOf(f, token, who);
      const pactId = await createPact(f, terms);
      assert.deepEqual(await balancesOf(f, token, who), [before[0] - terms.price, before[1], before[2] + terms.price]);
      await f.surety.write.acceptPact([pactId, terms], { account: f.agent.account });
      await f.surety.write.deliverPact([pactId, terms, hashOf("work")], { account: f.agent.account });
      await viem.assertions.emitWithArgs(
        f.surety.write.releasePact([pactId, terms], { account: f.buyer.account }),
        f.surety,
        "PactReleased",
        [pactId, getAddress(terms.buyer), getAddress(terms.agent), terms.price, 0n],
      );
      assert.deepEqual(await balancesOf(f, token, who), [before[0] - terms.price, before[1] + terms.price, before[2]]);
      assert.equal(await f.surety.read.creditOf([token, terms.agent]), 0n);
    });

    it("test_GivenNoReturnTokenWithoutPermit_WhenUsingPermitEntryPoints_IgnoresPermitAndPulls", async () => {
      const f = await load();
      const token = f.noReturn.address;
      const terms = await makeTerms(f, { token });
      const pactId = await f.surety.read.nextPactId();
      // The token has no permit function: the failed permit call is ignored and the allowance is used.
      await f.surety.write.createPactWithPermit([terms, NO_PERMIT], { account: f.buyer.account });
      await f.surety.write.acceptPact([pactId, terms], { account: f.agent.account });
      await f.surety.write.deliverPact([pactId, terms, hashOf("work")], { account: f.agent.account });
      await f.surety.write.disputePactWithPermit([pactId, terms, hashOf("why"), NO_PERMIT], {
        account: f.buyer.account,
      });
      assert.equal(await statusOf(f, pactId), PactStatus.Disputed);
      assert.equal(await balanceOf(f, token, f.surety.address), terms.price + terms.arbiterFee);
      const offer = await makeOffer(f, { token });
      await f.surety.write.createPactFromOfferWithPermit([offer, await signOffer(f, offer), NO_PERMIT], {
        account: f.buyer.account,
      });
      assert.equal(await balanceOf(f, token, f.surety.address), terms.price + terms.arbiterFee + offer.price);
    });

    it("test_RevertWhen_NoReturnTokenTransferFromFails", async () => {
      const f = await load();
      await f.noReturn.write.approve([f.surety.address, usd("99")], { account: f.buyer.account });
      const terms = await makeTerms(f, { token: f.noReturn.address, price: usd("100") });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.noReturn,
        "MockNoReturnToken_InsufficientAllowance",
        [getAddress(f.buyer.account.address), getAddress(f.surety.address), usd("99"), usd("100")],
      );
      assert.equal(await f.surety.read.nextPactId(), 1n);
    });

    it("test_GivenNoReturnStakeToken_WhenDepositSlashAndWithdraw_MovesExactStake", async () => {
      const base = await load();
      const surety = await deployWithStake(base, base.noReturn.address);
      const f = { ...base, surety };
      const token = base.noReturn.address;
      await stakeAgents(f, token, usd("1000"), usd("600"), surety);
      await enlist(f, token, 0n, surety);
      assert.equal(await balanceOf(f, token, surety.address), usd("1200"));

      // Refund slashes the penalty to the buyer through a transfer that returns nothing.
      const terms = await makeTerms(f, { token, collateral: usd("300"), penalty: usd("120") });
      const pactId = await activePact(f, terms);
      await nextTxAt(f, terms.deliverBy + 1);
      const buyerBefore = await balanceOf(f, token, terms.buyer);
      await f.surety.write.claimRefund([pactId, terms], { account: f.stranger.account });
      assert.equal(await balanceOf(f, token, terms.buyer), buyerBefore + terms.price + terms.penalty);
      assert.equal(await surety.read.creditOf([token, terms.buyer]), 0n);
      const [staked, locked] = await surety.read.stakeOf([terms.agent]);
      assert.deepEqual([staked, locked], [usd("480"), 0n]);

      // Withdrawal pays the whole queue through the same transfer.
      await surety.write.requestWithdrawal([usd("480")], { account: f.agent.account });
      const { readyAt } = await surety.read.stakeAccount([terms.agent]);
      await nextTxAt(f, readyAt);
      await surety.write.withdrawStake([f.stranger.account.address], { account: f.agent.account });
      assert.equal(await balanceOf(f, token, surety.address), usd("600"), "only agent2's stake is left");
    });
  });

  /*//////////////////////////////////////////////////////////////
                            RETURNS FALSE
  //////////////////////////////////////////////////////////////*/

  describe("returns false instead of reverting", () => {
    it("test_RevertWhen_FalseReturnTokenFundingReturnsFalse", async () => {
      const f = await load();
      const token = f.falseReturn.address;
      const failed: [Address] = [getAddress(token)];
      // Short allowance: transferFrom returns false.
      await f.falseReturn.write.approve([f.surety.address, usd("99")], { account: f.buyer.account });
      const terms = await makeTerms(f, { token, price: usd("100") });
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "SafeERC20FailedOperation",
        failed,
      );
      // Short balance, for direct creation and for a signed offer.
      await f.falseReturn.write.approve([f.surety.address, maxUint256], { account: f.buyer.account });
      const rich = await balanceOf(f, token, terms.buyer);
      const broke = await makeTerms(f, { token, price: rich + 1n });
      await expectError(
        f.surety.write.createPact([broke], { account: f.buyer.account }),
        f.surety,
        "SafeERC20FailedOperation",
        failed,
      );
      const offer = await makeOffer(f, { token, price: rich + 1n });
      await expectError(
        f.surety.write.createPactFromOffer([offer, await signOffer(f, offer)], { account: f.buyer.account }),
        f.surety,
        "SafeERC20FailedOperation",
        failed,
      );
      // A delivered pact whose dispute fee cannot be pulled stays Delivered.
      const pactId = await deliveredPact(f, terms);
      await f.falseReturn.write.setFailing([true]);
      await expectError(
        f.surety.write.disputePact([pactId, terms, hashOf("reason")], { account: f.buyer.account }),
        f.surety,
        "SafeERC20FailedOperation",
        failed,
      );
      assert.equal(await statusOf(f, pactId), PactStatus.Delivered);
      assert.equal(await balanceOf(f, token, f.surety.address), terms.price);
      assert.equal(await f.surety.read.nextPactId(), 2n);
      assert.equal(await f.surety.read.isNonceUsed([f.agent.account.address, offer.nonce]), false);
    });

    it("test_GivenFalseReturnToken_WhenPayoutsReturnFalse_CreditsEveryoneThenClaimsPay", async () => {
      const f = await load();
      const token = f.falseReturn.address;
      const terms = await makeTerms(f, { token });
      const ruled = await disputedPact(f, terms);
      const released = await deliveredPact(f, terms);
      await f.falseReturn.write.setFailing([true]);

      const buyerBps = 4_000;
      const toBuyer = split(terms.price, buyerBps);
      const slash = usd("9");
      const ruling = f.surety.write.resolveDispute([ruled, terms, buyerBps, slash, RULING], {
        account: f.arbiter.account,
      });
      await viem.assertions.emitWithArgs(ruling, f.surety, "PayoutCredited", [
        ruled,
        getAddress(token),
        getAddress(terms.arbiter),
        terms.arbiterFee,
      ]);
      await f.surety.write.releasePact([released, terms], { account: f.buyer.account });
      assert.equal(await statusOf(f, ruled), PactStatus.Resolved);
      assert.equal(await statusOf(f, released), PactStatus.Released);
      const credits = {
        buyer: toBuyer,
        agent: terms.price - toBuyer + terms.price,
        arbiter: terms.arbiterFee,
      };
      assert.equal(await f.surety.read.creditOf([token, terms.buyer]), credits.buyer);
      assert.equal(await f.surety.read.creditOf([token, terms.agent]), credits.agent);
      assert.equal(await f.surety.read.creditOf([token, terms.arbiter]), credits.arbiter);
      // The slash is in the healthy stake token and was paid.
      assert.equal(await f.surety.read.creditOf([f.usdc.address, terms.buyer]), 0n);
      const escrow = 2n * terms.price + terms.arbiterFee;
      assert.equal(await balanceOf(f, token, f.surety.address), escrow);

      // A claim that returns false reverts and keeps the credit.
      await expectError(
        f.surety.write.claimPayout([token, terms.agent], { account: f.agent.account }),
        f.surety,
        "SafeERC20FailedOperation",
        [getAddress(token)],
      );
      assert.equal(await f.surety.read.creditOf([token, terms.agent]), credits.agent);

      await f.falseReturn.write.setFailing([false]);
      for (const [party, amount] of [
        [f.buyer, credits.buyer],
        [f.agent, credits.agent],
        [f.arbiter, credits.arbiter],
      ] as const) {
        const before = await balanceOf(f, token, party.account.address);
        await f.surety.write.claimPayout([token, party.account.address], { account: party.account });
        assert.equal(await balanceOf(f, token, party.account.address), before + amount);
        assert.equal(await f.surety.read.creditOf([token, party.account.address]), 0n);
      }
      assert.equal(await balanceOf(f, token, f.surety.address), 0n);
    });
  });

  /*//////////////////////////////////////////////////////////////
                        REVERTS ON ZERO TRANSFERS
  //////////////////////////////////////////////////////////////*/

  describe("reverts on zero transfers", () => {
    it("test_GivenZeroRevertToken_WhenRuledAtBpsBounds_NeverTransfersZero", async () => {
      const f = await load();
      const token = f.zeroRevert.address;
      for (const buyerBps of [0, 10_000]) {
        for (const slash of [0n, usd("50")]) {
          await assertPathPaysExactly(
            f,
            token,
            "resolve",
            { termsHash: hashOf(`bps ${buyerBps}`) },
            { buyerBps, slash },
          );
        }
      }
    });

    it("test_GivenZeroRevertToken_WhenArbiterFeeZero_DisputesRulesReleasesAndDefaults", async () => {
      const f = await load();
      const token = f.zeroRevert.address;
      const zeroFee = { arbiterFee: 0n };
      for (const path of ["releaseDisputed", "resolve", "abstain", "defaultRuling"] as const) {
        await assertPathPaysExactly(f, token, path, zeroFee);
      }
      // Default splits at both bounds with no fee: one side gets nothing and no transfer of zero is tried.
      for (const defaultBuyerBps of [0, 10_000]) {
        for (const path of ["abstain", "defaultRuling"] as const) {
          await assertPathPaysExactly(f, token, path, { ...zeroFee, defaultBuyerBps });
        }
        await assertPathPaysExactly(
          f,
          token,
          "resolve",
          { ...zeroFee, defaultBuyerBps },
          { buyerBps: 10_000, slash: 0n },
        );
      }
    });

    it("test_GivenZeroRevertStakeToken_WhenNothingToSlash_SettlesWithoutZeroTransfers", async () => {
      const base = await load();
      const token = base.zeroRevert.address;
      const surety = await deployWithStake(base, token);
      const f = { ...base, surety };
      await enlist(f, token, 0n, surety);
      await stakeAgents(f, token, usd("1000"), usd("500"), surety);
      const noSlash = { collateral: usd("50"), penalty: 0n };
      await assertPathPaysExactly(f, token, "refund", noSlash);
      await assertPathPaysExactly(f, token, "resolve", noSlash, { buyerBps: 10_000, slash: 0n });
      // No collateral at all: nothing is locked, unlocked or moved in the stake token.
      await assertPathPaysExactly(f, token, "refund", { collateral: 0n, penalty: 0n });
      await expectError(surety.write.depositStake([0n], { account: f.agent.account }), surety, "Surety_ZeroAmount", []);
    });
  });

  /*//////////////////////////////////////////////////////////////
                              BLOCKLIST
  //////////////////////////////////////////////////////////////*/

  describe("blocklist (USDC-like)", () => {
    type Party = "buyer" | "agent" | "arbiter";

    /** Credits of `party` are claimed to buyer2 (a fresh address) while it is still blocked. */
    async function claimElsewhere(f: Awaited<ReturnType<typeof load>>, who: Address, amount: bigint) {
      const token = f.blocklist.address;
      const recipient = f.buyer2.account.address;
      await expectError(
        f.surety.write.claimPayout([token, who], { account: who }),
        f.blocklist,
        "MockBlocklistToken_Blocked",
        [getAddress(who)],
      );
      const before = await balanceOf(f, token, recipient);
      await f.surety.write.claimPayout([token, recipient], { account: who });
      assert.equal(await balanceOf(f, token, recipient), before + amount);
      assert.equal(await f.surety.read.creditOf([token, who]), 0n);
    }

    it("test_GivenBuyerBlocked_WhenRefunded_CreditsBuyerAndStillSlashesAndUnlocks", async () => {
      const f = await load();
      const token = f.blocklist.address;
      const terms = await makeTerms(f, { token });
      const pactId = await activePact(f, terms);
      await f.blocklist.write.setBlocked([terms.buyer, true]);
      await nextTxAt(f, terms.deliverBy + 1);
      const usdcBefore = await balanceOf(f, f.usdc.address, terms.buyer);
      const [stakedBefore] = await f.surety.read.stakeOf([terms.agent]);
      await viem.assertions.emitWithArgs(
        f.surety.write.claimRefund([pactId, terms], { account: f.stranger.account }),
        f.surety,
        "PayoutCredited",
        [pactId, getAddress(token), getAddress(terms.buyer), terms.price],
      );
      assert.equal(await statusOf(f, pactId), PactStatus.Refunded);
      assert.equal(await f.surety.read.creditOf([token, terms.buyer]), terms.price);
      // The penalty is in the stake token, where the buyer is not blocked.
      assert.equal(await balanceOf(f, f.usdc.address, terms.buyer), usdcBefore + terms.penalty);
      const [staked, locked] = await f.surety.read.stakeOf([terms.agent]);
      assert.deepEqual([staked, locked], [stakedBefore - terms.penalty, 0n]);
      await claimElsewhere(f, terms.buyer, terms.price);
    });

    it("test_GivenBuyerBlocked_WhenCancelledOrReclaimed_CreditsBuyer", async () => {
      const f = await load();
      const token = f.blocklist.address;
      const cancelled = await makeTerms(f, { token, termsHash: hashOf("cancelled") });
      const reclaimed = await makeTerms(f, { token, termsHash: hashOf("reclaimed"), price: usd("33") });
      const cancelId = await createPact(f, cancelled);
      const reclaimId = await createPact(f, reclaimed);
      await f.blocklist.write.setBlocked([f.buyer.account.address, true]);
      await f.surety.write.cancelPact([cancelId, cancelled], { account: f.buyer.account });
      await nextTxAt(f, reclaimed.acceptBy + 1);
      await f.surety.write.reclaimPact([reclaimId, reclaimed], { account: f.stranger.account });
      assert.equal(await statusOf(f, cancelId), PactStatus.Cancelled);
      assert.equal(await statusOf(f, reclaimId), PactStatus.Reclaimed);
      await claimElsewhere(f, f.buyer.account.address, cancelled.price + reclaimed.price);
      assert.equal(await balanceOf(f, token, f.surety.address), 0n);
    });

    it("test_GivenAgentBlocked_WhenFinalized_CreditsAgentAndUnlocks", async () => {
      const f = await load();
      const token = f.blocklist.address;
      const terms = await makeTerms(f, { token });
      const pactId = await deliveredPact(f, terms);
      await f.blocklist.write.setBlocked([terms.agent, true]);
      await nextTxAt(f, (await updatedAtOf(f, pactId)) + terms.reviewPeriod + 1);
      await f.surety.write.finalizePact([pactId, terms], { account: f.stranger.account });
      assert.equal(await statusOf(f, pactId), PactStatus.Finalized);
      const [, locked] = await f.surety.read.stakeOf([terms.agent]);
      assert.equal(locked, 0n);
      await claimElsewhere(f, terms.agent, terms.price);
    });

    for (const blocked of ["buyer", "agent", "arbiter"] as Party[]) {
      const name = blocked[0].toUpperCase() + blocked.slice(1);
      it(`test_Given${name}Blocked_WhenRuled_CreditsItAndPaysTheOthers`, async () => {
        const f = await load();
        const token = f.blocklist.address;
        const terms = await makeTerms(f, { token });
        const pactId = await disputedPact(f, terms);
        const parties: Record<Party, Address> = { buyer: terms.buyer, agent: terms.agent, arbiter: terms.arbiter };
        await f.blocklist.write.setBlocked([parties[blocked], true]);
        const buyerBps = 2_500;
        const toBuyer = split(terms.price, buyerBps);
        const owed: Record<Party, bigint> = {
          buyer: toBuyer,
          agent: terms.price - toBuyer,
          arbiter: terms.arbiterFee,
        };
        const who = [terms.buyer, terms.agent, terms.arbiter, f.surety.address];
        const before = await balancesOf(f, token, who);
        await f.surety.write.resolveDispute([pactId, terms, buyerBps, usd("5"), RULING], {
          account: f.arbiter.account,
        });
        assert.equal(await statusOf(f, pactId), PactStatus.Resolved);
        const paid = (party: Party) => (party === blocked ? 0n : owed[party]);
        assert.deepEqual(
          (await balancesOf(f, token, who)).map((b, i) => b - before[i]),
          [paid("buyer"), paid("agent"), paid("arbiter"), -(terms.price + terms.arbiterFee) + owed[blocked]],
        );
        for (const party of ["buyer", "agent", "arbiter"] as Party[]) {
          const credit = await f.surety.read.creditOf([token, parties[party]]);
          assert.equal(credit, party === blocked ? owed[party] : 0n, `${party} credit`);
        }
        await claimElsewhere(f, parties[blocked], owed[blocked]);
        assert.equal(await balanceOf(f, token, f.surety.address), 0n);
      });
    }

    it("test_GivenBuyerBlocked_WhenDefaultRuling_CreditsShareAndFeeAndPaysAgent", async () => {
      const f = await load();
      const token = f.blocklist.address;
      const terms = await makeTerms(f, { token, defaultBuyerBps: 6_000 });
      const pactId = await disputedPact(f, terms);
      await f.blocklist.write.setBlocked([terms.buyer, true]);
      await nextTxAt(f, (await updatedAtOf(f, pactId)) + terms.rulingPeriod + 1);
      const agentBefore = await balanceOf(f, token, terms.agent);
      await f.surety.write.applyDefaultRuling([pactId, terms], { account: f.stranger.account });
      const toBuyer = split(terms.price, 6_000);
      assert.equal(await balanceOf(f, token, terms.agent), agentBefore + terms.price - toBuyer);
      await claimElsewhere(f, terms.buyer, toBuyer + terms.arbiterFee);
    });

    it("test_GivenSuretyItselfBlocked_WhenSettling_CreditsEveryoneUntilUnblocked", async () => {
      const f = await load();
      const token = f.blocklist.address;
      const terms = await makeTerms(f, { token });
      const released = await deliveredPact(f, terms);
      const ruled = await disputedPact(f, terms);
      await f.blocklist.write.setBlocked([f.surety.address, true]);

      // Settlement still runs to the end; every payout becomes a credit.
      await f.surety.write.releasePact([released, terms], { account: f.buyer.account });
      await f.surety.write.resolveDispute([ruled, terms, 5_000, 0n, RULING], { account: f.arbiter.account });
      assert.equal(await statusOf(f, released), PactStatus.Released);
      assert.equal(await statusOf(f, ruled), PactStatus.Resolved);
      const half = split(terms.price, 5_000);
      const credits: [SuretyFixture["buyer"], bigint][] = [
        [f.buyer, half],
        [f.agent, terms.price + (terms.price - half)],
        [f.arbiter, terms.arbiterFee],
      ];
      for (const [party, amount] of credits) {
        assert.equal(await f.surety.read.creditOf([token, party.account.address]), amount);
        await expectError(
          f.surety.write.claimPayout([token, party.account.address], { account: party.account }),
          f.blocklist,
          "MockBlocklistToken_Blocked",
          [getAddress(f.surety.address)],
        );
      }
      // New funding is refused while the escrow is blocked.
      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.blocklist,
        "MockBlocklistToken_Blocked",
        [getAddress(f.surety.address)],
      );

      await f.blocklist.write.setBlocked([f.surety.address, false]);
      for (const [party, amount] of credits) {
        const before = await balanceOf(f, token, party.account.address);
        await f.surety.write.claimPayout([token, party.account.address], { account: party.account });
        assert.equal(await balanceOf(f, token, party.account.address), before + amount);
      }
      assert.equal(await balanceOf(f, token, f.surety.address), 0n);
    });
  });

  /*//////////////////////////////////////////////////////////////
                            PAUSABLE TOKEN
  //////////////////////////////////////////////////////////////*/

  describe("pausable token", () => {
    /** One pact in each live status, in the pausable token. */
    async function livePacts(f: Awaited<ReturnType<typeof load>>) {
      const token = f.pausable.address;
      const named = (name: string) => makeTerms(f, { token, termsHash: hashOf(name), defaultBuyerBps: 7_000 });
      const open = await named("open");
      const active = await named("active");
      const delivered = await named("delivered");
      const disputed = await named("disputed");
      const ids = {
        open: await createPact(f, open),
        active: await activePact(f, active),
        delivered: await deliveredPact(f, delivered),
        disputed: await disputedPact(f, disputed),
      };
      const lastDeadline = Math.max(
        open.acceptBy,
        active.deliverBy,
        (await updatedAtOf(f, ids.delivered)) + delivered.reviewPeriod,
        (await updatedAtOf(f, ids.disputed)) + disputed.rulingPeriod,
      );
      const toBuyer = split(disputed.price, 7_000);
      // What each party is owed in the pausable token once every pact ends through its deadline.
      const owed = {
        buyer: open.price + active.price + toBuyer + disputed.arbiterFee,
        agent: delivered.price + disputed.price - toBuyer,
      };
      return { open, active, delivered, disputed, ids, lastDeadline, owed };
    }

    /** Ends every live pact through its deadline, as a stranger. */
    async function endByDeadlines(f: Awaited<ReturnType<typeof load>>, live: Awaited<ReturnType<typeof livePacts>>) {
      const anyone = { account: f.stranger.account };
      await f.surety.write.reclaimPact([live.ids.open, live.open], anyone);
      await f.surety.write.claimRefund([live.ids.active, live.active], anyone);
      await f.surety.write.finalizePact([live.ids.delivered, live.delivered], anyone);
      await f.surety.write.applyDefaultRuling([live.ids.disputed, live.disputed], anyone);
      assert.equal(await statusOf(f, live.ids.open), PactStatus.Reclaimed);
      assert.equal(await statusOf(f, live.ids.active), PactStatus.Refunded);
      assert.equal(await statusOf(f, live.ids.delivered), PactStatus.Finalized);
      assert.equal(await statusOf(f, live.ids.disputed), PactStatus.DefaultRuled);
      const [, locked] = await f.surety.read.stakeOf([f.agent.account.address]);
      assert.equal(locked, 0n);
    }

    it("test_GivenTokenPaused_WhenFundingOrDisputingWithFee_RevertsWithTokenError", async () => {
      const f = await load();
      const token = f.pausable.address;
      const terms = await makeTerms(f, { token });
      const pactId = await deliveredPact(f, terms);
      const feeless = await makeTerms(f, { token, arbiterFee: 0n, termsHash: hashOf("feeless") });
      const feelessId = await deliveredPact(f, feeless);
      await f.pausable.write.pause();

      await expectError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.pausable,
        "EnforcedPause",
        [],
      );
      // The dispute fee cannot be pulled either: a fee-paying buyer cannot dispute while the token is paused.
      await expectError(
        f.surety.write.disputePact([pactId, terms, hashOf("reason")], { account: f.buyer.account }),
        f.pausable,
        "EnforcedPause",
        [],
      );
      assert.equal(await statusOf(f, pactId), PactStatus.Delivered);
      // With no fee there is nothing to pull, so the dispute goes through.
      await f.surety.write.disputePact([feelessId, feeless, hashOf("reason")], { account: f.buyer.account });
      assert.equal(await statusOf(f, feelessId), PactStatus.Disputed);
    });

    it("test_GivenTokenPaused_WhenDeadlinesLapse_EveryPactEndsWithCreditsClaimableAfterUnpause", async () => {
      const f = await load();
      const token = f.pausable.address;
      const live = await livePacts(f);
      const released = await makeTerms(f, { token, termsHash: hashOf("released") });
      const releasedId = await deliveredPact(f, released);
      await f.pausable.write.pause();

      // The buyer can still release; the payout is credited.
      await viem.assertions.emitWithArgs(
        f.surety.write.releasePact([releasedId, released], { account: f.buyer.account }),
        f.surety,
        "PayoutCredited",
        [releasedId, getAddress(token), getAddress(released.agent), released.price],
      );
      await nextTxAt(f, live.lastDeadline + 1);
      await endByDeadlines(f, live);

      const owed = { buyer: live.owed.buyer, agent: live.owed.agent + released.price };
      assert.equal(await f.surety.read.creditOf([token, f.buyer.account.address]), owed.buyer);
      assert.equal(await f.surety.read.creditOf([token, f.agent.account.address]), owed.agent);
      await expectError(
        f.surety.write.claimPayout([token, f.buyer.account.address], { account: f.buyer.account }),
        f.pausable,
        "EnforcedPause",
        [],
      );

      await f.pausable.write.unpause();
      for (const [party, amount] of [
        [f.buyer, owed.buyer],
        [f.agent, owed.agent],
      ] as const) {
        const before = await balanceOf(f, token, party.account.address);
        await f.surety.write.claimPayout([token, party.account.address], { account: party.account });
        assert.equal(await balanceOf(f, token, party.account.address), before + amount);
      }
      assert.equal(await balanceOf(f, token, f.surety.address), 0n);
    });

    it("test_GivenTokenPausedPastEveryDeadline_WhenUnpaused_DeadlinesEndEveryPactAndPayDirectly", async () => {
      const f = await load();
      const token = f.pausable.address;
      const live = await livePacts(f);
      await f.pausable.write.pause();
      await networkHelpers.time.increaseTo(live.lastDeadline + 1);
      await f.pausable.write.unpause();

      const who = [f.buyer.account.address, f.agent.account.address];
      const before = await balancesOf(f, token, who);
      await endByDeadlines(f, live);
      assert.deepEqual(await balancesOf(f, token, who), [before[0] + live.owed.buyer, before[1] + live.owed.agent]);
      for (const account of who) assert.equal(await f.surety.read.creditOf([token, account]), 0n);
      assert.equal(await balanceOf(f, token, f.surety.address), 0n);
    });

    it("test_GivenPausedStakeToken_WhenWithdrawingOrSlashing_KeepsQueueAndCreditsSlash", async () => {
      const base = await load();
      const token = base.pausable.address;
      const surety = await deployWithStake(base, token);
      const f = { ...base, surety };
      await stakeAgents(f, token, usd("1000"), usd("500"), surety);
      await enlist(f, token, 0n, surety);
      const terms = await makeTerms(f, { token: f.usdc.address, collateral: usd("100"), penalty: usd("40") });
      await f.usdc.write.approve([surety.address, maxUint256], { account: f.buyer.account });
      await surety.write.registerArbiter([f.usdc.address, 0n, CONFIG.maxRulingPeriod], { account: f.arbiter.account });
      const pactId = await activePact(f, terms);
      await surety.write.requestWithdrawal([usd("400")], { account: f.agent.account });
      const { readyAt } = await surety.read.stakeAccount([f.agent.account.address]);
      await f.pausable.write.pause();

      await expectError(
        surety.write.depositStake([usd("1")], { account: f.agent.account }),
        f.pausable,
        "EnforcedPause",
        [],
      );
      await mineAt(f, Math.max(readyAt, terms.deliverBy + 1));
      await expectError(
        surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account }),
        f.pausable,
        "EnforcedPause",
        [],
      );
      assert.equal((await surety.read.stakeAccount([f.agent.account.address])).queued, usd("400"));
      // The refund pays the price (mUSD) and credits the penalty (paused stake token).
      await surety.write.claimRefund([pactId, terms], { account: f.stranger.account });
      assert.equal(await surety.read.creditOf([token, terms.buyer]), terms.penalty);
      assert.equal(await surety.read.creditOf([f.usdc.address, terms.buyer]), 0n);

      await f.pausable.write.unpause();
      const agentBefore = await balanceOf(f, token, f.agent.account.address);
      await surety.write.withdrawStake([f.agent.account.address], { account: f.agent.account });
      assert.equal(await balanceOf(f, token, f.agent.account.address), agentBefore + usd("400"));
      const buyerBefore = await balanceOf(f, token, terms.buyer);
      await surety.write.claimPayout([token, terms.buyer], { account: f.buyer.account });
      assert.equal(await balanceOf(f, token, terms.buyer), buyerBefore + terms.penalty);
      // What is left is exactly the stake still bonded.
      const [agentStaked] = await surety.read.stakeOf([f.agent.account.address]);
      const [agent2Staked] = await surety.read.stakeOf([f.agent2.account.address]);
      assert.equal(await balanceOf(f, token, surety.address), agentStaked + agent2Staked);
      assert.equal(agentStaked, usd("500") - usd("400") - terms.penalty);
    });
  });

  /*//////////////////////////////////////////////////////////////
                               DECIMALS
  //////////////////////////////////////////////////////////////*/

  describe("6 and 18 decimals", () => {
    it("test_GivenOneUnitPrice_WhenSplit_RoundsBuyerShareDownAndTransfersNoZero", async () => {
      const f = await load();
      // One base unit: any split below 10,000 bps gives the buyer nothing, and no transfer of zero is tried
      // (the zero-reverting token would refuse it). The 6-decimal stake token then takes the same split.
      for (const buyerBps of [1, 5_000, 9_999, 10_000]) {
        await assertPathPaysExactly(
          f,
          f.zeroRevert.address,
          "resolve",
          { price: 1n, arbiterFee: 1n, termsHash: hashOf(`unit ${buyerBps}`) },
          { buyerBps, slash: 1n },
        );
      }
      await assertPathPaysExactly(
        f,
        f.usdc.address,
        "resolve",
        { price: 1n, arbiterFee: 0n },
        { buyerBps: 9_999, slash: 1n },
      );
    });

    it("test_Given18DecimalToken_WhenBillionsSplitAtOddBps_PaysExactly", async () => {
      const f = await load();
      const price = parseUnits("1000000000", 18) + 7n;
      await f.dai.write.mint([f.buyer.account.address, 3n * price]);
      for (const buyerBps of [1, 3_333, 9_999]) {
        await assertPathPaysExactly(
          f,
          f.dai.address,
          "resolve",
          { price, arbiterFee: parseUnits("0.000000000000000001", 18), termsHash: hashOf(`big ${buyerBps}`) },
          { buyerBps, slash: usd("50") },
        );
      }
    });

    it("test_Given18DecimalStakeToken_WhenSlashedAndWithdrawn_MovesExactStake", async () => {
      const base = await load();
      const surety = await deployWithStake(base, base.dai.address);
      const f = { ...base, surety };
      const stake = parseUnits("25000000", 18) + 3n;
      for (const who of [f.agent, f.agent2]) {
        await f.dai.write.mint([who.account.address, stake]);
        await f.dai.write.approve([surety.address, maxUint256], { account: who.account });
        await surety.write.depositStake([stake], { account: who.account });
      }
      await enlist(f, f.dai.address, 0n, surety);
      await surety.write.registerArbiter([f.usdc.address, 0n, CONFIG.maxRulingPeriod], { account: f.arbiter.account });
      await f.usdc.write.approve([surety.address, maxUint256], { account: f.buyer.account });
      const collateral = parseUnits("5000000.9", 18) + 1n;
      const overrides = { collateral, penalty: collateral - 1n };
      for (const token of [f.usdc.address, f.dai.address]) {
        await assertPathPaysExactly(f, token, "refund", { ...overrides, price: 10n ** 6n });
        await assertPathPaysExactly(
          f,
          token,
          "resolve",
          { ...overrides, price: 10n ** 6n },
          {
            buyerBps: 5_001,
            slash: collateral,
          },
        );
      }
      const [staked] = await surety.read.stakeOf([f.agent.account.address]);
      assert.equal(staked, stake - 2n * (collateral - 1n) - 2n * collateral);
    });
  });

  /*//////////////////////////////////////////////////////////////
                        RE-ENTRANT HOOK TOKEN
  //////////////////////////////////////////////////////////////*/

  describe("re-entrant hook token", () => {
    type Hooked = Awaited<ReturnType<typeof loadHooked>>;

    const encode = (f: Hooked, functionName: string, args: readonly unknown[]): Hex =>
      encodeFunctionData({ abi: [...f.surety.abi, ...f.ops.abi], functionName, args } as Parameters<
        typeof encodeFunctionData
      >[0]);

    const reentrant = (f: Hooked): Hex =>
      encodeErrorResult({ abi: f.surety.abi, errorName: "ReentrancyGuardReentrantCall" });

    async function receiptOf(f: Hooked, hash: Promise<Hash>): Promise<TransactionReceipt> {
      return f.publicClient.getTransactionReceipt({ hash: await hash });
    }

    /** Every HookCalled event of the receipts, as [success, returnData]. */
    function hookCalls(f: Hooked, receipts: TransactionReceipt[]): [boolean, Hex][] {
      return receipts.flatMap((receipt) =>
        parseEventLogs({ abi: f.hook.abi, eventName: "HookCalled", logs: receipt.logs }).map(
          (log) => [log.args.success, log.args.returnData] as [boolean, Hex],
        ),
      );
    }

    /** One pact per live status for the agent, every deadline lapsed: each could be ended by anyone. */
    async function readyPacts(f: Hooked) {
      const named = (name: string) => makeTerms(f, { token: f.hook.address, termsHash: hashOf(name) });
      const open = await named("ready open");
      const active = await named("ready active");
      const delivered = await named("ready delivered");
      const disputed = await named("ready disputed");
      const ready = {
        open: { terms: open, id: await createPact(f, open) },
        active: { terms: active, id: await activePact(f, active) },
        delivered: { terms: delivered, id: await deliveredPact(f, delivered) },
        disputed: { terms: disputed, id: await disputedPact(f, disputed) },
      };
      await networkHelpers.time.increase(CONFIG.maxRulingPeriod);
      return ready;
    }

    it("test_GivenHookReentersEveryExternalFunction_WhenFundsMove_EveryAttemptFailsAndNothingMovesTwice", async () => {
      const f = await loadHooked();
      const ready = await readyPacts(f);
      const offer = await makeOffer(f, { token: f.hook.address, expiry: (await now(f)) + 100 * 86_400 });
      const signature = await signOffer(f, offer);
      const hook = getAddress(f.hook.address);
      const operatorRole = await f.surety.read.OPERATOR_ROLE();
      const guardianRole = await f.surety.read.GUARDIAN_ROLE();
      const unauthorized = (role: Hex) =>
        encodeErrorResult({ abi: f.surety.abi, errorName: "AccessControlUnauthorizedAccount", args: [hook, role] });
      const guard = reentrant(f);
      const { open, active, delivered, disputed } = ready;

      // Each payload would pass the function's own checks where the hook token can be the caller (the four
      // lapsed pacts can be ended by anyone; registering, revoking and depositing are the caller's own).
      const payloads: Record<string, { args: readonly unknown[]; error: Hex }> = {
        createPact: { args: [open.terms], error: guard },
        createPactWithPermit: { args: [open.terms, NO_PERMIT], error: guard },
        createPactFromOffer: { args: [offer, signature], error: guard },
        createPactFromOfferWithPermit: { args: [offer, signature, NO_PERMIT], error: guard },
        cancelPact: { args: [open.id, open.terms], error: guard },
        acceptPact: { args: [open.id, open.terms], error: guard },
        deliverPact: { args: [active.id, active.terms, hashOf("work")], error: guard },
        releasePact: { args: [delivered.id, delivered.terms], error: guard },
        disputePact: { args: [delivered.id, delivered.terms, hashOf("why")], error: guard },
        disputePactWithPermit: { args: [delivered.id, delivered.terms, hashOf("why"), NO_PERMIT], error: guard },
        submitEvidence: { args: [disputed.id, disputed.terms, hashOf("proof")], error: guard },
        resolveDispute: { args: [disputed.id, disputed.terms, 0, disputed.terms.collateral, RULING], error: guard },
        abstain: { args: [disputed.id, disputed.terms, RULING], error: guard },
        reclaimPact: { args: [open.id, open.terms], error: guard },
        claimRefund: { args: [active.id, active.terms], error: guard },
        finalizePact: { args: [delivered.id, delivered.terms], error: guard },
        applyDefaultRuling: { args: [disputed.id, disputed.terms], error: guard },
        claimPayout: { args: [hook, hook], error: guard },
        depositStake: { args: [1n], error: guard },
        depositStakeWithPermit: { args: [1n, NO_PERMIT], error: guard },
        requestWithdrawal: { args: [1n], error: guard },
        withdrawStake: { args: [hook], error: guard },
        revokeOffer: { args: [offer.nonce], error: guard },
        registerArbiter: { args: [hook, 0n, CONFIG.maxRulingPeriod], error: guard },
        deregisterArbiter: { args: [hook], error: guard },
        // Role-gated and not guarded: the hook holds no role.
        setAgentStatus: {
          args: [f.agent.account.address, AgentStatus.Paused, 0n, RULING],
          error: unauthorized(operatorRole),
        },
        recertify: { args: [f.agent.account.address, RULING], error: unauthorized(operatorRole) },
        recordReviews: {
          args: [[{ agent: f.agent.account.address, decision: 0, cap: 0n, evidenceHash: RULING }]],
          error: unauthorized(operatorRole),
        },
        logAgentException: { args: [f.agent.account.address, 1, RULING], error: unauthorized(operatorRole) },
        logPactException: {
          args: [open.id, open.terms, 1, RULING],
          error: encodeErrorResult({
            abi: f.surety.abi,
            errorName: "Surety_NotBuyerOrOperator",
            args: [open.id, hook],
          }),
        },
        pause: { args: [], error: unauthorized(guardianRole) },
        unpause: { args: [], error: unauthorized(guardianRole) },
        grantRole: { args: [operatorRole, hook], error: unauthorized(zeroHash) },
        revokeRole: { args: [operatorRole, f.operator.account.address], error: unauthorized(zeroHash) },
        renounceRole: {
          args: [operatorRole, f.operator.account.address],
          error: encodeErrorResult({ abi: f.surety.abi, errorName: "AccessControlBadConfirmation" }),
        },
        beginDefaultAdminTransfer: { args: [hook], error: unauthorized(zeroHash) },
        cancelDefaultAdminTransfer: { args: [], error: unauthorized(zeroHash) },
        acceptDefaultAdminTransfer: {
          args: [],
          error: encodeErrorResult({ abi: f.surety.abi, errorName: "AccessControlInvalidDefaultAdmin", args: [hook] }),
        },
        changeDefaultAdminDelay: { args: [1], error: unauthorized(zeroHash) },
        rollbackDefaultAdminDelay: { args: [], error: unauthorized(zeroHash) },
      };
      const stateChanging = [
        ...new Set(
          [...f.surety.abi, ...f.ops.abi]
            .filter(
              (item) => item.type === "function" && item.stateMutability !== "view" && item.stateMutability !== "pure",
            )
            .map((item) => (item as { name: string }).name),
        ),
      ].sort();
      assert.deepEqual(
        Object.keys(payloads).sort(),
        stateChanging,
        "the sweep covers every external function, the operator module's included",
      );

      const token = f.hook.address;
      const who = [f.buyer.account.address, f.agent.account.address, f.surety.address];
      for (const [name, { args, error }] of Object.entries(payloads)) {
        await f.hook.write.setHook([f.surety.address, encode(f, name, args), false]);
        const terms = await makeTerms(f, { token, termsHash: hashOf(`trigger ${name}`) });
        const before = await balancesOf(f, token, who);
        const pactId = await f.surety.read.nextPactId();
        // A pull with all gas (creation), a pull of stake, and a payout with the bounded payout gas.
        const receipts = [await receiptOf(f, f.surety.write.createPact([terms], { account: f.buyer.account }))];
        await f.surety.write.acceptPact([pactId, terms], { account: f.agent.account });
        receipts.push(await receiptOf(f, f.surety.write.depositStake([1n], { account: f.agent.account })));
        receipts.push(await receiptOf(f, f.surety.write.releasePact([pactId, terms], { account: f.buyer.account })));
        assert.deepEqual(
          hookCalls(f, receipts),
          [
            [false, error],
            [false, error],
            [false, error],
          ],
          `${name}: each of the three transfers re-entered once and failed`,
        );
        assert.deepEqual(
          (await balancesOf(f, token, who)).map((b, i) => b - before[i]),
          [-terms.price, terms.price - 1n, 1n],
          `${name}: [buyer, agent, surety] moved exactly once`,
        );
        assert.equal(await statusOf(f, pactId), PactStatus.Released);
      }

      // No payload went through: the lapsed pacts are as they were, the role holders unchanged, the offer unused.
      assert.equal(await statusOf(f, open.id), PactStatus.Open);
      assert.equal(await statusOf(f, active.id), PactStatus.Active);
      assert.equal(await statusOf(f, delivered.id), PactStatus.Delivered);
      assert.equal(await statusOf(f, disputed.id), PactStatus.Disputed);
      assert.equal(await f.surety.read.isNonceUsed([offer.agent, offer.nonce]), false);
      assert.equal((await f.surety.read.arbiterTerms([hook, hook])).registered, false);
      assert.equal(await f.surety.read.hasRole([operatorRole, f.operator.account.address]), true);
      assert.equal(await f.surety.read.paused(), false);
      assert.equal((await f.surety.read.standingOf([f.agent.account.address])).status, AgentStatus.Good);

      // The same calls, made directly once the hook is disarmed, succeed and pay exactly once.
      await f.hook.write.setHook([zeroAddress, "0x", false]);
      const anyone = { account: f.stranger.account };
      const buyerBefore = await balanceOf(f, token, f.buyer.account.address);
      await f.surety.write.reclaimPact([open.id, open.terms], anyone);
      await f.surety.write.claimRefund([active.id, active.terms], anyone);
      await f.surety.write.applyDefaultRuling([disputed.id, disputed.terms], anyone);
      const toBuyer = split(disputed.terms.price, disputed.terms.defaultBuyerBps);
      assert.equal(
        await balanceOf(f, token, f.buyer.account.address),
        buyerBefore +
          open.terms.price +
          active.terms.price +
          active.terms.penalty +
          toBuyer +
          disputed.terms.arbiterFee,
      );
      await f.surety.write.finalizePact([delivered.id, delivered.terms], anyone);
      assert.equal(await statusOf(f, delivered.id), PactStatus.Finalized);
    });

    it("test_GivenHookReplaysTheCurrentCall_WhenEveryTransferringOperation_NothingIsPaidTwice", async () => {
      const f = await loadHooked();
      const token = f.hook.address;
      const anyone = { account: f.stranger.account };
      const buyer = { account: f.buyer.account };
      const agent = { account: f.agent.account };
      const guard = reentrant(f);
      const who = [f.buyer.account.address, f.agent.account.address, f.arbiter.account.address, f.surety.address];

      /** Arms the hook with the very call about to be made, makes it, and checks every re-entry failed. */
      async function replay(
        name: string,
        args: readonly unknown[],
        send: () => Promise<Hash>,
        transfers: number,
        deltas: bigint[],
      ): Promise<void> {
        await f.hook.write.setHook([f.surety.address, encode(f, name, args), false]);
        const before = await balancesOf(f, token, who);
        const receipt = await receiptOf(f, send());
        assert.deepEqual(
          hookCalls(f, [receipt]),
          Array.from({ length: transfers }, () => [false, guard]),
          `${name}: ${transfers} transfer(s), each re-entry failed`,
        );
        assert.deepEqual(
          (await balancesOf(f, token, who)).map((b, i) => b - before[i]),
          deltas,
          `${name}: [buyer, agent, arbiter, surety]`,
        );
        await f.hook.write.setHook([zeroAddress, "0x", false]);
        for (const account of who) assert.equal(await f.surety.read.creditOf([token, account]), 0n, `${name}: credit`);
      }

      const terms = await makeTerms(f, { token, defaultBuyerBps: 3_000 });
      const { price, arbiterFee: fee, penalty } = terms;
      const toBuyer = split(price, 3_000);
      const toAgent = price - toBuyer;

      // Funding pulls.
      const nextId = await f.surety.read.nextPactId();
      await replay("createPact", [terms], () => f.surety.write.createPact([terms], buyer), 1, [-price, 0n, 0n, price]);
      const offer = await makeOffer(f, { token });
      const signature = await signOffer(f, offer);
      await replay(
        "createPactFromOffer",
        [offer, signature],
        () => f.surety.write.createPactFromOffer([offer, signature], buyer),
        1,
        [-offer.price, 0n, 0n, offer.price],
      );
      await replay("depositStake", [usd("3")], () => f.surety.write.depositStake([usd("3")], agent), 1, [
        0n,
        -usd("3"),
        0n,
        usd("3"),
      ]);
      assert.equal(await f.surety.read.nextPactId(), nextId + 2n);

      // Payouts, from every path that moves the token.
      const cancelId = await createPact(f, terms);
      await replay("cancelPact", [cancelId, terms], () => f.surety.write.cancelPact([cancelId, terms], buyer), 1, [
        price,
        0n,
        0n,
        -price,
      ]);
      const reclaimId = await createPact(f, terms);
      const releaseId = await disputedPact(f, terms);
      const resolveId = await disputedPact(f, terms);
      const abstainId = await disputedPact(f, terms);
      const defaultId = await disputedPact(f, terms);
      const finalizeId = await deliveredPact(f, terms);
      const refundId = await activePact(f, terms);
      await replay("releasePact", [releaseId, terms], () => f.surety.write.releasePact([releaseId, terms], buyer), 2, [
        fee,
        price,
        0n,
        -(price + fee),
      ]);
      const slash = usd("11");
      const resolveArgs = [resolveId, terms, 3_000, slash, RULING] as const;
      await replay(
        "resolveDispute",
        resolveArgs,
        () => f.surety.write.resolveDispute(resolveArgs, { account: f.arbiter.account }),
        4,
        [toBuyer + slash, toAgent, fee, -(price + fee + slash)],
      );
      await replay(
        "abstain",
        [abstainId, terms, RULING],
        () => f.surety.write.abstain([abstainId, terms, RULING], { account: f.arbiter.account }),
        2,
        [toBuyer + fee, toAgent, 0n, -(price + fee)],
      );

      await networkHelpers.time.increase(CONFIG.maxRulingPeriod);
      await replay("reclaimPact", [reclaimId, terms], () => f.surety.write.reclaimPact([reclaimId, terms], anyone), 1, [
        price,
        0n,
        0n,
        -price,
      ]);
      await replay(
        "finalizePact",
        [finalizeId, terms],
        () => f.surety.write.finalizePact([finalizeId, terms], anyone),
        1,
        [0n, price, 0n, -price],
      );
      await replay("claimRefund", [refundId, terms], () => f.surety.write.claimRefund([refundId, terms], anyone), 2, [
        price + penalty,
        0n,
        0n,
        -(price + penalty),
      ]);
      await replay(
        "applyDefaultRuling",
        [defaultId, terms],
        () => f.surety.write.applyDefaultRuling([defaultId, terms], anyone),
        2,
        [toBuyer + fee, toAgent, 0n, -(price + fee)],
      );

      // Stake withdrawal.
      await f.surety.write.requestWithdrawal([usd("100")], agent);
      await networkHelpers.time.increase(CONFIG.unbondingDelay);
      const recipient = f.agent.account.address;
      await replay("withdrawStake", [recipient], () => f.surety.write.withdrawStake([recipient], agent), 1, [
        0n,
        usd("100"),
        0n,
        -usd("100"),
      ]);
      assert.equal((await f.surety.read.stakeAccount([recipient])).queued, 0n);

      // A claim: a bubbling hook makes a payout fail and be credited, then the claim replays itself.
      const late = await makeTerms(f, { token, termsHash: hashOf("credit") });
      const creditId = await deliveredPact(f, late);
      await f.hook.write.setHook([f.surety.address, encode(f, "finalizePact", [creditId, late]), true]);
      await f.surety.write.releasePact([creditId, late], buyer);
      assert.equal(await f.surety.read.creditOf([token, recipient]), price);
      await f.hook.write.setHook([zeroAddress, "0x", false]);
      const claimArgs = [token, recipient] as const;
      await f.hook.write.setHook([f.surety.address, encode(f, "claimPayout", claimArgs), false]);
      const before = await balanceOf(f, token, recipient);
      const receipt = await receiptOf(f, f.surety.write.claimPayout(claimArgs, agent));
      assert.deepEqual(hookCalls(f, [receipt]), [[false, guard]]);
      assert.equal(await balanceOf(f, token, recipient), before + price);
      assert.equal(await f.surety.read.creditOf([token, recipient]), 0n);

      // Everything the contract still holds is owed: the two escrows still live (the first pact, Open, and the
      // offer's, Active), plus stake.
      const [staked1] = await f.surety.read.stakeOf([f.agent.account.address]);
      const [staked2] = await f.surety.read.stakeOf([f.agent2.account.address]);
      assert.equal(await statusOf(f, nextId), PactStatus.Open);
      assert.equal(await statusOf(f, nextId + 1n), PactStatus.Active);
      assert.equal(await balanceOf(f, token, f.surety.address), terms.price + offer.price + staked1 + staked2);
    });

    it("test_GivenBubblingHook_RevertsReentrantFundingAndCreditsPaymentsUntilDisarmed", async () => {
      const f = await loadHooked();
      const token = f.hook.address;
      const terms = await makeTerms(f, { token });
      const pactId = await deliveredPact(f, terms);
      const anyone = await makeTerms(f, { token, termsHash: hashOf("other") });
      const otherId = await deliveredPact(f, anyone);
      // Re-entering finalize of another pact, and letting the guard's revert bubble up through the transfer.
      await f.hook.write.setHook([f.surety.address, encode(f, "finalizePact", [otherId, anyone]), true]);

      await viem.assertions.revertWithCustomError(
        f.surety.write.createPact([terms], { account: f.buyer.account }),
        f.surety,
        "ReentrancyGuardReentrantCall",
      );
      await viem.assertions.revertWithCustomError(
        f.surety.write.depositStake([1n], { account: f.agent.account }),
        f.surety,
        "ReentrancyGuardReentrantCall",
      );

      // A payout whose transfer reverts is credited; the release itself goes through.
      const before = await balancesOf(f, token, [terms.agent, f.surety.address]);
      await viem.assertions.emitWithArgs(
        f.surety.write.releasePact([pactId, terms], { account: f.buyer.account }),
        f.surety,
        "PayoutCredited",
        [pactId, getAddress(token), getAddress(terms.agent), terms.price],
      );
      assert.deepEqual(await balancesOf(f, token, [terms.agent, f.surety.address]), before);
      assert.equal(await statusOf(f, pactId), PactStatus.Released);
      assert.equal(await f.surety.read.creditOf([token, terms.agent]), terms.price);
      // The claim's transfer bubbles the re-entry too, so it reverts and the credit stays.
      await viem.assertions.revertWithCustomError(
        f.surety.write.claimPayout([token, terms.agent], { account: f.agent.account }),
        f.surety,
        "ReentrancyGuardReentrantCall",
      );
      assert.equal(await f.surety.read.creditOf([token, terms.agent]), terms.price);

      await f.hook.write.setHook([zeroAddress, "0x", false]);
      await f.surety.write.claimPayout([token, terms.agent], { account: f.agent.account });
      assert.deepEqual(await balancesOf(f, token, [terms.agent, f.surety.address]), [
        before[0] + terms.price,
        before[1] - terms.price,
      ]);
      assert.equal(await f.surety.read.creditOf([token, terms.agent]), 0n);
      assert.equal(await statusOf(f, otherId), PactStatus.Delivered);
    });
  });
});
