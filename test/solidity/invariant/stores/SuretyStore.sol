// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Surety} from "../../../../contracts/Surety.sol";
import {MockERC20Permit} from "../../../../contracts/mocks/MockERC20Permit.sol";
import {MockWallet} from "../../../../contracts/mocks/MockWallet.sol";
import {Offer, PactStatus, Proposals, Terms} from "../../../../contracts/types/DataTypes.sol";

import {TestBase} from "../../utils/TestBase.sol";

/*//////////////////////////////////////////////////////////////
                            SETTINGS
//////////////////////////////////////////////////////////////*/

address constant ETH = address(0);
uint16 constant BPS = 10_000;
uint256 constant MAX_PACTS = 200;
uint256 constant MAX_OFFERS = 48;
/// @dev Stake-token (6 decimals) amounts: collateral up to 1M, deposits up to 2M.
uint256 constant MAX_COLLATERAL = 1e12;
uint256 constant MAX_DEPOSIT = 2e12;

uint256 constant N_TOKENS = 3;
uint256 constant N_BUYERS = 4;
uint256 constant N_AGENTS = 4;
uint256 constant N_ARBITERS = 3;
/// @dev Surety, the buyers, the agents, the arbiters, the sink, the stranger, the operator and the guardian.
uint256 constant N_ACCOUNTS = 1 + N_BUYERS + N_AGENTS + N_ARBITERS + 4;

/// @dev Index of the stake token in the store's `tokens()`.
uint256 constant STAKE = 0;
/// @dev Entries of the books: per token and account, a balance and a credit; per agent, three stake fields.
uint256 constant BALANCE = 0;
uint256 constant CREDIT = 1;
uint256 constant BONDED = 0;
uint256 constant LOCKED = 1;
uint256 constant QUEUED = 2;

/// @dev The pact calls `callInWrongStatus` and the terminal-status check try, by number.
uint256 constant N_PACT_CALLS = 18;

/// @dev What an action looks for among the recorded pacts (see `SuretyStore.find`).
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
    Defaultable,
    Holdable,
    Held
}

