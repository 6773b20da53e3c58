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
    constructor(address stakeToken, uint32 payoutGas) SuretyBase(stakeToken, payoutGas) {}

    /// @inheritdoc ISuretyCooperative
    function claimPayouts(address[] calldata tokens, address recipient) external nonReentrant {
        _checkRecipient(recipient);
        for (uint256 i; i < tokens.length; ++i) {
            _claim(tokens[i], recipient);
        }
    }

    /// @inheritdoc ISuretyCooperative
    function proposalsOf(uint256 pactId) external view returns (Proposals memory) {
        return _proposals[pactId];
    }

    /// @inheritdoc ISuretyCooperative
    function proposeSettlement(uint256 pactId, Terms calldata terms, uint16 buyerBps) external nonReentrant {
        // Checks
        Pact memory pact = _load(pactId, terms);
        _requireLive(pactId, pact.status);
        if (buyerBps > _BPS) revert Surety_BpsTooHigh(buyerBps);

        // Effects
        Proposals storage proposals = _proposals[pactId];
        if (msg.sender == terms.buyer) {
            proposals.buyerProposedSplit = true;
            proposals.buyerSplitBps = buyerBps;
        } else if (msg.sender == terms.agent) {
            proposals.agentProposedSplit = true;
            proposals.agentSplitBps = buyerBps;
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
        _requireLive(pactId, status);
        Proposals memory proposals = _proposals[pactId];
        address proposer;
        bool proposed;
        uint16 proposedBps;
        if (msg.sender == terms.buyer) {
            (proposer, proposed, proposedBps) = (terms.agent, proposals.agentProposedSplit, proposals.agentSplitBps);
        } else if (msg.sender == terms.agent) {
            (proposer, proposed, proposedBps) = (terms.buyer, proposals.buyerProposedSplit, proposals.buyerSplitBps);
        } else {
            revert Surety_CallerNotParty(pactId, msg.sender);
        }
        if (!proposed) revert Surety_NoSettlementProposal(pactId, proposer);
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
        Proposals storage proposals = _proposals[pactId];
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
        proposals.buyerDeliverBy = 0;
        proposals.agentDeliverBy = 0;
        _setStatus(pactId, _commit(extended), PactStatus.Active);
        emit DeadlineExtended(pactId, terms.deliverBy, deliverBy);
    }
}
