// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ISuretyErrors} from "./ISuretyErrors.sol";
import {ISuretyEvents} from "./ISuretyEvents.sol";
import {AgentStatus, ExceptionKind, Review, Terms} from "../types/DataTypes.sol";

/// @title ISuretyOperator
/// @notice The operator's side of a deployment: the intervention ladder, the weekly review that records a decision
/// for every agent reviewed (a keep included), and exception notes that bring rescue work into the trust history.
/// Nothing here moves funds.
/// @dev Called at the Surety address: Surety delegates these calls to its operator module, which works on Surety's
/// own storage and checks the caller's role with Surety's own access control.
interface ISuretyOperator is ISuretyEvents, ISuretyErrors {
    /// @notice The operator moves an agent to Warned, Narrowed, UnderReview or Paused. `cap` is in force from
    /// Narrowed up. Setting UnderReview or Paused (again included) starts a withdrawal freeze of the deployment's
    /// maximum, unless one runs already or the agent has not been free for the unbonding delay since the last one
    /// ended; setting Warned or Narrowed ends a running freeze.
    /// @dev Emits {AgentStatusChanged}.
    function setAgentStatus(address agent, AgentStatus status, uint256 cap, bytes32 reasonHash) external;

    /// @notice The operator returns an agent to Good with no cap, ending any freeze. Emits {AgentStatusChanged}.
    function recertify(address agent, bytes32 reasonHash) external;

    /// @notice The operator records its review of many agents in one call, agents in strictly ascending address
    /// order (so none appears twice). Each decision other than Keep moves the agent on the ladder exactly as
    /// {setAgentStatus} (Warn, Narrow, Review, Pause, with `cap` from Narrow up) or {recertify} (Recertify) would,
    /// with the evidence hash as the reason. All or nothing: one bad entry reverts the whole review.
    /// @dev Emits {AgentStatusChanged} for each decision other than Keep, then {AgentReviewed} for every entry.
    function recordReviews(Review[] calldata reviews) external;

    /// @notice The operator logs an exception or rescue note about an agent as a whole. Emits {ExceptionLogged}
    /// with pact id zero.
    function logAgentException(address agent, ExceptionKind kind, bytes32 noteHash) external;

    /// @notice The pact's buyer (once the agent has accepted it: not Open, Cancelled or Reclaimed) or the operator
    /// (in any status) logs an exception or rescue note about pact `pactId`. The buyer's rule applies to the buyer
    /// even when it holds the operator role. Reverts when `terms` are not the pact's. Emits {ExceptionLogged}.
    function logPactException(uint256 pactId, Terms calldata terms, ExceptionKind kind, bytes32 noteHash) external;
}
