// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ISuretyErrors} from "./ISuretyErrors.sol";
import {ISuretyEvents} from "./ISuretyEvents.sol";
import {Proposals, Terms} from "../types/DataTypes.sol";

/// @title ISuretyCooperative
/// @notice The paths on which a buyer and an agent end or amend a pact by agreement, with no arbiter: settlement
/// proposals, a refund by the agent, a deadline extension, and claiming several credits at once.
/// @dev Called at the Surety address: Surety delegates every call it does not implement itself to its
/// cooperative module, which works on Surety's own storage.
interface ISuretyCooperative is ISuretyEvents, ISuretyErrors {
    /// @notice Sends the caller's whole credit in each of `tokens` to `recipient`, all or nothing: a token
    /// without credit (a repeated one included) reverts the call. Emits {PayoutClaimed} per token.
    function claimPayouts(address[] calldata tokens, address recipient) external;

    /// @notice What each party of pact `pactId` has proposed. Meaningful only while the pact is live.
    function proposalsOf(uint256 pactId) external view returns (Proposals memory);

    /// @notice The buyer or the agent proposes to settle an Active, Delivered or Disputed pact with the buyer
    /// getting `buyerBps` of the price, replacing the caller's earlier proposal. Emits {SettlementProposed}.
    function proposeSettlement(uint256 pactId, Terms calldata terms, uint16 buyerBps) external;

    /// @notice The buyer or the agent accepts the other party's standing proposal, which must be exactly
    /// `buyerBps`, so that a proposal replaced in between is never accepted by mistake. Splits the price as a
    /// ruling would (the buyer's share rounds down), unlocks the collateral with no slash and, if a dispute was
    /// open, returns the arbiter fee to the buyer. Emits {PactSettled}.
    function acceptSettlement(uint256 pactId, Terms calldata terms, uint16 buyerBps) external;

    /// @notice The agent refunds an Active pact before its delivery deadline: the price goes back to the buyer
    /// and the penalty is slashed to it, as if the deadline had passed. Emits {PactRefundedByAgent}.
    function refundByAgent(uint256 pactId, Terms calldata terms) external;

    /// @notice The buyer or the agent asks for `deliverBy`, later than an Active pact's current delivery
    /// deadline, before that deadline passes. Once both have asked for the same value it takes effect.
    /// Emits {DeadlineExtensionProposed}, and {DeadlineExtended} when it takes effect.
    function extendDeadline(uint256 pactId, Terms calldata terms, uint40 deliverBy) external;
}
