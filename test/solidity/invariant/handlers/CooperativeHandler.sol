// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ISuretyCooperative} from "../../../../contracts/interfaces/ISuretyCooperative.sol";
import {ISuretyErrors} from "../../../../contracts/interfaces/ISuretyErrors.sol";
import {PactStatus, Proposals, Terms} from "../../../../contracts/types/DataTypes.sol";

import {BPS, SuretyStore, Want} from "../stores/SuretyStore.sol";
import {BaseHandler} from "./BaseHandler.sol";

/// @notice The parties' cooperative paths, called at Surety's address and run by its module: proposing, accepting
/// and withdrawing a settlement, the agent's refund before the deadline, and extending the delivery deadline.
contract CooperativeHandler is BaseHandler {
    constructor(SuretyStore store_) BaseHandler(store_) {}

    /// @notice The buyer or the agent proposes a settlement of an underway pact, replacing its own earlier
    /// proposal: nothing moves, no status changes. One time in four it first lets the deadline of the pact's status
    /// pass, so that the proposal is fresh consent that stands until the status changes.
    function proposeSettlement(uint256 seed, uint256 buyerBps, bool byAgent) external step {
        (bool found, uint256 id) = _find(seed, Want.Releasable);
        if (!found) return;
        bool fresh = (seed >> 128) % 4 == 0;
        if (fresh) _warpTo(store.statusDeadline(id) + 1);
        _propose(id, uint16(bound(buyerBps, 0, BPS)), byAgent);
        _count(fresh ? bytes32("proposeSettlement (fresh)") : bytes32("proposeSettlement"));
    }

    /// @notice One party accepts the other's proposal. One time in four it first lets the deadline of the pact's
    /// status pass. A standing proposal is accepted: the price splits as a ruling would, the collateral unlocks with
    /// no slash and a held fee goes back to the buyer. A lapsed one (made in an earlier status, or before a deadline
    /// now past) must be refused with Surety_ProposalLapsed, and a missing one with Surety_NoSettlementProposal;
    /// otherwise (`mode` bit 3) the other party proposes afresh in this step and the acceptance follows.
    function acceptSettlement(uint256 seed, uint256 buyerBps, uint256 mode) external step {
        (bool found, uint256 id) = _find(seed, Want.Releasable);
        if (!found) return;
        bool byAgent = mode & 1 == 1;
        if ((mode >> 1) % 4 == 0) _warpTo(store.statusDeadline(id) + 1);
        Terms memory t = store.terms(id);
        Proposals memory p = store.proposals(id);
        (address proposer, uint40 madeAt, uint16 bps) = byAgent
            ? (t.buyer, p.buyerSplitAt, p.buyerSplitBps)
            : (t.agent, p.agentSplitAt, p.agentSplitBps);
        if (!store.standing(id, madeAt)) {
            if ((mode >> 3) & 1 == 0) {
                bytes memory expected =
                    madeAt == 0
                        ? abi.encodeWithSelector(ISuretyErrors.Surety_NoSettlementProposal.selector, id, proposer)
                        : abi.encodeWithSelector(ISuretyErrors.Surety_ProposalLapsed.selector, id, proposer);
                bytes memory attempt = abi.encodeCall(ISuretyCooperative.acceptSettlement, (id, t, bps));
                _expectRevert(byAgent ? t.agent : t.buyer, 0, attempt, expected, "acceptSettlement refused");
                return;
            }
            bps = uint16(bound(buyerBps, 0, BPS));
            _propose(id, bps, !byAgent);
            madeAt = uint40(_now());
        }
        _checkStandingOnChain(id, t, !byAgent, madeAt, bps);
        bool disputed = store.status(id) == PactStatus.Disputed;
        SuretyStore.Ghost memory g = _acceptance(id, madeAt);
        g.ruledBps = bps;
        store.setGhost(id, g);
        bytes memory data = abi.encodeCall(ISuretyCooperative.acceptSettlement, (id, t, bps));
        _settle(id, byAgent ? t.agent : t.buyer, data, PactStatus.Settled);
        _unlock(t.agent, t.collateral, 0);
        uint256 toBuyer = (t.price * bps) / BPS;
        _pay(t.token, t.buyer, toBuyer + (disputed ? t.arbiterFee : 0));
        _pay(t.token, t.agent, t.price - toBuyer);
        store.deleteProposals(id);
        _count(disputed ? bytes32("acceptSettlement (Disputed)") : bytes32("acceptSettlement"));
    }

    /// @notice The buyer or the agent withdraws its own proposals: its split and its deadline ask, if either stands.
    /// Nothing moves, no status changes, the other party's proposals stay. With nothing of its own standing (none,
    /// made in an earlier status, or lapsed with the status's deadline), the call must revert with
    /// Surety_NothingToWithdraw.
    function withdrawProposals(uint256 seed, bool byAgent) external step {
        (bool found, uint256 id) = _find(seed, Want.Releasable);
        if (!found) return;
        Terms memory t = store.terms(id);
        address party = byAgent ? t.agent : t.buyer;
        Proposals memory p = store.proposals(id);
        (uint40 splitAt, uint40 ask) = byAgent
            ? (p.agentSplitAt, p.agentDeliverBy)
            : (p.buyerSplitAt, p.buyerDeliverBy);
        bytes memory data = abi.encodeCall(ISuretyCooperative.withdrawProposals, (id, t));
        if (!store.standing(id, splitAt) && !store.askStanding(id, ask)) {
            bytes memory expected = abi.encodeWithSelector(ISuretyErrors.Surety_NothingToWithdraw.selector, id, party);
            _expectRevert(
                party,
                0,
                data,
                expected,
                splitAt == 0 && ask == 0 ? bytes32("withdraw: none") : bytes32("withdraw: lapsed")
            );
            return;
        }
        int256[] memory before = _books();
        _exec(party, 0, data);
        _expectUnchanged(_diff(before), "withdrawProposals");
        if (byAgent) (p.agentSplitAt, p.agentSplitBps, p.agentDeliverBy) = (0, 0, 0);
        else (p.buyerSplitAt, p.buyerSplitBps, p.buyerDeliverBy) = (0, 0, 0);
        store.setProposals(id, p);
        _count("withdrawProposals");
    }

    /// @notice The agent refunds an Active pact before its deadline: exactly what a missed deadline costs.
    function refundByAgent(uint256 seed) external step {
        (bool found, uint256 id) = _find(seed, Want.Deliverable);
        if (!found) return;
        Terms memory t = store.terms(id);
        _settle(id, t.agent, abi.encodeCall(ISuretyCooperative.refundByAgent, (id, t)), PactStatus.Refunded);
        _unlock(t.agent, t.collateral, t.penalty);
        _pay(t.token, t.buyer, t.price);
        _pay(address(usd), t.buyer, t.penalty);
        _count("refundByAgent");
    }

    /// @notice A party asks for a later delivery deadline of an Active pact before it passes, and usually the
    /// other asks for the same: nothing moves; once both asks match, the pact's terms carry the new deadline.
    function extendDeadline(uint256 seed, uint256 extra, bool agentFirst, bool alone) external step {
        (bool found, uint256 id) = _find(seed, Want.Deliverable);
        if (!found) return;
        uint40 deliverBy = uint40(store.terms(id).deliverBy + bound(extra, 1, 30 days));
        bool extended = _ask(id, deliverBy, agentFirst);
        if (!extended && !alone) extended = _ask(id, deliverBy, !agentFirst);
        _count(extended ? bytes32("extendDeadline (extended)") : bytes32("extendDeadline (asked)"));
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _propose(uint256 id, uint16 buyerBps, bool byAgent) private {
        Terms memory t = store.terms(id);
        int256[] memory before = _books();
        _exec(byAgent ? t.agent : t.buyer, 0, abi.encodeCall(ISuretyCooperative.proposeSettlement, (id, t, buyerBps)));
        _expectUnchanged(_diff(before), "proposeSettlement");
        Proposals memory p = _currentProposals(id);
        if (byAgent) (p.agentSplitAt, p.agentSplitBps) = (uint40(_now()), buyerBps);
        else (p.buyerSplitAt, p.buyerSplitBps) = (uint40(_now()), buyerBps);
        store.setProposals(id, p);
    }

    /// @dev One party's ask for `deliverBy`; returns whether it matched the other's, so the deadline moved.
    function _ask(uint256 id, uint40 deliverBy, bool byAgent) private returns (bool extended) {
        Terms memory t = store.terms(id);
        int256[] memory before = _books();
        _exec(byAgent ? t.agent : t.buyer, 0, abi.encodeCall(ISuretyCooperative.extendDeadline, (id, t, deliverBy)));
        _expectUnchanged(_diff(before), "extendDeadline");
        Proposals memory p = _currentProposals(id);
        uint40 other;
        if (byAgent) (p.agentDeliverBy, other) = (deliverBy, p.buyerDeliverBy);
        else (p.buyerDeliverBy, other) = (deliverBy, p.agentDeliverBy);
        store.setProposals(id, p);
        if (other != deliverBy) return false;
        // The extension takes effect and ends every proposal, made against the old deadline.
        store.extendDeliverBy(id, deliverBy);
        return true;
    }

    /// @dev The model's proposals of pact `id`, first cleared if they were made in an earlier status, as the
    /// contract clears its own on a new proposal or ask. The caller writes them back.
    function _currentProposals(uint256 id) private view returns (Proposals memory p) {
        p = store.proposals(id);
        PactStatus status = store.status(id);
        if (p.status != status) {
            delete p;
            p.status = status;
        }
    }

    /// @dev Before an acceptance the model holds standing: the contract's `proposalsOf` must show the same proposal.
    function _checkStandingOnChain(uint256 id, Terms memory t, bool byAgent, uint40 madeAt, uint16 bps) private {
        Proposals memory onChain = ISuretyCooperative(address(surety)).proposalsOf(id, t);
        (uint40 onChainAt, uint16 share) = byAgent
            ? (onChain.agentSplitAt, onChain.agentSplitBps)
            : (onChain.buyerSplitAt, onChain.buyerSplitBps);
        if (onChainAt != madeAt || share != bps)
            _violate("acceptSettlement: the accepted proposal does not stand on-chain");
    }

    /// @dev The pact's ghost with, for the invariants, the proposal about to be accepted and the deadline it is
    /// accepted against.
    function _acceptance(uint256 id, uint40 madeAt) private view returns (SuretyStore.Ghost memory g) {
        g = store.ghost(id);
        g.acceptedFrom = store.status(id);
        g.proposalStatus = store.proposals(id).status;
        g.proposedAt = madeAt;
        g.acceptanceDeadline = uint40(store.statusDeadline(id));
    }
}