/// @notice The record every handler of the invariant suite shares, and that the invariants read: the actors, each
/// pact's terms, modelled status and time of last transition, what was measured for it (its ghost), the model of
/// stake, credits, nonces, proposals and ruling holds, the suite's clock, and what was observed after each step
/// (violations, transitions, statistics). Once built (it registers the arbiters), it makes no call to Surety that
/// changes anything, and it is not a target of the runner: the handlers write to it after each call they measured.
contract SuretyStore is TestBase {
    /*//////////////////////////////////////////////////////////////
                                 ACTORS
    //////////////////////////////////////////////////////////////*/

    Surety public immutable surety;
    /// @dev The stake token, also a payment token (6 decimals).
    MockERC20Permit public immutable usd;
    /// @dev A second payment token (18 decimals).
    MockERC20Permit public immutable eur;
    /// @dev A contract buyer that refuses ETH while `refuseEth`, so that ETH payouts to it become credits.
    MockWallet public immutable walletBuyer;
    /// @dev A contract agent that signs offers through ERC-1271 and can also refuse ETH.
    MockWallet public immutable walletAgent;
    address public immutable walletOwner;
    address public immutable operator;
    address public immutable guardian;
    address public immutable sink;
    address public immutable stranger;

    uint32 public immutable MIN_REVIEW;
    uint32 public immutable MIN_RULING;
    uint32 public immutable MAX_RULING;
    uint32 public immutable MAX_RULING_HOLD;

    address[] internal _buyers;
    address[] internal _agents;
    address[] internal _arbiters;
    address[] internal _tokens;
    string[] internal _tokenNames;
    /// @dev Every account the books follow; Surety first.
    address[] internal _accounts;
    /// @notice Each followed account's and each agent's position in `accounts()` and `agents()`, plus one.
    mapping(address account => uint256 slot) public accountSlot;
    mapping(address agent => uint256 slot) public agentSlot;
    /// @notice The key that signs for an account: its own, or the owner's for the wallet agent.
    mapping(address account => uint256 key) public keyOf;

    /*//////////////////////////////////////////////////////////////
                                 MODEL
    //////////////////////////////////////////////////////////////*/

    /// @notice What the handlers measured for one pact. Receipts are balance gains plus credit gains at settlement.
    struct Ghost {
        uint256 priceFunded; // what arrived in the contract when the pact was funded
        uint256 feeFunded; // what arrived in the contract when the buyer disputed
        uint256 buyerReceived; // in the pact's token
        uint256 agentReceived; // in the pact's token
        uint256 arbiterReceived; // in the pact's token
        uint256 buyerStakeReceived; // in the stake token, when it is not the pact's token
        uint256 otherStakeReceived; // in the stake token, by the agent and the arbiter, when not the pact's token
        uint256 slashed; // fall of the agent's bonded stake at settlement
        uint256 ruledSlash; // the slash the arbiter ruled (Resolved)
        uint16 ruledBps; // the buyer's share the arbiter ruled (Resolved) or the parties agreed (Settled)
        bool disputed;
        bool settled;
        uint40 disputedAt; // when the buyer disputed
        // Settled: the accepted proposal as the model saw it just before the acceptance.
        PactStatus acceptedFrom; // the pact's status when it was accepted
        PactStatus proposalStatus; // the status the accepted proposal was made in
        uint40 proposedAt; // when the accepted proposal was made
        uint40 acceptanceDeadline; // the deadline of the status it was accepted in
    }

    struct SignedOffer {
        Offer offer;
        bytes signature;
    }

    /// @dev Indexed by pact id - 1.
    Terms[] internal _terms;
    PactStatus[] internal _status;
    uint40[] internal _since;
    /// @dev The contract's status of each pact after the previous step.
    PactStatus[] internal _lastSeen;
    mapping(uint256 pactId => Ghost) internal _ghosts;

    SignedOffer[] internal _offers;
    uint256 internal _nonceCounter;
    mapping(address agent => mapping(uint256 nonce => bool)) public modelNonceUsed;

    mapping(address agent => uint256) public modelBonded;
    mapping(address agent => uint256) public modelLocked;
    mapping(address agent => uint256) public modelQueued;
    mapping(address agent => uint256) public deposited;
    mapping(address agent => uint256) public withdrawn;
    mapping(address agent => uint256) public slashedTotal;
    mapping(address token => mapping(address account => uint256)) public modelCredit;
    mapping(address token => uint256) public donated;

    /// @dev The model of each pact's proposals slot, changed exactly as the contract changes its own: the status they
    /// were made in, each split with the time it was made, each deadline ask. Lapsed entries stay, as on-chain.
    mapping(uint256 pactId => Proposals) internal _proposals;
    /// @notice Until when each pact's arbiter held its ruling; zero when it did not.
    mapping(uint256 pactId => uint40) public heldUntil;

    /// @notice The suite's clock: every step starts by warping to it, and only moves it forward.
    uint256 public currentTime;
    uint256 public lastNextPactId;
    /// @notice The pact the current step acts on; a status change of any other pact is a violation.
    uint256 public touched;

    /*//////////////////////////////////////////////////////////////
                          OBSERVATIONS AND STATS
    //////////////////////////////////////////////////////////////*/

    /// @notice The first failed step check, empty if none; and how many failed.
    string public violation;
    uint256 public violations;

    bool public nextPactIdDecreased;
    /// @notice Every status change observed, as bit `from * 14 + to`.
    uint256 public transitionsSeen;
    /// @dev How often each transition was observed, by from * 14 + to.
    mapping(uint256 fromTo => uint256) internal _transitions;

    /// @notice Calls to the operator's and guardian's functions after which every balance, credit and stake
    /// was checked unchanged.
    uint256 public roleCallsChecked;
    /// @notice Successful acceptances (and offer fundings) by an agent at Narrowed or above, each checked
    /// against its cap.
    uint256 public cappedAcceptances;

    /// @notice How often each action made its call (a successful one, or an expected revert).
    mapping(bytes32 action => uint256) public stat;
    bytes32[] internal _statKeys;

    constructor(Surety surety_, MockERC20Permit usd_, MockERC20Permit eur_) {
        surety = surety_;
        usd = usd_;
        eur = eur_;
        currentTime = block.timestamp;
        lastNextPactId = surety_.nextPactId();
        MIN_REVIEW = surety_.config().minReviewPeriod;
        MIN_RULING = surety_.config().minRulingPeriod;
        MAX_RULING = surety_.config().maxRulingPeriod;
        MAX_RULING_HOLD = surety_.config().maxRulingHold;

        operator = makeActor("operator");
        guardian = makeActor("guardian");
        sink = makeActor("sink");
        stranger = makeActor("stranger");
        walletOwner = makeActor("walletOwner");

        walletBuyer = new MockWallet(walletOwner);
        vm.label(address(walletBuyer), "walletBuyer");
        vm.prank(walletOwner);
        walletBuyer.setRefuseEth(true);
        for (uint256 i; i < N_BUYERS - 1; ++i) _buyers.push(_keyed(0xB0B0_0000 + i, "buyer", i));
        _buyers.push(address(walletBuyer));

        for (uint256 i; i < N_AGENTS - 1; ++i) _agents.push(_keyed(0xA6E0_0000 + i, "agent", i));
        uint256 walletAgentKey = 0xA6E0_00FF;
        walletAgent = new MockWallet(vm.addr(walletAgentKey));
        vm.label(address(walletAgent), "walletAgent");
        keyOf[address(walletAgent)] = walletAgentKey;
        _agents.push(address(walletAgent));

        for (uint256 i; i < N_ARBITERS; ++i) _arbiters.push(makeActor(string.concat("arbiter", _toString(i))));

        _tokens.push(address(usd_));
        _tokens.push(address(eur_));
        _tokens.push(ETH);
        _tokenNames.push("mUSD");
        _tokenNames.push("mEUR");
        _tokenNames.push("ETH");
        for (uint256 i; i < N_ARBITERS; ++i) {
            for (uint256 k; k < N_TOKENS; ++k) {
                vm.prank(_arbiters[i]);
                surety_.registerArbiter(_tokens[k], 0, MAX_RULING);
            }
        }

        _addAccount(address(surety_));
        for (uint256 i; i < N_BUYERS; ++i) _addAccount(_buyers[i]);
        for (uint256 i; i < N_AGENTS; ++i) {
            _addAccount(_agents[i]);
            agentSlot[_agents[i]] = i + 1;
        }
        for (uint256 i; i < N_ARBITERS; ++i) _addAccount(_arbiters[i]);
        _addAccount(sink);
        _addAccount(stranger);
        _addAccount(operator);
        _addAccount(guardian);
        require(_accounts.length == N_ACCOUNTS, "store: account count");
    }

    /*//////////////////////////////////////////////////////////////
                             READS: ACTORS
    //////////////////////////////////////////////////////////////*/

    function buyers() external view returns (address[] memory) {
        return _buyers;
    }

    function agents() external view returns (address[] memory) {
        return _agents;
    }

    function arbiters() external view returns (address[] memory) {
        return _arbiters;
    }

    function accounts() external view returns (address[] memory) {
        return _accounts;
    }

    function tokens() external view returns (address[] memory) {
        return _tokens;
    }

    function tokenNames() external view returns (string[] memory) {
        return _tokenNames;
    }

    /// @notice Whether `account` is one of the two wallets, refusing ETH now.
    function refusesEth(address account) public view returns (bool) {
        if (account == address(walletBuyer)) return walletBuyer.refuseEth();
        if (account == address(walletAgent)) return walletAgent.refuseEth();
        return false;
    }

    /// @notice A caller for the permissionless calls: the stranger, a buyer, an agent or an arbiter.
    function anyone(uint256 seed) external view returns (address) {
        uint256 pick = seed % 4;
        if (pick == 0) return stranger;
        if (pick == 1) return _buyers[(seed >> 8) % N_BUYERS];
        if (pick == 2) return _agents[(seed >> 8) % N_AGENTS];
        return _arbiters[(seed >> 8) % N_ARBITERS];
    }

    /*//////////////////////////////////////////////////////////////
                              READS: PACTS
    //////////////////////////////////////////////////////////////*/

    function pactCount() external view returns (uint256) {
        return _terms.length;
    }

    function terms(uint256 pactId) external view returns (Terms memory) {
        return _terms[pactId - 1];
    }

    function status(uint256 pactId) external view returns (PactStatus) {
        return _status[pactId - 1];
    }

    function since(uint256 pactId) external view returns (uint40) {
        return _since[pactId - 1];
    }

    function ghost(uint256 pactId) external view returns (Ghost memory) {
        return _ghosts[pactId];
    }

    /// @notice The model's proposals slot of pact `pactId`, lapsed entries included.
    function proposals(uint256 pactId) external view returns (Proposals memory) {
        return _proposals[pactId];
    }

    /// @notice Everything the store keeps about one pact: its terms, modelled status and time of last
    /// transition, and what was measured.
    function pactModel(
        uint256 pactId
    ) external view returns (Terms memory terms_, PactStatus status_, uint40 since_, Ghost memory ghost_) {
        return (_terms[pactId - 1], _status[pactId - 1], _since[pactId - 1], _ghosts[pactId]);
    }

    /// @notice The first pact at or after a random position (wrapping around) that is a candidate for what the
    /// action wants now.
    function find(uint256 seed, Want want) external view returns (bool, uint256) {
        uint256 n = _terms.length;
        if (n == 0) return (false, 0);
        uint256 start = seed % n;
        for (uint256 k; k < n; ++k) {
            uint256 id = ((start + k) % n) + 1;
            if (_matches(id, want)) return (true, id);
        }
        return (false, 0);
    }

    /// @notice The last second a Disputed pact may be ruled on: the end of its ruling period, or of its hold if
    /// later.
    function rulingEnd(uint256 id) public view returns (uint256 end) {
        end = uint256(_since[id - 1]) + _terms[id - 1].rulingPeriod;
        if (heldUntil[id] > end) end = heldUntil[id];
    }

    /// @notice The deadline of an underway pact's current status: past it, that status's outcome opens to anyone.
    function statusDeadline(uint256 id) public view returns (uint256) {
        PactStatus status_ = _status[id - 1];
        if (status_ == PactStatus.Active) return _terms[id - 1].deliverBy;
        if (status_ == PactStatus.Delivered) return uint256(_since[id - 1]) + _terms[id - 1].reviewPeriod;
        return rulingEnd(id);
    }

    /// @notice The lapse rules: a split made at `madeAt` stands when it was made in the pact's current (live)
    /// status, and either after that status's deadline (fresh consent) or the deadline has not passed.
    function standing(uint256 id, uint40 madeAt) public view returns (bool) {
        PactStatus status_ = _status[id - 1];
        if (madeAt == 0 || !_isLive(status_) || _proposals[id].status != status_) return false;
        uint256 deadline = statusDeadline(id);
        return madeAt > deadline || currentTime <= deadline;
    }

    /// @notice A deadline ask stands while the pact is Active, the ask made while it was, and its deadline not
    /// passed.
    function askStanding(uint256 id, uint40 ask) public view returns (bool) {
        return
            ask != 0 &&
            _status[id - 1] == PactStatus.Active &&
            _proposals[id].status == PactStatus.Active &&
            currentTime <= _terms[id - 1].deliverBy;
    }

    /// @notice What must stand in pact `pactId` now (at `currentTime`) by the lapse rules, in the shape of the
    /// contract's `proposalsOf`: lapsed proposals read as zero, and `status` is the pact's.
    function standingProposals(uint256 pactId) external view returns (Proposals memory standing_) {
        Proposals memory p = _proposals[pactId];
        standing_.status = _status[pactId - 1];
        if (standing(pactId, p.buyerSplitAt))
            (standing_.buyerSplitAt, standing_.buyerSplitBps) = (p.buyerSplitAt, p.buyerSplitBps);
        if (standing(pactId, p.agentSplitAt))
            (standing_.agentSplitAt, standing_.agentSplitBps) = (p.agentSplitAt, p.agentSplitBps);
        if (askStanding(pactId, p.buyerDeliverBy)) standing_.buyerDeliverBy = p.buyerDeliverBy;
        if (askStanding(pactId, p.agentDeliverBy)) standing_.agentDeliverBy = p.agentDeliverBy;
    }

    /*//////////////////////////////////////////////////////////////
                          READS: OFFERS AND BOOKS
    //////////////////////////////////////////////////////////////*/

    function offerCount() external view returns (uint256) {
        return _offers.length;
    }

    function offer(uint256 index) external view returns (SignedOffer memory) {
        return _offers[index];
    }

    /// @notice Every kept offer's agent and nonce, and whether the model has the nonce used.
    function offerNonces()
        external
        view
        returns (address[] memory agents_, uint256[] memory nonces, bool[] memory used)
    {
        uint256 n = _offers.length;
        agents_ = new address[](n);
        nonces = new uint256[](n);
        used = new bool[](n);
        for (uint256 i; i < n; ++i) {
            Offer storage o = _offers[i].offer;
            (agents_[i], nonces[i], used[i]) = (o.agent, o.nonce, modelNonceUsed[o.agent][o.nonce]);
        }
    }

    /// @notice The model of every account's credit, token by token in the order of `tokens()`, then account by
    /// account in the order of `accounts()`.
    function modelCredits() external view returns (uint256[] memory credits) {
        credits = new uint256[](N_TOKENS * N_ACCOUNTS);
        for (uint256 k; k < N_TOKENS; ++k) {
            for (uint256 a; a < N_ACCOUNTS; ++a) credits[k * N_ACCOUNTS + a] = modelCredit[_tokens[k]][_accounts[a]];
        }
    }

    /// @notice What the contract owes in each token (in the order of `tokens()`), read from the contract: the
    /// price of every live pact, the arbiter fee of every Disputed pact, the agents' bonded and queued stake
    /// (stake token only) and every account's credit.
    function owed() external view returns (uint256[] memory escrow, uint256[] memory fees, uint256[] memory credits) {
        escrow = new uint256[](N_TOKENS);
        fees = new uint256[](N_TOKENS);
        credits = new uint256[](N_TOKENS);
        for (uint256 id = 1; id <= _terms.length; ++id) {
            Terms storage t = _terms[id - 1];
            uint256 k = tokenIndex(t.token);
            (PactStatus status_, , ) = surety.getPact(id);
            if (_isLive(status_)) escrow[k] += t.price;
            if (status_ == PactStatus.Disputed) fees[k] += t.arbiterFee;
        }
        for (uint256 k; k < N_TOKENS; ++k) {
            for (uint256 a; a < N_ACCOUNTS; ++a) credits[k] += surety.creditOf(_tokens[k], _accounts[a]);
        }
    }

    /// @notice The collateral of each agent's (in the order of `agents()`) underway pacts (accepted, not yet
    /// settled), read from the contract's statuses.
    function collateralAtRisk() external view returns (uint256[] memory totals) {
        totals = new uint256[](N_AGENTS);
        for (uint256 id = 1; id <= _terms.length; ++id) {
            (PactStatus status_, , ) = surety.getPact(id);
            if (_isUnderway(status_)) totals[agentSlot[_terms[id - 1].agent] - 1] += _terms[id - 1].collateral;
        }
    }

    function statKeys() external view returns (bytes32[] memory) {
        return _statKeys;
    }

    /// @notice How often the change from status `from` to `to` was observed.
    function transitionCount(uint256 from, uint256 to) external view returns (uint256) {
        return _transitions[from * 14 + to];
    }

    function tokenIndex(address token) public view returns (uint256) {
        if (token == address(usd)) return 0;
        if (token == address(eur)) return 1;
        return 2;
    }

    /*//////////////////////////////////////////////////////////////
                            WRITES: PACTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Records a pact just created in `status_`, funded with `priceFunded`; returns its id.
    function pushPact(Terms memory t, PactStatus status_, uint256 priceFunded) external returns (uint256 id) {
        _terms.push(t);
        _status.push(status_);
        _since.push(uint40(currentTime));
        id = _terms.length;
        _ghosts[id].priceFunded = priceFunded;
    }

    /// @notice Pact `id` moved to `status_` now.
    function transition(uint256 id, PactStatus status_) external {
        _status[id - 1] = status_;
        _since[id - 1] = uint40(currentTime);
    }

    /// @notice Both parties asked for `deliverBy`: the extension takes effect now and ends every proposal, made
    /// against the old deadline.
    function extendDeliverBy(uint256 id, uint40 deliverBy) external {
        delete _proposals[id];
        _terms[id - 1].deliverBy = deliverBy;
        _since[id - 1] = uint40(currentTime);
    }

    function setGhost(uint256 id, Ghost memory g) external {
        _ghosts[id] = g;
    }

    function setProposals(uint256 id, Proposals memory p) external {
        _proposals[id] = p;
    }

    function deleteProposals(uint256 id) external {
        delete _proposals[id];
    }

    function setHeldUntil(uint256 id, uint40 until) external {
        heldUntil[id] = until;
    }

    /*//////////////////////////////////////////////////////////////
                        WRITES: OFFERS AND MONEY
    //////////////////////////////////////////////////////////////*/

    /// @notice A fresh number for an offer's terms hash and nonce.
    function nextOfferNumber() external returns (uint256) {
        return _nonceCounter++;
    }

    /// @notice Keeps a signed offer, replacing the one at `seed` once `MAX_OFFERS` are kept.
    function keepOffer(SignedOffer memory signed, uint256 seed) external {
        if (_offers.length < MAX_OFFERS) _offers.push(signed);
        else _offers[seed % MAX_OFFERS] = signed;
    }

    function useNonce(address agent, uint256 nonce) external {
        modelNonceUsed[agent][nonce] = true;
    }

    function recordDeposit(address agent, uint256 amount) external {
        modelBonded[agent] += amount;
        deposited[agent] += amount;
    }

    function recordLock(address agent, uint256 collateral) external {
        modelLocked[agent] += collateral;
    }

    function recordUnlock(address agent, uint256 collateral, uint256 slash) external {
        modelLocked[agent] -= collateral;
        modelBonded[agent] -= slash;
    }

    function recordSlash(address agent, uint256 slashed) external {
        slashedTotal[agent] += slashed;
    }

    function recordWithdrawalRequest(address agent, uint256 amount) external {
        modelBonded[agent] -= amount;
        modelQueued[agent] += amount;
    }

    /// @notice At the end of a run the agent queues all its bonded stake.
    function recordFullWithdrawalRequest(address agent, uint256 amount) external {
        modelQueued[agent] += amount;
        modelBonded[agent] = 0;
    }

    function recordWithdrawal(address agent, uint256 amount) external {
        modelQueued[agent] = 0;
        withdrawn[agent] += amount;
    }

    /// @notice Models a payout: only ETH to a wallet that refuses ETH fails, and becomes a credit.
    function recordPayout(address token, address to, uint256 amount) external {
        if (amount == 0) return;
        if (token == ETH && refusesEth(to)) modelCredit[ETH][to] += amount;
    }

    function clearCredit(address token, address account) external {
        modelCredit[token][account] = 0;
    }

    function recordDonation(address token, uint256 amount) external {
        donated[token] += amount;
    }

    /*//////////////////////////////////////////////////////////////
                      WRITES: CLOCK AND OBSERVATIONS
    //////////////////////////////////////////////////////////////*/

    function setCurrentTime(uint256 timestamp) external {
        currentTime = timestamp;
    }

    function setTouched(uint256 id) external {
        touched = id;
    }

    function violate(string memory what) public {
        if (violations == 0) violation = what;
        ++violations;
    }

    function count(bytes32 key) external {
        if (stat[key] == 0) _statKeys.push(key);
        ++stat[key];
    }

    function countRoleCall() external {
        ++roleCallsChecked;
    }

    function countCappedAcceptance() external {
        ++cappedAcceptances;
    }

    /// @notice After every step: pact ids never decrease; every status change is counted by (from, to); only the
    /// pact the step acted on may change; a new id must hold a pact.
    function observe() external {
        uint256 next = surety.nextPactId();
        if (next < lastNextPactId) {
            nextPactIdDecreased = true;
            violate("nextPactId decreased");
        }
        lastNextPactId = next;
        uint256 known = _lastSeen.length;
        for (uint256 id = 1; id < next; ++id) {
            (PactStatus status_, , ) = surety.getPact(id);
            PactStatus previous = id <= known ? _lastSeen[id - 1] : PactStatus.None;
            if (id > known) _lastSeen.push(status_);
            if (status_ == previous) {
                if (id > known) violate("a new pact id holds no pact");
                continue;
            }
            uint256 bit = uint256(previous) * 14 + uint256(status_);
            transitionsSeen |= 1 << bit;
            ++_transitions[bit];
            if (id != touched) {
                violate(string.concat("pact ", _toString(id), " changed in a step acting on another"));
            }
            _lastSeen[id - 1] = status_;
        }
    }

    /*//////////////////////////////////////////////////////////////
                                PRIVATE
    //////////////////////////////////////////////////////////////*/

    /// @dev Whether pact `id` is a candidate for what the action wants, now.
    function _matches(uint256 id, Want want) private view returns (bool) {
        PactStatus status_ = _status[id - 1];
        Terms storage t = _terms[id - 1];
        if (want == Want.Open) return status_ == PactStatus.Open;
        if (want == Want.Acceptable) return status_ == PactStatus.Open && currentTime <= t.acceptBy;
        if (want == Want.Reclaimable) return status_ == PactStatus.Open && currentTime > t.acceptBy;
        if (want == Want.Active) return status_ == PactStatus.Active;
        if (want == Want.Deliverable) return status_ == PactStatus.Active && currentTime <= t.deliverBy;
        if (want == Want.Refundable) return status_ == PactStatus.Active && currentTime > t.deliverBy;
        if (want == Want.Delivered) return status_ == PactStatus.Delivered;
        uint256 since_ = _since[id - 1];
        if (want == Want.Disputable) return status_ == PactStatus.Delivered && currentTime <= since_ + t.reviewPeriod;
        if (want == Want.Finalizable) return status_ == PactStatus.Delivered && currentTime > since_ + t.reviewPeriod;
        if (want == Want.Releasable) return _isUnderway(status_);
        if (want == Want.Disputed) return status_ == PactStatus.Disputed;
        if (want == Want.Rulable) return status_ == PactStatus.Disputed && currentTime <= rulingEnd(id);
        if (want == Want.Defaultable) return status_ == PactStatus.Disputed && currentTime > rulingEnd(id);
        uint256 held = heldUntil[id];
        if (want == Want.Holdable) {
            return status_ == PactStatus.Disputed && held == 0 && currentTime <= since_ + t.rulingPeriod;
        }
        return status_ == PactStatus.Disputed && held != 0 && currentTime <= held; // Held
    }

    /// @dev Live: not terminal (Open, Active, Delivered or Disputed).
    function _isLive(PactStatus status_) private pure returns (bool) {
        return status_ == PactStatus.Open || _isUnderway(status_);
    }

    /// @dev Underway: accepted, the price in escrow, not yet settled (Active, Delivered or Disputed).
    function _isUnderway(PactStatus status_) private pure returns (bool) {
        return status_ == PactStatus.Active || status_ == PactStatus.Delivered || status_ == PactStatus.Disputed;
    }

    function _keyed(uint256 key, string memory role, uint256 i) private returns (address account) {
        account = vm.addr(key);
        keyOf[account] = key;
        vm.label(account, string.concat(role, _toString(i)));
    }

    function _addAccount(address account) private {
        _accounts.push(account);
        accountSlot[account] = _accounts.length;
    }
}
