// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {SuretyBase} from "./base/SuretyBase.sol";
import {ISuretyOperator} from "./interfaces/ISuretyOperator.sol";
import {AgentStatus, ExceptionKind, PactStatus, Review, ReviewDecision, Standing, Terms} from "./types/DataTypes.sol";

/// @title SuretyOperator
/// @notice The operator's module of a Surety deployment: the intervention ladder, weekly reviews and exception
/// notes. It reads and writes agents' standings only; no path here moves, locks or unlocks funds.
/// @dev Created by Surety's constructor and reached only through Surety's fallback, by delegatecall, so every
/// call works on Surety's storage. The operator role lives in Surety's access control, whose storage this module
/// does not declare: the role is read by a call to Surety itself (`address(this)` under delegatecall). Called
/// directly, the module's `address(this)` has no `hasRole`, so every operator call reverts.
contract SuretyOperator is SuretyBase, ISuretyOperator {
    using SafeCast for uint256;

    uint32 internal immutable _UNBONDING_DELAY;
    uint32 internal immutable _MAX_FREEZE;

    /// @param stakeToken The deployment's stake token.
    /// @param payoutGas The deployment's payout gas, already checked by Surety.
    /// @param maxRulingHold The deployment's longest ruling hold, already checked by Surety.
    /// @param unbondingDelay The deployment's unbonding delay, already checked by Surety.
    /// @param maxFreeze The deployment's longest withdrawal freeze, already checked by Surety.
    constructor(
        address stakeToken,
        uint32 payoutGas,
        uint32 maxRulingHold,
        uint32 unbondingDelay,
        uint32 maxFreeze
    ) SuretyBase(stakeToken, payoutGas, maxRulingHold) {
        _UNBONDING_DELAY = unbondingDelay;
        _MAX_FREEZE = maxFreeze;
    }

    /*//////////////////////////////////////////////////////////////
                                 LADDER
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISuretyOperator
    function setAgentStatus(address agent, AgentStatus status, uint256 cap, bytes32 reasonHash) external {
        _requireOperator(msg.sender);
        if (agent == address(0)) revert Surety_ZeroAgent();
        if (status == AgentStatus.Good) revert Surety_InvalidAgentStatus(status);
        // Below Narrowed the cap is ignored, whatever its value.
        _step(agent, status, status >= AgentStatus.Narrowed ? cap.toUint128() : 0, reasonHash);
    }

    /// @inheritdoc ISuretyOperator
    function recertify(address agent, bytes32 reasonHash) external {
        _requireOperator(msg.sender);
        if (agent == address(0)) revert Surety_ZeroAgent();
        _recertify(agent, reasonHash);
    }

    /*//////////////////////////////////////////////////////////////
                                REVIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISuretyOperator
    function recordReviews(Review[] calldata reviews) external {
        _requireOperator(msg.sender);
        if (reviews.length == 0) revert Surety_NoReviews();

        address previous;
        for (uint256 i; i < reviews.length; ++i) {
            Review calldata review = reviews[i];
            address agent = review.agent;
            if (agent == address(0)) revert Surety_ZeroAgent();
            if (agent <= previous) revert Surety_ReviewsNotAscending(i, agent);
            previous = agent;
            if (review.evidenceHash == bytes32(0)) revert Surety_ZeroEvidenceHash(i);

            ReviewDecision decision = review.decision;
            bool capped =
                decision == ReviewDecision.Narrow ||
                    decision == ReviewDecision.Review ||
                    decision == ReviewDecision.Pause;
            if (!capped && review.cap != 0) revert Surety_CapNotApplicable(i, review.cap);

            bool changed;
            if (decision != ReviewDecision.Keep) {
                Standing memory prior = _standings[agent];
                if (decision == ReviewDecision.Recertify) {
                    _recertify(agent, review.evidenceHash);
                } else {
                    // Warn..Pause map one to one onto Warned..Paused.
                    _step(agent, AgentStatus(uint8(decision)), review.cap, review.evidenceHash);
                }
                Standing memory current = _standings[agent];
                changed =
                    prior.status != current.status ||
                    prior.cap != current.cap ||
                    prior.frozenUntil != current.frozenUntil;
            }
            emit AgentReviewed(agent, msg.sender, decision, changed, review.evidenceHash);
        }
    }

    /*//////////////////////////////////////////////////////////////
                               EXCEPTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISuretyOperator
    function logAgentException(address agent, ExceptionKind kind, bytes32 noteHash) external {
        _requireOperator(msg.sender);
        if (agent == address(0)) revert Surety_ZeroAgent();
        if (noteHash == bytes32(0)) revert Surety_ZeroNoteHash();
        emit ExceptionLogged(agent, 0, msg.sender, kind, noteHash);
    }

    /// @inheritdoc ISuretyOperator
    function logPactException(uint256 pactId, Terms calldata terms, ExceptionKind kind, bytes32 noteHash) external {
        PactStatus status = _load(pactId, terms).status;
        if (msg.sender == terms.buyer) {
            // A buyer speaks only of work the agent took on: a pact never accepted says nothing about the agent,
            // and would let anyone pin notes on any agent by naming it in a pact. The buyer's rule applies to a
            // buyer who also holds the operator role, so a note's author is read the same way on and off chain.
            if (status == PactStatus.Open || status == PactStatus.Cancelled || status == PactStatus.Reclaimed) {
                revert Surety_InvalidStatus(pactId, status);
            }
        } else if (!_isOperator(msg.sender)) {
            revert Surety_NotBuyerOrOperator(pactId, msg.sender);
        }
        if (noteHash == bytes32(0)) revert Surety_ZeroNoteHash();
        emit ExceptionLogged(terms.agent, pactId, msg.sender, kind, noteHash);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _isOperator(address account) internal view returns (bool) {
        return IAccessControl(address(this)).hasRole(_OPERATOR_ROLE, account);
    }

    /// @dev Reverts as Surety's own `onlyRole` would, with OpenZeppelin's error.
    function _requireOperator(address account) internal view {
        if (!_isOperator(account)) revert IAccessControl.AccessControlUnauthorizedAccount(account, _OPERATOR_ROLE);
    }

    /// @dev Moves `agent` to a status from Warned up, starting or ending its withdrawal freeze as
    /// {ISuretyOperator-setAgentStatus} describes.
    function _step(address agent, AgentStatus status, uint128 cap, bytes32 reasonHash) internal {
        Standing storage standing = _standings[agent];
        uint40 frozenUntil = standing.frozenUntil;
        if (status >= AgentStatus.UnderReview) {
            // A freeze runs at most _MAX_FREEZE and a new one needs the agent free for the unbonding delay.
            bool running = block.timestamp < frozenUntil;
            if (!running && block.timestamp >= uint256(frozenUntil) + _UNBONDING_DELAY) {
                frozenUntil = uint40(block.timestamp + _MAX_FREEZE);
            }
        } else if (block.timestamp < frozenUntil) {
            frozenUntil = uint40(block.timestamp);
        }
        uint128 newCap = status >= AgentStatus.Narrowed ? cap : 0;

        standing.status = status;
        standing.frozenUntil = frozenUntil;
        standing.cap = newCap;
        emit AgentStatusChanged(agent, msg.sender, status, newCap, frozenUntil, reasonHash);
    }

    /// @dev Returns `agent` to Good with no cap, ending any running freeze.
    function _recertify(address agent, bytes32 reasonHash) internal {
        Standing storage standing = _standings[agent];
        uint40 frozenUntil = standing.frozenUntil;
        if (block.timestamp < frozenUntil) frozenUntil = uint40(block.timestamp);

        standing.status = AgentStatus.Good;
        standing.frozenUntil = frozenUntil;
        standing.cap = 0;
        emit AgentStatusChanged(agent, msg.sender, AgentStatus.Good, 0, frozenUntil, reasonHash);
    }
}
