// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {
    AgentStatus,
    ArbiterTerms,
    Config,
    Offer,
    PactStatus,
    Permit,
    StakeAccount,
    Standing,
    Terms
} from "../types/DataTypes.sol";

/// @title ISurety
/// @notice Pact escrow between a buyer and an AI agent, backed by the agent's stake, with arbitration and an
/// operator's intervention ladder. Every call after creation passes the pact's terms, checked against the
/// commitment stored at creation (the SDK finds them in the PactCreated event).
interface ISurety {
    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice A buyer created and funded a pact.
    /// @param pactId The new pact's id; ids only grow.
    /// @param buyer The buyer, who paid `terms.price` into escrow.
    /// @param agent The agent named in the terms.
    /// @param terms The full terms, committed to by the pact.
    event PactCreated(uint256 indexed pactId, address indexed buyer, address indexed agent, Terms terms);

    /// @notice The agent accepted a pact and locked its collateral.
    /// @param collateral Stake-token units locked for this pact.
    /// @param locked The agent's total locked collateral after the acceptance.
    event PactAccepted(uint256 indexed pactId, address indexed agent, uint256 collateral, uint256 locked);

    /// @notice A pact was created already accepted from an agent's signed offer.
    event OfferFunded(uint256 indexed pactId, address indexed agent, uint256 nonce);

    /// @notice The buyer cancelled an open pact and got the price back (or a credit for it).
    event PactCancelled(uint256 indexed pactId, address indexed buyer, uint256 refund);

    /// @notice An open pact lapsed unaccepted; the price went back to the buyer.
    /// @param caller Whoever drove the lapse.
    event PactReclaimed(uint256 indexed pactId, address indexed buyer, address caller, uint256 refund);

    /// @notice The agent delivered.
    /// @param deliveryHash Commitment to the delivered work.
    event PactDelivered(uint256 indexed pactId, address indexed agent, bytes32 deliveryHash);

    /// @notice The buyer released the price to the agent; a held arbiter fee went back to the buyer.
    event PactReleased(
        uint256 indexed pactId,
        address indexed buyer,
        address indexed agent,
        uint256 payment,
        uint256 feeRefund
    );

    /// @notice The review period lapsed without a dispute; the price went to the agent.
    event PactFinalized(uint256 indexed pactId, address indexed agent, address caller, uint256 payment);

    /// @notice The delivery deadline lapsed; the price went back to the buyer and the penalty was slashed to it.
    /// @param slashed Stake-token units taken from the agent's collateral and paid to the buyer.
    event PactRefunded(
        uint256 indexed pactId,
        address indexed buyer,
        address indexed agent,
        address caller,
        uint256 refund,
        uint256 slashed
    );

    /// @notice The buyer disputed a delivery and paid the arbiter fee, held until the dispute ends.
    event PactDisputed(
        uint256 indexed pactId,
        address indexed buyer,
        address indexed arbiter,
        bytes32 reasonHash,
        uint256 fee
    );

    /// @notice A party added evidence to an open dispute.
    event EvidenceSubmitted(uint256 indexed pactId, address indexed party, bytes32 evidenceHash);

    /// @notice The arbiter ruled or abstained.
    /// @param buyerBps The buyer's share of the price in basis points (the default share when abstaining).
    /// @param toBuyer Price paid to the buyer.
    /// @param toAgent Price paid to the agent.
    /// @param slashed Stake-token units slashed from the collateral to the buyer.
    /// @param arbiterFee Fee paid to the arbiter; zero when it abstained (the fee went back to the buyer).
    /// @param rulingHash Commitment to the reasoned ruling.
    /// @param abstained Whether the arbiter declined to rule.
    event DisputeResolved(
        uint256 indexed pactId,
        address indexed arbiter,
        uint16 buyerBps,
        uint256 toBuyer,
        uint256 toAgent,
        uint256 slashed,
        uint256 arbiterFee,
        bytes32 rulingHash,
        bool abstained
    );

    /// @notice The ruling period lapsed without a ruling; the default split applied and the fee went back.
    event DefaultRulingApplied(
        uint256 indexed pactId,
        address caller,
        uint16 buyerBps,
        uint256 toBuyer,
        uint256 toAgent,
        uint256 feeRefund
    );

    /// @notice A payout of pact `pactId` could not be delivered and was credited to its recipient, to claim later.
    event PayoutCredited(uint256 indexed pactId, address indexed token, address indexed account, uint256 amount);

    /// @notice An account claimed its credited payouts in one token.
    event PayoutClaimed(address indexed token, address indexed account, address recipient, uint256 amount);

