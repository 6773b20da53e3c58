// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {Surety} from "../../../contracts/Surety.sol";
import {ISurety} from "../../../contracts/interfaces/ISurety.sol";
import {ISuretyCooperative} from "../../../contracts/interfaces/ISuretyCooperative.sol";
import {ISuretyErrors} from "../../../contracts/interfaces/ISuretyErrors.sol";
import {MockERC20Permit} from "../../../contracts/mocks/MockERC20Permit.sol";
import {MockWallet} from "../../../contracts/mocks/MockWallet.sol";
import {
    AgentStatus,
    ArbiterTerms,
    Offer,
    PactStatus,
    Permit,
    Proposals,
    StakeAccount,
    Standing,
    Terms
} from "../../../contracts/types/DataTypes.sol";

import {TestBase} from "../utils/TestBase.sol";

/// @notice Drives Surety through random sequences of calls for the invariant runner, as buyers, agents, arbiters,
/// the operator, the guardian and bystanders. Every call the handler means to succeed is valid in the current
/// state (it picks a pact, an agent or an account for which it is, warping time when the call needs a deadline
/// to have passed, and does nothing when there is none), so any revert of such a call is unexpected and fails
/// the run (failOnRevert). Calls that must fail (creation while paused, acceptance beyond a cap, a dead offer,
/// an early withdrawal...) are made as low-level calls, and the handler requires the exact revert data.
///
/// Around the calls it checks what one step can break (see test/invariant/README.md): it snapshots every
/// balance and credit in every token, and every stake account, before and after each call that may move
/// money, and requires that only the expected entries changed; it measures what each pact was funded with and
/// what each party received when it settled; it records every status transition it observes. A failed check
/// is recorded as a violation, which every invariant of SuretyInvariantTest reports.
contract SuretyHandler is TestBase {
    /*//////////////////////////////////////////////////////////////
                                SETTINGS
    //////////////////////////////////////////////////////////////*/

    address internal constant ETH = address(0);
    uint16 internal constant BPS = 10_000;
    uint256 internal constant MAX_PACTS = 200;
    uint256 internal constant MAX_OFFERS = 48;
    /// @dev Stake-token (6 decimals) amounts: collateral up to 1M, deposits up to 2M.
    uint256 internal constant MAX_COLLATERAL = 1e12;
    uint256 internal constant MAX_DEPOSIT = 2e12;

    uint256 internal constant N_TOKENS = 3;
    uint256 internal constant N_BUYERS = 4;
    uint256 internal constant N_AGENTS = 4;
    uint256 internal constant N_ARBITERS = 3;
    /// @dev Surety, the buyers, the agents, the arbiters, the sink, the stranger, the operator and the guardian.
    uint256 internal constant N_ACCOUNTS = 1 + N_BUYERS + N_AGENTS + N_ARBITERS + 4;

    /// @dev Index of the stake token in `_tokens`.
    uint256 internal constant STAKE = 0;
    /// @dev Entries of the books: per token and account, a balance and a credit; per agent, three stake fields.
    uint256 internal constant BALANCE = 0;
    uint256 internal constant CREDIT = 1;
    uint256 internal constant BONDED = 0;
    uint256 internal constant LOCKED = 1;
    uint256 internal constant QUEUED = 2;

    bytes32 internal constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );

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

    uint32 internal immutable _MIN_REVIEW;
    uint32 internal immutable _MIN_RULING;
    uint32 internal immutable _MAX_RULING;
    uint32 internal immutable _MAX_RULING_HOLD;

    address[] internal _buyers;
    address[] internal _agents;
    address[] internal _arbiters;
    address[] internal _tokens;
    string[] internal _tokenNames;
    /// @dev Every account the books follow; Surety first.
    address[] internal _accounts;
    mapping(address account => uint256 slot) internal _accountSlot; // index + 1
    mapping(address agent => uint256 slot) internal _agentSlot; // index + 1
    /// @dev The key that signs for an account: its own, or the owner's for the wallet agent.
    mapping(address account => uint256 key) internal _keyOf;

    /*//////////////////////////////////////////////////////////////
                                 MODEL
    //////////////////////////////////////////////////////////////*/

    /// @notice What the handler measured for one pact. Receipts are balance gains plus credit gains at settlement.
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
    /// @dev Until when each pact's arbiter held its ruling; zero when it did not.
    mapping(uint256 pactId => uint40) internal _heldUntil;

    uint256 public currentTime;
    uint256 public lastNextPactId;
    /// @dev The pact the current step acts on; a status change of any other pact is a violation.
    uint256 internal _touched;

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

    /// @dev How often each action made its call (a successful one, or an expected revert).
    mapping(bytes32 action => uint256) public stat;
    bytes32[] internal _statKeys;

    modifier step() {
        vm.warp(currentTime);
        _touched = 0;
        _;
        _observe();
    }

    constructor(Surety surety_, MockERC20Permit usd_, MockERC20Permit eur_) {
        surety = surety_;
        usd = usd_;
        eur = eur_;
        currentTime = block.timestamp;
        lastNextPactId = surety_.nextPactId();
        _MIN_REVIEW = surety_.config().minReviewPeriod;
        _MIN_RULING = surety_.config().minRulingPeriod;
        _MAX_RULING = surety_.config().maxRulingPeriod;
        _MAX_RULING_HOLD = surety_.config().maxRulingHold;

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
        _keyOf[address(walletAgent)] = walletAgentKey;
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
                surety_.registerArbiter(_tokens[k], 0, _MAX_RULING);
            }
        }

        _addAccount(address(surety_));
        for (uint256 i; i < N_BUYERS; ++i) _addAccount(_buyers[i]);
        for (uint256 i; i < N_AGENTS; ++i) {
            _addAccount(_agents[i]);
            _agentSlot[_agents[i]] = i + 1;
        }
        for (uint256 i; i < N_ARBITERS; ++i) _addAccount(_arbiters[i]);
        _addAccount(sink);
        _addAccount(stranger);
        _addAccount(operator);
        _addAccount(guardian);
        require(_accounts.length == N_ACCOUNTS, "handler: account count");
    }

    /*//////////////////////////////////////////////////////////////
                              BUYER ACTIONS
    //////////////////////////////////////////////////////////////*/

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
        if (_terms.length >= MAX_PACTS) return;
        address token = _tokens[mode % N_TOKENS];
        bool permit = (mode >> 8) & 1 == 1;
        Terms memory t;
        t.buyer = _buyers[partySeed % N_BUYERS];
        t.agent = _agents[(partySeed >> 8) % N_AGENTS];
        t.token = token;
        t.arbiter = _pickArbiter(partySeed >> 16, token, (partySeed >> 24) % 4 == 0);
        _draftAmounts(t, price, amountsSeed);
        _draftPeriods(t, timingSeed);
        t.acceptBy = uint40(currentTime + 1 + (uint64(timingSeed >> 128) % 3 days));
        t.deliverBy = uint40(uint256(t.acceptBy) + 1 + (uint64(timingSeed >> 192) % 4 days));
        t.termsHash = keccak256(abi.encode("pact", _terms.length + 1));

        _fund(t.buyer, token, t.price);
        bytes memory data;
        if (permit && token != ETH && _keyOf[t.buyer] != 0) {
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
        if (id != _terms.length + 1) _violate("createPact returned an unexpected id");
        _touched = id;
        uint256 funded = _takeFunding(d, t.token, t.buyer, t.price, "createPact pulls exactly the price");
        _expectUnchanged(d, "createPact");
        _push(t, PactStatus.Open, funded);
        _count(permit ? bytes32("createPactWithPermit") : bytes32("createPact"));
    }

    /// @notice A buyer funds a signed offer: the pact starts Active. Offers that are dead (expired, nonce used
    /// or revoked, meant for another buyer, tampered with, arbiter gone or changed) or that the agent cannot
    /// back (Paused, beyond its cap, short of free stake), and any funding while paused, must revert with the
    /// exact error the first failing check gives.
    function fundOffer(uint256 offerSeed, uint256 buyerSeed, uint256 mode) external step {
        if (_offers.length == 0 || _terms.length >= MAX_PACTS) return;
        SignedOffer memory signed = _offers[offerSeed % _offers.length];
        Offer memory o = signed.offer;
        address buyer = o.buyer != address(0) && buyerSeed % 4 != 0 ? o.buyer : _buyers[buyerSeed % N_BUYERS];
        bool permit = (mode >> 4) & 1 == 1 && o.token != ETH && _keyOf[buyer] != 0;
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
        if (id != _terms.length + 1) _violate("createPactFromOffer returned an unexpected id");
        _touched = id;
        uint256 funded = _takeFunding(d, t.token, buyer, t.price, "createPactFromOffer pulls exactly the price");
        _take(d, _stakeAt(t.agent, LOCKED), int256(t.collateral), "createPactFromOffer locks the collateral");
        _expectUnchanged(d, "createPactFromOffer");
        modelNonceUsed[o.agent][o.nonce] = true;
        modelLocked[t.agent] += t.collateral;
        _checkCap(t.agent);
        _push(t, PactStatus.Active, funded);
        _count(permit ? bytes32("createPactFromOffer+permit") : bytes32("createPactFromOffer"));
    }

    /// @notice The buyer cancels an Open pact (allowed at any time, even past the acceptance deadline).
    function cancelPact(uint256 seed) external step {
        (bool found, uint256 id) = _find(seed, Want.Open);
        if (!found) return;
        Terms memory t = _terms[id - 1];
        _settle(id, t.buyer, abi.encodeCall(ISurety.cancelPact, (id, t)), PactStatus.Cancelled);
        _pay(t.token, t.buyer, t.price);
        _count("cancelPact");
    }

    /// @notice The buyer releases the price to the agent from Active, Delivered or Disputed.
    function releasePact(uint256 seed) external step {
        (bool found, uint256 id) = _find(seed, Want.Releasable);
        if (!found) return;
        Terms memory t = _terms[id - 1];
        bool disputed = _status[id - 1] == PactStatus.Disputed;
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
        Terms memory t = _terms[id - 1];
        bytes32 reason = keccak256(abi.encode("reason", id));
        _fund(t.buyer, t.token, t.arbiterFee);
        bytes memory data;
        if (permit && t.token != ETH && _keyOf[t.buyer] != 0) {
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
        _touched = id;
        Ghost storage g = _ghosts[id];
        g.feeFunded = _takeFunding(d, t.token, t.buyer, t.arbiterFee, "disputePact pulls exactly the fee");
        g.disputed = true;
        g.disputedAt = uint40(currentTime);
        _expectUnchanged(d, "disputePact");
        _transition(id, PactStatus.Disputed);
        _count(permit ? bytes32("disputePactWithPermit") : bytes32("disputePact"));
    }

    /// @notice The buyer or the agent adds evidence to a dispute: nothing moves, no status changes.
    function submitEvidence(uint256 seed, bool byAgent) external step {
        (bool found, uint256 id) = _find(seed, Want.Disputed);
        if (!found) return;
        Terms memory t = _terms[id - 1];
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
                              AGENT ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice The agent accepts an Open pact before its deadline, usually topping up its stake first. While
    /// paused, when the agent is Paused, beyond its cap or short of free stake, it must revert with that error.
    function acceptPact(uint256 seed, uint256 mode) external step {
        (bool found, uint256 id) = _find(seed, Want.Acceptable);
        if (!found) return;
        Terms memory t = _terms[id - 1];
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
        _touched = id;
        _take(d, _stakeAt(t.agent, LOCKED), int256(t.collateral), "acceptPact locks the collateral");
        _expectUnchanged(d, "acceptPact");
        _transition(id, PactStatus.Active);
        modelLocked[t.agent] += t.collateral;
        _checkCap(t.agent);
        _count("acceptPact");
    }

    /// @notice The agent delivers an Active pact before its delivery deadline: nothing moves.
    function deliverPact(uint256 seed) external step {
        (bool found, uint256 id) = _find(seed, Want.Deliverable);
        if (!found) return;
        Terms memory t = _terms[id - 1];
        int256[] memory before = _books();
        _exec(t.agent, 0, abi.encodeCall(ISurety.deliverPact, (id, t, keccak256(abi.encode("delivery", id)))));
        _expectUnchanged(_diff(before), "deliverPact");
        _touched = id;
        _transition(id, PactStatus.Delivered);
        _count("deliverPact");
    }

    /// @notice An agent signs an offer off-chain (EIP-712, or ERC-1271 for the wallet agent), open to any buyer
    /// or meant for one. It is kept for `fundOffer` and `revokeOffer`.
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
            termsHash: keccak256(abi.encode("offer", _nonceCounter)),
            nonce: uint256(keccak256(abi.encode("nonce", _nonceCounter++))),
            expiry: uint40(currentTime + (uint64(timingSeed >> 192) % 3 days))
        });
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(_keyOf[o.agent], surety.offerDigest(o));
        SignedOffer memory signed = SignedOffer({offer: o, signature: abi.encodePacked(r, s, v)});
        if (_offers.length < MAX_OFFERS) _offers.push(signed);
        else _offers[partySeed % MAX_OFFERS] = signed;
        _count("signOffer");
    }

    /// @notice An agent revokes one of its offers by nonce; a nonce already used or revoked must revert.
    function revokeOffer(uint256 offerSeed) external step {
        if (_offers.length == 0) return;
        Offer memory o = _offers[offerSeed % _offers.length].offer;
        bytes memory data = abi.encodeCall(ISurety.revokeOffer, (o.nonce));
        if (modelNonceUsed[o.agent][o.nonce]) {
            bytes memory expected = abi.encodeWithSelector(ISuretyErrors.Surety_NonceUsed.selector, o.agent, o.nonce);
            _expectRevert(o.agent, 0, data, expected, "revokeOffer reverts");
            return;
        }
        _exec(o.agent, 0, data);
        modelNonceUsed[o.agent][o.nonce] = true;
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
        modelBonded[agent] -= amount;
        modelQueued[agent] += amount;
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
            if (currentTime < account.readyAt || currentTime < frozenUntil) {
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

    /*//////////////////////////////////////////////////////////////
                             ARBITER ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice The arbiter rules on a Disputed pact within the ruling period, or its hold: a split and a slash.
    function resolveDispute(uint256 seed, uint256 buyerBps, uint256 slash) external step {
        (bool found, uint256 id) = _findRulable(seed);
        if (!found) return;
        Terms memory t = _terms[id - 1];
        buyerBps = bound(buyerBps, 0, BPS);
        slash = bound(slash, 0, t.collateral);
        _ghosts[id].ruledBps = uint16(buyerBps);
        _ghosts[id].ruledSlash = slash;
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
        Terms memory t = _terms[id - 1];
        bytes memory data = abi.encodeCall(ISurety.abstain, (id, t, keccak256(abi.encode("abstention", id))));
        _settle(id, t.arbiter, data, PactStatus.Abstained);
        _defaultSplit(t);
        _count("abstain");
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
        bool targeted = (arbiterSeed >> 8) % 2 == 0 && _offers.length != 0;
        if (targeted) {
            Offer memory o = _offers[(arbiterSeed >> 16) % _offers.length].offer;
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
                            ANYONE'S ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Anyone returns an unaccepted pact's price after its acceptance deadline. This and the other
    /// permissionless settlements below take a pact whose deadline has passed, or, when `wait`, warp past one.
    function reclaimPact(uint256 seed, uint256 callerSeed, bool wait) external step {
        (bool found, uint256 id) = _findWarping(seed, Want.Reclaimable, Want.Open, wait);
        if (!found) return;
        _reclaim(id, _anyone(callerSeed));
        _count("reclaimPact");
    }

    /// @notice Anyone pays the agent after an undisputed review period.
    function finalizePact(uint256 seed, uint256 callerSeed, bool wait) external step {
        (bool found, uint256 id) = _findWarping(seed, Want.Finalizable, Want.Delivered, wait);
        if (!found) return;
        _finalize(id, _anyone(callerSeed));
        _count("finalizePact");
    }

    /// @notice Anyone refunds the buyer of an undelivered pact after its delivery deadline, with the penalty.
    function claimRefund(uint256 seed, uint256 callerSeed, bool wait) external step {
        (bool found, uint256 id) = _findWarping(seed, Want.Refundable, Want.Active, wait);
        if (!found) return;
        _refund(id, _anyone(callerSeed));
        _count("claimRefund");
    }

    /// @notice Anyone applies the default split after a silent ruling period, and after the hold when the arbiter
    /// held the ruling. Some attempts (`early`) are made on a held pact before the hold ends (now, at the end of the
    /// ruling period, a second after it, or at the hold's last second) and must revert with Surety_DeadlineNotPassed.
    function applyDefaultRuling(uint256 seed, uint256 callerSeed, bool wait, bool early) external step {
        if (early) {
            (bool held, uint256 heldId) = _find(seed, Want.Held);
            if (held) {
                _defaultRulingTooEarly(heldId, callerSeed);
                return;
            }
        }
        (bool found, uint256 id) = _findWarping(seed, Want.Defaultable, Want.Disputed, wait);
        // One wait in two is for a held pact, past its hold: the longest wait a pact can impose.
        if (wait && (seed >> 192) % 2 == 0) {
            (bool held, uint256 heldId) = _find(seed, Want.Held);
            if (held) (found, id) = (true, heldId);
        }
        if (!found) return;
        bool afterHold = _heldUntil[id] != 0;
        _defaultRuling(id, _anyone(callerSeed));
        _count(afterHold ? bytes32("applyDefaultRuling (held)") : bytes32("applyDefaultRuling"));
    }

    /// @dev Anyone tries the default ruling of held pact `id` before its hold ends: it must be refused.
    function _defaultRulingTooEarly(uint256 id, uint256 seed) internal {
        Terms memory t = _terms[id - 1];
        uint256 end = uint256(_since[id - 1]) + t.rulingPeriod;
        uint256 pick = (seed >> 16) % 4;
        if (pick == 1) _warpTo(end);
        else if (pick == 2) _warpTo(end + 1);
        else if (pick == 3) _warpTo(_heldUntil[id]);
        // As the contract reads it: the ruling period's end until it passes, then the hold's.
        uint256 deadline = currentTime <= end ? end : _rulingEnd(id);
        bytes memory expected = abi.encodeWithSelector(ISuretyErrors.Surety_DeadlineNotPassed.selector, id, deadline);
        bytes memory data = abi.encodeCall(ISurety.applyDefaultRuling, (id, t));
        _expectRevert(_anyone(seed), 0, data, expected, "applyDefaultRuling early");
    }

    /// @notice An account with a credit claims it, to itself or to the sink. A wallet claiming ETH to itself
    /// while it refuses ETH must revert with the wallet's own error, and keep its credit.
    function claimPayout(uint256 accountSeed, uint256 tokenSeed, bool toSelf) external step {
        for (uint256 k; k < N_TOKENS * N_ACCOUNTS; ++k) {
            address token = _tokens[((tokenSeed % N_TOKENS) + k / N_ACCOUNTS) % N_TOKENS];
            address account = _accounts[((accountSeed % N_ACCOUNTS) + k) % N_ACCOUNTS];
            if (surety.creditOf(token, account) == 0) continue;
            address recipient = toSelf ? account : sink;
            if (token == ETH && _refusesEth(recipient)) {
                bytes memory data = abi.encodeCall(ISurety.claimPayout, (token, recipient));
                bytes memory expected = abi.encodeWithSelector(MockWallet.MockWallet_EthRefused.selector);
                _expectRevert(account, 0, data, expected, "claimPayout refused");
                return;
            }
            _claim(token, account, recipient);
            _count("claimPayout");
            return;
        }
    }

    /// @notice A party tries a pact call that the pact's current status does not allow: any call on a terminal
    /// pact, or one made too early or too late in the lifecycle (deliver on an Open pact, dispute an Active one).
    /// It must revert with Surety_InvalidStatus (EnforcedPause for an acceptance while paused), and change
    /// nothing, which `_observe` and the next step's books see.
    function callInWrongStatus(uint256 seed, uint256 callSeed) external step {
        uint256 n = _terms.length;
        if (n == 0) return;
        // A status first, each as likely, then a pact in it (or any pact if none is).
        PactStatus wanted = PactStatus(1 + (seed % 13));
        uint256 id = ((seed >> 8) % n) + 1;
        for (uint256 k; k < n && _status[id - 1] != wanted; ++k) id = (id % n) + 1;
        Terms memory t = _terms[id - 1];
        PactStatus status = _status[id - 1];
        for (uint256 k; k < N_PACT_CALLS; ++k) {
            uint256 call = ((callSeed % N_PACT_CALLS) + k) % N_PACT_CALLS;
            if (_statusesOf(call) & (1 << uint256(status)) != 0) continue;
            (address caller, bytes memory data) = _pactCall(call, id, t, callSeed);
            bytes memory expected =
                call == 1 && surety.paused()
                    ? abi.encodeWithSelector(Pausable.EnforcedPause.selector)
                    : abi.encodeWithSelector(ISuretyErrors.Surety_InvalidStatus.selector, id, status);
            _expectRevert(caller, 0, data, expected, "call in a wrong status");
            return;
        }
    }

    /*//////////////////////////////////////////////////////////////
                           COOPERATIVE PATHS
    //////////////////////////////////////////////////////////////*/

    /// @notice The buyer or the agent proposes a settlement of a live accepted pact, replacing its own earlier
    /// proposal: nothing moves, no status changes. One time in four it first lets the deadline of the pact's status
    /// pass, so that the proposal is fresh consent that stands until the status changes.
    function proposeSettlement(uint256 seed, uint256 buyerBps, bool byAgent) external step {
        (bool found, uint256 id) = _find(seed, Want.Releasable);
        if (!found) return;
        bool fresh = (seed >> 128) % 4 == 0;
        if (fresh) _warpTo(_statusDeadline(id) + 1);
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
        if ((mode >> 1) % 4 == 0) _warpTo(_statusDeadline(id) + 1);
        Terms memory t = _terms[id - 1];
        Proposals memory p = _proposals[id];
        (address proposer, uint40 madeAt, uint16 bps) = byAgent
            ? (t.buyer, p.buyerSplitAt, p.buyerSplitBps)
            : (t.agent, p.agentSplitAt, p.agentSplitBps);
        if (!_standing(id, madeAt)) {
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
            madeAt = uint40(currentTime);
        }
        _checkStandingOnChain(id, t, !byAgent, madeAt, bps);
        _recordAcceptance(id, madeAt);
        bool disputed = _status[id - 1] == PactStatus.Disputed;
        _ghosts[id].ruledBps = bps;
        bytes memory data = abi.encodeCall(ISuretyCooperative.acceptSettlement, (id, t, bps));
        _settle(id, byAgent ? t.agent : t.buyer, data, PactStatus.Settled);
        _unlock(t.agent, t.collateral, 0);
        uint256 toBuyer = (t.price * bps) / BPS;
        _pay(t.token, t.buyer, toBuyer + (disputed ? t.arbiterFee : 0));
        _pay(t.token, t.agent, t.price - toBuyer);
        delete _proposals[id];
        _count(disputed ? bytes32("acceptSettlement (Disputed)") : bytes32("acceptSettlement"));
    }

    /// @notice The buyer or the agent withdraws its own proposals: its split and its deadline ask, if either stands.
    /// Nothing moves, no status changes, the other party's proposals stay. With nothing of its own standing (none,
    /// made in an earlier status, or lapsed with the status's deadline), the call must revert with
    /// Surety_NothingToWithdraw.
    function withdrawProposals(uint256 seed, bool byAgent) external step {
        (bool found, uint256 id) = _find(seed, Want.Releasable);
        if (!found) return;
        Terms memory t = _terms[id - 1];
        address party = byAgent ? t.agent : t.buyer;
        Proposals storage p = _proposals[id];
        (uint40 splitAt, uint40 ask) = byAgent
            ? (p.agentSplitAt, p.agentDeliverBy)
            : (p.buyerSplitAt, p.buyerDeliverBy);
        bytes memory data = abi.encodeCall(ISuretyCooperative.withdrawProposals, (id, t));
        if (!_standing(id, splitAt) && !_askStanding(id, ask)) {
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
        _count("withdrawProposals");
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
        Terms memory t = _terms[id - 1];
        bytes memory data = abi.encodeCall(ISuretyCooperative.holdRuling, (id, t));
        uint256 end = uint256(_since[id - 1]) + t.rulingPeriod;
        if (kind == 0) {
            bytes memory held = abi.encodeWithSelector(
                ISuretyErrors.Surety_RulingAlreadyHeld.selector,
                id,
                _heldUntil[id]
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
        _heldUntil[id] = uint40(uint256(_since[id - 1]) + _MAX_RULING_HOLD);
        if (ISuretyCooperative(address(surety)).rulingHeldUntil(id) != _heldUntil[id]) {
            _violate("holdRuling: held until another time than the dispute plus the maximum");
        }
        _count("holdRuling");
        // Once per dispute: asking again at once must be refused.
        if ((mode >> 9) & 1 == 1) {
            bytes memory again = abi.encodeWithSelector(
                ISuretyErrors.Surety_RulingAlreadyHeld.selector,
                id,
                _heldUntil[id]
            );
            _expectRevert(t.arbiter, 0, data, again, "holdRuling: already held");
        }
    }

    /// @notice The agent refunds an Active pact before its deadline: exactly what a missed deadline costs.
    function refundByAgent(uint256 seed) external step {
        (bool found, uint256 id) = _find(seed, Want.Deliverable);
        if (!found) return;
        Terms memory t = _terms[id - 1];
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
        uint40 deliverBy = uint40(_terms[id - 1].deliverBy + bound(extra, 1, 30 days));
        bool extended = _ask(id, deliverBy, agentFirst);
        if (!extended && !alone) extended = _ask(id, deliverBy, !agentFirst);
        _count(extended ? bytes32("extendDeadline (extended)") : bytes32("extendDeadline (asked)"));
    }

    /// @notice An account with credits claims those in every token at once, to the sink.
    function claimPayouts(uint256 accountSeed) external step {
        for (uint256 a; a < N_ACCOUNTS; ++a) {
            address account = _accounts[((accountSeed % N_ACCOUNTS) + a) % N_ACCOUNTS];
            uint256 n;
            address[] memory credited = new address[](N_TOKENS);
            for (uint256 k; k < N_TOKENS; ++k) {
                if (surety.creditOf(_tokens[k], account) != 0) credited[n++] = _tokens[k];
            }
            if (n == 0) continue;
            assembly ("memory-safe") {
                mstore(credited, n)
            }
            uint256[] memory credits = new uint256[](n);
            for (uint256 i; i < n; ++i) credits[i] = surety.creditOf(credited[i], account);
            int256[] memory before = _books();
            _exec(account, 0, abi.encodeCall(ISuretyCooperative.claimPayouts, (credited, sink)));
            int256[] memory d = _diff(before);
            for (uint256 i; i < n; ++i) {
                uint256 k = _tokenIndex(credited[i]);
                _take(d, _at(k, account, CREDIT), -int256(credits[i]), "claimPayouts clears each credit");
                _take(d, _at(k, sink, BALANCE), int256(credits[i]), "claimPayouts pays each credit");
                _take(d, _at(k, address(surety), BALANCE), -int256(credits[i]), "claimPayouts: the credit leaves");
                modelCredit[credited[i]][account] = 0;
            }
            _expectUnchanged(d, "claimPayouts");
            _count("claimPayouts");
            return;
        }
    }

    /*//////////////////////////////////////////////////////////////
                          OPERATOR AND GUARDIAN
    //////////////////////////////////////////////////////////////*/

    /// @notice The operator moves an agent up the ladder (Warned to Paused) with some cap. No balance, credit
    /// or stake may change.
    function setAgentStatus(uint256 agentSeed, uint256 statusSeed, uint256 cap) external step {
        address agent = _agents[agentSeed % N_AGENTS];
        AgentStatus status = AgentStatus(1 + (statusSeed % 4));
        // Half the caps fall just above the agent's current exposure, where acceptances hit them.
        if (cap % 2 == 0) cap = bound(cap, 0, 2 * MAX_COLLATERAL);
        else cap = surety.stakeAccount(agent).locked + bound(cap >> 1, 0, MAX_COLLATERAL / 4);
        int256[] memory before = _books();
        _exec(operator, 0, abi.encodeCall(ISurety.setAgentStatus, (agent, status, cap, keccak256("ladder"))));
        _expectUnchanged(_diff(before), "setAgentStatus changed a balance, a credit or a stake");
        Standing memory standing = surety.standingOf(agent);
        if (standing.status != status) _violate("setAgentStatus: status not set");
        if (standing.cap != (status >= AgentStatus.Narrowed ? cap : 0)) _violate("setAgentStatus: cap not set");
        ++roleCallsChecked;
        _count("setAgentStatus");
    }

    /// @notice The operator returns an agent to Good. No balance, credit or stake may change.
    function recertify(uint256 agentSeed) external step {
        address agent = _agents[agentSeed % N_AGENTS];
        int256[] memory before = _books();
        _exec(operator, 0, abi.encodeCall(ISurety.recertify, (agent, keccak256("recertified"))));
        _expectUnchanged(_diff(before), "recertify changed a balance, a credit or a stake");
        ++roleCallsChecked;
        _count("recertify");
    }

    /// @notice The guardian pauses (one call in eight while unpaused) or unpauses (seven in eight while paused)
    /// new pacts, so that a pause lasts a few dozen steps. No balance, credit or stake may change.
    function guardianPause(uint256 seed) external step {
        bool paused = surety.paused();
        if (paused ? seed % 8 == 0 : seed % 8 != 0) return;
        int256[] memory before = _books();
        _exec(guardian, 0, paused ? abi.encodeCall(ISurety.unpause, ()) : abi.encodeCall(ISurety.pause, ()));
        _expectUnchanged(_diff(before), "pause or unpause changed a balance, a credit or a stake");
        ++roleCallsChecked;
        _count(paused ? bytes32("unpause") : bytes32("pause"));
    }

    /*//////////////////////////////////////////////////////////////
                                 OTHERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Time passes.
    function warp(uint256 secondsForward) external step {
        _warpTo(currentTime + bound(secondsForward, 1, 1 days));
        _count("warp");
    }

    /// @notice One of the two wallets starts or stops refusing ETH.
    function setWalletRefusesEth(bool agentWallet, bool refuse) external step {
        MockWallet wallet = agentWallet ? walletAgent : walletBuyer;
        vm.prank(wallet.OWNER());
        wallet.setRefuseEth(refuse);
        _count("setWalletRefusesEth");
    }

    /// @notice Someone sends a token to the contract outside its API, or force-feeds it ETH: from a contract
    /// that self-destructs in its constructor, or by rewriting its balance.
    function donate(uint256 tokenSeed, uint256 amount, bool selfDestruct) external step {
        uint256 k = tokenSeed % N_TOKENS;
        address token = _tokens[k];
        amount = bound(amount, 1, _unit(token) * 1_000);
        int256[] memory before = _books();
        if (token != ETH) {
            MockERC20Permit(token).mint(stranger, amount);
            vm.prank(stranger);
            IERC20(token).transfer(address(surety), amount);
        } else if (selfDestruct) {
            _forceFeed(amount);
        } else {
            vm.deal(address(surety), address(surety).balance + amount);
        }
        int256[] memory d = _diff(before);
        _take(d, _at(k, address(surety), BALANCE), int256(amount), "donation arrives");
        _expectUnchanged(d, "donate");
        donated[token] += amount;
        _count(
            token != ETH
                ? bytes32("donate token")
                : selfDestruct
                    ? bytes32("force-feed ETH")
                    : bytes32("deal ETH")
        );
    }

    /*//////////////////////////////////////////////////////////////
                          LIVENESS (END OF RUN)
    //////////////////////////////////////////////////////////////*/

    /// @notice Ends a run without the operator: turns the guardian's pause on, passes every deadline, lets a
    /// stranger drive every live pact to a terminal status, has every agent queue and withdraw all its stake
    /// (waiting out any freeze), and has every account claim every credit. Each of these calls is measured like
    /// the steps. Not a target of the runner.
    function settleEverything() external {
        vm.warp(currentTime);
        _touched = 0;
        if (!surety.paused()) _exec(guardian, 0, abi.encodeCall(ISurety.pause, ()));

        // Past every deadline: a delivery is at most at deliverBy, followed by at most the deployment's longest
        // review period (30 days) and ruling period (60 days).
        // A held ruling waits until its hold ends, at most the deployment's longest hold after the dispute.
        uint256 latest = currentTime;
        for (uint256 i; i < _terms.length; ++i) {
            uint256 end = uint256(_terms[i].deliverBy) + 31 days + _MAX_RULING + 1 days;
            if (_heldUntil[i + 1] >= end) end = uint256(_heldUntil[i + 1]) + 1;
            if (end > latest) latest = end;
        }
        _warpTo(latest + 1);

        for (uint256 id = 1; id <= _terms.length; ++id) {
            PactStatus status = _status[id - 1];
            if (status == PactStatus.Open) _reclaim(id, stranger);
            else if (status == PactStatus.Active) _refund(id, stranger);
            else if (status == PactStatus.Delivered) _finalize(id, stranger);
            else if (status == PactStatus.Disputed) _defaultRuling(id, stranger);
            else continue;
            _observe();
        }

        uint256 ready = currentTime;
        for (uint256 i; i < N_AGENTS; ++i) {
            address agent = _agents[i];
            StakeAccount memory account = surety.stakeAccount(agent);
            if (account.locked != 0) _violate("liveness: stake still locked after every pact settled");
            if (account.bonded != 0) {
                _exec(agent, 0, abi.encodeCall(ISurety.requestWithdrawal, (uint256(account.bonded))));
                modelQueued[agent] += account.bonded;
                modelBonded[agent] = 0;
                account = surety.stakeAccount(agent);
            }
            uint256 frozenUntil = surety.standingOf(agent).frozenUntil;
            if (account.readyAt > ready) ready = account.readyAt;
            if (frozenUntil > ready) ready = frozenUntil;
        }
        _warpTo(ready);
        for (uint256 i; i < N_AGENTS; ++i) {
            if (surety.stakeAccount(_agents[i]).queued != 0) _withdraw(_agents[i], _agents[i]);
        }

        for (uint256 k; k < N_TOKENS; ++k) {
            for (uint256 a; a < N_ACCOUNTS; ++a) {
                address account = _accounts[a];
                if (surety.creditOf(_tokens[k], account) == 0) continue;
                _claim(_tokens[k], account, _tokens[k] == ETH && _refusesEth(account) ? sink : account);
            }
        }
        _observe();
    }

    /*//////////////////////////////////////////////////////////////
                           READS FOR INVARIANTS
    //////////////////////////////////////////////////////////////*/

    function pactCount() external view returns (uint256) {
        return _terms.length;
    }

    function agents() external view returns (address[] memory) {
        return _agents;
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

    function statKeys() external view returns (bytes32[] memory) {
        return _statKeys;
    }

    /// @notice How often the change from status `from` to `to` was observed.
    function transitionCount(uint256 from, uint256 to) external view returns (uint256) {
        return _transitions[from * 14 + to];
    }

    /// @notice What must stand in pact `pactId` now (at `currentTime`) by the lapse rules, in the shape of the
    /// contract's `proposalsOf`: lapsed proposals read as zero, and `status` is the pact's.
    function standingProposals(uint256 pactId) external view returns (Proposals memory) {
        return _standingProposals(pactId);
    }

    /// @notice Until when the model has pact `pactId`'s ruling held; zero when its arbiter did not hold it.
    function heldUntil(uint256 pactId) external view returns (uint40) {
        return _heldUntil[pactId];
    }

    /// @notice Everything the handler keeps about one pact: its terms, modelled status and time of last
    /// transition, and what it measured.
    function pactModel(
        uint256 pactId
    ) external view returns (Terms memory terms, PactStatus status, uint40 since, Ghost memory ghost) {
        return (_terms[pactId - 1], _status[pactId - 1], _since[pactId - 1], _ghosts[pactId]);
    }

    /// @notice The handler's model of every account's credit, token by token in the order of `tokens()`, then
    /// account by account in the order of `accounts()`.
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
            uint256 k = _tokenIndex(t.token);
            (PactStatus status, , ) = surety.getPact(id);
            if (_isLive(status)) escrow[k] += t.price;
            if (status == PactStatus.Disputed) fees[k] += t.arbiterFee;
        }
        for (uint256 k; k < N_TOKENS; ++k) {
            for (uint256 a; a < N_ACCOUNTS; ++a) credits[k] += surety.creditOf(_tokens[k], _accounts[a]);
        }
    }

    /// @notice The collateral of each agent's (in the order of `agents()`) accepted, unsettled pacts, read from
    /// the contract's statuses.
    function collateralAtRisk() external view returns (uint256[] memory totals) {
        totals = new uint256[](N_AGENTS);
        for (uint256 id = 1; id <= _terms.length; ++id) {
            (PactStatus status, , ) = surety.getPact(id);
            if (status == PactStatus.Active || status == PactStatus.Delivered || status == PactStatus.Disputed) {
                totals[_agentSlot[_terms[id - 1].agent] - 1] += _terms[id - 1].collateral;
            }
        }
    }

    /*//////////////////////////////////////////////////////////////
                           SETTLEMENTS (SHARED)
    //////////////////////////////////////////////////////////////*/

    function _reclaim(uint256 id, address caller) internal {
        Terms memory t = _terms[id - 1];
        _warpTo(uint256(t.acceptBy) + 1);
        _settle(id, caller, abi.encodeCall(ISurety.reclaimPact, (id, t)), PactStatus.Reclaimed);
        _pay(t.token, t.buyer, t.price);
    }

    function _finalize(uint256 id, address caller) internal {
        Terms memory t = _terms[id - 1];
        _warpTo(uint256(_since[id - 1]) + t.reviewPeriod + 1);
        _settle(id, caller, abi.encodeCall(ISurety.finalizePact, (id, t)), PactStatus.Finalized);
        _unlock(t.agent, t.collateral, 0);
        _pay(t.token, t.agent, t.price);
    }

    function _refund(uint256 id, address caller) internal {
        Terms memory t = _terms[id - 1];
        _warpTo(uint256(t.deliverBy) + 1);
        _settle(id, caller, abi.encodeCall(ISurety.claimRefund, (id, t)), PactStatus.Refunded);
        _unlock(t.agent, t.collateral, t.penalty);
        _pay(t.token, t.buyer, t.price);
        _pay(address(usd), t.buyer, t.penalty);
    }

    function _defaultRuling(uint256 id, address caller) internal {
        Terms memory t = _terms[id - 1];
        _warpTo(_rulingEnd(id) + 1);
        _settle(id, caller, abi.encodeCall(ISurety.applyDefaultRuling, (id, t)), PactStatus.DefaultRuled);
        _defaultSplit(t);
    }

    /// @dev Makes a settlement call and measures it: what each party received in the pact's token and in the
    /// stake token (balance plus credit), how much bonded stake fell; and requires that what left the contract
    /// is what the parties' balances gained, that the collateral unlocked, and that nothing else changed.
    function _settle(uint256 id, address caller, bytes memory data, PactStatus to) internal {
        Terms memory t = _terms[id - 1];
        bool accepted = _status[id - 1] != PactStatus.Open;
        int256[] memory before = _books();
        _exec(caller, 0, data);
        int256[] memory d = _diff(before);
        _touched = id;

        uint256 k = _tokenIndex(t.token);
        Ghost storage g = _ghosts[id];
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
        slashedTotal[t.agent] += g.slashed;
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

    /*//////////////////////////////////////////////////////////////
                            INTERNAL: MONEY
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
        modelBonded[agent] += amount;
        deposited[agent] += amount;
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
        modelQueued[agent] = 0;
        withdrawn[agent] += queued;
    }

    /// @dev Claims an account's whole credit in `token` to `recipient`, requiring that exactly the credit moved.
    function _claim(address token, address account, address recipient) internal {
        uint256 k = _tokenIndex(token);
        uint256 credit = surety.creditOf(token, account);
        int256[] memory before = _books();
        _exec(account, 0, abi.encodeCall(ISurety.claimPayout, (token, recipient)));
        int256[] memory d = _diff(before);
        _take(d, _at(k, account, CREDIT), -int256(credit), "claimPayout clears the credit");
        _take(d, _at(k, recipient, BALANCE), int256(credit), "claimPayout pays the credit to the recipient");
        _take(d, _at(k, address(surety), BALANCE), -int256(credit), "claimPayout: the credit leaves");
        _expectUnchanged(d, "claimPayout");
        modelCredit[token][account] = 0;
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
        p.deadline = currentTime + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(PERMIT_TYPEHASH, owner, address(surety), value, t.nonces(owner), p.deadline)
        );
        bytes32 digest = keccak256(abi.encodePacked(hex"1901", t.DOMAIN_SEPARATOR(), structHash));
        (p.v, p.r, p.s) = vm.sign(_keyOf[owner], digest);
    }

    /// @dev Sends ETH to Surety from a contract that self-destructs in its constructor (init code: PUSH20
    /// surety, SELFDESTRUCT), the way ETH reaches a contract without calling it.
    function _forceFeed(uint256 amount) internal {
        vm.deal(address(this), address(this).balance + amount);
        bytes memory initCode = abi.encodePacked(hex"73", address(surety), hex"ff");
        address feeder;
        assembly ("memory-safe") {
            feeder := create(amount, add(initCode, 0x20), mload(initCode))
        }
        if (feeder == address(0) || feeder.code.length != 0) revert("handler: force-feeding failed");
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
        if (account == address(walletBuyer)) return walletBuyer.refuseEth();
        if (account == address(walletAgent)) return walletAgent.refuseEth();
        return false;
    }

    /*//////////////////////////////////////////////////////////////
                          INTERNAL: TERMS AND OFFERS
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

    /// @dev The terms a funded offer commits to, as the contract builds them.
    function _offerTerms(Offer memory o, address buyer) internal view returns (Terms memory t) {
        t = Terms({
            buyer: buyer,
            agent: o.agent,
            arbiter: o.arbiter,
            token: o.token,
            price: o.price,
            arbiterFee: o.arbiterFee,
            collateral: o.collateral,
            penalty: o.penalty,
            acceptBy: uint40(currentTime),
            deliverBy: uint40(currentTime + o.deliveryPeriod),
            reviewPeriod: o.reviewPeriod,
            rulingPeriod: o.rulingPeriod,
            defaultBuyerBps: o.defaultBuyerBps,
            termsHash: o.termsHash
        });
    }

    /// @dev The revert data createPact must give for these (otherwise valid) terms, or empty if it must succeed.
    function _creationError(Terms memory t) internal view returns (bytes memory) {
        if (surety.paused()) return abi.encodeWithSelector(Pausable.EnforcedPause.selector);
        if (!surety.arbiterTerms(t.arbiter, t.token).registered) {
            return abi.encodeWithSelector(ISuretyErrors.Surety_ArbiterNotRegistered.selector, t.arbiter, t.token);
        }
        return "";
    }

    /// @dev The revert data funding `o` by `buyer` must give, following the contract's order of checks, or
    /// empty if it must succeed.
    function _offerError(Offer memory o, address buyer, bool tampered) internal view returns (bytes memory) {
        if (surety.paused()) return abi.encodeWithSelector(Pausable.EnforcedPause.selector);
        if (currentTime > o.expiry)
            return abi.encodeWithSelector(ISuretyErrors.Surety_OfferExpired.selector, o.expiry, currentTime);
        if (o.buyer != address(0) && o.buyer != buyer) {
            return abi.encodeWithSelector(ISuretyErrors.Surety_OfferNotForCaller.selector, o.buyer, buyer);
        }
        if (modelNonceUsed[o.agent][o.nonce])
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
        ++cappedAcceptances;
        if (surety.stakeAccount(agent).locked > standing.cap) _violate("an acceptance took locked beyond the cap");
    }

    /// @dev The pact calls `callInWrongStatus` tries, by number.
    uint256 internal constant N_PACT_CALLS = 18;

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
                       INTERNAL: COOPERATIVE PATHS
    //////////////////////////////////////////////////////////////*/

    function _propose(uint256 id, uint16 buyerBps, bool byAgent) internal {
        Terms memory t = _terms[id - 1];
        int256[] memory before = _books();
        _exec(byAgent ? t.agent : t.buyer, 0, abi.encodeCall(ISuretyCooperative.proposeSettlement, (id, t, buyerBps)));
        _expectUnchanged(_diff(before), "proposeSettlement");
        Proposals storage p = _currentProposals(id);
        if (byAgent) (p.agentSplitAt, p.agentSplitBps) = (uint40(currentTime), buyerBps);
        else (p.buyerSplitAt, p.buyerSplitBps) = (uint40(currentTime), buyerBps);
    }

    /// @dev One party's ask for `deliverBy`; returns whether it matched the other's, so the deadline moved.
    function _ask(uint256 id, uint40 deliverBy, bool byAgent) internal returns (bool extended) {
        Terms memory t = _terms[id - 1];
        int256[] memory before = _books();
        _exec(byAgent ? t.agent : t.buyer, 0, abi.encodeCall(ISuretyCooperative.extendDeadline, (id, t, deliverBy)));
        _expectUnchanged(_diff(before), "extendDeadline");
        Proposals storage p = _currentProposals(id);
        uint40 other;
        if (byAgent) (p.agentDeliverBy, other) = (deliverBy, p.buyerDeliverBy);
        else (p.buyerDeliverBy, other) = (deliverBy, p.agentDeliverBy);
        if (other != deliverBy) return false;
        // The extension takes effect and ends every proposal, made against the old deadline.
        delete _proposals[id];
        _terms[id - 1].deliverBy = deliverBy;
        _since[id - 1] = uint40(currentTime);
        return true;
    }

    /// @dev The model's proposals of pact `id`, first cleared if they were made in an earlier status, as the
    /// contract clears its own on a new proposal or ask.
    function _currentProposals(uint256 id) internal returns (Proposals storage p) {
        p = _proposals[id];
        PactStatus status = _status[id - 1];
        if (p.status != status) {
            delete _proposals[id];
            p.status = status;
        }
    }

    /// @dev The last second a Disputed pact may be ruled on: the end of its ruling period, or of its hold if later.
    function _rulingEnd(uint256 id) internal view returns (uint256 end) {
        end = uint256(_since[id - 1]) + _terms[id - 1].rulingPeriod;
        if (_heldUntil[id] > end) end = _heldUntil[id];
    }

    /// @dev The deadline of a live pact's current status: past it, that status's outcome opens to anyone.
    function _statusDeadline(uint256 id) internal view returns (uint256) {
        PactStatus status = _status[id - 1];
        if (status == PactStatus.Active) return _terms[id - 1].deliverBy;
        if (status == PactStatus.Delivered) return uint256(_since[id - 1]) + _terms[id - 1].reviewPeriod;
        return _rulingEnd(id);
    }

    /// @dev The lapse rules: a split made at `madeAt` stands when it was made in the pact's current (live) status,
    /// and either after that status's deadline (fresh consent) or the deadline has not passed.
    function _standing(uint256 id, uint40 madeAt) internal view returns (bool) {
        PactStatus status = _status[id - 1];
        if (madeAt == 0 || !_isLive(status) || _proposals[id].status != status) return false;
        uint256 deadline = _statusDeadline(id);
        return madeAt > deadline || currentTime <= deadline;
    }

    /// @dev A deadline ask stands while the pact is Active, the ask made while it was, and its deadline not passed.
    function _askStanding(uint256 id, uint40 ask) internal view returns (bool) {
        return
            ask != 0 &&
            _status[id - 1] == PactStatus.Active &&
            _proposals[id].status == PactStatus.Active &&
            currentTime <= _terms[id - 1].deliverBy;
    }

    /// @dev What the contract must read as standing in pact `id` now, by the lapse rules.
    function _standingProposals(uint256 id) internal view returns (Proposals memory standing) {
        Proposals memory p = _proposals[id];
        standing.status = _status[id - 1];
        if (_standing(id, p.buyerSplitAt))
            (standing.buyerSplitAt, standing.buyerSplitBps) = (p.buyerSplitAt, p.buyerSplitBps);
        if (_standing(id, p.agentSplitAt))
            (standing.agentSplitAt, standing.agentSplitBps) = (p.agentSplitAt, p.agentSplitBps);
        if (_askStanding(id, p.buyerDeliverBy)) standing.buyerDeliverBy = p.buyerDeliverBy;
        if (_askStanding(id, p.agentDeliverBy)) standing.agentDeliverBy = p.agentDeliverBy;
    }

    /// @dev Before an acceptance the model holds standing: the contract's `proposalsOf` must show the same proposal.
    function _checkStandingOnChain(uint256 id, Terms memory t, bool byAgent, uint40 madeAt, uint16 bps) internal {
        Proposals memory onChain = ISuretyCooperative(address(surety)).proposalsOf(id, t);
        (uint40 onChainAt, uint16 share) = byAgent
            ? (onChain.agentSplitAt, onChain.agentSplitBps)
            : (onChain.buyerSplitAt, onChain.buyerSplitBps);
        if (onChainAt != madeAt || share != bps)
            _violate("acceptSettlement: the accepted proposal does not stand on-chain");
    }

    /// @dev Records, for the invariants, the proposal about to be accepted and the deadline it is accepted against.
    function _recordAcceptance(uint256 id, uint40 madeAt) internal {
        Ghost storage g = _ghosts[id];
        g.acceptedFrom = _status[id - 1];
        g.proposalStatus = _proposals[id].status;
        g.proposedAt = madeAt;
        g.acceptanceDeadline = uint40(_statusDeadline(id));
    }

    /*//////////////////////////////////////////////////////////////
                          INTERNAL: PACT MODEL
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
        Defaultable,
        Holdable,
        Held
    }

    function _push(Terms memory t, PactStatus status, uint256 priceFunded) internal {
        _terms.push(t);
        _status.push(status);
        _since.push(uint40(currentTime));
        _ghosts[_terms.length].priceFunded = priceFunded;
    }

    /// @dev Whether pact `id` is a candidate for what the action wants, now.
    function _matches(uint256 id, Want want) internal view returns (bool) {
        PactStatus status = _status[id - 1];
        Terms storage t = _terms[id - 1];
        if (want == Want.Open) return status == PactStatus.Open;
        if (want == Want.Acceptable) return status == PactStatus.Open && currentTime <= t.acceptBy;
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
        if (want == Want.Rulable) return status == PactStatus.Disputed && currentTime <= _rulingEnd(id);
        if (want == Want.Defaultable) return status == PactStatus.Disputed && currentTime > _rulingEnd(id);
        uint256 held = _heldUntil[id];
        if (want == Want.Holdable) {
            return status == PactStatus.Disputed && held == 0 && currentTime <= since + t.rulingPeriod;
        }
        return status == PactStatus.Disputed && held != 0 && currentTime <= held; // Held
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

    /// @dev A pact its arbiter may rule on now. One time in four, a held one first, at a second past its ruling period
    /// or at the hold's last second, when the arbiter may still rule only because it held the ruling.
    function _findRulable(uint256 seed) internal returns (bool found, uint256 id) {
        if ((seed >> 192) % 4 == 0) {
            (found, id) = _find(seed, Want.Held);
            if (found) {
                uint256 end = uint256(_since[id - 1]) + _terms[id - 1].rulingPeriod;
                _warpTo((seed >> 194) & 1 == 1 ? _heldUntil[id] : end + 1);
                return (true, id);
            }
        }
        return _find(seed, Want.Rulable);
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
        if (pick == 1) return _buyers[(seed >> 8) % N_BUYERS];
        if (pick == 2) return _agents[(seed >> 8) % N_AGENTS];
        return _arbiters[(seed >> 8) % N_ARBITERS];
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

    /// @dev Models a payout: only ETH to a wallet that refuses ETH fails, and becomes a credit.
    function _pay(address token, address to, uint256 amount) internal {
        if (amount == 0) return;
        if (token == ETH && _refusesEth(to)) modelCredit[ETH][to] += amount;
    }

    /// @dev After every step: pact ids never decrease; every status change is counted by (from, to); only the
    /// pact the step acted on may change; a new id must hold a pact.
    function _observe() internal {
        uint256 next = surety.nextPactId();
        if (next < lastNextPactId) {
            nextPactIdDecreased = true;
            _violate("nextPactId decreased");
        }
        lastNextPactId = next;
        uint256 known = _lastSeen.length;
        for (uint256 id = 1; id < next; ++id) {
            (PactStatus status, , ) = surety.getPact(id);
            PactStatus previous = id <= known ? _lastSeen[id - 1] : PactStatus.None;
            if (id > known) _lastSeen.push(status);
            if (status == previous) {
                if (id > known) _violate("a new pact id holds no pact");
                continue;
            }
            uint256 bit = uint256(previous) * 14 + uint256(status);
            transitionsSeen |= 1 << bit;
            ++_transitions[bit];
            if (id != _touched) {
                _violate(string.concat("pact ", _toString(id), " changed in a step acting on another"));
            }
            _lastSeen[id - 1] = status;
        }
    }

    /*//////////////////////////////////////////////////////////////
                          INTERNAL: BOOKS AND CALLS
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
        if (violations == 0) violation = what;
        ++violations;
    }

    function _count(bytes32 key) internal {
        if (stat[key] == 0) _statKeys.push(key);
        ++stat[key];
    }

    function _keyed(uint256 key, string memory role, uint256 i) internal returns (address account) {
        account = vm.addr(key);
        _keyOf[account] = key;
        vm.label(account, string.concat(role, _toString(i)));
    }

    function _addAccount(address account) internal {
        _accounts.push(account);
        _accountSlot[account] = _accounts.length;
    }

    function _sub(uint256 seed, uint256 i) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, i)));
    }
}
