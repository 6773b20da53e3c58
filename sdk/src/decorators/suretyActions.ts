import type { Account, Address, Chain, Client, Transport } from "viem";

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
import {
  depositStake,
  prepareDepositStake,
  type DepositStakeParameters,
  type DepositStakeReturnType,
} from "../actions/agent/depositStake.ts";
import {
  refundByAgent,
  prepareRefundByAgent,
  type RefundByAgentParameters,
  type RefundByAgentReturnType,
} from "../actions/agent/refundByAgent.ts";
import {
  requestWithdrawal,
  prepareRequestWithdrawal,
  type RequestWithdrawalParameters,
  type RequestWithdrawalReturnType,
} from "../actions/agent/requestWithdrawal.ts";
import {
  revokeOffer,
  prepareRevokeOffer,
  type RevokeOfferParameters,
  type RevokeOfferReturnType,
} from "../actions/agent/revokeOffer.ts";
import { signOffer, type SignOfferParameters, type SignOfferReturnType } from "../actions/agent/signOffer.ts";
import {
  withdrawStake,
  prepareWithdrawStake,
  type WithdrawStakeParameters,
  type WithdrawStakeReturnType,
} from "../actions/agent/withdrawStake.ts";
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
  claimPayouts,
  prepareClaimPayouts,
  type ClaimPayoutsParameters,
  type ClaimPayoutsReturnType,
} from "../actions/anyone/claimPayouts.ts";
import {
  claimRefund,
  prepareClaimRefund,
  type ClaimRefundParameters,
  type ClaimRefundReturnType,
} from "../actions/anyone/claimRefund.ts";
import {
  finalizePact,
  prepareFinalizePact,
  type FinalizePactParameters,
  type FinalizePactReturnType,
} from "../actions/anyone/finalizePact.ts";
import {
  reclaimPact,
  prepareReclaimPact,
  type ReclaimPactParameters,
  type ReclaimPactReturnType,
} from "../actions/anyone/reclaimPact.ts";
import { abstain, prepareAbstain, type AbstainParameters, type AbstainReturnType } from "../actions/arbiter/abstain.ts";
import {
  deregisterArbiter,
  prepareDeregisterArbiter,
  type DeregisterArbiterParameters,
  type DeregisterArbiterReturnType,
} from "../actions/arbiter/deregisterArbiter.ts";
import {
  registerArbiter,
  prepareRegisterArbiter,
  type RegisterArbiterParameters,
  type RegisterArbiterReturnType,
} from "../actions/arbiter/registerArbiter.ts";
import {
  resolveDispute,
  prepareResolveDispute,
  type ResolveDisputeParameters,
  type ResolveDisputeReturnType,
} from "../actions/arbiter/resolveDispute.ts";
import {
  cancelPact,
  prepareCancelPact,
  type CancelPactParameters,
  type CancelPactReturnType,
} from "../actions/buyer/cancelPact.ts";
import {
  createPact,
  prepareCreatePact,
  type CreatePactParameters,
  type CreatePactReturnType,
} from "../actions/buyer/createPact.ts";
import {
  disputePact,
  prepareDisputePact,
  type DisputePactParameters,
  type DisputePactReturnType,
} from "../actions/buyer/disputePact.ts";
import {
  releasePact,
  prepareReleasePact,
  type ReleasePactParameters,
  type ReleasePactReturnType,
} from "../actions/buyer/releasePact.ts";
import {
  buildAdapterMetaEvidence,
  type BuildAdapterMetaEvidenceParameters,
  type BuildAdapterMetaEvidenceReturnType,
} from "../actions/court/buildAdapterMetaEvidence.ts";
import {
  fundAppeal,
  prepareFundAppeal,
  type FundAppealParameters,
  type FundAppealReturnType,
} from "../actions/court/fundAppeal.ts";
import {
  getCourtDispute,
  type GetCourtDisputeParameters,
  type GetCourtDisputeReturnType,
} from "../actions/court/getCourtDispute.ts";
import {
  requestArbitration,
  prepareRequestArbitration,
  type RequestArbitrationParameters,
  type RequestArbitrationReturnType,
} from "../actions/court/requestArbitration.ts";
import {
  settleUnfunded,
  prepareSettleUnfunded,
  type SettleUnfundedParameters,
  type SettleUnfundedReturnType,
} from "../actions/court/settleUnfunded.ts";
import {
  submitCourtEvidence,
  prepareSubmitCourtEvidence,
  type SubmitCourtEvidenceParameters,
  type SubmitCourtEvidenceReturnType,
} from "../actions/court/submitCourtEvidence.ts";
import { pause, preparePause, type PauseParameters, type PauseReturnType } from "../actions/guardian/pause.ts";
import {
  unpause,
  prepareUnpause,
  type UnpauseParameters,
  type UnpauseReturnType,
} from "../actions/guardian/unpause.ts";
import {
  recertify,
  prepareRecertify,
  type RecertifyParameters,
  type RecertifyReturnType,
} from "../actions/operator/recertify.ts";
import {
  logAgentException,
  prepareLogAgentException,
  type LogAgentExceptionParameters,
  type LogAgentExceptionReturnType,
} from "../actions/operator/logAgentException.ts";
import {
  logPactException,
  prepareLogPactException,
  type LogPactExceptionParameters,
  type LogPactExceptionReturnType,
} from "../actions/operator/logPactException.ts";
import {
  recordReviews,
  prepareRecordReviews,
  type RecordReviewsParameters,
  type RecordReviewsReturnType,
} from "../actions/operator/recordReviews.ts";
import {
  setAgentStatus,
  prepareSetAgentStatus,
  type SetAgentStatusParameters,
  type SetAgentStatusReturnType,
} from "../actions/operator/setAgentStatus.ts";
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
  proposeSettlement,
  prepareProposeSettlement,
  type ProposeSettlementParameters,
  type ProposeSettlementReturnType,
} from "../actions/party/proposeSettlement.ts";
import {
  submitEvidence,
  prepareSubmitEvidence,
  type SubmitEvidenceParameters,
  type SubmitEvidenceReturnType,
} from "../actions/party/submitEvidence.ts";
import {
  withdrawProposals,
  prepareWithdrawProposals,
  type WithdrawProposalsParameters,
  type WithdrawProposalsReturnType,
} from "../actions/party/withdrawProposals.ts";
import {
  getAgentStatus,
  type GetAgentStatusParameters,
  type GetAgentStatusReturnType,
} from "../actions/read/getAgentStatus.ts";
import {
  getArbiterTerms,
  type GetArbiterTermsParameters,
  type GetArbiterTermsReturnType,
} from "../actions/read/getArbiterTerms.ts";
import { getConfig, type GetConfigParameters, type GetConfigReturnType } from "../actions/read/getConfig.ts";
import { getCredit, type GetCreditParameters, type GetCreditReturnType } from "../actions/read/getCredit.ts";
import { getPact, type GetPactParameters, type GetPactReturnType } from "../actions/read/getPact.ts";
import {
  getPactHistory,
  type GetPactHistoryParameters,
  type GetPactHistoryReturnType,
} from "../actions/read/getPactHistory.ts";
import {
  getPactTerms,
  type GetPactTermsParameters,
  type GetPactTermsReturnType,
} from "../actions/read/getPactTerms.ts";
import {
  getProposals,
  type GetProposalsParameters,
  type GetProposalsReturnType,
} from "../actions/read/getProposals.ts";
import { getStake, type GetStakeParameters, type GetStakeReturnType } from "../actions/read/getStake.ts";
import {
  watchAgentEvents,
  type WatchAgentEventsParameters,
  type WatchAgentEventsReturnType,
} from "../actions/watch/watchAgentEvents.ts";
import {
  watchPactEvents,
  type WatchPactEventsParameters,
  type WatchPactEventsReturnType,
} from "../actions/watch/watchPactEvents.ts";
import type { DeploymentParameter } from "../actions/internal.ts";
import type { Deployment } from "../deployments.ts";

