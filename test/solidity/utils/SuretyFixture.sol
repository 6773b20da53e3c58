// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Surety} from "../../../contracts/Surety.sol";
import {MockERC20Permit} from "../../../contracts/mocks/MockERC20Permit.sol";
import {Config} from "../../../contracts/types/DataTypes.sol";

import {TestBase} from "./TestBase.sol";

/// @notice Deployment shared by the Solidity tests: a 6-decimal permit token that is both the stake token
/// and an ERC-20 payment token, and Surety with the same settings as the TypeScript fixture. The arbiters are
/// registered for the token and for native ETH with no minimum fee.
abstract contract SuretyFixture is TestBase {
    uint32 internal constant UNBONDING_DELAY = 7 days;
    uint32 internal constant MAX_FREEZE = 14 days;
    uint32 internal constant MIN_REVIEW = 1 hours;
    uint32 internal constant MAX_REVIEW = 30 days;
    uint32 internal constant MIN_RULING = 1 days;
    uint32 internal constant MAX_RULING = 60 days;
    uint32 internal constant PAYOUT_GAS = 100_000;
    uint32 internal constant MAX_RULING_HOLD = 180 days;
    uint48 internal constant ADMIN_DELAY = 3 days;
    uint16 internal constant BPS = 10_000;

    /// @dev Native ETH as a payment token.
    address internal constant ETH = address(0);

    function _deployToken() internal returns (MockERC20Permit token) {
        token = new MockERC20Permit("Mock USD", "mUSD", 6);
        vm.label(address(token), "mUSD");
    }

    /// @dev Deploys Surety with this contract as its admin (so it can grant roles).
    function _deploySurety(address stakeToken) internal returns (Surety surety) {
        surety = new Surety(
            Config({
                stakeToken: stakeToken,
                unbondingDelay: UNBONDING_DELAY,
                maxFreeze: MAX_FREEZE,
                minReviewPeriod: MIN_REVIEW,
                maxReviewPeriod: MAX_REVIEW,
                minRulingPeriod: MIN_RULING,
                maxRulingPeriod: MAX_RULING,
                payoutGas: PAYOUT_GAS,
                maxRulingHold: MAX_RULING_HOLD
            }),
            address(this),
            ADMIN_DELAY,
            address(0),
            address(0)
        );
        vm.label(address(surety), "Surety");
    }

    /// @dev Registers `arbiter` for pacts paid in `token` and in ETH, with no minimum fee.
    function _registerArbiter(Surety surety, address arbiter, address token) internal {
        vm.prank(arbiter);
        surety.registerArbiter(token, 0, MAX_RULING);
        vm.prank(arbiter);
        surety.registerArbiter(ETH, 0, MAX_RULING);
    }

    /// @dev The payment-token balance of `account`: ETH when `token` is address zero.
    function _balanceOf(address token, address account) internal view returns (uint256) {
        return token == ETH ? account.balance : MockERC20Permit(token).balanceOf(account);
    }
}
