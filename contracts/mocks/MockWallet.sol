// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title MockWallet
/// @notice Test-only contract wallet: an owner key signs for it (ERC-1271), it forwards calls, and it can be
/// told to refuse ETH so that payouts to it fail.
contract MockWallet is IERC1271 {
    error MockWallet_NotOwner(address caller);
    error MockWallet_EthRefused();

    address public immutable OWNER;
    bool public refuseEth;

    constructor(address owner) {
        OWNER = owner;
    }

    /// @notice Makes `receive` revert (true) or accept (false).
    function setRefuseEth(bool refuse) external {
        if (msg.sender != OWNER) revert MockWallet_NotOwner(msg.sender);
        refuseEth = refuse;
    }

    /// @notice Calls `target` with `data` and `value` as this wallet, bubbling up any revert.
    function execute(address target, uint256 value, bytes calldata data) external payable returns (bytes memory) {
        if (msg.sender != OWNER) revert MockWallet_NotOwner(msg.sender);
        (bool ok, bytes memory result) = target.call{value: value}(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
        return result;
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecover(hash, signature);
        return err == ECDSA.RecoverError.NoError && signer == OWNER ? this.isValidSignature.selector : bytes4(0);
    }

    receive() external payable {
        if (refuseEth) revert MockWallet_EthRefused();
    }
}
