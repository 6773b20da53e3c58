// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {SuretyBase} from "./base/SuretyBase.sol";
import {ISuretyCooperative} from "./interfaces/ISuretyCooperative.sol";
import {Pact, PactStatus, Proposals, Terms} from "./types/DataTypes.sol";

/// @title SuretyCooperative
/// @notice The cooperative paths of a Surety deployment: settlement by agreement, a refund by the agent, a
/// deadline extension both parties asked for, and claiming several credits at once.
/// @dev Created by Surety's constructor and reached only through Surety's fallback, by delegatecall, so every
/// call reads and writes Surety's storage and shares its transient reentrancy lock. Called directly, it sees
/// its own empty storage: no pact exists and no credit is held, so every call reverts or reads zero.
contract SuretyCooperative is SuretyBase, ISuretyCooperative, ReentrancyGuardTransient {
    /// @param stakeToken The deployment's stake token.
    /// @param payoutGas The deployment's payout gas, already checked by Surety.
    /// @param maxRulingHold The deployment's longest ruling hold, already checked by Surety.
    constructor(
        address stakeToken,
        uint32 payoutGas,
        uint32 maxRulingHold
    ) SuretyBase(stakeToken, payoutGas, maxRulingHold) {}

    /*//////////////////////////////////////////////////////////////
                                 READS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISuretyCooperative
    function proposalsOf(uint256 pactId, Terms calldata terms) external view returns (Proposals memory standing) {
        Pact memory pact = _load(pactId, terms);
        standing.status = pact.status;
        Proposals memory proposals = _proposals[pactId];
        if (proposals.status != pact.status || !_isUnderway(pact.status)) return standing;
        uint256 deadline = _stateDeadline(pactId, pact, terms);
        if (_stands(proposals.buyerSplitAt, deadline)) {
            (standing.buyerSplitAt, standing.buyerSplitBps) = (proposals.buyerSplitAt, proposals.buyerSplitBps);
        }
        if (_stands(proposals.agentSplitAt, deadline)) {
            (standing.agentSplitAt, standing.agentSplitBps) = (proposals.agentSplitAt, proposals.agentSplitBps);
        }
        // Deadline requests can be matched only while Active and before the delivery deadline.
        if (pact.status == PactStatus.Active && block.timestamp <= terms.deliverBy) {
            (standing.buyerDeliverBy, standing.agentDeliverBy) = (proposals.buyerDeliverBy, proposals.agentDeliverBy);
        }
    }

    /// @inheritdoc ISuretyCooperative
    function rulingHeldUntil(uint256 pactId) external view returns (uint40) {
        return _rulingHolds[pactId];
    }

    /*//////////////////////////////////////////////////////////////
                                 WRITES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISuretyCooperative
    function claimPayouts(address[] calldata tokens, address recipient) external nonReentrant {
        _checkRecipient(recipient);
        for (uint256 i; i < tokens.length; ++i) {
            _claim(tokens[i], recipient);
        }
    }

    /// @inheritdoc ISuretyCooperative
    function proposeSettlement(uint256 pactId, Terms calldata terms, uint16 buyerBps) external nonReentrant {
        // Checks
        Pact memory pact = _load(pactId, terms);
        _requireUnderway(pactId, pact.status);
        if (buyerBps > _BPS) revert Surety_BpsTooHigh(buyerBps);

        // Effects
        Proposals storage proposals = _current(pactId, pact.status);
        uint40 madeAt = uint40(block.timestamp);
        if (msg.sender == terms.buyer) {
            (proposals.buyerSplitAt, proposals.buyerSplitBps) = (madeAt, buyerBps);
        } else if (msg.sender == terms.agent) {
            (proposals.agentSplitAt, proposals.agentSplitBps) = (madeAt, buyerBps);
        } else {
            revert Surety_CallerNotParty(pactId, msg.sender);
        }
        emit SettlementProposed(pactId, msg.sender, buyerBps);
    }

    /// @inheritdoc ISuretyCooperative
    function acceptSettlement(uint256 pactId, Terms calldata terms, uint16 buyerBps) external nonReentrant {
        // Checks
        Pact memory pact = _load(pactId, terms);
        PactStatus status = pact.status;
        _requireUnderway(pactId, status);
        Proposals memory proposals = _proposals[pactId];
        address proposer;
        uint40 proposedAt;
        uint16 proposedBps;
        if (msg.sender == terms.buyer) {
            (proposer, proposedAt, proposedBps) = (terms.agent, proposals.agentSplitAt, proposals.agentSplitBps);
        } else if (msg.sender == terms.agent) {
            (proposer, proposedAt, proposedBps) = (terms.buyer, proposals.buyerSplitAt, proposals.buyerSplitBps);
        } else {
            revert Surety_CallerNotParty(pactId, msg.sender);
        }
        if (proposedAt == 0) revert Surety_NoSettlementProposal(pactId, proposer);
        // A proposal made in an earlier status, or before this status's deadline that has since passed, no longer
        // binds its proposer: the outcome that deadline opened (a refund with the penalty, the agent's payment,
        // the default ruling) is not traded away by an offer made before it.
        if (proposals.status != status || !_stands(proposedAt, _stateDeadline(pactId, pact, terms))) {
            revert Surety_ProposalLapsed(pactId, proposer);
        }
        if (proposedBps != buyerBps) revert Surety_SettlementMismatch(pactId, proposedBps, buyerBps);

        // Effects
        (uint256 toBuyer, uint256 toAgent) = _split(terms.price, buyerBps);
        uint256 feeRefund = status == PactStatus.Disputed ? terms.arbiterFee : 0;
        delete _proposals[pactId];
        _setStatus(pactId, pact.commitment, PactStatus.Settled);
        _unlock(terms.agent, terms.collateral, 0);
        emit PactSettled(pactId, proposer, buyerBps, toBuyer, toAgent, feeRefund);

        // Interactions
        _payout(pactId, terms.token, terms.buyer, toBuyer + feeRefund);
        _payout(pactId, terms.token, terms.agent, toAgent);
    }

    /// @inheritdoc ISuretyCooperative
    function withdrawProposals(uint256 pactId, Terms calldata terms) external nonReentrant {
        // Checks
        Pact memory pact = _load(pactId, terms);
        _requireUnderway(pactId, pact.status);
        Proposals storage proposals = _proposals[pactId];
        // Only what still stands can be withdrawn: proposals of an earlier status, a split past its status's
        // deadline and a deadline request past the delivery deadline already bind no one.
        bool current = proposals.status == pact.status;
        uint256 deadline = _stateDeadline(pactId, pact, terms);
        bool asksStand = pact.status == PactStatus.Active && block.timestamp <= terms.deliverBy;
        bool withdrawn;

        // Effects
        if (msg.sender == terms.buyer) {
            withdrawn =
                current && (_stands(proposals.buyerSplitAt, deadline) || (asksStand && proposals.buyerDeliverBy != 0));
            (proposals.buyerSplitAt, proposals.buyerSplitBps, proposals.buyerDeliverBy) = (0, 0, 0);
        } else if (msg.sender == terms.agent) {
            withdrawn =
                current && (_stands(proposals.agentSplitAt, deadline) || (asksStand && proposals.agentDeliverBy != 0));
            (proposals.agentSplitAt, proposals.agentSplitBps, proposals.agentDeliverBy) = (0, 0, 0);
        } else {
            revert Surety_CallerNotParty(pactId, msg.sender);
        }
        if (!withdrawn) revert Surety_NothingToWithdraw(pactId, msg.sender);
        emit ProposalsWithdrawn(pactId, msg.sender);
    }

    /// @inheritdoc ISuretyCooperative
    function holdRuling(uint256 pactId, Terms calldata terms) external nonReentrant {
        // Checks
        Pact memory pact = _load(pactId, terms);
        if (pact.status != PactStatus.Disputed) revert Surety_InvalidStatus(pactId, pact.status);
        if (msg.sender != terms.arbiter) revert Surety_CallerNotArbiter(pactId, msg.sender);
        uint40 heldUntil = _rulingHolds[pactId];
        if (heldUntil != 0) revert Surety_RulingAlreadyHeld(pactId, heldUntil);
        uint256 rulingEnd = uint256(pact.updatedAt) + terms.rulingPeriod;
        if (block.timestamp > rulingEnd) revert Surety_DeadlinePassed(pactId, rulingEnd);

        // Effects. Cast is safe: a dispute time plus at most 365 days fits uint40 for millennia.
        heldUntil = uint40(uint256(pact.updatedAt) + _MAX_RULING_HOLD);
        _rulingHolds[pactId] = heldUntil;
        emit RulingHeld(pactId, msg.sender, heldUntil);
    }

    /// @inheritdoc ISuretyCooperative
    function refundByAgent(uint256 pactId, Terms calldata terms) external nonReentrant {
        // Checks
        Pact memory pact = _load(pactId, terms);
        if (pact.status != PactStatus.Active) revert Surety_InvalidStatus(pactId, pact.status);
        if (msg.sender != terms.agent) revert Surety_CallerNotAgent(pactId, msg.sender);
        if (block.timestamp > terms.deliverBy) revert Surety_DeadlinePassed(pactId, terms.deliverBy);

        // Effects
        _setStatus(pactId, pact.commitment, PactStatus.Refunded);
        _unlock(terms.agent, terms.collateral, terms.penalty);
        emit PactRefundedByAgent(pactId, terms.buyer, terms.agent, terms.price, terms.penalty);

        // Interactions
        _payout(pactId, terms.token, terms.buyer, terms.price);
        _payout(pactId, address(_STAKE_TOKEN), terms.buyer, terms.penalty);
    }

    /// @inheritdoc ISuretyCooperative
    function extendDeadline(uint256 pactId, Terms calldata terms, uint40 deliverBy) external nonReentrant {
        // Checks
        Pact memory pact = _load(pactId, terms);
        if (pact.status != PactStatus.Active) revert Surety_InvalidStatus(pactId, pact.status);
        if (block.timestamp > terms.deliverBy) revert Surety_DeadlinePassed(pactId, terms.deliverBy);
        if (deliverBy <= terms.deliverBy) revert Surety_DeadlineNotLater(pactId, terms.deliverBy, deliverBy);

        // Effects
        Proposals storage proposals = _current(pactId, PactStatus.Active);
        uint40 other;
        if (msg.sender == terms.buyer) {
            proposals.buyerDeliverBy = deliverBy;
            other = proposals.agentDeliverBy;
        } else if (msg.sender == terms.agent) {
            proposals.agentDeliverBy = deliverBy;
            other = proposals.buyerDeliverBy;
        } else {
            revert Surety_CallerNotParty(pactId, msg.sender);
        }
        emit DeadlineExtensionProposed(pactId, msg.sender, deliverBy);
        if (other != deliverBy) return;

        Terms memory extended = terms;
        extended.deliverBy = deliverBy;
        delete _proposals[pactId];
        _setStatus(pactId, _commit(extended), PactStatus.Active);
        emit DeadlineExtended(pactId, terms.deliverBy, deliverBy);
    }

    /*//////////////////////////////////////////////////////////////
                                PRIVATE
    //////////////////////////////////////////////////////////////*/

    /// @dev The pact's proposals, first cleared if they were made in an earlier status (so they lapsed), and now
    /// marked as made in `status`.
    function _current(uint256 pactId, PactStatus status) private returns (Proposals storage proposals) {
        proposals = _proposals[pactId];
        if (proposals.status != status) {
            delete _proposals[pactId];
            proposals.status = status;
        }
    }

    /// @dev The deadline of an underway pact's current status: past it, the outcome of that status opens to anyone
    /// (a refund with the penalty while Active, the agent's payment while Delivered, the default split while
    /// Disputed).
    function _stateDeadline(uint256 pactId, Pact memory pact, Terms calldata terms) private view returns (uint256) {
        if (pact.status == PactStatus.Active) return terms.deliverBy;
        if (pact.status == PactStatus.Delivered) return uint256(pact.updatedAt) + terms.reviewPeriod;
        return _rulingEnd(pactId, pact.updatedAt, terms.rulingPeriod);
    }

    /// @dev Whether a settlement proposal made at `madeAt` still binds: made after the status's deadline (fresh
    /// consent to forgo what the deadline opened), or the deadline has not passed yet.
    function _stands(uint40 madeAt, uint256 deadline) private view returns (bool) {
        return madeAt != 0 && (madeAt > deadline || block.timestamp <= deadline);
    }
}
