// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CourtDispute} from "../types/CourtTypes.sol";
import {PactStatus, Terms} from "../types/DataTypes.sol";
import {IArbitrable} from "./IArbitrable.sol";
import {IArbitrator} from "./IArbitrator.sol";
import {IEvidence} from "./IEvidence.sol";
import {ISurety} from "./ISurety.sol";

/// @title ICourtAdapter
/// @notice A Surety arbiter that forwards a pact's dispute to one ERC-792 court, fixed at deployment with its extra
/// data and number of choices, and applies the court's final ruling to the pact. Parties name the adapter as the
/// pact's arbiter, with no arbiter fee. The buyer who disputed pays the court's arbitration cost in ETH within the
/// fee window, or the delivery stands ({settleUnfunded}); a party funding an appeal pays its cost. The court keeps
/// what it is paid, whatever it rules: no party reimburses another, and only an overpayment comes back, at once.
/// Evidence follows ERC-1497: one meta-evidence document, fixed at deployment, serves every dispute
/// ({META_EVIDENCE_ID}), and a pact's evidence group id is its pact id.
///
/// Rulings: 0 (refusal to arbitrate) abstains, so the pact's default split applies; 1 means the buyer wins (full
/// refund plus the penalty slashed to the buyer); 2 means the agent wins (full release, no slash); 3 and up, when
/// configured, are splits of the price (buyer's share in basis points, no slash). A ruling above the number of
/// choices is the court's error and abstains too.
///
/// Surety stores only a commitment to a pact's terms, so {requestArbitration} takes the terms, checks them against
/// Surety's commitment, and keeps them for the court's later ruling.
interface ICourtAdapter is IArbitrable, IEvidence {
    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice `requester` paid the court's fee and the court's dispute `disputeID` was created for `pactId`.
    event ArbitrationRequested(
        uint256 indexed pactId,
        uint256 indexed disputeID,
        address indexed requester,
        uint256 cost
    );

    /// @notice `party` paid the court's fee to appeal the current ruling of `pactId`'s dispute.
    event AppealFunded(uint256 indexed pactId, uint256 indexed disputeID, address indexed party, uint256 cost);

    /// @notice The court's ruling settled the pact on Surety.
    /// @param buyerBps The buyer's share of the price in basis points (the default share when abstaining).
    /// @param slash Stake-token units slashed from the collateral to the buyer.
    /// @param abstained Whether the ruling abstained (0, or above the number of choices).
    event RulingApplied(
        uint256 indexed pactId,
        uint256 indexed disputeID,
        uint256 ruling,
        uint16 buyerBps,
        uint256 slash,
        bool abstained
    );

    /// @notice The court ruled after the pact left Disputed or its ruling period ended; the ruling is only recorded.
    /// @param status The pact's status when the ruling came.
    event RulingLate(uint256 indexed pactId, uint256 indexed disputeID, uint256 ruling, PactStatus status);

    /// @notice The adapter registered as a Surety arbiter for pacts paid in `token`, with no fee.
    event TokenRegistered(address indexed token, uint32 maxRulingPeriod);

    /// @notice The buyer left the court's fee unpaid past the fee window: `caller` had the delivery stand, the agent
    /// paid in full with no slash.
    event ArbitrationUnfunded(uint256 indexed pactId, address indexed caller);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    error CourtAdapter_InvalidSurety(address surety);
    error CourtAdapter_InvalidCourt(address court);
    error CourtAdapter_SplitTooHigh(uint256 index, uint16 buyerBps);
    error CourtAdapter_NotArbiter(uint256 pactId, address arbiter);
    error CourtAdapter_ArbiterFeeNotZero(uint256 pactId, uint256 arbiterFee);
    error CourtAdapter_TermsMismatch(uint256 pactId);
    error CourtAdapter_PactNotDisputed(uint256 pactId, PactStatus status);
    error CourtAdapter_RulingPeriodOver(uint256 pactId, uint256 rulingEnd);
    error CourtAdapter_AlreadyRequested(uint256 pactId, uint256 disputeID);
    error CourtAdapter_NotRequested(uint256 pactId);
    error CourtAdapter_InsufficientValue(uint256 cost, uint256 sent);
    error CourtAdapter_CallerNotParty(uint256 pactId, address caller);
    error CourtAdapter_NotAppealable(uint256 pactId, uint256 disputeID);
    error CourtAdapter_CallerNotCourt(address caller);
    error CourtAdapter_CallerNotSelf(address caller);
    error CourtAdapter_InsufficientGas();
    error CourtAdapter_UnknownDispute(uint256 disputeID);
    error CourtAdapter_AlreadyRuled(uint256 pactId, uint256 disputeID);
    error CourtAdapter_RulingRefused(bytes reason);
    error CourtAdapter_ZeroFeeWindow();
    error CourtAdapter_EmptyMetaEvidence();
    error CourtAdapter_CallerNotBuyer(uint256 pactId, address caller);
    error CourtAdapter_FeeWindowOver(uint256 pactId, uint256 deadline);
    error CourtAdapter_FeeWindowOpen(uint256 pactId, uint256 deadline);
    error CourtAdapter_SuretyBusy();

    /*//////////////////////////////////////////////////////////////
                                 READS
    //////////////////////////////////////////////////////////////*/

