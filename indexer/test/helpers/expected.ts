/**
 * What the indexer should hold, recomputed from the chain alone: every Surety log since the deployment's start
 * block, decoded with the SDK's ABI and folded in chain order with its block's time, then checked against the
 * contract's own reads (stake, standing, pact status, credits, arbiter terms) through the SDK.
 *
 * This is an independent implementation of the trust-record definitions, written from the schema's column
 * comments and the definitions below, not from the handlers:
 * - A pact counts when its token is listed and it was accepted. Counters of outcomes, means, distinct
 *   counterparties and the agent's money move only for counting pacts; `pactsOffered`, `pactsCancelled` and
 *   `pactsReclaimed` count listed pacts, `unlistedPacts` the others.
 * - Slashes count every slash above zero whatever the pact's token; a lost dispute is a ruling (not an abstention)
 *   on a counting pact that gave the buyer more than half or slashed. Either is a signal, answered by the next
 *   ladder step (any change to a status other than good).
 * - Weekly rows are keyed by the Monday 00:00 UTC of the event's ISO week and exist for weeks in which one of
 *   their counters moved.
 * - A settlement proposal binds only the status it was made in (cleared when the status changes, an extension takes
 *   effect or its party withdraws it); made by its status's deadline it lapses when the deadline passes, made after
 *   it it stands until the status changes. What stands at the head is checked against the contract's `proposalsOf`.
 * - A court adapter's events join the history of the pacts that name it; its meta-evidence is the adapter's, its
 *   court disputes the pacts'. An unfunded court dispute, resolved for the agent, counts as a ruling the agent won.
 * - The operator's loop (issue 17): one row per review, with the agent's standing right after it; one row per note,
 *   counted as rescue work when it is about an agent or the first on a pact in a listed token; one row per
 *   containment (a move into narrowed, under-review or paused from good or warned), ended by a move to good (a
 *   recovery, with its length) or to warned; every move to good a recertification, the pacts accepted after it
 *   counted until the first signal after it (the relapse); and per agent and listed token the settled counting pacts'
 *   outcomes, counted and weighted by price, with each buyer's settled value. The weekly signals themselves are
 *   recomputed from the journal of these events in expected-review.ts.
 * Choices the definitions leave open are stated where they are made (search for "Choice:").
 */
import {
  AGENT_STATUSES,
  CONCENTRATION_THRESHOLD,
  CONTAINED_AGENT_STATUSES,
  EXCEPTION_KINDS,
  REVIEW_DECISIONS,
  courtAdapterAbi,
  getAgentStatus,
  getArbiterTerms,
  getCredit,
  getPact,
  getStake,
  suretyAbi,
  type AgentStatus,
  type Deployment,
  type ExceptionKind,
  type PactStatus,
  type ReviewDecision,
  type Terms,
} from "@surety/sdk";
import { createPublicClient, erc20Abi, http, keccak256, toHex, type Address, type Hex, type PublicClient } from "viem";
import { hardhat } from "viem/chains";

import type {
  agent as agentTable,
  agentBuyerValue as agentBuyerValueTable,
  agentOutcome as agentOutcomeTable,
  containmentEpisode as containmentEpisodeTable,
  agentReview as agentReviewTable,
  agentTokenTotal as agentTokenTotalTable,
  arbiter as arbiterTable,
  arbiterFee as arbiterFeeTable,
  arbiterRegistration as arbiterRegistrationTable,
  buyer as buyerTable,
  courtDispute as courtDisputeTable,
  exceptionNote as exceptionNoteTable,
  metaEvidenceDocument as metaEvidenceDocumentTable,
  pact as pactTable,
  payoutCredit as payoutCreditTable,
  stakePosition as stakePositionTable,
  weeklyReview as weeklyReviewTable,
} from "../../ponder.schema.ts";
import { isCourtKind, isSuretyKind, type HistoryKind } from "../../src/lib/history.ts";

export type PactRow = typeof pactTable.$inferSelect;
export type AgentRow = typeof agentTable.$inferSelect;
export type StakePositionRow = typeof stakePositionTable.$inferSelect;
export type AgentTokenTotalRow = typeof agentTokenTotalTable.$inferSelect;
export type BuyerRow = typeof buyerTable.$inferSelect;
export type ArbiterRow = typeof arbiterTable.$inferSelect;
export type ArbiterFeeRow = typeof arbiterFeeTable.$inferSelect;
export type ArbiterRegistrationRow = typeof arbiterRegistrationTable.$inferSelect;
export type PayoutCreditRow = typeof payoutCreditTable.$inferSelect;
export type WeeklyReviewRow = typeof weeklyReviewTable.$inferSelect;
export type MetaEvidenceDocumentRow = typeof metaEvidenceDocumentTable.$inferSelect;
export type CourtDisputeRow = typeof courtDisputeTable.$inferSelect;
export type AgentOutcomeRow = typeof agentOutcomeTable.$inferSelect;
export type AgentBuyerValueRow = typeof agentBuyerValueTable.$inferSelect;
export type AgentReviewRow = typeof agentReviewTable.$inferSelect;
export type ExceptionNoteRow = typeof exceptionNoteTable.$inferSelect;
export type ContainmentEpisodeRow = typeof containmentEpisodeTable.$inferSelect;
export type EventKind = HistoryKind;

/** What the history table must hold for each event: its kind, where it is, and the pact it concerns. */
export type HistoryEntry = {
  kind: EventKind;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hex;
  pactId: bigint | null;
  /** For the events of the cooperative paths and holds: who acted, and the amount the row carries in the pact's token. */
  detail?: { actor: Hex; amount: bigint | null };
};

/** Where an event is in the chain, and its block's time: events compare by (blockNumber, logIndex). */
export type Position = { time: bigint; blockNumber: bigint; logIndex: number };

/** A move on the operator's ladder, for the trust route's ladder history. */
export type StatusChange = Position & {
  agent: Hex;
  status: AgentStatus;
  cap: bigint;
  frozenUntil: bigint;
  reasonHash: Hex;
  operator: Hex;
  time: bigint;
  transactionHash: Hex;
};

/** The state tables, each as a list of rows: what the indexer must hold at a given block. */
export type ExpectedTables = {
  pact: PactRow[];
  agent: AgentRow[];
  stakePosition: StakePositionRow[];
  agentTokenTotal: AgentTokenTotalRow[];
  buyer: BuyerRow[];
  arbiter: ArbiterRow[];
  arbiterFee: ArbiterFeeRow[];
  arbiterRegistration: ArbiterRegistrationRow[];
  payoutCredit: PayoutCreditRow[];
  weeklyReview: WeeklyReviewRow[];
  metaEvidenceDocument: MetaEvidenceDocumentRow[];
  courtDispute: CourtDisputeRow[];
  agentOutcome: AgentOutcomeRow[];
  agentBuyerValue: AgentBuyerValueRow[];
  agentReview: AgentReviewRow[];
  exceptionNote: ExceptionNoteRow[];
  containmentEpisode: ContainmentEpisodeRow[];
};

/**
 * The events the weekly signals are recomputed from (expected-review.ts), in chain order, each where it happened.
 * Only what the pact and agent rows do not keep: the rows give acceptance, settlement and outcome of every pact.
 */
export type Journal = {
  /** Every AgentReviewed, with the agent's status and cap right after it (its own AgentStatusChanged, if any). */
  reviews: (Position & {
    agent: Hex;
    operator: Hex;
    decision: ReviewDecision;
    changed: boolean;
    evidenceHash: Hex;
    status: AgentStatus;
    cap: bigint;
    transactionHash: Hex;
  })[];
  /** Every ExceptionLogged; the author's role read from the chain (hasRole at the note's block). */
  notes: (Position & {
    agent: Hex;
    pactId: bigint | null;
    author: Hex;
    authorRole: "operator" | "buyer";
    kind: ExceptionKind;
    noteHash: Hex;
    transactionHash: Hex;
  })[];
  /** Every slash above zero (whatever the token) and every lost dispute (listed tokens): the signals. */
  signals: (Position & { agent: Hex; pactId: bigint })[];
  /** The exception paths of counting pacts: agreed extensions, settlements by agreement, refunds by the agent. */
  paths: (Position & { agent: Hex; pactId: bigint; path: "extension" | "settlement" | "refundByAgent" })[];
  /** Every acceptance of a counting pact (listed token). */
  acceptances: (Position & { agent: Hex; pactId: bigint })[];
};

