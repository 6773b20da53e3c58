// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title MockForceFeeder
/// @notice Test-only: sends ETH to an address without calling it, as SELFDESTRUCT does. Each call creates a
/// child whose init code is `PUSH20 target SELFDESTRUCT`: run in the transaction that creates it, the opcode
/// still sends the whole balance under Cancun (EIP-6780). The opcode lives in raw init code, so no deprecated
/// `selfdestruct` appears in Solidity.
contract MockForceFeeder {
    error MockForceFeeder_CreateFailed();

    /// @notice Force-feeds `msg.value` to `target`.
    function forceFeed(address target) external payable {
        bytes memory initCode = abi.encodePacked(hex"73", target, hex"ff");
        address child;
        assembly ("memory-safe") {
            child := create(callvalue(), add(initCode, 0x20), mload(initCode))
        }
        if (child == address(0)) revert MockForceFeeder_CreateFailed();
    }
}