    /// @notice An arbiter published (or updated) its terms for pacts paid in `token`.
    event ArbiterRegistered(address indexed arbiter, address indexed token, uint256 minFee, uint32 maxRulingPeriod);

    /// @notice An arbiter stopped taking new pacts paid in `token`; pacts already naming it are unaffected.
    event ArbiterDeregistered(address indexed arbiter, address indexed token);

    /// @notice An agent added stake.
    /// @param bonded The agent's stake not queued for withdrawal, after the deposit.
    event StakeDeposited(address indexed agent, uint256 amount, uint256 bonded);

    /// @notice An agent queued free stake for withdrawal.
    /// @param queued The total queued after the request.
    /// @param readyAt When the queued stake can be withdrawn.
    event WithdrawalRequested(address indexed agent, uint256 amount, uint256 queued, uint40 readyAt);

    /// @notice An agent withdrew its queued stake to `recipient`.
    event StakeWithdrawn(address indexed agent, address recipient, uint256 amount);

    /// @notice The operator moved an agent on the ladder (recertification included, as `Good`).
    /// @param cap Maximum locked collateral, in force from Narrowed up.
    /// @param frozenUntil End of the withdrawal freeze (in the past when none is running).
    event AgentStatusChanged(
        address indexed agent,
        address indexed operator,
        AgentStatus status,
        uint256 cap,
        uint40 frozenUntil,
        bytes32 reasonHash
    );

    /// @notice An agent revoked a signed offer before anyone funded it.
    event OfferRevoked(address indexed agent, uint256 nonce);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    // --- configuration ---
    error Surety_InvalidStakeToken(address token);
    error Surety_ZeroAdminDelay();
    error Surety_UnbondingDelayOutOfBounds(uint32 delay, uint32 min, uint32 max);
    error Surety_InvalidMaxFreeze(uint32 maxFreeze, uint32 limit);
    error Surety_InvalidPeriodBounds(uint32 min, uint32 max, uint32 limit);
    error Surety_PayoutGasOutOfBounds(uint32 gas, uint32 min, uint32 max);

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

    // --- stake and standing ---
    error Surety_ZeroAmount();
    error Surety_InsufficientFreeStake(address agent, uint256 free, uint256 needed);
    error Surety_ExposureCapExceeded(address agent, uint256 cap, uint256 exposure);
    error Surety_AgentPaused(address agent);
    error Surety_NothingQueued(address agent);
    error Surety_WithdrawalNotReady(address agent, uint256 readyAt);
    error Surety_StakeFrozen(address agent, uint256 frozenUntil);
    error Surety_InvalidAgentStatus(AgentStatus status);

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

    /// @notice The pact's arbiter rules within the ruling period: the buyer's share of the price, a slash
    /// of the collateral to the buyer, and a ruling hash; the arbiter earns the fee. Emits {DisputeResolved}.
    function resolveDispute(
        uint256 pactId,
        Terms calldata terms,
        uint16 buyerBps,
        uint256 slash,
        bytes32 rulingHash
    ) external;

    /// @notice The pact's arbiter declines within the ruling period: the default split applies, no slash,
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

    /// @notice After a disputed pact's ruling period, applies the default split with no slash and returns
    /// the fee to the buyer. Emits {DefaultRulingApplied}.
    function applyDefaultRuling(uint256 pactId, Terms calldata terms) external;

    /// @notice Sends the caller's whole credit in `token` to `recipient` (not zero, not this contract).
    /// Emits {PayoutClaimed}.
    function claimPayout(address token, address recipient) external;

    /*//////////////////////////////////////////////////////////////
                           OPERATOR AND GUARDIAN
    //////////////////////////////////////////////////////////////*/

    /// @notice The operator moves an agent to Warned, Narrowed, UnderReview or Paused. `cap` is in force from
    /// Narrowed up. Setting UnderReview or Paused (again included) starts a withdrawal freeze of the deployment's
    /// maximum, unless one runs already or the agent has not been free for the unbonding delay since the last one
    /// ended; setting Warned or Narrowed ends a running freeze.
    /// @dev Never moves funds. Emits {AgentStatusChanged}.
    function setAgentStatus(address agent, AgentStatus status, uint256 cap, bytes32 reasonHash) external;

    /// @notice The operator returns an agent to Good with no cap, ending any freeze. Emits {AgentStatusChanged}.
    function recertify(address agent, bytes32 reasonHash) external;

    /// @notice The guardian stops new pact creation and acceptance. Settlement, claims and stake are unaffected.
    function pause() external;

    /// @notice The guardian lets new pacts be created and accepted again.
    function unpause() external;
}