/**
 * The `account` parameter of a write as a client with `account` takes it: optional when the client has an account
 * (which it then overrides), required when it has none (a public client, or a wallet client without one).
 */
export type AccountParameter<account extends Account | undefined = Account | undefined> = [undefined] extends [account]
  ? { account: Account | Address }
  : { account?: Account | Address | undefined };

/**
 * An action's parameters as the decorated method of a client with `account` takes them: a write's `account` is
 * required when the client has none; a read's parameters are unchanged.
 */
export type BoundParameters<parameters, account extends Account | undefined> = parameters extends unknown
  ? IsWrite<parameters> extends true
    ? Omit<parameters, "account"> & AccountParameter<account>
    : parameters
  : never;

/** Whether an action sends from an account: its `account` takes a viem Account (getCredit's is an address to read). */
type IsWrite<parameters> = parameters extends { account?: infer sender }
  ? Account extends sender
    ? true
    : false
  : false;

/** A decorated method: the action's parameters, bound to a client with `account`. */
type Method<parameters, result, account extends Account | undefined> = (
  parameters: BoundParameters<parameters, account>,
) => result;

/** A decorated method whose parameters may be left out, unless the client has no account to send with. */
type OptionalMethod<parameters, result, account extends Account | undefined> = (
  ...parameters: IsWrite<parameters> extends true
    ? [undefined] extends [account]
      ? [parameters: BoundParameters<parameters, account>]
      : [parameters?: BoundParameters<parameters, account>]
    : [parameters?: parameters]
) => result;

