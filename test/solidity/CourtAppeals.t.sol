// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {CourtAdapter} from "../../contracts/CourtAdapter.sol";
import {Surety} from "../../contracts/Surety.sol";
import {IArbitrator} from "../../contracts/interfaces/IArbitrator.sol";
import {ISurety} from "../../contracts/interfaces/ISurety.sol";
import {ISuretyCooperative} from "../../contracts/interfaces/ISuretyCooperative.sol";
import {ISuretyErrors} from "../../contracts/interfaces/ISuretyErrors.sol";
import {MockERC20Permit} from "../../contracts/mocks/MockERC20Permit.sol";
import {TestRealisticCourt} from "../../contracts/mocks/TestRealisticCourt.sol";
import {PactStatus, Terms} from "../../contracts/types/DataTypes.sol";

import {SuretyFixture} from "./utils/SuretyFixture.sol";

/// @notice Property tests of court timelines: whoever appeals (the loser through the adapter, the winner, or a
/// stranger at the court directly), at whatever moment of each appeal window, over up to four rounds whose
/// deliberations run far past the pact's ruling period, the pact pays the court's final ruling and no one can apply
/// the default split before the ruling hold ends.
contract CourtAppealsTest is SuretyFixture {
    uint256 internal constant PRICE = 1_000e6;
    uint256 internal constant COLLATERAL = 500e6;
    uint256 internal constant PENALTY = 200e6;
    uint32 internal constant RULING = 3 days;
    uint32 internal constant FEE_WINDOW = 1 days;
    uint256 internal constant APPEAL_DURATION = 3 days;
    uint256 internal constant ARBITRATION_COST = 0.1 ether;
    uint256 internal constant BASE_APPEAL_COST = 0.2 ether;
    uint16 internal constant SPLIT = 3_000;

    Surety internal surety;
    MockERC20Permit internal usd;
    TestRealisticCourt internal court;
    CourtAdapter internal adapter;
    address internal buyer;
    address internal agent;
    address internal stranger;

    function setUp() public {
        usd = _deployToken();
        surety = _deploySurety(address(usd));
        buyer = makeActor("buyer");
        agent = makeActor("agent");
        stranger = makeActor("stranger");
        court = new TestRealisticCourt(ARBITRATION_COST, BASE_APPEAL_COST, APPEAL_DURATION, true, true);
        uint16[] memory splits = new uint16[](1);
        splits[0] = SPLIT;
        address[] memory tokens = new address[](1);
        tokens[0] = address(usd);
        adapter = new CourtAdapter(
            ISurety(address(surety)),
            IArbitrator(address(court)),
            "",
            splits,
            MAX_RULING,
            FEE_WINDOW,
            "data:application/json,{}",
            tokens
        );
        usd.mint(buyer, PRICE);
        usd.mint(agent, COLLATERAL);
        vm.prank(buyer);
        usd.approve(address(surety), type(uint256).max);
        vm.prank(agent);
        usd.approve(address(surety), type(uint256).max);
        vm.prank(agent);
        surety.depositStake(COLLATERAL);
        vm.deal(buyer, 100 ether);
        vm.deal(agent, 100 ether);
        vm.deal(stranger, 100 ether);
    }

    /// @notice No appeal, by anyone at any moment, turns the court's final ruling into the default split.
    /// hardhat-config: fuzz.runs = 256
    function testFuzz_AppealsAtAnyMoment_PactPaysTheCourtsFinalRuling(
        uint256 rounds,
        uint256[4] memory delays,
        uint256[4] memory moments,
        uint256[4] memory appellants,
        uint256[4] memory rulings
    ) public {
        rounds = bound(rounds, 0, 3);
        (uint256 pactId, Terms memory terms) = _inCourt();
        uint256 heldUntil = ISuretyCooperative(address(surety)).rulingHeldUntil(pactId);
        uint256 disputeID = adapter.courtDispute(pactId).disputeID;

        uint256 ruling;
        for (uint256 round; round <= rounds; ++round) {
            // The court deliberates between one hour and three weeks, then rules 1, 2 or the split.
            vm.warp(block.timestamp + bound(delays[round], 1 hours, 21 days));
            _assertNoDefault(pactId, terms, heldUntil);
            ruling = bound(rulings[round], 1, 3);
            court.giveRuling(disputeID, ruling);
            (uint256 start, uint256 end) = court.appealPeriod(disputeID);
            if (round == rounds) {
                vm.warp(end);
                break;
            }
            // Someone appeals at any second of the window.
            vm.warp(bound(moments[round], start, end - 1));
            _assertNoDefault(pactId, terms, heldUntil);
            _appeal(pactId, disputeID, ruling, appellants[round]);
        }

        // The round's ruling is final: the court's status reads Solved before anyone calls `rule`.
        assertEq(uint256(court.disputeStatus(disputeID)), uint256(IArbitrator.DisputeStatus.Solved), "solved");
        _assertNoDefault(pactId, terms, heldUntil);
        uint256 buyerBefore = usd.balanceOf(buyer);
        uint256 agentBefore = usd.balanceOf(agent);
        vm.prank(stranger);
        court.executeRuling(disputeID);

        (PactStatus status, , ) = surety.getPact(pactId);
        assertEq(uint256(status), uint256(PactStatus.Resolved), "the court's ruling settled the pact");
        uint256 buyerShare =
            ruling == 1
                ? PRICE
                : ruling == 2
                    ? 0
                    : (PRICE * SPLIT) / 10_000;
        uint256 slash = ruling == 1 ? PENALTY : 0;
        assertEq(usd.balanceOf(buyer) - buyerBefore, buyerShare + slash, "buyer paid as the court ruled");
        assertEq(usd.balanceOf(agent) - agentBefore, PRICE - buyerShare, "agent paid as the court ruled");
    }

    /// @dev A pact naming the adapter, delivered, disputed, and taken to court by the buyer.
    function _inCourt() internal returns (uint256 pactId, Terms memory terms) {
        terms = Terms({
            buyer: buyer,
            agent: agent,
            arbiter: address(adapter),
            token: address(usd),
            price: PRICE,
            arbiterFee: 0,
            collateral: COLLATERAL,
            penalty: PENALTY,
            acceptBy: uint40(block.timestamp + 1 days),
            deliverBy: uint40(block.timestamp + 2 days),
            reviewPeriod: 1 days,
            rulingPeriod: RULING,
            defaultBuyerBps: 5_000,
            termsHash: keccak256("pact document")
        });
        vm.prank(buyer);
        pactId = surety.createPact(terms);
        vm.prank(agent);
        surety.acceptPact(pactId, terms);
        vm.prank(agent);
        surety.deliverPact(pactId, terms, keccak256("delivery"));
        vm.prank(buyer);
        surety.disputePact(pactId, terms, keccak256("reason"));
        vm.prank(buyer);
        adapter.requestArbitration{value: ARBITRATION_COST}(pactId, terms, "");
    }

    /// @dev 0: the loser appeals through the adapter; 1: the winner does; 2: a stranger pays the court directly.
    function _appeal(uint256 pactId, uint256 disputeID, uint256 ruling, uint256 appellant) internal {
        uint256 cost = court.appealCost(disputeID, "");
        uint256 who = appellant % 3;
        if (who == 2) {
            vm.prank(stranger);
            court.appeal{value: cost}(disputeID, "");
            return;
        }
        bool buyerLost = ruling != 1;
        address party = (who == 0) == buyerLost ? buyer : agent;
        vm.prank(party);
        adapter.fundAppeal{value: cost}(pactId);
    }

    /// @dev The default ruling is refused, naming the ruling period's end while it runs and the hold's after.
    function _assertNoDefault(uint256 pactId, Terms memory terms, uint256 heldUntil) internal {
        (, uint40 disputedAt, ) = surety.getPact(pactId);
        uint256 rulingEnd = uint256(disputedAt) + terms.rulingPeriod;
        uint256 named = block.timestamp > rulingEnd ? heldUntil : rulingEnd;
        vm.expectRevert(abi.encodeWithSelector(ISuretyErrors.Surety_DeadlineNotPassed.selector, pactId, named));
        surety.applyDefaultRuling(pactId, terms);
    }
}
