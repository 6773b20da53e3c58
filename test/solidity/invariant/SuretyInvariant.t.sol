// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Surety} from "../../../contracts/Surety.sol";
import {ISuretyCooperative} from "../../../contracts/interfaces/ISuretyCooperative.sol";
import {MockERC20Permit} from "../../../contracts/mocks/MockERC20Permit.sol";
import {PactStatus, Proposals, StakeAccount, Terms} from "../../../contracts/types/DataTypes.sol";

import {SuretyFixture} from "../utils/SuretyFixture.sol";
import {InvariantTestBase} from "../utils/TestBase.sol";
import {SuretyHandler} from "./SuretyHandler.sol";

/// @notice Handler-based invariant tests of Surety: the runner calls random sequences of the handler's
/// actions and checks every invariant after each call. Each invariant also fails on any check the handler
/// itself made around the call. The invariants are written out in test/invariant/README.md.
contract SuretyInvariantTest is SuretyFixture, InvariantTestBase {
    Surety internal surety;
    MockERC20Permit internal usd;
    MockERC20Permit internal eur;
    SuretyHandler internal handler;
    bytes4[] internal _selectors;

    function setUp() public {
        usd = _deployToken();
        eur = new MockERC20Permit("Mock EUR", "mEUR", 18);
        vm.label(address(eur), "mEUR");
        surety = _deploySurety(address(usd));
        handler = new SuretyHandler(surety, usd, eur);
        surety.grantRole(surety.OPERATOR_ROLE(), handler.operator());
        surety.grantRole(surety.GUARDIAN_ROLE(), handler.guardian());
        vm.label(address(handler), "handler");

        // The runner picks uniformly among these entries, so an action listed n times is n times as likely.
        // The weights favour the steps that move a pact forward, so that most runs reach disputes and rulings
        // within the depth, over the early exits (cancel, reclaim) and the background actions.
        _weigh(SuretyHandler.createPact.selector, 4);
        _weigh(SuretyHandler.signOffer.selector, 2);
        _weigh(SuretyHandler.fundOffer.selector, 3);
        _weigh(SuretyHandler.revokeOffer.selector, 1);
        _weigh(SuretyHandler.acceptPact.selector, 5);
        _weigh(SuretyHandler.deliverPact.selector, 6);
        _weigh(SuretyHandler.disputePact.selector, 5);
        _weigh(SuretyHandler.submitEvidence.selector, 1);
        _weigh(SuretyHandler.resolveDispute.selector, 4);
        _weigh(SuretyHandler.abstain.selector, 2);
        _weigh(SuretyHandler.applyDefaultRuling.selector, 2);
        _weigh(SuretyHandler.releasePact.selector, 2);
        _weigh(SuretyHandler.finalizePact.selector, 2);
        _weigh(SuretyHandler.claimRefund.selector, 2);
        _weigh(SuretyHandler.cancelPact.selector, 1);
        _weigh(SuretyHandler.reclaimPact.selector, 1);
        _weigh(SuretyHandler.depositStake.selector, 1);
        _weigh(SuretyHandler.requestWithdrawal.selector, 2);
        _weigh(SuretyHandler.withdrawStake.selector, 2);
        _weigh(SuretyHandler.claimPayout.selector, 2);
        _weigh(SuretyHandler.callInWrongStatus.selector, 2);
        _weigh(SuretyHandler.updateArbiter.selector, 1);
        _weigh(SuretyHandler.setAgentStatus.selector, 2);
        _weigh(SuretyHandler.recertify.selector, 1);
        _weigh(SuretyHandler.guardianPause.selector, 3);
        _weigh(SuretyHandler.warp.selector, 2);
        _weigh(SuretyHandler.setWalletRefusesEth.selector, 1);
        _weigh(SuretyHandler.donate.selector, 1);
        _weigh(SuretyHandler.proposeSettlement.selector, 1);
        _weigh(SuretyHandler.acceptSettlement.selector, 2);
        _weigh(SuretyHandler.refundByAgent.selector, 1);
        _weigh(SuretyHandler.extendDeadline.selector, 2);
        _weigh(SuretyHandler.claimPayouts.selector, 1);
        _weigh(SuretyHandler.withdrawProposals.selector, 2);
        _weigh(SuretyHandler.holdRuling.selector, 4);
        _addTarget(address(handler), _selectors);
    }

    /// @dev Every invariant first fails on a check the handler made around a call.
    modifier handlerChecked() {
        if (handler.violations() != 0) {
            fail(string.concat("step check failed: ", handler.violation()));
        }
        _;
    }

    /// @notice Per token (mUSD, the stake token and a payment token; mEUR; ETH), the contract holds at least
    /// what it owes (live escrows, held arbiter fees, bonded and queued stake, credits), and the surplus is
    /// exactly what was donated or force-fed to it.
    function invariant_SolvencyPerToken() public view handlerChecked {
        address[] memory tokens = handler.tokens();
        string[] memory names = handler.tokenNames();
        (uint256[] memory escrow, uint256[] memory fees, uint256[] memory credits) = handler.owed();
        for (uint256 k; k < tokens.length; ++k) {
            address token = tokens[k];
            uint256 held = _balanceOf(token, address(surety));
            uint256 owed = escrow[k] + fees[k] + credits[k] + (token == address(usd) ? _stakeHeld() : 0);
            assertGe(held, owed, string.concat(names[k], ": held >= escrow + fees + stake + credits"));
            assertEq(held - owed, handler.donated(token), string.concat(names[k], ": surplus = donations"));
        }
    }

    /// @notice Per pact, from the balances and credits the handler measured: what the pact was funded with is
    /// its price; once settled, the buyer's and the agent's shares of the escrow add up to it, each as the
    /// outcome dictates; the arbiter received the fee the buyer paid if it ruled, else nothing; the slash came
    /// out of the agent's bonded stake, went to the buyer and stayed within the collateral. A live pact has
    /// paid out nothing.
    function invariant_PactPayouts() public view handlerChecked {
        uint256 count = handler.pactCount();
        for (uint256 id = 1; id <= count; ++id) _checkPayouts(id);
    }

    /// @notice Every agent's locked collateral is within its bonded stake and equals the collateral of its
    /// accepted, unsettled pacts; no acceptance took an agent at Narrowed or above beyond its cap (checked by
    /// the handler after each one); and every agent's stake is what it deposited less what it withdrew and
    /// what was slashed.
    function invariant_LockedWithinBondedAndCap() public view handlerChecked {
        address[] memory agents = handler.agents();
        uint256[] memory atRisk = handler.collateralAtRisk();
        for (uint256 i; i < agents.length; ++i) {
            address agent = agents[i];
            StakeAccount memory account = surety.stakeAccount(agent);
            assertLe(account.locked, account.bonded, "locked <= bonded");
            assertEq(account.locked, atRisk[i], "locked = collateral of live pacts");
            assertEq(
                uint256(account.bonded) + account.queued,
                handler.deposited(agent) - handler.withdrawn(agent) - handler.slashedTotal(agent),
                "stake = deposits - withdrawals - slashes"
            );
        }
    }

    /// @notice Every status change the handler observed is in the architecture's table, so terminal statuses
    /// never change; and every pact's status, time of last transition and commitment are the model's.
    function invariant_OnlyAllowedTransitions() public view handlerChecked {
        uint256 seen = handler.transitionsSeen();
        uint256 disallowed = seen & ~_allowedMask();
        if (disallowed != 0) {
            uint256 bit;
            while ((disallowed >> bit) & 1 == 0) ++bit;
            fail(string.concat("transition not allowed: ", _toString(bit / 14), " -> ", _toString(bit % 14)));
        }
        uint256 count = handler.pactCount();
        for (uint256 id = 1; id <= count; ++id) {
            (Terms memory terms, PactStatus modelled, uint40 since, ) = handler.pactModel(id);
            (PactStatus status, uint40 updatedAt, bytes26 commitment) = surety.getPact(id);
            assertEq(uint256(status), uint256(modelled), "status matches the model");
            assertEq(updatedAt, since, "updatedAt matches the model");
            assertEq(bytes32(commitment), bytes32(bytes26(keccak256(abi.encode(terms)))), "commitment of the terms");
        }
    }

    /// @notice Pact ids only grow: the next id is one past the pacts created, it never went down, and no pact
    /// exists beyond it.
    function invariant_PactIdsOnlyGrow() public view handlerChecked {
        assertEq(surety.nextPactId(), handler.pactCount() + 1, "nextPactId = pacts created + 1");
        assertFalse(handler.nextPactIdDecreased(), "nextPactId decreased");
        (PactStatus beyond, , ) = surety.getPact(handler.pactCount() + 1);
        assertEq(uint256(beyond), uint256(PactStatus.None), "no pact beyond the last id");
    }

    /// @notice The operator's and the guardian's calls never change a balance, a credit or a stake: the
    /// handler compares all of them before and after each such call. This campaign's own check is that the
    /// handler recorded no violation (the modifier).
    function invariant_RolesNeverMoveFunds() public view handlerChecked {}

    /// @notice Every agent's stake, every account's credit in every token and every offer nonce are what the
    /// handler's model predicts: only deposits, withdrawal requests, withdrawals and slashes move stake, and
    /// only ETH refused by a wallet becomes credit.
    function invariant_StakeAndCreditsMatchModel() public view handlerChecked {
        address[] memory agents = handler.agents();
        for (uint256 i; i < agents.length; ++i) {
            StakeAccount memory account = surety.stakeAccount(agents[i]);
            assertEq(account.bonded, handler.modelBonded(agents[i]), "bonded matches the model");
            assertEq(account.locked, handler.modelLocked(agents[i]), "locked matches the model");
            assertEq(account.queued, handler.modelQueued(agents[i]), "queued matches the model");
        }
        address[] memory tokens = handler.tokens();
        address[] memory accounts = handler.accounts();
        uint256[] memory credits = handler.modelCredits();
        for (uint256 k; k < tokens.length; ++k) {
            for (uint256 a; a < accounts.length; ++a) {
                uint256 credit = surety.creditOf(tokens[k], accounts[a]);
                assertEq(credit, credits[k * accounts.length + a], "credit matches the model");
            }
        }
        (address[] memory offerAgents, uint256[] memory nonces, bool[] memory used) = handler.offerNonces();
        for (uint256 i; i < nonces.length; ++i) {
            assertEq(surety.isNonceUsed(offerAgents[i], nonces[i]), used[i], "nonce use matches the model");
        }
    }

    /// @notice A lapsed proposal is never accepted. Every Settled pact was settled on a proposal made in the status
    /// the pact was in when it was accepted, and either made after that status's deadline (fresh consent) or accepted
    /// by that deadline. The handler also tries acceptances of lapsed proposals, which must revert with
    /// Surety_ProposalLapsed (the modifier reports one that did not), and checks before each acceptance that the
    /// contract's `proposalsOf` shows the proposal standing.
    function invariant_LapsedProposalsNeverAccepted() public view handlerChecked {
        uint256 count = handler.pactCount();
        for (uint256 id = 1; id <= count; ++id) {
            (, PactStatus status, uint40 settledAt, SuretyHandler.Ghost memory g) = handler.pactModel(id);
            if (status != PactStatus.Settled) continue;
            assertEq(uint256(g.proposalStatus), uint256(g.acceptedFrom), "accepted proposal made in the same status");
            assertTrue(g.proposedAt != 0, "accepted proposal exists");
            assertTrue(
                g.proposedAt > g.acceptanceDeadline || settledAt <= g.acceptanceDeadline,
                "accepted proposal made after the deadline, or accepted by it"
            );
        }
    }

    /// @notice What the contract reads as standing is what the lapse rules leave standing. For every pact, after
    /// every call, `proposalsOf` equals the handler's model: a split proposal stands only in the status it was made
    /// in, and only until that status's deadline unless it was made after it; a deadline ask only while the pact is
    /// Active and on time; nothing survives an extension, an acceptance or a withdrawal.
    function invariant_StandingProposalsMatchModel() public handlerChecked {
        vm.warp(handler.currentTime());
        uint256 count = handler.pactCount();
        for (uint256 id = 1; id <= count; ++id) {
            (Terms memory terms, , , ) = handler.pactModel(id);
            Proposals memory onChain = ISuretyCooperative(address(surety)).proposalsOf(id, terms);
            Proposals memory model = handler.standingProposals(id);
            assertEq(uint256(onChain.status), uint256(model.status), "proposals: status");
            assertEq(onChain.buyerSplitAt, model.buyerSplitAt, "proposals: buyer's split time");
            assertEq(onChain.buyerSplitBps, model.buyerSplitBps, "proposals: buyer's split");
            assertEq(onChain.agentSplitAt, model.agentSplitAt, "proposals: agent's split time");
            assertEq(onChain.agentSplitBps, model.agentSplitBps, "proposals: agent's split");
            assertEq(onChain.buyerDeliverBy, model.buyerDeliverBy, "proposals: buyer's deadline ask");
            assertEq(onChain.agentDeliverBy, model.agentDeliverBy, "proposals: agent's deadline ask");
        }
    }

    /// @notice The default ruling never comes before a hold ends, and the arbiter never rules after it. Every pact's
    /// hold is the model's (zero, or its dispute time plus the deployment's maximum). Every DefaultRuled pact was
    /// default-ruled after both its ruling period and its hold ended; every Resolved or Abstained pact was ruled by
    /// the later of the two. The handler also tries the default ruling of held pacts before the hold ends, which must
    /// revert with Surety_DeadlineNotPassed.
    function invariant_DefaultRulingNeverBeforeTheHoldEnds() public view handlerChecked {
        uint256 count = handler.pactCount();
        for (uint256 id = 1; id <= count; ++id) _checkRulingTimes(id);
    }

    /// @notice Liveness, after each run: with the guardian's pause on and no help from the operator, once every
    /// deadline has passed a stranger drives every pact to a terminal status, every agent withdraws all its
    /// stake and every account claims every credit; then the contract holds exactly the donations.
    function afterInvariant() public {
        handler.settleEverything();
        if (handler.violations() != 0) fail(string.concat("liveness: ", handler.violation()));

        uint256 count = handler.pactCount();
        for (uint256 id = 1; id <= count; ++id) {
            (PactStatus status, , ) = surety.getPact(id);
            assertTrue(uint8(status) >= uint8(PactStatus.Cancelled), "liveness: every pact is terminal");
            _checkPayouts(id);
            _checkRulingTimes(id);
        }
        address[] memory agents = handler.agents();
        for (uint256 i; i < agents.length; ++i) {
            StakeAccount memory account = surety.stakeAccount(agents[i]);
            assertEq(uint256(account.bonded) + account.locked + account.queued, 0, "liveness: all stake withdrawn");
            assertEq(
                handler.withdrawn(agents[i]),
                handler.deposited(agents[i]) - handler.slashedTotal(agents[i]),
                "liveness: each agent withdrew its deposits less its slashes"
            );
        }
        address[] memory tokens = handler.tokens();
        address[] memory accounts = handler.accounts();
        string[] memory names = handler.tokenNames();
        for (uint256 k; k < tokens.length; ++k) {
            for (uint256 a; a < accounts.length; ++a) {
                assertEq(surety.creditOf(tokens[k], accounts[a]), 0, "liveness: every credit claimed");
            }
            assertEq(
                _balanceOf(tokens[k], address(surety)),
                handler.donated(tokens[k]),
                string.concat(names[k], ": only the donations are left")
            );
        }
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev The transitions of the table in docs/ARCHITECTURE.md, creation (from None) included, as bits
    /// `from * 14 + to`. No bit leaves a terminal status.
    function _allowedMask() internal pure returns (uint256 mask) {
        PactStatus[2][18] memory table = [
            [PactStatus.None, PactStatus.Open],
            [PactStatus.None, PactStatus.Active],
            [PactStatus.Open, PactStatus.Active],
            [PactStatus.Open, PactStatus.Cancelled],
            [PactStatus.Open, PactStatus.Reclaimed],
            [PactStatus.Active, PactStatus.Delivered],
            [PactStatus.Active, PactStatus.Released],
            [PactStatus.Active, PactStatus.Refunded],
            [PactStatus.Delivered, PactStatus.Disputed],
            [PactStatus.Delivered, PactStatus.Released],
            [PactStatus.Delivered, PactStatus.Finalized],
            [PactStatus.Disputed, PactStatus.Released],
            [PactStatus.Disputed, PactStatus.Resolved],
            [PactStatus.Disputed, PactStatus.Abstained],
            [PactStatus.Disputed, PactStatus.DefaultRuled],
            [PactStatus.Active, PactStatus.Settled],
            [PactStatus.Delivered, PactStatus.Settled],
            [PactStatus.Disputed, PactStatus.Settled]
        ];
        for (uint256 i; i < table.length; ++i) mask |= 1 << (uint256(table[i][0]) * 14 + uint256(table[i][1]));
    }

    /// @dev Pact `id`'s hold is the model's, the default ruling came after the ruling period and the hold, and the
    /// arbiter's ruling by the later of their ends.
    function _checkRulingTimes(uint256 id) internal view {
        (Terms memory terms, , , SuretyHandler.Ghost memory g) = handler.pactModel(id);
        uint256 held = ISuretyCooperative(address(surety)).rulingHeldUntil(id);
        assertEq(held, handler.heldUntil(id), "hold matches the model");
        if (held != 0) {
            assertEq(held, uint256(g.disputedAt) + surety.config().maxRulingHold, "a hold lasts the maximum");
        }
        (PactStatus status, uint40 updatedAt, ) = surety.getPact(id);
        uint256 rulingEnd = uint256(g.disputedAt) + terms.rulingPeriod;
        if (held > rulingEnd) rulingEnd = held;
        if (status == PactStatus.DefaultRuled) {
            assertGe(updatedAt, rulingEnd + 1, "default ruling after the ruling period and the hold");
        } else if (status == PactStatus.Resolved || status == PactStatus.Abstained) {
            assertLe(updatedAt, rulingEnd, "the arbiter ruled by the end of the ruling period or the hold");
        }
    }

    function _checkPayouts(uint256 id) internal view {
        (Terms memory t, , , SuretyHandler.Ghost memory g) = handler.pactModel(id);
        (PactStatus status, , ) = surety.getPact(id);
        assertEq(g.priceFunded, t.price, "the pact was funded with its price");
        assertEq(g.feeFunded, g.disputed ? t.arbiterFee : 0, "a dispute was funded with the fee");
        if (uint8(status) < uint8(PactStatus.Cancelled)) {
            assertFalse(g.settled, "a live pact has not settled");
            assertEq(g.buyerReceived + g.agentReceived + g.arbiterReceived + g.slashed, 0, "a live pact paid out");
            return;
        }
        assertTrue(g.settled, "a terminal pact settled through the handler");

        // The arbiter: the fee the buyer paid if it ruled, else nothing; the rest of the fee goes back.
        assertLe(g.arbiterReceived, g.feeFunded, "the arbiter receives at most the fee paid");
        assertEq(g.arbiterReceived, status == PactStatus.Resolved ? g.feeFunded : 0, "arbiter paid iff it ruled");
        uint256 feeBack = g.feeFunded - g.arbiterReceived;

        // The slash: out of bonded stake, to the buyer, within the collateral.
        assertLe(g.slashed, t.collateral, "the slash is within the collateral");
        uint256 slashInPactToken;
        if (t.token == address(usd)) {
            slashInPactToken = g.slashed;
        } else {
            assertEq(g.buyerStakeReceived, g.slashed, "the buyer receives exactly the slash");
            assertEq(g.otherStakeReceived, 0, "no one else receives stake");
        }

        // The escrow: the buyer's and the agent's shares add up to the price funded.
        assertGe(g.buyerReceived, feeBack + slashInPactToken, "the buyer receives its fee back and the slash");
        uint256 buyerShare = g.buyerReceived - feeBack - slashInPactToken;
        assertEq(buyerShare + g.agentReceived, g.priceFunded, "escrow payouts = price funded");

        (uint256 expectedShare, uint256 expectedSlash) = _outcome(status, t, g);
        assertEq(buyerShare, expectedShare, "the buyer's share of the price");
        assertEq(g.slashed, expectedSlash, "the slash");
    }

    /// @dev The buyer's share of the price and the slash each terminal status dictates.
    function _outcome(
        PactStatus status,
        Terms memory t,
        SuretyHandler.Ghost memory g
    ) internal pure returns (uint256 buyerShare, uint256 slash) {
        if (status == PactStatus.Cancelled || status == PactStatus.Reclaimed) return (t.price, 0);
        if (status == PactStatus.Refunded) return (t.price, t.penalty);
        if (status == PactStatus.Released || status == PactStatus.Finalized) return (0, 0);
        if (status == PactStatus.Resolved) return ((t.price * g.ruledBps) / BPS, g.ruledSlash);
        if (status == PactStatus.Settled) return ((t.price * g.ruledBps) / BPS, 0);
        return ((t.price * t.defaultBuyerBps) / BPS, 0); // Abstained, DefaultRuled
    }

    /// @dev The agents' bonded and queued stake, all held in the stake token.
    function _stakeHeld() internal view returns (uint256 total) {
        address[] memory agents = handler.agents();
        for (uint256 i; i < agents.length; ++i) {
            StakeAccount memory account = surety.stakeAccount(agents[i]);
            total += uint256(account.bonded) + account.queued;
        }
    }

    function _weigh(bytes4 selector, uint256 weight) internal {
        for (uint256 i; i < weight; ++i) _selectors.push(selector);
    }
}
