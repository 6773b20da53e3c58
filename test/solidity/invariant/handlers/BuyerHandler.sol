// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {ISurety} from "../../../../contracts/interfaces/ISurety.sol";
import {ISuretyErrors} from "../../../../contracts/interfaces/ISuretyErrors.sol";
import {ArbiterTerms, Offer, PactStatus, Permit, Terms} from "../../../../contracts/types/DataTypes.sol";

import {ETH, LOCKED, MAX_PACTS, N_AGENTS, N_BUYERS, N_TOKENS, SuretyStore, Want} from "../stores/SuretyStore.sol";
import {BaseHandler} from "./BaseHandler.sol";

/// @notice The buyers' calls: creating a pact, funding a signed offer, cancelling, releasing, disputing and adding
/// evidence (which the agent also does).
contract BuyerHandler is BaseHandler {
    constructor(SuretyStore store_) BaseHandler(store_) {}

    /// @notice A buyer creates an Open pact in the stake token, the second token or ETH, through an allowance
    /// or a permit. While the guardian's pause is on, or when the arbiter it names is not registered for the
    /// token, the creation must revert with exactly that error.
    function createPact(
        uint256 partySeed,
        uint256 price,
        uint256 amountsSeed,
        uint256 timingSeed,
        uint256 mode
    ) external step {
        uint256 count = store.pactCount();
        if (count >= MAX_PACTS) return;
        address token = _tokens[mode % N_TOKENS];
        bool permit = (mode >> 8) & 1 == 1;
        Terms memory t;
        t.buyer = _buyers[partySeed % N_BUYERS];
        t.agent = _agents[(partySeed >> 8) % N_AGENTS];
        t.token = token;
        t.arbiter = _pickArbiter(partySeed >> 16, token, (partySeed >> 24) % 4 == 0);
        _draftAmounts(t, price, amountsSeed);
        _draftPeriods(t, timingSeed);
        t.acceptBy = uint40(_now() + 1 + (uint64(timingSeed >> 128) % 3 days));
        t.deliverBy = uint40(uint256(t.acceptBy) + 1 + (uint64(timingSeed >> 192) % 4 days));
        t.termsHash = keccak256(abi.encode("pact", count + 1));

        _fund(t.buyer, token, t.price);
        bytes memory data;
        if (permit && token != ETH && store.keyOf(t.buyer) != 0) {
            data = abi.encodeCall(ISurety.createPactWithPermit, (t, _permit(t.buyer, token, t.price)));
        } else {
            permit = false;
            _approve(t.buyer, token, t.price);
            data = abi.encodeCall(ISurety.createPact, (t));
        }
        uint256 value = token == ETH ? t.price : 0;

        bytes memory expected = _creationError(t);
        if (expected.length != 0) {
            _expectRevert(t.buyer, value, data, expected, "createPact reverts");
            return;
        }
        int256[] memory before = _books();
        uint256 id = abi.decode(_exec(t.buyer, value, data), (uint256));
        int256[] memory d = _diff(before);
        if (id != count + 1) _violate("createPact returned an unexpected id");
        store.setTouched(id);
        uint256 funded = _takeFunding(d, t.token, t.buyer, t.price, "createPact pulls exactly the price");
        _expectUnchanged(d, "createPact");
        store.pushPact(t, PactStatus.Open, funded);
        _count(permit ? bytes32("createPactWithPermit") : bytes32("createPact"));
    }

    /// @notice A buyer funds a signed offer: the pact starts Active. Offers that are dead (expired, nonce used
    /// or revoked, meant for another buyer, tampered with, arbiter gone or changed) or that the agent cannot
    /// back (Paused, beyond its cap, short of free stake), and any funding while paused, must revert with the
    /// exact error the first failing check gives.
    function fundOffer(uint256 offerSeed, uint256 buyerSeed, uint256 mode) external step {
        uint256 offers = store.offerCount();
        uint256 count = store.pactCount();
        if (offers == 0 || count >= MAX_PACTS) return;
        SuretyStore.SignedOffer memory signed = store.offer(offerSeed % offers);
        Offer memory o = signed.offer;
        address buyer = o.buyer != address(0) && buyerSeed % 4 != 0 ? o.buyer : _buyers[buyerSeed % N_BUYERS];
        bool permit = (mode >> 4) & 1 == 1 && o.token != ETH && store.keyOf(buyer) != 0;
        bool tampered = (mode >> 8) % 16 == 0;
        if (mode % 8 != 0) _topUp(o.agent, o.collateral);

        Offer memory sent = o;
        if (tampered) sent.price += 1;
        _fund(buyer, o.token, sent.price);
        bytes memory data;
        if (permit) {
            Permit memory p = _permit(buyer, o.token, sent.price);
            data = abi.encodeCall(ISurety.createPactFromOfferWithPermit, (sent, signed.signature, p));
        } else {
            _approve(buyer, o.token, sent.price);
            data = abi.encodeCall(ISurety.createPactFromOffer, (sent, signed.signature));
        }
        uint256 value = o.token == ETH ? sent.price : 0;

        bytes memory expected = _offerError(o, buyer, tampered);
        if (expected.length != 0) {
            _expectRevert(buyer, value, data, expected, "fundOffer reverts");
            return;
        }
        Terms memory t = _offerTerms(o, buyer);
        int256[] memory before = _books();
        uint256 id = abi.decode(_exec(buyer, value, data), (uint256));
        int256[] memory d = _diff(before);
        if (id != count + 1) _violate("createPactFromOffer returned an unexpected id");
        store.setTouched(id);
        uint256 funded = _takeFunding(d, t.token, buyer, t.price, "createPactFromOffer pulls exactly the price");
        _take(d, _stakeAt(t.agent, LOCKED), int256(t.collateral), "createPactFromOffer locks the collateral");
        _expectUnchanged(d, "createPactFromOffer");
        store.useNonce(o.agent, o.nonce);
        store.recordLock(t.agent, t.collateral);
        _checkCap(t.agent);
        store.pushPact(t, PactStatus.Active, funded);
        _count(permit ? bytes32("createPactFromOffer+permit") : bytes32("createPactFromOffer"));
    }

    /// @notice The buyer cancels an Open pact (allowed at any time, even past the acceptance deadline).
    function cancelPact(uint256 seed) external step {
        (bool found, uint256 id) = _find(seed, Want.Open);
        if (!found) return;
        Terms memory t = store.terms(id);
        _settle(id, t.buyer, abi.encodeCall(ISurety.cancelPact, (id, t)), PactStatus.Cancelled);
        _pay(t.token, t.buyer, t.price);
        _count("cancelPact");
    }

    /// @notice The buyer releases the price to the agent from Active, Delivered or Disputed.
    function releasePact(uint256 seed) external step {
        (bool found, uint256 id) = _find(seed, Want.Releasable);
        if (!found) return;
        Terms memory t = store.terms(id);
        bool disputed = store.status(id) == PactStatus.Disputed;
        _settle(id, t.buyer, abi.encodeCall(ISurety.releasePact, (id, t)), PactStatus.Released);
        _unlock(t.agent, t.collateral, 0);
        _pay(t.token, t.agent, t.price);
        if (disputed) _pay(t.token, t.buyer, t.arbiterFee);
        _count(disputed ? bytes32("releasePact (Disputed)") : bytes32("releasePact"));
    }

    /// @notice The buyer disputes a delivery within the review period, paying the fee by allowance or permit.
    function disputePact(uint256 seed, bool permit) external step {
        (bool found, uint256 id) = _find(seed, Want.Disputable);
        if (!found) return;
        Terms memory t = store.terms(id);
        bytes32 reason = keccak256(abi.encode("reason", id));
        _fund(t.buyer, t.token, t.arbiterFee);
        bytes memory data;
        if (permit && t.token != ETH && store.keyOf(t.buyer) != 0) {
            Permit memory p = _permit(t.buyer, t.token, t.arbiterFee);
            data = abi.encodeCall(ISurety.disputePactWithPermit, (id, t, reason, p));
        } else {
            permit = false;
            _approve(t.buyer, t.token, t.arbiterFee);
            data = abi.encodeCall(ISurety.disputePact, (id, t, reason));
        }
        int256[] memory before = _books();
        _exec(t.buyer, t.token == ETH ? t.arbiterFee : 0, data);
        int256[] memory d = _diff(before);
        store.setTouched(id);
        SuretyStore.Ghost memory g = store.ghost(id);
        g.feeFunded = _takeFunding(d, t.token, t.buyer, t.arbiterFee, "disputePact pulls exactly the fee");
        g.disputed = true;
        g.disputedAt = uint40(_now());
        store.setGhost(id, g);
        _expectUnchanged(d, "disputePact");
        _transition(id, PactStatus.Disputed);
        _count(permit ? bytes32("disputePactWithPermit") : bytes32("disputePact"));
    }

    /// @notice The buyer or the agent adds evidence to a dispute: nothing moves, no status changes.
    function submitEvidence(uint256 seed, bool byAgent) external step {
        (bool found, uint256 id) = _find(seed, Want.Disputed);
        if (!found) return;
        Terms memory t = store.terms(id);
        int256[] memory before = _books();
        _exec(
            byAgent ? t.agent : t.buyer,
            0,
            abi.encodeCall(ISurety.submitEvidence, (id, t, keccak256(abi.encode("evidence", id))))
        );
        _expectUnchanged(_diff(before), "submitEvidence");
        _count("submitEvidence");
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev The terms a funded offer commits to, as the contract builds them.
    function _offerTerms(Offer memory o, address buyer) private view returns (Terms memory t) {
        uint256 now_ = _now();
        t = Terms({
            buyer: buyer,
            agent: o.agent,
            arbiter: o.arbiter,
            token: o.token,
            price: o.price,
            arbiterFee: o.arbiterFee,
            collateral: o.collateral,
            penalty: o.penalty,
            acceptBy: uint40(now_),
            deliverBy: uint40(now_ + o.deliveryPeriod),
            reviewPeriod: o.reviewPeriod,
            rulingPeriod: o.rulingPeriod,
            defaultBuyerBps: o.defaultBuyerBps,
            termsHash: o.termsHash
        });
    }

    /// @dev The revert data createPact must give for these (otherwise valid) terms, or empty if it must succeed.
    function _creationError(Terms memory t) private view returns (bytes memory) {
        if (surety.paused()) return abi.encodeWithSelector(Pausable.EnforcedPause.selector);
        if (!surety.arbiterTerms(t.arbiter, t.token).registered) {
            return abi.encodeWithSelector(ISuretyErrors.Surety_ArbiterNotRegistered.selector, t.arbiter, t.token);
        }
        return "";
    }

    /// @dev The revert data funding `o` by `buyer` must give, following the contract's order of checks, or
    /// empty if it must succeed.
    function _offerError(Offer memory o, address buyer, bool tampered) private view returns (bytes memory) {
        uint256 now_ = _now();
        if (surety.paused()) return abi.encodeWithSelector(Pausable.EnforcedPause.selector);
        if (now_ > o.expiry) return abi.encodeWithSelector(ISuretyErrors.Surety_OfferExpired.selector, o.expiry, now_);
        if (o.buyer != address(0) && o.buyer != buyer) {
            return abi.encodeWithSelector(ISuretyErrors.Surety_OfferNotForCaller.selector, o.buyer, buyer);
        }
        if (store.modelNonceUsed(o.agent, o.nonce))
            return abi.encodeWithSelector(ISuretyErrors.Surety_NonceUsed.selector, o.agent, o.nonce);
        if (tampered) return abi.encodeWithSelector(ISuretyErrors.Surety_InvalidSignature.selector, o.agent);
        ArbiterTerms memory arbiter = surety.arbiterTerms(o.arbiter, o.token);
        if (!arbiter.registered)
            return abi.encodeWithSelector(ISuretyErrors.Surety_ArbiterNotRegistered.selector, o.arbiter, o.token);
        if (o.arbiterFee < arbiter.minFee) {
            return
                abi.encodeWithSelector(
                    ISuretyErrors.Surety_ArbiterFeeTooLow.selector,
                    o.arbiterFee,
                    uint256(arbiter.minFee)
                );
        }
        uint32 maxRuling = arbiter.maxRulingPeriod < _MAX_RULING ? arbiter.maxRulingPeriod : _MAX_RULING;
        if (o.rulingPeriod > maxRuling) {
            return
                abi.encodeWithSelector(
                    ISuretyErrors.Surety_RulingPeriodOutOfBounds.selector,
                    o.rulingPeriod,
                    _MIN_RULING,
                    maxRuling
                );
        }
        return _lockError(o.agent, o.collateral);
    }
}
