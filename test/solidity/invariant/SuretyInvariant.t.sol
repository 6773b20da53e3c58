// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Surety} from "../../../contracts/Surety.sol";
import {ISuretyCooperative} from "../../../contracts/interfaces/ISuretyCooperative.sol";
import {MockERC20Permit} from "../../../contracts/mocks/MockERC20Permit.sol";
import {PactStatus, Proposals, StakeAccount, Terms} from "../../../contracts/types/DataTypes.sol";

import {SuretyFixture} from "../utils/SuretyFixture.sol";
import {InvariantTestBase} from "../utils/TestBase.sol";
import {AgentHandler} from "./handlers/AgentHandler.sol";
import {AnyoneHandler} from "./handlers/AnyoneHandler.sol";
import {ArbiterHandler} from "./handlers/ArbiterHandler.sol";
import {BuyerHandler} from "./handlers/BuyerHandler.sol";
import {CooperativeHandler} from "./handlers/CooperativeHandler.sol";
import {OperatorHandler} from "./handlers/OperatorHandler.sol";
import {SuretyStore} from "./stores/SuretyStore.sol";

/// @notice Handler-based invariant tests of Surety: the runner calls random sequences of the handlers' actions (one
/// handler per role, all sharing one store) and checks every invariant after each call. Each invariant also fails on
/// any check a handler itself made around the call. The invariants are written out in test/invariant/README.md.
contract SuretyInvariantTest is SuretyFixture, InvariantTestBase {
    Surety internal surety;
    MockERC20Permit internal usd;
    MockERC20Permit internal eur;
    SuretyStore internal store;
    BuyerHandler internal buyerHandler;
    AgentHandler internal agentHandler;
    ArbiterHandler internal arbiterHandler;
    CooperativeHandler internal cooperativeHandler;
    OperatorHandler internal operatorHandler;
    AnyoneHandler internal anyoneHandler;
    bytes4[] internal _selectors;

    function setUp() public {
        usd = _deployToken();
        eur = new MockERC20Permit("Mock EUR", "mEUR", 18);
        vm.label(address(eur), "mEUR");
        surety = _deploySurety(address(usd));
        store = new SuretyStore(surety, usd, eur);
        surety.grantRole(surety.OPERATOR_ROLE(), store.operator());
        surety.grantRole(surety.GUARDIAN_ROLE(), store.guardian());
        vm.label(address(store), "store");
        buyerHandler = new BuyerHandler(store);
        agentHandler = new AgentHandler(store);
        arbiterHandler = new ArbiterHandler(store);
        cooperativeHandler = new CooperativeHandler(store);
        operatorHandler = new OperatorHandler(store);
        anyoneHandler = new AnyoneHandler(store);
        vm.label(address(buyerHandler), "buyerHandler");
        vm.label(address(agentHandler), "agentHandler");
        vm.label(address(arbiterHandler), "arbiterHandler");
        vm.label(address(cooperativeHandler), "cooperativeHandler");
        vm.label(address(operatorHandler), "operatorHandler");
        vm.label(address(anyoneHandler), "anyoneHandler");

        // Each handler is a target with its own selectors. Within a target's list an action listed n times is n
        // times as likely. The weights favour the steps that move a pact forward, so that most runs reach disputes
        // and rulings within the depth, over the early exits (cancel, reclaim) and the background actions.
        _weigh(BuyerHandler.createPact.selector, 4);
        _weigh(BuyerHandler.fundOffer.selector, 3);
        _weigh(BuyerHandler.disputePact.selector, 5);
        _weigh(BuyerHandler.submitEvidence.selector, 1);
        _weigh(BuyerHandler.releasePact.selector, 2);
        _weigh(BuyerHandler.cancelPact.selector, 1);
        _target(address(buyerHandler));

        _weigh(AgentHandler.signOffer.selector, 2);
        _weigh(AgentHandler.revokeOffer.selector, 1);
        _weigh(AgentHandler.acceptPact.selector, 5);
        _weigh(AgentHandler.deliverPact.selector, 6);
        _weigh(AgentHandler.depositStake.selector, 1);
        _weigh(AgentHandler.requestWithdrawal.selector, 2);
        _weigh(AgentHandler.withdrawStake.selector, 2);
        _target(address(agentHandler));

        _weigh(ArbiterHandler.resolveDispute.selector, 4);
        _weigh(ArbiterHandler.abstain.selector, 2);
        _weigh(ArbiterHandler.updateArbiter.selector, 1);
        _weigh(ArbiterHandler.holdRuling.selector, 4);
        _target(address(arbiterHandler));

        _weigh(CooperativeHandler.proposeSettlement.selector, 1);
        _weigh(CooperativeHandler.acceptSettlement.selector, 2);
        _weigh(CooperativeHandler.refundByAgent.selector, 1);
        _weigh(CooperativeHandler.extendDeadline.selector, 2);
        _weigh(CooperativeHandler.withdrawProposals.selector, 2);
        _target(address(cooperativeHandler));

        _weigh(OperatorHandler.setAgentStatus.selector, 2);
        _weigh(OperatorHandler.recertify.selector, 1);
        _weigh(OperatorHandler.recordReviews.selector, 2);
        _weigh(OperatorHandler.logException.selector, 1);
        _weigh(OperatorHandler.guardianPause.selector, 3);
        _target(address(operatorHandler));

        _weigh(AnyoneHandler.applyDefaultRuling.selector, 2);
        _weigh(AnyoneHandler.finalizePact.selector, 2);
        _weigh(AnyoneHandler.claimRefund.selector, 2);
        _weigh(AnyoneHandler.reclaimPact.selector, 1);
        _weigh(AnyoneHandler.claimPayout.selector, 2);
        _weigh(AnyoneHandler.claimPayouts.selector, 1);
        _weigh(AnyoneHandler.callInWrongStatus.selector, 2);
        _weigh(AnyoneHandler.warp.selector, 2);
        _weigh(AnyoneHandler.setWalletRefusesEth.selector, 1);
        _weigh(AnyoneHandler.donate.selector, 1);
        _target(address(anyoneHandler));
    }

    /// @dev Every invariant first fails on a check the handler made around a call.
    modifier handlerChecked() {
        if (store.violations() != 0) {
            fail(string.concat("step check failed: ", store.violation()));
        }
        _;
    }

    /// @notice Per token (mUSD, the stake token and a payment token; mEUR; ETH), the contract holds at least
    /// what it owes (live escrows, held arbiter fees, bonded and queued stake, credits), and the surplus is
    /// exactly what was donated or force-fed to it.
    function invariant_SolvencyPerToken() public view handlerChecked {
        address[] memory tokens = store.tokens();
        string[] memory names = store.tokenNames();
        (uint256[] memory escrow, uint256[] memory fees, uint256[] memory credits) = store.owed();
        for (uint256 k; k < tokens.length; ++k) {
            address token = tokens[k];
            uint256 held = _balanceOf(token, address(surety));
            uint256 owed = escrow[k] + fees[k] + credits[k] + (token == address(usd) ? _stakeHeld() : 0);
            assertGe(held, owed, string.concat(names[k], ": held >= escrow + fees + stake + credits"));
            assertEq(held - owed, store.donated(token), string.concat(names[k], ": surplus = donations"));
        }
    }

    /// @notice Per pact, from the balances and credits the handler measured: what the pact was funded with is
    /// its price; once settled, the buyer's and the agent's shares of the escrow add up to it, each as the
    /// outcome dictates; the arbiter received the fee the buyer paid if it ruled, else nothing; the slash came
    /// out of the agent's bonded stake, went to the buyer and stayed within the collateral. A live pact has
    /// paid out nothing.
    function invariant_PactPayouts() public view handlerChecked {
        uint256 count = store.pactCount();
        for (uint256 id = 1; id <= count; ++id) _checkPayouts(id);
    }

    /// @notice Every agent's locked collateral is within its bonded stake and equals the collateral of its
    /// accepted, unsettled pacts; no acceptance took an agent at Narrowed or above beyond its cap (checked by
    /// the handler after each one); and every agent's stake is what it deposited less what it withdrew and
    /// what was slashed.
    function invariant_LockedWithinBondedAndCap() public view handlerChecked {
        address[] memory agents = store.agents();
        uint256[] memory atRisk = store.collateralAtRisk();
        for (uint256 i; i < agents.length; ++i) {
            address agent = agents[i];
            StakeAccount memory account = surety.stakeAccount(agent);
            assertLe(account.locked, account.bonded, "locked <= bonded");
            assertEq(account.locked, atRisk[i], "locked = collateral of underway pacts");
            assertEq(
                uint256(account.bonded) + account.queued,
                store.deposited(agent) - store.withdrawn(agent) - store.slashedTotal(agent),
                "stake = deposits - withdrawals - slashes"
            );
        }
    }

    /// @notice Every status change the handler observed is in the architecture's table, so terminal statuses
    /// never change; and every pact's status, time of last transition and commitment are the model's.
    function invariant_OnlyAllowedTransitions() public view handlerChecked {
        uint256 seen = store.transitionsSeen();
        uint256 disallowed = seen & ~_allowedMask();
        if (disallowed != 0) {
            uint256 bit;
            while ((disallowed >> bit) & 1 == 0) ++bit;
            fail(string.concat("transition not allowed: ", _toString(bit / 14), " -> ", _toString(bit % 14)));
        }
        uint256 count = store.pactCount();
        for (uint256 id = 1; id <= count; ++id) {
            (Terms memory terms, PactStatus modelled, uint40 since, ) = store.pactModel(id);
            (PactStatus status, uint40 updatedAt, bytes26 commitment) = surety.getPact(id);
            assertEq(uint256(status), uint256(modelled), "status matches the model");
            assertEq(updatedAt, since, "updatedAt matches the model");
            assertEq(bytes32(commitment), bytes32(bytes26(keccak256(abi.encode(terms)))), "commitment of the terms");
        }
    }

    /// @notice Pact ids only grow: the next id is one past the pacts created, it never went down, and no pact
    /// exists beyond it.
    function invariant_PactIdsOnlyGrow() public view handlerChecked {
        assertEq(surety.nextPactId(), store.pactCount() + 1, "nextPactId = pacts created + 1");
        assertFalse(store.nextPactIdDecreased(), "nextPactId decreased");
        (PactStatus beyond, , ) = surety.getPact(store.pactCount() + 1);
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
        address[] memory agents = store.agents();
        for (uint256 i; i < agents.length; ++i) {
            StakeAccount memory account = surety.stakeAccount(agents[i]);
            assertEq(account.bonded, store.modelBonded(agents[i]), "bonded matches the model");
            assertEq(account.locked, store.modelLocked(agents[i]), "locked matches the model");
            assertEq(account.queued, store.modelQueued(agents[i]), "queued matches the model");
        }
        address[] memory tokens = store.tokens();
        address[] memory accounts = store.accounts();
        uint256[] memory credits = store.modelCredits();
        for (uint256 k; k < tokens.length; ++k) {
            for (uint256 a; a < accounts.length; ++a) {
                uint256 credit = surety.creditOf(tokens[k], accounts[a]);
                assertEq(credit, credits[k * accounts.length + a], "credit matches the model");
            }
        }
        (address[] memory offerAgents, uint256[] memory nonces, bool[] memory used) = store.offerNonces();
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
        uint256 count = store.pactCount();
        for (uint256 id = 1; id <= count; ++id) {
            (, PactStatus status, uint40 settledAt, SuretyStore.Ghost memory g) = store.pactModel(id);
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
        vm.warp(store.currentTime());
        uint256 count = store.pactCount();
        for (uint256 id = 1; id <= count; ++id) {
            (Terms memory terms, , , ) = store.pactModel(id);
            Proposals memory onChain = ISuretyCooperative(address(surety)).proposalsOf(id, terms);
            Proposals memory model = store.standingProposals(id);
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
        uint256 count = store.pactCount();
        for (uint256 id = 1; id <= count; ++id) _checkRulingTimes(id);
    }

    /// @notice Liveness, after each run: with the guardian's pause on and no help from the operator, once every
    /// deadline has passed a stranger drives every pact to a terminal status, every agent withdraws all its
    /// stake and every account claims every credit; then the contract holds exactly the donations.
    function afterInvariant() public {
        anyoneHandler.settleEverything();
        if (store.violations() != 0) fail(string.concat("liveness: ", store.violation()));

        uint256 count = store.pactCount();
        for (uint256 id = 1; id <= count; ++id) {
            (PactStatus status, , ) = surety.getPact(id);
            assertTrue(uint8(status) >= uint8(PactStatus.Cancelled), "liveness: every pact is terminal");
            _checkPayouts(id);
            _checkRulingTimes(id);
        }
        address[] memory agents = store.agents();
        for (uint256 i; i < agents.length; ++i) {
            StakeAccount memory account = surety.stakeAccount(agents[i]);
            assertEq(uint256(account.bonded) + account.locked + account.queued, 0, "liveness: all stake withdrawn");
            assertEq(
                store.withdrawn(agents[i]),
                store.deposited(agents[i]) - store.slashedTotal(agents[i]),
                "liveness: each agent withdrew its deposits less its slashes"
            );
        }
        address[] memory tokens = store.tokens();
        address[] memory accounts = store.accounts();
        string[] memory names = store.tokenNames();
        for (uint256 k; k < tokens.length; ++k) {
            for (uint256 a; a < accounts.length; ++a) {
                assertEq(surety.creditOf(tokens[k], accounts[a]), 0, "liveness: every credit claimed");
            }
            assertEq(
                _balanceOf(tokens[k], address(surety)),
                store.donated(tokens[k]),
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
        (Terms memory terms, , , SuretyStore.Ghost memory g) = store.pactModel(id);
        uint256 held = ISuretyCooperative(address(surety)).rulingHeldUntil(id);
        assertEq(held, store.heldUntil(id), "hold matches the model");
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
        (Terms memory t, , , SuretyStore.Ghost memory g) = store.pactModel(id);
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
        SuretyStore.Ghost memory g
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
        address[] memory agents = store.agents();
        for (uint256 i; i < agents.length; ++i) {
            StakeAccount memory account = surety.stakeAccount(agents[i]);
            total += uint256(account.bonded) + account.queued;
        }
    }

    function _weigh(bytes4 selector, uint256 weight) internal {
        for (uint256 i; i < weight; ++i) _selectors.push(selector);
    }

    /// @dev Targets `handler` with the selectors weighed since the last target.
    function _target(address handler) internal {
        _addTarget(handler, _selectors);
        delete _selectors;
    }
}
