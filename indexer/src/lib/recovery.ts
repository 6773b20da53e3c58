/**
 * Recovery after containment and after recertification, as a pure state machine over an agent's ladder moves, pacts
 * accepted and signals (slashes, lost disputes). Contained means narrowed, under review or paused (the SDK's
 * CONTAINED_AGENT_STATUSES). A move into containment from good or warned starts a containment; a move to good while
 * contained ends it as a recovery (its length from the containment's start), a move to warned ends it with no
 * recovery figure. Every move to good is a recertification: it restarts the count of pacts accepted (listed tokens)
 * until the first slash or lost dispute after it, the relapse. The handlers keep this state on the agent's row.
 */
import { isContained, type AgentStatus } from "@surety/sdk";

export type RecoveryState = {
  /** The start of the containment in progress; null while not contained. */
  containedSince: bigint | null;
  /** The latest recertification (move to good), the pacts accepted since it until the relapse, and the relapse. */
  recertifiedAt: bigint | null;
  pactsSinceRecertification: number;
  relapseAt: bigint | null;
};

export const NO_RECOVERY: RecoveryState = {
  containedSince: null,
  recertifiedAt: null,
  pactsSinceRecertification: 0,
  relapseAt: null,
};

/** What a ladder move did: a containment started, one ended (as a recovery or not), a recertification. */
export type LadderMove = {
  state: RecoveryState;
  containmentStarted: boolean;
  /** The containment the move ended, with its length when it ended in a recertification (null when by a warning). */
  containmentEnded: { containedAt: bigint; recoverySeconds: bigint | null } | null;
  recertified: boolean;
};

/** The agent moved from `from` to `to` at `time` (an AgentStatusChanged). */
export function moveOnLadder(state: RecoveryState, from: AgentStatus, to: AgentStatus, time: bigint): LadderMove {
  const wasContained = state.containedSince !== null;
  const containmentStarted = !wasContained && isContained(to) && !isContained(from);
  const ending = wasContained && !isContained(to);
  const recertified = to === "good";
  const containmentEnded = ending
    ? { containedAt: state.containedSince!, recoverySeconds: recertified ? time - state.containedSince! : null }
    : null;
  return {
    state: {
      containedSince: containmentStarted ? time : ending ? null : state.containedSince,
      ...(recertified
        ? { recertifiedAt: time, pactsSinceRecertification: 0, relapseAt: null }
        : {
            recertifiedAt: state.recertifiedAt,
            pactsSinceRecertification: state.pactsSinceRecertification,
            relapseAt: state.relapseAt,
          }),
    },
    containmentStarted,
    containmentEnded,
    recertified,
  };
}

/** The agent accepted a pact in a listed token: one more pact since its recertification, until a relapse. */
export function acceptPact(state: RecoveryState): RecoveryState {
  return state.recertifiedAt !== null && state.relapseAt === null
    ? { ...state, pactsSinceRecertification: state.pactsSinceRecertification + 1 }
    : state;
}

/** A slash or a lost dispute at `time`: the relapse when it is the first since a recertification. */
export function signalAfterRecertification(
  state: RecoveryState,
  time: bigint,
): { state: RecoveryState; relapse: boolean } {
  const relapse = state.recertifiedAt !== null && state.relapseAt === null;
  return { state: relapse ? { ...state, relapseAt: time } : state, relapse };
}

/** Days from the recertification to the relapse, or to `now` while clean. */
export function daysSinceRecertification(state: RecoveryState, now: bigint): number | null {
  if (state.recertifiedAt === null) return null;
  return Number((state.relapseAt ?? now) - state.recertifiedAt) / 86_400;
}
