// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IArbitrable} from "../interfaces/IArbitrable.sol";
import {IArbitrator} from "../interfaces/IArbitrator.sol";

/// @title TestRealisticCourt
/// @notice Test-only ERC-792 court that behaves as deployed courts do, where the friendly {TestArbitrator} does not:
/// - the appeal cost doubles with every round, and its owner can change it in the middle of an appeal period;
/// - outside an appeal period the appeal cost is a sentinel too large to pay, as a court signals "not payable";
/// - before its first ruling, `appealPeriod` either reverts or reports (0, 0), as chosen at deployment;
/// - `disputeStatus` reads Solved as soon as the appeal period is over, before anyone has the ruling executed;
/// - it may refuse any payment that is not exactly the cost, as chosen at deployment;
/// - anyone may appeal, and anyone may have a final ruling executed, which calls the arbitrable's `rule`.
contract TestRealisticCourt is IArbitrator {
    error TestRealisticCourt_NotOwner(address caller);
    error TestRealisticCourt_WrongPayment(uint256 cost, uint256 sent);
    error TestRealisticCourt_InvalidRuling(uint256 ruling, uint256 choices);
    error TestRealisticCourt_WrongStatus(uint256 disputeID, DisputeStatus status);
    error TestRealisticCourt_NoRulingYet(uint256 disputeID);
    error TestRealisticCourt_AlreadyExecuted(uint256 disputeID);

    struct CourtCase {
        IArbitrable arbitrable;
        uint256 choices;
        uint256 ruling;
        uint256 rounds; // appeals taken so far
        bool ruled; // a ruling was given in the current round
        bool executed; // the final ruling was sent to the arbitrable
        uint256 appealStart;
        uint256 appealEnd;
    }

    /// @notice What the appeal cost reads outside an appeal period: more than anyone can pay.
    uint256 public constant NOT_PAYABLE = (2 ** 256 - 2) / 2;

    address public immutable OWNER;
    uint256 public immutable APPEAL_DURATION;
    bool public immutable EXACT_PAYMENT;
    bool public immutable PERIOD_REVERTS_BEFORE_RULING;

    uint256 public arbitrationFee;
    uint256 public baseAppealFee;
    CourtCase[] public cases;

    constructor(
        uint256 arbitrationFee_,
        uint256 baseAppealFee_,
        uint256 appealDuration,
        bool exactPayment,
        bool periodRevertsBeforeRuling
    ) {
        OWNER = msg.sender;
        arbitrationFee = arbitrationFee_;
        baseAppealFee = baseAppealFee_;
        APPEAL_DURATION = appealDuration;
        EXACT_PAYMENT = exactPayment;
        PERIOD_REVERTS_BEFORE_RULING = periodRevertsBeforeRuling;
    }

    /// @notice The owner changes the fees at any moment, an appeal period included.
    function setFees(uint256 arbitrationFee_, uint256 baseAppealFee_) external {
        if (msg.sender != OWNER) revert TestRealisticCourt_NotOwner(msg.sender);
        arbitrationFee = arbitrationFee_;
        baseAppealFee = baseAppealFee_;
    }

    /// @inheritdoc IArbitrator
    function createDispute(uint256 choices, bytes calldata extraData) external payable returns (uint256 disputeID) {
        _checkPayment(arbitrationCost(extraData));
        disputeID = cases.length;
        cases.push(
            CourtCase({
                arbitrable: IArbitrable(msg.sender),
                choices: choices,
                ruling: 0,
                rounds: 0,
                ruled: false,
                executed: false,
                appealStart: 0,
                appealEnd: 0
            })
        );
        emit DisputeCreation(disputeID, IArbitrable(msg.sender));
    }

    /// @inheritdoc IArbitrator
    function arbitrationCost(bytes calldata) public view returns (uint256) {
        return arbitrationFee;
    }

    /// @inheritdoc IArbitrator
    function appeal(uint256 disputeID, bytes calldata extraData) external payable {
        CourtCase storage courtCase = cases[disputeID];
        DisputeStatus status = disputeStatus(disputeID);
        if (status != DisputeStatus.Appealable) revert TestRealisticCourt_WrongStatus(disputeID, status);
        _checkPayment(appealCost(disputeID, extraData));
        courtCase.rounds += 1;
        courtCase.ruled = false;
        courtCase.appealStart = 0;
        courtCase.appealEnd = 0;
        emit AppealDecision(disputeID, courtCase.arbitrable);
    }

    /// @inheritdoc IArbitrator
    function appealCost(uint256 disputeID, bytes calldata) public view returns (uint256) {
        if (disputeStatus(disputeID) != DisputeStatus.Appealable) return NOT_PAYABLE;
        return baseAppealFee << cases[disputeID].rounds;
    }

    /// @inheritdoc IArbitrator
    function appealPeriod(uint256 disputeID) external view returns (uint256 start, uint256 end) {
        CourtCase storage courtCase = cases[disputeID];
        if (!courtCase.ruled) {
            if (PERIOD_REVERTS_BEFORE_RULING) revert TestRealisticCourt_NoRulingYet(disputeID);
            return (0, 0);
        }
        return (courtCase.appealStart, courtCase.appealEnd);
    }

    /// @inheritdoc IArbitrator
    function disputeStatus(uint256 disputeID) public view returns (DisputeStatus) {
        CourtCase storage courtCase = cases[disputeID];
        if (!courtCase.ruled) return DisputeStatus.Waiting;
        if (block.timestamp < courtCase.appealEnd) return DisputeStatus.Appealable;
        return DisputeStatus.Solved;
    }

    /// @inheritdoc IArbitrator
    function currentRuling(uint256 disputeID) external view returns (uint256) {
        return cases[disputeID].ruling;
    }

    /// @notice The owner rules the current round; the ruling is open to appeal for the appeal duration.
    function giveRuling(uint256 disputeID, uint256 ruling) external {
        if (msg.sender != OWNER) revert TestRealisticCourt_NotOwner(msg.sender);
        CourtCase storage courtCase = cases[disputeID];
        if (courtCase.ruled) revert TestRealisticCourt_WrongStatus(disputeID, disputeStatus(disputeID));
        if (ruling > courtCase.choices) revert TestRealisticCourt_InvalidRuling(ruling, courtCase.choices);
        courtCase.ruling = ruling;
        courtCase.ruled = true;
        courtCase.appealStart = block.timestamp;
        courtCase.appealEnd = block.timestamp + APPEAL_DURATION;
        emit AppealPossible(disputeID, courtCase.arbitrable);
    }

    /// @notice Anyone sends a Solved dispute's ruling to its arbitrable, once. A reverting `rule` reverts this call,
    /// which can then be repeated.
    function executeRuling(uint256 disputeID) external {
        CourtCase storage courtCase = cases[disputeID];
        DisputeStatus status = disputeStatus(disputeID);
        if (status != DisputeStatus.Solved) revert TestRealisticCourt_WrongStatus(disputeID, status);
        if (courtCase.executed) revert TestRealisticCourt_AlreadyExecuted(disputeID);
        courtCase.executed = true;
        courtCase.arbitrable.rule(disputeID, courtCase.ruling);
    }

    function _checkPayment(uint256 cost) private view {
        if (EXACT_PAYMENT ? msg.value != cost : msg.value < cost)
            revert TestRealisticCourt_WrongPayment(cost, msg.value);
    }
}
