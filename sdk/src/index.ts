/**
 * @surety/sdk: typed viem actions for Surety, the escrow of pacts between buyers and AI agents backed by the
 * agents' stake. Every action is a function `(client, parameters)`; `suretyActions(deployment)` binds them all to
 * a client with `client.extend`.
 */

// Buyer: funds a pact, cancels it while open, releases the price, disputes the delivery.
export {
  createPact,
  prepareCreatePact,
  type CreatePactParameters,
  type CreatePactReturnType,
  type CreatePactErrorType,
} from "./actions/buyer/createPact.ts";
export type {
  CreatePactFromOfferParameters,
  CreatePactFromTermsParameters,
  PrepareCreatePactReturnType,
} from "./actions/buyer/createPact.ts";
export {
  cancelPact,
  prepareCancelPact,
  type CancelPactParameters,
  type CancelPactReturnType,
  type CancelPactErrorType,
} from "./actions/buyer/cancelPact.ts";
export {
  releasePact,
  prepareReleasePact,
  type ReleasePactParameters,
  type ReleasePactReturnType,
  type ReleasePactErrorType,
} from "./actions/buyer/releasePact.ts";
export {
  disputePact,
  prepareDisputePact,
  type DisputePactParameters,
  type DisputePactReturnType,
  type DisputePactErrorType,
} from "./actions/buyer/disputePact.ts";

// Agent: stakes, accepts and delivers pacts, refunds one, signs and revokes offers.
export {
  depositStake,
  prepareDepositStake,
  type DepositStakeParameters,
  type DepositStakeReturnType,
  type DepositStakeErrorType,
} from "./actions/agent/depositStake.ts";
export {
  requestWithdrawal,
  prepareRequestWithdrawal,
  type RequestWithdrawalParameters,
  type RequestWithdrawalReturnType,
  type RequestWithdrawalErrorType,
} from "./actions/agent/requestWithdrawal.ts";
export {
  withdrawStake,
  prepareWithdrawStake,
  type WithdrawStakeParameters,
  type WithdrawStakeReturnType,
  type WithdrawStakeErrorType,
} from "./actions/agent/withdrawStake.ts";
export {
  acceptPact,
  prepareAcceptPact,
  type AcceptPactParameters,
  type AcceptPactReturnType,
  type AcceptPactErrorType,
} from "./actions/agent/acceptPact.ts";
export {
  deliverPact,
  prepareDeliverPact,
  type DeliverPactParameters,
  type DeliverPactReturnType,
  type DeliverPactErrorType,
} from "./actions/agent/deliverPact.ts";
export {
  refundByAgent,
  prepareRefundByAgent,
  type RefundByAgentParameters,
  type RefundByAgentReturnType,
  type RefundByAgentErrorType,
} from "./actions/agent/refundByAgent.ts";
export {
  signOffer,
  type SignOfferParameters,
  type SignOfferReturnType,
  type SignOfferErrorType,
} from "./actions/agent/signOffer.ts";
export {
  revokeOffer,
  prepareRevokeOffer,
  type RevokeOfferParameters,
  type RevokeOfferReturnType,
  type RevokeOfferErrorType,
} from "./actions/agent/revokeOffer.ts";

// Arbiter: registers its terms per token, rules on disputes or abstains.
export {
  registerArbiter,
  prepareRegisterArbiter,
  type RegisterArbiterParameters,
  type RegisterArbiterReturnType,
  type RegisterArbiterErrorType,
} from "./actions/arbiter/registerArbiter.ts";
export {
  deregisterArbiter,
  prepareDeregisterArbiter,
  type DeregisterArbiterParameters,
  type DeregisterArbiterReturnType,
  type DeregisterArbiterErrorType,
} from "./actions/arbiter/deregisterArbiter.ts";
export {
  resolveDispute,
  prepareResolveDispute,
  type ResolveDisputeParameters,
  type ResolveDisputeReturnType,
  type ResolveDisputeErrorType,
} from "./actions/arbiter/resolveDispute.ts";
export {
  abstain,
  prepareAbstain,
  type AbstainParameters,
  type AbstainReturnType,
  type AbstainErrorType,
} from "./actions/arbiter/abstain.ts";

