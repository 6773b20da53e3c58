// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ISurety} from "../../../../contracts/interfaces/ISurety.sol";
import {ISuretyCooperative} from "../../../../contracts/interfaces/ISuretyCooperative.sol";
import {ISuretyErrors} from "../../../../contracts/interfaces/ISuretyErrors.sol";
import {Offer, PactStatus, Terms} from "../../../../contracts/types/DataTypes.sol";

import {BPS, N_ARBITERS, N_TOKENS, SuretyStore, Want} from "../stores/SuretyStore.sol";
import {BaseHandler} from "./BaseHandler.sol";

/// @notice The arbiters' calls: ruling on disputes, abstaining, holding a ruling, and publishing new terms or
/// deregistering.
contract ArbiterHandler is BaseHandler {
    constructor(SuretyStore store_) BaseHandler(store_) {}

    /// @notice The arbiter rules on a Disputed pact within the ruling period, or its hold: a split and a slash.
    function resolveDispute(uint256 seed, uint256 buyerBps, uint256 slash) external step {
        (bool found, uint256 id) = _findRulable(seed);
        if (!found) return;
        Terms memory t = store.terms(id);
        buyerBps = bound(buyerBps, 0, BPS);
        slash = bound(slash, 0, t.collateral);
        SuretyStore.Ghost memory g = store.ghost(id);
        g.ruledBps = uint16(buyerBps);
        g.ruledSlash = slash;
        store.setGhost(id, g);
        bytes memory data = abi.encodeCall(
            ISurety.resolveDispute,
            (id, t, uint16(buyerBps), slash, keccak256(abi.encode("ruling", id)))
        );
        _settle(id, t.arbiter, data, PactStatus.Resolved);
        _unlock(t.agent, t.collateral, slash);
        uint256 toBuyer = (t.price * buyerBps) / BPS;
        _pay(t.token, t.buyer, toBuyer);
        _pay(t.token, t.agent, t.price - toBuyer);
        _pay(address(usd), t.buyer, slash);
        _pay(t.token, t.arbiter, t.arbiterFee);
        _count("resolveDispute");
    }

    /// @notice The arbiter abstains within the ruling period, or its hold: the default split, the fee back to the
    /// buyer.
    function abstain(uint256 seed) external step {
        (bool found, uint256 id) = _findRulable(seed);
        if (!found) return;
        Terms memory t = store.terms(id);
        bytes memory data = abi.encodeCall(ISurety.abstain, (id, t, keccak256(abi.encode("abstention", id))));
        _settle(id, t.arbiter, data, PactStatus.Abstained);
        _defaultSplit(t);
        _count("abstain");
    }

    /// @notice The arbiter of a Disputed pact holds its ruling within the ruling period (at its last second one time
    /// in six): until the dispute time plus the deployment's maximum, the arbiter may still rule and the default
    /// split waits. Nothing moves. Some attempts must fail: a second hold with Surety_RulingAlreadyHeld, one a second
    /// after the ruling period with Surety_DeadlinePassed, one by anyone but the arbiter with Surety_CallerNotArbiter.
    function holdRuling(uint256 seed, uint256 mode) external step {
        // Hashed, so that the fuzzer's favourite values (0, 1, powers of two) spread over the kinds.
        mode = _sub(mode, 0);
        uint256 kind = mode % 6;
        (bool found, uint256 id) = _find(
            seed,
            kind == 0
                ? Want.Held
                : kind == 2
                    ? Want.Disputed
                    : Want.Holdable
        );
        if (!found) return;
        Terms memory t = store.terms(id);
        bytes memory data = abi.encodeCall(ISuretyCooperative.holdRuling, (id, t));
        uint256 end = uint256(store.since(id)) + t.rulingPeriod;
        if (kind == 0) {
            bytes memory held = abi.encodeWithSelector(
                ISuretyErrors.Surety_RulingAlreadyHeld.selector,
                id,
                store.heldUntil(id)
            );
            _expectRevert(t.arbiter, 0, data, held, "holdRuling: already held");
            return;
        }
        if (kind == 1) {
            _warpTo(end + 1);
            bytes memory late = abi.encodeWithSelector(ISuretyErrors.Surety_DeadlinePassed.selector, id, end);
            _expectRevert(t.arbiter, 0, data, late, "holdRuling: too late");
            return;
        }
        if (kind == 2) {
            address caller = (mode >> 8) & 1 == 1 ? t.buyer : stranger;
            bytes memory notArbiter = abi.encodeWithSelector(
                ISuretyErrors.Surety_CallerNotArbiter.selector,
                id,
                caller
            );
            _expectRevert(caller, 0, data, notArbiter, "holdRuling: not the arbiter");
            return;
        }
        if (kind == 3) _warpTo(end);
        int256[] memory before = _books();
        _exec(t.arbiter, 0, data);
        _expectUnchanged(_diff(before), "holdRuling");
        uint40 heldUntil = uint40(uint256(store.since(id)) + _MAX_RULING_HOLD);
        store.setHeldUntil(id, heldUntil);
        if (ISuretyCooperative(address(surety)).rulingHeldUntil(id) != heldUntil) {
            _violate("holdRuling: held until another time than the dispute plus the maximum");
        }
        _count("holdRuling");
        // Once per dispute: asking again at once must be refused.
        if ((mode >> 9) & 1 == 1) {
            bytes memory again = abi.encodeWithSelector(ISuretyErrors.Surety_RulingAlreadyHeld.selector, id, heldUntil);
            _expectRevert(t.arbiter, 0, data, again, "holdRuling: already held");
        }
    }

    /// @notice An arbiter publishes new terms for a token (a minimum fee, a longest ruling period, possibly
    /// above the deployment's) or deregisters; deregistering when not registered must revert. Pacts already
    /// naming it are unaffected; new pacts and offers must follow the new terms.
    function updateArbiter(
        uint256 arbiterSeed,
        uint256 tokenSeed,
        uint256 minFee,
        uint256 maxRuling,
        bool deregister
    ) external step {
        address arbiter = _arbiters[arbiterSeed % N_ARBITERS];
        address token = _tokens[tokenSeed % N_TOKENS];
        // Half the time, the arbiter and token of a kept offer, with terms just past the offer's own.
        uint256 offers = store.offerCount();
        bool targeted = (arbiterSeed >> 8) % 2 == 0 && offers != 0;
        if (targeted) {
            Offer memory o = store.offer((arbiterSeed >> 16) % offers).offer;
            (arbiter, token) = (o.arbiter, o.token);
            if (!deregister) {
                minFee = (minFee >> 1) % 2 == 0 ? o.arbiterFee + 1 : 0;
                maxRuling = minFee == 0 && o.rulingPeriod > _MIN_RULING ? o.rulingPeriod - 1 : _MAX_RULING;
            }
        }
        bool registered = surety.arbiterTerms(arbiter, token).registered;
        if (deregister) {
            bytes memory data = abi.encodeCall(ISurety.deregisterArbiter, (token));
            if (!registered) {
                bytes memory expected = abi.encodeWithSelector(
                    ISuretyErrors.Surety_ArbiterNotRegistered.selector,
                    arbiter,
                    token
                );
                _expectRevert(arbiter, 0, data, expected, "deregisterArbiter reverts");
                return;
            }
            _exec(arbiter, 0, data);
            _count("deregisterArbiter");
            return;
        }
        if (!targeted) {
            minFee = bound(minFee, 0, _unit(token) * 100);
            maxRuling = bound(maxRuling, _MIN_RULING, uint256(_MAX_RULING) + 30 days);
        }
        _exec(arbiter, 0, abi.encodeCall(ISurety.registerArbiter, (token, uint128(minFee), uint32(maxRuling))));
        _count("registerArbiter");
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev A pact its arbiter may rule on now. One time in four, a held one first, at a second past its ruling period
    /// or at the hold's last second, when the arbiter may still rule only because it held the ruling.
    function _findRulable(uint256 seed) private returns (bool found, uint256 id) {
        if ((seed >> 192) % 4 == 0) {
            (found, id) = _find(seed, Want.Held);
            if (found) {
                uint256 end = uint256(store.since(id)) + store.terms(id).rulingPeriod;
                _warpTo((seed >> 194) & 1 == 1 ? store.heldUntil(id) : end + 1);
                return (true, id);
            }
        }
        return _find(seed, Want.Rulable);
    }
}
