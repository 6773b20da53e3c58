// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {ISurety} from "../../../../contracts/interfaces/ISurety.sol";
import {ISuretyCooperative} from "../../../../contracts/interfaces/ISuretyCooperative.sol";
import {ISuretyErrors} from "../../../../contracts/interfaces/ISuretyErrors.sol";
import {MockERC20Permit} from "../../../../contracts/mocks/MockERC20Permit.sol";
import {MockWallet} from "../../../../contracts/mocks/MockWallet.sol";
import {PactStatus, StakeAccount, Terms} from "../../../../contracts/types/DataTypes.sol";

import {
    BALANCE,
    CREDIT,
    ETH,
    N_ACCOUNTS,
    N_AGENTS,
    N_PACT_CALLS,
    N_TOKENS,
    SuretyStore,
    Want
} from "../stores/SuretyStore.sol";
import {BaseHandler} from "./BaseHandler.sol";

/// @notice What anyone may do: the permissionless settlements once a deadline has passed, claiming credits, calls a
/// pact's status does not allow, and the background (time passing, a wallet starting or stopping to refuse ETH,
/// donations). It also ends each run (`settleEverything`, not a target of the runner).
contract AnyoneHandler is BaseHandler {
    constructor(SuretyStore store_) BaseHandler(store_) {}

    /*//////////////////////////////////////////////////////////////
                        PERMISSIONLESS SETTLEMENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Anyone returns an unaccepted pact's price after its acceptance deadline. This and the other
    /// permissionless settlements below take a pact whose deadline has passed, or, when `wait`, warp past one.
    function reclaimPact(uint256 seed, uint256 callerSeed, bool wait) external step {
        (bool found, uint256 id) = _findWarping(seed, Want.Reclaimable, Want.Open, wait);
        if (!found) return;
        _reclaim(id, _anyone(callerSeed));
        _count("reclaimPact");
    }

    /// @notice Anyone pays the agent after an undisputed review period.
    function finalizePact(uint256 seed, uint256 callerSeed, bool wait) external step {
        (bool found, uint256 id) = _findWarping(seed, Want.Finalizable, Want.Delivered, wait);
        if (!found) return;
        _finalize(id, _anyone(callerSeed));
        _count("finalizePact");
    }

    /// @notice Anyone refunds the buyer of an undelivered pact after its delivery deadline, with the penalty.
    function claimRefund(uint256 seed, uint256 callerSeed, bool wait) external step {
        (bool found, uint256 id) = _findWarping(seed, Want.Refundable, Want.Active, wait);
        if (!found) return;
        _refund(id, _anyone(callerSeed));
        _count("claimRefund");
    }

    /// @notice Anyone applies the default split after a silent ruling period, and after the hold when the arbiter
    /// held the ruling. Some attempts (`early`) are made on a held pact before the hold ends (now, at the end of the
    /// ruling period, a second after it, or at the hold's last second) and must revert with Surety_DeadlineNotPassed.
    function applyDefaultRuling(uint256 seed, uint256 callerSeed, bool wait, bool early) external step {
        if (early) {
            (bool held, uint256 heldId) = _find(seed, Want.Held);
            if (held) {
                _defaultRulingTooEarly(heldId, callerSeed);
                return;
            }
        }
        (bool found, uint256 id) = _findWarping(seed, Want.Defaultable, Want.Disputed, wait);
        // One wait in two is for a held pact, past its hold: the longest wait a pact can impose.
        if (wait && (seed >> 192) % 2 == 0) {
            (bool held, uint256 heldId) = _find(seed, Want.Held);
            if (held) (found, id) = (true, heldId);
        }
        if (!found) return;
        bool afterHold = store.heldUntil(id) != 0;
        _defaultRuling(id, _anyone(callerSeed));
        _count(afterHold ? bytes32("applyDefaultRuling (held)") : bytes32("applyDefaultRuling"));
    }

    /*//////////////////////////////////////////////////////////////
                                 CREDITS
    //////////////////////////////////////////////////////////////*/

    /// @notice An account with a credit claims it, to itself or to the sink. A wallet claiming ETH to itself
    /// while it refuses ETH must revert with the wallet's own error, and keep its credit.
    function claimPayout(uint256 accountSeed, uint256 tokenSeed, bool toSelf) external step {
        for (uint256 k; k < N_TOKENS * N_ACCOUNTS; ++k) {
            address token = _tokens[((tokenSeed % N_TOKENS) + k / N_ACCOUNTS) % N_TOKENS];
            address account = _accounts[((accountSeed % N_ACCOUNTS) + k) % N_ACCOUNTS];
            if (surety.creditOf(token, account) == 0) continue;
            address recipient = toSelf ? account : sink;
            if (token == ETH && _refusesEth(recipient)) {
                bytes memory data = abi.encodeCall(ISurety.claimPayout, (token, recipient));
                bytes memory expected = abi.encodeWithSelector(MockWallet.MockWallet_EthRefused.selector);
                _expectRevert(account, 0, data, expected, "claimPayout refused");
                return;
            }
            _claim(token, account, recipient);
            _count("claimPayout");
            return;
        }
    }

    /// @notice An account with credits claims those in every token at once, to the sink.
    function claimPayouts(uint256 accountSeed) external step {
        for (uint256 a; a < N_ACCOUNTS; ++a) {
            address account = _accounts[((accountSeed % N_ACCOUNTS) + a) % N_ACCOUNTS];
            uint256 n;
            address[] memory credited = new address[](N_TOKENS);
            for (uint256 k; k < N_TOKENS; ++k) {
                if (surety.creditOf(_tokens[k], account) != 0) credited[n++] = _tokens[k];
            }
            if (n == 0) continue;
            assembly ("memory-safe") {
                mstore(credited, n)
            }
            uint256[] memory credits = new uint256[](n);
            for (uint256 i; i < n; ++i) credits[i] = surety.creditOf(credited[i], account);
            int256[] memory before = _books();
            _exec(account, 0, abi.encodeCall(ISuretyCooperative.claimPayouts, (credited, sink)));
            int256[] memory d = _diff(before);
            for (uint256 i; i < n; ++i) {
                uint256 k = _tokenIndex(credited[i]);
                _take(d, _at(k, account, CREDIT), -int256(credits[i]), "claimPayouts clears each credit");
                _take(d, _at(k, sink, BALANCE), int256(credits[i]), "claimPayouts pays each credit");
                _take(d, _at(k, address(surety), BALANCE), -int256(credits[i]), "claimPayouts: the credit leaves");
                store.clearCredit(credited[i], account);
            }
            _expectUnchanged(d, "claimPayouts");
            _count("claimPayouts");
            return;
        }
    }

    /*//////////////////////////////////////////////////////////////
                              WRONG STATUS
    //////////////////////////////////////////////////////////////*/

    /// @notice A party tries a pact call that the pact's current status does not allow: any call on a terminal
    /// pact, or one made too early or too late in the lifecycle (deliver on an Open pact, dispute an Active one).
    /// It must revert with Surety_InvalidStatus (EnforcedPause for an acceptance while paused), and change
    /// nothing, which the store's observation and the next step's books see.
    function callInWrongStatus(uint256 seed, uint256 callSeed) external step {
        uint256 n = store.pactCount();
        if (n == 0) return;
        // A status first, each as likely, then a pact in it (or any pact if none is).
        PactStatus wanted = PactStatus(1 + (seed % 13));
        uint256 id = ((seed >> 8) % n) + 1;
        for (uint256 k; k < n && store.status(id) != wanted; ++k) id = (id % n) + 1;
        Terms memory t = store.terms(id);
        PactStatus status = store.status(id);
        for (uint256 k; k < N_PACT_CALLS; ++k) {
            uint256 call = ((callSeed % N_PACT_CALLS) + k) % N_PACT_CALLS;
            if (_statusesOf(call) & (1 << uint256(status)) != 0) continue;
            (address caller, bytes memory data) = _pactCall(call, id, t, callSeed);
            bytes memory expected =
                call == 1 && surety.paused()
                    ? abi.encodeWithSelector(Pausable.EnforcedPause.selector)
                    : abi.encodeWithSelector(ISuretyErrors.Surety_InvalidStatus.selector, id, status);
            _expectRevert(caller, 0, data, expected, "call in a wrong status");
            return;
        }
    }

    /*//////////////////////////////////////////////////////////////
                               BACKGROUND
    //////////////////////////////////////////////////////////////*/

    /// @notice Time passes.
    function warp(uint256 secondsForward) external step {
        _warpTo(_now() + bound(secondsForward, 1, 1 days));
        _count("warp");
    }

    /// @notice One of the two wallets starts or stops refusing ETH.
    function setWalletRefusesEth(bool agentWallet, bool refuse) external step {
        MockWallet wallet = agentWallet ? store.walletAgent() : store.walletBuyer();
        vm.prank(wallet.OWNER());
        wallet.setRefuseEth(refuse);
        _count("setWalletRefusesEth");
    }

    /// @notice Someone sends a token to the contract outside its API, or force-feeds it ETH: from a contract
    /// that self-destructs in its constructor, or by rewriting its balance.
    function donate(uint256 tokenSeed, uint256 amount, bool selfDestruct) external step {
        uint256 k = tokenSeed % N_TOKENS;
        address token = _tokens[k];
        amount = bound(amount, 1, _unit(token) * 1_000);
        int256[] memory before = _books();
        if (token != ETH) {
            MockERC20Permit(token).mint(stranger, amount);
            vm.prank(stranger);
            IERC20(token).transfer(address(surety), amount);
        } else if (selfDestruct) {
            _forceFeed(amount);
        } else {
            vm.deal(address(surety), address(surety).balance + amount);
        }
        int256[] memory d = _diff(before);
        _take(d, _at(k, address(surety), BALANCE), int256(amount), "donation arrives");
        _expectUnchanged(d, "donate");
        store.recordDonation(token, amount);
        _count(
            token != ETH
                ? bytes32("donate token")
                : selfDestruct
                    ? bytes32("force-feed ETH")
                    : bytes32("deal ETH")
        );
    }

    /*//////////////////////////////////////////////////////////////
                          LIVENESS (END OF RUN)
    //////////////////////////////////////////////////////////////*/

    /// @notice Ends a run without the operator: turns the guardian's pause on, passes every deadline, lets a
    /// stranger drive every live pact to a terminal status, has every agent queue and withdraw all its stake
    /// (waiting out any freeze), and has every account claim every credit. Each of these calls is measured like
    /// the steps. Not a target of the runner.
    function settleEverything() external {
        vm.warp(_now());
        store.setTouched(0);
        if (!surety.paused()) _exec(guardian, 0, abi.encodeCall(ISurety.pause, ()));

        // Past every deadline: a delivery is at most at deliverBy, followed by at most the deployment's longest
        // review period (30 days) and ruling period (60 days).
        // A held ruling waits until its hold ends, at most the deployment's longest hold after the dispute.
        uint256 count = store.pactCount();
        uint256 latest = _now();
        for (uint256 id = 1; id <= count; ++id) {
            uint256 end = uint256(store.terms(id).deliverBy) + 31 days + _MAX_RULING + 1 days;
            uint256 held = store.heldUntil(id);
            if (held >= end) end = held + 1;
            if (end > latest) latest = end;
        }
        _warpTo(latest + 1);

        for (uint256 id = 1; id <= count; ++id) {
            PactStatus status = store.status(id);
            if (status == PactStatus.Open) _reclaim(id, stranger);
            else if (status == PactStatus.Active) _refund(id, stranger);
            else if (status == PactStatus.Delivered) _finalize(id, stranger);
            else if (status == PactStatus.Disputed) _defaultRuling(id, stranger);
            else continue;
            store.observe();
        }

        uint256 ready = _now();
        for (uint256 i; i < N_AGENTS; ++i) {
            address agent = _agents[i];
            StakeAccount memory account = surety.stakeAccount(agent);
            if (account.locked != 0) _violate("liveness: stake still locked after every pact settled");
            if (account.bonded != 0) {
                _exec(agent, 0, abi.encodeCall(ISurety.requestWithdrawal, (uint256(account.bonded))));
                store.recordFullWithdrawalRequest(agent, account.bonded);
                account = surety.stakeAccount(agent);
            }
            uint256 frozenUntil = surety.standingOf(agent).frozenUntil;
            if (account.readyAt > ready) ready = account.readyAt;
            if (frozenUntil > ready) ready = frozenUntil;
        }
        _warpTo(ready);
        for (uint256 i; i < N_AGENTS; ++i) {
            if (surety.stakeAccount(_agents[i]).queued != 0) _withdraw(_agents[i], _agents[i]);
        }

        for (uint256 k; k < N_TOKENS; ++k) {
            for (uint256 a; a < N_ACCOUNTS; ++a) {
                address account = _accounts[a];
                if (surety.creditOf(_tokens[k], account) == 0) continue;
                _claim(_tokens[k], account, _tokens[k] == ETH && _refusesEth(account) ? sink : account);
            }
        }
        store.observe();
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _reclaim(uint256 id, address caller) private {
        Terms memory t = store.terms(id);
        _warpTo(uint256(t.acceptBy) + 1);
        _settle(id, caller, abi.encodeCall(ISurety.reclaimPact, (id, t)), PactStatus.Reclaimed);
        _pay(t.token, t.buyer, t.price);
    }

    function _finalize(uint256 id, address caller) private {
        Terms memory t = store.terms(id);
        _warpTo(uint256(store.since(id)) + t.reviewPeriod + 1);
        _settle(id, caller, abi.encodeCall(ISurety.finalizePact, (id, t)), PactStatus.Finalized);
        _unlock(t.agent, t.collateral, 0);
        _pay(t.token, t.agent, t.price);
    }

    function _refund(uint256 id, address caller) private {
        Terms memory t = store.terms(id);
        _warpTo(uint256(t.deliverBy) + 1);
        _settle(id, caller, abi.encodeCall(ISurety.claimRefund, (id, t)), PactStatus.Refunded);
        _unlock(t.agent, t.collateral, t.penalty);
        _pay(t.token, t.buyer, t.price);
        _pay(address(usd), t.buyer, t.penalty);
    }

    function _defaultRuling(uint256 id, address caller) private {
        Terms memory t = store.terms(id);
        _warpTo(store.rulingEnd(id) + 1);
        _settle(id, caller, abi.encodeCall(ISurety.applyDefaultRuling, (id, t)), PactStatus.DefaultRuled);
        _defaultSplit(t);
    }

    /// @dev Anyone tries the default ruling of held pact `id` before its hold ends: it must be refused.
    function _defaultRulingTooEarly(uint256 id, uint256 seed) private {
        Terms memory t = store.terms(id);
        uint256 end = uint256(store.since(id)) + t.rulingPeriod;
        uint256 pick = (seed >> 16) % 4;
        if (pick == 1) _warpTo(end);
        else if (pick == 2) _warpTo(end + 1);
        else if (pick == 3) _warpTo(store.heldUntil(id));
        // As the contract reads it: the ruling period's end until it passes, then the hold's.
        uint256 deadline = _now() <= end ? end : store.rulingEnd(id);
        bytes memory expected = abi.encodeWithSelector(ISuretyErrors.Surety_DeadlineNotPassed.selector, id, deadline);
        bytes memory data = abi.encodeCall(ISurety.applyDefaultRuling, (id, t));
        _expectRevert(_anyone(seed), 0, data, expected, "applyDefaultRuling early");
    }

    /// @dev Claims an account's whole credit in `token` to `recipient`, requiring that exactly the credit moved.
    function _claim(address token, address account, address recipient) private {
        uint256 k = _tokenIndex(token);
        uint256 credit = surety.creditOf(token, account);
        int256[] memory before = _books();
        _exec(account, 0, abi.encodeCall(ISurety.claimPayout, (token, recipient)));
        int256[] memory d = _diff(before);
        _take(d, _at(k, account, CREDIT), -int256(credit), "claimPayout clears the credit");
        _take(d, _at(k, recipient, BALANCE), int256(credit), "claimPayout pays the credit to the recipient");
        _take(d, _at(k, address(surety), BALANCE), -int256(credit), "claimPayout: the credit leaves");
        _expectUnchanged(d, "claimPayout");
        store.clearCredit(token, account);
    }

    /// @dev Sends ETH to Surety from a contract that self-destructs in its constructor (init code: PUSH20
    /// surety, SELFDESTRUCT), the way ETH reaches a contract without calling it.
    function _forceFeed(uint256 amount) private {
        vm.deal(address(this), address(this).balance + amount);
        bytes memory initCode = abi.encodePacked(hex"73", address(surety), hex"ff");
        address feeder;
        assembly ("memory-safe") {
            feeder := create(amount, add(initCode, 0x20), mload(initCode))
        }
        if (feeder == address(0) || feeder.code.length != 0) revert("handler: force-feeding failed");
    }
}
