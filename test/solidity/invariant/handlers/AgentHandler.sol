// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {ISurety} from "../../../../contracts/interfaces/ISurety.sol";
import {ISuretyErrors} from "../../../../contracts/interfaces/ISuretyErrors.sol";
import {Offer, PactStatus, StakeAccount, Terms} from "../../../../contracts/types/DataTypes.sol";

import {
    BALANCE,
    BONDED,
    LOCKED,
    MAX_DEPOSIT,
    N_AGENTS,
    N_BUYERS,
    N_TOKENS,
    QUEUED,
    STAKE,
    SuretyStore,
    Want
} from "../stores/SuretyStore.sol";
import {BaseHandler} from "./BaseHandler.sol";

/// @notice The agents' calls: accepting and delivering pacts, signing and revoking offers, and their stake
/// (deposits, withdrawal requests, withdrawals).
contract AgentHandler is BaseHandler {
    constructor(SuretyStore store_) BaseHandler(store_) {}

    /// @notice The agent accepts an Open pact before its deadline, usually topping up its stake first. While
    /// paused, when the agent is Paused, beyond its cap or short of free stake, it must revert with that error.
    function acceptPact(uint256 seed, uint256 mode) external step {
        (bool found, uint256 id) = _find(seed, Want.Acceptable);
        if (!found) return;
        Terms memory t = store.terms(id);
        if (mode % 8 != 0) _topUp(t.agent, t.collateral);
        bytes memory data = abi.encodeCall(ISurety.acceptPact, (id, t));
        bytes memory expected =
            surety.paused()
                ? abi.encodeWithSelector(Pausable.EnforcedPause.selector)
                : _lockError(t.agent, t.collateral);
        if (expected.length != 0) {
            _expectRevert(t.agent, 0, data, expected, "acceptPact reverts");
            return;
        }
        int256[] memory before = _books();
        _exec(t.agent, 0, data);
        int256[] memory d = _diff(before);
        store.setTouched(id);
        _take(d, _stakeAt(t.agent, LOCKED), int256(t.collateral), "acceptPact locks the collateral");
        _expectUnchanged(d, "acceptPact");
        _transition(id, PactStatus.Active);
        store.recordLock(t.agent, t.collateral);
        _checkCap(t.agent);
        _count("acceptPact");
    }

    /// @notice The agent delivers an Active pact before its delivery deadline: nothing moves.
    function deliverPact(uint256 seed) external step {
        (bool found, uint256 id) = _find(seed, Want.Deliverable);
        if (!found) return;
        Terms memory t = store.terms(id);
        int256[] memory before = _books();
        _exec(t.agent, 0, abi.encodeCall(ISurety.deliverPact, (id, t, keccak256(abi.encode("delivery", id)))));
        _expectUnchanged(_diff(before), "deliverPact");
        store.setTouched(id);
        _transition(id, PactStatus.Delivered);
        _count("deliverPact");
    }

    /// @notice An agent signs an offer off-chain (EIP-712, or ERC-1271 for the wallet agent), open to any buyer
    /// or meant for one. The store keeps it for `fundOffer` and `revokeOffer`.
    function signOffer(
        uint256 partySeed,
        uint256 price,
        uint256 amountsSeed,
        uint256 timingSeed,
        uint256 tokenSeed
    ) external step {
        Terms memory t;
        t.agent = _agents[partySeed % N_AGENTS];
        t.buyer = (partySeed >> 8) % 3 == 0 ? address(0) : _buyers[(partySeed >> 16) % N_BUYERS];
        t.token = _tokens[tokenSeed % N_TOKENS];
        t.arbiter = _pickArbiter(partySeed >> 24, t.token, false);
        if (!surety.arbiterTerms(t.arbiter, t.token).registered) return;
        _draftAmounts(t, price, amountsSeed);
        _draftPeriods(t, timingSeed);
        uint256 number = store.nextOfferNumber();
        Offer memory o = Offer({
            agent: t.agent,
            buyer: t.buyer,
            arbiter: t.arbiter,
            token: t.token,
            price: t.price,
            arbiterFee: t.arbiterFee,
            collateral: t.collateral,
            penalty: t.penalty,
            deliveryPeriod: uint32(1 + (uint64(timingSeed >> 128) % 4 days)),
            reviewPeriod: t.reviewPeriod,
            rulingPeriod: t.rulingPeriod,
            defaultBuyerBps: t.defaultBuyerBps,
            termsHash: keccak256(abi.encode("offer", number)),
            nonce: uint256(keccak256(abi.encode("nonce", number))),
            expiry: uint40(_now() + (uint64(timingSeed >> 192) % 3 days))
        });
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(store.keyOf(o.agent), surety.offerDigest(o));
        store.keepOffer(SuretyStore.SignedOffer({offer: o, signature: abi.encodePacked(r, s, v)}), partySeed);
        _count("signOffer");
    }

    /// @notice An agent revokes one of its offers by nonce; a nonce already used or revoked must revert.
    function revokeOffer(uint256 offerSeed) external step {
        uint256 offers = store.offerCount();
        if (offers == 0) return;
        Offer memory o = store.offer(offerSeed % offers).offer;
        bytes memory data = abi.encodeCall(ISurety.revokeOffer, (o.nonce));
        if (store.modelNonceUsed(o.agent, o.nonce)) {
            bytes memory expected = abi.encodeWithSelector(ISuretyErrors.Surety_NonceUsed.selector, o.agent, o.nonce);
            _expectRevert(o.agent, 0, data, expected, "revokeOffer reverts");
            return;
        }
        _exec(o.agent, 0, data);
        store.useNonce(o.agent, o.nonce);
        _count("revokeOffer");
    }

    /// @notice An agent adds stake, through an allowance or a permit.
    function depositStake(uint256 agentSeed, uint256 amount, bool permit) external step {
        address agent = _agents[agentSeed % N_AGENTS];
        amount = bound(amount, 1, MAX_DEPOSIT);
        usd.mint(agent, amount);
        int256[] memory before = _books();
        permit = _deposit(agent, amount, permit);
        int256[] memory d = _diff(before);
        _take(d, _at(STAKE, agent, BALANCE), -int256(amount), "depositStake takes the amount from the agent");
        _take(d, _at(STAKE, address(surety), BALANCE), int256(amount), "depositStake: the contract receives it");
        _take(d, _stakeAt(agent, BONDED), int256(amount), "depositStake bonds the amount");
        _expectUnchanged(d, "depositStake");
        _count(permit ? bytes32("depositStakeWithPermit") : bytes32("depositStake"));
    }

    /// @notice An agent queues some of its free stake for withdrawal.
    function requestWithdrawal(uint256 agentSeed, uint256 amount) external step {
        address agent = _agents[agentSeed % N_AGENTS];
        StakeAccount memory account = surety.stakeAccount(agent);
        uint256 free = uint256(account.bonded) - account.locked;
        if (free == 0) return;
        amount = bound(amount, 1, free);
        int256[] memory before = _books();
        _exec(agent, 0, abi.encodeCall(ISurety.requestWithdrawal, (amount)));
        int256[] memory d = _diff(before);
        _take(d, _stakeAt(agent, BONDED), -int256(amount), "requestWithdrawal unbonds the amount");
        _take(d, _stakeAt(agent, QUEUED), int256(amount), "requestWithdrawal queues the amount");
        _expectUnchanged(d, "requestWithdrawal");
        store.recordWithdrawalRequest(agent, amount);
        _count("requestWithdrawal");
    }

    /// @notice An agent with a queue withdraws it, to itself or to the sink, once it is ready and no freeze
    /// runs: now, or after warping to exactly then (`mode` bit 0). Some attempts (`mode` bits 2-3 zero) are made
    /// early on purpose and must revert with StakeFrozen (while a freeze runs past the unbonding delay) or
    /// WithdrawalNotReady.
    function withdrawStake(uint256 agentSeed, uint256 mode) external step {
        bool wait = mode & 1 == 1;
        bool early = (mode >> 2) % 4 == 0;
        for (uint256 k; k < N_AGENTS; ++k) {
            address agent = _agents[((agentSeed % N_AGENTS) + k) % N_AGENTS];
            StakeAccount memory account = surety.stakeAccount(agent);
            if (account.queued == 0) continue;
            address recipient = (mode >> 1) & 1 == 1 ? sink : agent;
            bytes memory data = abi.encodeCall(ISurety.withdrawStake, (recipient));
            uint256 frozenUntil = surety.standingOf(agent).frozenUntil;
            uint256 now_ = _now();
            if (now_ < account.readyAt || now_ < frozenUntil) {
                if (early) {
                    // A freeze that outlasts the unbonding delay is tried once the queue is ready (at the last
                    // frozen second one time in two); otherwise the queue is tried before it is ready.
                    bytes memory expected;
                    if (frozenUntil > account.readyAt) {
                        _warpTo((mode >> 4) & 1 == 1 ? frozenUntil - 1 : account.readyAt);
                        expected = abi.encodeWithSelector(
                            ISuretyErrors.Surety_StakeFrozen.selector,
                            agent,
                            frozenUntil
                        );
                    } else {
                        expected = abi.encodeWithSelector(
                            ISuretyErrors.Surety_WithdrawalNotReady.selector,
                            agent,
                            uint256(account.readyAt)
                        );
                    }
                    _expectRevert(agent, 0, data, expected, "withdrawStake reverts early");
                    return;
                }
                if (!wait) continue;
                _warpTo(account.readyAt > frozenUntil ? account.readyAt : frozenUntil);
            }
            _withdraw(agent, recipient);
            _count("withdrawStake");
            return;
        }
    }
}
