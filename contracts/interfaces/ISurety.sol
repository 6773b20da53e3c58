// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ISuretyErrors} from "./ISuretyErrors.sol";
import {ISuretyEvents} from "./ISuretyEvents.sol";
import {ArbiterTerms, Config, Offer, PactStatus, Permit, StakeAccount, Standing, Terms} from "../types/DataTypes.sol";

/// @title ISurety
/// @notice Pact escrow between a buyer and an AI agent, backed by the agent's stake, with arbitration and an
/// operator's intervention ladder. Every call after creation passes the pact's terms, checked against the
/// commitment stored at creation (the SDK finds them in the PactCreated event). The cooperative paths
/// ({ISuretyCooperative}) and the operator's ladder and reviews ({ISuretyOperator}) are called at the same address.
interface ISurety is ISuretyEvents, ISuretyErrors {
    /*//////////////////////////////////////////////////////////////
                                 READS
    //////////////////////////////////////////////////////////////*/

    /// @notice The deployment's fixed settings.
    function config() external view returns (Config memory);

    /// @notice The id the next pact will get. Ids start at 1, and every id from 1 to this one, excluded, exists.
    function nextPactId() external view returns (uint256);

    /// @notice A pact's status, the time of its last transition and its terms commitment.
    function getPact(uint256 pactId) external view returns (PactStatus status, uint40 updatedAt, bytes26 commitment);

    /// @notice The commitment a pact with these terms stores.
    function commitmentOf(Terms calldata terms) external pure returns (bytes26);

    /// @notice An agent's stake: `staked` = free + locked + queued.
    function stakeOf(
        address agent
    ) external view returns (uint256 staked, uint256 locked, uint256 queued, uint40 readyAt, uint256 free);

    /// @notice An agent's raw stake account.
    function stakeAccount(address agent) external view returns (StakeAccount memory);

    /// @notice An agent's step on the ladder, its cap and its freeze.
    function standingOf(address agent) external view returns (Standing memory);

    /// @notice An arbiter's terms for pacts paid in `token`.
    function arbiterTerms(address arbiter, address token) external view returns (ArbiterTerms memory);

    /// @notice What `account` can claim in `token` (address zero for ETH).
    function creditOf(address token, address account) external view returns (uint256);

    /// @notice Whether an agent's offer nonce was used or revoked.
    function isNonceUsed(address agent, uint256 nonce) external view returns (bool);

    /// @notice The EIP-712 digest an agent signs for `offer`.
    function offerDigest(Offer calldata offer) external view returns (bytes32);

    /*//////////////////////////////////////////////////////////////
                             BUYER ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Creates a pact and funds its price: `msg.value == price` for ETH, else an allowance of `price`.
    /// @dev Refused while the guardian has paused new pacts. Emits {PactCreated}.
    /// @return pactId The new pact's id.
    function createPact(Terms calldata terms) external payable returns (uint256 pactId);

    /// @notice {createPact}, spending an EIP-2612 permit for exactly the price first. A permit that fails
    /// (front-run, already used) does not block creation when the allowance already suffices.
    function createPactWithPermit(Terms calldata terms, Permit calldata permit) external returns (uint256 pactId);

    /// @notice Funds an agent's signed offer: the pact starts Active, with every acceptance check run now.
    /// @param signature The agent's EIP-712 signature, or an ERC-1271 signature for a contract wallet.
    /// @dev Emits {PactCreated}, {PactAccepted} and {OfferFunded}.
    function createPactFromOffer(
        Offer calldata offer,
        bytes calldata signature
    ) external payable returns (uint256 pactId);

    /// @notice {createPactFromOffer}, spending an EIP-2612 permit for exactly the price first.
    function createPactFromOfferWithPermit(
        Offer calldata offer,
        bytes calldata signature,
        Permit calldata permit
    ) external returns (uint256 pactId);

    /// @notice The buyer cancels a pact no one accepted yet and gets the price back. Emits {PactCancelled}.
    function cancelPact(uint256 pactId, Terms calldata terms) external;

    /// @notice The buyer pays the agent: from Active, Delivered or Disputed. A held arbiter fee goes back to
    /// the buyer and the collateral unlocks. Emits {PactReleased}.
    function releasePact(uint256 pactId, Terms calldata terms) external;

    /// @notice The buyer disputes a delivery within the review period, paying the arbiter fee.
    /// @param reasonHash Commitment to the buyer's reasons. Emits {PactDisputed}.
    function disputePact(uint256 pactId, Terms calldata terms, bytes32 reasonHash) external payable;

    /// @notice {disputePact}, spending an EIP-2612 permit for exactly the fee first.
    function disputePactWithPermit(
        uint256 pactId,
        Terms calldata terms,
        bytes32 reasonHash,
        Permit calldata permit
    ) external;

    /*//////////////////////////////////////////////////////////////
                             AGENT ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Adds stake, pulling `amount` of the stake token. Emits {StakeDeposited}.
    function depositStake(uint256 amount) external;

