// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title MockReentrantToken
/// @notice Test-only token with a transfer hook, like ERC-777 or ERC-1363 tokens: after every transfer (mints
/// excluded) it calls a configured target with configured calldata and logs the outcome. It either swallows a
/// failed call or bubbles its revert up, as configured.
contract MockReentrantToken is ERC20 {
    /// @notice The hook called `target`; `returnData` is its return or revert data.
    event HookCalled(address indexed target, bool success, bytes returnData);

    address public hookTarget;
    bytes public hookData;
    bool public bubbleRevert;

    constructor() ERC20("Hook Token", "HOOK") {}

    /// @notice Mints `amount` to `to` without calling the hook; open to anyone.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Calls `target` with `data` after every transfer (address zero disarms the hook). When `bubble` is
    /// set, a failed hook call reverts the transfer with the same data.
    function setHook(address target, bytes calldata data, bool bubble) external {
        hookTarget = target;
        hookData = data;
        bubbleRevert = bubble;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address target = hookTarget;
        if (target == address(0) || from == address(0)) return;
        (bool success, bytes memory returnData) = target.call(hookData);
        emit HookCalled(target, success, returnData);
        if (!success && bubbleRevert) {
            assembly ("memory-safe") {
                revert(add(returnData, 0x20), mload(returnData))
            }
        }
    }
}
