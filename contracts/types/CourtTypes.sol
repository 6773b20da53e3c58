// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice A pact's dispute before the court adapter's ERC-792 court.
struct CourtDispute {
    // slot 0
    uint256 disputeID; // the court's id; meaningful only once `requested`
    // slot 1
    uint256 ruling; // the court's final ruling; meaningful only once `ruled`
    // slot 2
    bool requested; // the court's dispute was created
    bool ruled; // the court gave its final ruling
    bool applied; // the ruling settled the pact on Surety (a ruled dispute not applied came late)
}

/// @notice A pact's terms as the court adapter keeps them for the court's ruling: the arbiter (the adapter) and the
/// arbiter fee (zero) are implied, and Surety's bounds (amounts up to uint128) let the rest fit six slots.
struct CourtTerms {
    // slot 0
    address buyer;
    uint40 acceptBy;
    uint40 deliverBy;
    // slot 1
    address agent;
    uint32 reviewPeriod;
    uint32 rulingPeriod;
    uint16 defaultBuyerBps;
    // slot 2
    address token;
    // slot 3
    uint128 price;
    uint128 collateral;
    // slot 4
    uint128 penalty;
    // slot 5
    bytes32 termsHash;
}