// Operator: moves an agent along the ladder and back to good standing, records weekly reviews, logs exception notes.
export {
  setAgentStatus,
  prepareSetAgentStatus,
  type SetAgentStatusParameters,
  type SetAgentStatusReturnType,
  type SetAgentStatusErrorType,
} from "./actions/operator/setAgentStatus.ts";
export type { LadderStatus } from "./actions/operator/setAgentStatus.ts";
export {
  recertify,
  prepareRecertify,
  type RecertifyParameters,
  type RecertifyReturnType,
  type RecertifyErrorType,
} from "./actions/operator/recertify.ts";
export {
  recordReviews,
  prepareRecordReviews,
  MAX_REVIEWS_PER_CALL,
  type ReviewInput,
  type PreparedReview,
  type RecordedReview,
  type RecordReviewsParameters,
  type RecordReviewsReturnType,
  type RecordReviewsErrorType,
} from "./actions/operator/recordReviews.ts";
export {
  logAgentException,
  prepareLogAgentException,
  type LogAgentExceptionParameters,
  type LogAgentExceptionReturnType,
  type LogAgentExceptionErrorType,
} from "./actions/operator/logAgentException.ts";
export {
  logPactException,
  prepareLogPactException,
  type LogPactExceptionParameters,
  type LogPactExceptionReturnType,
  type LogPactExceptionErrorType,
} from "./actions/operator/logPactException.ts";

// Guardian: pauses new pacts and acceptances, and unpauses.
export {
  pause,
  preparePause,
  type PauseParameters,
  type PauseReturnType,
  type PauseErrorType,
} from "./actions/guardian/pause.ts";
export {
  unpause,
  prepareUnpause,
  type UnpauseParameters,
  type UnpauseReturnType,
  type UnpauseErrorType,
} from "./actions/guardian/unpause.ts";

// Party (the buyer or the agent): evidence, settlement by agreement, deadline extensions.
export {
  submitEvidence,
  prepareSubmitEvidence,
  type SubmitEvidenceParameters,
  type SubmitEvidenceReturnType,
  type SubmitEvidenceErrorType,
} from "./actions/party/submitEvidence.ts";
export {
  proposeSettlement,
  prepareProposeSettlement,
  type ProposeSettlementParameters,
  type ProposeSettlementReturnType,
  type ProposeSettlementErrorType,
} from "./actions/party/proposeSettlement.ts";
export {
  acceptSettlement,
  prepareAcceptSettlement,
  type AcceptSettlementParameters,
  type AcceptSettlementReturnType,
  type AcceptSettlementErrorType,
} from "./actions/party/acceptSettlement.ts";
export {
  withdrawProposals,
  prepareWithdrawProposals,
  type WithdrawProposalsParameters,
  type WithdrawProposalsReturnType,
  type WithdrawProposalsErrorType,
} from "./actions/party/withdrawProposals.ts";
export {
  extendDeadline,
  prepareExtendDeadline,
  type ExtendDeadlineParameters,
  type ExtendDeadlineReturnType,
  type ExtendDeadlineErrorType,
} from "./actions/party/extendDeadline.ts";

// Anyone: what the contract lets anyone call (endings once a deadline has passed, claims of credited payouts).
export {
  finalizePact,
  prepareFinalizePact,
  type FinalizePactParameters,
  type FinalizePactReturnType,
  type FinalizePactErrorType,
} from "./actions/anyone/finalizePact.ts";
export {
  applyDefaultRuling,
  prepareApplyDefaultRuling,
  type ApplyDefaultRulingParameters,
  type ApplyDefaultRulingReturnType,
  type ApplyDefaultRulingErrorType,
} from "./actions/anyone/applyDefaultRuling.ts";
export {
  reclaimPact,
  prepareReclaimPact,
  type ReclaimPactParameters,
  type ReclaimPactReturnType,
  type ReclaimPactErrorType,
} from "./actions/anyone/reclaimPact.ts";
export {
  claimRefund,
  prepareClaimRefund,
  type ClaimRefundParameters,
  type ClaimRefundReturnType,
  type ClaimRefundErrorType,
} from "./actions/anyone/claimRefund.ts";
export {
  claimPayout,
  prepareClaimPayout,
  type ClaimPayoutParameters,
  type ClaimPayoutReturnType,
  type ClaimPayoutErrorType,
} from "./actions/anyone/claimPayout.ts";
export {
  claimPayouts,
  prepareClaimPayouts,
  type ClaimPayoutsParameters,
  type ClaimPayoutsReturnType,
  type ClaimPayoutsErrorType,
} from "./actions/anyone/claimPayouts.ts";

