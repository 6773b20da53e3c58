/**
 * A pact's effective status and the deadline of its status, by the SDK's own rule (`effectiveStatusOf`), from the
 * pact table's columns: one formula for the API's effective statuses and the handlers' lapse of proposals. Pure.
 */
import {
  effectiveStatusOf,
  isUnderwayPactStatus,
  type EffectivePactStatus,
  type PactStatus,
  type Terms,
} from "@surety/sdk";

/** The pact columns an effective status depends on, as the pact table stores them. */
export type PactTimes = {
  status: PactStatus;
  acceptBy: bigint;
  deliverBy: bigint;
  reviewPeriod: bigint;
  rulingPeriod: bigint;
  /** The contract's `updatedAt`: the delivery time while delivered, the dispute time while disputed. */
  updatedAt: bigint;
  heldUntil: bigint | null;
};

/**
 * A pact's status as of `now` (the latest indexed block's time): what no event announces, such as an open pact past
 * its acceptance deadline (expired) or a delivery whose review period ran out (finalizable), with the deadline the
 * current status runs to. A disputed pact whose arbiter held the ruling runs to the hold when it ends later than the
 * ruling period: no one can apply the default ruling before then.
 */
export function effectiveStatus(
  pact: PactTimes,
  now: bigint,
): { status: EffectivePactStatus; deadline: number | null } {
  const terms = {
    acceptBy: Number(pact.acceptBy),
    deliverBy: Number(pact.deliverBy),
    reviewPeriod: Number(pact.reviewPeriod),
    rulingPeriod: Number(pact.rulingPeriod),
  } as Terms;
  const { effectiveStatus: status, deadline } = effectiveStatusOf(
    pact.status,
    terms,
    Number(pact.updatedAt),
    Number(now),
    Number(pact.heldUntil ?? 0n),
  );
  return { status, deadline: deadline ?? null };
}

/**
 * The last second of an underway pact's current status (accepted and not ended: the SDK's UNDERWAY_PACT_STATUSES),
 * after which anyone may take its outcome: the delivery deadline while active (a refund with the penalty), the end of
 * the review while delivered (the agent's payment), the end of the ruling period while disputed (the default split),
 * or the arbiter's hold when it is later. Null for a pact that
 * is not underway (open, or ended), whose proposals nothing can accept.
 */
export function statusDeadline(pact: PactTimes): bigint | null {
  return isUnderwayPactStatus(pact.status) ? BigInt(effectiveStatus(pact, 0n).deadline!) : null;
}
