// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title MockBlocklistToken
/// @notice Test-only USDC-like token of 6 decimals whose transfers to or from a blocked account revert.
contract MockBlocklistToken is ERC20 {
    error MockBlocklistToken_Blocked(address account);

    mapping(address account => bool isBlocked) public blocked;

    constructor() ERC20("Blocklist USD", "bUSD") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setBlocked(address account, bool isBlocked) external {
        blocked[account] = isBlocked;
    }

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (blocked[from]) revert MockBlocklistToken_Blocked(from);
        if (blocked[to]) revert MockBlocklistToken_Blocked(to);
        super._update(from, to, value);
    }
}
