// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Surety} from "../../contracts/Surety.sol";
import {ISurety} from "../../contracts/interfaces/ISurety.sol";
import {ISuretyErrors} from "../../contracts/interfaces/ISuretyErrors.sol";
import {ISuretyEvents} from "../../contracts/interfaces/ISuretyEvents.sol";
import {MockERC20Permit} from "../../contracts/mocks/MockERC20Permit.sol";
import {MockWallet} from "../../contracts/mocks/MockWallet.sol";
import {PactStatus, StakeAccount, Terms} from "../../contracts/types/DataTypes.sol";

import {SuretyFixture} from "./utils/SuretyFixture.sol";

/// @notice Fuzz tests of Surety's money arithmetic (splits, slashes, penalties, fees) and of its deadlines.
/// Every amount is checked three ways: against an independent computation, against the event, and against the
/// balances of every party and of the contract.
contract SuretyFuzzTest is SuretyFixture {
    /// @dev Large enough to cover any realistic amount, small enough that price * BPS cannot overflow and
    /// every balance and the token's total supply stay far below 2**256.
    uint256 internal constant MAX_AMOUNT = 1e36;
    /// @dev Stake amounts are stored as uint128.
    uint256 internal constant MAX_STAKE = 1e37;

    uint32 internal constant REVIEW = 2 days;
    uint32 internal constant RULING = 5 days;

    bytes32 internal constant TERMS_HASH = keccak256("pact document");
    bytes32 internal constant RULING_HASH = keccak256("ruling");

    Surety internal surety;
    MockERC20Permit internal usd;

    address internal buyer;
    address internal agent;
    address internal arbiter;
    address internal stranger;
    address internal walletOwner;
    MockWallet internal wallet;

    /// @dev Balances taken before a settlement: payment token (ETH or mUSD) and stake token (mUSD).
    struct Snapshot {
        uint256 buyerPay;
        uint256 agentPay;
        uint256 arbiterPay;
        uint256 suretyPay;
        uint256 buyerStakeToken;
        uint256 agentStakeToken;
        uint256 suretyStakeToken;
        StakeAccount stake;
    }

    function setUp() public {
        usd = _deployToken();
        buyer = makeActor("buyer");
        agent = makeActor("agent");
        arbiter = makeActor("arbiter");
        stranger = makeActor("stranger");
        walletOwner = makeActor("walletOwner");

        surety = _deploySurety(address(usd));
        _registerArbiter(surety, arbiter, address(usd));

        wallet = new MockWallet(walletOwner);
        vm.label(address(wallet), "wallet");
        vm.prank(walletOwner);
        wallet.setRefuseEth(true);

        address[3] memory payers = [buyer, agent, address(wallet)];
        for (uint256 i; i < payers.length; ++i) {
            vm.prank(payers[i]);
            usd.approve(address(surety), type(uint256).max);
        }
    }

    /*//////////////////////////////////////////////////////////////
                              RESOLUTION
    //////////////////////////////////////////////////////////////*/

    /// @notice The arbiter's split: the buyer's share rounds down, the agent gets the exact rest, the slash
    /// leaves the agent's stake for the buyer, the fee goes to the arbiter, and nothing else moves.
    function testFuzz_ResolveSplit(
        uint256 price,
        uint256 buyerBps,
        uint256 collateral,
        uint256 slash,
        uint256 fee,
        uint256 extraStake,
        bool native
    ) public {
        price = bound(price, 1, MAX_AMOUNT);
        buyerBps = bound(buyerBps, 0, BPS);
        collateral = bound(collateral, 0, MAX_STAKE);
        slash = bound(slash, 0, collateral);
        fee = bound(fee, 0, MAX_AMOUNT);
        extraStake = bound(extraStake, 0, MAX_STAKE);

        Terms memory terms = _terms(buyer, native ? ETH : address(usd), price, fee, collateral, collateral / 2, 0);
        _stake(collateral + extraStake);
        uint256 pactId = _disputed(terms);

        uint256 toBuyer = (price * buyerBps) / BPS;
        uint256 toAgent = price - toBuyer;
        Snapshot memory before = _snapshot(terms);

        vm.expectEmit(true, true, false, true, address(surety));
        emit ISuretyEvents.DisputeResolved(
            pactId,
            arbiter,
            uint16(buyerBps),
            toBuyer,
            toAgent,
            slash,
            fee,
            RULING_HASH,
            false
        );
        vm.prank(arbiter);
        surety.resolveDispute(pactId, terms, uint16(buyerBps), slash, RULING_HASH);

        _assertStatus(pactId, PactStatus.Resolved);
        _assertSettlement(terms, before, toBuyer, toAgent, slash, fee);
        // The two shares of the price, as balances moved, add up to the price exactly: nothing lost to rounding.
        uint256 buyerShare = _balanceOf(terms.token, buyer) - before.buyerPay - (native ? 0 : slash);
        uint256 agentShare = _balanceOf(terms.token, agent) - before.agentPay;
        assertEq(buyerShare + agentShare, price, "toBuyer + toAgent == price");
    }

    /// @notice The split is exact over the whole range of prices the contract accepts, up to 2^128 - 1 (paid in
    /// ETH, so no token supply limits the price): the buyer's share is floor(price * bps / 10000).
    function testFuzz_ResolveSplitFullRange(uint256 price, uint256 buyerBps) public {
        price = bound(price, 1, type(uint128).max);
        buyerBps = bound(buyerBps, 0, BPS);

        Terms memory terms = _terms(buyer, ETH, price, 0, 0, 0, 0);
        uint256 pactId = _disputed(terms);

        // price = q * BPS + r, so floor(price * bps / BPS) = q * bps + floor(r * bps / BPS), with no overflow.
        uint256 toBuyer = (price / BPS) * buyerBps + ((price % BPS) * buyerBps) / BPS;
        uint256 toAgent = price - toBuyer;
        Snapshot memory before = _snapshot(terms);

        vm.prank(arbiter);
        surety.resolveDispute(pactId, terms, uint16(buyerBps), 0, RULING_HASH);

        _assertSettlement(terms, before, toBuyer, toAgent, 0, 0);
        assertLe(toBuyer, price, "buyer share within the price");
        if (buyerBps == BPS) assertEq(toBuyer, price, "10000 bps gives the buyer everything");
        if (buyerBps == 0) assertEq(toAgent, price, "0 bps gives the agent everything");
    }

    /// @notice A ruling above 10,000 bps is refused.
    function testFuzz_ResolveRevertsAboveMaxBps(uint256 buyerBps) public {
        buyerBps = bound(buyerBps, uint256(BPS) + 1, type(uint16).max);
        Terms memory terms = _terms(buyer, address(usd), 1e6, 0, 0, 0, 0);
        uint256 pactId = _disputed(terms);

        vm.expectRevert(abi.encodeWithSelector(ISuretyErrors.Surety_BpsTooHigh.selector, uint16(buyerBps)));
        vm.prank(arbiter);
        surety.resolveDispute(pactId, terms, uint16(buyerBps), 0, RULING_HASH);
    }

    /// @notice A slash above the pact's collateral is refused, even when the agent has more stake.
    function testFuzz_ResolveRevertsAboveCollateral(uint256 collateral, uint256 slash) public {
        collateral = bound(collateral, 0, MAX_STAKE);
        slash = bound(slash, collateral + 1, type(uint256).max);
        Terms memory terms = _terms(buyer, address(usd), 1e6, 0, collateral, 0, 0);
        _stake(collateral + MAX_STAKE);
        uint256 pactId = _disputed(terms);

        vm.expectRevert(
            abi.encodeWithSelector(ISuretyErrors.Surety_SlashExceedsCollateral.selector, slash, collateral)
        );
        vm.prank(arbiter);
        surety.resolveDispute(pactId, terms, 0, slash, RULING_HASH);
    }

    /// @notice A payout the buyer's wallet refuses becomes the wallet's credit, claimable to another address;
    /// the contract keeps exactly the credit meanwhile.
    function testFuzz_RefusedPayoutBecomesCredit(uint256 price, uint256 buyerBps, uint256 fee) public {
        price = bound(price, 1, MAX_AMOUNT);
        buyerBps = bound(buyerBps, 0, BPS);
        fee = bound(fee, 0, MAX_AMOUNT);

        Terms memory terms = _terms(address(wallet), ETH, price, fee, 0, 0, 0);
        uint256 pactId = _disputed(terms);
        uint256 toBuyer = (price * buyerBps) / BPS;
        uint256 agentBefore = agent.balance;
        uint256 arbiterBefore = arbiter.balance;

        vm.prank(arbiter);
        surety.resolveDispute(pactId, terms, uint16(buyerBps), 0, RULING_HASH);

        assertEq(address(wallet).balance, 0, "wallet refused the payout");
        assertEq(surety.creditOf(ETH, address(wallet)), toBuyer, "refused share credited");
        assertEq(address(surety).balance, toBuyer, "contract holds exactly the credit");
        assertEq(agent.balance - agentBefore, price - toBuyer, "agent paid");
        assertEq(arbiter.balance - arbiterBefore, fee, "arbiter paid");

        if (toBuyer == 0) {
            vm.expectRevert(abi.encodeWithSelector(ISuretyErrors.Surety_NoCredit.selector, ETH, address(wallet)));
            vm.prank(address(wallet));
            surety.claimPayout(ETH, stranger);
            return;
        }
        uint256 strangerBefore = stranger.balance;
        vm.prank(address(wallet));
        surety.claimPayout(ETH, stranger);
        assertEq(stranger.balance - strangerBefore, toBuyer, "credit claimed to the recipient");
        assertEq(surety.creditOf(ETH, address(wallet)), 0, "credit spent");
        assertEq(address(surety).balance, 0, "contract emptied");
    }

    /*//////////////////////////////////////////////////////////////
                          REFUND AND PENALTY
    //////////////////////////////////////////////////////////////*/

    /// @notice A missed delivery: anyone can refund the buyer after the deadline (not at it); the buyer gets
    /// the price back and the penalty out of the agent's stake; the rest of the collateral unlocks.
    function testFuzz_ClaimRefundSlashesPenalty(
        uint256 price,
        uint256 collateral,
        uint256 penalty,
        uint256 extraStake,
        uint256 lateness,
        bool native
    ) public {
        price = bound(price, 1, MAX_AMOUNT);
        collateral = bound(collateral, 0, MAX_STAKE);
        penalty = bound(penalty, 0, collateral);
        extraStake = bound(extraStake, 0, MAX_STAKE);
        lateness = bound(lateness, 1, 365 days);

        Terms memory terms = _terms(buyer, native ? ETH : address(usd), price, 0, collateral, penalty, 0);
        _stake(collateral + extraStake);
        uint256 pactId = _active(terms);

        vm.warp(terms.deliverBy);
        vm.expectRevert(
            abi.encodeWithSelector(ISuretyErrors.Surety_DeadlineNotPassed.selector, pactId, terms.deliverBy)
        );
        vm.prank(stranger);
        surety.claimRefund(pactId, terms);

        vm.warp(uint256(terms.deliverBy) + lateness);
        Snapshot memory before = _snapshot(terms);
        vm.expectEmit(true, true, true, true, address(surety));
        emit ISuretyEvents.PactRefunded(pactId, buyer, agent, stranger, price, penalty);
        vm.prank(stranger);
        surety.claimRefund(pactId, terms);

        _assertStatus(pactId, PactStatus.Refunded);
        // The whole price goes back, the penalty is slashed to the buyer, no fee was ever paid.
        _assertSettlement(terms, before, price, 0, penalty, 0);
    }

    /// @notice Terms whose penalty exceeds the collateral are refused at creation.
    function testFuzz_CreateRevertsWhenPenaltyExceedsCollateral(uint256 collateral, uint256 penalty) public {
        collateral = bound(collateral, 0, MAX_STAKE);
        penalty = bound(penalty, collateral + 1, type(uint256).max);
        Terms memory terms = _terms(buyer, address(usd), 1e6, 0, collateral, penalty, 0);
        usd.mint(buyer, terms.price);

        vm.expectRevert(
            abi.encodeWithSelector(ISuretyErrors.Surety_PenaltyExceedsCollateral.selector, penalty, collateral)
        );
        vm.prank(buyer);
        surety.createPact(terms);
    }

    /*//////////////////////////////////////////////////////////////
                          DEFAULT SPLITS
    //////////////////////////////////////////////////////////////*/

    /// @notice The arbiter abstains: the default split applies, the fee goes back to the buyer, no slash.
    function testFuzz_AbstainAppliesDefaultSplit(
        uint256 price,
        uint256 defaultBps,
        uint256 fee,
        uint256 collateral,
        uint256 elapsed,
        bool native
    ) public {
        price = bound(price, 1, MAX_AMOUNT);
        defaultBps = bound(defaultBps, 0, BPS);
        fee = bound(fee, 0, MAX_AMOUNT);
        collateral = bound(collateral, 0, MAX_STAKE);
        elapsed = bound(elapsed, 0, RULING);

        Terms memory terms = _terms(buyer, native ? ETH : address(usd), price, fee, collateral, 0, defaultBps);
        _stake(collateral);
        uint256 pactId = _disputed(terms);
        vm.warp(block.timestamp + elapsed);

        uint256 toBuyer = (price * defaultBps) / BPS;
        uint256 toAgent = price - toBuyer;
        Snapshot memory before = _snapshot(terms);

        vm.expectEmit(true, true, false, true, address(surety));
        emit ISuretyEvents.DisputeResolved(
            pactId,
            arbiter,
            uint16(defaultBps),
            toBuyer,
            toAgent,
            0,
            0,
            RULING_HASH,
            true
        );
        vm.prank(arbiter);
        surety.abstain(pactId, terms, RULING_HASH);

        _assertStatus(pactId, PactStatus.Abstained);
        // The held fee goes back to the buyer: model it as part of the buyer's share and none to the arbiter.
        _assertSettlement(terms, before, toBuyer + fee, toAgent, 0, 0);
    }

    /// @notice No ruling within the ruling period: anyone applies the default split after it (not at its last
    /// second); the fee goes back to the buyer, no slash.
    function testFuzz_DefaultRulingAppliesDefaultSplit(
        uint256 price,
        uint256 defaultBps,
        uint256 fee,
        uint256 collateral,
        uint256 lateness,
        bool native
    ) public {
        price = bound(price, 1, MAX_AMOUNT);
        defaultBps = bound(defaultBps, 0, BPS);
        fee = bound(fee, 0, MAX_AMOUNT);
        collateral = bound(collateral, 0, MAX_STAKE);
        lateness = bound(lateness, 1, 365 days);

        Terms memory terms = _terms(buyer, native ? ETH : address(usd), price, fee, collateral, 0, defaultBps);
        _stake(collateral);
        uint256 pactId = _disputed(terms);
        uint256 rulingEnd = block.timestamp + RULING;

        vm.warp(rulingEnd);
        vm.expectRevert(abi.encodeWithSelector(ISuretyErrors.Surety_DeadlineNotPassed.selector, pactId, rulingEnd));
        vm.prank(stranger);
        surety.applyDefaultRuling(pactId, terms);

        vm.warp(rulingEnd + lateness);
        uint256 toBuyer = (price * defaultBps) / BPS;
        uint256 toAgent = price - toBuyer;
        Snapshot memory before = _snapshot(terms);

        vm.expectEmit(true, false, false, true, address(surety));
        emit ISuretyEvents.DefaultRulingApplied(pactId, stranger, uint16(defaultBps), toBuyer, toAgent, fee);
        vm.prank(stranger);
        surety.applyDefaultRuling(pactId, terms);

        _assertStatus(pactId, PactStatus.DefaultRuled);
        _assertSettlement(terms, before, toBuyer + fee, toAgent, 0, 0);
    }

    /*//////////////////////////////////////////////////////////////
                              DEADLINES
    //////////////////////////////////////////////////////////////*/

    /// @notice Around the end of the review period exactly one of dispute and finalize is allowed: dispute up
    /// to and including the last second, finalize strictly after it.
    function testFuzz_ReviewDeadline_ExactlyOneOfDisputeOrFinalize(
        uint256 reviewPeriod,
        uint256 elapsed,
        bool nearEdge
    ) public {
        reviewPeriod = bound(reviewPeriod, MIN_REVIEW, MAX_REVIEW);
        elapsed = _elapsedAround(reviewPeriod, elapsed, nearEdge);

        Terms memory terms = _terms(buyer, address(usd), 1e6, 1e5, 0, 0, 0);
        terms.reviewPeriod = uint32(reviewPeriod);
        uint256 pactId = _delivered(terms);
        uint256 reviewEnd = block.timestamp + reviewPeriod;
        usd.mint(buyer, terms.arbiterFee);

        vm.warp(block.timestamp + elapsed);
        if (block.timestamp <= reviewEnd) {
            vm.expectRevert(abi.encodeWithSelector(ISuretyErrors.Surety_DeadlineNotPassed.selector, pactId, reviewEnd));
            vm.prank(stranger);
            surety.finalizePact(pactId, terms);

            vm.prank(buyer);
            surety.disputePact(pactId, terms, keccak256("reason"));
            _assertStatus(pactId, PactStatus.Disputed);
        } else {
            vm.expectRevert(abi.encodeWithSelector(ISuretyErrors.Surety_DeadlinePassed.selector, pactId, reviewEnd));
            vm.prank(buyer);
            surety.disputePact(pactId, terms, keccak256("reason"));

            vm.prank(stranger);
            surety.finalizePact(pactId, terms);
            _assertStatus(pactId, PactStatus.Finalized);
        }
    }

    /// @notice Around the end of the ruling period exactly one of a ruling and the default ruling is allowed.
    function testFuzz_RulingDeadline_ExactlyOneOfResolveOrDefault(
        uint256 rulingPeriod,
        uint256 elapsed,
        bool nearEdge
    ) public {
        rulingPeriod = bound(rulingPeriod, MIN_RULING, MAX_RULING);
        elapsed = _elapsedAround(rulingPeriod, elapsed, nearEdge);

        Terms memory terms = _terms(buyer, address(usd), 1e6, 1e5, 0, 0, 0);
        terms.rulingPeriod = uint32(rulingPeriod);
        uint256 pactId = _disputed(terms);
        uint256 rulingEnd = block.timestamp + rulingPeriod;

        vm.warp(block.timestamp + elapsed);
        if (block.timestamp <= rulingEnd) {
            vm.expectRevert(abi.encodeWithSelector(ISuretyErrors.Surety_DeadlineNotPassed.selector, pactId, rulingEnd));
            vm.prank(stranger);
            surety.applyDefaultRuling(pactId, terms);

            vm.prank(arbiter);
            surety.resolveDispute(pactId, terms, 5_000, 0, RULING_HASH);
            _assertStatus(pactId, PactStatus.Resolved);
        } else {
            vm.expectRevert(abi.encodeWithSelector(ISuretyErrors.Surety_DeadlinePassed.selector, pactId, rulingEnd));
            vm.prank(arbiter);
            surety.resolveDispute(pactId, terms, 5_000, 0, RULING_HASH);

            vm.prank(stranger);
            surety.applyDefaultRuling(pactId, terms);
            _assertStatus(pactId, PactStatus.DefaultRuled);
        }
    }

    /// @notice Around the acceptance deadline exactly one of accept and reclaim is allowed.
    function testFuzz_AcceptDeadline_ExactlyOneOfAcceptOrReclaim(uint256 elapsed, bool nearEdge) public {
        Terms memory terms = _terms(buyer, address(usd), 1e6, 0, 1e6, 0, 0);
        _stake(terms.collateral);
        uint256 pactId = _create(terms);
        uint256 window = terms.acceptBy - block.timestamp;
        vm.warp(block.timestamp + _elapsedAround(window, elapsed, nearEdge));

        if (block.timestamp <= terms.acceptBy) {
            vm.expectRevert(
                abi.encodeWithSelector(ISuretyErrors.Surety_DeadlineNotPassed.selector, pactId, terms.acceptBy)
            );
            vm.prank(stranger);
            surety.reclaimPact(pactId, terms);

            vm.prank(agent);
            surety.acceptPact(pactId, terms);
            _assertStatus(pactId, PactStatus.Active);
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(ISuretyErrors.Surety_DeadlinePassed.selector, pactId, terms.acceptBy)
            );
            vm.prank(agent);
            surety.acceptPact(pactId, terms);

            vm.prank(stranger);
            surety.reclaimPact(pactId, terms);
            _assertStatus(pactId, PactStatus.Reclaimed);
        }
    }

    /// @notice Around the delivery deadline exactly one of deliver and claimRefund is allowed.
    function testFuzz_DeliveryDeadline_ExactlyOneOfDeliverOrRefund(uint256 elapsed, bool nearEdge) public {
        Terms memory terms = _terms(buyer, address(usd), 1e6, 0, 1e6, 5e5, 0);
        _stake(terms.collateral);
        uint256 pactId = _active(terms);
        uint256 window = terms.deliverBy - block.timestamp;
        vm.warp(block.timestamp + _elapsedAround(window, elapsed, nearEdge));

        if (block.timestamp <= terms.deliverBy) {
            vm.expectRevert(
                abi.encodeWithSelector(ISuretyErrors.Surety_DeadlineNotPassed.selector, pactId, terms.deliverBy)
            );
            vm.prank(stranger);
            surety.claimRefund(pactId, terms);

            vm.prank(agent);
            surety.deliverPact(pactId, terms, keccak256("delivery"));
            _assertStatus(pactId, PactStatus.Delivered);
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(ISuretyErrors.Surety_DeadlinePassed.selector, pactId, terms.deliverBy)
            );
            vm.prank(agent);
            surety.deliverPact(pactId, terms, keccak256("delivery"));

            vm.prank(stranger);
            surety.claimRefund(pactId, terms);
            _assertStatus(pactId, PactStatus.Refunded);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev Terms relative to now: accept within a day, deliver within three, review 2 days, ruling 5 days.
    function _terms(
        address buyer_,
        address token,
        uint256 price,
        uint256 fee,
        uint256 collateral,
        uint256 penalty,
        uint256 defaultBps
    ) internal view returns (Terms memory) {
        return
            Terms({
                buyer: buyer_,
                agent: agent,
                arbiter: arbiter,
                token: token,
                price: price,
                arbiterFee: fee,
                collateral: collateral,
                penalty: penalty,
                acceptBy: uint40(block.timestamp + 1 days),
                deliverBy: uint40(block.timestamp + 3 days),
                reviewPeriod: REVIEW,
                rulingPeriod: RULING,
                defaultBuyerBps: uint16(defaultBps),
                termsHash: TERMS_HASH
            });
    }

    /// @dev A time offset in [0, 2 * window], or within two seconds of `window` when `nearEdge`.
    function _elapsedAround(uint256 window, uint256 seed, bool nearEdge) internal pure returns (uint256) {
        return nearEdge ? window - 2 + (seed % 5) : bound(seed, 0, 2 * window);
    }

    /// @dev Gives `who` `amount` more of `token` (ETH when address zero).
    function _fund(address who, address token, uint256 amount) internal {
        if (token == ETH) vm.deal(who, who.balance + amount);
        else usd.mint(who, amount);
    }

    /// @dev The agent deposits `amount` of fresh stake.
    function _stake(uint256 amount) internal {
        if (amount == 0) return;
        usd.mint(agent, amount);
        vm.prank(agent);
        surety.depositStake(amount);
    }

    function _create(Terms memory terms) internal returns (uint256 pactId) {
        _fund(terms.buyer, terms.token, terms.price);
        vm.prank(terms.buyer);
        pactId = surety.createPact{value: terms.token == ETH ? terms.price : 0}(terms);
    }

    function _active(Terms memory terms) internal returns (uint256 pactId) {
        pactId = _create(terms);
        vm.prank(terms.agent);
        surety.acceptPact(pactId, terms);
    }

    function _delivered(Terms memory terms) internal returns (uint256 pactId) {
        pactId = _active(terms);
        vm.prank(terms.agent);
        surety.deliverPact(pactId, terms, keccak256("delivery"));
    }

    function _disputed(Terms memory terms) internal returns (uint256 pactId) {
        pactId = _delivered(terms);
        _fund(terms.buyer, terms.token, terms.arbiterFee);
        vm.prank(terms.buyer);
        surety.disputePact{value: terms.token == ETH ? terms.arbiterFee : 0}(pactId, terms, keccak256("reason"));
    }

    function _snapshot(Terms memory terms) internal view returns (Snapshot memory snap) {
        snap.buyerPay = _balanceOf(terms.token, terms.buyer);
        snap.agentPay = _balanceOf(terms.token, terms.agent);
        snap.arbiterPay = _balanceOf(terms.token, terms.arbiter);
        snap.suretyPay = _balanceOf(terms.token, address(surety));
        snap.buyerStakeToken = usd.balanceOf(terms.buyer);
        snap.agentStakeToken = usd.balanceOf(terms.agent);
        snap.suretyStakeToken = usd.balanceOf(address(surety));
        snap.stake = surety.stakeAccount(terms.agent);
    }

    /// @dev Checks a settlement that paid `toBuyer` and `toAgent` of the payment token (their sum is the price
    /// plus any fee refunded to the buyer), slashed `slash` stake tokens to the buyer and paid `fee` to the
    /// arbiter, unlocking the whole collateral; and that nothing else moved and no credit arose.
    function _assertSettlement(
        Terms memory terms,
        Snapshot memory before,
        uint256 toBuyer,
        uint256 toAgent,
        uint256 slash,
        uint256 fee
    ) internal view {
        bool sameToken = terms.token == address(usd);
        uint256 buyerPayGain = _balanceOf(terms.token, terms.buyer) - before.buyerPay;
        uint256 agentPayGain = _balanceOf(terms.token, terms.agent) - before.agentPay;

        assertEq(buyerPayGain, sameToken ? toBuyer + slash : toBuyer, "buyer's payment-token gain");
        assertEq(agentPayGain, toAgent, "agent's payment-token gain");
        assertEq(_balanceOf(terms.token, terms.arbiter) - before.arbiterPay, fee, "arbiter's gain");
        assertEq(
            before.suretyPay - _balanceOf(terms.token, address(surety)),
            toBuyer + toAgent + fee + (sameToken ? slash : 0),
            "contract's payment-token outflow"
        );
        if (!sameToken) {
            assertEq(usd.balanceOf(terms.buyer) - before.buyerStakeToken, slash, "buyer's slash gain");
            assertEq(usd.balanceOf(terms.agent), before.agentStakeToken, "agent's stake tokens untouched");
            assertEq(before.suretyStakeToken - usd.balanceOf(address(surety)), slash, "contract's stake outflow");
        }

        StakeAccount memory stake = surety.stakeAccount(terms.agent);
        assertEq(before.stake.bonded - stake.bonded, slash, "staked drops by the slash only");
        assertEq(before.stake.locked - stake.locked, terms.collateral, "locked drops by the collateral");
        assertEq(stake.queued, before.stake.queued, "queue untouched");
        (uint256 staked, , , , uint256 free) = surety.stakeOf(terms.agent);
        assertEq(staked, uint256(stake.bonded) + stake.queued, "staked = bonded + queued");
        assertEq(free, uint256(stake.bonded) - stake.locked, "free = bonded - locked");

        assertEq(surety.creditOf(terms.token, terms.buyer), 0, "no buyer credit");
        assertEq(surety.creditOf(terms.token, terms.agent), 0, "no agent credit");
        assertEq(surety.creditOf(terms.token, terms.arbiter), 0, "no arbiter credit");
    }

    function _assertStatus(uint256 pactId, PactStatus expected) internal view {
        (PactStatus status, , ) = surety.getPact(pactId);
        assertEq(uint256(status), uint256(expected), "pact status");
    }
}
