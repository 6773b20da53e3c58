// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {ISuretyErrors} from "../interfaces/ISuretyErrors.sol";
import {ISuretyEvents} from "../interfaces/ISuretyEvents.sol";
import {Payouts} from "../libraries/Payouts.sol";
import {ArbiterTerms, Pact, PactStatus, Proposals, StakeAccount, Standing, Terms} from "../types/DataTypes.sol";

/// @title SuretyBase
/// @notice Surety's state and the steps that its core and its modules (cooperative, operator) share. Each inherits
/// it first, so its variables take the same storage slots in each, and a module, running by delegatecall, works on
/// Surety's own storage.
abstract contract SuretyBase is ISuretyEvents, ISuretyErrors {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    uint16 internal constant _BPS = 10_000;
    /// @dev The role that may move agents on the ladder, record reviews and log exceptions; held in Surety.
    bytes32 internal constant _OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    /// @dev Gas kept back around a payout attempt for the credit fallback and the rest of the call.
    uint256 internal constant _PAYOUT_RESERVE = 40_000;

    /*//////////////////////////////////////////////////////////////
                                 STATE
    //////////////////////////////////////////////////////////////*/

    IERC20 internal immutable _STAKE_TOKEN;
    uint32 internal immutable _PAYOUT_GAS;
    uint32 internal immutable _MAX_RULING_HOLD;

    uint256 internal _nextPactId = 1;
    mapping(uint256 pactId => Pact pact) internal _pacts;
    mapping(address agent => StakeAccount account) internal _stakes;
    mapping(address agent => Standing standing) internal _standings;
    mapping(address arbiter => mapping(address token => ArbiterTerms)) internal _arbiters;
    mapping(address token => mapping(address account => uint256 amount)) internal _credits;
    mapping(address agent => mapping(uint256 nonce => bool used)) internal _usedNonces;
    mapping(uint256 pactId => Proposals proposals) internal _proposals;
    mapping(uint256 pactId => uint40 heldUntil) internal _rulingHolds;

    /// @param stakeToken The token agents stake and collateral is slashed in.
    /// @param payoutGas Gas forwarded to each payout attempt; Surety's constructor checks its bounds.
    /// @param maxRulingHold Seconds after a dispute until which its arbiter may hold off the default ruling.
    constructor(address stakeToken, uint32 payoutGas, uint32 maxRulingHold) {
        _STAKE_TOKEN = IERC20(stakeToken);
        _PAYOUT_GAS = payoutGas;
        _MAX_RULING_HOLD = maxRulingHold;
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Loads a pact whose terms match its commitment.
    function _load(uint256 pactId, Terms calldata terms) internal view returns (Pact memory pact) {
        pact = _pacts[pactId];
        if (pact.status == PactStatus.None) revert Surety_PactNotFound(pactId);
        if (pact.commitment != _commit(terms)) revert Surety_TermsMismatch(pactId);
    }

    function _setStatus(uint256 pactId, bytes26 commitment, PactStatus status) internal {
        _pacts[pactId] = Pact({commitment: commitment, status: status, updatedAt: uint40(block.timestamp)});
    }

    /// @dev Unlocks a pact's collateral, slashing `slash` of it (<= collateral) out of the agent's stake.
    function _unlock(address agent, uint256 collateral, uint256 slash) internal {
        if (collateral == 0) return;
        StakeAccount storage account = _stakes[agent];
        // Casts are safe: collateral was locked (so <= locked, a uint128) and slash <= collateral. The
        // subtractions cannot underflow: locked includes this pact's collateral and bonded >= locked.
        unchecked {
            account.locked -= uint128(collateral);
            if (slash != 0) account.bonded -= uint128(slash);
        }
    }

    /// @dev Splits a price: the buyer's share rounds down, the agent gets the rest.
    function _split(uint256 price, uint16 buyerBps) internal pure returns (uint256 toBuyer, uint256 toAgent) {
        toBuyer = Math.mulDiv(price, buyerBps, _BPS);
        toAgent = price - toBuyer;
    }

    /// @dev Pays `amount` of `token` to `to` with bounded gas; if that fails the amount is credited to `to`,
    /// who claims it later. The credit is the recipient's own, so it is safe after the external call.
    function _payout(uint256 pactId, address token, address to, uint256 amount) internal {
        if (amount == 0) return;
        // Forward the full bound to the recipient (EIP-150 keeps 1/64 back) and keep enough to credit.
        uint256 needed = uint256(_PAYOUT_GAS) + _PAYOUT_GAS / 63 + _PAYOUT_RESERVE;
        if (gasleft() < needed) revert Surety_InsufficientGas(needed, gasleft());
        if (!Payouts.trySend(token, to, amount, _PAYOUT_GAS)) {
            _credits[token][to] += amount;
            emit PayoutCredited(pactId, token, to, amount);
        }
    }

    /// @dev Sends the caller's whole credit in `token` to `recipient`, already checked.
    function _claim(address token, address recipient) internal {
        // Checks
        uint256 amount = _credits[token][msg.sender];
        if (amount == 0) revert Surety_NoCredit(token, msg.sender);

        // Effects
        _credits[token][msg.sender] = 0;
        emit PayoutClaimed(token, msg.sender, recipient, amount);

        // Interactions: a failure reverts the whole claim, so the credit stays.
        if (token == address(0)) {
            Address.sendValue(payable(recipient), amount);
        } else {
            IERC20(token).safeTransfer(recipient, amount);
        }
    }

    /// @dev Whether a pact is underway: accepted, its price in escrow, not yet ended (Active, Delivered or
    /// Disputed). Live is wider: it also counts Open, which holds the price but binds no agent yet.
    function _isUnderway(PactStatus status) internal pure returns (bool) {
        return status == PactStatus.Active || status == PactStatus.Delivered || status == PactStatus.Disputed;
    }

    /// @dev Reverts unless `status` is underway (see {_isUnderway}); spelled out for the optimizer, which keeps the happy
    /// path's `releasePact` cheaper this way than through {_isUnderway}.
    function _requireUnderway(uint256 pactId, PactStatus status) internal pure {
        if (status != PactStatus.Active && status != PactStatus.Delivered && status != PactStatus.Disputed) {
            revert Surety_InvalidStatus(pactId, status);
        }
    }

    /// @dev The last second a Disputed pact's arbiter may rule: the end of its ruling period, or later if the
    /// arbiter held the ruling. Reads the hold only when the ruling period is over, to spare its storage read.
    function _rulingEnd(uint256 pactId, uint40 disputedAt, uint32 rulingPeriod) internal view returns (uint256 end) {
        end = uint256(disputedAt) + rulingPeriod;
        if (block.timestamp > end) {
            uint256 heldUntil = _rulingHolds[pactId];
            if (heldUntil > end) end = heldUntil;
        }
    }

    /// @dev A recipient must exist and must not be this contract, where funds would be stranded.
    function _checkRecipient(address recipient) internal view {
        if (recipient == address(0) || recipient == address(this)) revert Surety_InvalidRecipient(recipient);
    }

    function _commit(Terms memory terms) internal pure returns (bytes26) {
        return bytes26(keccak256(abi.encode(terms)));
    }
}
