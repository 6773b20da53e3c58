// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IArbitrator} from "./IArbitrator.sol";

/// @title IArbitrable
/// @notice The arbitrable side of the ERC-792 arbitration standard: a contract whose disputes a court rules.
interface IArbitrable {
    /// @notice The court gave its final ruling on `disputeID`.
    event Ruling(IArbitrator indexed arbitrator, uint256 indexed disputeID, uint256 ruling);

    /// @notice The court gives its final ruling on `disputeID`. Callable by the court only.
    /// @param ruling 0 for a refusal to arbitrate, else one of the dispute's choices, from 1.
    function rule(uint256 disputeID, uint256 ruling) external;
}
