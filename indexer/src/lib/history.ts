/**
 * The kinds of event the history records, derived from the contracts' ABIs: every event of Surety and of a court
 * adapter, less the few named below that are no pact's or agent's story. A new event in either ABI becomes a kind
 * (a GraphQL enum value, a dashboard label) without being typed anywhere by hand. Pure, and free of Ponder, so the
 * dashboard and the tests import it too (`@surety/indexer/history`).
 */
import { courtAdapterAbi, suretyAbi } from "@surety/sdk/deployments";
import type { Abi, ContractEventName } from "viem";

/** The events of the OpenZeppelin modules Surety inherits (roles, admin transfer, pause, EIP-712): not Surety's own. */
const INHERITED = [
  "DefaultAdminDelayChangeCanceled",
  "DefaultAdminDelayChangeScheduled",
  "DefaultAdminTransferCanceled",
  "DefaultAdminTransferScheduled",
  "EIP712DomainChanged",
  "Paused",
  "RoleAdminChanged",
  "RoleGranted",
  "RoleRevoked",
  "Unpaused",
] as const satisfies readonly ContractEventName<typeof suretyAbi>[];

/**
 * A court adapter's ERC-792 and ERC-1497 bookkeeping, which no timeline shows as such: `MetaEvidence` and `Dispute`
 * fill the meta-evidence and court-dispute tables, `Ruling` repeats what `RulingApplied` or `RulingLate` says with
 * the pact, and `TokenRegistered` is the adapter's own registration as an arbiter (Surety's `ArbiterRegistered`).
 */
const COURT_BOOKKEEPING = [
  "Dispute",
  "MetaEvidence",
  "Ruling",
  "TokenRegistered",
] as const satisfies readonly ContractEventName<typeof courtAdapterAbi>[];

type SuretyKind = Exclude<ContractEventName<typeof suretyAbi>, (typeof INHERITED)[number]>;
type CourtKind = Exclude<ContractEventName<typeof courtAdapterAbi>, (typeof COURT_BOOKKEEPING)[number]>;

/** A kind of history row: the name of the event it records. */
export type HistoryKind = SuretyKind | CourtKind;

/** The names of the events of `abi`, in the ABI's order, without `skipped`. */
function eventNames<const abi extends Abi, const skipped extends string>(
  abi: abi,
  skip: readonly skipped[],
): Exclude<ContractEventName<abi>, skipped>[] {
  const skipping: ReadonlySet<string> = new Set(skip);
  const names = abi.flatMap((item) => (item.type === "event" && !skipping.has(item.name) ? [item.name] : []));
  return names as Exclude<ContractEventName<abi>, skipped>[];
}

/** Surety's own events (its cooperative module's included: they are emitted at Surety's address). */
export const SURETY_KINDS: readonly SuretyKind[] = eventNames(suretyAbi, INHERITED);

/** A court adapter's events about a pact, recorded in the pact's history when the pact names the adapter. */
export const COURT_KINDS: readonly CourtKind[] = eventNames(courtAdapterAbi, COURT_BOOKKEEPING);

/** Every kind, Surety's first: the values of the `event_kind` enum. */
export const HISTORY_KINDS = [...SURETY_KINDS, ...COURT_KINDS] as [HistoryKind, ...HistoryKind[]];

const suretyKinds: ReadonlySet<string> = new Set(SURETY_KINDS);
const courtKinds: ReadonlySet<string> = new Set(COURT_KINDS);

/** Whether `name` is one of Surety's events that the history records. */
export const isSuretyKind = (name: string): name is SuretyKind => suretyKinds.has(name);

/** Whether `name` is one of a court adapter's events that the history records. */
export const isCourtKind = (name: string): name is CourtKind => courtKinds.has(name);
