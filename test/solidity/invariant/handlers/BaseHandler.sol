// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {Surety} from "../../../../contracts/Surety.sol";
import {ISurety} from "../../../../contracts/interfaces/ISurety.sol";
import {ISuretyCooperative} from "../../../../contracts/interfaces/ISuretyCooperative.sol";
import {ISuretyErrors} from "../../../../contracts/interfaces/ISuretyErrors.sol";
import {MockERC20Permit} from "../../../../contracts/mocks/MockERC20Permit.sol";
import {
    AgentStatus,
    PactStatus,
    Permit,
    StakeAccount,
    Standing,
    Terms
} from "../../../../contracts/types/DataTypes.sol";

import {TestBase} from "../../utils/TestBase.sol";
import {
    BALANCE,
    BONDED,
    BPS,
    CREDIT,
    ETH,
    LOCKED,
    MAX_COLLATERAL,
    N_ACCOUNTS,
    N_AGENTS,
    N_ARBITERS,
    N_PACT_CALLS,
    N_TOKENS,
    QUEUED,
    STAKE,
    SuretyStore,
    Want
} from "../stores/SuretyStore.sol";

/// @notice What every handler of the invariant suite shares: the store, the actors (copied from it once), the
/// `step` modifier that starts each call at the suite's clock and observes every pact after it, actor and pact
/// selection, time warps, bounded inputs, and the measurement of calls.
///
/// Every call a handler means to succeed is valid in the current state (it picks a pact, an agent or an account for
/// which it is, warping time when the call needs a deadline to have passed, and does nothing when there is none),
/// so any revert of such a call is unexpected and fails the run (failOnRevert). Calls that must fail are made as
/// low-level calls, and the handler requires the exact revert data.
///
/// Around the calls a handler checks what one step can break (see test/invariant/README.md): it snapshots every
/// balance and credit in every token, and every stake account, before and after each call that may move money, and
/// requires that only the expected entries changed; it measures what each pact was funded with and what each party
/// received when it settled. A failed check is recorded in the store as a violation, which every invariant of
/// SuretyInvariantTest reports.
abstract contract BaseHandler is TestBase {
    bytes32 internal constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );

    /*//////////////////////////////////////////////////////////////
                             STORE AND ACTORS
    //////////////////////////////////////////////////////////////*/

    SuretyStore public immutable store;
    Surety internal immutable surety;
    MockERC20Permit internal immutable usd;
    MockERC20Permit internal immutable eur;
    address internal immutable operator;
    address internal immutable guardian;
    address internal immutable sink;
    address internal immutable stranger;

    uint32 internal immutable _MIN_REVIEW;
    uint32 internal immutable _MIN_RULING;
    uint32 internal immutable _MAX_RULING;
    uint32 internal immutable _MAX_RULING_HOLD;

    address[] internal _buyers;
    address[] internal _agents;
    address[] internal _arbiters;
    address[] internal _tokens;
    string[] internal _tokenNames;
    address[] internal _accounts;
    mapping(address account => uint256 slot) internal _accountSlot; // index + 1
    mapping(address agent => uint256 slot) internal _agentSlot; // index + 1

    /// @dev Starts the step at the suite's clock, with no pact touched yet; after it, the store observes every pact.
    modifier step() {
        vm.warp(store.currentTime());
        store.setTouched(0);
        _;
        store.observe();
    }

    constructor(SuretyStore store_) {
        store = store_;
        surety = store_.surety();
        usd = store_.usd();
        eur = store_.eur();
        operator = store_.operator();
        guardian = store_.guardian();
        sink = store_.sink();
        stranger = store_.stranger();
        _MIN_REVIEW = store_.MIN_REVIEW();
        _MIN_RULING = store_.MIN_RULING();
        _MAX_RULING = store_.MAX_RULING();
        _MAX_RULING_HOLD = store_.MAX_RULING_HOLD();
        _buyers = store_.buyers();
        _agents = store_.agents();
        _arbiters = store_.arbiters();
        _tokens = store_.tokens();
        string[] memory names = store_.tokenNames();
        for (uint256 k; k < names.length; ++k) _tokenNames.push(names[k]);
        _accounts = store_.accounts();
        for (uint256 a; a < _accounts.length; ++a) _accountSlot[_accounts[a]] = a + 1;
        for (uint256 g; g < _agents.length; ++g) _agentSlot[_agents[g]] = g + 1;
    }

    /*//////////////////////////////////////////////////////////////
                         PACTS, TIME AND ACTORS
    //////////////////////////////////////////////////////////////*/

    function _now() internal view returns (uint256) {
        return store.currentTime();
    }

    /// @dev Moves the suite's clock forward to `timestamp`; never back.
    function _warpTo(uint256 timestamp) internal {
        if (timestamp <= store.currentTime()) return;
        store.setCurrentTime(timestamp);
        vm.warp(timestamp);
    }

    function _find(uint256 seed, Want want) internal view returns (bool, uint256) {
        return store.find(seed, want);
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

    function _anyone(uint256 seed) internal view returns (address) {
        return store.anyone(seed);
    }

    function _transition(uint256 id, PactStatus status) internal {
        store.transition(id, status);
    }

    function _unlock(address agent, uint256 collateral, uint256 slash) internal {
        store.recordUnlock(agent, collateral, slash);
    }

    function _pay(address token, address to, uint256 amount) internal {
        store.recordPayout(token, to, amount);
    }

    /// @dev The default split, the held fee back to the buyer, the collateral unlocked without a slash.
    function _defaultSplit(Terms memory t) internal {
        _unlock(t.agent, t.collateral, 0);
        uint256 toBuyer = (t.price * t.defaultBuyerBps) / BPS;
        _pay(t.token, t.buyer, toBuyer + t.arbiterFee);
        _pay(t.token, t.agent, t.price - toBuyer);
    }

    /*//////////////////////////////////////////////////////////////
                          SETTLEMENTS (SHARED)
    //////////////////////////////////////////////////////////////*/

    /// @dev Makes a settlement call and measures it: what each party received in the pact's token and in the
    /// stake token (balance plus credit), how much bonded stake fell; and requires that what left the contract
    /// is what the parties' balances gained, that the collateral unlocked, and that nothing else changed.
    function _settle(uint256 id, address caller, bytes memory data, PactStatus to) internal {
        Terms memory t = store.terms(id);
        bool accepted = store.status(id) != PactStatus.Open;
        int256[] memory before = _books();
        _exec(caller, 0, data);
        int256[] memory d = _diff(before);
        store.setTouched(id);

        uint256 k = _tokenIndex(t.token);
        SuretyStore.Ghost memory g = store.ghost(id);
        _takeOutflow(d, k, t);
        if (k != STAKE) _takeOutflow(d, STAKE, t);
        g.buyerReceived = _takeReceipt(d, k, t.buyer);
        g.agentReceived = _takeReceipt(d, k, t.agent);
        g.arbiterReceived = _takeReceipt(d, k, t.arbiter);
        if (k != STAKE) {
            g.buyerStakeReceived = _takeReceipt(d, STAKE, t.buyer);
            g.otherStakeReceived = _takeReceipt(d, STAKE, t.agent) + _takeReceipt(d, STAKE, t.arbiter);
        }
        uint256 bondedIndex = _stakeAt(t.agent, BONDED);
        if (d[bondedIndex] > 0) _violate("a settlement raised bonded stake");
        else g.slashed = uint256(-d[bondedIndex]);
        d[bondedIndex] = 0;
        int256 unlocked = accepted ? -int256(t.collateral) : int256(0);
        _take(d, _stakeAt(t.agent, LOCKED), unlocked, "a settlement unlocks exactly the collateral");
        _expectUnchanged(d, "settlement");
        g.settled = true;
        store.setGhost(id, g);
        store.recordSlash(t.agent, g.slashed);
        _transition(id, to);
        _expectEveryCallReverts(id, t, to);
    }

    /// @dev Right after a pact settles, every one of the eighteen pact calls on it must revert with
    /// Surety_InvalidStatus (EnforcedPause for an acceptance while paused): the terminal status absorbs.
    function _expectEveryCallReverts(uint256 id, Terms memory t, PactStatus status) internal {
        bytes memory invalid = abi.encodeWithSelector(ISuretyErrors.Surety_InvalidStatus.selector, id, status);
        bytes memory paused = abi.encodeWithSelector(Pausable.EnforcedPause.selector);
        bool isPaused = surety.paused();
        for (uint256 call; call < N_PACT_CALLS; ++call) {
            (address caller, bytes memory data) = _pactCall(call, id, t, id + call);
            _expectRevert(caller, 0, data, call == 1 && isPaused ? paused : invalid, "terminal status absorbs");
        }
    }

    /// @dev What the contract's balance lost in token `k` equals what the three parties' balances gained.
    function _takeOutflow(int256[] memory d, uint256 k, Terms memory t) internal {
        int256 gained = d[_at(k, t.buyer, BALANCE)] + d[_at(k, t.agent, BALANCE)] + d[_at(k, t.arbiter, BALANCE)];
        _take(d, _at(k, address(surety), BALANCE), -gained, "what left the contract is what the parties gained");
    }

    /// @dev A party's receipt in token `k`: its balance gain plus its credit gain, neither of which may be
    /// negative. Clears both entries.
    function _takeReceipt(int256[] memory d, uint256 k, address party) internal returns (uint256) {
        uint256 index = _at(k, party, BALANCE);
        int256 paid = d[index];
        int256 credited = d[index + CREDIT];
        d[index] = 0;
        d[index + CREDIT] = 0;
        if (paid < 0 || credited < 0) {
            _violate(string.concat("a settlement took ", _tokenNames[k], " from a party"));
            return 0;
        }
        return uint256(paid + credited);
    }

    /// @dev The contract's gain in `token` when `payer` funds `amount`: the payer loses exactly `amount` and
    /// the contract gains exactly that. Clears both entries and returns what the contract gained.
    function _takeFunding(
        int256[] memory d,
        address token,
        address payer,
        uint256 amount,
        string memory what
    ) internal returns (uint256 funded) {
        uint256 k = _tokenIndex(token);
        int256 gained = d[_at(k, address(surety), BALANCE)];
        funded = gained > 0 ? uint256(gained) : 0;
        _take(d, _at(k, payer, BALANCE), -int256(amount), what);
        _take(d, _at(k, address(surety), BALANCE), int256(amount), what);
    }

    /// @dev The statuses (bits) from which pact call `call` may run, per docs/ARCHITECTURE.md.
    function _statusesOf(uint256 call) internal pure returns (uint256) {
        uint256 open = 1 << uint256(PactStatus.Open);
        uint256 active = 1 << uint256(PactStatus.Active);
        uint256 delivered = 1 << uint256(PactStatus.Delivered);
        uint256 disputed = 1 << uint256(PactStatus.Disputed);
        if (call <= 2) return open; // cancel, accept, reclaim
        if (call <= 4) return active; // deliver, claimRefund
        if (call == 5) return active | delivered | disputed; // release
        if (call <= 7) return delivered; // dispute, finalize
        if (call <= 11) return disputed; // resolve, abstain, applyDefaultRuling, submitEvidence
        if (call <= 13) return active | delivered | disputed; // proposeSettlement, acceptSettlement
        if (call <= 15) return active; // refundByAgent, extendDeadline
        if (call == 16) return active | delivered | disputed; // withdrawProposals
        return disputed; // holdRuling
    }

    /// @dev Pact call `call` on pact `id`, made by the party entitled to it (anyone for the lapse actions).
    function _pactCall(
        uint256 call,
        uint256 id,
        Terms memory t,
        uint256 seed
    ) internal view returns (address caller, bytes memory data) {
        bytes32 hash = keccak256(abi.encode("wrong status", id));
        if (call == 0) return (t.buyer, abi.encodeCall(ISurety.cancelPact, (id, t)));
        if (call == 1) return (t.agent, abi.encodeCall(ISurety.acceptPact, (id, t)));
        if (call == 2) return (_anyone(seed), abi.encodeCall(ISurety.reclaimPact, (id, t)));
        if (call == 3) return (t.agent, abi.encodeCall(ISurety.deliverPact, (id, t, hash)));
        if (call == 4) return (_anyone(seed), abi.encodeCall(ISurety.claimRefund, (id, t)));
        if (call == 5) return (t.buyer, abi.encodeCall(ISurety.releasePact, (id, t)));
        if (call == 6) return (t.buyer, abi.encodeCall(ISurety.disputePact, (id, t, hash)));
        if (call == 7) return (_anyone(seed), abi.encodeCall(ISurety.finalizePact, (id, t)));
        if (call == 8) return (t.arbiter, abi.encodeCall(ISurety.resolveDispute, (id, t, BPS, 0, hash)));
        if (call == 9) return (t.arbiter, abi.encodeCall(ISurety.abstain, (id, t, hash)));
        if (call == 10) return (_anyone(seed), abi.encodeCall(ISurety.applyDefaultRuling, (id, t)));
        if (call == 11) return (t.buyer, abi.encodeCall(ISurety.submitEvidence, (id, t, hash)));
        if (call == 12) return (t.buyer, abi.encodeCall(ISuretyCooperative.proposeSettlement, (id, t, BPS)));
        if (call == 13) return (t.agent, abi.encodeCall(ISuretyCooperative.acceptSettlement, (id, t, BPS)));
        if (call == 14) return (t.agent, abi.encodeCall(ISuretyCooperative.refundByAgent, (id, t)));
        if (call == 15) return (t.buyer, abi.encodeCall(ISuretyCooperative.extendDeadline, (id, t, t.deliverBy + 1)));
        if (call == 16) return (t.agent, abi.encodeCall(ISuretyCooperative.withdrawProposals, (id, t)));
        return (t.arbiter, abi.encodeCall(ISuretyCooperative.holdRuling, (id, t)));
    }

    /*//////////////////////////////////////////////////////////////
                                 MONEY
    //////////////////////////////////////////////////////////////*/

    /// @dev Tops an agent's free stake up to `collateral`.
    function _topUp(address agent, uint256 collateral) internal {
        StakeAccount memory account = surety.stakeAccount(agent);
        uint256 free = uint256(account.bonded) - account.locked;
        if (free >= collateral) return;
        usd.mint(agent, collateral - free);
        _deposit(agent, collateral - free, collateral % 2 == 0);
    }

    /// @dev Deposits stake the agent holds, by permit when asked and the agent has a key of its own.
    /// @return byPermit Whether the permit path was taken.
    function _deposit(address agent, uint256 amount, bool permit) internal returns (bool byPermit) {
        byPermit = permit && agent.code.length == 0;
        if (byPermit) {
            _exec(
                agent,
                0,
                abi.encodeCall(ISurety.depositStakeWithPermit, (amount, _permit(agent, address(usd), amount)))
            );
        } else {
            _approve(agent, address(usd), amount);
            _exec(agent, 0, abi.encodeCall(ISurety.depositStake, (amount)));
        }
        store.recordDeposit(agent, amount);
    }

    /// @dev Withdraws an agent's whole queue to `recipient`, requiring that exactly the queue moved.
    function _withdraw(address agent, address recipient) internal {
        uint256 queued = surety.stakeAccount(agent).queued;
        int256[] memory before = _books();
        _exec(agent, 0, abi.encodeCall(ISurety.withdrawStake, (recipient)));
        int256[] memory d = _diff(before);
        _take(d, _at(STAKE, recipient, BALANCE), int256(queued), "withdrawStake pays the queue to the recipient");
        _take(d, _at(STAKE, address(surety), BALANCE), -int256(queued), "withdrawStake: the queue leaves");
        _take(d, _stakeAt(agent, QUEUED), -int256(queued), "withdrawStake empties the queue");
        _expectUnchanged(d, "withdrawStake");
        store.recordWithdrawal(agent, queued);
    }

    function _fund(address who, address token, uint256 amount) internal {
        if (amount == 0) return;
        if (token == ETH) vm.deal(who, who.balance + amount);
        else MockERC20Permit(token).mint(who, amount);
    }

    function _approve(address who, address token, uint256 amount) internal {
        if (token == ETH) return;
        vm.prank(who);
        IERC20(token).approve(address(surety), amount);
    }

    /// @dev An EIP-2612 permit from `owner` to Surety for exactly `value`, signed with the owner's key.
    function _permit(address owner, address token, uint256 value) internal view returns (Permit memory p) {
        MockERC20Permit t = MockERC20Permit(token);
        p.deadline = _now() + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(PERMIT_TYPEHASH, owner, address(surety), value, t.nonces(owner), p.deadline)
        );
        bytes32 digest = keccak256(abi.encodePacked(hex"1901", t.DOMAIN_SEPARATOR(), structHash));
        (p.v, p.r, p.s) = vm.sign(store.keyOf(owner), digest);
    }

    function _unit(address token) internal view returns (uint256) {
        return token == address(usd) ? 1e6 : 1e18;
    }

    function _tokenIndex(address token) internal view returns (uint256) {
        if (token == address(usd)) return 0;
        if (token == address(eur)) return 1;
        return 2;
    }

    function _refusesEth(address account) internal view returns (bool) {
        return store.refusesEth(account);
    }

    /*//////////////////////////////////////////////////////////////
                          TERMS AND AGENTS
    //////////////////////////////////////////////////////////////*/

    /// @dev An arbiter for `token`: the one at `seed`, or (unless `strict`) the next registered one.
    function _pickArbiter(uint256 seed, address token, bool strict) internal view returns (address) {
        address first = _arbiters[seed % N_ARBITERS];
        if (strict) return first;
        for (uint256 k; k < N_ARBITERS; ++k) {
            address arbiter = _arbiters[((seed % N_ARBITERS) + k) % N_ARBITERS];
            if (surety.arbiterTerms(arbiter, token).registered) return arbiter;
        }
        return first;
    }

    /// @dev Price, fee (at least the arbiter's minimum, exactly it one time in four), collateral, penalty and
    /// default split, with the edges (zero collateral, zero or full penalty, 0 or 100 % to the buyer) one time in
    /// eight each.
    function _draftAmounts(Terms memory t, uint256 price, uint256 seed) internal view {
        uint256 unit = _unit(t.token);
        t.price = bound(price, 1, unit * 1e7);
        t.arbiterFee = surety.arbiterTerms(t.arbiter, t.token).minFee;
        if ((seed >> 9) % 4 != 0) t.arbiterFee += _sub(seed, 1) % (unit * 1e4 + 1);
        t.collateral = seed % 8 == 0 ? 0 : _sub(seed, 2) % (MAX_COLLATERAL + 1);
        uint256 edge = (seed >> 3) % 8;
        t.penalty =
            edge == 0
                ? 0
                : edge == 1
                    ? t.collateral
                    : _sub(seed, 3) % (t.collateral + 1);
        edge = (seed >> 6) % 8;
        t.defaultBuyerBps =
            edge == 0
                ? 0
                : edge == 1
                    ? BPS
                    : uint16(_sub(seed, 4) % (BPS + 1));
    }

    /// @dev Review and ruling periods within the deployment's bounds and the arbiter's longest ruling period.
    function _draftPeriods(Terms memory t, uint256 seed) internal view {
        t.reviewPeriod = uint32(_MIN_REVIEW + (uint64(seed) % 5 days));
        uint256 maxRuling = surety.arbiterTerms(t.arbiter, t.token).maxRulingPeriod;
        if (maxRuling > _MAX_RULING) maxRuling = _MAX_RULING;
        if (maxRuling < _MIN_RULING) maxRuling = _MIN_RULING; // unregistered arbiter: the call must revert anyway
        uint256 span = maxRuling - _MIN_RULING;
        if (span > 5 days) span = 5 days;
        t.rulingPeriod = uint32(_MIN_RULING + (uint64(seed >> 64) % (span + 1)));
    }

    /// @dev The revert data locking `collateral` for `agent` must give (Paused, cap, free stake), or empty.
    function _lockError(address agent, uint256 collateral) internal view returns (bytes memory) {
        Standing memory standing = surety.standingOf(agent);
        if (standing.status == AgentStatus.Paused)
            return abi.encodeWithSelector(ISuretyErrors.Surety_AgentPaused.selector, agent);
        StakeAccount memory account = surety.stakeAccount(agent);
        uint256 locked = uint256(account.locked) + collateral;
        if (standing.status >= AgentStatus.Narrowed && locked > standing.cap) {
            return
                abi.encodeWithSelector(
                    ISuretyErrors.Surety_ExposureCapExceeded.selector,
                    agent,
                    uint256(standing.cap),
                    locked
                );
        }
        if (locked > account.bonded) {
            uint256 free = uint256(account.bonded) - account.locked;
            return abi.encodeWithSelector(ISuretyErrors.Surety_InsufficientFreeStake.selector, agent, free, collateral);
        }
        return "";
    }

    /// @dev After an acceptance: an agent at Narrowed or above must be within its cap.
    function _checkCap(address agent) internal {
        Standing memory standing = surety.standingOf(agent);
        if (standing.status < AgentStatus.Narrowed) return;
        store.countCappedAcceptance();
        if (surety.stakeAccount(agent).locked > standing.cap) _violate("an acceptance took locked beyond the cap");
    }

    /*//////////////////////////////////////////////////////////////
                            BOOKS AND CALLS
    //////////////////////////////////////////////////////////////*/

    /// @dev Every balance and credit of every followed account in every token, then every agent's bonded, locked
    /// and queued stake.
    function _books() internal view returns (int256[] memory b) {
        b = new int256[](N_TOKENS * N_ACCOUNTS * 2 + N_AGENTS * 3);
        uint256 i;
        for (uint256 k; k < N_TOKENS; ++k) {
            address token = _tokens[k];
            for (uint256 a; a < N_ACCOUNTS; ++a) {
                address account = _accounts[a];
                b[i++] = int256(token == ETH ? account.balance : IERC20(token).balanceOf(account));
                b[i++] = int256(surety.creditOf(token, account));
            }
        }
        for (uint256 g; g < N_AGENTS; ++g) {
            StakeAccount memory account = surety.stakeAccount(_agents[g]);
            b[i++] = int256(uint256(account.bonded));
            b[i++] = int256(uint256(account.locked));
            b[i++] = int256(uint256(account.queued));
        }
    }

    /// @dev The books now minus `before`, entry by entry.
    function _diff(int256[] memory before) internal view returns (int256[] memory d) {
        d = _books();
        for (uint256 i; i < d.length; ++i) d[i] -= before[i];
    }

    function _at(uint256 k, address account, uint256 kind) internal view returns (uint256) {
        return (k * N_ACCOUNTS + _accountSlot[account] - 1) * 2 + kind;
    }

    function _stakeAt(address agent, uint256 field) internal view returns (uint256) {
        return N_TOKENS * N_ACCOUNTS * 2 + (_agentSlot[agent] - 1) * 3 + field;
    }

    /// @dev Requires entry `index` of a diff to be `expected`, then clears it.
    function _take(int256[] memory d, uint256 index, int256 expected, string memory what) internal {
        if (d[index] != expected) _violate(string.concat(what, " (", _describe(index), ")"));
        d[index] = 0;
    }

    /// @dev Requires every remaining entry of a diff to be zero.
    function _expectUnchanged(int256[] memory d, string memory what) internal {
        for (uint256 i; i < d.length; ++i) {
            if (d[i] != 0) _violate(string.concat(what, ": unexpected change of ", _describe(i)));
        }
    }

    function _describe(uint256 index) internal view returns (string memory) {
        uint256 perToken = N_ACCOUNTS * 2;
        if (index < N_TOKENS * perToken) {
            uint256 a = (index % perToken) / 2;
            string memory kind = index % 2 == BALANCE ? " balance of account " : " credit of account ";
            return string.concat(_tokenNames[index / perToken], kind, _toString(a));
        }
        index -= N_TOKENS * perToken;
        uint256 field = index % 3;
        string memory name =
            field == BONDED
                ? "bonded"
                : field == LOCKED
                    ? "locked"
                    : "queued";
        return string.concat(name, " stake of agent ", _toString(index / 3));
    }

    /// @dev Calls Surety as `caller`; a revert is bubbled up, so it fails the run.
    function _exec(address caller, uint256 value, bytes memory data) internal returns (bytes memory result) {
        bool ok;
        vm.prank(caller);
        (ok, result) = address(surety).call{value: value}(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
    }

    /// @dev Calls Surety as `caller` expecting a revert with exactly `expected`; records a violation otherwise.
    function _expectRevert(
        address caller,
        uint256 value,
        bytes memory data,
        bytes memory expected,
        bytes32 action
    ) internal {
        vm.prank(caller);
        (bool ok, bytes memory result) = address(surety).call{value: value}(data);
        if (ok) _violate(string.concat(_name(action), ": succeeded, a revert was expected"));
        else if (keccak256(result) != keccak256(expected))
            _violate(string.concat(_name(action), ": wrong revert data"));
        // The statistic's key is the action's name with the expected error's selector in its last four bytes.
        _count(bytes32(uint256(action) | uint256(uint32(bytes4(expected)))));
    }

    /// @dev A short name stored in a bytes32, without its trailing zero bytes.
    function _name(bytes32 key) internal pure returns (string memory) {
        uint256 length;
        while (length < 32 && key[length] != 0) ++length;
        bytes memory name = new bytes(length);
        for (uint256 i; i < length; ++i) name[i] = key[i];
        return string(name);
    }

    function _violate(string memory what) internal {
        store.violate(what);
    }

    function _count(bytes32 key) internal {
        store.count(key);
    }

    /// @dev A fresh pseudo-random word from `seed`, so that one fuzzed input serves several choices.
    function _sub(uint256 seed, uint256 i) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, i)));
    }
}
