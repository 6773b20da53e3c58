// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {SuretyBase} from "./base/SuretyBase.sol";
import {ISurety} from "./interfaces/ISurety.sol";
import {ISuretyOperator} from "./interfaces/ISuretyOperator.sol";
import {SuretyCooperative} from "./SuretyCooperative.sol";
import {SuretyOperator} from "./SuretyOperator.sol";
import {
    AgentStatus,
    ArbiterTerms,
    Config,
    Offer,
    Pact,
    PactStatus,
    Permit,
    StakeAccount,
    Standing,
    Terms
} from "./types/DataTypes.sol";

/// @title Surety
/// @notice Pact escrow, agent stake, slashing, arbitration and the operator's ladder in one immutable contract.
/// Escrow and stake share a contract so that a settlement moves the price and unlocks the collateral in one
/// call. Each pact is one storage slot holding a commitment to its terms, its status and a timestamp. The
/// cooperative paths ({ISuretyCooperative}) run in {SuretyCooperative} and the operator's ladder, reviews and
/// exception notes ({ISuretyOperator}) in {SuretyOperator}, both by delegatecall from {fallback}, so that they add
/// nothing to the size or the dispatch gas of the core.
contract Surety is SuretyBase, ISurety, AccessControlDefaultAdminRules, Pausable, ReentrancyGuardTransient, EIP712 {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice May move agents on the ladder; never moves funds.
    bytes32 public constant OPERATOR_ROLE = _OPERATOR_ROLE;

    /// @notice May pause new pact creation and acceptance; nothing else.
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    /// @notice EIP-712 type of an agent's signed offer.
    bytes32 public constant OFFER_TYPEHASH = keccak256(
        "Offer(address agent,address buyer,address arbiter,address token,uint256 price,uint256 arbiterFee,"
        "uint256 collateral,uint256 penalty,uint32 deliveryPeriod,uint32 reviewPeriod,uint32 rulingPeriod,"
        "uint16 defaultBuyerBps,bytes32 termsHash,uint256 nonce,uint40 expiry)"
    );

    uint32 internal constant _MIN_UNBONDING_DELAY = 1 days;
    uint32 internal constant _MIN_PAYOUT_GAS = 30_000;
    /// @dev Above this a payout's gas pre-check could exceed what a transaction may use, and no pact could settle.
    uint32 internal constant _MAX_PAYOUT_GAS = 1_000_000;
    uint32 internal constant _MAX_FREEZE_LIMIT = 90 days;
    /// @dev Longest unbonding delay and longest review or ruling period a deployment may set.
    uint32 internal constant _MAX_PERIOD = 365 days;

    /*//////////////////////////////////////////////////////////////
                                 STATE
    //////////////////////////////////////////////////////////////*/

    uint32 internal immutable _UNBONDING_DELAY;
    uint32 internal immutable _MAX_FREEZE;
    uint32 internal immutable _MIN_REVIEW_PERIOD;
    uint32 internal immutable _MAX_REVIEW_PERIOD;
    uint32 internal immutable _MIN_RULING_PERIOD;
    uint32 internal immutable _MAX_RULING_PERIOD;

    /// @dev The module running the cooperative paths, created with this contract; see {fallback}.
    address internal immutable _COOPERATIVE;
    /// @dev The module running the operator's ladder, reviews and exception notes, created with this contract.
    address internal immutable _OPERATOR;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param cfg The deployment's fixed settings.
    /// @param admin Holder of the default admin role, transferable only with `adminDelay`.
    /// @param adminDelay Seconds a default admin transfer must wait.
    /// @param operator First holder of the operator role, or address zero for none.
    /// @param guardian First holder of the guardian role, or address zero for none.
    constructor(
        Config memory cfg,
        address admin,
        uint48 adminDelay,
        address operator,
        address guardian
    )
        SuretyBase(cfg.stakeToken, cfg.payoutGas, cfg.maxRulingHold)
        AccessControlDefaultAdminRules(adminDelay, admin)
        EIP712("Surety", "1")
    {
        if (cfg.stakeToken.code.length == 0) revert Surety_InvalidStakeToken(cfg.stakeToken);
        if (adminDelay == 0) revert Surety_ZeroAdminDelay();
        if (cfg.unbondingDelay < _MIN_UNBONDING_DELAY || cfg.unbondingDelay > _MAX_PERIOD) {
            revert Surety_UnbondingDelayOutOfBounds(cfg.unbondingDelay, _MIN_UNBONDING_DELAY, _MAX_PERIOD);
        }
        if (cfg.maxFreeze == 0 || cfg.maxFreeze > _MAX_FREEZE_LIMIT) {
            revert Surety_InvalidMaxFreeze(cfg.maxFreeze, _MAX_FREEZE_LIMIT);
        }
        if (
            cfg.minReviewPeriod == 0 || cfg.minReviewPeriod > cfg.maxReviewPeriod || cfg.maxReviewPeriod > _MAX_PERIOD
        ) {
            revert Surety_InvalidPeriodBounds(cfg.minReviewPeriod, cfg.maxReviewPeriod, _MAX_PERIOD);
        }
        if (
            cfg.minRulingPeriod == 0 || cfg.minRulingPeriod > cfg.maxRulingPeriod || cfg.maxRulingPeriod > _MAX_PERIOD
        ) {
            revert Surety_InvalidPeriodBounds(cfg.minRulingPeriod, cfg.maxRulingPeriod, _MAX_PERIOD);
        }
        if (cfg.payoutGas < _MIN_PAYOUT_GAS || cfg.payoutGas > _MAX_PAYOUT_GAS) {
            revert Surety_PayoutGasOutOfBounds(cfg.payoutGas, _MIN_PAYOUT_GAS, _MAX_PAYOUT_GAS);
        }
        if (cfg.maxRulingHold < cfg.maxRulingPeriod || cfg.maxRulingHold > _MAX_PERIOD) {
            revert Surety_RulingHoldOutOfBounds(cfg.maxRulingHold, cfg.maxRulingPeriod, _MAX_PERIOD);
        }

        _UNBONDING_DELAY = cfg.unbondingDelay;
        _MAX_FREEZE = cfg.maxFreeze;
        _MIN_REVIEW_PERIOD = cfg.minReviewPeriod;
        _MAX_REVIEW_PERIOD = cfg.maxReviewPeriod;
        _MIN_RULING_PERIOD = cfg.minRulingPeriod;
        _MAX_RULING_PERIOD = cfg.maxRulingPeriod;

        _COOPERATIVE = address(new SuretyCooperative(cfg.stakeToken, cfg.payoutGas, cfg.maxRulingHold));
        _OPERATOR = address(
            new SuretyOperator(cfg.stakeToken, cfg.payoutGas, cfg.maxRulingHold, cfg.unbondingDelay, cfg.maxFreeze)
        );

        if (operator != address(0)) _grantRole(OPERATOR_ROLE, operator);
        if (guardian != address(0)) _grantRole(GUARDIAN_ROLE, guardian);
    }

    /*//////////////////////////////////////////////////////////////
                                 READS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISurety
    function config() external view returns (Config memory) {
        return
            Config({
                stakeToken: address(_STAKE_TOKEN),
                unbondingDelay: _UNBONDING_DELAY,
                maxFreeze: _MAX_FREEZE,
                minReviewPeriod: _MIN_REVIEW_PERIOD,
                maxReviewPeriod: _MAX_REVIEW_PERIOD,
                minRulingPeriod: _MIN_RULING_PERIOD,
                maxRulingPeriod: _MAX_RULING_PERIOD,
                payoutGas: _PAYOUT_GAS,
                maxRulingHold: _MAX_RULING_HOLD
            });
    }

    /// @inheritdoc ISurety
    function nextPactId() external view returns (uint256) {
        return _nextPactId;
    }

    /// @inheritdoc ISurety
    function getPact(uint256 pactId) external view returns (PactStatus status, uint40 updatedAt, bytes26 commitment) {
        Pact memory pact = _pacts[pactId];
        return (pact.status, pact.updatedAt, pact.commitment);
    }

    /// @inheritdoc ISurety
    function commitmentOf(Terms calldata terms) external pure returns (bytes26) {
        return _commit(terms);
    }

    /// @inheritdoc ISurety
    function stakeOf(
        address agent
    ) external view returns (uint256 staked, uint256 locked, uint256 queued, uint40 readyAt, uint256 free) {
        StakeAccount memory account = _stakes[agent];
        return (
            uint256(account.bonded) + account.queued,
            account.locked,
            account.queued,
            account.readyAt,
            account.bonded - account.locked
        );
    }

    /// @inheritdoc ISurety
    function stakeAccount(address agent) external view returns (StakeAccount memory) {
        return _stakes[agent];
    }

    /// @inheritdoc ISurety
    function standingOf(address agent) external view returns (Standing memory) {
        return _standings[agent];
    }

    /// @inheritdoc ISurety
    function arbiterTerms(address arbiter, address token) external view returns (ArbiterTerms memory) {
        return _arbiters[arbiter][token];
    }

    /// @inheritdoc ISurety
    function creditOf(address token, address account) external view returns (uint256) {
        return _credits[token][account];
    }

    /// @inheritdoc ISurety
    function isNonceUsed(address agent, uint256 nonce) external view returns (bool) {
        return _usedNonces[agent][nonce];
    }

    /// @inheritdoc ISurety
    function offerDigest(Offer calldata offer) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(OFFER_TYPEHASH, offer)));
    }

    /*//////////////////////////////////////////////////////////////
                             BUYER ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISurety
    function createPact(Terms calldata terms) external payable nonReentrant whenNotPaused returns (uint256 pactId) {
        pactId = _createPact(terms);
        _pullPayment(terms.token, terms.price);
    }

    /// @inheritdoc ISurety
    function createPactWithPermit(
        Terms calldata terms,
        Permit calldata permit
    ) external nonReentrant whenNotPaused returns (uint256 pactId) {
        pactId = _createPact(terms);
        _tryPermit(terms.token, terms.price, permit);
        _pullPayment(terms.token, terms.price);
    }

    /// @inheritdoc ISurety
    function createPactFromOffer(
        Offer calldata offer,
        bytes calldata signature
    ) external payable nonReentrant whenNotPaused returns (uint256 pactId) {
        pactId = _fundOffer(offer, signature);
        _pullPayment(offer.token, offer.price);
    }

    /// @inheritdoc ISurety
    function createPactFromOfferWithPermit(
        Offer calldata offer,
        bytes calldata signature,
        Permit calldata permit
    ) external nonReentrant whenNotPaused returns (uint256 pactId) {
        pactId = _fundOffer(offer, signature);
        _tryPermit(offer.token, offer.price, permit);
        _pullPayment(offer.token, offer.price);
    }

    /// @inheritdoc ISurety
    function cancelPact(uint256 pactId, Terms calldata terms) external nonReentrant {
        // Checks
        Pact memory pact = _load(pactId, terms);
        if (pact.status != PactStatus.Open) revert Surety_InvalidStatus(pactId, pact.status);
        if (msg.sender != terms.buyer) revert Surety_CallerNotBuyer(pactId, msg.sender);

        // Effects
        _setStatus(pactId, pact.commitment, PactStatus.Cancelled);
        emit PactCancelled(pactId, terms.buyer, terms.price);

        // Interactions
        _payout(pactId, terms.token, terms.buyer, terms.price);
    }

    /// @inheritdoc ISurety
    function releasePact(uint256 pactId, Terms calldata terms) external nonReentrant {
        // Checks
        Pact memory pact = _load(pactId, terms);
        PactStatus status = pact.status;
        _requireUnderway(pactId, status);
        if (msg.sender != terms.buyer) revert Surety_CallerNotBuyer(pactId, msg.sender);

        // Effects
        uint256 feeRefund = status == PactStatus.Disputed ? terms.arbiterFee : 0;
        _setStatus(pactId, pact.commitment, PactStatus.Released);
        _unlock(terms.agent, terms.collateral, 0);
        emit PactReleased(pactId, terms.buyer, terms.agent, terms.price, feeRefund);

        // Interactions
        _payout(pactId, terms.token, terms.agent, terms.price);
        _payout(pactId, terms.token, terms.buyer, feeRefund);
    }

    /// @inheritdoc ISurety
    function disputePact(uint256 pactId, Terms calldata terms, bytes32 reasonHash) external payable nonReentrant {
        _dispute(pactId, terms, reasonHash);
        _pullPayment(terms.token, terms.arbiterFee);
    }

    /// @inheritdoc ISurety
    function disputePactWithPermit(
        uint256 pactId,
        Terms calldata terms,
        bytes32 reasonHash,
        Permit calldata permit
    ) external nonReentrant {
        _dispute(pactId, terms, reasonHash);
        _tryPermit(terms.token, terms.arbiterFee, permit);
        _pullPayment(terms.token, terms.arbiterFee);
    }

    /*//////////////////////////////////////////////////////////////
                             AGENT ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISurety
    function depositStake(uint256 amount) external nonReentrant {
        _depositStake(amount);
    }

    /// @inheritdoc ISurety
    function depositStakeWithPermit(uint256 amount, Permit calldata permit) external nonReentrant {
        _tryPermit(address(_STAKE_TOKEN), amount, permit);
        _depositStake(amount);
    }

    /// @inheritdoc ISurety
    function requestWithdrawal(uint256 amount) external nonReentrant {
        // Checks
        if (amount == 0) revert Surety_ZeroAmount();
        StakeAccount storage account = _stakes[msg.sender];
        uint256 free = account.bonded - account.locked;
        if (amount > free) revert Surety_InsufficientFreeStake(msg.sender, free, amount);

        // Effects
        // Cast is safe: amount <= free <= bonded, and queued + amount <= bonded + queued, both uint128 sums of
        // deposits that each passed a uint128 cast.
        uint128 queued = account.queued + uint128(amount);
        uint40 readyAt = uint40(block.timestamp + _UNBONDING_DELAY);
        account.bonded -= uint128(amount);
        account.queued = queued;
        account.readyAt = readyAt;
        emit WithdrawalRequested(msg.sender, amount, queued, readyAt);
    }

    /// @inheritdoc ISurety
    function withdrawStake(address recipient) external nonReentrant {
        // Checks
        _checkRecipient(recipient);
        StakeAccount storage account = _stakes[msg.sender];
        uint256 amount = account.queued;
        if (amount == 0) revert Surety_NothingQueued(msg.sender);
        if (block.timestamp < account.readyAt) revert Surety_WithdrawalNotReady(msg.sender, account.readyAt);
        uint40 frozenUntil = _standings[msg.sender].frozenUntil;
        if (block.timestamp < frozenUntil) revert Surety_StakeFrozen(msg.sender, frozenUntil);

        // Effects
        account.queued = 0;
        account.readyAt = 0;
        emit StakeWithdrawn(msg.sender, recipient, amount);

        // Interactions
        _STAKE_TOKEN.safeTransfer(recipient, amount);
    }

    /// @inheritdoc ISurety
    function acceptPact(uint256 pactId, Terms calldata terms) external nonReentrant whenNotPaused {
        // Checks
        Pact memory pact = _load(pactId, terms);
        if (pact.status != PactStatus.Open) revert Surety_InvalidStatus(pactId, pact.status);
        if (msg.sender != terms.agent) revert Surety_CallerNotAgent(pactId, msg.sender);
        if (block.timestamp > terms.acceptBy) revert Surety_DeadlinePassed(pactId, terms.acceptBy);

        // Effects
        uint256 locked = _lock(terms.agent, terms.collateral);
        _setStatus(pactId, pact.commitment, PactStatus.Active);
        emit PactAccepted(pactId, terms.agent, terms.collateral, locked);
    }

    /// @inheritdoc ISurety
    function deliverPact(uint256 pactId, Terms calldata terms, bytes32 deliveryHash) external nonReentrant {
        // Checks
        Pact memory pact = _load(pactId, terms);
        if (pact.status != PactStatus.Active) revert Surety_InvalidStatus(pactId, pact.status);
        if (msg.sender != terms.agent) revert Surety_CallerNotAgent(pactId, msg.sender);
        if (block.timestamp > terms.deliverBy) revert Surety_DeadlinePassed(pactId, terms.deliverBy);

        // Effects
        _setStatus(pactId, pact.commitment, PactStatus.Delivered);
        emit PactDelivered(pactId, terms.agent, deliveryHash);
    }

    /// @inheritdoc ISurety
    function revokeOffer(uint256 nonce) external nonReentrant {
        if (_usedNonces[msg.sender][nonce]) revert Surety_NonceUsed(msg.sender, nonce);
        _usedNonces[msg.sender][nonce] = true;
        emit OfferRevoked(msg.sender, nonce);
    }

    /*//////////////////////////////////////////////////////////////
                            ARBITER ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISurety
    function registerArbiter(address token, uint128 minFee, uint32 maxRulingPeriod) external nonReentrant {
        if (maxRulingPeriod < _MIN_RULING_PERIOD) {
            revert Surety_RulingPeriodOutOfBounds(maxRulingPeriod, _MIN_RULING_PERIOD, type(uint32).max);
        }
        _arbiters[msg.sender][token] = ArbiterTerms({
            registered: true,
            maxRulingPeriod: maxRulingPeriod,
            minFee: minFee
        });
        emit ArbiterRegistered(msg.sender, token, minFee, maxRulingPeriod);
    }

    /// @inheritdoc ISurety
    function deregisterArbiter(address token) external nonReentrant {
        if (!_arbiters[msg.sender][token].registered) revert Surety_ArbiterNotRegistered(msg.sender, token);
        delete _arbiters[msg.sender][token];
        emit ArbiterDeregistered(msg.sender, token);
    }

    /// @inheritdoc ISurety
    function resolveDispute(
        uint256 pactId,
        Terms calldata terms,
        uint16 buyerBps,
        uint256 slash,
        bytes32 rulingHash
    ) external nonReentrant {
        // Checks
        Pact memory pact = _loadRuling(pactId, terms);
        if (buyerBps > _BPS) revert Surety_BpsTooHigh(buyerBps);
        if (slash > terms.collateral) revert Surety_SlashExceedsCollateral(slash, terms.collateral);

        // Effects
        (uint256 toBuyer, uint256 toAgent) = _split(terms.price, buyerBps);
        _setStatus(pactId, pact.commitment, PactStatus.Resolved);
        _unlock(terms.agent, terms.collateral, slash);
        emit DisputeResolved(
            pactId,
            terms.arbiter,
            buyerBps,
            toBuyer,
            toAgent,
            slash,
            terms.arbiterFee,
            rulingHash,
            false
        );

        // Interactions
        _payout(pactId, terms.token, terms.buyer, toBuyer);
        _payout(pactId, terms.token, terms.agent, toAgent);
        _payout(pactId, address(_STAKE_TOKEN), terms.buyer, slash);
        _payout(pactId, terms.token, terms.arbiter, terms.arbiterFee);
    }

    /// @inheritdoc ISurety
    function abstain(uint256 pactId, Terms calldata terms, bytes32 rulingHash) external nonReentrant {
        // Checks
        Pact memory pact = _loadRuling(pactId, terms);

        // Effects
        uint16 buyerBps = terms.defaultBuyerBps;
        (uint256 toBuyer, uint256 toAgent) = _split(terms.price, buyerBps);
        _setStatus(pactId, pact.commitment, PactStatus.Abstained);
        _unlock(terms.agent, terms.collateral, 0);
        emit DisputeResolved(pactId, terms.arbiter, buyerBps, toBuyer, toAgent, 0, 0, rulingHash, true);

        // Interactions
        _payout(pactId, terms.token, terms.buyer, toBuyer + terms.arbiterFee);
        _payout(pactId, terms.token, terms.agent, toAgent);
    }

    /// @inheritdoc ISurety
    function submitEvidence(uint256 pactId, Terms calldata terms, bytes32 evidenceHash) external nonReentrant {
        Pact memory pact = _load(pactId, terms);
        if (pact.status != PactStatus.Disputed) revert Surety_InvalidStatus(pactId, pact.status);
        if (msg.sender != terms.buyer && msg.sender != terms.agent) revert Surety_CallerNotParty(pactId, msg.sender);
        emit EvidenceSubmitted(pactId, msg.sender, evidenceHash);
    }

    /*//////////////////////////////////////////////////////////////
                            ANYONE'S ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISurety
    function reclaimPact(uint256 pactId, Terms calldata terms) external nonReentrant {
        // Checks
        Pact memory pact = _load(pactId, terms);
        if (pact.status != PactStatus.Open) revert Surety_InvalidStatus(pactId, pact.status);
        if (block.timestamp <= terms.acceptBy) revert Surety_DeadlineNotPassed(pactId, terms.acceptBy);

        // Effects
        _setStatus(pactId, pact.commitment, PactStatus.Reclaimed);
        emit PactReclaimed(pactId, terms.buyer, msg.sender, terms.price);

        // Interactions
        _payout(pactId, terms.token, terms.buyer, terms.price);
    }

    /// @inheritdoc ISurety
    function finalizePact(uint256 pactId, Terms calldata terms) external nonReentrant {
        // Checks
        Pact memory pact = _load(pactId, terms);
        if (pact.status != PactStatus.Delivered) revert Surety_InvalidStatus(pactId, pact.status);
        uint256 reviewEnd = uint256(pact.updatedAt) + terms.reviewPeriod;
        if (block.timestamp <= reviewEnd) revert Surety_DeadlineNotPassed(pactId, reviewEnd);

        // Effects
        _setStatus(pactId, pact.commitment, PactStatus.Finalized);
        _unlock(terms.agent, terms.collateral, 0);
        emit PactFinalized(pactId, terms.agent, msg.sender, terms.price);

        // Interactions
        _payout(pactId, terms.token, terms.agent, terms.price);
    }

    /// @inheritdoc ISurety
    function claimRefund(uint256 pactId, Terms calldata terms) external nonReentrant {
        // Checks
        Pact memory pact = _load(pactId, terms);
        if (pact.status != PactStatus.Active) revert Surety_InvalidStatus(pactId, pact.status);
        if (block.timestamp <= terms.deliverBy) revert Surety_DeadlineNotPassed(pactId, terms.deliverBy);

        // Effects
        _setStatus(pactId, pact.commitment, PactStatus.Refunded);
        _unlock(terms.agent, terms.collateral, terms.penalty);
        emit PactRefunded(pactId, terms.buyer, terms.agent, msg.sender, terms.price, terms.penalty);

        // Interactions
        _payout(pactId, terms.token, terms.buyer, terms.price);
        _payout(pactId, address(_STAKE_TOKEN), terms.buyer, terms.penalty);
    }

    /// @inheritdoc ISurety
    function applyDefaultRuling(uint256 pactId, Terms calldata terms) external nonReentrant {
        // Checks
        Pact memory pact = _load(pactId, terms);
        if (pact.status != PactStatus.Disputed) revert Surety_InvalidStatus(pactId, pact.status);
        uint256 rulingEnd = _rulingEnd(pactId, pact.updatedAt, terms.rulingPeriod);
        if (block.timestamp <= rulingEnd) revert Surety_DeadlineNotPassed(pactId, rulingEnd);

        // Effects
        uint16 buyerBps = terms.defaultBuyerBps;
        (uint256 toBuyer, uint256 toAgent) = _split(terms.price, buyerBps);
        _setStatus(pactId, pact.commitment, PactStatus.DefaultRuled);
        _unlock(terms.agent, terms.collateral, 0);
        emit DefaultRulingApplied(pactId, msg.sender, buyerBps, toBuyer, toAgent, terms.arbiterFee);

        // Interactions
        _payout(pactId, terms.token, terms.buyer, toBuyer + terms.arbiterFee);
        _payout(pactId, terms.token, terms.agent, toAgent);
    }

    /// @inheritdoc ISurety
    function claimPayout(address token, address recipient) external nonReentrant {
        _checkRecipient(recipient);
        _claim(token, recipient);
    }

    /*//////////////////////////////////////////////////////////////
                                GUARDIAN
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISurety
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @inheritdoc ISurety
    function unpause() external onlyRole(GUARDIAN_ROLE) {
        _unpause();
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Checks new terms from a buyer and records an Open pact. The caller pulls the price.
    function _createPact(Terms calldata terms) internal returns (uint256 pactId) {
        // Checks
        if (terms.acceptBy <= block.timestamp) revert Surety_AcceptByNotInFuture(terms.acceptBy, block.timestamp);
        _checkTerms(terms);

        // Effects
        pactId = _nextPactId++;
        _pacts[pactId] = Pact({
            commitment: _commit(terms),
            status: PactStatus.Open,
            updatedAt: uint40(block.timestamp)
        });
        emit PactCreated(pactId, terms.buyer, terms.agent, terms);
    }

    /// @dev Checks an agent's signed offer and records an Active pact. The caller pulls the price.
    function _fundOffer(Offer calldata offer, bytes calldata signature) internal returns (uint256 pactId) {
        // Checks
        address agent = offer.agent;
        if (block.timestamp > offer.expiry) revert Surety_OfferExpired(offer.expiry, block.timestamp);
        if (offer.buyer != address(0) && offer.buyer != msg.sender) {
            revert Surety_OfferNotForCaller(offer.buyer, msg.sender);
        }
        if (_usedNonces[agent][offer.nonce]) revert Surety_NonceUsed(agent, offer.nonce);
        if (!SignatureChecker.isValidSignatureNow(agent, offerDigest(offer), signature)) {
            revert Surety_InvalidSignature(agent);
        }
        Terms memory terms = Terms({
            buyer: msg.sender,
            agent: agent,
            arbiter: offer.arbiter,
            token: offer.token,
            price: offer.price,
            arbiterFee: offer.arbiterFee,
            collateral: offer.collateral,
            penalty: offer.penalty,
            acceptBy: uint40(block.timestamp),
            deliverBy: uint40(block.timestamp + offer.deliveryPeriod),
            reviewPeriod: offer.reviewPeriod,
            rulingPeriod: offer.rulingPeriod,
            defaultBuyerBps: offer.defaultBuyerBps,
            termsHash: offer.termsHash
        });
        _checkTerms(terms);

        // Effects
        _usedNonces[agent][offer.nonce] = true;
        uint256 locked = _lock(agent, offer.collateral);
        pactId = _nextPactId++;
        _pacts[pactId] = Pact({
            commitment: _commit(terms),
            status: PactStatus.Active,
            updatedAt: uint40(block.timestamp)
        });
        emit PactCreated(pactId, msg.sender, agent, terms);
        emit PactAccepted(pactId, agent, offer.collateral, locked);
        emit OfferFunded(pactId, agent, offer.nonce);
    }

    /// @dev Every check on terms except the acceptance deadline, which offers set to the funding time.
    function _checkTerms(Terms memory terms) internal view {
        if (terms.buyer != msg.sender) revert Surety_BuyerNotCaller(terms.buyer, msg.sender);
        if (terms.agent == address(0)) revert Surety_ZeroAgent();
        if (terms.agent == terms.buyer) revert Surety_AgentIsBuyer(terms.agent);
        if (terms.arbiter == terms.buyer || terms.arbiter == terms.agent) revert Surety_ArbiterIsParty(terms.arbiter);
        ArbiterTerms memory arbiter = _arbiters[terms.arbiter][terms.token];
        if (!arbiter.registered) revert Surety_ArbiterNotRegistered(terms.arbiter, terms.token);
        if (terms.arbiterFee < arbiter.minFee) revert Surety_ArbiterFeeTooLow(terms.arbiterFee, arbiter.minFee);
        if (terms.price == 0) revert Surety_ZeroPrice();
        // uint128 amounts keep every sum of amounts (a share plus a fee, a credit) far from overflow.
        if (terms.price > type(uint128).max) revert Surety_AmountTooLarge(terms.price);
        if (terms.arbiterFee > type(uint128).max) revert Surety_AmountTooLarge(terms.arbiterFee);
        if (terms.collateral > type(uint128).max) revert Surety_AmountTooLarge(terms.collateral);
        if (terms.deliverBy <= terms.acceptBy) revert Surety_DeadlinesNotOrdered(terms.acceptBy, terms.deliverBy);
        if (terms.reviewPeriod < _MIN_REVIEW_PERIOD || terms.reviewPeriod > _MAX_REVIEW_PERIOD) {
            revert Surety_ReviewPeriodOutOfBounds(terms.reviewPeriod, _MIN_REVIEW_PERIOD, _MAX_REVIEW_PERIOD);
        }
        uint32 maxRuling = arbiter.maxRulingPeriod < _MAX_RULING_PERIOD ? arbiter.maxRulingPeriod : _MAX_RULING_PERIOD;
        if (terms.rulingPeriod < _MIN_RULING_PERIOD || terms.rulingPeriod > maxRuling) {
            revert Surety_RulingPeriodOutOfBounds(terms.rulingPeriod, _MIN_RULING_PERIOD, maxRuling);
        }
        if (terms.defaultBuyerBps > _BPS) revert Surety_BpsTooHigh(terms.defaultBuyerBps);
        if (terms.penalty > terms.collateral) revert Surety_PenaltyExceedsCollateral(terms.penalty, terms.collateral);
    }

    /// @dev Loads a Disputed pact for its arbiter, within the ruling period or the arbiter's hold.
    function _loadRuling(uint256 pactId, Terms calldata terms) internal view returns (Pact memory pact) {
        pact = _load(pactId, terms);
        if (pact.status != PactStatus.Disputed) revert Surety_InvalidStatus(pactId, pact.status);
        if (msg.sender != terms.arbiter) revert Surety_CallerNotArbiter(pactId, msg.sender);
        uint256 rulingEnd = _rulingEnd(pactId, pact.updatedAt, terms.rulingPeriod);
        if (block.timestamp > rulingEnd) revert Surety_DeadlinePassed(pactId, rulingEnd);
    }

    /// @dev Moves a Delivered pact to Disputed. The caller pulls the fee.
    function _dispute(uint256 pactId, Terms calldata terms, bytes32 reasonHash) internal {
        // Checks
        Pact memory pact = _load(pactId, terms);
        if (pact.status != PactStatus.Delivered) revert Surety_InvalidStatus(pactId, pact.status);
        if (msg.sender != terms.buyer) revert Surety_CallerNotBuyer(pactId, msg.sender);
        uint256 reviewEnd = uint256(pact.updatedAt) + terms.reviewPeriod;
        if (block.timestamp > reviewEnd) revert Surety_DeadlinePassed(pactId, reviewEnd);

        // Effects
        _setStatus(pactId, pact.commitment, PactStatus.Disputed);
        emit PactDisputed(pactId, terms.buyer, terms.arbiter, reasonHash, terms.arbiterFee);
    }

    /// @dev Locks `collateral` of the agent's free stake, within its cap, unless it is paused.
    /// @return locked The agent's locked collateral afterwards.
    function _lock(address agent, uint256 collateral) internal returns (uint256 locked) {
        Standing memory standing = _standings[agent];
        if (standing.status == AgentStatus.Paused) revert Surety_AgentPaused(agent);
        StakeAccount storage account = _stakes[agent];
        uint256 bonded = account.bonded;
        uint256 alreadyLocked = account.locked;
        locked = alreadyLocked + collateral;
        if (standing.status >= AgentStatus.Narrowed && locked > standing.cap) {
            revert Surety_ExposureCapExceeded(agent, standing.cap, locked);
        }
        if (locked > bonded) revert Surety_InsufficientFreeStake(agent, bonded - alreadyLocked, collateral);
        // Cast is safe: locked <= bonded, a uint128.
        account.locked = uint128(locked);
    }

    function _depositStake(uint256 amount) internal {
        // Checks
        if (amount == 0) revert Surety_ZeroAmount();

        // Effects
        StakeAccount storage account = _stakes[msg.sender];
        uint128 bonded = (uint256(account.bonded) + account.queued + amount).toUint128() - account.queued;
        account.bonded = bonded;
        emit StakeDeposited(msg.sender, amount, bonded);

        // Interactions
        _pullExact(address(_STAKE_TOKEN), amount);
    }

    /// @dev Takes `amount` of the payment token from the caller: ETH must arrive as exactly `msg.value`.
    function _pullPayment(address token, uint256 amount) internal {
        if (token == address(0)) {
            if (msg.value != amount) revert Surety_WrongValue(amount, msg.value);
            return;
        }
        if (msg.value != 0) revert Surety_WrongValue(0, msg.value);
        if (amount != 0) _pullExact(token, amount);
    }

    /// @dev Pulls `amount` of `token` from the caller and requires that exactly that much arrived.
    function _pullExact(address token, uint256 amount) internal {
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = IERC20(token).balanceOf(address(this)) - before;
        if (received != amount) revert Surety_TransferMismatch(token, amount, received);
    }

    /// @dev Spends a permit if it still can; a failed permit (front-run, already used) is ignored, and the
    /// transfer that follows succeeds when the allowance already suffices.
    function _tryPermit(address token, uint256 amount, Permit calldata permit) internal {
        if (token == address(0)) return;
        try
            IERC20Permit(token).permit(msg.sender, address(this), amount, permit.deadline, permit.v, permit.r, permit.s)
        {} catch {}
    }

    /// @notice Runs the operator's calls ({ISuretyOperator}) in the operator module and every other call this
    /// contract does not implement, the cooperative paths ({ISuretyCooperative}), in the cooperative module; both
    /// were created with this contract and run on its storage. Not payable: none of them takes ETH, and plain ETH
    /// transfers are refused.
    /// @dev Written here rather than inherited from OpenZeppelin's Proxy, whose assembly is not marked
    /// memory-safe and so costs the whole contract about 1.9 KB of code under the IR pipeline. The block uses only
    /// memory past the free memory pointer and never returns to Solidity code.
    // solhint-disable-next-line no-complex-fallback
    fallback() external {
        bytes4 selector = msg.sig;
        address module =
            selector == ISuretyOperator.recordReviews.selector ||
            selector == ISuretyOperator.setAgentStatus.selector ||
            selector == ISuretyOperator.recertify.selector ||
            selector == ISuretyOperator.logPactException.selector ||
            selector == ISuretyOperator.logAgentException.selector
                ? _OPERATOR
                : _COOPERATIVE;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            calldatacopy(ptr, 0, calldatasize())
            let success := delegatecall(gas(), module, ptr, calldatasize(), 0, 0)
            returndatacopy(ptr, 0, returndatasize())
            if iszero(success) {
                revert(ptr, returndatasize())
            }
            return(ptr, returndatasize())
        }
    }
}
