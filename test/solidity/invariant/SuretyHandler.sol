// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Surety} from "../../../contracts/Surety.sol";
import {MockERC20Permit} from "../../../contracts/mocks/MockERC20Permit.sol";
import {MockWallet} from "../../../contracts/mocks/MockWallet.sol";
import {AgentStatus, PactStatus, StakeAccount, Standing, Terms} from "../../../contracts/types/DataTypes.sol";

import {TestBase} from "../utils/TestBase.sol";

/// @notice Drives Surety through random but always-valid sequences for the invariant runner. Every action
/// picks a pact (or an agent, or an account) for which the call is valid now, warping time forward when the
/// call needs a deadline to have passed, and does nothing when there is no such candidate; so any revert is
/// unexpected and fails the run (failOnRevert).
///
/// The contract stores only a commitment to each pact's terms, so the handler keeps the terms, and beside them
/// a model of what the contract should hold: each pact's status and time of last transition, each agent's
/// bonded, locked and queued stake, each account's credits and the donations made outside the contract's API.
contract SuretyHandler is TestBase {
    /*//////////////////////////////////////////////////////////////
                                SETTINGS
    //////////////////////////////////////////////////////////////*/

    address internal constant ETH = address(0);
    uint16 internal constant BPS = 10_000;

    uint256 internal constant MAX_PRICE = 1e13;
    uint256 internal constant MAX_FEE = 1e11;
    uint256 internal constant MAX_COLLATERAL = 1e12;
    uint256 internal constant MAX_DEPOSIT = 1e12;
    uint256 internal constant MAX_DONATION = 1e9;
    uint256 internal constant MAX_PACTS = 250;

    /*//////////////////////////////////////////////////////////////
                                 ACTORS
    //////////////////////////////////////////////////////////////*/

    Surety public immutable surety;
    MockERC20Permit public immutable usd;
    MockWallet public immutable wallet;
    address public immutable walletOwner;
    address public immutable operator;
    address public immutable sink;
    address public immutable stranger;
    uint256 public immutable minReview;
    uint256 public immutable minRuling;

    address[] internal _buyers;
    address[] internal _agents;
    address[] internal _arbiters;
    /// @dev Everyone a payout can go to: buyers, agents, arbiters.
    address[] internal _payees;

    /*//////////////////////////////////////////////////////////////
                                 MODEL
    //////////////////////////////////////////////////////////////*/

    /// @dev Indexed by pact id - 1.
    Terms[] internal _terms;
    PactStatus[] internal _status;
    uint40[] internal _since;
    /// @dev The contract's status of each pact after the previous action.
    PactStatus[] internal _lastSeen;

    mapping(address agent => uint256) public modelBonded;
    mapping(address agent => uint256) public modelLocked;
    mapping(address agent => uint256) public modelQueued;
    mapping(address token => mapping(address account => uint256)) public modelCredit;
    mapping(address token => uint256) public donated;

    uint256 public currentTime;
    uint256 public lastNextPactId;

    /*//////////////////////////////////////////////////////////////
                           OBSERVED VIOLATIONS
    //////////////////////////////////////////////////////////////*/

    bool public nextPactIdDecreased;
    bool public terminalStatusChanged;
    uint256 public changedPactId;
    PactStatus public changedFrom;
    PactStatus public changedTo;

    /// @dev How often each action made its call (rather than skipping), for the run's statistics.
    mapping(bytes4 selector => uint256) public calls;

    modifier step() {
        vm.warp(currentTime);
        _;
        _observe();
    }

    constructor(Surety surety_, MockERC20Permit usd_) {
        surety = surety_;
        usd = usd_;
        currentTime = block.timestamp;
        lastNextPactId = surety_.nextPactId();
        minReview = surety_.config().minReviewPeriod;
        minRuling = surety_.config().minRulingPeriod;

        operator = makeActor("operator");
        sink = makeActor("sink");
        stranger = makeActor("stranger");
        walletOwner = makeActor("walletOwner");
        wallet = new MockWallet(walletOwner);
        vm.label(address(wallet), "walletBuyer");
        vm.prank(walletOwner);
        wallet.setRefuseEth(true);

        _buyers.push(makeActor("buyer0"));
        _buyers.push(makeActor("buyer1"));
        _buyers.push(makeActor("buyer2"));
        _buyers.push(address(wallet));
        _agents.push(makeActor("agent0"));
        _agents.push(makeActor("agent1"));
        _agents.push(makeActor("agent2"));
        _arbiters.push(makeActor("arbiter0"));
        _arbiters.push(makeActor("arbiter1"));

        for (uint256 i; i < _buyers.length; ++i) _approve(_buyers[i]);
        for (uint256 i; i < _agents.length; ++i) _approve(_agents[i]);
        uint32 maxRuling = surety_.config().maxRulingPeriod;
        for (uint256 i; i < _arbiters.length; ++i) {
            vm.prank(_arbiters[i]);
            surety_.registerArbiter(address(usd_), 0, maxRuling);
            vm.prank(_arbiters[i]);
            surety_.registerArbiter(ETH, 0, maxRuling);
        }

        for (uint256 i; i < _buyers.length; ++i) _payees.push(_buyers[i]);
        for (uint256 i; i < _agents.length; ++i) _payees.push(_agents[i]);
        for (uint256 i; i < _arbiters.length; ++i) _payees.push(_arbiters[i]);
    }

    /*//////////////////////////////////////////////////////////////
                              BUYER ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice A buyer creates an Open pact paid in the ERC-20.
    function createPactToken(uint256 partySeed, uint256 price, uint256 amountsSeed, uint256 timingSeed) external step {
        _createPact(partySeed, address(usd), price, amountsSeed, timingSeed);
    }

    /// @notice A buyer creates an Open pact paid in native ETH.
    function createPactNative(uint256 partySeed, uint256 price, uint256 amountsSeed, uint256 timingSeed) external step {
        _createPact(partySeed, ETH, price, amountsSeed, timingSeed);
    }

    /// @notice The buyer cancels an Open pact (allowed at any time, even past the acceptance deadline).
    function cancelPact(uint256 seed) external step {
        (bool found, uint256 id) = _find(seed, Want.Open);
        if (!found) return;
        Terms memory t = _terms[id - 1];
        vm.prank(t.buyer);
        surety.cancelPact(id, t);
        _transition(id, PactStatus.Cancelled);
        _pay(t.token, t.buyer, t.price);
        calls[msg.sig]++;
    }

    /// @notice The buyer releases the price to the agent from Active, Delivered or Disputed.
    function releasePact(uint256 seed) external step {
        (bool found, uint256 id) = _find(seed, Want.Releasable);
        if (!found) return;
        Terms memory t = _terms[id - 1];
        bool disputed = _status[id - 1] == PactStatus.Disputed;
        vm.prank(t.buyer);
        surety.releasePact(id, t);
        _transition(id, PactStatus.Released);
        _unlock(t.agent, t.collateral, 0);
        _pay(t.token, t.agent, t.price);
        if (disputed) _pay(t.token, t.buyer, t.arbiterFee);
        calls[msg.sig]++;
    }

    /// @notice The buyer disputes a delivery within the review period, paying the arbiter fee.
    function disputePact(uint256 seed) external step {
        (bool found, uint256 id) = _find(seed, Want.Disputable);
        if (!found) return;
        Terms memory t = _terms[id - 1];
        _fund(t.buyer, t.token, t.arbiterFee);
        uint256 value = t.token == ETH ? t.arbiterFee : 0;
        vm.prank(t.buyer);
        surety.disputePact{value: value}(id, t, keccak256(abi.encode("reason", id)));
        _transition(id, PactStatus.Disputed);
        calls[msg.sig]++;
    }

    /*//////////////////////////////////////////////////////////////
                              AGENT ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice The agent accepts an Open pact before its deadline, first topping up its stake if short.
    function acceptPact(uint256 seed) external step {
        (bool found, uint256 id) = _find(seed, Want.Acceptable);
        if (!found) return;
        Terms memory t = _terms[id - 1];
        StakeAccount memory account = surety.stakeAccount(t.agent);
        uint256 free = uint256(account.bonded) - account.locked;
        if (free < t.collateral) _deposit(t.agent, t.collateral - free);
        vm.prank(t.agent);
        surety.acceptPact(id, t);
        _transition(id, PactStatus.Active);
        modelLocked[t.agent] += t.collateral;
        calls[msg.sig]++;
    }

    /// @notice The agent delivers an Active pact before its delivery deadline.
    function deliverPact(uint256 seed) external step {
        (bool found, uint256 id) = _find(seed, Want.Deliverable);
        if (!found) return;
        Terms memory t = _terms[id - 1];
        vm.prank(t.agent);
        surety.deliverPact(id, t, keccak256(abi.encode("delivery", id)));
        _transition(id, PactStatus.Delivered);
        calls[msg.sig]++;
    }

    /// @notice An agent adds stake.
    function depositStake(uint256 agentSeed, uint256 amount) external step {
        _deposit(_agents[agentSeed % _agents.length], bound(amount, 1, MAX_DEPOSIT));
        calls[msg.sig]++;
    }

    /// @notice An agent queues some of its free stake for withdrawal.
    function requestWithdrawal(uint256 agentSeed, uint256 amount) external step {
        address agent = _agents[agentSeed % _agents.length];
        StakeAccount memory account = surety.stakeAccount(agent);
        uint256 free = uint256(account.bonded) - account.locked;
        if (free == 0) return;
        amount = bound(amount, 1, free);
        vm.prank(agent);
        surety.requestWithdrawal(amount);
        modelBonded[agent] -= amount;
        modelQueued[agent] += amount;
        calls[msg.sig]++;
    }

    /// @notice An agent with a queue withdraws it once it is ready and no freeze runs: now, or after warping
    /// to then when `wait` (a warp of up to the unbonding delay or the freeze, which closes most windows).
    function withdrawStake(uint256 agentSeed, bool wait) external step {
        for (uint256 k; k < _agents.length; ++k) {
            address agent = _agents[((agentSeed % _agents.length) + k) % _agents.length];
            StakeAccount memory account = surety.stakeAccount(agent);
            if (account.queued == 0) continue;
            uint256 frozenUntil = surety.standingOf(agent).frozenUntil;
            uint256 readyAt = account.readyAt > frozenUntil ? account.readyAt : frozenUntil;
            if (readyAt > currentTime && !wait) continue;
            _warpTo(readyAt);
            vm.prank(agent);
            surety.withdrawStake(agent);
            modelQueued[agent] = 0;
            calls[msg.sig]++;
            return;
        }
    }

    /*//////////////////////////////////////////////////////////////
                             ARBITER ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice The arbiter rules on a Disputed pact within the ruling period: a split and a slash.
    function resolveDispute(uint256 seed, uint256 buyerBps, uint256 slash) external step {
        (bool found, uint256 id) = _find(seed, Want.Rulable);
        if (!found) return;
        Terms memory t = _terms[id - 1];
        buyerBps = bound(buyerBps, 0, BPS);
        slash = bound(slash, 0, t.collateral);
        vm.prank(t.arbiter);
        surety.resolveDispute(id, t, uint16(buyerBps), slash, keccak256(abi.encode("ruling", id)));
        _transition(id, PactStatus.Resolved);
        _unlock(t.agent, t.collateral, slash);
        uint256 toBuyer = (t.price * buyerBps) / BPS;
        _pay(t.token, t.buyer, toBuyer);
        _pay(t.token, t.agent, t.price - toBuyer);
        _pay(address(usd), t.buyer, slash);
        _pay(t.token, t.arbiter, t.arbiterFee);
        calls[msg.sig]++;
    }

    /// @notice The arbiter abstains within the ruling period: the default split, the fee back to the buyer.
    function abstain(uint256 seed) external step {
        (bool found, uint256 id) = _find(seed, Want.Rulable);
        if (!found) return;
        Terms memory t = _terms[id - 1];
        vm.prank(t.arbiter);
        surety.abstain(id, t, keccak256(abi.encode("abstention", id)));
        _transition(id, PactStatus.Abstained);
        _defaultSplit(t);
        calls[msg.sig]++;
    }

    /*//////////////////////////////////////////////////////////////
                            ANYONE'S ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Anyone returns an unaccepted pact's price after its acceptance deadline. This and the other
    /// permissionless settlements below take a pact whose deadline has passed, or, when `wait`, warp past one.
    function reclaimPact(uint256 seed, uint256 callerSeed, bool wait) external step {
        (bool found, uint256 id) = _findWarping(seed, Want.Reclaimable, Want.Open, wait);
        if (!found) return;
        Terms memory t = _terms[id - 1];
        _warpTo(uint256(t.acceptBy) + 1);
        vm.prank(_anyone(callerSeed));
        surety.reclaimPact(id, t);
        _transition(id, PactStatus.Reclaimed);
        _pay(t.token, t.buyer, t.price);
        calls[msg.sig]++;
    }

    /// @notice Anyone pays the agent after an undisputed review period.
    function finalizePact(uint256 seed, uint256 callerSeed, bool wait) external step {
        (bool found, uint256 id) = _findWarping(seed, Want.Finalizable, Want.Delivered, wait);
        if (!found) return;
        Terms memory t = _terms[id - 1];
        _warpTo(uint256(_since[id - 1]) + t.reviewPeriod + 1);
        vm.prank(_anyone(callerSeed));
        surety.finalizePact(id, t);
        _transition(id, PactStatus.Finalized);
        _unlock(t.agent, t.collateral, 0);
        _pay(t.token, t.agent, t.price);
        calls[msg.sig]++;
    }

    /// @notice Anyone refunds the buyer of an undelivered pact after its delivery deadline, with the penalty.
    function claimRefund(uint256 seed, uint256 callerSeed, bool wait) external step {
        (bool found, uint256 id) = _findWarping(seed, Want.Refundable, Want.Active, wait);
        if (!found) return;
        Terms memory t = _terms[id - 1];
        _warpTo(uint256(t.deliverBy) + 1);
        vm.prank(_anyone(callerSeed));
        surety.claimRefund(id, t);
        _transition(id, PactStatus.Refunded);
        _unlock(t.agent, t.collateral, t.penalty);
        _pay(t.token, t.buyer, t.price);
        _pay(address(usd), t.buyer, t.penalty);
        calls[msg.sig]++;
    }

    /// @notice Anyone applies the default split after a silent ruling period.
    function applyDefaultRuling(uint256 seed, uint256 callerSeed, bool wait) external step {
        (bool found, uint256 id) = _findWarping(seed, Want.Defaultable, Want.Disputed, wait);
        if (!found) return;
        Terms memory t = _terms[id - 1];
        _warpTo(uint256(_since[id - 1]) + t.rulingPeriod + 1);
        vm.prank(_anyone(callerSeed));
        surety.applyDefaultRuling(id, t);
        _transition(id, PactStatus.DefaultRuled);
        _defaultSplit(t);
        calls[msg.sig]++;
    }

    /// @notice An account with a credit claims it to a plain recipient.
    function claimPayout(uint256 accountSeed, bool native) external step {
        address token = native ? ETH : address(usd);
        for (uint256 k; k < _payees.length; ++k) {
            address account = _payees[((accountSeed % _payees.length) + k) % _payees.length];
            uint256 credit = surety.creditOf(token, account);
            if (credit == 0) continue;
            vm.prank(account);
            surety.claimPayout(token, sink);
            modelCredit[token][account] = 0;
            calls[msg.sig]++;
            return;
        }
    }

    /*//////////////////////////////////////////////////////////////
                          OPERATOR AND OTHERS
    //////////////////////////////////////////////////////////////*/

    /// @notice The operator moves an agent up the ladder (Warned to Paused) with some cap.
    function setAgentStatus(uint256 agentSeed, uint256 statusSeed, uint256 cap) external step {
        address agent = _agents[agentSeed % _agents.length];
        AgentStatus status = AgentStatus(1 + (statusSeed % 4));
        cap = bound(cap, 0, 2 * MAX_COLLATERAL);
        vm.prank(operator);
        surety.setAgentStatus(agent, status, cap, keccak256("ladder"));
        calls[msg.sig]++;
    }

    /// @notice The operator returns an agent to Good.
    function recertify(uint256 agentSeed) external step {
        vm.prank(operator);
        surety.recertify(_agents[agentSeed % _agents.length], keccak256("recertified"));
        calls[msg.sig]++;
    }

    /// @notice Time passes.
    function warp(uint256 secondsForward) external step {
        _warpTo(currentTime + bound(secondsForward, 1, 1 days));
        calls[msg.sig]++;
    }

    /// @notice The wallet buyer starts or stops refusing ETH.
    function setWalletRefusesEth(bool refuse) external step {
        vm.prank(walletOwner);
        wallet.setRefuseEth(refuse);
        calls[msg.sig]++;
    }

    /// @notice Someone sends tokens or ETH to the contract outside its API (ETH as if by selfdestruct).
    function donate(bool native, uint256 amount) external step {
        amount = bound(amount, 1, MAX_DONATION);
        if (native) {
            vm.deal(address(surety), address(surety).balance + amount);
            donated[ETH] += amount;
        } else {
            usd.mint(stranger, amount);
            vm.prank(stranger);
            usd.transfer(address(surety), amount);
            donated[address(usd)] += amount;
        }
        calls[msg.sig]++;
    }

    /*//////////////////////////////////////////////////////////////
                          SETTLE EVERYTHING
    //////////////////////////////////////////////////////////////*/

    /// @notice Ends a run: settles every live pact, withdraws every agent's stake and claims every credit, so
    /// that only the donations should remain in the contract. Not a target of the runner.
    function settleEverything() external {
        vm.warp(currentTime);
        uint256 latest = currentTime;
        // Past every deadline: a delivery is at most at deliverBy, followed by at most the deployment's longest
        // review period (30 days) and ruling period (60 days).
        for (uint256 i; i < _terms.length; ++i) {
            uint256 end = uint256(_terms[i].deliverBy) + 31 days + 61 days;
            if (end > latest) latest = end;
        }
        _warpTo(latest + 1);

        for (uint256 id = 1; id <= _terms.length; ++id) {
            PactStatus status = _status[id - 1];
            if (!_isLive(status)) continue;
            Terms memory t = _terms[id - 1];
            vm.prank(stranger);
            if (status == PactStatus.Open) surety.reclaimPact(id, t);
            else if (status == PactStatus.Active) surety.claimRefund(id, t);
            else if (status == PactStatus.Delivered) surety.finalizePact(id, t);
            else surety.applyDefaultRuling(id, t);
        }

        for (uint256 i; i < _agents.length; ++i) {
            address agent = _agents[i];
            vm.prank(operator);
            surety.recertify(agent, keccak256("run over"));
            StakeAccount memory account = surety.stakeAccount(agent);
            if (account.locked != 0) revert("settleEverything: stake still locked");
            if (account.bonded != 0) {
                vm.prank(agent);
                surety.requestWithdrawal(account.bonded);
            }
        }
        _warpTo(currentTime + surety.config().unbondingDelay);
        for (uint256 i; i < _agents.length; ++i) {
            if (surety.stakeAccount(_agents[i]).queued == 0) continue;
            vm.prank(_agents[i]);
            surety.withdrawStake(_agents[i]);
        }

        for (uint256 k; k < _payees.length; ++k) {
            address account = _payees[k];
            if (surety.creditOf(ETH, account) != 0) {
                vm.prank(account);
                surety.claimPayout(ETH, sink);
            }
            if (surety.creditOf(address(usd), account) != 0) {
                vm.prank(account);
                surety.claimPayout(address(usd), sink);
            }
        }
    }

    /*//////////////////////////////////////////////////////////////
                           READS FOR INVARIANTS
    //////////////////////////////////////////////////////////////*/

    function pactCount() external view returns (uint256) {
        return _terms.length;
    }

    function termsOf(uint256 pactId) external view returns (Terms memory) {
        return _terms[pactId - 1];
    }

    function modelStatus(uint256 pactId) external view returns (PactStatus) {
        return _status[pactId - 1];
    }

    function modelSince(uint256 pactId) external view returns (uint40) {
        return _since[pactId - 1];
    }

    function agents() external view returns (address[] memory) {
        return _agents;
    }

    function payees() external view returns (address[] memory) {
        return _payees;
    }

    /// @notice What the contract owes in `token`, read from the contract: the price of every live pact, the
    /// arbiter fee of every Disputed pact, the agents' stake (stake token only) and every credit.
    function owed(address token) public view returns (uint256 escrow, uint256 fees, uint256 stake, uint256 credits) {
        for (uint256 id = 1; id <= _terms.length; ++id) {
            Terms memory t = _terms[id - 1];
            if (t.token != token) continue;
            (PactStatus status, , ) = surety.getPact(id);
            if (_isLive(status)) escrow += t.price;
            if (status == PactStatus.Disputed) fees += t.arbiterFee;
        }
        if (token == address(usd)) {
            for (uint256 i; i < _agents.length; ++i) {
                StakeAccount memory account = surety.stakeAccount(_agents[i]);
                stake += uint256(account.bonded) + account.queued;
            }
        }
        for (uint256 k; k < _payees.length; ++k) credits += surety.creditOf(token, _payees[k]);
    }

    /// @notice The collateral of an agent's accepted, unsettled pacts, read from the contract's statuses.
    function collateralAtRisk(address agent) external view returns (uint256 total) {
        for (uint256 id = 1; id <= _terms.length; ++id) {
            if (_terms[id - 1].agent != agent) continue;
            (PactStatus status, , ) = surety.getPact(id);
            if (status == PactStatus.Active || status == PactStatus.Delivered || status == PactStatus.Disputed) {
                total += _terms[id - 1].collateral;
            }
        }
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    enum Want {
        Open,
        Acceptable,
        Reclaimable,
        Active,
        Deliverable,
        Refundable,
        Delivered,
        Disputable,
        Finalizable,
        Releasable,
        Disputed,
        Rulable,
        Defaultable
    }

    function _createPact(
        uint256 partySeed,
        address token,
        uint256 price,
        uint256 amountsSeed,
        uint256 timingSeed
    ) internal {
        if (_terms.length >= MAX_PACTS) return;
        Terms memory t;
        t.buyer = _buyers[partySeed % _buyers.length];
        t.agent = _agents[(partySeed >> 8) % _agents.length];
        t.arbiter = _arbiters[(partySeed >> 16) % _arbiters.length];
        t.token = token;
        t.price = bound(price, 1, MAX_PRICE);
        t.arbiterFee = uint64(amountsSeed) % (MAX_FEE + 1);
        t.collateral = uint64(amountsSeed >> 64) % (MAX_COLLATERAL + 1);
        t.penalty = t.collateral == 0 ? 0 : uint64(amountsSeed >> 128) % (t.collateral + 1);
        t.defaultBuyerBps = uint16(uint16(amountsSeed >> 192) % (BPS + 1));
        t.acceptBy = uint40(currentTime + 1 + (uint64(timingSeed) % 3 days));
        t.deliverBy = uint40(uint256(t.acceptBy) + 1 + (uint64(timingSeed >> 64) % 4 days));
        t.reviewPeriod = uint32(minReview + (uint64(timingSeed >> 128) % 5 days));
        t.rulingPeriod = uint32(minRuling + (uint64(timingSeed >> 192) % 5 days));
        t.termsHash = keccak256(abi.encode("pact", _terms.length + 1));

        _fund(t.buyer, token, t.price);
        uint256 value = token == ETH ? t.price : 0;
        vm.prank(t.buyer);
        uint256 id = surety.createPact{value: value}(t);
        if (id != _terms.length + 1) revert("createPact: unexpected pact id");

        _terms.push(t);
        _status.push(PactStatus.Open);
        _since.push(uint40(currentTime));
        _lastSeen.push(PactStatus.Open);
        calls[msg.sig]++;
    }

    /// @dev Whether pact `id` is a candidate for what the action wants, now.
    function _matches(uint256 id, Want want) internal view returns (bool) {
        PactStatus status = _status[id - 1];
        Terms storage t = _terms[id - 1];
        if (want == Want.Open) return status == PactStatus.Open;
        if (want == Want.Acceptable) {
            return status == PactStatus.Open && currentTime <= t.acceptBy && _canLock(t.agent, t.collateral);
        }
        if (want == Want.Reclaimable) return status == PactStatus.Open && currentTime > t.acceptBy;
        if (want == Want.Active) return status == PactStatus.Active;
        if (want == Want.Deliverable) return status == PactStatus.Active && currentTime <= t.deliverBy;
        if (want == Want.Refundable) return status == PactStatus.Active && currentTime > t.deliverBy;
        if (want == Want.Delivered) return status == PactStatus.Delivered;
        uint256 since = _since[id - 1];
        if (want == Want.Disputable) return status == PactStatus.Delivered && currentTime <= since + t.reviewPeriod;
        if (want == Want.Finalizable) return status == PactStatus.Delivered && currentTime > since + t.reviewPeriod;
        if (want == Want.Releasable) {
            return status == PactStatus.Active || status == PactStatus.Delivered || status == PactStatus.Disputed;
        }
        if (want == Want.Disputed) return status == PactStatus.Disputed;
        if (want == Want.Rulable) return status == PactStatus.Disputed && currentTime <= since + t.rulingPeriod;
        return status == PactStatus.Disputed && currentTime > since + t.rulingPeriod; // Defaultable
    }

    /// @dev The first candidate at or after a random position, wrapping around.
    function _find(uint256 seed, Want want) internal view returns (bool, uint256) {
        uint256 n = _terms.length;
        if (n == 0) return (false, 0);
        uint256 start = seed % n;
        for (uint256 k; k < n; ++k) {
            uint256 id = ((start + k) % n) + 1;
            if (_matches(id, want)) return (true, id);
        }
        return (false, 0);
    }

    /// @dev A candidate whose deadline has passed if there is one, else, when `wait`, one whose deadline the
    /// caller will warp past. (Warps close other pacts' windows, so half the attempts do without.)
    function _findWarping(
        uint256 seed,
        Want ready,
        Want any,
        bool wait
    ) internal view returns (bool found, uint256 id) {
        (found, id) = _find(seed, ready);
        if (!found && wait) (found, id) = _find(seed, any);
    }

    /// @dev Whether acceptance by `agent` of `collateral` would pass the standing checks (stake is topped up).
    function _canLock(address agent, uint256 collateral) internal view returns (bool) {
        Standing memory standing = surety.standingOf(agent);
        if (standing.status == AgentStatus.Paused) return false;
        if (standing.status >= AgentStatus.Narrowed) {
            return uint256(surety.stakeAccount(agent).locked) + collateral <= standing.cap;
        }
        return true;
    }

    function _isLive(PactStatus status) internal pure returns (bool) {
        return
            status == PactStatus.Open ||
            status == PactStatus.Active ||
            status == PactStatus.Delivered ||
            status == PactStatus.Disputed;
    }

    function _anyone(uint256 seed) internal view returns (address) {
        uint256 pick = seed % 4;
        if (pick == 0) return stranger;
        if (pick == 1) return _buyers[(seed >> 8) % _buyers.length];
        if (pick == 2) return _agents[(seed >> 8) % _agents.length];
        return _arbiters[(seed >> 8) % _arbiters.length];
    }

    function _approve(address who) internal {
        vm.prank(who);
        usd.approve(address(surety), type(uint256).max);
    }

    function _fund(address who, address token, uint256 amount) internal {
        if (amount == 0) return;
        if (token == ETH) vm.deal(who, who.balance + amount);
        else usd.mint(who, amount);
    }

    function _deposit(address agent, uint256 amount) internal {
        usd.mint(agent, amount);
        vm.prank(agent);
        surety.depositStake(amount);
        modelBonded[agent] += amount;
    }

    function _warpTo(uint256 timestamp) internal {
        if (timestamp <= currentTime) return;
        currentTime = timestamp;
        vm.warp(timestamp);
    }

    function _transition(uint256 id, PactStatus status) internal {
        _status[id - 1] = status;
        _since[id - 1] = uint40(currentTime);
    }

    function _unlock(address agent, uint256 collateral, uint256 slash) internal {
        modelLocked[agent] -= collateral;
        modelBonded[agent] -= slash;
    }

    /// @dev The default split, the held fee back to the buyer, the collateral unlocked without a slash.
    function _defaultSplit(Terms memory t) internal {
        _unlock(t.agent, t.collateral, 0);
        uint256 toBuyer = (t.price * t.defaultBuyerBps) / BPS;
        _pay(t.token, t.buyer, toBuyer + t.arbiterFee);
        _pay(t.token, t.agent, t.price - toBuyer);
    }

    /// @dev Models a payout: only ETH to the wallet while it refuses ETH fails, and becomes a credit.
    function _pay(address token, address to, uint256 amount) internal {
        if (amount == 0) return;
        if (token == ETH && to == address(wallet) && wallet.refuseEth()) modelCredit[ETH][to] += amount;
    }

    /// @dev After every action: pact ids never decrease and terminal statuses never change.
    function _observe() internal {
        uint256 next = surety.nextPactId();
        if (next < lastNextPactId) nextPactIdDecreased = true;
        lastNextPactId = next;

        for (uint256 id = 1; id <= _lastSeen.length; ++id) {
            (PactStatus status, , ) = surety.getPact(id);
            PactStatus previous = _lastSeen[id - 1];
            if (uint8(previous) >= uint8(PactStatus.Cancelled) && status != previous && !terminalStatusChanged) {
                terminalStatusChanged = true;
                changedPactId = id;
                changedFrom = previous;
                changedTo = status;
            }
            _lastSeen[id - 1] = status;
        }
    }
}