// Court: disputes before an ERC-792 court through a court adapter.
export {
  requestArbitration,
  prepareRequestArbitration,
  type RequestArbitrationParameters,
  type RequestArbitrationReturnType,
  type RequestArbitrationErrorType,
} from "./actions/court/requestArbitration.ts";
export {
  fundAppeal,
  prepareFundAppeal,
  type FundAppealParameters,
  type FundAppealReturnType,
  type FundAppealErrorType,
} from "./actions/court/fundAppeal.ts";
export {
  submitCourtEvidence,
  prepareSubmitCourtEvidence,
  type SubmitCourtEvidenceParameters,
  type SubmitCourtEvidenceReturnType,
  type SubmitCourtEvidenceErrorType,
} from "./actions/court/submitCourtEvidence.ts";
export {
  settleUnfunded,
  prepareSettleUnfunded,
  type SettleUnfundedParameters,
  type SettleUnfundedReturnType,
  type SettleUnfundedErrorType,
} from "./actions/court/settleUnfunded.ts";
export {
  getCourtDispute,
  COURT_STATUSES,
  NOT_PAYABLE_APPEAL_COST,
  type CourtStatus,
  type GetCourtDisputeParameters,
  type GetCourtDisputeReturnType,
  type GetCourtDisputeErrorType,
} from "./actions/court/getCourtDispute.ts";
export {
  buildAdapterMetaEvidence,
  type BuildAdapterMetaEvidenceParameters,
  type BuildAdapterMetaEvidenceReturnType,
  type BuildAdapterMetaEvidenceErrorType,
} from "./actions/court/buildAdapterMetaEvidence.ts";
export type { CourtEventArgs, CourtEventName, CourtPactParameters } from "./actions/court/internal.ts";

// Reads: a pact, its terms, history and proposals; an agent's stake and standing; credits, arbiters, the config.
export {
  getPact,
  type GetPactParameters,
  type GetPactReturnType,
  type GetPactErrorType,
} from "./actions/read/getPact.ts";
export { effectiveStatusOf } from "./actions/read/getPact.ts";
export {
  getPactTerms,
  type GetPactTermsParameters,
  type GetPactTermsReturnType,
  type GetPactTermsErrorType,
} from "./actions/read/getPactTerms.ts";
export {
  getPactHistory,
  type GetPactHistoryParameters,
  type GetPactHistoryReturnType,
  type GetPactHistoryErrorType,
} from "./actions/read/getPactHistory.ts";
export {
  getProposals,
  type GetProposalsParameters,
  type GetProposalsReturnType,
  type GetProposalsErrorType,
  type PartyProposals,
} from "./actions/read/getProposals.ts";
export {
  getStake,
  type GetStakeParameters,
  type GetStakeReturnType,
  type GetStakeErrorType,
} from "./actions/read/getStake.ts";
export {
  getAgentStatus,
  type GetAgentStatusParameters,
  type GetAgentStatusReturnType,
  type GetAgentStatusErrorType,
} from "./actions/read/getAgentStatus.ts";
export {
  getCredit,
  type GetCreditParameters,
  type GetCreditReturnType,
  type GetCreditErrorType,
} from "./actions/read/getCredit.ts";
export {
  getArbiterTerms,
  type GetArbiterTermsParameters,
  type GetArbiterTermsReturnType,
  type GetArbiterTermsErrorType,
} from "./actions/read/getArbiterTerms.ts";
export {
  getConfig,
  type GetConfigParameters,
  type GetConfigReturnType,
  type GetConfigErrorType,
} from "./actions/read/getConfig.ts";

// Watchers: a pact's events and an agent's, as they happen.
export {
  watchPactEvents,
  type WatchPactEventsParameters,
  type WatchPactEventsReturnType,
  type WatchPactEventsErrorType,
} from "./actions/watch/watchPactEvents.ts";
export {
  watchAgentEvents,
  type WatchAgentEventsParameters,
  type WatchAgentEventsReturnType,
  type WatchAgentEventsErrorType,
} from "./actions/watch/watchAgentEvents.ts";
export type { WatchOptions } from "./actions/watch/internal.ts";

// What the actions share: common parameters, results and errors' unions; the decorator that binds them all.
export type {
  AllowanceParameters,
  DeploymentParameter,
  PactParameters,
  PrepareReturnType,
  ReadErrorType,
  WriteErrorType,
  WriteParameters,
} from "./actions/internal.ts";
export type { ApprovalResult, Call, WriteResult } from "./utils/execute.ts";
export {
  suretyActions,
  type AccountParameter,
  type BoundParameters,
  type SuretyActions,
} from "./decorators/suretyActions.ts";

// Deployments and the generated ABIs.
export { deployments, deploymentSchema, getDeployment, loadDeployment, type Deployment } from "./deployments.ts";
export { arbitratorAbi, courtAdapterAbi, erc20PermitAbi, suretyAbi } from "./abis.ts";

// Errors: one base, a literal name per class, a README section each.
export { SuretyError, type SuretyErrorOptions } from "./errors/base.ts";
export { ContractRevertError, TransactionRevertedError, type RevertName } from "./errors/contract.ts";
export { DeploymentError } from "./errors/deployment.ts";
export { explainRevert, type KnownRevertArgs, type KnownRevertName } from "./errors/messages.ts";
export { NotFoundError, type NotFoundResource } from "./errors/notFound.ts";
export { InvalidParametersError, type ParameterIssue } from "./errors/parameters.ts";
export { RequestError } from "./errors/request.ts";
export { TrustApiError } from "./errors/trustApi.ts";