/**
 * Every Surety action, bound to a client: what `client.extend(suretyActions(deployment))` adds. Generic over the
 * client's account as viem's `WalletActions` is: on a client without one, every write (and its `prepare…` twin)
 * requires `account`.
 */
export type SuretyActions<account extends Account | undefined = Account | undefined> = {
  // Buyer
  /** {@link createPact} */
  createPact: Method<CreatePactParameters, Promise<CreatePactReturnType>, account>;
  /** {@link prepareCreatePact} */
  prepareCreatePact: Method<CreatePactParameters, ReturnType<typeof prepareCreatePact>, account>;
  /** {@link cancelPact} */
  cancelPact: Method<CancelPactParameters, Promise<CancelPactReturnType>, account>;
  /** {@link prepareCancelPact} */
  prepareCancelPact: Method<CancelPactParameters, ReturnType<typeof prepareCancelPact>, account>;
  /** {@link releasePact} */
  releasePact: Method<ReleasePactParameters, Promise<ReleasePactReturnType>, account>;
  /** {@link prepareReleasePact} */
  prepareReleasePact: Method<ReleasePactParameters, ReturnType<typeof prepareReleasePact>, account>;
  /** {@link disputePact} */
  disputePact: Method<DisputePactParameters, Promise<DisputePactReturnType>, account>;
  /** {@link prepareDisputePact} */
  prepareDisputePact: Method<DisputePactParameters, ReturnType<typeof prepareDisputePact>, account>;
  // Agent
  /** {@link depositStake} */
  depositStake: Method<DepositStakeParameters, Promise<DepositStakeReturnType>, account>;
  /** {@link prepareDepositStake} */
  prepareDepositStake: Method<DepositStakeParameters, ReturnType<typeof prepareDepositStake>, account>;
  /** {@link requestWithdrawal} */
  requestWithdrawal: Method<RequestWithdrawalParameters, Promise<RequestWithdrawalReturnType>, account>;
  /** {@link prepareRequestWithdrawal} */
  prepareRequestWithdrawal: Method<RequestWithdrawalParameters, ReturnType<typeof prepareRequestWithdrawal>, account>;
  /** {@link withdrawStake} */
  withdrawStake: OptionalMethod<WithdrawStakeParameters, Promise<WithdrawStakeReturnType>, account>;
  /** {@link prepareWithdrawStake} */
  prepareWithdrawStake: OptionalMethod<WithdrawStakeParameters, ReturnType<typeof prepareWithdrawStake>, account>;
  /** {@link acceptPact} */
  acceptPact: Method<AcceptPactParameters, Promise<AcceptPactReturnType>, account>;
  /** {@link prepareAcceptPact} */
  prepareAcceptPact: Method<AcceptPactParameters, ReturnType<typeof prepareAcceptPact>, account>;
  /** {@link deliverPact} */
  deliverPact: Method<DeliverPactParameters, Promise<DeliverPactReturnType>, account>;
  /** {@link prepareDeliverPact} */
  prepareDeliverPact: Method<DeliverPactParameters, ReturnType<typeof prepareDeliverPact>, account>;
  /** {@link refundByAgent} */
  refundByAgent: Method<RefundByAgentParameters, Promise<RefundByAgentReturnType>, account>;
  /** {@link prepareRefundByAgent} */
  prepareRefundByAgent: Method<RefundByAgentParameters, ReturnType<typeof prepareRefundByAgent>, account>;
  /** {@link signOffer} */
  signOffer: Method<SignOfferParameters, Promise<SignOfferReturnType>, account>;
  /** {@link revokeOffer} */
  revokeOffer: Method<RevokeOfferParameters, Promise<RevokeOfferReturnType>, account>;
  /** {@link prepareRevokeOffer} */
  prepareRevokeOffer: Method<RevokeOfferParameters, ReturnType<typeof prepareRevokeOffer>, account>;
  // Arbiter
  /** {@link registerArbiter} */
  registerArbiter: Method<RegisterArbiterParameters, Promise<RegisterArbiterReturnType>, account>;
  /** {@link prepareRegisterArbiter} */
  prepareRegisterArbiter: Method<RegisterArbiterParameters, ReturnType<typeof prepareRegisterArbiter>, account>;
  /** {@link deregisterArbiter} */
  deregisterArbiter: Method<DeregisterArbiterParameters, Promise<DeregisterArbiterReturnType>, account>;
  /** {@link prepareDeregisterArbiter} */
  prepareDeregisterArbiter: Method<DeregisterArbiterParameters, ReturnType<typeof prepareDeregisterArbiter>, account>;
  /** {@link resolveDispute} */
  resolveDispute: Method<ResolveDisputeParameters, Promise<ResolveDisputeReturnType>, account>;
  /** {@link prepareResolveDispute} */
  prepareResolveDispute: Method<ResolveDisputeParameters, ReturnType<typeof prepareResolveDispute>, account>;
  /** {@link abstain} */
  abstain: Method<AbstainParameters, Promise<AbstainReturnType>, account>;
  /** {@link prepareAbstain} */
  prepareAbstain: Method<AbstainParameters, ReturnType<typeof prepareAbstain>, account>;
  // Operator
  /** {@link setAgentStatus} */
  setAgentStatus: Method<SetAgentStatusParameters, Promise<SetAgentStatusReturnType>, account>;
  /** {@link prepareSetAgentStatus} */
  prepareSetAgentStatus: Method<SetAgentStatusParameters, ReturnType<typeof prepareSetAgentStatus>, account>;
  /** {@link recertify} */
  recertify: Method<RecertifyParameters, Promise<RecertifyReturnType>, account>;
  /** {@link prepareRecertify} */
  prepareRecertify: Method<RecertifyParameters, ReturnType<typeof prepareRecertify>, account>;
  /** {@link recordReviews} */
  recordReviews: Method<RecordReviewsParameters, Promise<RecordReviewsReturnType>, account>;
  /** {@link prepareRecordReviews} */
  prepareRecordReviews: Method<RecordReviewsParameters, ReturnType<typeof prepareRecordReviews>, account>;
  /** {@link logAgentException} */
  logAgentException: Method<LogAgentExceptionParameters, Promise<LogAgentExceptionReturnType>, account>;
  /** {@link prepareLogAgentException} */
  prepareLogAgentException: Method<LogAgentExceptionParameters, ReturnType<typeof prepareLogAgentException>, account>;
  /** {@link logPactException} */
  logPactException: Method<LogPactExceptionParameters, Promise<LogPactExceptionReturnType>, account>;
  /** {@link prepareLogPactException} */
  prepareLogPactException: Method<LogPactExceptionParameters, ReturnType<typeof prepareLogPactException>, account>;
  // Guardian
  /** {@link pause} */
  pause: OptionalMethod<PauseParameters, Promise<PauseReturnType>, account>;
  /** {@link preparePause} */
  preparePause: OptionalMethod<PauseParameters, ReturnType<typeof preparePause>, account>;
  /** {@link unpause} */
  unpause: OptionalMethod<UnpauseParameters, Promise<UnpauseReturnType>, account>;
  /** {@link prepareUnpause} */
  prepareUnpause: OptionalMethod<UnpauseParameters, ReturnType<typeof prepareUnpause>, account>;
  // Party (the buyer or the agent)
  /** {@link submitEvidence} */
  submitEvidence: Method<SubmitEvidenceParameters, Promise<SubmitEvidenceReturnType>, account>;
  /** {@link prepareSubmitEvidence} */
  prepareSubmitEvidence: Method<SubmitEvidenceParameters, ReturnType<typeof prepareSubmitEvidence>, account>;
  /** {@link proposeSettlement} */
  proposeSettlement: Method<ProposeSettlementParameters, Promise<ProposeSettlementReturnType>, account>;
  /** {@link prepareProposeSettlement} */
  prepareProposeSettlement: Method<ProposeSettlementParameters, ReturnType<typeof prepareProposeSettlement>, account>;
  /** {@link acceptSettlement} */
  acceptSettlement: Method<AcceptSettlementParameters, Promise<AcceptSettlementReturnType>, account>;
  /** {@link prepareAcceptSettlement} */
  prepareAcceptSettlement: Method<AcceptSettlementParameters, ReturnType<typeof prepareAcceptSettlement>, account>;
  /** {@link withdrawProposals} */
  withdrawProposals: Method<WithdrawProposalsParameters, Promise<WithdrawProposalsReturnType>, account>;
  /** {@link prepareWithdrawProposals} */
  prepareWithdrawProposals: Method<WithdrawProposalsParameters, ReturnType<typeof prepareWithdrawProposals>, account>;
  /** {@link extendDeadline} */
  extendDeadline: Method<ExtendDeadlineParameters, Promise<ExtendDeadlineReturnType>, account>;
  /** {@link prepareExtendDeadline} */
  prepareExtendDeadline: Method<ExtendDeadlineParameters, ReturnType<typeof prepareExtendDeadline>, account>;
  // Anyone
  /** {@link finalizePact} */
  finalizePact: Method<FinalizePactParameters, Promise<FinalizePactReturnType>, account>;
  /** {@link prepareFinalizePact} */
  prepareFinalizePact: Method<FinalizePactParameters, ReturnType<typeof prepareFinalizePact>, account>;
  /** {@link applyDefaultRuling} */
  applyDefaultRuling: Method<ApplyDefaultRulingParameters, Promise<ApplyDefaultRulingReturnType>, account>;
  /** {@link prepareApplyDefaultRuling} */
  prepareApplyDefaultRuling: Method<
    ApplyDefaultRulingParameters,
    ReturnType<typeof prepareApplyDefaultRuling>,
    account
  >;
  /** {@link reclaimPact} */
  reclaimPact: Method<ReclaimPactParameters, Promise<ReclaimPactReturnType>, account>;
  /** {@link prepareReclaimPact} */
  prepareReclaimPact: Method<ReclaimPactParameters, ReturnType<typeof prepareReclaimPact>, account>;
  /** {@link claimRefund} */
  claimRefund: Method<ClaimRefundParameters, Promise<ClaimRefundReturnType>, account>;
  /** {@link prepareClaimRefund} */
  prepareClaimRefund: Method<ClaimRefundParameters, ReturnType<typeof prepareClaimRefund>, account>;
  /** {@link claimPayout} */
  claimPayout: Method<ClaimPayoutParameters, Promise<ClaimPayoutReturnType>, account>;
  /** {@link prepareClaimPayout} */
  prepareClaimPayout: Method<ClaimPayoutParameters, ReturnType<typeof prepareClaimPayout>, account>;
  /** {@link claimPayouts} */
  claimPayouts: Method<ClaimPayoutsParameters, Promise<ClaimPayoutsReturnType>, account>;
  /** {@link prepareClaimPayouts} */
  prepareClaimPayouts: Method<ClaimPayoutsParameters, ReturnType<typeof prepareClaimPayouts>, account>;
  // Court adapters
  /** {@link requestArbitration} */
  requestArbitration: Method<RequestArbitrationParameters, Promise<RequestArbitrationReturnType>, account>;
  /** {@link prepareRequestArbitration} */
  prepareRequestArbitration: Method<
    RequestArbitrationParameters,
    ReturnType<typeof prepareRequestArbitration>,
    account
  >;
  /** {@link fundAppeal} */
  fundAppeal: Method<FundAppealParameters, Promise<FundAppealReturnType>, account>;
  /** {@link prepareFundAppeal} */
  prepareFundAppeal: Method<FundAppealParameters, ReturnType<typeof prepareFundAppeal>, account>;
  /** {@link submitCourtEvidence} */
  submitCourtEvidence: Method<SubmitCourtEvidenceParameters, Promise<SubmitCourtEvidenceReturnType>, account>;
  /** {@link prepareSubmitCourtEvidence} */
  prepareSubmitCourtEvidence: Method<
    SubmitCourtEvidenceParameters,
    ReturnType<typeof prepareSubmitCourtEvidence>,
    account
  >;
  /** {@link settleUnfunded} */
  settleUnfunded: Method<SettleUnfundedParameters, Promise<SettleUnfundedReturnType>, account>;
  /** {@link prepareSettleUnfunded} */
  prepareSettleUnfunded: Method<SettleUnfundedParameters, ReturnType<typeof prepareSettleUnfunded>, account>;
  /** {@link getCourtDispute} */
  getCourtDispute: Method<GetCourtDisputeParameters, Promise<GetCourtDisputeReturnType>, account>;
  /** {@link buildAdapterMetaEvidence} */
  buildAdapterMetaEvidence: Method<
    BuildAdapterMetaEvidenceParameters,
    Promise<BuildAdapterMetaEvidenceReturnType>,
    account
  >;
  // Reads
  /** {@link getPact} */
  getPact: Method<GetPactParameters, Promise<GetPactReturnType>, account>;
  /** {@link getPactTerms} */
  getPactTerms: Method<GetPactTermsParameters, Promise<GetPactTermsReturnType>, account>;
  /** {@link getPactHistory} */
  getPactHistory: Method<GetPactHistoryParameters, Promise<GetPactHistoryReturnType>, account>;
  /** {@link getProposals} */
  getProposals: Method<GetProposalsParameters, Promise<GetProposalsReturnType>, account>;
  /** {@link getStake} */
  getStake: Method<GetStakeParameters, Promise<GetStakeReturnType>, account>;
  /** {@link getAgentStatus} */
  getAgentStatus: Method<GetAgentStatusParameters, Promise<GetAgentStatusReturnType>, account>;
  /** {@link getCredit} */
  getCredit: Method<GetCreditParameters, Promise<GetCreditReturnType>, account>;
  /** {@link getArbiterTerms} */
  getArbiterTerms: Method<GetArbiterTermsParameters, Promise<GetArbiterTermsReturnType>, account>;
  /** {@link getConfig} */
  getConfig: OptionalMethod<GetConfigParameters, Promise<GetConfigReturnType>, account>;
  // Watchers
  /** {@link watchPactEvents} */
  watchPactEvents: Method<WatchPactEventsParameters, WatchPactEventsReturnType, account>;
  /** {@link watchAgentEvents} */
  watchAgentEvents: Method<WatchAgentEventsParameters, WatchAgentEventsReturnType, account>;
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
  ): SuretyActions<account> => {
    const withDeployment = <parameters extends DeploymentParameter>(parameters: parameters): parameters =>
      deployment === undefined || parameters.deployment !== undefined ? parameters : { ...parameters, deployment };
    const bind =
      <parameters extends DeploymentParameter, result>(action: (client: Client, parameters: parameters) => result) =>
      (parameters: parameters): result =>
        action(client, withDeployment(parameters));
    // The actions whose parameters may all be left out, with those parameters when none are given.
    const bindOptional =
      <parameters extends DeploymentParameter, result>(
        action: (client: Client, parameters: parameters) => result,
        none: parameters,
      ) =>
      (parameters: parameters = none): result =>
        action(client, withDeployment(parameters));
    return {
      // Buyer
      createPact: bind(createPact),
      prepareCreatePact: bind(prepareCreatePact),
      cancelPact: bind(cancelPact),
      prepareCancelPact: bind(prepareCancelPact),
      releasePact: bind(releasePact),
      prepareReleasePact: bind(prepareReleasePact),
      disputePact: bind(disputePact),
      prepareDisputePact: bind(prepareDisputePact),
      // Agent
      depositStake: bind(depositStake),
      prepareDepositStake: bind(prepareDepositStake),
      requestWithdrawal: bind(requestWithdrawal),
      prepareRequestWithdrawal: bind(prepareRequestWithdrawal),
      withdrawStake: bindOptional(withdrawStake, {}),
      prepareWithdrawStake: bindOptional(prepareWithdrawStake, {}),
      acceptPact: bind(acceptPact),
      prepareAcceptPact: bind(prepareAcceptPact),
      deliverPact: bind(deliverPact),
      prepareDeliverPact: bind(prepareDeliverPact),
      refundByAgent: bind(refundByAgent),
      prepareRefundByAgent: bind(prepareRefundByAgent),
      signOffer: bind(signOffer),
      revokeOffer: bind(revokeOffer),
      prepareRevokeOffer: bind(prepareRevokeOffer),
      // Arbiter
      registerArbiter: bind(registerArbiter),
      prepareRegisterArbiter: bind(prepareRegisterArbiter),
      deregisterArbiter: bind(deregisterArbiter),
      prepareDeregisterArbiter: bind(prepareDeregisterArbiter),
      resolveDispute: bind(resolveDispute),
      prepareResolveDispute: bind(prepareResolveDispute),
      abstain: bind(abstain),
      prepareAbstain: bind(prepareAbstain),
      // Operator
      setAgentStatus: bind(setAgentStatus),
      prepareSetAgentStatus: bind(prepareSetAgentStatus),
      recertify: bind(recertify),
      prepareRecertify: bind(prepareRecertify),
      recordReviews: bind(recordReviews),
      prepareRecordReviews: bind(prepareRecordReviews),
      logAgentException: bind(logAgentException),
      prepareLogAgentException: bind(prepareLogAgentException),
      logPactException: bind(logPactException),
      prepareLogPactException: bind(prepareLogPactException),
      // Guardian
      pause: bindOptional(pause, {}),
      preparePause: bindOptional(preparePause, {}),
      unpause: bindOptional(unpause, {}),
      prepareUnpause: bindOptional(prepareUnpause, {}),
      // Party (the buyer or the agent)
      submitEvidence: bind(submitEvidence),
      prepareSubmitEvidence: bind(prepareSubmitEvidence),
      proposeSettlement: bind(proposeSettlement),
      prepareProposeSettlement: bind(prepareProposeSettlement),
      acceptSettlement: bind(acceptSettlement),
      prepareAcceptSettlement: bind(prepareAcceptSettlement),
      withdrawProposals: bind(withdrawProposals),
      prepareWithdrawProposals: bind(prepareWithdrawProposals),
      extendDeadline: bind(extendDeadline),
      prepareExtendDeadline: bind(prepareExtendDeadline),
      // Anyone
      finalizePact: bind(finalizePact),
      prepareFinalizePact: bind(prepareFinalizePact),
      applyDefaultRuling: bind(applyDefaultRuling),
      prepareApplyDefaultRuling: bind(prepareApplyDefaultRuling),
      reclaimPact: bind(reclaimPact),
      prepareReclaimPact: bind(prepareReclaimPact),
      claimRefund: bind(claimRefund),
      prepareClaimRefund: bind(prepareClaimRefund),
      claimPayout: bind(claimPayout),
      prepareClaimPayout: bind(prepareClaimPayout),
      claimPayouts: bind(claimPayouts),
      prepareClaimPayouts: bind(prepareClaimPayouts),
      // Court adapters
      requestArbitration: bind(requestArbitration),
      prepareRequestArbitration: bind(prepareRequestArbitration),
      fundAppeal: bind(fundAppeal),
      prepareFundAppeal: bind(prepareFundAppeal),
      submitCourtEvidence: bind(submitCourtEvidence),
      prepareSubmitCourtEvidence: bind(prepareSubmitCourtEvidence),
      settleUnfunded: bind(settleUnfunded),
      prepareSettleUnfunded: bind(prepareSettleUnfunded),
      getCourtDispute: bind(getCourtDispute),
      buildAdapterMetaEvidence: bind(buildAdapterMetaEvidence),
      // Reads
      getPact: bind(getPact),
      getPactTerms: bind(getPactTerms),
      getPactHistory: bind(getPactHistory),
      getProposals: bind(getProposals),
      getStake: bind(getStake),
      getAgentStatus: bind(getAgentStatus),
      getCredit: bind(getCredit),
      getArbiterTerms: bind(getArbiterTerms),
      getConfig: bindOptional(getConfig, {}),
      // Watchers
      watchPactEvents: bind(watchPactEvents),
      watchAgentEvents: bind(watchAgentEvents),
    };
  };
}
