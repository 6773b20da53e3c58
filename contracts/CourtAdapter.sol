// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IArbitrable} from "./interfaces/IArbitrable.sol";
import {IArbitrator} from "./interfaces/IArbitrator.sol";
import {ICourtAdapter} from "./interfaces/ICourtAdapter.sol";
import {ISurety} from "./interfaces/ISurety.sol";
import {ISuretyCooperative} from "./interfaces/ISuretyCooperative.sol";
import {ISuretyErrors} from "./interfaces/ISuretyErrors.sol";
import {CourtDispute, CourtTerms} from "./types/CourtTypes.sol";
import {PactStatus, Terms} from "./types/DataTypes.sol";

/// @title CourtAdapter
/// @notice Lets any ERC-792 court arbitrate Surety pacts: named as a pact's arbiter, the adapter creates the
/// court's dispute, relays appeals and ERC-1497 evidence, and turns the court's final ruling into Surety's
/// `resolveDispute` or `abstain`. A dispute costs the disputing buyer the court's fee: unless the buyer pays it
/// within the fee window, the delivery stands and anyone may have the agent paid in full. Once the court's dispute
/// exists the adapter holds off Surety's default ruling up to the deployment's bound, so that appeals, by a party
/// or by anyone at the court, cannot run the pact into its default split.
/// @dev The court is trusted to call `rule` once per dispute with its final ruling; the adapter accepts `rule` from
/// it alone. The adapter holds no funds between calls: court fees pass through, excess is refunded at once. The
/// meta-evidence (the jurors' question and the meaning of each ruling) is fixed at deployment, not by a party.
contract CourtAdapter is ICourtAdapter, ReentrancyGuardTransient {
    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    uint16 internal constant _BPS = 10_000;
    uint256 internal constant _BUYER_WINS = 1;
    uint256 internal constant _AGENT_WINS = 2;
    /// @dev Gas kept back when applying a ruling inside `rule`, so that a refusal by Surety still leaves enough to
    /// revert with a reason the court's caller can read.
    uint256 internal constant _RULE_RESERVE = 10_000;
    /// @dev Surety's `rulingHash` when the buyer left the court's fee unpaid and the delivery stood.
    bytes32 internal constant _UNFUNDED_RULING = keccak256("surety.court.unfunded");

    /// @inheritdoc ICourtAdapter
    uint256 public constant META_EVIDENCE_ID = 0;

    /*//////////////////////////////////////////////////////////////
                                 STATE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ICourtAdapter
    ISurety public immutable SURETY;

    /// @inheritdoc ICourtAdapter
    IArbitrator public immutable COURT;

    /// @inheritdoc ICourtAdapter
    uint32 public immutable MAX_RULING_PERIOD;

    /// @inheritdoc ICourtAdapter
    uint32 public immutable FEE_WINDOW;

    bytes private _extraData;
    string private _metaEvidenceURI;
    uint16[] private _splits;
    mapping(uint256 pactId => CourtDispute dispute) private _disputes;
    mapping(uint256 pactId => CourtTerms terms) private _terms;
    mapping(uint256 disputeID => uint256 pactId) private _pactOf;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param surety The Surety deployment.
    /// @param court The ERC-792 court every dispute goes to.
    /// @param extraData The court's extra data (e.g. subcourt and number of jurors), passed with every call.
    /// @param buyerSplits The buyer's share in basis points of each ruling above 2; empty for a two-choice court.
    /// @param maxRulingPeriod The longest pact ruling period accepted, at least Surety's minimum.
    /// @param feeWindow Seconds after a dispute within which the buyer must pay the court's fee (at most half the
    /// pact's ruling period), else the delivery stands.
    /// @param metaEvidence URI of the ERC-1497 meta-evidence of every dispute: the question, and each ruling's meaning
    /// exactly as {decisionOf} applies it.
    /// @param tokens Payment tokens to register for at once (address zero for ETH); more with {register}.
    constructor(
        ISurety surety,
        IArbitrator court,
        bytes memory extraData,
        uint16[] memory buyerSplits,
        uint32 maxRulingPeriod,
        uint32 feeWindow,
        string memory metaEvidence,
        address[] memory tokens
    ) {
        if (address(surety).code.length == 0) revert CourtAdapter_InvalidSurety(address(surety));
        if (address(court).code.length == 0) revert CourtAdapter_InvalidCourt(address(court));
        if (feeWindow == 0) revert CourtAdapter_ZeroFeeWindow();
        if (bytes(metaEvidence).length == 0) revert CourtAdapter_EmptyMetaEvidence();
        for (uint256 i = 0; i < buyerSplits.length; ++i) {
            if (buyerSplits[i] > _BPS) revert CourtAdapter_SplitTooHigh(i, buyerSplits[i]);
        }
        SURETY = surety;
        COURT = court;
        MAX_RULING_PERIOD = maxRulingPeriod;
        FEE_WINDOW = feeWindow;
        _extraData = extraData;
        _splits = buyerSplits;
        _metaEvidenceURI = metaEvidence;
        emit MetaEvidence(META_EVIDENCE_ID, metaEvidence);
        for (uint256 i = 0; i < tokens.length; ++i) {
            _register(tokens[i]);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 READS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ICourtAdapter
    function arbitratorExtraData() external view returns (bytes memory) {
        return _extraData;
    }

    /// @inheritdoc ICourtAdapter
    function metaEvidenceURI() external view returns (string memory) {
        return _metaEvidenceURI;
    }

    /// @inheritdoc ICourtAdapter
    function feeDeadline(uint256 pactId, Terms calldata terms) external view returns (uint256) {
        (PactStatus status, uint40 disputedAt, bytes26 commitment) = SURETY.getPact(pactId);
        if (status != PactStatus.None && commitment != SURETY.commitmentOf(terms)) {
            revert CourtAdapter_TermsMismatch(pactId);
        }
        if (status != PactStatus.Disputed) revert CourtAdapter_PactNotDisputed(pactId, status);
        return _feeDeadline(disputedAt, terms.rulingPeriod);
    }

    /// @inheritdoc ICourtAdapter
    function splits() external view returns (uint16[] memory) {
        return _splits;
    }

    /// @inheritdoc ICourtAdapter
    function numberOfChoices() public view returns (uint256) {
        return _AGENT_WINS + _splits.length;
    }

    /// @inheritdoc ICourtAdapter
    function arbitrationCost() external view returns (uint256) {
        return COURT.arbitrationCost(_extraData);
    }

    /// @inheritdoc ICourtAdapter
    function appealCost(uint256 pactId) external view returns (uint256) {
        CourtDispute memory dispute = _disputes[pactId];
        if (!dispute.requested) revert CourtAdapter_NotRequested(pactId);
        return COURT.appealCost(dispute.disputeID, _extraData);
    }

    /// @inheritdoc ICourtAdapter
    function courtDispute(uint256 pactId) external view returns (CourtDispute memory) {
        return _disputes[pactId];
    }

    /// @inheritdoc ICourtAdapter
    function pactOfDispute(uint256 disputeID) external view returns (uint256) {
        return _pactOf[disputeID];
    }

    /// @inheritdoc ICourtAdapter
    function termsOf(uint256 pactId) external view returns (Terms memory terms) {
        if (_disputes[pactId].requested) terms = _unpack(_terms[pactId]);
    }

    /// @inheritdoc ICourtAdapter
    function decisionOf(
        Terms calldata terms,
        uint256 ruling
    ) external view returns (bool abstains, uint16 buyerBps, uint256 slash) {
        return _decision(terms, ruling);
    }

    /*//////////////////////////////////////////////////////////////
                                 WRITES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ICourtAdapter
    function register(address token) external nonReentrant {
        _register(token);
    }

    /// @inheritdoc ICourtAdapter
    function requestArbitration(
        uint256 pactId,
        Terms calldata terms,
        string calldata reasonURI
    ) external payable nonReentrant returns (uint256 disputeID) {
        // Checks
        uint40 disputedAt = _checkDisputed(pactId, terms);
        if (msg.sender != terms.buyer) revert CourtAdapter_CallerNotBuyer(pactId, msg.sender);
        CourtDispute storage dispute = _disputes[pactId];
        if (dispute.requested) revert CourtAdapter_AlreadyRequested(pactId, dispute.disputeID);
        uint256 deadline = _feeDeadline(disputedAt, terms.rulingPeriod);
        if (block.timestamp > deadline) revert CourtAdapter_FeeWindowOver(pactId, deadline);
        bytes memory extraData = _extraData;
        uint256 cost = COURT.arbitrationCost(extraData);
        if (msg.value < cost) revert CourtAdapter_InsufficientValue(cost, msg.value);

        // Effects
        dispute.requested = true;
        _terms[pactId] = _pack(terms);

        // Interactions: the court is fixed and trusted; its dispute id is known only once it returns. Surety then
        // holds off its default ruling, so that the court's final ruling, after any appeals, is what the pact pays.
        disputeID = COURT.createDispute{value: cost}(numberOfChoices(), extraData);
        dispute.disputeID = disputeID;
        _pactOf[disputeID] = pactId;
        emit Dispute(COURT, disputeID, META_EVIDENCE_ID, pactId);
        emit ArbitrationRequested(pactId, disputeID, msg.sender, cost);
        if (bytes(reasonURI).length != 0) emit Evidence(COURT, pactId, msg.sender, reasonURI);
        ISuretyCooperative(address(SURETY)).holdRuling(pactId, terms);
        _refund(msg.value - cost);
    }

    /// @inheritdoc ICourtAdapter
    function settleUnfunded(uint256 pactId, Terms calldata terms) external nonReentrant {
        // Checks
        uint40 disputedAt = _checkDisputed(pactId, terms);
        CourtDispute storage dispute = _disputes[pactId];
        if (dispute.requested) revert CourtAdapter_AlreadyRequested(pactId, dispute.disputeID);
        uint256 deadline = _feeDeadline(disputedAt, terms.rulingPeriod);
        if (block.timestamp <= deadline) revert CourtAdapter_FeeWindowOpen(pactId, deadline);

        // Effects: none here; Surety records the outcome.
        emit ArbitrationUnfunded(pactId, msg.sender);

        // Interactions: the delivery stands; the agent is paid in full and nothing is slashed.
        SURETY.resolveDispute(pactId, terms, 0, 0, _UNFUNDED_RULING);
    }

    /// @inheritdoc ICourtAdapter
    function fundAppeal(uint256 pactId) external payable nonReentrant {
        // Checks
        CourtDispute memory dispute = _disputes[pactId];
        if (!dispute.requested) revert CourtAdapter_NotRequested(pactId);
        CourtTerms storage terms = _terms[pactId];
        if (msg.sender != terms.buyer && msg.sender != terms.agent)
            revert CourtAdapter_CallerNotParty(pactId, msg.sender);
        (PactStatus status, uint40 disputedAt, ) = SURETY.getPact(pactId);
        if (status != PactStatus.Disputed) revert CourtAdapter_PactNotDisputed(pactId, status);
        uint256 rulingEnd = _rulingEnd(pactId, disputedAt, terms.rulingPeriod);
        if (block.timestamp > rulingEnd) revert CourtAdapter_RulingPeriodOver(pactId, rulingEnd);
        uint256 disputeID = dispute.disputeID;
        if (!_appealable(disputeID)) revert CourtAdapter_NotAppealable(pactId, disputeID);
        bytes memory extraData = _extraData;
        uint256 cost = COURT.appealCost(disputeID, extraData);
        if (msg.value < cost) revert CourtAdapter_InsufficientValue(cost, msg.value);

        // Effects: none here; the court keeps the appeal's state.
        emit AppealFunded(pactId, disputeID, msg.sender, cost);

        // Interactions
        COURT.appeal{value: cost}(disputeID, extraData);
        _refund(msg.value - cost);
    }

    /// @inheritdoc ICourtAdapter
    function submitEvidence(uint256 pactId, Terms calldata terms, string calldata evidenceURI) external {
        _checkDisputed(pactId, terms);
        if (msg.sender != terms.buyer && msg.sender != terms.agent)
            revert CourtAdapter_CallerNotParty(pactId, msg.sender);
        emit Evidence(COURT, pactId, msg.sender, evidenceURI);
    }

    /// @inheritdoc IArbitrable
    /// @dev Applies the court's first ruling of a dispute to the pact, or records it as late when the pact already
    /// left Disputed or its ruling period and hold are over. Otherwise it never records a ruling it could not apply:
    /// when Surety refuses (too little gas for its payouts, or Surety in the middle of another call, as when the
    /// court's call comes from a payout's receive hook) it reverts, so that the court's call can be made again. Also
    /// reverts for a caller other than the court, an unknown dispute and a second ruling.
    function rule(uint256 disputeID, uint256 ruling) external {
        // Checks
        if (msg.sender != address(COURT)) revert CourtAdapter_CallerNotCourt(msg.sender);
        uint256 pactId = _pactOf[disputeID];
        if (pactId == 0) revert CourtAdapter_UnknownDispute(disputeID);
        CourtDispute storage dispute = _disputes[pactId];
        if (dispute.ruled) revert CourtAdapter_AlreadyRuled(pactId, disputeID);

        // Effects
        dispute.ruled = true;
        dispute.ruling = ruling;
        emit Ruling(COURT, disputeID, ruling);

        // Interactions
        Terms memory terms = _unpack(_terms[pactId]);
        (PactStatus status, uint40 disputedAt, ) = SURETY.getPact(pactId);
        if (status != PactStatus.Disputed || block.timestamp > _rulingEnd(pactId, disputedAt, terms.rulingPeriod)) {
            emit RulingLate(pactId, disputeID, ruling, status);
            return;
        }
        (bool abstains, uint16 buyerBps, uint256 slash) = _decision(terms, ruling);
        bytes32 rulingHash = _rulingHash(disputeID, ruling);
        uint256 gasLimit = gasleft() > _RULE_RESERVE ? gasleft() - _RULE_RESERVE : 0;
        try this.applyRuling{gas: gasLimit}(pactId, terms, abstains, buyerBps, slash, rulingHash) {
            dispute.applied = true;
            emit RulingApplied(pactId, disputeID, ruling, buyerBps, slash, abstains);
        } catch (bytes memory reason) {
            // Nothing is recorded: the revert undoes the effects above, and the court's call can be repeated.
            if (bytes4(reason) == ISuretyErrors.Surety_InsufficientGas.selector || reason.length == 0) {
                revert CourtAdapter_InsufficientGas();
            }
            if (bytes4(reason) == ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector) {
                revert CourtAdapter_SuretyBusy();
            }
            revert CourtAdapter_RulingRefused(reason);
        }
    }

    /// @inheritdoc ICourtAdapter
    function applyRuling(
        uint256 pactId,
        Terms calldata terms,
        bool abstains,
        uint16 buyerBps,
        uint256 slash,
        bytes32 rulingHash
    ) external {
        if (msg.sender != address(this)) revert CourtAdapter_CallerNotSelf(msg.sender);
        _settle(pactId, terms, abstains, buyerBps, slash, rulingHash);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Registers for `token` with no fee.
    function _register(address token) internal {
        SURETY.registerArbiter(token, 0, MAX_RULING_PERIOD);
        emit TokenRegistered(token, MAX_RULING_PERIOD);
    }

    /// @dev Checks that `terms` are `pactId`'s, name this adapter with no fee, and that the pact is Disputed within
    /// its ruling period (or the adapter's hold).
    /// @return disputedAt When the pact was disputed.
    function _checkDisputed(uint256 pactId, Terms calldata terms) internal view returns (uint40 disputedAt) {
        if (terms.arbiter != address(this)) revert CourtAdapter_NotArbiter(pactId, terms.arbiter);
        if (terms.arbiterFee != 0) revert CourtAdapter_ArbiterFeeNotZero(pactId, terms.arbiterFee);
        PactStatus status;
        bytes26 commitment;
        (status, disputedAt, commitment) = SURETY.getPact(pactId);
        if (status != PactStatus.None && commitment != SURETY.commitmentOf(terms)) {
            revert CourtAdapter_TermsMismatch(pactId);
        }
        if (status != PactStatus.Disputed) revert CourtAdapter_PactNotDisputed(pactId, status);
        uint256 rulingEnd = _rulingEnd(pactId, disputedAt, terms.rulingPeriod);
        if (block.timestamp > rulingEnd) revert CourtAdapter_RulingPeriodOver(pactId, rulingEnd);
    }

    /// @dev The last second the buyer may pay the court's fee: the fee window after the dispute, shortened to half
    /// the ruling period so that the rest of it is left to have an unfunded dispute settled for the agent.
    function _feeDeadline(uint40 disputedAt, uint32 rulingPeriod) internal view returns (uint256) {
        uint32 window = FEE_WINDOW < rulingPeriod / 2 ? FEE_WINDOW : rulingPeriod / 2;
        return uint256(disputedAt) + window;
    }

    /// @dev The last second a disputed pact may be ruled on: its ruling period's end, or the hold the adapter set.
    function _rulingEnd(uint256 pactId, uint40 disputedAt, uint32 rulingPeriod) internal view returns (uint256 end) {
        end = uint256(disputedAt) + rulingPeriod;
        if (block.timestamp > end) {
            uint256 heldUntil = ISuretyCooperative(address(SURETY)).rulingHeldUntil(pactId);
            if (heldUntil > end) end = heldUntil;
        }
    }

    /// @dev Whether the court takes an appeal of `disputeID` now. Real courts differ before their first ruling:
    /// some report an empty period, some revert; either reads as not appealable.
    function _appealable(uint256 disputeID) internal view returns (bool) {
        try COURT.disputeStatus(disputeID) returns (IArbitrator.DisputeStatus status) {
            if (status != IArbitrator.DisputeStatus.Appealable) return false;
        } catch {
            return false;
        }
        try COURT.appealPeriod(disputeID) returns (uint256 start, uint256 end) {
            return block.timestamp >= start && block.timestamp < end;
        } catch {
            return false;
        }
    }

    /// @dev Settles the pact on Surety: abstains, or resolves with the buyer's share and the slash.
    function _settle(
        uint256 pactId,
        Terms memory terms,
        bool abstains,
        uint16 buyerBps,
        uint256 slash,
        bytes32 rulingHash
    ) internal {
        if (abstains) SURETY.abstain(pactId, terms, rulingHash);
        else SURETY.resolveDispute(pactId, terms, buyerBps, slash, rulingHash);
    }

    /// @dev Maps a court ruling to Surety's outcome; see {ICourtAdapter} for the table.
    function _decision(
        Terms memory terms,
        uint256 ruling
    ) internal view returns (bool abstains, uint16 buyerBps, uint256 slash) {
        if (ruling == _BUYER_WINS) return (false, _BPS, terms.penalty);
        if (ruling == _AGENT_WINS) return (false, 0, 0);
        if (ruling > _AGENT_WINS && ruling <= numberOfChoices()) return (false, _splits[ruling - _AGENT_WINS - 1], 0);
        // 0 (refusal to arbitrate) or a ruling the court was not offered.
        return (true, terms.defaultBuyerBps, 0);
    }

    /// @dev Surety's ruling hash for a court ruling: a commitment to the court, its dispute and its ruling.
    function _rulingHash(uint256 disputeID, uint256 ruling) internal view returns (bytes32) {
        return keccak256(abi.encode(COURT, disputeID, ruling));
    }

    /// @dev The terms to keep: Surety checked at creation that the amounts fit uint128, and {_checkDisputed} that
    /// the arbiter is this adapter with no fee.
    function _pack(Terms calldata terms) internal pure returns (CourtTerms memory) {
        return
            CourtTerms({
                buyer: terms.buyer,
                acceptBy: terms.acceptBy,
                deliverBy: terms.deliverBy,
                agent: terms.agent,
                reviewPeriod: terms.reviewPeriod,
                rulingPeriod: terms.rulingPeriod,
                defaultBuyerBps: terms.defaultBuyerBps,
                token: terms.token,
                price: uint128(terms.price),
                collateral: uint128(terms.collateral),
                penalty: uint128(terms.penalty),
                termsHash: terms.termsHash
            });
    }

    /// @dev The full terms of kept ones, as Surety's commitment covers them.
    function _unpack(CourtTerms memory terms) internal view returns (Terms memory) {
        return
            Terms({
                buyer: terms.buyer,
                agent: terms.agent,
                arbiter: address(this),
                token: terms.token,
                price: terms.price,
                arbiterFee: 0,
                collateral: terms.collateral,
                penalty: terms.penalty,
                acceptBy: terms.acceptBy,
                deliverBy: terms.deliverBy,
                reviewPeriod: terms.reviewPeriod,
                rulingPeriod: terms.rulingPeriod,
                defaultBuyerBps: terms.defaultBuyerBps,
                termsHash: terms.termsHash
            });
    }

    /// @dev Sends `amount` back to the caller, if any.
    function _refund(uint256 amount) internal {
        if (amount > 0) Address.sendValue(payable(msg.sender), amount);
    }
}
