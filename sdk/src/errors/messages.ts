import { keccak256, toHex, zeroHash, type ContractErrorArgs, type ContractErrorName, type Hex } from "viem";

import type { courtAdapterAbi, erc20PermitAbi, suretyAbi } from "../abis.ts";
import { AGENT_STATUSES, PACT_STATUSES } from "../types.ts";

type Messages<abi extends readonly unknown[]> = {
  [name in ContractErrorName<abi>]: (args: ContractErrorArgs<abi, name>) => string;
};

/** Every custom error Surety, a token or a court adapter can revert with. */
export type KnownRevertName =
  | ContractErrorName<typeof suretyAbi>
  | ContractErrorName<typeof erc20PermitAbi>
  | ContractErrorName<typeof courtAdapterAbi>;

/** The arguments of a known custom error, as viem decodes them. */
export type KnownRevertArgs<name extends KnownRevertName> =
  name extends ContractErrorName<typeof suretyAbi>
    ? ContractErrorArgs<typeof suretyAbi, name>
    : name extends ContractErrorName<typeof erc20PermitAbi>
      ? ContractErrorArgs<typeof erc20PermitAbi, name>
      : name extends ContractErrorName<typeof courtAdapterAbi>
        ? ContractErrorArgs<typeof courtAdapterAbi, name>
        : never;

const time = (seconds: bigint | number): string => {
  const ms = Number(seconds) * 1000;
  return Number.isFinite(ms) && ms <= 8.64e15 ? `${new Date(ms).toISOString()}, ${seconds}` : String(seconds);
};
const status = (index: number): string => PACT_STATUSES[index] ?? `status ${index}`;
const ROLES: Record<Hex, string> = {
  [zeroHash]: "the default admin role",
  [keccak256(toHex("OPERATOR_ROLE"))]: "the operator role",
  [keccak256(toHex("GUARDIAN_ROLE"))]: "the guardian role",
};
const role = (hash: Hex): string => ROLES[hash] ?? `role ${hash}`;

