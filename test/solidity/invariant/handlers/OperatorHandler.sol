// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ISurety} from "../../../../contracts/interfaces/ISurety.sol";
import {ISuretyErrors} from "../../../../contracts/interfaces/ISuretyErrors.sol";
import {ISuretyOperator} from "../../../../contracts/interfaces/ISuretyOperator.sol";
import {
    AgentStatus,
    ExceptionKind,
    PactStatus,
    Review,
    ReviewDecision,
    Standing,
    Terms
} from "../../../../contracts/types/DataTypes.sol";

import {MAX_COLLATERAL, N_AGENTS, SuretyStore} from "../stores/SuretyStore.sol";
import {BaseHandler} from "./BaseHandler.sol";

/// @notice The operator's and the guardian's calls: moving agents up the ladder, recertifying them, recording
/// reviews, logging exception notes, and pausing or unpausing new pacts. None of them may change a balance, a
/// credit or a stake.
contract OperatorHandler is BaseHandler {
    constructor(SuretyStore store_) BaseHandler(store_) {}

    /// @notice The operator moves an agent up the ladder (Warned to Paused) with some cap. No balance, credit
    /// or stake may change.
    function setAgentStatus(uint256 agentSeed, uint256 statusSeed, uint256 cap) external step {
        address agent = _agents[agentSeed % N_AGENTS];
        AgentStatus status = AgentStatus(1 + (statusSeed % 4));
        // Half the caps fall just above the agent's current exposure, where acceptances hit them.
        if (cap % 2 == 0) cap = bound(cap, 0, 2 * MAX_COLLATERAL);
        else cap = surety.stakeAccount(agent).locked + bound(cap >> 1, 0, MAX_COLLATERAL / 4);
        int256[] memory before = _books();
        _exec(operator, 0, abi.encodeCall(ISuretyOperator.setAgentStatus, (agent, status, cap, keccak256("ladder"))));
        _expectUnchanged(_diff(before), "setAgentStatus changed a balance, a credit or a stake");
        Standing memory standing = surety.standingOf(agent);
        if (standing.status != status) _violate("setAgentStatus: status not set");
        if (standing.cap != (status >= AgentStatus.Narrowed ? cap : 0)) _violate("setAgentStatus: cap not set");
        store.countRoleCall();
        _count("setAgentStatus");
    }

    /// @notice The operator returns an agent to Good. No balance, credit or stake may change.
    function recertify(uint256 agentSeed) external step {
        address agent = _agents[agentSeed % N_AGENTS];
        int256[] memory before = _books();
        _exec(operator, 0, abi.encodeCall(ISuretyOperator.recertify, (agent, keccak256("recertified"))));
        _expectUnchanged(_diff(before), "recertify changed a balance, a credit or a stake");
        store.countRoleCall();
        _count("recertify");
    }

    /// @notice The operator records a review of the agents a seed picks (in ascending order, as the contract
    /// requires), each with its own decision. Every decision other than Keep must leave the agent exactly where the
    /// matching ladder call would; a Keep must leave its standing untouched. No balance, credit or stake may change.
    function recordReviews(uint256 pickSeed, uint256 decisionSeed, uint256 cap) external step {
        address[] memory picked = _ascending(pickSeed);
        if (picked.length == 0) return;
        Review[] memory reviews = new Review[](picked.length);
        Standing[] memory prior = new Standing[](picked.length);
        for (uint256 i; i < picked.length; ++i) {
            ReviewDecision decision = ReviewDecision((decisionSeed >> (8 * i)) % 6);
            bool capped = decision >= ReviewDecision.Narrow && decision <= ReviewDecision.Pause;
            uint128 reviewCap = capped ? uint128(bound(cap >> (16 * i), 0, 2 * MAX_COLLATERAL)) : 0;
            reviews[i] = Review(picked[i], decision, reviewCap, keccak256(abi.encode("review", i)));
            prior[i] = surety.standingOf(picked[i]);
        }
        int256[] memory before = _books();
        _exec(operator, 0, abi.encodeCall(ISuretyOperator.recordReviews, (reviews)));
        _expectUnchanged(_diff(before), "recordReviews changed a balance, a credit or a stake");
        for (uint256 i; i < reviews.length; ++i) {
            Standing memory standing = surety.standingOf(reviews[i].agent);
            ReviewDecision decision = reviews[i].decision;
            if (decision == ReviewDecision.Keep) {
                if (
                    standing.status != prior[i].status ||
                    standing.cap != prior[i].cap ||
                    standing.frozenUntil != prior[i].frozenUntil
                ) _violate("recordReviews: a keep changed the standing");
            } else if (decision == ReviewDecision.Recertify) {
                if (standing.status != AgentStatus.Good || standing.cap != 0) {
                    _violate("recordReviews: a recertify did not restore good standing");
                }
            } else {
                AgentStatus status = AgentStatus(uint8(decision));
                if (standing.status != status) _violate("recordReviews: status not set");
                if (standing.cap != (status >= AgentStatus.Narrowed ? reviews[i].cap : 0)) {
                    _violate("recordReviews: cap not set");
                }
            }
        }
        store.countRoleCall();
        _count("recordReviews");
    }

    /// @notice The operator logs a note against an agent, or the buyer (or the operator) against one of the
    /// pacts, in whatever status it is. No balance, credit or stake may change; a stranger is refused.
    function logException(uint256 seed) external step {
        ExceptionKind kind = ExceptionKind(seed % 2);
        bytes32 note = keccak256(abi.encode("note", seed));
        int256[] memory before = _books();
        uint256 count = store.pactCount();
        if (count == 0 || (seed >> 8) % 3 == 0) {
            address agent = _agents[(seed >> 16) % N_AGENTS];
            _exec(operator, 0, abi.encodeCall(ISuretyOperator.logAgentException, (agent, kind, note)));
        } else {
            uint256 id = 1 + ((seed >> 16) % count);
            Terms memory t = store.terms(id);
            bytes memory call = abi.encodeCall(ISuretyOperator.logPactException, (id, t, kind, note));
            PactStatus status = store.status(id);
            bool neverAccepted =
                status == PactStatus.Open || status == PactStatus.Cancelled || status == PactStatus.Reclaimed;
            if ((seed >> 8) % 3 != 1) {
                _exec(operator, 0, call);
            } else if (neverAccepted) {
                // A buyer may not pin a note on an agent that never took the pact on.
                _expectRevert(
                    t.buyer,
                    0,
                    call,
                    abi.encodeWithSelector(ISuretyErrors.Surety_InvalidStatus.selector, id, status),
                    "buyerNoteUnaccepted"
                );
            } else {
                _exec(t.buyer, 0, call);
            }
            if (t.arbiter != t.buyer && t.arbiter != operator) {
                _expectRevert(
                    t.arbiter,
                    0,
                    abi.encodeCall(ISuretyOperator.logPactException, (id, t, kind, note)),
                    abi.encodeWithSelector(ISuretyErrors.Surety_NotBuyerOrOperator.selector, id, t.arbiter),
                    "strangerNote"
                );
            }
        }
        _expectUnchanged(_diff(before), "an exception note changed a balance, a credit or a stake");
        store.countRoleCall();
        _count("logException");
    }

    /// @dev The agents whose bit is set in `seed`, in ascending address order.
    function _ascending(uint256 seed) internal view returns (address[] memory picked) {
        address[] memory chosen = new address[](N_AGENTS);
        uint256 n;
        for (uint256 g; g < N_AGENTS; ++g) {
            if ((seed >> g) & 1 == 1) chosen[n++] = _agents[g];
        }
        for (uint256 i = 1; i < n; ++i) {
            address current = chosen[i];
            uint256 j = i;
            for (; j > 0 && chosen[j - 1] > current; --j) chosen[j] = chosen[j - 1];
            chosen[j] = current;
        }
        picked = new address[](n);
        for (uint256 i; i < n; ++i) picked[i] = chosen[i];
    }

    /// @notice The guardian pauses (one call in eight while unpaused) or unpauses (seven in eight while paused)
    /// new pacts, so that a pause lasts a few dozen steps. No balance, credit or stake may change.
    function guardianPause(uint256 seed) external step {
        bool paused = surety.paused();
        if (paused ? seed % 8 == 0 : seed % 8 != 0) return;
        int256[] memory before = _books();
        _exec(guardian, 0, paused ? abi.encodeCall(ISurety.unpause, ()) : abi.encodeCall(ISurety.pause, ()));
        _expectUnchanged(_diff(before), "pause or unpause changed a balance, a credit or a stake");
        store.countRoleCall();
        _count(paused ? bytes32("unpause") : bytes32("pause"));
    }
}
