import type { Account, Chain, Client, Transport } from "viem";

import {
  depositStake,
  prepareDepositStake,
  type DepositStakeParameters,
  type DepositStakeReturnType,
} from "../actions/agent/depositStake.ts";
import {
  requestWithdrawal,
  prepareRequestWithdrawal,
  type RequestWithdrawalParameters,
  type RequestWithdrawalReturnType,
} from "../actions/agent/requestWithdrawal.ts";
import {
  withdrawStake,
  prepareWithdrawStake,
  type WithdrawStakeParameters,
  type WithdrawStakeReturnType,
} from "../actions/agent/withdrawStake.ts";
import {
  acceptPact,
  prepareAcceptPact,
  type AcceptPactParameters,
  type AcceptPactReturnType,
} from "../actions/agent/acceptPact.ts";
import {
  deliverPact,
  prepareDeliverPact,
  type DeliverPactParameters,
  type DeliverPactReturnType,
} from "../actions/agent/deliverPact.ts";
import { signOffer, type SignOfferParameters, type SignOfferReturnType } from "../actions/agent/signOffer.ts";
import {
  revokeOffer,
  prepareRevokeOffer,
  type RevokeOfferParameters,
  type RevokeOfferReturnType,
} from "../actions/agent/revokeOffer.ts";
import {
  createPact,
  prepareCreatePact,
  type CreatePactParameters,
  type CreatePactReturnType,
} from "../actions/buyer/createPact.ts";
import {
  cancelPact,
  prepareCancelPact,
  type CancelPactParameters,
  type CancelPactReturnType,
} from "../actions/buyer/cancelPact.ts";
import {
  releasePact,
  prepareReleasePact,
  type ReleasePactParameters,
  type ReleasePactReturnType,
} from "../actions/buyer/releasePact.ts";
import {
  disputePact,
  prepareDisputePact,
  type DisputePactParameters,
  type DisputePactReturnType,
} from "../actions/buyer/disputePact.ts";
import {
  claimRefund,
  prepareClaimRefund,
  type ClaimRefundParameters,
  type ClaimRefundReturnType,
} from "../actions/buyer/claimRefund.ts";
import {
  reclaimPact,
  prepareReclaimPact,
  type ReclaimPactParameters,
  type ReclaimPactReturnType,
} from "../actions/buyer/reclaimPact.ts";
import {
  registerArbiter,
  prepareRegisterArbiter,
  type RegisterArbiterParameters,
  type RegisterArbiterReturnType,
} from "../actions/arbiter/registerArbiter.ts";
import {
  deregisterArbiter,
  prepareDeregisterArbiter,
  type DeregisterArbiterParameters,
  type DeregisterArbiterReturnType,
} from "../actions/arbiter/deregisterArbiter.ts";
import {
  resolveDispute,
  prepareResolveDispute,
  type ResolveDisputeParameters,
  type ResolveDisputeReturnType,
} from "../actions/arbiter/resolveDispute.ts";
import { abstain, prepareAbstain, type AbstainParameters, type AbstainReturnType } from "../actions/arbiter/abstain.ts";
import {
  submitEvidence,
  prepareSubmitEvidence,
  type SubmitEvidenceParameters,
  type SubmitEvidenceReturnType,
} from "../actions/party/submitEvidence.ts";
import {
  finalizePact,
  prepareFinalizePact,
  type FinalizePactParameters,
  type FinalizePactReturnType,
} from "../actions/anyone/finalizePact.ts";
import {
  applyDefaultRuling,
  prepareApplyDefaultRuling,
  type ApplyDefaultRulingParameters,
  type ApplyDefaultRulingReturnType,
} from "../actions/anyone/applyDefaultRuling.ts";
import {
  claimPayout,
  prepareClaimPayout,
  type ClaimPayoutParameters,
  type ClaimPayoutReturnType,
} from "../actions/anyone/claimPayout.ts";
import {
  setAgentStatus,
  prepareSetAgentStatus,
  type SetAgentStatusParameters,
  type SetAgentStatusReturnType,
} from "../actions/operator/setAgentStatus.ts";
import {
  recertify,
  prepareRecertify,
  type RecertifyParameters,
  type RecertifyReturnType,
} from "../actions/operator/recertify.ts";
import { pause, preparePause, type PauseParameters, type PauseReturnType } from "../actions/guardian/pause.ts";
import {
  unpause,
  prepareUnpause,
  type UnpauseParameters,
  type UnpauseReturnType,
} from "../actions/guardian/unpause.ts";
import { getPact, type GetPactParameters, type GetPactReturnType } from "../actions/read/getPact.ts";
import {
  getPactTerms,
  type GetPactTermsParameters,
  type GetPactTermsReturnType,
} from "../actions/read/getPactTerms.ts";
import {
  getPactHistory,
  type GetPactHistoryParameters,
  type GetPactHistoryReturnType,
} from "../actions/read/getPactHistory.ts";
import { getStake, type GetStakeParameters, type GetStakeReturnType } from "../actions/read/getStake.ts";
import {
  getAgentStatus,
  type GetAgentStatusParameters,
  type GetAgentStatusReturnType,
} from "../actions/read/getAgentStatus.ts";
import { getCredit, type GetCreditParameters, type GetCreditReturnType } from "../actions/read/getCredit.ts";
import {
  getArbiterTerms,
  type GetArbiterTermsParameters,
  type GetArbiterTermsReturnType,
} from "../actions/read/getArbiterTerms.ts";
import {
  watchPactEvents,
  type WatchPactEventsParameters,
  type WatchPactEventsReturnType,
} from "../actions/watch/watchPactEvents.ts";
import {
  watchAgentEvents,
  type WatchAgentEventsParameters,
  type WatchAgentEventsReturnType,
} from "../actions/watch/watchAgentEvents.ts";
import {
  refundByAgent,
  prepareRefundByAgent,
  type RefundByAgentParameters,
  type RefundByAgentReturnType,
} from "../actions/agent/refundByAgent.ts";
import {
  proposeSettlement,
  prepareProposeSettlement,
  type ProposeSettlementParameters,
  type ProposeSettlementReturnType,
} from "../actions/party/proposeSettlement.ts";
import {
  acceptSettlement,
  prepareAcceptSettlement,
  type AcceptSettlementParameters,
  type AcceptSettlementReturnType,
} from "../actions/party/acceptSettlement.ts";
import {
  extendDeadline,
  prepareExtendDeadline,
  type ExtendDeadlineParameters,
  type ExtendDeadlineReturnType,
} from "../actions/party/extendDeadline.ts";
import {
  claimPayouts,
  prepareClaimPayouts,
  type ClaimPayoutsParameters,
  type ClaimPayoutsReturnType,
} from "../actions/anyone/claimPayouts.ts";
import {
  getProposals,
  type GetProposalsParameters,
  type GetProposalsReturnType,
} from "../actions/read/getProposals.ts";
import type { Deployment } from "../deployments.ts";
import {
  requestArbitration,
  prepareRequestArbitration,
  type RequestArbitrationParameters,
  type RequestArbitrationReturnType,
} from "../actions/court/requestArbitration.ts";
import {
  fundAppeal,
  prepareFundAppeal,
  type FundAppealParameters,
  type FundAppealReturnType,
} from "../actions/court/fundAppeal.ts";
import {
  submitCourtEvidence,
  prepareSubmitCourtEvidence,
  type SubmitCourtEvidenceParameters,
  type SubmitCourtEvidenceReturnType,
} from "../actions/court/submitCourtEvidence.ts";
import {
  getCourtDispute,
  type GetCourtDisputeParameters,
  type GetCourtDisputeReturnType,
} from "../actions/court/getCourtDispute.ts";
import {
  settleUnfunded,
  prepareSettleUnfunded,
  type SettleUnfundedParameters,
  type SettleUnfundedReturnType,
} from "../actions/court/settleUnfunded.ts";
import {
  buildAdapterMetaEvidence,
  type BuildAdapterMetaEvidenceParameters,
  type BuildAdapterMetaEvidenceReturnType,
} from "../actions/court/buildAdapterMetaEvidence.ts";
import {
  withdrawProposals,
  prepareWithdrawProposals,
  type WithdrawProposalsParameters,
  type WithdrawProposalsReturnType,
} from "../actions/party/withdrawProposals.ts";
import { getConfig, type GetConfigParameters, type GetConfigReturnType } from "../actions/read/getConfig.ts";

