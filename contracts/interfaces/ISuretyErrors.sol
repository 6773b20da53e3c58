// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AgentStatus, PactStatus} from "../types/DataTypes.sol";

/// @title ISuretyErrors
/// @notice Every custom error Surety reverts with, from its core and from its cooperative and operator modules.
interface ISuretyErrors {
    // --- configuration ---
    error Surety_InvalidStakeToken(address token);
    error Surety_ZeroAdminDelay();
    error Surety_UnbondingDelayOutOfBounds(uint32 delay, uint32 min, uint32 max);
    error Surety_InvalidMaxFreeze(uint32 maxFreeze, uint32 limit);
    error Surety_InvalidPeriodBounds(uint32 min, uint32 max, uint32 limit);
    error Surety_PayoutGasOutOfBounds(uint32 gas, uint32 min, uint32 max);
    error Surety_RulingHoldOutOfBounds(uint32 hold, uint32 min, uint32 max);

    // --- terms ---
    error Surety_BuyerNotCaller(address buyer, address caller);
    error Surety_ZeroAgent();
    error Surety_AgentIsBuyer(address agent);
    error Surety_ArbiterNotRegistered(address arbiter, address token);
    error Surety_ArbiterIsParty(address arbiter);
    error Surety_ArbiterFeeTooLow(uint256 fee, uint256 minFee);
    error Surety_ZeroPrice();
    error Surety_AmountTooLarge(uint256 amount);
    error Surety_AcceptByNotInFuture(uint40 acceptBy, uint256 blockTime);
    error Surety_DeadlinesNotOrdered(uint40 acceptBy, uint40 deliverBy);
    error Surety_ReviewPeriodOutOfBounds(uint32 period, uint32 min, uint32 max);
    error Surety_RulingPeriodOutOfBounds(uint32 period, uint32 min, uint32 max);
    error Surety_BpsTooHigh(uint16 bps);
    error Surety_PenaltyExceedsCollateral(uint256 penalty, uint256 collateral);
    error Surety_WrongValue(uint256 expected, uint256 sent);

    // --- pacts ---
    error Surety_PactNotFound(uint256 pactId);
    error Surety_TermsMismatch(uint256 pactId);
    error Surety_InvalidStatus(uint256 pactId, PactStatus status);
    error Surety_DeadlinePassed(uint256 pactId, uint256 deadline);
    error Surety_DeadlineNotPassed(uint256 pactId, uint256 deadline);
    error Surety_CallerNotBuyer(uint256 pactId, address caller);
    error Surety_CallerNotAgent(uint256 pactId, address caller);
    error Surety_CallerNotArbiter(uint256 pactId, address caller);
    error Surety_CallerNotParty(uint256 pactId, address caller);
    error Surety_SlashExceedsCollateral(uint256 slash, uint256 collateral);
    error Surety_NoSettlementProposal(uint256 pactId, address proposer);
    error Surety_ProposalLapsed(uint256 pactId, address proposer);
    error Surety_NothingToWithdraw(uint256 pactId, address party);
    error Surety_RulingAlreadyHeld(uint256 pactId, uint40 heldUntil);
    error Surety_SettlementMismatch(uint256 pactId, uint16 proposedBps, uint16 acceptedBps);
    error Surety_DeadlineNotLater(uint256 pactId, uint40 deliverBy, uint40 requested);

    // --- stake and standing ---
    error Surety_ZeroAmount();
    error Surety_InsufficientFreeStake(address agent, uint256 free, uint256 needed);
    error Surety_ExposureCapExceeded(address agent, uint256 cap, uint256 exposure);
    error Surety_AgentPaused(address agent);
    error Surety_NothingQueued(address agent);
    error Surety_WithdrawalNotReady(address agent, uint256 readyAt);
    error Surety_StakeFrozen(address agent, uint256 frozenUntil);
    error Surety_InvalidAgentStatus(AgentStatus status);
    error Surety_NoReviews();
    error Surety_ReviewsNotAscending(uint256 index, address agent);
    error Surety_CapNotApplicable(uint256 index, uint128 cap);
    error Surety_ZeroEvidenceHash(uint256 index);
    error Surety_ZeroNoteHash();
    error Surety_NotBuyerOrOperator(uint256 pactId, address caller);

    // --- tokens and payouts ---
    error Surety_TransferMismatch(address token, uint256 expected, uint256 received);
    error Surety_InsufficientGas(uint256 needed, uint256 available);
    error Surety_NoCredit(address token, address account);
    error Surety_InvalidRecipient(address recipient);

    // --- offers ---
    error Surety_OfferExpired(uint40 expiry, uint256 blockTime);
    error Surety_NonceUsed(address agent, uint256 nonce);
    error Surety_InvalidSignature(address agent);
    error Surety_OfferNotForCaller(address buyer, address caller);
}
