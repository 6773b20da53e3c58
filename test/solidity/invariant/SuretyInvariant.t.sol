// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Surety} from "../../../contracts/Surety.sol";
import {MockERC20Permit} from "../../../contracts/mocks/MockERC20Permit.sol";
import {PactStatus, StakeAccount} from "../../../contracts/types/DataTypes.sol";

import {SuretyFixture} from "../utils/SuretyFixture.sol";
import {InvariantTestBase} from "../utils/TestBase.sol";
import {SuretyHandler} from "./SuretyHandler.sol";

/// @notice Handler-based invariant tests of Surety: the runner calls random sequences of the handler's
/// actions and checks every invariant after each call. See README.md next to this file.
contract SuretyInvariantTest is SuretyFixture, InvariantTestBase {
    address internal constant NATIVE = address(0);

    Surety internal surety;
    MockERC20Permit internal usd;
    SuretyHandler internal handler;
    bytes4[] internal _selectors;

    function setUp() public {
        usd = _deployToken();
        surety = _deploySurety(address(usd));
        handler = new SuretyHandler(surety, usd);
        surety.grantRole(surety.OPERATOR_ROLE(), handler.operator());
        vm.label(address(handler), "handler");

        // The runner picks uniformly among these entries, so an action listed n times is n times as likely.
        // The weights favour the steps that move a pact forward, so that most runs reach disputes and rulings
        // within the depth, over the early exits (cancel, reclaim) and the background actions.
        _weigh(SuretyHandler.createPactToken.selector, 2);
        _weigh(SuretyHandler.createPactNative.selector, 2);
        _weigh(SuretyHandler.acceptPact.selector, 5);
        _weigh(SuretyHandler.deliverPact.selector, 5);
        _weigh(SuretyHandler.disputePact.selector, 5);
        _weigh(SuretyHandler.resolveDispute.selector, 4);
        _weigh(SuretyHandler.abstain.selector, 2);
        _weigh(SuretyHandler.applyDefaultRuling.selector, 2);
        _weigh(SuretyHandler.releasePact.selector, 2);
        _weigh(SuretyHandler.finalizePact.selector, 1);
        _weigh(SuretyHandler.claimRefund.selector, 2);
        _weigh(SuretyHandler.cancelPact.selector, 1);
        _weigh(SuretyHandler.reclaimPact.selector, 1);
        _weigh(SuretyHandler.depositStake.selector, 1);
        _weigh(SuretyHandler.requestWithdrawal.selector, 1);
        _weigh(SuretyHandler.withdrawStake.selector, 1);
        _weigh(SuretyHandler.claimPayout.selector, 2);
        _weigh(SuretyHandler.setAgentStatus.selector, 1);
        _weigh(SuretyHandler.recertify.selector, 1);
        _weigh(SuretyHandler.warp.selector, 2);
        _weigh(SuretyHandler.setWalletRefusesEth.selector, 1);
        _weigh(SuretyHandler.donate.selector, 1);
        _addTarget(address(handler), _selectors);
    }

    /// @notice (a) Per token, the contract holds at least what it owes: live escrows, held arbiter fees, the
    /// agents' bonded and queued stake (stake token only) and unclaimed credits; and exactly that plus what
    /// was donated to it outside its API (so exactly what it owes when nothing was donated).
    function invariant_SolvencyPerToken() public view {
        _assertSolvent(address(usd), usd.balanceOf(address(surety)), "mUSD");
        _assertSolvent(NATIVE, address(surety).balance, "ETH");
    }

    /// @notice (b) Every agent's locked collateral is within its bonded stake, and equals the collateral of its
    /// accepted, unsettled pacts.
    function invariant_LockedWithinBonded() public view {
        address[] memory agents = handler.agents();
        for (uint256 i; i < agents.length; ++i) {
            StakeAccount memory account = surety.stakeAccount(agents[i]);
            assertLe(account.locked, account.bonded, "locked <= bonded");
            assertEq(account.locked, handler.collateralAtRisk(agents[i]), "locked = collateral of live pacts");
        }
    }

    /// @notice (c) Pact ids only grow, and the next id is one past the pacts the handler created.
    function invariant_PactIdsOnlyGrow() public view {
        assertEq(surety.nextPactId(), handler.pactCount() + 1, "nextPactId = pacts created + 1");
        assertFalse(handler.nextPactIdDecreased(), "nextPactId decreased");
        (PactStatus beyond, , ) = surety.getPact(handler.pactCount() + 1);
        assertEq(uint256(beyond), uint256(PactStatus.None), "no pact beyond the last id");
    }

    /// @notice (d) Terminal statuses never change; and every pact's status and time of last transition are
    /// those the handler's model predicts.
    function invariant_TerminalStatusesNeverChange() public view {
        if (handler.terminalStatusChanged()) {
            fail(
                string.concat(
                    "terminal status changed: pact ",
                    _toString(handler.changedPactId()),
                    " from ",
                    _toString(uint256(handler.changedFrom())),
                    " to ",
                    _toString(uint256(handler.changedTo()))
                )
            );
        }
        uint256 count = handler.pactCount();
        for (uint256 id = 1; id <= count; ++id) {
            (PactStatus status, uint40 updatedAt, bytes26 commitment) = surety.getPact(id);
            assertEq(uint256(status), uint256(handler.modelStatus(id)), "status matches the model");
            assertEq(updatedAt, handler.modelSince(id), "updatedAt matches the model");
            assertEq(bytes32(commitment), bytes32(surety.commitmentOf(handler.termsOf(id))), "commitment");
        }
    }

    /// @notice (e) Every agent's stake and every account's credit are what the handler's model predicts: only
    /// deposits, withdrawals and slashes move stake, and only ETH refused by the wallet buyer becomes credit.
    function invariant_StakeAndCreditsMatchModel() public view {
        address[] memory agents = handler.agents();
        for (uint256 i; i < agents.length; ++i) {
            StakeAccount memory account = surety.stakeAccount(agents[i]);
            assertEq(account.bonded, handler.modelBonded(agents[i]), "bonded matches the model");
            assertEq(account.locked, handler.modelLocked(agents[i]), "locked matches the model");
            assertEq(account.queued, handler.modelQueued(agents[i]), "queued matches the model");
        }
        address[] memory payees = handler.payees();
        for (uint256 k; k < payees.length; ++k) {
            assertEq(
                surety.creditOf(NATIVE, payees[k]),
                handler.modelCredit(NATIVE, payees[k]),
                "ETH credit matches the model"
            );
            assertEq(
                surety.creditOf(address(usd), payees[k]),
                handler.modelCredit(address(usd), payees[k]),
                "mUSD credit matches the model"
            );
        }
    }

    /// @notice After each run: everything can be settled, withdrawn and claimed, leaving only the donations.
    function afterInvariant() public {
        handler.settleEverything();
        assertEq(usd.balanceOf(address(surety)), handler.donated(address(usd)), "mUSD left after settling all");
        assertEq(address(surety).balance, handler.donated(NATIVE), "ETH left after settling all");
    }

    function _weigh(bytes4 selector, uint256 weight) internal {
        for (uint256 i; i < weight; ++i) _selectors.push(selector);
    }

    function _assertSolvent(address token, uint256 balance, string memory name) internal view {
        (uint256 escrow, uint256 fees, uint256 stake, uint256 credits) = handler.owed(token);
        uint256 owed = escrow + fees + stake + credits;
        assertGe(balance, owed, string.concat(name, ": balance >= escrow + fees + stake + credits"));
        assertEq(balance, owed + handler.donated(token), string.concat(name, ": balance = owed + donations"));
    }
}
