// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Pausable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Pausable.sol";

/// @title MockPausableToken
/// @notice Test-only USDC-like token of 6 decimals whose owner can pause every transfer, mints included.
contract MockPausableToken is ERC20Pausable, Ownable {
    constructor() ERC20("Pausable USD", "pUSD") Ownable(msg.sender) {}

    /// @notice Mints `amount` to `to`; open to anyone while not paused.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Stops every transfer.
    function pause() external onlyOwner {
        _pause();
    }

    /// @notice Lets transfers run again.
    function unpause() external onlyOwner {
        _unpause();
    }

    /// @inheritdoc ERC20
    function decimals() public pure override returns (uint8) {
        return 6;
    }
}
