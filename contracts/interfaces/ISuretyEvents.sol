// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AgentStatus, ExceptionKind, ReviewDecision, Terms} from "../types/DataTypes.sol";

/// @title ISuretyEvents
/// @notice Every event Surety emits, from its core and from its cooperative paths.
interface ISuretyEvents {
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

    /// @notice The agent refunded an active pact itself before its delivery deadline: the price went back to the
    /// buyer and the missed-delivery penalty was slashed to it, exactly as if the deadline had passed.
    event PactRefundedByAgent(
        uint256 indexed pactId,
        address indexed buyer,
        address indexed agent,
        uint256 refund,
        uint256 slashed
    );

    /// @notice A party proposed to settle an underway pact with the buyer getting `buyerBps` of the price. It replaces
    /// the party's earlier proposal, and lapses when the pact's status changes or the deadline of that status
    /// (delivery, review or ruling) passes after it was made.
    event SettlementProposed(uint256 indexed pactId, address indexed party, uint16 buyerBps);

    /// @notice The buyer and the agent agreed a split: the price was split as a ruling would split it, the
    /// collateral unlocked with no slash, and an open dispute's fee went back to the buyer.
    /// @param proposer The party whose proposal was accepted.
    /// @param feeRefund The arbiter fee returned to the buyer; zero unless the pact was Disputed.
    event PactSettled(
        uint256 indexed pactId,
        address indexed proposer,
        uint16 buyerBps,
        uint256 toBuyer,
        uint256 toAgent,
        uint256 feeRefund
    );

    /// @notice A party asked for a later delivery deadline for an active pact.
    event DeadlineExtensionProposed(uint256 indexed pactId, address indexed party, uint40 deliverBy);

    /// @notice Both parties asked for the same later delivery deadline, now in force: the pact's terms are its
    /// created terms with `deliverBy` replaced, and later calls pass those. Every standing proposal lapses.
    event DeadlineExtended(uint256 indexed pactId, uint40 previousDeliverBy, uint40 deliverBy);

    /// @notice `party` withdrew its standing settlement proposal and deadline request on pact `pactId`.
    event ProposalsWithdrawn(uint256 indexed pactId, address indexed party);

    /// @notice The arbiter of a disputed pact (a court adapter, once the court's dispute exists) held off the
    /// default ruling: the arbiter may rule, and no one may apply the default split, until `heldUntil`.
    event RulingHeld(uint256 indexed pactId, address indexed arbiter, uint40 heldUntil);

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

    /// @notice The operator recorded its review of an agent, a keep included. A decision other than Keep also
    /// emitted {AgentStatusChanged} just before, in the same call.
    /// @param changed Whether the decision changed the agent's standing (status, cap or withdrawal freeze).
    /// @param evidenceHash Commitment to the evidence or note the decision rests on.
    event AgentReviewed(
        address indexed agent,
        address indexed operator,
        ReviewDecision decision,
        bool changed,
        bytes32 evidenceHash
    );

    /// @notice The operator, or the buyer of pact `pactId`, logged an exception or rescue note against an agent.
    /// @param pactId The pact the note is about, or zero for a note about the agent as a whole.
    /// @param author The operator or the pact's buyer who logged it.
    /// @param noteHash Commitment to the note.
    event ExceptionLogged(
        address indexed agent,
        uint256 indexed pactId,
        address indexed author,
        ExceptionKind kind,
        bytes32 noteHash
    );

    /// @notice An agent revoked a signed offer before anyone funded it.
    event OfferRevoked(address indexed agent, uint256 nonce);
}
