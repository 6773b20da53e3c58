// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Vm} from "./Vm.sol";

/// @notice A minimal base for Solidity tests and handlers run by Hardhat's EDR: the cheatcode handle,
/// assertions that revert with a readable message, and input bounding.
abstract contract TestBase {
    /// @dev Address of the cheatcode precompile: the low 20 bytes of keccak256("hevm cheat code").
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /*//////////////////////////////////////////////////////////////
                               ASSERTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev Reverts with `Error(string)`, which every runner decodes and prints.
    function fail(string memory message) internal pure {
        revert(message);
    }

    function assertTrue(bool condition, string memory message) internal pure {
        if (!condition) fail(message);
    }

    function assertFalse(bool condition, string memory message) internal pure {
        if (condition) fail(message);
    }

    function assertEq(uint256 left, uint256 right, string memory message) internal pure {
        if (left != right) fail(string.concat(message, ": ", _toString(left), " != ", _toString(right)));
    }

    function assertEq(address left, address right, string memory message) internal pure {
        if (left != right) fail(string.concat(message, ": addresses differ"));
    }

    function assertEq(bytes32 left, bytes32 right, string memory message) internal pure {
        if (left != right) fail(string.concat(message, ": bytes32 differ"));
    }

    function assertEq(bool left, bool right, string memory message) internal pure {
        if (left != right) fail(string.concat(message, left ? ": true != false" : ": false != true"));
    }

    function assertLe(uint256 left, uint256 right, string memory message) internal pure {
        if (left > right) fail(string.concat(message, ": ", _toString(left), " > ", _toString(right)));
    }

    function assertGe(uint256 left, uint256 right, string memory message) internal pure {
        if (left < right) fail(string.concat(message, ": ", _toString(left), " < ", _toString(right)));
    }

    /*//////////////////////////////////////////////////////////////
                                 INPUTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Maps `x` into [min, max]: values already inside are kept, others wrap around by modulo.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 span = max - min;
        if (span == type(uint256).max) return x;
        return min + (x % (span + 1));
    }

    /// @notice A deterministic address for a named actor, labelled in traces.
    function makeActor(string memory name) internal returns (address actor) {
        actor = address(uint160(uint256(keccak256(abi.encodePacked("surety actor ", name)))));
        vm.label(actor, name);
    }

    function _toString(uint256 value) internal pure returns (string memory) {
        if (value == 0) return "0";
        uint256 digits;
        for (uint256 v = value; v != 0; v /= 10) ++digits;
        bytes memory buffer = new bytes(digits);
        for (; value != 0; value /= 10) buffer[--digits] = bytes1(uint8(48 + (value % 10)));
        return string(buffer);
    }
}

/// @notice A base for invariant tests: the runner reads `targetContracts()` and `targetSelectors()` (the
/// Foundry conventions, which EDR follows) to decide what it may call between invariant checks.
abstract contract InvariantTestBase is TestBase {
    /// @notice A target contract and the functions of it the invariant runner may call.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    address[] private _targets;
    FuzzSelector[] private _targetSelectors;

    /// @notice Read by the invariant runner: the only contracts it calls.
    function targetContracts() public view returns (address[] memory) {
        return _targets;
    }

    /// @notice Read by the invariant runner: the only functions of the targets it calls.
    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetSelectors;
    }

    function _addTarget(address target, bytes4[] memory selectors) internal {
        _targets.push(target);
        _targetSelectors.push(FuzzSelector({addr: target, selectors: selectors}));
    }
}