/** Plain-words explanations of Surety's custom errors, including those of its OpenZeppelin modules. */
const suretyMessages: Messages<typeof suretyAbi> = {
  AccessControlBadConfirmation: () => "an account can only renounce a role for itself",
  AccessControlEnforcedDefaultAdminDelay: ([schedule]) =>
    `the default admin transfer cannot happen before ${time(schedule)}`,
  AccessControlEnforcedDefaultAdminRules: () => "the default admin role can only move through a delayed transfer",
  AccessControlInvalidDefaultAdmin: ([admin]) => `${admin} cannot become the default admin`,
  AccessControlUnauthorizedAccount: ([account, neededRole]) => `${account} does not hold ${role(neededRole)}`,
  EnforcedPause: () => "the guardian has paused new pacts and acceptances",
  ExpectedPause: () => "Surety is not paused",
  FailedCall: () => "a low-level call failed",
  InsufficientBalance: ([balance, needed]) => `the contract holds ${balance} but needs ${needed}`,
  InvalidShortString: () => "an EIP-712 domain string is invalid",
  ReentrancyGuardReentrantCall: () => "the call re-entered Surety",
  SafeCastOverflowedUintDowncast: ([bits, value]) => `${value} does not fit in ${bits} bits`,
  SafeERC20FailedOperation: ([token]) => `a transfer of token ${token} failed`,
  StringTooLong: ([text]) => `the string "${text}" is too long`,
  Surety_AcceptByNotInFuture: ([acceptBy, blockTime]) =>
    `acceptBy (${time(acceptBy)}) is not after the block time (${time(blockTime)})`,
  Surety_AgentIsBuyer: ([agent]) => `the agent ${agent} cannot be the buyer`,
  Surety_AgentPaused: ([agent]) => `the operator has paused agent ${agent}: it cannot take new pacts`,
  Surety_ArbiterFeeTooLow: ([fee, minFee]) => `the arbiter fee ${fee} is below the arbiter's minimum of ${minFee}`,
  Surety_ArbiterIsParty: ([arbiter]) => `the arbiter ${arbiter} cannot be the buyer or the agent`,
  Surety_ArbiterNotRegistered: ([arbiter, token]) => `${arbiter} is not registered as an arbiter for token ${token}`,
  Surety_BpsTooHigh: ([bps]) => `${bps} basis points is more than 10,000 (100%)`,
  Surety_BuyerNotCaller: ([buyer, caller]) => `the terms name ${buyer} as the buyer but ${caller} is calling`,
  Surety_CallerNotAgent: ([pactId, caller]) => `${caller} is not the agent of pact ${pactId}`,
  Surety_CallerNotArbiter: ([pactId, caller]) => `${caller} is not the arbiter of pact ${pactId}`,
  Surety_CallerNotBuyer: ([pactId, caller]) => `${caller} is not the buyer of pact ${pactId}`,
  Surety_CallerNotParty: ([pactId, caller]) => `${caller} is neither the buyer nor the agent of pact ${pactId}`,
  Surety_DeadlineNotPassed: ([pactId, deadline]) =>
    `the deadline of pact ${pactId} (${time(deadline)}) has not passed yet`,
  Surety_DeadlinePassed: ([pactId, deadline]) => `the deadline of pact ${pactId} (${time(deadline)}) has passed`,
  Surety_DeadlineNotLater: ([pactId, deliverBy, requested]) =>
    `the new deadline ${time(requested)} is not after pact ${pactId}'s current deliverBy (${time(deliverBy)})`,
  Surety_DeadlinesNotOrdered: ([acceptBy, deliverBy]) =>
    `deliverBy (${time(deliverBy)}) is not after acceptBy (${time(acceptBy)})`,
  Surety_ExposureCapExceeded: ([agent, cap, exposure]) =>
    `agent ${agent} would lock ${exposure}, above its cap of ${cap}`,
  Surety_InsufficientFreeStake: ([agent, free, needed]) => `agent ${agent} has ${free} free stake but needs ${needed}`,
  Surety_InsufficientGas: ([needed, available]) =>
    `the transaction needs at least ${needed} gas left for a payout but had ${available}: raise the gas limit`,
  Surety_InvalidAgentStatus: ([agentStatus]) =>
    `status ${AGENT_STATUSES[agentStatus] ?? agentStatus} cannot be set this way (use recertify for good)`,
  Surety_InvalidMaxFreeze: ([maxFreeze, limit]) => `maxFreeze ${maxFreeze} must be between 1 and ${limit} seconds`,
  Surety_InvalidPeriodBounds: ([min, max, limit]) =>
    `the period bounds ${min}..${max} are invalid: the minimum must be at least 1 and the maximum at most ${limit}`,
  Surety_InvalidSignature: ([agent]) => `the offer's signature is not agent ${agent}'s`,
  Surety_InvalidStakeToken: ([token]) => `the stake token ${token} has no code`,
  Surety_InvalidStatus: ([pactId, pactStatus]) =>
    `pact ${pactId} is ${status(pactStatus)}, which does not allow this call`,
  Surety_NoCredit: ([token, account]) => `${account} has no credit to claim in token ${token}`,
  Surety_NoSettlementProposal: ([pactId, proposer]) =>
    `${proposer} has no standing settlement proposal on pact ${pactId} to accept`,
  Surety_NothingToWithdraw: ([pactId, party]) =>
    `${party} has no standing settlement proposal or deadline request on pact ${pactId} to withdraw`,
  Surety_ProposalLapsed: ([pactId, proposer]) =>
    `${proposer}'s settlement proposal on pact ${pactId} has lapsed (the pact moved on, or the deadline it was made ` +
    "before has passed): it binds no one until proposed again",
  Surety_RulingAlreadyHeld: ([pactId, heldUntil]) =>
    `the ruling on pact ${pactId} is already held, until ${time(heldUntil)}`,
  Surety_RulingHoldOutOfBounds: ([hold, min, max]) =>
    `maxRulingHold ${hold} s must be between the longest ruling period (${min} s) and ${max} s`,
  Surety_NonceUsed: ([agent, nonce]) => `agent ${agent} has already used or revoked offer nonce ${nonce}`,
  Surety_NothingQueued: ([agent]) => `agent ${agent} has no stake queued for withdrawal`,
  Surety_OfferExpired: ([expiry, blockTime]) => `the offer expired at ${time(expiry)} (block time ${time(blockTime)})`,
  Surety_OfferNotForCaller: ([buyer, caller]) => `the offer is for buyer ${buyer}, not ${caller}`,
  Surety_PactNotFound: ([pactId]) => `there is no pact ${pactId}`,
  Surety_PayoutGasOutOfBounds: ([gas, min, max]) => `payoutGas ${gas} must be between ${min} and ${max}`,
  Surety_PenaltyExceedsCollateral: ([penalty, collateral]) =>
    `the penalty ${penalty} is more than the collateral ${collateral}`,
  Surety_ReviewPeriodOutOfBounds: ([period, min, max]) =>
    `the review period of ${period} s is outside the deployment's ${min}..${max} s`,
  Surety_RulingPeriodOutOfBounds: ([period, min, max]) =>
    `the ruling period of ${period} s is outside the allowed ${min}..${max} s`,
  Surety_SettlementMismatch: ([pactId, proposedBps, acceptedBps]) =>
    `the standing proposal on pact ${pactId} gives the buyer ${proposedBps} bps, not the ${acceptedBps} bps accepted`,
  Surety_SlashExceedsCollateral: ([slash, collateral]) =>
    `the slash ${slash} is more than the pact's collateral ${collateral}`,
  Surety_StakeFrozen: ([agent, frozenUntil]) => `agent ${agent}'s stake is frozen until ${time(frozenUntil)}`,
  Surety_TermsMismatch: ([pactId]) => `the terms passed do not match pact ${pactId}'s commitment`,
  Surety_TransferMismatch: ([token, expected, received]) =>
    `token ${token} delivered ${received} instead of ${expected} (fee-on-transfer tokens are refused)`,
  Surety_UnbondingDelayOutOfBounds: ([delay, min, max]) =>
    `the unbonding delay ${delay} must be between ${min} and ${max} seconds`,
  Surety_WithdrawalNotReady: ([agent, readyAt]) =>
    `agent ${agent}'s queued stake is not withdrawable before ${time(readyAt)}`,
  Surety_WrongValue: ([expected, sent]) => `the call must send ${expected} wei of ETH but sent ${sent}`,
  Surety_ZeroAgent: () => "the agent cannot be the zero address",
  Surety_NoReviews: () => "a review must name at least one agent",
  Surety_ReviewsNotAscending: ([index, agent]) =>
    `review ${index} (agent ${agent}) is out of order: agents must be in strictly ascending address order, each once`,
  Surety_CapNotApplicable: ([index, cap]) =>
    `review ${index} gives a cap of ${cap}, but only narrow, review and pause decisions take a cap`,
  Surety_ZeroEvidenceHash: ([index]) => `review ${index} has no evidence hash: commit to the evidence or note`,
  Surety_ZeroNoteHash: () => "the note hash cannot be zero: commit to the note",
  Surety_NotBuyerOrOperator: ([pactId, caller]) =>
    `${caller} is neither the buyer of pact ${pactId} nor an operator, so it cannot log a note on it`,
  Surety_ZeroAmount: () => "the amount must be more than zero",
  Surety_AmountTooLarge: ([amount]) => `${amount} is too large: amounts must fit in 128 bits`,
  Surety_ZeroPrice: () => "the price must be more than zero",
  Surety_InvalidRecipient: ([recipient]) => `${recipient} cannot receive funds: it is zero or Surety itself`,
  Surety_ZeroAdminDelay: () => "the default admin transfer delay must be above zero",
};