    /// @notice {depositStake}, spending an EIP-2612 permit for exactly `amount` first.
    function depositStakeWithPermit(uint256 amount, Permit calldata permit) external;

    /// @notice Queues free stake for withdrawal after the unbonding delay; restarts the delay for the whole
    /// queue. Emits {WithdrawalRequested}.
    function requestWithdrawal(uint256 amount) external;

    /// @notice Withdraws the caller's whole queue to `recipient` (not zero, not this contract) once ready, unless a
    /// freeze runs.
    /// Emits {StakeWithdrawn}.
    function withdrawStake(address recipient) external;

    /// @notice The agent accepts an open pact by its acceptance deadline, locking the collateral from free
    /// stake within its cap. Emits {PactAccepted}.
    function acceptPact(uint256 pactId, Terms calldata terms) external;

    /// @notice The agent delivers by the delivery deadline. Emits {PactDelivered}.
    function deliverPact(uint256 pactId, Terms calldata terms, bytes32 deliveryHash) external;

    /// @notice The agent revokes an unfunded signed offer by its nonce. Emits {OfferRevoked}.
    function revokeOffer(uint256 nonce) external;

    /*//////////////////////////////////////////////////////////////
                            ARBITER ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice The caller publishes its terms as an arbiter for pacts paid in `token`. Emits {ArbiterRegistered}.
    function registerArbiter(address token, uint128 minFee, uint32 maxRulingPeriod) external;

    /// @notice The caller stops being nameable for pacts paid in `token`. Emits {ArbiterDeregistered}.
    function deregisterArbiter(address token) external;

    /// @notice The pact's arbiter rules within the ruling period (or until the hold it set with
    /// {ISuretyCooperative-holdRuling}): the buyer's share of the price, a slash
    /// of the collateral to the buyer, and a ruling hash; the arbiter earns the fee. Emits {DisputeResolved}.
    function resolveDispute(
        uint256 pactId,
        Terms calldata terms,
        uint16 buyerBps,
        uint256 slash,
        bytes32 rulingHash
    ) external;

    /// @notice The pact's arbiter declines within the ruling period (or its hold): the default split applies, no slash,
    /// and the fee goes back to the buyer. Emits {DisputeResolved}.
    function abstain(uint256 pactId, Terms calldata terms, bytes32 rulingHash) external;

    /// @notice The buyer or the agent adds evidence while the pact is Disputed. Emits {EvidenceSubmitted}.
    function submitEvidence(uint256 pactId, Terms calldata terms, bytes32 evidenceHash) external;

    /*//////////////////////////////////////////////////////////////
                            ANYONE'S ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice After an open pact's acceptance deadline, returns the price to the buyer. Emits {PactReclaimed}.
    function reclaimPact(uint256 pactId, Terms calldata terms) external;

    /// @notice After a delivered pact's review period, pays the agent. Emits {PactFinalized}.
    function finalizePact(uint256 pactId, Terms calldata terms) external;

    /// @notice After an active pact's delivery deadline, returns the price to the buyer and slashes the
    /// penalty to it. Emits {PactRefunded}.
    function claimRefund(uint256 pactId, Terms calldata terms) external;

    /// @notice After a disputed pact's ruling period, and after any hold its arbiter set, applies the default split with no slash and returns
    /// the fee to the buyer. Emits {DefaultRulingApplied}.
    function applyDefaultRuling(uint256 pactId, Terms calldata terms) external;

    /// @notice Sends the caller's whole credit in `token` to `recipient` (not zero, not this contract).
    /// Emits {PayoutClaimed}.
    function claimPayout(address token, address recipient) external;

    /*//////////////////////////////////////////////////////////////
                                GUARDIAN
    //////////////////////////////////////////////////////////////*/

    /// @notice The guardian stops new pact creation and acceptance. Settlement, claims and stake are unaffected.
    function pause() external;

    /// @notice The guardian lets new pacts be created and accepted again.
    function unpause() external;
}
