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

    /// @notice What each party of pact `pactId` stands proposing now: lapsed proposals read as none (zero), and
    /// `status` is the pact's status. Reverts when `terms` are not the pact's.
    function proposalsOf(uint256 pactId, Terms calldata terms) external view returns (Proposals memory);

    /// @notice Until when the arbiter of pact `pactId` has held off its default ruling; zero when it has not.
    function rulingHeldUntil(uint256 pactId) external view returns (uint40);

    /// @notice The buyer or the agent proposes to settle an Active, Delivered or Disputed pact with the buyer
    /// getting `buyerBps` of the price, replacing the caller's earlier proposal. The proposal binds only the state
    /// it is made in: it lapses when the pact's status changes, and, if made before the deadline of that status
    /// (delivery while Active, review while Delivered, ruling while Disputed), when that deadline passes. A
    /// proposal made after that deadline is fresh consent and stands until the status changes.
    /// Emits {SettlementProposed}.
    function proposeSettlement(uint256 pactId, Terms calldata terms, uint16 buyerBps) external;

    /// @notice The buyer or the agent accepts the other party's standing proposal, which must be exactly
    /// `buyerBps`, so that a proposal replaced in between is never accepted by mistake, and must not have lapsed. Splits the price as a
    /// ruling would (the buyer's share rounds down), unlocks the collateral with no slash and, if a dispute was
    /// open, returns the arbiter fee to the buyer. Emits {PactSettled}.
    function acceptSettlement(uint256 pactId, Terms calldata terms, uint16 buyerBps) external;

    /// @notice The agent refunds an Active pact before its delivery deadline: the price goes back to the buyer
    /// and the penalty is slashed to it, as if the deadline had passed. Emits {PactRefundedByAgent}.
    function refundByAgent(uint256 pactId, Terms calldata terms) external;

    /// @notice The buyer or the agent asks for `deliverBy`, later than an Active pact's current delivery
    /// deadline, before that deadline passes. Once both have asked for the same value it takes effect.
    /// Emits {DeadlineExtensionProposed}, and {DeadlineExtended} when it takes effect, which also ends every
    /// standing proposal (they were made against the old deadline).
    function extendDeadline(uint256 pactId, Terms calldata terms, uint40 deliverBy) external;

    /// @notice The buyer or the agent of an underway pact withdraws its own standing settlement proposal and deadline
    /// request. Emits {ProposalsWithdrawn}.
    function withdrawProposals(uint256 pactId, Terms calldata terms) external;

    /// @notice The arbiter of a Disputed pact, within the ruling period, holds off the default ruling until the
    /// dispute time plus the deployment's {Config-maxRulingHold}: until then the arbiter may still rule and no one
    /// may apply the default split. A court adapter holds once the court's dispute exists, so that appeals cannot
    /// run the pact into its default split; the bound keeps a court that never rules from trapping funds.
    /// Once per dispute. Emits {RulingHeld}.
    function holdRuling(uint256 pactId, Terms calldata terms) external;
}
