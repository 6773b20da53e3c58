// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IArbitrable} from "../interfaces/IArbitrable.sol";
import {IArbitrator} from "../interfaces/IArbitrator.sol";

/// @title TestArbitrator
/// @notice Test-only ERC-792 court: fixed arbitration and appeal costs, rulings given by its owner, an appeal
/// period after each ruling during which anyone may appeal, and `executeRuling` to send the final ruling to the
/// arbitrable once the period ends. Test hooks can also call `rule` out of turn (twice, above the choices, with
/// little gas) to exercise an arbitrable's defences.
contract TestArbitrator is IArbitrator {
    error TestArbitrator_NotOwner(address caller);
    error TestArbitrator_InsufficientFee(uint256 cost, uint256 sent);
    error TestArbitrator_InvalidRuling(uint256 ruling, uint256 choices);
    error TestArbitrator_WrongStatus(uint256 disputeID, DisputeStatus status);
    error TestArbitrator_OutsideAppealPeriod(uint256 disputeID);
    error TestArbitrator_AppealPeriodNotOver(uint256 disputeID);

    struct TestDispute {
        IArbitrable arbitrable;
        uint256 choices;
        uint256 ruling;
        DisputeStatus status;
        uint256 appealStart;
        uint256 appealEnd;
    }

    address public immutable OWNER;
    uint256 public immutable ARBITRATION_COST;
    uint256 public immutable APPEAL_COST;
    uint256 public immutable APPEAL_DURATION;

    TestDispute[] public disputes;

    constructor(uint256 cost, uint256 appealFee, uint256 appealDuration) {
        OWNER = msg.sender;
        ARBITRATION_COST = cost;
        APPEAL_COST = appealFee;
        APPEAL_DURATION = appealDuration;
    }

    /// @inheritdoc IArbitrator
    function createDispute(uint256 choices, bytes calldata extraData) external payable returns (uint256 disputeID) {
        uint256 cost = arbitrationCost(extraData);
        if (msg.value < cost) revert TestArbitrator_InsufficientFee(cost, msg.value);
        disputeID = disputes.length;
        disputes.push(
            TestDispute({
                arbitrable: IArbitrable(msg.sender),
                choices: choices,
                ruling: 0,
                status: DisputeStatus.Waiting,
                appealStart: 0,
                appealEnd: 0
            })
        );
        emit DisputeCreation(disputeID, IArbitrable(msg.sender));
    }

    /// @inheritdoc IArbitrator
    function arbitrationCost(bytes calldata) public view returns (uint256) {
        return ARBITRATION_COST;
    }

    /// @inheritdoc IArbitrator
    function appeal(uint256 disputeID, bytes calldata extraData) external payable {
        TestDispute storage dispute = disputes[disputeID];
        uint256 cost = appealCost(disputeID, extraData);
        if (msg.value < cost) revert TestArbitrator_InsufficientFee(cost, msg.value);
        if (dispute.status != DisputeStatus.Appealable) revert TestArbitrator_WrongStatus(disputeID, dispute.status);
        if (block.timestamp < dispute.appealStart || block.timestamp >= dispute.appealEnd) {
            revert TestArbitrator_OutsideAppealPeriod(disputeID);
        }
        dispute.status = DisputeStatus.Waiting;
        dispute.appealStart = 0;
        dispute.appealEnd = 0;
        emit AppealDecision(disputeID, dispute.arbitrable);
    }

    /// @inheritdoc IArbitrator
    function appealCost(uint256, bytes calldata) public view returns (uint256) {
        return APPEAL_COST;
    }

    /// @inheritdoc IArbitrator
    function appealPeriod(uint256 disputeID) external view returns (uint256 start, uint256 end) {
        TestDispute storage dispute = disputes[disputeID];
        if (dispute.status != DisputeStatus.Appealable) return (0, 0);
        return (dispute.appealStart, dispute.appealEnd);
    }

    /// @inheritdoc IArbitrator
    function disputeStatus(uint256 disputeID) external view returns (DisputeStatus) {
        return disputes[disputeID].status;
    }

    /// @inheritdoc IArbitrator
    function currentRuling(uint256 disputeID) external view returns (uint256) {
        return disputes[disputeID].ruling;
    }

    /// @notice The owner rules a waiting dispute; the ruling can be appealed for the appeal duration.
    function giveRuling(uint256 disputeID, uint256 ruling) external {
        if (msg.sender != OWNER) revert TestArbitrator_NotOwner(msg.sender);
        TestDispute storage dispute = disputes[disputeID];
        if (dispute.status != DisputeStatus.Waiting) revert TestArbitrator_WrongStatus(disputeID, dispute.status);
        if (ruling > dispute.choices) revert TestArbitrator_InvalidRuling(ruling, dispute.choices);
        dispute.ruling = ruling;
        dispute.status = DisputeStatus.Appealable;
        dispute.appealStart = block.timestamp;
        dispute.appealEnd = block.timestamp + APPEAL_DURATION;
        emit AppealPossible(disputeID, dispute.arbitrable);
    }

    /// @notice Anyone makes an unappealed ruling final once its appeal period is over, calling the arbitrable.
    function executeRuling(uint256 disputeID) external {
        TestDispute storage dispute = disputes[disputeID];
        if (dispute.status != DisputeStatus.Appealable) revert TestArbitrator_WrongStatus(disputeID, dispute.status);
        if (block.timestamp < dispute.appealEnd) revert TestArbitrator_AppealPeriodNotOver(disputeID);
        dispute.status = DisputeStatus.Solved;
        dispute.arbitrable.rule(disputeID, dispute.ruling);
    }

    /// @notice Test hook, open to anyone: the court calls `rule` on `arbitrable` directly with any dispute id, ruling
    /// and gas (0 for all), whatever the dispute's status: a second time, above the choices, for an unknown dispute.
    function forceRule(IArbitrable arbitrable, uint256 disputeID, uint256 ruling, uint256 gas) external {
        if (gas == 0) arbitrable.rule(disputeID, ruling);
        else arbitrable.rule{gas: gas}(disputeID, ruling);
    }
}
