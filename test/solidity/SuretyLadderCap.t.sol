// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Surety} from "../../contracts/Surety.sol";
import {ISuretyErrors} from "../../contracts/interfaces/ISuretyErrors.sol";
import {ISuretyOperator} from "../../contracts/interfaces/ISuretyOperator.sol";
import {MockERC20Permit} from "../../contracts/mocks/MockERC20Permit.sol";
import {AgentStatus, PactStatus, Terms} from "../../contracts/types/DataTypes.sol";

import {SuretyFixture} from "./utils/SuretyFixture.sol";

/// @notice Pins how the operator's cap treats a pact without collateral when the agent's locked stake is already
/// at or above the cap. The contract checks `locked + collateral <= cap`, so a cap below the locked stake refuses
/// even a pact without collateral, and a cap equal to it admits only such a pact (docs/ARCHITECTURE.md, the ladder
/// and trust tables).
contract SuretyLadderCapTest is SuretyFixture {
    uint256 internal constant LOCKED = 100e6;

    Surety internal surety;
    MockERC20Permit internal usd;
    address internal buyer;
    address internal agent;
    address internal arbiter;
    address internal operator;

    function setUp() public {
        usd = _deployToken();
        surety = _deploySurety(address(usd));
        buyer = makeActor("buyer");
        agent = makeActor("agent");
        arbiter = makeActor("arbiter");
        operator = makeActor("operator");
        surety.grantRole(surety.OPERATOR_ROLE(), operator);
        _registerArbiter(surety, arbiter, address(usd));

        usd.mint(agent, LOCKED);
        vm.prank(agent);
        usd.approve(address(surety), LOCKED);
        vm.prank(agent);
        surety.depositStake(LOCKED);
        Terms memory first = _terms(LOCKED, 1);
        uint256 id = _create(first);
        vm.prank(agent);
        surety.acceptPact(id, first);
    }

    /// @notice Narrowed with a cap below the locked stake: a pact without collateral is refused.
    function test_GivenCapBelowLocked_RefusesPactWithoutCollateral() public {
        _narrow(LOCKED - 1);
        Terms memory t = _terms(0, 2);
        uint256 id = _create(t);
        vm.expectRevert(
            abi.encodeWithSelector(ISuretyErrors.Surety_ExposureCapExceeded.selector, agent, LOCKED - 1, LOCKED)
        );
        vm.prank(agent);
        surety.acceptPact(id, t);
    }

    /// @notice Narrowed with a cap equal to the locked stake: a pact without collateral is admitted, any other not.
    function test_GivenCapAtLocked_AdmitsOnlyPactWithoutCollateral() public {
        _narrow(LOCKED);
        Terms memory free = _terms(0, 2);
        uint256 freeId = _create(free);
        vm.prank(agent);
        surety.acceptPact(freeId, free);
        (PactStatus status, , ) = surety.getPact(freeId);
        assertEq(uint256(status), uint256(PactStatus.Active), "a pact without collateral is accepted");

        Terms memory backed = _terms(1, 3);
        uint256 backedId = _create(backed);
        vm.expectRevert(
            abi.encodeWithSelector(ISuretyErrors.Surety_ExposureCapExceeded.selector, agent, LOCKED, LOCKED + 1)
        );
        vm.prank(agent);
        surety.acceptPact(backedId, backed);
    }

    function _narrow(uint256 cap) internal {
        vm.prank(operator);
        ISuretyOperator(address(surety)).setAgentStatus(agent, AgentStatus.Narrowed, cap, keccak256("narrowed"));
    }

    function _terms(uint256 collateral, uint256 salt) internal view returns (Terms memory t) {
        t = Terms({
            buyer: buyer,
            agent: agent,
            arbiter: arbiter,
            token: address(usd),
            price: 1e6,
            arbiterFee: 0,
            collateral: collateral,
            penalty: 0,
            acceptBy: uint40(block.timestamp + 1 days),
            deliverBy: uint40(block.timestamp + 2 days),
            reviewPeriod: MIN_REVIEW,
            rulingPeriod: MIN_RULING,
            defaultBuyerBps: 0,
            termsHash: keccak256(abi.encode("pact", salt))
        });
    }

    function _create(Terms memory t) internal returns (uint256 id) {
        usd.mint(buyer, t.price);
        vm.prank(buyer);
        usd.approve(address(surety), t.price);
        vm.prank(buyer);
        id = surety.createPact(t);
    }
}