/** The state tables as they stand once every event of block `number` (mined at `timestamp`) is in. */
export type BlockTables = { number: bigint; timestamp: bigint; tables: ExpectedTables };

export type ExpectedState = ExpectedTables & {
  /** The chain head the state is computed at. */
  head: { number: bigint; timestamp: bigint };
  history: HistoryEntry[];
  /** Each pact's terms in force (an agreed extension's deadline included), for calls that take them. */
  terms: ReadonlyMap<bigint, Terms>;
  /** Every AgentStatusChanged, in chain order. */
  statusChanges: StatusChange[];
  journal: Journal;
  /** The listed tokens' symbols and decimals, read from the tokens (lower-case address). */
  tokenInfo: ReadonlyMap<string, { symbol: string; decimals: number }>;
  /**
   * With `everyBlock`, the tables after each block that holds an event of Surety or of a followed court adapter,
   * oldest first (blocks without one change no table): the states the indexer passes through on its way to the head.
   */
  blocks: BlockTables[];
};

const DAY = 86_400n;
const HALF = 5_000;
const OPERATOR_ROLE = keccak256(toHex("OPERATOR_ROLE"));

/** Monday 00:00 UTC of the ISO week holding `timestamp`. 1970-01-01 was a Thursday. */
export function isoWeekStart(timestamp: bigint): bigint {
  const days = timestamp / DAY;
  return (days - ((days + 3n) % 7n)) * DAY;
}

