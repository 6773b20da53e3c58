// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Payouts
/// @notice Payout attempts that a recipient or a token cannot turn into a revert of the caller: the gas
/// forwarded is bounded, and at most 32 bytes of return data are ever copied.
library Payouts {
    /// @notice Attempts to send `amount` of `token` (address zero for ETH) to `to` with at most `gasLimit` gas.
    /// @return sent Whether the transfer succeeded. A token succeeds when the call succeeds and it returns
    /// `true`, or returns nothing and has code (tokens that omit the return value).
    function trySend(address token, address to, uint256 amount, uint256 gasLimit) internal returns (bool sent) {
        if (token == address(0)) {
            // No return data is copied: a recipient cannot make this call expensive to the caller.
            assembly ("memory-safe") {
                sent := call(gasLimit, to, amount, 0, 0, 0, 0)
            }
            return sent;
        }
        bytes memory data = abi.encodeCall(IERC20.transfer, (to, amount));
        uint256 returnSize;
        uint256 returnValue;
        // Only the first word of return data lands in scratch space; a return bomb cannot cost the caller.
        assembly ("memory-safe") {
            sent := call(gasLimit, token, 0, add(data, 0x20), mload(data), 0, 0x20)
            returnSize := returndatasize()
            returnValue := mload(0)
        }
        if (!sent) return false;
        return returnSize == 0 ? token.code.length > 0 : returnSize >= 32 && returnValue == 1;
    }
}