/** Every Surety action, bound to a client: what `client.extend(suretyActions(deployment))` adds. */
export type SuretyActions = {
  /** {@link depositStake} */
  depositStake: (parameters: DepositStakeParameters) => Promise<DepositStakeReturnType>;
  /** {@link prepareDepositStake} */
  prepareDepositStake: (parameters: DepositStakeParameters) => ReturnType<typeof prepareDepositStake>;
  /** {@link requestWithdrawal} */
  requestWithdrawal: (parameters: RequestWithdrawalParameters) => Promise<RequestWithdrawalReturnType>;
  /** {@link prepareRequestWithdrawal} */
  prepareRequestWithdrawal: (parameters: RequestWithdrawalParameters) => ReturnType<typeof prepareRequestWithdrawal>;
  /** {@link withdrawStake} */
  withdrawStake: (parameters?: WithdrawStakeParameters) => Promise<WithdrawStakeReturnType>;
  /** {@link prepareWithdrawStake} */
  prepareWithdrawStake: (parameters?: WithdrawStakeParameters) => ReturnType<typeof prepareWithdrawStake>;
  /** {@link acceptPact} */
  acceptPact: (parameters: AcceptPactParameters) => Promise<AcceptPactReturnType>;
  /** {@link prepareAcceptPact} */
  prepareAcceptPact: (parameters: AcceptPactParameters) => ReturnType<typeof prepareAcceptPact>;
  /** {@link deliverPact} */
  deliverPact: (parameters: DeliverPactParameters) => Promise<DeliverPactReturnType>;
  /** {@link prepareDeliverPact} */
  prepareDeliverPact: (parameters: DeliverPactParameters) => ReturnType<typeof prepareDeliverPact>;
  /** {@link signOffer} */
  signOffer: (parameters: SignOfferParameters) => Promise<SignOfferReturnType>;
  /** {@link revokeOffer} */
  revokeOffer: (parameters: RevokeOfferParameters) => Promise<RevokeOfferReturnType>;
  /** {@link prepareRevokeOffer} */
  prepareRevokeOffer: (parameters: RevokeOfferParameters) => ReturnType<typeof prepareRevokeOffer>;
  /** {@link createPact} */
  createPact: (parameters: CreatePactParameters) => Promise<CreatePactReturnType>;
  /** {@link prepareCreatePact} */
  prepareCreatePact: (parameters: CreatePactParameters) => ReturnType<typeof prepareCreatePact>;
  /** {@link cancelPact} */
  cancelPact: (parameters: CancelPactParameters) => Promise<CancelPactReturnType>;
  /** {@link prepareCancelPact} */
  prepareCancelPact: (parameters: CancelPactParameters) => ReturnType<typeof prepareCancelPact>;
  /** {@link releasePact} */
  releasePact: (parameters: ReleasePactParameters) => Promise<ReleasePactReturnType>;
  /** {@link prepareReleasePact} */
  prepareReleasePact: (parameters: ReleasePactParameters) => ReturnType<typeof prepareReleasePact>;
  /** {@link disputePact} */
  disputePact: (parameters: DisputePactParameters) => Promise<DisputePactReturnType>;
  /** {@link prepareDisputePact} */
  prepareDisputePact: (parameters: DisputePactParameters) => ReturnType<typeof prepareDisputePact>;
  /** {@link claimRefund} */
  claimRefund: (parameters: ClaimRefundParameters) => Promise<ClaimRefundReturnType>;
  /** {@link prepareClaimRefund} */
  prepareClaimRefund: (parameters: ClaimRefundParameters) => ReturnType<typeof prepareClaimRefund>;
  /** {@link reclaimPact} */
  reclaimPact: (parameters: ReclaimPactParameters) => Promise<ReclaimPactReturnType>;
  /** {@link prepareReclaimPact} */
  prepareReclaimPact: (parameters: ReclaimPactParameters) => ReturnType<typeof prepareReclaimPact>;
  /** {@link registerArbiter} */
  registerArbiter: (parameters: RegisterArbiterParameters) => Promise<RegisterArbiterReturnType>;
  /** {@link prepareRegisterArbiter} */
  prepareRegisterArbiter: (parameters: RegisterArbiterParameters) => ReturnType<typeof prepareRegisterArbiter>;
  /** {@link deregisterArbiter} */
  deregisterArbiter: (parameters: DeregisterArbiterParameters) => Promise<DeregisterArbiterReturnType>;
  /** {@link prepareDeregisterArbiter} */
  prepareDeregisterArbiter: (parameters: DeregisterArbiterParameters) => ReturnType<typeof prepareDeregisterArbiter>;
  /** {@link resolveDispute} */
  resolveDispute: (parameters: ResolveDisputeParameters) => Promise<ResolveDisputeReturnType>;
  /** {@link prepareResolveDispute} */
  prepareResolveDispute: (parameters: ResolveDisputeParameters) => ReturnType<typeof prepareResolveDispute>;
  /** {@link abstain} */
  abstain: (parameters: AbstainParameters) => Promise<AbstainReturnType>;
  /** {@link prepareAbstain} */
  prepareAbstain: (parameters: AbstainParameters) => ReturnType<typeof prepareAbstain>;
  /** {@link submitEvidence} */
  submitEvidence: (parameters: SubmitEvidenceParameters) => Promise<SubmitEvidenceReturnType>;
  /** {@link prepareSubmitEvidence} */
  prepareSubmitEvidence: (parameters: SubmitEvidenceParameters) => ReturnType<typeof prepareSubmitEvidence>;
  /** {@link finalizePact} */
  finalizePact: (parameters: FinalizePactParameters) => Promise<FinalizePactReturnType>;
  /** {@link prepareFinalizePact} */
  prepareFinalizePact: (parameters: FinalizePactParameters) => ReturnType<typeof prepareFinalizePact>;
  /** {@link applyDefaultRuling} */
  applyDefaultRuling: (parameters: ApplyDefaultRulingParameters) => Promise<ApplyDefaultRulingReturnType>;
  /** {@link prepareApplyDefaultRuling} */
  prepareApplyDefaultRuling: (parameters: ApplyDefaultRulingParameters) => ReturnType<typeof prepareApplyDefaultRuling>;
  /** {@link claimPayout} */
  claimPayout: (parameters: ClaimPayoutParameters) => Promise<ClaimPayoutReturnType>;
  /** {@link prepareClaimPayout} */
  prepareClaimPayout: (parameters: ClaimPayoutParameters) => ReturnType<typeof prepareClaimPayout>;
  /** {@link setAgentStatus} */
  setAgentStatus: (parameters: SetAgentStatusParameters) => Promise<SetAgentStatusReturnType>;
  /** {@link prepareSetAgentStatus} */
  prepareSetAgentStatus: (parameters: SetAgentStatusParameters) => ReturnType<typeof prepareSetAgentStatus>;
  /** {@link recertify} */
  recertify: (parameters: RecertifyParameters) => Promise<RecertifyReturnType>;
  /** {@link prepareRecertify} */
  prepareRecertify: (parameters: RecertifyParameters) => ReturnType<typeof prepareRecertify>;
  /** {@link pause} */
  pause: (parameters?: PauseParameters) => Promise<PauseReturnType>;
  /** {@link preparePause} */
  preparePause: (parameters?: PauseParameters) => ReturnType<typeof preparePause>;
  /** {@link unpause} */
  unpause: (parameters?: UnpauseParameters) => Promise<UnpauseReturnType>;
  /** {@link prepareUnpause} */
  prepareUnpause: (parameters?: UnpauseParameters) => ReturnType<typeof prepareUnpause>;
  /** {@link getPact} */
  getPact: (parameters: GetPactParameters) => Promise<GetPactReturnType>;
  /** {@link getPactTerms} */
  getPactTerms: (parameters: GetPactTermsParameters) => Promise<GetPactTermsReturnType>;
  /** {@link getPactHistory} */
  getPactHistory: (parameters: GetPactHistoryParameters) => Promise<GetPactHistoryReturnType>;
  /** {@link getStake} */
  getStake: (parameters: GetStakeParameters) => Promise<GetStakeReturnType>;
  /** {@link getAgentStatus} */
  getAgentStatus: (parameters: GetAgentStatusParameters) => Promise<GetAgentStatusReturnType>;
  /** {@link getCredit} */
  getCredit: (parameters: GetCreditParameters) => Promise<GetCreditReturnType>;
  /** {@link getArbiterTerms} */
  getArbiterTerms: (parameters: GetArbiterTermsParameters) => Promise<GetArbiterTermsReturnType>;
  /** {@link refundByAgent} */
  refundByAgent: (parameters: RefundByAgentParameters) => Promise<RefundByAgentReturnType>;
  /** {@link prepareRefundByAgent} */
  prepareRefundByAgent: (parameters: RefundByAgentParameters) => ReturnType<typeof prepareRefundByAgent>;
  /** {@link proposeSettlement} */
  proposeSettlement: (parameters: ProposeSettlementParameters) => Promise<ProposeSettlementReturnType>;
  /** {@link prepareProposeSettlement} */
  prepareProposeSettlement: (parameters: ProposeSettlementParameters) => ReturnType<typeof prepareProposeSettlement>;
  /** {@link acceptSettlement} */
  acceptSettlement: (parameters: AcceptSettlementParameters) => Promise<AcceptSettlementReturnType>;
  /** {@link prepareAcceptSettlement} */
  prepareAcceptSettlement: (parameters: AcceptSettlementParameters) => ReturnType<typeof prepareAcceptSettlement>;
  /** {@link extendDeadline} */
  extendDeadline: (parameters: ExtendDeadlineParameters) => Promise<ExtendDeadlineReturnType>;
  /** {@link prepareExtendDeadline} */
  prepareExtendDeadline: (parameters: ExtendDeadlineParameters) => ReturnType<typeof prepareExtendDeadline>;
  /** {@link claimPayouts} */
  claimPayouts: (parameters: ClaimPayoutsParameters) => Promise<ClaimPayoutsReturnType>;
  /** {@link prepareClaimPayouts} */
  prepareClaimPayouts: (parameters: ClaimPayoutsParameters) => ReturnType<typeof prepareClaimPayouts>;
  /** {@link getProposals} */
  getProposals: (parameters: GetProposalsParameters) => Promise<GetProposalsReturnType>;
  /** {@link watchPactEvents} */
  watchPactEvents: (parameters: WatchPactEventsParameters) => WatchPactEventsReturnType;
  /** {@link watchAgentEvents} */
  watchAgentEvents: (parameters: WatchAgentEventsParameters) => WatchAgentEventsReturnType;
  /** {@link requestArbitration} */
  requestArbitration: (parameters: RequestArbitrationParameters) => Promise<RequestArbitrationReturnType>;
  /** {@link prepareRequestArbitration} */
  prepareRequestArbitration: (parameters: RequestArbitrationParameters) => ReturnType<typeof prepareRequestArbitration>;
  /** {@link fundAppeal} */
  fundAppeal: (parameters: FundAppealParameters) => Promise<FundAppealReturnType>;
  /** {@link prepareFundAppeal} */
  prepareFundAppeal: (parameters: FundAppealParameters) => ReturnType<typeof prepareFundAppeal>;
  /** {@link submitCourtEvidence} */
  submitCourtEvidence: (parameters: SubmitCourtEvidenceParameters) => Promise<SubmitCourtEvidenceReturnType>;
  /** {@link prepareSubmitCourtEvidence} */
  prepareSubmitCourtEvidence: (
    parameters: SubmitCourtEvidenceParameters,
  ) => ReturnType<typeof prepareSubmitCourtEvidence>;
  /** {@link getCourtDispute} */
  getCourtDispute: (parameters: GetCourtDisputeParameters) => Promise<GetCourtDisputeReturnType>;
  /** {@link settleUnfunded} */
  settleUnfunded: (parameters: SettleUnfundedParameters) => Promise<SettleUnfundedReturnType>;
  /** {@link prepareSettleUnfunded} */
  prepareSettleUnfunded: (parameters: SettleUnfundedParameters) => ReturnType<typeof prepareSettleUnfunded>;
  /** {@link buildAdapterMetaEvidence} */
  buildAdapterMetaEvidence: (
    parameters: BuildAdapterMetaEvidenceParameters,
  ) => Promise<BuildAdapterMetaEvidenceReturnType>;
  /** {@link withdrawProposals} */
  withdrawProposals: (parameters: WithdrawProposalsParameters) => Promise<WithdrawProposalsReturnType>;
  /** {@link prepareWithdrawProposals} */
  prepareWithdrawProposals: (parameters: WithdrawProposalsParameters) => ReturnType<typeof prepareWithdrawProposals>;
  /** {@link getConfig} */
  getConfig: (parameters?: GetConfigParameters) => Promise<GetConfigReturnType>;
};