/** OpenZeppelin's ERC-20 errors (ERC-6093), which a token's revert inside a Surety call carries. */
const tokenMessages: Messages<typeof erc20PermitAbi> = {
  ERC20InsufficientAllowance: ([spender, allowance, needed]) =>
    `the token allowance of ${spender} is ${allowance} but ${needed} is needed`,
  ERC20InsufficientBalance: ([sender, balance, needed]) =>
    `${sender} holds ${balance} of the token but ${needed} is needed`,
  ERC20InvalidApprover: ([approver]) => `${approver} cannot approve`,
  ERC20InvalidReceiver: ([receiver]) => `${receiver} cannot receive the token`,
  ERC20InvalidSender: ([sender]) => `${sender} cannot send the token`,
  ERC20InvalidSpender: ([spender]) => `${spender} cannot be approved`,
};

/** A court adapter's own errors, and those of the OpenZeppelin modules it uses. */
const courtMessages: Messages<typeof courtAdapterAbi> = {
  CourtAdapter_AlreadyRequested: ([pactId, disputeID]) =>
    `arbitration of pact ${pactId} was already requested (court dispute ${disputeID})`,
  CourtAdapter_AlreadyRuled: ([pactId, disputeID]) =>
    `the court already ruled on dispute ${disputeID} (pact ${pactId})`,
  CourtAdapter_ArbiterFeeNotZero: ([pactId, fee]) =>
    `pact ${pactId} has an arbiter fee of ${fee}: a court adapter takes only pacts with no fee, and this one waits ` +
    "for the default ruling",
  CourtAdapter_CallerNotBuyer: ([pactId, caller]) =>
    `${caller} is not the buyer of pact ${pactId}: only the buyer who disputed pays for the court`,
  CourtAdapter_CallerNotCourt: ([caller]) => `${caller} is not the adapter's court`,
  CourtAdapter_CallerNotParty: ([pactId, caller]) => `${caller} is neither the buyer nor the agent of pact ${pactId}`,
  CourtAdapter_CallerNotSelf: ([caller]) => `${caller} is not the court adapter itself`,
  CourtAdapter_EmptyMetaEvidence: () => "the adapter needs the URI of its ERC-1497 meta-evidence document",
  CourtAdapter_FeeWindowOpen: ([pactId, deadline]) =>
    `the buyer of pact ${pactId} may still pay the court's fee until ${time(deadline)}: it cannot be settled as ` +
    "unfunded before then",
  CourtAdapter_FeeWindowOver: ([pactId, deadline]) =>
    `the fee window of pact ${pactId} closed at ${time(deadline)}: the court can no longer be asked, and anyone ` +
    "may have the delivery stand (settleUnfunded)",
  CourtAdapter_InsufficientGas: () => "the call has too little gas left to apply the ruling on Surety",
  CourtAdapter_InsufficientValue: ([cost, sent]) => `the court charges ${cost} wei but the call sent ${sent}`,
  CourtAdapter_InvalidCourt: ([court]) => `${court} is not a contract`,
  CourtAdapter_InvalidSurety: ([surety]) => `${surety} is not a contract`,
  CourtAdapter_NotAppealable: ([pactId, disputeID]) =>
    `court dispute ${disputeID} (pact ${pactId}) is not in an appeal period the court reports`,
  CourtAdapter_NotArbiter: ([pactId, arbiter]) =>
    `pact ${pactId} names ${arbiter} as its arbiter, not this court adapter`,
  CourtAdapter_NotRequested: ([pactId]) => `no one has requested arbitration of pact ${pactId} yet`,
  CourtAdapter_PactNotDisputed: ([pactId, pactStatus]) => `pact ${pactId} is ${status(pactStatus)}, not disputed`,
  CourtAdapter_RulingPeriodOver: ([pactId, end]) =>
    `pact ${pactId}'s ruling period (and any hold) ended at ${time(end)}`,
  CourtAdapter_RulingRefused: ([reason]) =>
    `Surety refused to apply the court's ruling (revert data ${reason}); the court can send it again`,
  CourtAdapter_SplitTooHigh: ([index, bps]) => `split ${index} gives the buyer ${bps} bps, above 10000`,
  CourtAdapter_SuretyBusy: () =>
    "Surety was in the middle of another call (a payout's receive hook?): the court can send its ruling again",
  CourtAdapter_TermsMismatch: ([pactId]) => `the terms given are not pact ${pactId}'s`,
  CourtAdapter_UnknownDispute: ([disputeID]) => `court dispute ${disputeID} belongs to no pact`,
  CourtAdapter_ZeroFeeWindow: () => "the fee window must be longer than zero",
  FailedCall: () => "a low-level call failed",
  InsufficientBalance: ([balance, needed]) => `the contract holds ${balance} but needs ${needed}`,
  ReentrancyGuardReentrantCall: () => "the call re-entered the court adapter",
};

const PANICS: Record<number, string> = {
  0x01: "an assertion failed",
  0x11: "an arithmetic operation overflowed",
  0x12: "a division by zero",
  0x21: "an invalid enum value",
  0x32: "an out-of-bounds array access",
  0x41: "too much memory was allocated",
};

/** The plain-words explanation of a revert: a known custom error, `Error(string)`, `Panic(uint256)` or unknown. */
export function explainRevert(errorName: string, args: readonly unknown[]): string {
  const explain =
    (suretyMessages as unknown as Record<string, (args: readonly unknown[]) => string>)[errorName] ??
    (tokenMessages as unknown as Record<string, (args: readonly unknown[]) => string>)[errorName] ??
    (courtMessages as unknown as Record<string, (args: readonly unknown[]) => string>)[errorName];
  if (explain !== undefined) return explain(args);
  if (errorName === "Error") return `the contract reverted: ${String(args[0])}`;
  if (errorName === "Panic") {
    const code = Number(args[0]);
    return `the contract panicked: ${PANICS[code] ?? `code 0x${code.toString(16)}`}`;
  }
  return "the contract reverted without a reason the SDK can decode";
}
