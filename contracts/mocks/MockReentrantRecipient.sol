// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title MockReentrantRecipient
/// @notice Test-only contract account that, on receiving ETH, calls a configured target with configured calldata
/// and logs the outcome; a failed call is swallowed or bubbled up, as configured. Its owner acts through it.
contract MockReentrantRecipient {
    error MockReentrantRecipient_NotOwner(address caller);

    /// @notice `receive` called `target`; `returnData` is its return or revert data.
    event ReentryAttempted(address indexed target, bool success, bytes returnData);

    address public immutable OWNER;
    address public reentryTarget;
    bytes public reentryData;
    bool public bubbleRevert;

    constructor(address owner) {
        OWNER = owner;
    }

    /// @notice Calls `target` with `data` on every ETH receipt (address zero disarms it). When `bubble` is set, a
    /// failed call makes `receive` revert with the same data.
    function setReentry(address target, bytes calldata data, bool bubble) external {
        if (msg.sender != OWNER) revert MockReentrantRecipient_NotOwner(msg.sender);
        reentryTarget = target;
        reentryData = data;
        bubbleRevert = bubble;
    }

    /// @notice Calls `target` with `data` and `value` as this contract, bubbling up any revert.
    function execute(address target, uint256 value, bytes calldata data) external payable returns (bytes memory) {
        if (msg.sender != OWNER) revert MockReentrantRecipient_NotOwner(msg.sender);
        (bool ok, bytes memory result) = target.call{value: value}(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
        return result;
    }

    receive() external payable {
        _reenter();
    }

    function _reenter() private {
        address target = reentryTarget;
        if (target == address(0)) return;
        (bool success, bytes memory returnData) = target.call(reentryData);
        emit ReentryAttempted(target, success, returnData);
        if (!success && bubbleRevert) {
            assembly ("memory-safe") {
                revert(add(returnData, 0x20), mload(returnData))
            }
        }
    }
}
