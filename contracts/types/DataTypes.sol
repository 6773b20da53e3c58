// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Where a pact stands. Open, Active, Delivered and Disputed are live; all but Open are also underway
/// (accepted, the price in escrow). The rest are terminal and absorbing.
enum PactStatus {
    None, // no pact under this id
    Open, // funded by the buyer, waiting for the agent to accept
    Active, // accepted: the agent's collateral is locked and delivery is due
    Delivered, // the agent delivered; the buyer may release or dispute within the review period
    Disputed, // the buyer disputed; the arbiter rules within the ruling period
    Cancelled, // the buyer withdrew an open pact
    Reclaimed, // no one accepted in time; the price went back to the buyer
    Released, // the buyer released the price to the agent
    Finalized, // the review period lapsed; the price went to the agent
    Refunded, // the delivery deadline lapsed; the price and the penalty went to the buyer
    Resolved, // the arbiter ruled a split and a slash
    Abstained, // the arbiter declined; the default split applied
    DefaultRuled, // the ruling period lapsed; the default split applied
    Settled // the buyer and the agent agreed a split; no slash
}

/// @notice An agent's step on the operator's intervention ladder. Effects add up from one step to the next:
/// Narrowed caps exposure, UnderReview also freezes withdrawals, Paused also refuses new acceptances.
enum AgentStatus {
    Good,
    Warned,
    Narrowed,
    UnderReview,
    Paused
}

/// @notice What the operator decided for one agent in a review. Keep records that the agent's scope stays as it
/// is; Warn, Narrow, Review and Pause move it to Warned, Narrowed, UnderReview and Paused; Recertify returns it to
/// good standing.
enum ReviewDecision {
    Keep,
    Warn,
    Narrow,
    Review,
    Pause,
    Recertify
}

/// @notice The kind of an exception note: an Exception bends a pact's or the ladder's usual course; a Rescue is
/// human work that saved an agent's delivery.
enum ExceptionKind {
    Exception,
    Rescue
}

/// @notice One agent's entry in an operator's review. `cap` applies to Narrow, Review and Pause and must be zero
/// for the other decisions; `evidenceHash` commits to the evidence or note the decision rests on.
struct Review {
    address agent;
    ReviewDecision decision;
    uint128 cap;
    bytes32 evidenceHash;
}

/// @notice The agreed terms of a pact. Stored on-chain only as a commitment; every call after creation passes
/// them back and they are checked against it. `token` is the payment token, address zero for native ETH.
struct Terms {
    address buyer;
    address agent;
    address arbiter;
    address token;
    uint256 price; // paid by the buyer into escrow at creation
    uint256 arbiterFee; // paid by the buyer on dispute, in `token`
    uint256 collateral; // stake-token units the agent locks on acceptance
    uint256 penalty; // slashed from the collateral to the buyer on a missed delivery; <= collateral
    uint40 acceptBy; // last second the agent may accept
    uint40 deliverBy; // last second the agent may deliver
    uint32 reviewPeriod; // seconds after delivery during which the buyer may dispute
    uint32 rulingPeriod; // seconds after a dispute during which the arbiter may rule
    uint16 defaultBuyerBps; // buyer's share of the price when the arbiter abstains or stays silent
    bytes32 termsHash; // commitment to the off-chain pact document
}

/// @notice Terms an agent signs (EIP-712) so that a buyer can fund a pact that starts Active.
/// `buyer` is the only buyer allowed to fund it, or address zero for anyone. The delivery deadline is
/// `deliveryPeriod` seconds after funding.
struct Offer {
    address agent;
    address buyer;
    address arbiter;
    address token;
    uint256 price;
    uint256 arbiterFee;
    uint256 collateral;
    uint256 penalty;
    uint32 deliveryPeriod;
    uint32 reviewPeriod;
    uint32 rulingPeriod;
    uint16 defaultBuyerBps;
    bytes32 termsHash;
    uint256 nonce; // unordered, single use
    uint40 expiry; // last second the offer can be funded
}

/// @notice An EIP-2612 permit for the payment token, spent by this contract.
struct Permit {
    uint256 deadline;
    uint8 v;
    bytes32 r;
    bytes32 s;
}

/// @notice A pact in storage: one slot.
struct Pact {
    // slot 0
    bytes26 commitment; // leading 26 bytes of keccak256(abi.encode(terms))
    PactStatus status;
    uint40 updatedAt; // deliveredAt while Delivered, disputedAt while Disputed, else the last transition
}

/// @notice What each party of an underway pact has proposed: one slot. A settlement proposal is the buyer's share of
/// the price in basis points; an extension proposal is a new delivery deadline. A newer proposal by the same
/// party replaces its older one; the two parties' proposals stand side by side.
/// @dev Proposals bind only the state they were made in: all of them lapse when the pact's status moves on from
/// `status`, and a settlement proposal also lapses when the deadline of that status passes after it was made (the
/// delivery deadline while Active, the end of the review while Delivered, the end of the ruling while Disputed).
struct Proposals {
    // slot 0
    PactStatus status; // the pact's status when the standing proposals were made
    uint40 buyerSplitAt; // when the buyer proposed its split, or zero for none
    uint16 buyerSplitBps; // the buyer's share the buyer proposed
    uint40 agentSplitAt; // when the agent proposed its split, or zero for none
    uint16 agentSplitBps; // the buyer's share the agent proposed
    uint40 buyerDeliverBy; // the delivery deadline the buyer asked for, or zero
    uint40 agentDeliverBy; // the delivery deadline the agent asked for, or zero
}

/// @notice An agent's stake: `bonded` excludes what is queued for withdrawal, so free = bonded - locked.
struct StakeAccount {
    // slot 0
    uint128 bonded;
    uint128 locked;
    // slot 1
    uint128 queued;
    uint40 readyAt; // when the queued amount can be withdrawn
}

/// @notice An agent's standing with the operator.
struct Standing {
    // slot 0
    AgentStatus status;
    uint40 frozenUntil; // withdrawals are frozen while block.timestamp < frozenUntil
    uint128 cap; // maximum locked collateral from Narrowed up; ignored below
}

/// @notice An arbiter's published terms for pacts paid in one token.
struct ArbiterTerms {
    // slot 0
    bool registered;
    uint32 maxRulingPeriod; // longest ruling period the arbiter accepts
    uint128 minFee; // smallest arbiter fee the arbiter accepts, in the token's units
}

/// @notice Deployment-wide settings, fixed at construction.
struct Config {
    address stakeToken;
    uint32 unbondingDelay; // >= 1 day
    uint32 maxFreeze; // longest withdrawal freeze the operator can impose; 1 s to 90 days
    uint32 minReviewPeriod;
    uint32 maxReviewPeriod;
    uint32 minRulingPeriod;
    uint32 maxRulingPeriod;
    uint32 payoutGas; // gas forwarded to each payout attempt before it falls back to a credit
    uint32 maxRulingHold; // seconds after a dispute until which its arbiter may hold off the default ruling
}