/** The ISO week's label, such as 2026-W48: the year and week number of the week's Thursday. */
export function isoWeekLabel(weekStart: bigint): string {
  const thursday = new Date(Number(weekStart + 3n * DAY) * 1_000);
  const year = thursday.getUTCFullYear();
  const dayOfYear = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000);
  const week = Math.floor(dayOfYear / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

const lower = (address: string) => address.toLowerCase() as Hex;
const keyOf = (...parts: readonly (string | bigint)[]) => parts.join("|");

/** A party's proposal columns with nothing proposed. */
const noneProposedBy = (party: "buyer" | "agent"): Partial<PactRow> =>
  party === "buyer"
    ? { buyerProposedBps: null, buyerProposedAt: null, buyerProposalStandsUntil: null, buyerProposedDeliverBy: null }
    : { agentProposedBps: null, agentProposedAt: null, agentProposalStandsUntil: null, agentProposedDeliverBy: null };
const NONE_PROPOSED = { ...noneProposedBy("buyer"), ...noneProposedBy("agent") };

type PactState = { row: PactRow; terms: Terms; counting: boolean };

/**
 * The last second of an underway pact's status (accepted, not ended), past which anyone may take its outcome: the delivery deadline while
 * active, the end of the review while delivered, the end of the ruling period while disputed or the arbiter's hold
 * when that ends later.
 */
export function deadlineOf(row: PactRow): bigint {
  if (row.status === "active") return row.deliverBy;
  if (row.status === "delivered") return row.deliveredAt! + row.reviewPeriod;
  if (row.status === "disputed") {
    const end = row.disputedAt! + row.rulingPeriod;
    return row.heldUntil !== null && row.heldUntil > end ? row.heldUntil : end;
  }
  throw new Error(`pact ${row.pactId} is ${row.status}: it has no proposals`);
}
type AgentState = {
  row: AgentRow;
  buyers: Set<string>;
  arbiters: Set<string>;
  /** The agent's recovery row of the containment in progress, if contained. */
  containment: ContainmentEpisodeRow | null;
};
/** An agent's settled value in one listed token, by buyer: the evidence row's top buyer is derived from it. */
type EvidenceState = { row: AgentOutcomeRow; buyers: Map<string, AgentBuyerValueRow> };
type StakeState = { bonded: bigint; locked: bigint; queued: bigint; readyAt: bigint; updatedAt: bigint };

/** Reads every Surety and followed court adapter log and folds it, in chain order, into the rows the indexer should hold. */
export async function computeExpected(options: {
  rpcUrl: string;
  deployment: Deployment;
  /** The indexer's listed tokens; the stake token alone by default, as the indexer's default configuration. */
  listedTokens?: readonly Address[];
  /** The court adapters the indexer follows (SURETY_COURT_ADAPTERS); none by default. */
  courtAdapters?: readonly Address[];
  /** Keep a copy of the tables after every block with an event (`blocks`), not only at the head. */
  everyBlock?: boolean;
}): Promise<ExpectedState> {
  const { deployment } = options;
  const chainId = deployment.chainId;
  const chain = { ...hardhat, id: chainId, rpcUrls: { default: { http: [options.rpcUrl] } } };
  const client: PublicClient = createPublicClient({ chain, transport: http(options.rpcUrl) });
  const listed = new Set((options.listedTokens ?? [deployment.stakeToken]).map(lower));
  const tokenInfo = new Map<string, { symbol: string; decimals: number }>();
  for (const token of listed) {
    const [symbol, decimals] = await Promise.all([
      client.readContract({ address: token, abi: erc20Abi, functionName: "symbol" }),
      client.readContract({ address: token, abi: erc20Abi, functionName: "decimals" }),
    ]);
    tokenInfo.set(token, { symbol, decimals });
  }

  const head = await client.getBlock({ blockTag: "latest" });
  const range = { fromBlock: deployment.startBlock, toBlock: head.number, strict: true } as const;
  const suretyLogs = await client.getContractEvents({ address: deployment.surety, abi: suretyAbi, ...range });
  const courtLogs = (
    await Promise.all(
      (options.courtAdapters ?? []).map((address) =>
        client.getContractEvents({ address, abi: courtAdapterAbi, ...range }),
      ),
    )
  ).flat();
  type CourtLog = (typeof courtLogs)[number];
  const logs = [
    ...suretyLogs.map((log) => ({ court: false as const, log })),
    ...courtLogs.map((log) => ({ court: true as const, log })),
  ].sort((a, b) =>
    a.log.blockNumber === b.log.blockNumber
      ? a.log.logIndex - b.log.logIndex
      : a.log.blockNumber < b.log.blockNumber
        ? -1
        : 1,
  );
  const times = new Map<bigint, bigint>();
  for (const number of new Set(logs.map((item) => item.log.blockNumber))) {
    times.set(number, (await client.getBlock({ blockNumber: number })).timestamp);
  }

  const pacts = new Map<bigint, PactState>();
  const agents = new Map<string, AgentState>();
  const stakes = new Map<string, StakeState>();
  const money = new Map<string, AgentTokenTotalRow>();
  const buyers = new Map<string, BuyerRow>();
  const arbiters = new Map<string, ArbiterRow>();
  const arbiterFees = new Map<string, ArbiterFeeRow>();
  const registrations = new Map<string, ArbiterRegistrationRow>();
  const credits = new Map<string, PayoutCreditRow>();
  const weeks = new Map<string, WeeklyReviewRow>();
  const metaEvidence = new Map<string, MetaEvidenceDocumentRow>();
  const courtDisputes = new Map<bigint, CourtDisputeRow>();
  const history: HistoryEntry[] = [];
  const statusChanges: StatusChange[] = [];
  const evidence = new Map<string, EvidenceState>();
  const reviews: AgentReviewRow[] = [];
  const notes: ExceptionNoteRow[] = [];
  const recoveries: ContainmentEpisodeRow[] = [];
  const journal: Journal = { reviews: [], notes: [], signals: [], paths: [], acceptances: [] };
  /** Where the event being folded is: the journal's entries take it. */
  let here: Position = { time: 0n, blockNumber: 0n, logIndex: 0 };

  /* ----------------------------------------------- rows ----------------------------------------------- */

  /**
   * The agent's record, created at its first event; every event about the agent moves `lastEventAt`: each event
   * whose history row names the agent (its pacts' events, a court's included, its stake's, its offers', its ladder's),
   * whether or not a counter moves with it.
   */
  const agentAt = (address: string, time: bigint): AgentState => {
    const id = lower(address);
    let state = agents.get(id);
    if (state === undefined) {
      state = {
        buyers: new Set(),
        arbiters: new Set(),
        containment: null,
        row: {
          chainId,
          address: id,
          status: "good",
          // Choice: an agent the operator never moved has been good since it was first seen.
          statusSince: time,
          statusReasonHash: null,
          statusOperator: null,
          cap: 0n,
          frozenUntil: 0n,
          ladderSteps: 0,
          recertifications: 0,
          pactsOffered: 0,
          pactsAccepted: 0,
          pactsFromOffers: 0,
          pactsDelivered: 0,
          deliveredOnTime: 0,
          pactsReleased: 0,
          pactsFinalized: 0,
          pactsRefunded: 0,
          refundedByAgent: 0,
          settledByAgreement: 0,
          extensionsGranted: 0,
          pactsCancelled: 0,
          pactsReclaimed: 0,
          pactsOpen: 0,
          disputesOpened: 0,
          disputesRuled: 0,
          disputesAbstained: 0,
          disputesDefaulted: 0,
          disputesLost: 0,
          disputesUnfunded: 0,
          slashes: 0,
          slashedTotal: 0n,
          unlistedPacts: 0,
          acceptToDeliverySeconds: 0n,
          acceptToDeliveryCount: 0,
          deliveryToSettlementSeconds: 0n,
          deliveryToSettlementCount: 0,
          disputeToRulingSeconds: 0n,
          disputeToRulingCount: 0,
          distinctBuyers: 0,
          distinctArbiters: 0,
          unansweredSignalAt: null,
          firstSeenAt: time,
          lastEventAt: time,
          reviewsRecorded: 0,
          reviewsChanged: 0,
          lastReviewAt: null,
          exceptionsLogged: 0,
          containedSince: null,
          containments: 0,
          recoveries: 0,
          recoverySeconds: 0n,
          lastContainedAt: null,
          lastRecoveredAt: null,
          recertifiedAt: null,
          pactsSinceRecertification: 0,
          relapseAt: null,
          topBuyerShare: null,
        },
      };
      agents.set(id, state);
    }
    state.row.lastEventAt = time;
    return state;
  };

  const weekOf = (agent: string, time: bigint): WeeklyReviewRow => {
    const weekStart = isoWeekStart(time);
    const id = keyOf(lower(agent), weekStart);
    let row = weeks.get(id);
    if (row === undefined) {
      row = {
        chainId,
        agent: lower(agent),
        weekStart,
        isoWeek: isoWeekLabel(weekStart),
        pactsSettled: 0,
        disputes: 0,
        lostDisputes: 0,
        slashes: 0,
        slashedAmount: 0n,
        ladderSteps: 0,
        signalAt: null,
        timeToNarrow: null,
        extensions: 0,
        settlementsByAgreement: 0,
        refundsByAgent: 0,
        loggedExceptions: 0,
        reviews: 0,
        reviewsChanged: 0,
        containments: 0,
        recoveries: 0,
        recoverySeconds: 0n,
        relapses: 0,
        containedAt: null,
        recertifiedAt: null,
        lastRecoverySeconds: null,
        relapseAt: null,
        topBuyerShare: null,
        concentratedChange: 0,
      };
      weeks.set(id, row);
    }
    return row;
  };

  /**
   * A slash or a lost dispute: the agent's first unanswered one, and its week's first; the first since the agent's
   * latest recertification is its relapse.
   */
  const signal = (agent: AgentState, time: bigint, pactId: bigint) => {
    agent.row.unansweredSignalAt ??= time;
    const week = weekOf(agent.row.address, time);
    week.signalAt ??= time;
    journal.signals.push({ ...here, agent: agent.row.address, pactId });
    if (agent.row.recertifiedAt !== null && agent.row.relapseAt === null) {
      agent.row.relapseAt = time;
      week.relapses += 1;
      week.relapseAt = time;
    }
  };

  const slash = (agent: AgentState, amount: bigint, time: bigint, pactId: bigint) => {
    if (amount === 0n) return;
    agent.row.slashes += 1;
    agent.row.slashedTotal += amount;
    const week = weekOf(agent.row.address, time);
    week.slashes += 1;
    week.slashedAmount += amount;
    signal(agent, time, pactId);
  };

  /** An exception path a counting pact took: the week's rescue work. */
  const rescue = (agent: AgentState, time: bigint, pactId: bigint, path: Journal["paths"][number]["path"]) => {
    const week = weekOf(agent.row.address, time);
    if (path === "extension") week.extensions += 1;
    else if (path === "settlement") week.settlementsByAgreement += 1;
    else week.refundsByAgent += 1;
    journal.paths.push({ ...here, agent: agent.row.address, pactId, path });
  };

  /** A move on the agent's ladder: containments begin and end, a move to good is a recertification. */
  const recover = (agent: AgentState, prior: AgentStatus, status: AgentStatus, time: bigint) => {
    const contained = (value: AgentStatus) => (CONTAINED_AGENT_STATUSES as readonly AgentStatus[]).includes(value);
    // Every ladder move has its week's row: a move to good records the week's recertification on it.
    const week = weekOf(agent.row.address, time);
    if (contained(status) && !contained(prior)) {
      agent.row.containments += 1;
      agent.row.containedSince = time;
      agent.containment = {
        chainId,
        agent: agent.row.address,
        episode: agent.row.containments,
        containedAt: time,
        status,
        endedAt: null,
        endedWeekStart: null,
        recoverySeconds: null,
      };
      recoveries.push(agent.containment);
      week.containments += 1;
      week.containedAt = time;
      return;
    }
    const open = agent.containment;
    if (status === "good") {
      let seconds: bigint | null = null;
      if (open !== null) {
        seconds = time - open.containedAt;
        Object.assign(open, { endedAt: time, endedWeekStart: isoWeekStart(time), recoverySeconds: seconds });
        agent.row.recoveries += 1;
        agent.row.recoverySeconds += seconds;
        agent.row.lastContainedAt = open.containedAt;
        agent.row.lastRecoveredAt = time;
        week.recoveries += 1;
        week.recoverySeconds += seconds;
      }
      week.recertifiedAt = time;
      week.lastRecoverySeconds = seconds;
      Object.assign(agent.row, { recertifiedAt: time, pactsSinceRecertification: 0, relapseAt: null });
    } else if (status === "warned" && open !== null) {
      // A containment ended by a warning: no recovery figure.
      Object.assign(open, { endedAt: time, endedWeekStart: isoWeekStart(time) });
    }
    if (!contained(status)) {
      agent.containment = null;
      agent.row.containedSince = null;
    }
  };

  /**
   * A counting pact settled: its price joins the agent's evidence in its token, and the agent's largest share of
   * settled value from one buyer (over the listed tokens) is recomputed; the week keeps the share after its last
   * settlement and the net change of the concentrated flag.
   */
  const addEvidence = (
    pact: PactState,
    agent: AgentState,
    time: bigint,
    outcome: { slashed: bigint; lost: boolean },
  ) => {
    const { row: pactRow } = pact;
    const id = keyOf(pactRow.agent, pactRow.token);
    let state = evidence.get(id);
    if (state === undefined) {
      state = {
        buyers: new Map(),
        row: {
          chainId,
          agent: pactRow.agent,
          token: pactRow.token,
          settledCount: 0,
          settledValue: 0n,
          onTimeCount: 0,
          onTimeValue: 0n,
          slashedCount: 0,
          slashedValue: 0n,
          lostCount: 0,
          lostValue: 0n,
          distinctBuyers: 0,
          topBuyer: pactRow.buyer,
          topBuyerValue: 0n,
        },
      };
      evidence.set(id, state);
    }
    const { row } = state;
    const price = pactRow.price;
    row.settledCount += 1;
    row.settledValue += price;
    if (pactRow.deliveredAt !== null && pactRow.deliveredAt <= pactRow.deliverBy) {
      row.onTimeCount += 1;
      row.onTimeValue += price;
    }
    if (outcome.slashed > 0n) {
      row.slashedCount += 1;
      row.slashedValue += price;
    }
    if (outcome.lost) {
      row.lostCount += 1;
      row.lostValue += price;
    }
    const buyer = state.buyers.get(pactRow.buyer) ?? {
      chainId,
      agent: pactRow.agent,
      token: pactRow.token,
      buyer: pactRow.buyer,
      settledCount: 0,
      settledValue: 0n,
    };
    buyer.settledCount += 1;
    buyer.settledValue += price;
    state.buyers.set(pactRow.buyer, buyer);
    row.distinctBuyers = state.buyers.size;
    // The largest settled value; among equals, the lowest address.
    const [top] = [...state.buyers.values()].sort((a, b) =>
      a.settledValue === b.settledValue ? (a.buyer < b.buyer ? -1 : 1) : a.settledValue > b.settledValue ? -1 : 1,
    );
    row.topBuyer = top!.buyer;
    row.topBuyerValue = top!.settledValue;

    const before = agent.row.topBuyerShare;
    // Choice: a share is the ratio of the two values as doubles (the column's type).
    const shares = [...evidence.values()]
      .filter((item) => item.row.agent === pactRow.agent)
      .map((item) => Number(item.row.topBuyerValue) / Number(item.row.settledValue));
    agent.row.topBuyerShare = Math.max(...shares);
    const week = weekOf(pactRow.agent, time);
    week.topBuyerShare = agent.row.topBuyerShare;
    const concentrated = (share: number | null) => (share !== null && share > CONCENTRATION_THRESHOLD ? 1 : 0);
    week.concentratedChange += concentrated(agent.row.topBuyerShare) - concentrated(before);
  };

  /**
   * Acts on an agent's stake. Choice (the schema leaves it open): `updatedAt` is the time the contract last wrote
   * the agent's stake account: deposits, withdrawal requests and withdrawals, every acceptance (`_lock` stores the
   * new total even when the collateral is zero, and PactAccepted reports it), and settlements of accepted pacts
   * with collateral (`_unlock` returns at once for zero). Rows exist from the first such event.
   */
  const moveStake = (agent: string, time: bigint, change: (stake: StakeState) => void) => {
    const id = lower(agent);
    const stake = stakes.get(id) ?? { bonded: 0n, locked: 0n, queued: 0n, readyAt: 0n, updatedAt: time };
    change(stake);
    stake.updatedAt = time;
    stakes.set(id, stake);
  };

  const moneyOf = (agent: string, token: string): AgentTokenTotalRow => {
    const id = keyOf(lower(agent), lower(token));
    let row = money.get(id);
    if (row === undefined) {
      row = {
        chainId,
        agent: lower(agent),
        token: lower(token),
        earned: 0n,
        refundedToBuyers: 0n,
        awardedByRulings: 0n,
      };
      money.set(id, row);
    }
    return row;
  };

  const buyerOf = (address: string, time: bigint): BuyerRow => {
    const id = lower(address);
    let row = buyers.get(id);
    if (row === undefined) {
      row = {
        chainId,
        address: id,
        pactsCreated: 0,
        disputesOpened: 0,
        disputesDecided: 0,
        disputesBelowHalf: 0,
        firstSeenAt: time,
      };
      buyers.set(id, row);
    }
    return row;
  };

  /** Choice: an arbiter's record starts at its first event, its first registration (naming needs one). */
  const arbiterOf = (address: string, time: bigint): ArbiterRow => {
    const id = lower(address);
    let row = arbiters.get(id);
    if (row === undefined) {
      row = {
        chainId,
        address: id,
        pactsNamed: 0,
        disputesAssigned: 0,
        disputesRuled: 0,
        disputesAbstained: 0,
        disputesDefaulted: 0,
        ruleSeconds: 0n,
        ruleCount: 0,
        firstSeenAt: time,
      };
      arbiters.set(id, row);
    }
    return row;
  };

  const creditOf = (account: string, token: string, time: bigint): PayoutCreditRow => {
    const id = keyOf(lower(account), lower(token));
    let row = credits.get(id);
    if (row === undefined) {
      row = { chainId, account: lower(account), token: lower(token), owed: 0n, updatedAt: time };
      credits.set(id, row);
    }
    return row;
  };

  const pactOf = (pactId: bigint): PactState => {
    const state = pacts.get(pactId);
    if (state === undefined) throw new Error(`an event of pact ${pactId} came before its PactCreated`);
    return state;
  };

  /**
   * Moves a pact to a terminal status with what each side received of the price (`toBuyer`, `toAgent`: the
   * contract's events name the price shares so, and a returned arbiter fee is not one), the slash and the fee
   * paid to the arbiter. Choice (the schema leaves it open): every terminal pact, cancelled and reclaimed included,
   * gets `settledAt`; an amount a pact's path could not involve is null rather than zero: the agent's side and the
   * slash of a pact never accepted, the arbiter's fee of a pact never disputed. `buyerBps` is set only where a
   * split applied (rulings, abstentions, default rulings, agreed settlements). Choice: a proposal nothing can
   * accept any more is not shown, so an ended pact has none standing (the contract clears them only when a
   * settlement is accepted).
   */
  const close = (
    pact: PactState,
    status: PactStatus,
    time: bigint,
    amounts: { toBuyer: bigint; toAgent: bigint; slashed: bigint; arbiterFeePaid: bigint; buyerBps: number | null },
  ) => {
    const accepted = pact.row.acceptedAt !== null;
    const disputed = pact.row.disputedAt !== null;
    Object.assign(pact.row, {
      status,
      settledAt: time,
      updatedAt: time,
      buyerBps: amounts.buyerBps,
      toBuyer: amounts.toBuyer,
      toAgent: accepted ? amounts.toAgent : null,
      slashed: accepted ? amounts.slashed : null,
      arbiterFeePaid: disputed ? amounts.arbiterFeePaid : null,
      ...NONE_PROPOSED,
    } satisfies Partial<PactRow>);
  };

  /** Whether the split `party` of `pact` proposed can be accepted at `time`. */
  const splitStands = (pact: PactState, party: "buyer" | "agent", time: bigint): boolean => {
    const at = party === "buyer" ? pact.row.buyerProposedAt : pact.row.agentProposedAt;
    const until = party === "buyer" ? pact.row.buyerProposalStandsUntil : pact.row.agentProposalStandsUntil;
    return at !== null && (until === null || time <= until);
  };

  /** An accepted pact settled (released, finalized, refunded, settled by agreement, ruled, abstained, default-ruled). */
  const settle = (
    pact: PactState,
    agent: AgentState,
    time: bigint,
    outcome: { toBuyer: bigint; toAgent: bigint; slashed: bigint; byRuling: boolean; lost?: boolean },
  ) => {
    const { terms } = pact;
    if (terms.collateral > 0n) {
      moveStake(terms.agent, time, (stake) => {
        stake.locked -= terms.collateral;
        stake.bonded -= outcome.slashed;
      });
    }
    if (!pact.counting) return;
    agent.row.pactsOpen -= 1;
    weekOf(agent.row.address, time).pactsSettled += 1;
    addEvidence(pact, agent, time, { slashed: outcome.slashed, lost: outcome.lost === true });
    const row = moneyOf(terms.agent, terms.token);
    row.earned += outcome.toAgent;
    row.refundedToBuyers += outcome.toBuyer;
    if (outcome.byRuling) row.awardedByRulings += outcome.toAgent;
    if (pact.row.deliveredAt !== null) {
      agent.row.deliveryToSettlementSeconds += time - pact.row.deliveredAt;
      agent.row.deliveryToSettlementCount += 1;
    }
  };

  /** A split decided by a default ruling or a DisputeResolved: the buyer's and the arbiter's records. */
  const decide = (pact: PactState, buyerBps: number, time: bigint) => {
    const buyer = buyerOf(pact.terms.buyer, time);
    buyer.disputesDecided += 1;
    if (buyerBps < HALF) buyer.disputesBelowHalf += 1;
  };

  /* ------------------------------------------ court adapters ------------------------------------------ */

  /**
   * A court adapter's event. Its meta-evidence is the adapter's own, whatever pact a dispute concerns; its events
   * about a pact that names it join that pact's history, and its dispute's row. Ruling (said again by RulingApplied
   * or RulingLate) and TokenRegistered (Surety's ArbiterRegistered) add nothing.
   */
  const foldCourt = (log: CourtLog, time: bigint) => {
    const adapter = lower(log.address);
    if (log.eventName === "MetaEvidence") {
      metaEvidence.set(keyOf(adapter, log.args.metaEvidenceID), {
        chainId,
        adapter,
        metaEvidenceId: log.args.metaEvidenceID,
        uri: log.args.evidence,
        blockNumber: log.blockNumber,
        timestamp: time,
        transactionHash: log.transactionHash,
      });
      return;
    }
    const pactId =
      log.eventName === "Dispute" || log.eventName === "Evidence"
        ? log.args.evidenceGroupID
        : "pactId" in log.args
          ? log.args.pactId
          : undefined;
    const pact = pactId === undefined ? undefined : pacts.get(pactId);
    if (pact === undefined || lower(pact.terms.arbiter) !== adapter) return;
    const dispute = () => {
      const row = courtDisputes.get(pact.row.pactId);
      if (row === undefined) throw new Error(`${log.eventName} of pact ${pact.row.pactId} before its Dispute`);
      return row;
    };
    if (isCourtKind(log.eventName)) {
      history.push({
        kind: log.eventName,
        blockNumber: log.blockNumber,
        logIndex: log.logIndex,
        transactionHash: log.transactionHash,
        pactId: pact.row.pactId,
      });
      // A row of the pact's history is a row of its agent's: the agent's record was last moved now.
      agentAt(pact.terms.agent, time);
    }
    switch (log.eventName) {
      case "Dispute":
        courtDisputes.set(pact.row.pactId, {
          chainId,
          pactId: pact.row.pactId,
          adapter,
          court: lower(log.args.arbitrator),
          disputeId: log.args.disputeID,
          metaEvidenceId: log.args.metaEvidenceID,
          requester: null,
          cost: null,
          createdAt: time,
          appeals: 0,
          appealCosts: 0n,
          ruling: null,
          rulingApplied: null,
          ruledAt: null,
        });
        break;
      case "ArbitrationRequested":
        Object.assign(dispute(), { requester: lower(log.args.requester), cost: log.args.cost });
        break;
      case "AppealFunded":
        dispute().appeals += 1;
        dispute().appealCosts += log.args.cost;
        break;
      case "RulingApplied":
      case "RulingLate":
        Object.assign(dispute(), {
          ruling: log.args.ruling,
          rulingApplied: log.eventName === "RulingApplied",
          ruledAt: time,
        });
        break;
      case "ArbitrationUnfunded": {
        // Surety's DisputeResolved for the agent follows: a dispute the agent won, counted apart as unfunded too.
        pact.row.courtUnfunded = true;
        if (pact.counting) agentAt(pact.terms.agent, time).row.disputesUnfunded += 1;
        history.at(-1)!.detail = { actor: lower(log.args.caller), amount: null };
        break;
      }
    }
  };

  /* ----------------------------------------------- fold ----------------------------------------------- */

  /** The tables as they stand, from the rows folded so far. */
  const tablesNow = (): ExpectedTables => ({
    pact: [...pacts.values()].map((pact) => pact.row),
    agent: [...agents.values()].map((agent) => agent.row),
    stakePosition: [...stakes.entries()].map(([agent, stake]) => ({
      chainId,
      agent: agent as Hex,
      staked: stake.bonded + stake.queued,
      bonded: stake.bonded,
      locked: stake.locked,
      queued: stake.queued,
      readyAt: stake.readyAt,
      free: stake.bonded - stake.locked,
      updatedAt: stake.updatedAt,
    })),
    agentTokenTotal: [...money.values()],
    buyer: [...buyers.values()],
    arbiter: [...arbiters.values()],
    arbiterFee: [...arbiterFees.values()],
    arbiterRegistration: [...registrations.values()],
    payoutCredit: [...credits.values()],
    weeklyReview: [...weeks.values()],
    metaEvidenceDocument: [...metaEvidence.values()],
    courtDispute: [...courtDisputes.values()],
    agentOutcome: [...evidence.values()].map((item) => item.row),
    agentBuyerValue: [...evidence.values()].flatMap((item) => [...item.buyers.values()]),
    agentReview: reviews,
    exceptionNote: notes,
    containmentEpisode: recoveries,
  });
  const blocks: BlockTables[] = [];
  /** Copies the tables once the last event of block `number` is folded (the rows are mutated as the fold goes on). */
  const closeBlock = (number: bigint) => {
    if (options.everyBlock === true) {
      blocks.push({ number, timestamp: times.get(number)!, tables: structuredClone(tablesNow()) });
    }
  };

  for (const [index, item] of logs.entries()) {
    const previous = logs[index - 1]?.log.blockNumber;
    if (previous !== undefined && previous !== item.log.blockNumber) closeBlock(previous);
    const time = times.get(item.log.blockNumber)!;
    here = { time, blockNumber: item.log.blockNumber, logIndex: item.log.logIndex };
    if (item.court) {
      foldCourt(item.log, time);
      continue;
    }
    const { log } = item;
    // The contract also emits the events of the OpenZeppelin modules it inherits (roles, pause): not Surety's own.
    if (!isSuretyKind(log.eventName)) continue;
    const pactId = "pactId" in log.args ? (log.args.pactId as bigint) : null;
    const entry: HistoryEntry = {
      kind: log.eventName,
      blockNumber: log.blockNumber,
      logIndex: log.logIndex,
      transactionHash: log.transactionHash,
      pactId,
    };
    history.push(entry);

    switch (log.eventName) {
      case "PactCreated": {
        const { terms } = log.args;
        const tokenListed = listed.has(lower(terms.token));
        pacts.set(log.args.pactId, {
          terms,
          counting: false,
          row: {
            chainId,
            pactId: log.args.pactId,
            buyer: lower(terms.buyer),
            agent: lower(terms.agent),
            arbiter: lower(terms.arbiter),
            token: lower(terms.token),
            tokenListed,
            price: terms.price,
            arbiterFee: terms.arbiterFee,
            collateral: terms.collateral,
            penalty: terms.penalty,
            acceptBy: BigInt(terms.acceptBy),
            deliverBy: BigInt(terms.deliverBy),
            reviewPeriod: BigInt(terms.reviewPeriod),
            rulingPeriod: BigInt(terms.rulingPeriod),
            defaultBuyerBps: terms.defaultBuyerBps,
            termsHash: terms.termsHash,
            status: "open",
            offerNonce: null,
            deliveryHash: null,
            disputeReasonHash: null,
            rulingHash: null,
            buyerBps: null,
            toBuyer: null,
            toAgent: null,
            slashed: null,
            arbiterFeePaid: null,
            buyerProposedBps: null,
            buyerProposedAt: null,
            buyerProposalStandsUntil: null,
            agentProposedBps: null,
            agentProposedAt: null,
            agentProposalStandsUntil: null,
            buyerProposedDeliverBy: null,
            agentProposedDeliverBy: null,
            extensions: 0,
            settledByAgreement: false,
            refundedByAgent: false,
            heldUntil: null,
            courtUnfunded: false,
            createdAt: time,
            acceptedAt: null,
            deliveredAt: null,
            disputedAt: null,
            settledAt: null,
            updatedAt: time,
            createdBlock: log.blockNumber,
            createdTransaction: log.transactionHash,
            firstNoteAt: null,
          },
        });
        const agent = agentAt(terms.agent, time);
        if (tokenListed) agent.row.pactsOffered += 1;
        else agent.row.unlistedPacts += 1;
        buyerOf(terms.buyer, time).pactsCreated += 1;
        arbiterOf(terms.arbiter, time).pactsNamed += 1;
        break;
      }
      case "PactAccepted": {
        const pact = pactOf(log.args.pactId);
        const agent = agentAt(pact.terms.agent, time);
        Object.assign(pact.row, { status: "active", acceptedAt: time, updatedAt: time } satisfies Partial<PactRow>);
        moveStake(pact.terms.agent, time, (stake) => {
          if (stake.locked + log.args.collateral !== log.args.locked) {
            throw new Error(`pact ${log.args.pactId}: locked ${log.args.locked} is not the sum of the locks`);
          }
          stake.locked = log.args.locked;
        });
        pact.counting = pact.row.tokenListed;
        if (pact.counting) {
          journal.acceptances.push({ ...here, agent: agent.row.address, pactId: log.args.pactId });
          // Work since the latest recertification, until the relapse.
          if (agent.row.recertifiedAt !== null && agent.row.relapseAt === null)
            agent.row.pactsSinceRecertification += 1;
          agent.row.pactsAccepted += 1;
          agent.row.pactsOpen += 1;
          agent.buyers.add(lower(pact.terms.buyer));
          agent.arbiters.add(lower(pact.terms.arbiter));
          agent.row.distinctBuyers = agent.buyers.size;
          agent.row.distinctArbiters = agent.arbiters.size;
        }
        break;
      }
      case "OfferFunded": {
        const pact = pactOf(log.args.pactId);
        const agent = agentAt(pact.terms.agent, time);
        pact.row.offerNonce = log.args.nonce;
        if (pact.counting) agent.row.pactsFromOffers += 1;
        break;
      }
      case "PactCancelled":
      case "PactReclaimed": {
        const pact = pactOf(log.args.pactId);
        const agent = agentAt(pact.terms.agent, time);
        const cancelled = log.eventName === "PactCancelled";
        close(pact, cancelled ? "cancelled" : "reclaimed", time, {
          toBuyer: log.args.refund,
          toAgent: 0n,
          slashed: 0n,
          arbiterFeePaid: 0n,
          buyerBps: null,
        });
        if (pact.row.tokenListed) {
          if (cancelled) agent.row.pactsCancelled += 1;
          else agent.row.pactsReclaimed += 1;
        }
        break;
      }
      case "PactDelivered": {
        const pact = pactOf(log.args.pactId);
        const agent = agentAt(pact.terms.agent, time);
        Object.assign(pact.row, { status: "delivered", deliveredAt: time, updatedAt: time } satisfies Partial<PactRow>);
        pact.row.deliveryHash = log.args.deliveryHash;
        // Every proposal lapses with the status it was made in.
        Object.assign(pact.row, NONE_PROPOSED);
        if (pact.counting) {
          agent.row.pactsDelivered += 1;
          if (time <= BigInt(pact.terms.deliverBy)) agent.row.deliveredOnTime += 1;
          agent.row.acceptToDeliverySeconds += time - pact.row.acceptedAt!;
          agent.row.acceptToDeliveryCount += 1;
        }
        break;
      }
      case "PactReleased":
      case "PactFinalized": {
        const pact = pactOf(log.args.pactId);
        const agent = agentAt(pact.terms.agent, time);
        const released = log.eventName === "PactReleased";
        close(pact, released ? "released" : "finalized", time, {
          toBuyer: 0n,
          toAgent: log.args.payment,
          slashed: 0n,
          arbiterFeePaid: 0n,
          buyerBps: null,
        });
        settle(pact, agent, time, { toBuyer: 0n, toAgent: log.args.payment, slashed: 0n, byRuling: false });
        if (pact.counting) {
          if (released) agent.row.pactsReleased += 1;
          else agent.row.pactsFinalized += 1;
        }
        break;
      }
      case "PactRefunded": {
        const pact = pactOf(log.args.pactId);
        const agent = agentAt(pact.terms.agent, time);
        const { refund, slashed } = log.args;
        close(pact, "refunded", time, { toBuyer: refund, toAgent: 0n, slashed, arbiterFeePaid: 0n, buyerBps: null });
        settle(pact, agent, time, { toBuyer: refund, toAgent: 0n, slashed, byRuling: false });
        if (pact.counting) agent.row.pactsRefunded += 1;
        slash(agent, slashed, time, log.args.pactId);
        break;
      }
      case "PactRefundedByAgent": {
        const pact = pactOf(log.args.pactId);
        const agent = agentAt(pact.terms.agent, time);
        const { refund, slashed } = log.args;
        close(pact, "refunded", time, { toBuyer: refund, toAgent: 0n, slashed, arbiterFeePaid: 0n, buyerBps: null });
        pact.row.refundedByAgent = true;
        entry.detail = { actor: pact.row.agent, amount: refund };
        settle(pact, agent, time, { toBuyer: refund, toAgent: 0n, slashed, byRuling: false });
        // A missed delivery the agent owned up to: a refund like any other, and a slash (so a signal) all the same.
        if (pact.counting) {
          agent.row.pactsRefunded += 1;
          agent.row.refundedByAgent += 1;
          rescue(agent, time, log.args.pactId, "refundByAgent");
        }
        slash(agent, slashed, time, log.args.pactId);
        break;
      }
      case "SettlementProposed": {
        const pact = pactOf(log.args.pactId);
        agentAt(pact.terms.agent, time);
        // A split proposed after its status's deadline is fresh consent: it stands until the status changes.
        const deadline = deadlineOf(pact.row);
        const standsUntil = time > deadline ? null : deadline;
        Object.assign(
          pact.row,
          lower(log.args.party) === pact.row.buyer
            ? { buyerProposedBps: log.args.buyerBps, buyerProposedAt: time, buyerProposalStandsUntil: standsUntil }
            : { agentProposedBps: log.args.buyerBps, agentProposedAt: time, agentProposalStandsUntil: standsUntil },
        );
        // Choice: the amount is what the buyer would receive, its share of the price rounded down.
        entry.detail = {
          actor: lower(log.args.party),
          amount: (pact.terms.price * BigInt(log.args.buyerBps)) / 10_000n,
        };
        break;
      }
      case "PactSettled": {
        const pact = pactOf(log.args.pactId);
        const agent = agentAt(pact.terms.agent, time);
        const { buyerBps, toBuyer, toAgent } = log.args;
        // The accepted split is the proposer's standing one.
        const proposed =
          lower(log.args.proposer) === pact.row.buyer ? pact.row.buyerProposedBps : pact.row.agentProposedBps;
        if (proposed !== buyerBps)
          throw new Error(`pact ${log.args.pactId} settled at ${buyerBps}, proposed ${proposed}`);
        if (!splitStands(pact, lower(log.args.proposer) === pact.row.buyer ? "buyer" : "agent", time)) {
          throw new Error(`pact ${log.args.pactId} settled on a proposal that had lapsed`);
        }
        // No ruling: nothing for the arbiter, no decided dispute for the buyer, never a lost dispute, no slash.
        close(pact, "settled", time, { toBuyer, toAgent, slashed: 0n, arbiterFeePaid: 0n, buyerBps });
        pact.row.settledByAgreement = true;
        // Choice: the actor is the party who accepted, the other than the proposer; the amount the buyer's share.
        const accepter = lower(log.args.proposer) === pact.row.buyer ? pact.row.agent : pact.row.buyer;
        entry.detail = { actor: accepter, amount: toBuyer };
        settle(pact, agent, time, { toBuyer, toAgent, slashed: 0n, byRuling: false });
        if (pact.counting) {
          agent.row.settledByAgreement += 1;
          rescue(agent, time, log.args.pactId, "settlement");
        }
        break;
      }
      case "DeadlineExtensionProposed": {
        const pact = pactOf(log.args.pactId);
        agentAt(pact.terms.agent, time);
        const deliverBy = BigInt(log.args.deliverBy);
        if (lower(log.args.party) === pact.row.buyer) pact.row.buyerProposedDeliverBy = deliverBy;
        else pact.row.agentProposedDeliverBy = deliverBy;
        entry.detail = { actor: lower(log.args.party), amount: null };
        break;
      }
      case "DeadlineExtended": {
        const pact = pactOf(log.args.pactId);
        const agent = agentAt(pact.terms.agent, time);
        const { previousDeliverBy, deliverBy } = log.args;
        if (previousDeliverBy !== pact.terms.deliverBy) {
          throw new Error(`pact ${log.args.pactId} extended from ${previousDeliverBy}, not ${pact.terms.deliverBy}`);
        }
        // The terms in force from now on: the chain's commitment is to them (checked against getPact below).
        pact.terms = { ...pact.terms, deliverBy };
        Object.assign(pact.row, {
          deliverBy: BigInt(deliverBy),
          extensions: pact.row.extensions + 1,
          updatedAt: time,
          // Every proposal was made against the old deadline: all lapse.
          ...NONE_PROPOSED,
        } satisfies Partial<PactRow>);
        if (pact.counting) {
          agent.row.extensionsGranted += 1;
          rescue(agent, time, log.args.pactId, "extension");
        }
        // Choice: the event names no caller; the actor is the sender of the transaction that completed the agreement.
        const sender = (await client.getTransaction({ hash: log.transactionHash })).from;
        entry.detail = { actor: lower(sender), amount: null };
        break;
      }
      case "PactDisputed": {
        const pact = pactOf(log.args.pactId);
        const agent = agentAt(pact.terms.agent, time);
        Object.assign(pact.row, {
          status: "disputed",
          disputedAt: time,
          updatedAt: time,
          disputeReasonHash: log.args.reasonHash,
          ...NONE_PROPOSED,
        } satisfies Partial<PactRow>);
        buyerOf(pact.terms.buyer, time).disputesOpened += 1;
        arbiterOf(pact.terms.arbiter, time).disputesAssigned += 1;
        if (pact.counting) {
          agent.row.disputesOpened += 1;
          weekOf(agent.row.address, time).disputes += 1;
        }
        break;
      }
      case "EvidenceSubmitted": {
        agentAt(pactOf(log.args.pactId).terms.agent, time);
        break;
      }
      case "DisputeResolved": {
        const pact = pactOf(log.args.pactId);
        const agent = agentAt(pact.terms.agent, time);
        const { buyerBps, toBuyer, toAgent, slashed, arbiterFee, abstained } = log.args;
        close(pact, abstained ? "abstained" : "resolved", time, {
          toBuyer,
          toAgent,
          slashed,
          arbiterFeePaid: arbiterFee,
          buyerBps,
        });
        pact.row.rulingHash = log.args.rulingHash;
        const disputedAt = pact.row.disputedAt!;
        const lost = pact.counting && !abstained && (buyerBps > HALF || slashed > 0n);
        settle(pact, agent, time, { toBuyer, toAgent, slashed, byRuling: true, lost });
        decide(pact, buyerBps, time);
        const arbiter = arbiterOf(pact.terms.arbiter, time);
        if (abstained) arbiter.disputesAbstained += 1;
        else arbiter.disputesRuled += 1;
        arbiter.ruleSeconds += time - disputedAt;
        arbiter.ruleCount += 1;
        // A ruling that earns no fee (a court adapter's, or a pact with no fee) adds no fee row.
        if (arbiterFee > 0n) {
          const feeKey = keyOf(lower(pact.terms.arbiter), lower(pact.terms.token));
          const fee = arbiterFees.get(feeKey) ?? {
            chainId,
            arbiter: lower(pact.terms.arbiter),
            token: lower(pact.terms.token),
            earned: 0n,
          };
          fee.earned += arbiterFee;
          arbiterFees.set(feeKey, fee);
        }
        if (pact.counting) {
          if (abstained) agent.row.disputesAbstained += 1;
          else agent.row.disputesRuled += 1;
          agent.row.disputeToRulingSeconds += time - disputedAt;
          agent.row.disputeToRulingCount += 1;
          if (lost) {
            agent.row.disputesLost += 1;
            weekOf(agent.row.address, time).lostDisputes += 1;
            signal(agent, time, log.args.pactId);
          }
        }
        slash(agent, slashed, time, log.args.pactId);
        break;
      }
      case "DefaultRulingApplied": {
        const pact = pactOf(log.args.pactId);
        const agent = agentAt(pact.terms.agent, time);
        const { buyerBps, toBuyer, toAgent } = log.args;
        close(pact, "default-ruled", time, { toBuyer, toAgent, slashed: 0n, arbiterFeePaid: 0n, buyerBps });
        settle(pact, agent, time, { toBuyer, toAgent, slashed: 0n, byRuling: true });
        decide(pact, buyerBps, time);
        arbiterOf(pact.terms.arbiter, time).disputesDefaulted += 1;
        if (pact.counting) agent.row.disputesDefaulted += 1;
        break;
      }
      case "PayoutCredited": {
        agentAt(pactOf(log.args.pactId).terms.agent, time);
        const row = creditOf(log.args.account, log.args.token, time);
        row.owed += log.args.amount;
        row.updatedAt = time;
        break;
      }
      case "PayoutClaimed": {
        const row = creditOf(log.args.account, log.args.token, time);
        row.owed -= log.args.amount;
        row.updatedAt = time;
        break;
      }
      case "ArbiterRegistered": {
        arbiterOf(log.args.arbiter, time);
        registrations.set(keyOf(lower(log.args.arbiter), lower(log.args.token)), {
          chainId,
          arbiter: lower(log.args.arbiter),
          token: lower(log.args.token),
          active: true,
          minFee: log.args.minFee,
          maxRulingPeriod: BigInt(log.args.maxRulingPeriod),
          updatedAt: time,
        });
        break;
      }
      case "ArbiterDeregistered": {
        arbiterOf(log.args.arbiter, time);
        const id = keyOf(lower(log.args.arbiter), lower(log.args.token));
        const row = registrations.get(id);
        if (row === undefined) throw new Error(`${log.args.arbiter} deregistered without a registration`);
        // Choice: the published terms stay on the row, marked inactive.
        registrations.set(id, { ...row, active: false, updatedAt: time });
        break;
      }
      case "StakeDeposited": {
        agentAt(log.args.agent, time);
        moveStake(log.args.agent, time, (stake) => {
          stake.bonded = log.args.bonded;
        });
        break;
      }
      case "WithdrawalRequested": {
        agentAt(log.args.agent, time);
        moveStake(log.args.agent, time, (stake) => {
          stake.bonded -= log.args.amount;
          stake.queued = log.args.queued;
          stake.readyAt = BigInt(log.args.readyAt);
        });
        break;
      }
      case "StakeWithdrawn": {
        agentAt(log.args.agent, time);
        moveStake(log.args.agent, time, (stake) => {
          stake.queued = 0n;
          stake.readyAt = 0n;
        });
        break;
      }
      case "AgentStatusChanged": {
        const agent = agentAt(log.args.agent, time);
        const status = AGENT_STATUSES[log.args.status];
        if (status === undefined) throw new Error(`unknown agent status ${log.args.status}`);
        const prior = agent.row.status;
        statusChanges.push({
          ...here,
          agent: agent.row.address,
          status,
          cap: log.args.cap,
          frozenUntil: BigInt(log.args.frozenUntil),
          reasonHash: log.args.reasonHash,
          operator: lower(log.args.operator),
          time,
          transactionHash: log.transactionHash,
        });
        if (status !== agent.row.status) agent.row.statusSince = time;
        Object.assign(agent.row, {
          status,
          statusReasonHash: log.args.reasonHash,
          statusOperator: lower(log.args.operator),
          cap: log.args.cap,
          frozenUntil: BigInt(log.args.frozenUntil),
        } satisfies Partial<AgentRow>);
        recover(agent, prior, status, time);
        if (status === "good") {
          agent.row.recertifications += 1;
          break;
        }
        agent.row.ladderSteps += 1;
        agent.row.unansweredSignalAt = null;
        weekOf(agent.row.address, time).ladderSteps += 1;
        for (const week of weeks.values()) {
          if (week.agent === agent.row.address && week.signalAt !== null && week.timeToNarrow === null) {
            week.timeToNarrow = time - week.signalAt;
          }
        }
        break;
      }
      case "OfferRevoked": {
        agentAt(log.args.agent, time);
        break;
      }
      case "AgentReviewed": {
        const agent = agentAt(log.args.agent, time);
        const decision = REVIEW_DECISIONS[log.args.decision];
        if (decision === undefined) throw new Error(`unknown review decision ${log.args.decision}`);
        const { changed, evidenceHash } = log.args;
        agent.row.reviewsRecorded += 1;
        if (changed) agent.row.reviewsChanged += 1;
        agent.row.lastReviewAt = time;
        const week = weekOf(agent.row.address, time);
        week.reviews += 1;
        if (changed) week.reviewsChanged += 1;
        // The standing right after the decision: its own AgentStatusChanged came first, in the same transaction.
        const { status, cap } = agent.row;
        const operator = lower(log.args.operator);
        reviews.push({
          chainId,
          blockNumber: log.blockNumber,
          logIndex: log.logIndex,
          agent: agent.row.address,
          operator,
          decision,
          changed,
          status,
          cap,
          evidenceHash,
          weekStart: isoWeekStart(time),
          isoWeek: isoWeekLabel(isoWeekStart(time)),
          timestamp: time,
          transactionHash: log.transactionHash,
        });
        journal.reviews.push({
          ...here,
          agent: agent.row.address,
          operator,
          decision,
          changed,
          evidenceHash,
          status,
          cap,
          transactionHash: log.transactionHash,
        });
        break;
      }
      case "ExceptionLogged": {
        const agent = agentAt(log.args.agent, time);
        const kind = EXCEPTION_KINDS[log.args.kind];
        if (kind === undefined) throw new Error(`unknown exception kind ${log.args.kind}`);
        // Choice: a note about the agent (pact id 0) concerns no pact, in its history row too.
        const pactId = log.args.pactId === 0n ? null : log.args.pactId;
        entry.pactId = pactId;
        const pact = pactId === null ? undefined : pactOf(pactId);
        // Rescue work: every note about the agent, and the first note on a pact in a listed token.
        const counted = pact === undefined || (pact.row.firstNoteAt === null && pact.row.tokenListed);
        if (pact !== undefined) pact.row.firstNoteAt ??= time;
        agent.row.exceptionsLogged += 1;
        // A note that is not rescue work moves no weekly counter, so it makes no weekly row of its own.
        if (counted) weekOf(agent.row.address, time).loggedExceptions += 1;
        const author = lower(log.args.author);
        // The contract takes a pact's buyer as the buyer (even one holding the operator role), anyone else noting
        // a pact or an agent as the operator: the role is the chain's answer, read at the note's block.
        const byBuyer = pact !== undefined && author === pact.row.buyer;
        const isOperator = await client.readContract({
          address: deployment.surety,
          abi: suretyAbi,
          functionName: "hasRole",
          args: [OPERATOR_ROLE, author],
          blockNumber: log.blockNumber,
        });
        if (!byBuyer && !isOperator) {
          throw new Error(`note ${log.transactionHash} by ${author}, neither the operator nor the pact's buyer`);
        }
        const authorRole = byBuyer ? "buyer" : "operator";
        const note = {
          agent: agent.row.address,
          pactId,
          author,
          authorRole,
          kind,
          noteHash: log.args.noteHash,
          transactionHash: log.transactionHash,
        } as const;
        notes.push({
          chainId,
          blockNumber: log.blockNumber,
          logIndex: log.logIndex,
          ...note,
          counted,
          weekStart: isoWeekStart(time),
          isoWeek: isoWeekLabel(isoWeekStart(time)),
          timestamp: time,
        });
        journal.notes.push({ ...here, ...note });
        break;
      }
      case "ProposalsWithdrawn": {
        const pact = pactOf(log.args.pactId);
        agentAt(pact.terms.agent, time);
        // The party's split and its request for a later deadline, both.
        Object.assign(pact.row, noneProposedBy(lower(log.args.party) === pact.row.buyer ? "buyer" : "agent"));
        entry.detail = { actor: lower(log.args.party), amount: null };
        break;
      }
      case "RulingHeld": {
        const pact = pactOf(log.args.pactId);
        agentAt(pact.terms.agent, time);
        if (pact.row.status !== "disputed") throw new Error(`pact ${log.args.pactId} held while ${pact.row.status}`);
        pact.row.heldUntil = BigInt(log.args.heldUntil);
        // The splits proposed so far were proposed by the ruling period's end: they now stand until the hold ends.
        const deadline = deadlineOf(pact.row);
        if (pact.row.buyerProposedAt !== null) pact.row.buyerProposalStandsUntil = deadline;
        if (pact.row.agentProposedAt !== null) pact.row.agentProposalStandsUntil = deadline;
        entry.detail = { actor: lower(log.args.arbiter), amount: null };
        break;
      }
    }
  }

  if (logs.length > 0) closeBlock(logs.at(-1)!.log.blockNumber);
  const state: ExpectedState = {
    head: { number: head.number, timestamp: head.timestamp },
    ...tablesNow(),
    history,
    terms: new Map([...pacts].map(([pactId, pact]) => [pactId, pact.terms])),
    statusChanges,
    journal,
    tokenInfo,
    blocks,
  };
  await checkAgainstChain(client, deployment, state, pacts);
  return state;
}

/**
 * What each party of a pact stands proposing at `now`, in the contract's terms (`proposalsOf`: zero for none):
 * a split while proposed and not lapsed, a later deadline while the pact is active and its deadline holds.
 */
export function standingAt(row: PactRow, now: bigint) {
  const split = (at: bigint | null, until: bigint | null, bps: number | null) =>
    at !== null && (until === null || now <= until) ? { at, bps: BigInt(bps!) } : { at: 0n, bps: 0n };
  const buyer = split(row.buyerProposedAt, row.buyerProposalStandsUntil, row.buyerProposedBps);
  const agent = split(row.agentProposedAt, row.agentProposalStandsUntil, row.agentProposedBps);
  const asking = row.status === "active" && now <= row.deliverBy;
  return {
    buyerSplitAt: buyer.at,
    buyerSplitBps: buyer.bps,
    agentSplitAt: agent.at,
    agentSplitBps: agent.bps,
    buyerDeliverBy: asking ? (row.buyerProposedDeliverBy ?? 0n) : 0n,
    agentDeliverBy: asking ? (row.agentProposedDeliverBy ?? 0n) : 0n,
  };
}

/**
 * The recomputation must agree with what the contract itself reports at the head: a failure here is a fault of
 * the recomputation (or of the chain), never of the indexer.
 */
async function checkAgainstChain(
  client: PublicClient,
  deployment: Deployment,
  state: ExpectedState,
  pacts: Map<bigint, PactState>,
): Promise<void> {
  const problems: string[] = [];
  const same = (what: string, expected: unknown, actual: unknown) => {
    if (expected !== actual) problems.push(`${what}: recomputed ${String(expected)}, the chain says ${String(actual)}`);
  };
  for (const position of state.stakePosition) {
    const stake = await getStake(client, { deployment, agent: position.agent });
    same(`stake of ${position.agent}: staked`, position.staked, stake.staked);
    same(`stake of ${position.agent}: locked`, position.locked, stake.locked);
    same(`stake of ${position.agent}: queued`, position.queued, stake.queued);
    same(`stake of ${position.agent}: free`, position.free, stake.free);
    same(`stake of ${position.agent}: readyAt`, position.readyAt, BigInt(stake.readyAt));
  }
  for (const agent of state.agent) {
    const standing = await getAgentStatus(client, { deployment, agent: agent.address });
    same(`status of ${agent.address}`, agent.status, standing.status satisfies AgentStatus);
    same(`cap of ${agent.address}`, agent.cap, standing.cap ?? 0n);
    same(`frozenUntil of ${agent.address}`, agent.frozenUntil, BigInt(standing.frozenUntil));
  }
  const surety = { address: deployment.surety, abi: suretyAbi, blockNumber: state.head.number } as const;
  for (const [pactId, pact] of pacts) {
    const read = await getPact(client, { deployment, pactId, terms: pact.terms });
    same(`status of pact ${pactId}`, pact.row.status, read.status);
    same(`updatedAt of pact ${pactId}`, pact.row.updatedAt, BigInt(read.updatedAt));
    const heldUntil = await client.readContract({ ...surety, functionName: "rulingHeldUntil", args: [pactId] });
    same(`heldUntil of pact ${pactId}`, pact.row.heldUntil ?? 0n, BigInt(heldUntil));
    const chain = await client.readContract({ ...surety, functionName: "proposalsOf", args: [pactId, pact.terms] });
    const standing = standingAt(pact.row, state.head.timestamp);
    for (const [field, value] of Object.entries(standing)) {
      same(`${field} proposed on pact ${pactId} at the head`, value, BigInt(chain[field as keyof typeof standing]));
    }
  }
  for (const dispute of state.courtDispute) {
    const adapter = { address: dispute.adapter, abi: courtAdapterAbi, blockNumber: state.head.number } as const;
    const read = await client.readContract({ ...adapter, functionName: "courtDispute", args: [dispute.pactId] });
    const where = `court dispute of pact ${dispute.pactId}`;
    same(`${where}: requested`, true, read.requested);
    same(`${where}: disputeId`, dispute.disputeId, read.disputeID);
    same(`${where}: ruling`, dispute.ruling ?? 0n, read.ruled ? read.ruling : 0n);
    same(`${where}: applied`, dispute.rulingApplied === true, read.applied);
  }
  for (const row of state.metaEvidenceDocument) {
    const adapter = { address: row.adapter, abi: courtAdapterAbi, blockNumber: state.head.number } as const;
    same(
      `meta-evidence id of ${row.adapter}`,
      row.metaEvidenceId,
      await client.readContract({ ...adapter, functionName: "META_EVIDENCE_ID" }),
    );
    same(
      `meta-evidence of ${row.adapter}`,
      row.uri,
      await client.readContract({ ...adapter, functionName: "metaEvidenceURI" }),
    );
  }
  for (const credit of state.payoutCredit) {
    const owed = await getCredit(client, { deployment, token: credit.token, account: credit.account });
    same(`credit of ${credit.account} in ${credit.token}`, credit.owed, owed);
  }
  for (const registration of state.arbiterRegistration) {
    const terms = await getArbiterTerms(client, {
      deployment,
      arbiter: registration.arbiter,
      token: registration.token,
    });
    const where = `registration of ${registration.arbiter} in ${registration.token}`;
    same(`${where}: registered`, registration.active, terms.registered);
    if (terms.registered) {
      same(`${where}: minFee`, registration.minFee, terms.minFee);
      same(`${where}: maxRulingPeriod`, registration.maxRulingPeriod, BigInt(terms.maxRulingPeriod));
    }
  }
  if (problems.length > 0) throw new Error(`the recomputation disagrees with the chain:\n  ${problems.join("\n  ")}`);
}
