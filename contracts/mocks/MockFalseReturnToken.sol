// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title MockFalseReturnToken
/// @notice Test-only token that returns false instead of reverting: when the balance or the allowance falls short,
/// and for every transfer while `failing` is set. A false return moves nothing.
contract MockFalseReturnToken is ERC20 {
    bool public failing;

    constructor() ERC20("False Token", "FALSE") {}

    /// @notice Mints `amount` to `to`; open to anyone.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Makes every transfer return false (true) or behave (false).
    function setFailing(bool isFailing) external {
        failing = isFailing;
    }

    /// @inheritdoc ERC20
    function transfer(address to, uint256 value) public override returns (bool) {
        if (failing || balanceOf(msg.sender) < value) return false;
        return super.transfer(to, value);
    }

    /// @inheritdoc ERC20
    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        if (failing || balanceOf(from) < value || allowance(from, msg.sender) < value) return false;
        return super.transferFrom(from, to, value);
    }
}
