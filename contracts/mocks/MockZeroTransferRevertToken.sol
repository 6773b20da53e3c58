// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title MockZeroTransferRevertToken
/// @notice Test-only token whose transfers (and mints) of zero revert, as some older tokens do.
contract MockZeroTransferRevertToken is ERC20 {
    error MockZeroTransferRevertToken_ZeroTransfer(address from, address to);

    constructor() ERC20("Zero Revert Token", "ZRT") {}

    /// @notice Mints `amount` to `to`; open to anyone.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (value == 0) revert MockZeroTransferRevertToken_ZeroTransfer(from, to);
        super._update(from, to, value);
    }
}
