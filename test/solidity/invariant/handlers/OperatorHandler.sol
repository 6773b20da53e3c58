// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ISurety} from "../../../../contracts/interfaces/ISurety.sol";
import {AgentStatus, Standing} from "../../../../contracts/types/DataTypes.sol";

import {MAX_COLLATERAL, N_AGENTS, SuretyStore} from "../stores/SuretyStore.sol";
import {BaseHandler} from "./BaseHandler.sol";

/// @notice The operator's and the guardian's calls: moving agents up the ladder, recertifying them, and pausing or
/// unpausing new pacts. None of them may change a balance, a credit or a stake.
contract OperatorHandler is BaseHandler {
    constructor(SuretyStore store_) BaseHandler(store_) {}

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
        store.countRoleCall();
        _count("setAgentStatus");
    }

    /// @notice The operator returns an agent to Good. No balance, credit or stake may change.
    function recertify(uint256 agentSeed) external step {
        address agent = _agents[agentSeed % N_AGENTS];
        int256[] memory before = _books();
        _exec(operator, 0, abi.encodeCall(ISurety.recertify, (agent, keccak256("recertified"))));
        _expectUnchanged(_diff(before), "recertify changed a balance, a credit or a stake");
        store.countRoleCall();
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
        store.countRoleCall();
        _count(paused ? bytes32("unpause") : bytes32("pause"));
    }
}
