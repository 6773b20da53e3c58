// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice The cheatcodes these tests use, and nothing else. Hardhat's EDR serves them at the conventional
/// cheatcode address, keccak256("hevm cheat code") truncated to 20 bytes (see TestBase).
interface Vm {
    /// @notice Sets block.timestamp.
    function warp(uint256 newTimestamp) external;

    /// @notice Sets an account's ETH balance.
    function deal(address account, uint256 newBalance) external;

    /// @notice Names an address in traces.
    function label(address account, string calldata newLabel) external;

    /// @notice Makes the next call come from `msgSender` (paying any value from its balance).
    function prank(address msgSender) external;

    /// @notice Expects the next call to revert with exactly `revertData`.
    function expectRevert(bytes calldata revertData) external;

    /// @notice The address of the account whose private key is `privateKey`.
    function addr(uint256 privateKey) external pure returns (address keyAddr);

    /// @notice Signs `digest` with `privateKey` (secp256k1, low s), returning the recovery id and the signature.
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);

    /// @notice Expects the next call to make `emitter` emit the event emitted next by the test, comparing the
    /// chosen topics and the data.
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData, address emitter) external;
}