/**
 * Binds every Surety action to a client, with a deployment (by default the known one for the client's chain):
 * `walletClient.extend(suretyActions(deployment))` then has `createPact`, `acceptPact`, `getPact`, … as methods,
 * each taking the same parameters as the standalone action, without the client.
 * @example
 * import { createWalletClient, http } from "viem";
 * import { suretyActions, loadDeployment } from "@surety/sdk";
 *
 * const deployment = await loadDeployment("ignition/deployments/chain-8453");
 * const buyer = createWalletClient({ account, chain: base, transport: http() }).extend(suretyActions(deployment));
 * const { pactId } = await buyer.createPact({ agent, arbiter, token, price: "100", … });
 */
export function suretyActions(deployment?: Deployment) {
  return <transport extends Transport, chain extends Chain | undefined, account extends Account | undefined>(
    client: Client<transport, chain, account>,
  ): SuretyActions => {
    const bind =
      <parameters extends { deployment?: Deployment | undefined }, result>(
        action: (client: Client, parameters: parameters) => result,
      ) =>
      (parameters: parameters = {} as parameters): result =>
        action(
          client as Client,
          deployment === undefined || parameters.deployment !== undefined ? parameters : { ...parameters, deployment },
        );
    return {
      depositStake: bind(depositStake),
      prepareDepositStake: bind(prepareDepositStake),
      requestWithdrawal: bind(requestWithdrawal),
      prepareRequestWithdrawal: bind(prepareRequestWithdrawal),
      withdrawStake: bind(withdrawStake),
      prepareWithdrawStake: bind(prepareWithdrawStake),
      acceptPact: bind(acceptPact),
      prepareAcceptPact: bind(prepareAcceptPact),
      deliverPact: bind(deliverPact),
      prepareDeliverPact: bind(prepareDeliverPact),
      signOffer: bind(signOffer),
      revokeOffer: bind(revokeOffer),
      prepareRevokeOffer: bind(prepareRevokeOffer),
      createPact: bind(createPact),
      prepareCreatePact: bind(prepareCreatePact),
      cancelPact: bind(cancelPact),
      prepareCancelPact: bind(prepareCancelPact),
      releasePact: bind(releasePact),
      prepareReleasePact: bind(prepareReleasePact),
      disputePact: bind(disputePact),
      prepareDisputePact: bind(prepareDisputePact),
      claimRefund: bind(claimRefund),
      prepareClaimRefund: bind(prepareClaimRefund),
      reclaimPact: bind(reclaimPact),
      prepareReclaimPact: bind(prepareReclaimPact),
      registerArbiter: bind(registerArbiter),
      prepareRegisterArbiter: bind(prepareRegisterArbiter),
      deregisterArbiter: bind(deregisterArbiter),
      prepareDeregisterArbiter: bind(prepareDeregisterArbiter),
      resolveDispute: bind(resolveDispute),
      prepareResolveDispute: bind(prepareResolveDispute),
      abstain: bind(abstain),
      prepareAbstain: bind(prepareAbstain),
      submitEvidence: bind(submitEvidence),
      prepareSubmitEvidence: bind(prepareSubmitEvidence),
      finalizePact: bind(finalizePact),
      prepareFinalizePact: bind(prepareFinalizePact),
      applyDefaultRuling: bind(applyDefaultRuling),
      prepareApplyDefaultRuling: bind(prepareApplyDefaultRuling),
      claimPayout: bind(claimPayout),
      prepareClaimPayout: bind(prepareClaimPayout),
      setAgentStatus: bind(setAgentStatus),
      prepareSetAgentStatus: bind(prepareSetAgentStatus),
      recertify: bind(recertify),
      prepareRecertify: bind(prepareRecertify),
      pause: bind(pause),
      preparePause: bind(preparePause),
      unpause: bind(unpause),
      prepareUnpause: bind(prepareUnpause),
      getPact: bind(getPact),
      getPactTerms: bind(getPactTerms),
      getPactHistory: bind(getPactHistory),
      getStake: bind(getStake),
      getAgentStatus: bind(getAgentStatus),
      getCredit: bind(getCredit),
      getArbiterTerms: bind(getArbiterTerms),
      refundByAgent: bind(refundByAgent),
      prepareRefundByAgent: bind(prepareRefundByAgent),
      proposeSettlement: bind(proposeSettlement),
      prepareProposeSettlement: bind(prepareProposeSettlement),
      acceptSettlement: bind(acceptSettlement),
      prepareAcceptSettlement: bind(prepareAcceptSettlement),
      extendDeadline: bind(extendDeadline),
      prepareExtendDeadline: bind(prepareExtendDeadline),
      claimPayouts: bind(claimPayouts),
      prepareClaimPayouts: bind(prepareClaimPayouts),
      getProposals: bind(getProposals),
      watchPactEvents: bind(watchPactEvents),
      watchAgentEvents: bind(watchAgentEvents),
      requestArbitration: bind(requestArbitration),
      prepareRequestArbitration: bind(prepareRequestArbitration),
      fundAppeal: bind(fundAppeal),
      prepareFundAppeal: bind(prepareFundAppeal),
      submitCourtEvidence: bind(submitCourtEvidence),
      prepareSubmitCourtEvidence: bind(prepareSubmitCourtEvidence),
      getCourtDispute: bind(getCourtDispute),
      settleUnfunded: bind(settleUnfunded),
      prepareSettleUnfunded: bind(prepareSettleUnfunded),
      buildAdapterMetaEvidence: bind(buildAdapterMetaEvidence),
      withdrawProposals: bind(withdrawProposals),
      prepareWithdrawProposals: bind(prepareWithdrawProposals),
      getConfig: bind(getConfig),
    } as SuretyActions;
  };
}
