// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IArbitrable} from "./IArbitrable.sol";

/// @title IArbitrator
/// @notice The arbitrator side of the ERC-792 arbitration standard: a court that takes disputes from arbitrable
/// contracts for a fee, lets its rulings be appealed, and finally calls back the arbitrable's `rule`.
interface IArbitrator {
    /// @notice Where a dispute stands: waiting for a ruling, ruled and open to appeal, or finally ruled.
    enum DisputeStatus {
        Waiting,
        Appealable,
        Solved
    }

    /// @notice A dispute was created.
    event DisputeCreation(uint256 indexed disputeID, IArbitrable indexed arbitrable);

    /// @notice A ruling was given and may now be appealed.
    event AppealPossible(uint256 indexed disputeID, IArbitrable indexed arbitrable);

    /// @notice A ruling was appealed; the dispute waits for a new ruling.
    event AppealDecision(uint256 indexed disputeID, IArbitrable indexed arbitrable);

    /// @notice Creates a dispute between `choices` options, paying at least {arbitrationCost}.
    /// @param choices The number of rulings the court may give, besides 0 (refusal to arbitrate).
    /// @param extraData Court-specific settings (e.g. a subcourt and the number of jurors).
    /// @return disputeID The court's identifier of the new dispute.
    function createDispute(uint256 choices, bytes calldata extraData) external payable returns (uint256 disputeID);

    /// @notice The fee to create a dispute with `extraData`.
    function arbitrationCost(bytes calldata extraData) external view returns (uint256 cost);

    /// @notice Appeals the current ruling of `disputeID`, paying at least {appealCost}.
    function appeal(uint256 disputeID, bytes calldata extraData) external payable;

    /// @notice The fee to appeal the current ruling of `disputeID`.
    function appealCost(uint256 disputeID, bytes calldata extraData) external view returns (uint256 cost);

    /// @notice The time window in which the current ruling of `disputeID` can be appealed; (0, 0) when none.
    function appealPeriod(uint256 disputeID) external view returns (uint256 start, uint256 end);

    /// @notice Where `disputeID` stands.
    function disputeStatus(uint256 disputeID) external view returns (DisputeStatus status);

    /// @notice The current ruling of `disputeID`; 0 means a refusal to arbitrate (or no ruling yet).
    function currentRuling(uint256 disputeID) external view returns (uint256 ruling);
}