    /// @notice The Surety deployment whose pacts the adapter arbitrates.
    function SURETY() external view returns (ISurety);

    /// @notice The ERC-792 court every dispute goes to.
    function COURT() external view returns (IArbitrator);

    /// @notice The longest ruling period the adapter accepts in the tokens it registers for.
    function MAX_RULING_PERIOD() external view returns (uint32);

    /// @notice Seconds after a dispute within which the buyer must pay the court's fee; a pact with a ruling period
    /// shorter than twice this gets half its ruling period.
    function FEE_WINDOW() external view returns (uint32);

    /// @notice The ERC-1497 meta-evidence id every dispute refers to (the document is emitted at deployment).
    function META_EVIDENCE_ID() external view returns (uint256);

    /// @notice The URI of the meta-evidence document every dispute refers to, fixed at deployment.
    function metaEvidenceURI() external view returns (string memory);

    /// @notice The last second the buyer of Disputed pact `pactId` may pay the court's fee.
    function feeDeadline(uint256 pactId, Terms calldata terms) external view returns (uint256);

    /// @notice The extra data passed to the court with every call (e.g. subcourt and jurors).
    function arbitratorExtraData() external view returns (bytes memory);

    /// @notice The buyer's share, in basis points, of each ruling above 2 (index 0 is ruling 3).
    function splits() external view returns (uint16[] memory);

    /// @notice The number of choices every dispute is created with: 2 plus the configured splits.
    function numberOfChoices() external view returns (uint256);

    /// @notice What the court charges now to create a dispute.
    function arbitrationCost() external view returns (uint256);

    /// @notice What the court charges now to appeal `pactId`'s current ruling.
    function appealCost(uint256 pactId) external view returns (uint256);

    /// @notice The state of `pactId`'s court dispute.
    function courtDispute(uint256 pactId) external view returns (CourtDispute memory);

    /// @notice The pact whose court dispute is `disputeID`; 0 when none.
    function pactOfDispute(uint256 disputeID) external view returns (uint256 pactId);

    /// @notice The terms kept for `pactId` when arbitration was requested; all zero before.
    function termsOf(uint256 pactId) external view returns (Terms memory);

    /// @notice How a ruling settles a pact with `terms`.
    /// @return abstains Whether the pact's default split applies (ruling 0 or above the number of choices).
    /// @return buyerBps The buyer's share of the price in basis points.
    /// @return slash Stake-token units slashed from the collateral to the buyer.
    function decisionOf(
        Terms calldata terms,
        uint256 ruling
    ) external view returns (bool abstains, uint16 buyerBps, uint256 slash);

    /*//////////////////////////////////////////////////////////////
                                 WRITES
    //////////////////////////////////////////////////////////////*/

    /// @notice Registers the adapter as a Surety arbiter for pacts paid in `token` (address zero for ETH), with no
    /// fee and {MAX_RULING_PERIOD}. Anyone may call it: the adapter never holds pact funds. Emits {TokenRegistered}.
    function register(address token) external;

    /// @notice The buyer of a Disputed pact naming this adapter creates the court's dispute within the fee window
    /// ({feeDeadline}), paying the court's {arbitrationCost} in ETH; any excess goes back. Once per pact. The
    /// adapter then holds off Surety's default ruling (up to the deployment's `maxRulingHold` after the dispute), so
    /// that the court's final ruling, after any appeals, is what the pact pays.
    /// @dev Takes the pact's terms (Surety keeps only their commitment) and keeps them for the ruling. Refuses pacts
    /// with an arbiter fee: they wait for Surety's default ruling. Emits {Dispute}, {ArbitrationRequested}, and
    /// {Evidence} when `reasonURI` is not empty.
    /// @param reasonURI URI of the buyer's ERC-1497 evidence document giving the dispute's reason, or empty.
    /// @return disputeID The court's dispute id.
    function requestArbitration(
        uint256 pactId,
        Terms calldata terms,
        string calldata reasonURI
    ) external payable returns (uint256 disputeID);

    /// @notice Anyone settles a Disputed pact whose buyer did not pay the court's fee within the fee window: the
    /// delivery stands, so the agent is paid in full and nothing is slashed. Emits {ArbitrationUnfunded}.
    function settleUnfunded(uint256 pactId, Terms calldata terms) external;

    /// @notice The buyer or the agent appeals the court's current ruling during the court's appeal period and the
    /// pact's ruling period (or hold), paying the court's {appealCost} in ETH; any excess goes back. Emits
    /// {AppealFunded}. Most courts also take appeals from anyone directly; the hold covers those too.
    function fundAppeal(uint256 pactId) external payable;

    /// @notice The buyer or the agent of a Disputed pact naming this adapter submits ERC-1497 evidence, before or
    /// after the court's dispute is created. Emits {Evidence} with the pact id as the evidence group.
    function submitEvidence(uint256 pactId, Terms calldata terms, string calldata evidenceURI) external;

    /// @notice Settles a pact on Surety as the adapter. Callable only by the adapter itself, from `rule`, so that
    /// a refusal by Surety can be told apart and reported with the adapter's own error.
    function applyRuling(
        uint256 pactId,
        Terms calldata terms,
        bool abstains,
        uint16 buyerBps,
        uint256 slash,
        bytes32 rulingHash
    ) external;
}