// Trust client: the indexer's trust API, typed and validated.
export {
  AGENT_ORDER_BY,
  MAX_REVIEW_TREND_WEEKS,
  createTrustClient,
  type AgentOrderBy,
  type GetReviewTrendParameters,
  type ListAgentsParameters,
  type TrustClient,
  type TrustClientOptions,
} from "./trust/createTrustClient.ts";
export {
  PENDING_ACTIONS,
  type AgentList,
  type AgentListResponse,
  type AgentSummary,
  type AgentSummaryResponse,
  type AgentTrustResponse,
  type PactTimelineResponse,
  type PactViewResponse,
  type PendingResponse,
  type AgentTrust,
  type PactTimeline,
  type PactView,
  type Pending,
  type PendingAction,
  type TrustAmount,
  type AgentEvidence,
  type AgentRecovery,
  type AgentWeek,
  type AgentWeekResponse,
  type ExceptionEntry,
  type ExceptionEntryResponse,
  type ReviewEntry,
  type ReviewEntryResponse,
  type ReviewTrend,
  type ReviewTrendResponse,
  type ReviewWeek,
  type ReviewWeekResponse,
  type WeekSignals,
  type WeekSignalsResponse,
} from "./trust/schemas.ts";

// Schemas and utils: human inputs, canonical documents, ERC-1497 evidence, units, a pact's commitment, the next
// block's time, types.
export {
  ALLOWANCE_MODES,
  type AllowanceMode,
  type AmountInput,
  type DurationInput,
  type TimeInput,
} from "./schemas/fields.ts";
export { canonicalize, CanonicalizationError, compareCodeUnits, type JsonValue } from "./utils/canonicalize.ts";
export { hashDocument, type DocumentInput } from "./utils/document.ts";
export { ISO_WEEK_YEARS, isoWeekOf, isoWeekStartOf, parseIsoWeek, weeksInIsoYear } from "./utils/isoWeek.ts";
export {
  AGENT_WINS_RULING,
  BUYER_WINS_RULING,
  buildEvidence,
  buildMetaEvidence,
  matchesAdapter,
  outOfRangeStatement,
  parseDataUri,
  rulingOptionsOf,
  toDataUri,
  type BuildEvidenceParameters,
  type BuildMetaEvidenceParameters,
  type Evidence,
  type MetaEvidence,
  type RulingOptions,
} from "./utils/erc1497.ts";
export { isDecimalString, isDurationString, parseAmount, parseDuration } from "./utils/units.ts";
export { commitmentOf } from "./utils/terms.ts";
// The one clock of every deadline check: the time a transaction sent now will see.
export { getNextBlockTime, nextBlockTime } from "./utils/nextBlock.ts";
export type {
  AgentStatus,
  EffectivePactStatus,
  HashedDocument,
  Offer,
  PactStatus,
  Permit,
  SignedOffer,
  Terms,
} from "./types.ts";

// Shared constants, defined once for every package: statuses, the ladder, defaults, addresses, offers, events.
export {
  AGENT_STATUSES,
  EXCEPTION_KINDS,
  PACT_STATUSES,
  REVIEW_DECISIONS,
  type ExceptionKind,
  type ReviewDecision,
} from "./types.ts";
export {
  CAP_REQUIRED_STEPS,
  CAPPED_AGENT_STATUSES,
  CAPPED_DECISIONS,
  CONCENTRATION_THRESHOLD,
  CONTAINED_AGENT_STATUSES,
  DECISION_STATUS,
  hasCap,
  isContained,
  isLivePactStatus,
  isTerminalPactStatus,
  isUnderwayPactStatus,
  LADDER_STEPS,
  LIVE_PACT_STATUSES,
  requiresCap,
  TERMINAL_PACT_STATUSES,
  UNDERWAY_PACT_STATUSES,
  type LadderStep,
  type LivePactStatus,
  type TerminalPactStatus,
  type UnderwayPactStatus,
} from "./constants/statuses.ts";
export { DEFAULT_ADMIN_DELAY, DEFAULT_SURETY_CONFIG, type SuretySettings } from "./constants/config.ts";
export { ADDRESS_PROBLEMS, addressSchema, validateAddress, type AddressValidation } from "./utils/address.ts";
export { OFFER_DOMAIN_NAME, OFFER_DOMAIN_VERSION, OFFER_TYPES, offerDomain } from "./utils/offer.ts";
export {
  AGENT_EVENTS,
  PACT_EVENTS,
  type AgentEventName,
  type PactEventName,
  type SuretyEvent,
  type SuretyEventArgs,
  type SuretyEventLog,
  type SuretyEventName,
} from "./utils/events.ts";
