// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IArbitrator} from "./IArbitrator.sol";

/// @title IEvidence
/// @notice The ERC-1497 evidence standard: the events through which an arbitrable contract tells a court's
/// interfaces what a dispute is about (meta-evidence) and what the parties submitted (evidence).
interface IEvidence {
    /// @notice Publishes the meta-evidence: the document describing the dispute, its parties and its rulings.
    /// @param metaEvidenceID Identifier that disputes refer to.
    /// @param evidence URI of the meta-evidence JSON document.
    event MetaEvidence(uint256 indexed metaEvidenceID, string evidence);

    /// @notice A party submitted evidence to a group of evidence that a dispute refers to.
    /// @param arbitrator The court the evidence is for.
    /// @param evidenceGroupID The group the evidence belongs to.
    /// @param party The submitter.
    /// @param evidence URI of the evidence JSON document.
    event Evidence(
        IArbitrator indexed arbitrator,
        uint256 indexed evidenceGroupID,
        address indexed party,
        string evidence
    );

    /// @notice A dispute was created, linking the court's dispute to its meta-evidence and evidence group.
    event Dispute(
        IArbitrator indexed arbitrator,
        uint256 indexed disputeID,
        uint256 metaEvidenceID,
        uint256 evidenceGroupID
    );
}
