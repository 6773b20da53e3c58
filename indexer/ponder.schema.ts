/**
 * Surety's indexed data. State tables (pacts, agents, buyers, arbiters, stake positions) are kept current by the
 * handlers; `historyEvent` is append-only, one row per contract event. The chain id leads every key, so several chains
 * can share one database. Times are Unix seconds; amounts are base units of the row's token.
 */
import type { AgentStatus, ExceptionKind, PactStatus, ReviewDecision } from "@surety/sdk";
import { index, onchainEnum, onchainTable, primaryKey, relations } from "ponder";

import { HISTORY_KINDS } from "./src/lib/history.ts";

/** The kind of each history row: the event's name, for every event of Surety and of a court adapter (lib/history.ts). */
export const eventKind = onchainEnum("event_kind", HISTORY_KINDS);

/** The latest indexed block of each chain: the clock that effective statuses are computed against. */
export const indexedBlock = onchainTable("indexed_block", (t) => ({
  chainId: t.integer().primaryKey(),
  number: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

/** One row per pact: every term, the status, and the time of each transition. */
export const pact = onchainTable(
  "pact",
  (t) => ({
    chainId: t.integer().notNull(),
    pactId: t.bigint().notNull(),
    buyer: t.hex().notNull(),
    agent: t.hex().notNull(),
    arbiter: t.hex().notNull(),
    token: t.hex().notNull(),
    /** Whether the token is on the configured list; pacts in other tokens do not move trust records. */
    tokenListed: t.boolean().notNull(),
    price: t.bigint().notNull(),
    arbiterFee: t.bigint().notNull(),
    collateral: t.bigint().notNull(),
    penalty: t.bigint().notNull(),
    acceptBy: t.bigint().notNull(),
    /** The delivery deadline in force: the created one, or the latest one both parties agreed to. */
    deliverBy: t.bigint().notNull(),
    reviewPeriod: t.bigint().notNull(),
    rulingPeriod: t.bigint().notNull(),
    defaultBuyerBps: t.integer().notNull(),
    termsHash: t.hex().notNull(),
    /** The SDK's status names (`default-ruled`, …); text, as GraphQL enums cannot hold a hyphen. */
    status: t.text().$type<PactStatus>().notNull(),
    /** The offer nonce when the pact was funded from the agent's signed offer. */
    offerNonce: t.bigint(),
    deliveryHash: t.hex(),
    disputeReasonHash: t.hex(),
    rulingHash: t.hex(),
    /** Settlement: the buyer's share in basis points when split, and what each side received. */
    buyerBps: t.integer(),
    toBuyer: t.bigint(),
    toAgent: t.bigint(),
    slashed: t.bigint(),
    arbiterFeePaid: t.bigint(),
    /**
     * Each party's settlement proposal (the buyer's share in basis points) made in the current status, when it was
     * made, and the last second it can be accepted: the status's deadline when made by it, null when made after it
     * (fresh consent, standing until the status changes). So a proposal stands at time `now` while
     * `standsUntil` is null or `now <= standsUntil`; every proposal is cleared when the status changes, when an
     * extension takes effect, and by its party's withdrawal.
     */
    buyerProposedBps: t.integer(),
    buyerProposedAt: t.bigint(),
    buyerProposalStandsUntil: t.bigint(),
    agentProposedBps: t.integer(),
    agentProposedAt: t.bigint(),
    agentProposalStandsUntil: t.bigint(),
    /** Each party's request for a later delivery deadline: it stands while the pact is active and `deliverBy` has not passed. */
    buyerProposedDeliverBy: t.bigint(),
    agentProposedDeliverBy: t.bigint(),
    /** Delivery deadlines extended by agreement. */
    extensions: t.integer().notNull(),
    /** Ended by the parties' agreed split (status `settled`). */
    settledByAgreement: t.boolean().notNull(),
    /** Refunded by the agent itself before the deadline, rather than claimed after it (status `refunded`). */
    refundedByAgent: t.boolean().notNull(),
    /**
     * Until when the arbiter (a court adapter, once its court's dispute exists) held off the default ruling: no one
     * may apply the default split before then, and the arbiter may still rule. Null when never held.
     */
    heldUntil: t.bigint(),
    /**
     * Disputed before a court adapter whose fee the buyer left unpaid past the fee window: the delivery stood, and
     * the pact was resolved entirely for the agent (status `resolved`, `buyerBps` 0, no slash).
     */
    courtUnfunded: t.boolean().notNull(),
    /** The time of the first exception or rescue note logged on the pact, if any (only the first counts as rescue work). */
    firstNoteAt: t.bigint(),
    createdAt: t.bigint().notNull(),
    acceptedAt: t.bigint(),
    deliveredAt: t.bigint(),
    disputedAt: t.bigint(),
    settledAt: t.bigint(),
    /** The time of the latest transition: the contract's own `updatedAt`. */
    updatedAt: t.bigint().notNull(),
    createdBlock: t.bigint().notNull(),
    createdTransaction: t.hex().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.chainId, table.pactId] }),
    agentIndex: index().on(table.chainId, table.agent, table.status),
    buyerIndex: index().on(table.chainId, table.buyer, table.status),
    arbiterIndex: index().on(table.chainId, table.arbiter, table.status),
    /** The pacts open in a week: accepted before its end, not settled before its start (GET /review). */
    settledIndex: index().on(table.chainId, table.settledAt),
  }),
);

/** An agent's trust record, kept current by the handlers. Rates count accepted pacts in listed tokens only. */
export const agent = onchainTable(
  "agent",
  (t) => ({
    chainId: t.integer().notNull(),
    address: t.hex().notNull(),
    /** The SDK's ladder names (`under-review`, …). */
    status: t.text().$type<AgentStatus>().notNull(),
    statusSince: t.bigint().notNull(),
    statusReasonHash: t.hex(),
    statusOperator: t.hex(),
    cap: t.bigint().notNull(),
    frozenUntil: t.bigint().notNull(),
    /** Steps down the ladder (warned, narrowed, under review, paused); recertifications are counted apart. */
    ladderSteps: t.integer().notNull(),
    recertifications: t.integer().notNull(),
    pactsOffered: t.integer().notNull(),
    pactsAccepted: t.integer().notNull(),
    pactsFromOffers: t.integer().notNull(),
    pactsDelivered: t.integer().notNull(),
    deliveredOnTime: t.integer().notNull(),
    pactsReleased: t.integer().notNull(),
    pactsFinalized: t.integer().notNull(),
    /** Refunds: claimed after a missed deadline, or made by the agent itself (also in `refundedByAgent`). */
    pactsRefunded: t.integer().notNull(),
    /** Refunds the agent made itself before the deadline: missed deliveries it owned up to, slashed all the same. */
    refundedByAgent: t.integer().notNull(),
    /** Pacts ended by a split both parties agreed to: no slash, no ruling. */
    settledByAgreement: t.integer().notNull(),
    /** Delivery deadlines extended by agreement with the buyer. */
    extensionsGranted: t.integer().notNull(),
    pactsCancelled: t.integer().notNull(),
    pactsReclaimed: t.integer().notNull(),
    /** Accepted pacts not yet settled. */
    pactsOpen: t.integer().notNull(),
    disputesOpened: t.integer().notNull(),
    disputesRuled: t.integer().notNull(),
    disputesAbstained: t.integer().notNull(),
    disputesDefaulted: t.integer().notNull(),
    /** Rulings that gave the buyer more than half or slashed the agent. */
    disputesLost: t.integer().notNull(),
    /** Of `disputesRuled`: court disputes the buyer left unfunded past the fee window, settled for the agent (won). */
    disputesUnfunded: t.integer().notNull(),
    slashes: t.integer().notNull(),
    /** Stake-token units slashed to buyers. */
    slashedTotal: t.bigint().notNull(),
    /** Pacts in tokens off the configured list: counted here only, and flagged on the pact. */
    unlistedPacts: t.integer().notNull(),
    acceptToDeliverySeconds: t.bigint().notNull(),
    acceptToDeliveryCount: t.integer().notNull(),
    deliveryToSettlementSeconds: t.bigint().notNull(),
    deliveryToSettlementCount: t.integer().notNull(),
    disputeToRulingSeconds: t.bigint().notNull(),
    disputeToRulingCount: t.integer().notNull(),
    distinctBuyers: t.integer().notNull(),
    distinctArbiters: t.integer().notNull(),
    /** The first slash or lost dispute not yet followed by a ladder step, if any. */
    unansweredSignalAt: t.bigint(),
    /**
     * The times of the first and the latest event in the agent's history (each history row naming it: its pacts'
     * events, a court's and those in unlisted tokens included, its stake's, its offers', its ladder's).
     */
    firstSeenAt: t.bigint().notNull(),
    lastEventAt: t.bigint().notNull(),
    /** Reviews the operator recorded (AgentReviewed), those whose decision changed the agent's standing, the latest. */
    reviewsRecorded: t.integer().notNull(),
    reviewsChanged: t.integer().notNull(),
    lastReviewAt: t.bigint(),
    /** Exception and rescue notes naming the agent: about it, or about one of its pacts. */
    exceptionsLogged: t.integer().notNull(),
    /**
     * Recovery (lib/recovery.ts): the containment in progress (narrowed, under review or paused, entered from good or
     * warned), containments started, those ended by a recertification and their total length, and the latest such.
     */
    containedSince: t.bigint(),
    containments: t.integer().notNull(),
    recoveries: t.integer().notNull(),
    recoverySeconds: t.bigint().notNull(),
    lastContainedAt: t.bigint(),
    lastRecoveredAt: t.bigint(),
    /** The latest move to good, pacts accepted (listed tokens) since it until the relapse, and the relapse. */
    recertifiedAt: t.bigint(),
    pactsSinceRecertification: t.integer().notNull(),
    relapseAt: t.bigint(),
    /**
     * The largest share of the agent's settled value (accepted pacts, per listed token) that came from one buyer;
     * null while nothing settled. Above CONCENTRATION_THRESHOLD the record is flagged concentrated-counterparties.
     */
    topBuyerShare: t.doublePrecision(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.chainId, table.address] }) }),
);

/**
 * What an agent's outcomes rest on, per listed pact token, over its settled accepted pacts: each outcome counted and
 * weighted by the pacts' prices, and the buyer with the largest settled value (the lowest address among equals).
 */
export const agentOutcome = onchainTable(
  "agent_outcome",
  (t) => ({
    chainId: t.integer().notNull(),
    agent: t.hex().notNull(),
    token: t.hex().notNull(),
    settledCount: t.integer().notNull(),
    settledValue: t.bigint().notNull(),
    /** Delivered by the delivery deadline in force (so never refunded). */
    onTimeCount: t.integer().notNull(),
    onTimeValue: t.bigint().notNull(),
    /** Ended with a slash of the agent's collateral. */
    slashedCount: t.integer().notNull(),
    slashedValue: t.bigint().notNull(),
    /** Disputes lost: ruled for the buyer by more than half, or with a slash. */
    lostCount: t.integer().notNull(),
    lostValue: t.bigint().notNull(),
    distinctBuyers: t.integer().notNull(),
    topBuyer: t.hex().notNull(),
    topBuyerValue: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.chainId, table.agent, table.token] }) }),
);

/** An agent's settled accepted pacts with one buyer in one listed token: how many, and the price they carried. */
export const agentBuyerValue = onchainTable(
  "agent_buyer_value",
  (t) => ({
    chainId: t.integer().notNull(),
    agent: t.hex().notNull(),
    token: t.hex().notNull(),
    buyer: t.hex().notNull(),
    settledCount: t.integer().notNull(),
    settledValue: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.chainId, table.agent, table.token, table.buyer] }) }),
);

/** One row per review the operator recorded (AgentReviewed): the decision, and the agent's standing right after it. */
export const agentReview = onchainTable(
  "agent_review",
  (t) => ({
    chainId: t.integer().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    agent: t.hex().notNull(),
    operator: t.hex().notNull(),
    /** The SDK's decision names (keep, warn, narrow, review, pause, recertify). */
    decision: t.text().$type<ReviewDecision>().notNull(),
    /** Whether the decision changed the agent's standing (status, cap or withdrawal freeze). */
    changed: t.boolean().notNull(),
    status: t.text().$type<AgentStatus>().notNull(),
    cap: t.bigint().notNull(),
    evidenceHash: t.hex().notNull(),
    weekStart: t.bigint().notNull(),
    isoWeek: t.text().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.chainId, table.blockNumber, table.logIndex] }),
    agentIndex: index().on(table.chainId, table.agent, table.timestamp),
    weekIndex: index().on(table.chainId, table.weekStart),
  }),
);

/** One row per exception or rescue note (ExceptionLogged), about an agent as a whole or about one of its pacts. */
export const exceptionNote = onchainTable(
  "exception_note",
  (t) => ({
    chainId: t.integer().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    agent: t.hex().notNull(),
    /** The pact the note is about; null for a note about the agent (the event's pact id 0). */
    pactId: t.bigint(),
    author: t.hex().notNull(),
    /** `buyer` when the author is the pact's buyer, else `operator` (the contract admits no one else). */
    authorRole: t.text().$type<"operator" | "buyer">().notNull(),
    kind: t.text().$type<ExceptionKind>().notNull(),
    noteHash: t.hex().notNull(),
    /**
     * Whether the note counts as rescue work: every note about an agent, and the first note on a pact in a listed
     * token (later notes on the same pact do not count again).
     */
    counted: t.boolean().notNull(),
    weekStart: t.bigint().notNull(),
    isoWeek: t.text().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.chainId, table.blockNumber, table.logIndex] }),
    agentIndex: index().on(table.chainId, table.agent, table.timestamp),
    pactIndex: index().on(table.chainId, table.pactId),
    weekIndex: index().on(table.chainId, table.weekStart),
  }),
);

/**
 * One row per containment of an agent (numbered from 1): when it began, and how it ended, by a recertification (a
 * recovery, with its length) or by a move to warned (no recovery figure); open while the agent is contained.
 */
export const containmentEpisode = onchainTable(
  "containment_episode",
  (t) => ({
    chainId: t.integer().notNull(),
    agent: t.hex().notNull(),
    episode: t.integer().notNull(),
    containedAt: t.bigint().notNull(),
    /** The status the containment began in (narrowed, under-review or paused). */
    status: t.text().$type<AgentStatus>().notNull(),
    endedAt: t.bigint(),
    endedWeekStart: t.bigint(),
    /** The recertification's length from containment, or null when it ended by a warning or has not ended. */
    recoverySeconds: t.bigint(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.chainId, table.agent, table.episode] }),
    endedIndex: index().on(table.chainId, table.endedWeekStart),
  }),
);

/** An agent's stake: bonded (not queued), locked as collateral, queued for withdrawal, and free to lock. */
export const stakePosition = onchainTable(
  "stake_position",
  (t) => ({
    chainId: t.integer().notNull(),
    agent: t.hex().notNull(),
    staked: t.bigint().notNull(),
    bonded: t.bigint().notNull(),
    locked: t.bigint().notNull(),
    queued: t.bigint().notNull(),
    readyAt: t.bigint().notNull(),
    free: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.chainId, table.agent] }) }),
);

/** An agent's money in one pact token (listed tokens only): what it earned and what went back to buyers. */
export const agentTokenTotal = onchainTable(
  "agent_money",
  (t) => ({
    chainId: t.integer().notNull(),
    agent: t.hex().notNull(),
    token: t.hex().notNull(),
    /** Price paid to the agent: releases, finalizations and its share of rulings and agreed settlements. */
    earned: t.bigint().notNull(),
    /** Price returned to buyers of accepted pacts: refunds and the buyers' share of rulings and settlements. */
    refundedToBuyers: t.bigint().notNull(),
    /** The agent's share of rulings, abstentions and default rulings (part of `earned`). */
    awardedByRulings: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.chainId, table.agent, table.token] }) }),
);

/** The buyers and arbiters an agent has had accepted pacts with (listed tokens), for the distinct counts. */
export const agentCounterpartyLink = onchainTable(
  "agent_counterparty",
  (t) => ({
    chainId: t.integer().notNull(),
    agent: t.hex().notNull(),
    role: t.text().$type<"buyer" | "arbiter">().notNull(),
    party: t.hex().notNull(),
    pacts: t.integer().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.chainId, table.agent, table.role, table.party] }) }),
);

export const buyer = onchainTable(
  "buyer",
  (t) => ({
    chainId: t.integer().notNull(),
    address: t.hex().notNull(),
    pactsCreated: t.integer().notNull(),
    disputesOpened: t.integer().notNull(),
    /** Disputes that ended in a ruling, an abstention or a default ruling. */
    disputesDecided: t.integer().notNull(),
    /** Of those, the ones whose split gave this buyer less than half of the price. */
    disputesBelowHalf: t.integer().notNull(),
    firstSeenAt: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.chainId, table.address] }) }),
);

export const arbiter = onchainTable(
  "arbiter",
  (t) => ({
    chainId: t.integer().notNull(),
    address: t.hex().notNull(),
    pactsNamed: t.integer().notNull(),
    disputesAssigned: t.integer().notNull(),
    disputesRuled: t.integer().notNull(),
    disputesAbstained: t.integer().notNull(),
    /** Disputes that ran out the ruling period with no word from the arbiter. */
    disputesDefaulted: t.integer().notNull(),
    ruleSeconds: t.bigint().notNull(),
    ruleCount: t.integer().notNull(),
    firstSeenAt: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.chainId, table.address] }) }),
);

/** Fees an arbiter earned, per pact token. */
export const arbiterFee = onchainTable(
  "arbiter_fee",
  (t) => ({
    chainId: t.integer().notNull(),
    arbiter: t.hex().notNull(),
    token: t.hex().notNull(),
    earned: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.chainId, table.arbiter, table.token] }) }),
);

/** An arbiter's published terms per token. */
export const arbiterRegistration = onchainTable(
  "arbiter_registration",
  (t) => ({
    chainId: t.integer().notNull(),
    arbiter: t.hex().notNull(),
    token: t.hex().notNull(),
    active: t.boolean().notNull(),
    minFee: t.bigint().notNull(),
    maxRulingPeriod: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.chainId, table.arbiter, table.token] }) }),
);

/** Payouts that could not be delivered and wait for their recipient to claim them. */
export const payoutCredit = onchainTable(
  "payout_credit",
  (t) => ({
    chainId: t.integer().notNull(),
    account: t.hex().notNull(),
    token: t.hex().notNull(),
    owed: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.chainId, table.account, table.token] }) }),
);

/**
 * A court adapter's ERC-1497 meta-evidence: the jurors' question and each ruling's meaning, fixed when the adapter
 * was deployed (id 0) and shared by every dispute it creates, whichever pact the dispute is about.
 */
export const metaEvidenceDocument = onchainTable(
  "meta_evidence",
  (t) => ({
    chainId: t.integer().notNull(),
    adapter: t.hex().notNull(),
    metaEvidenceId: t.bigint().notNull(),
    uri: t.text().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.chainId, table.adapter, table.metaEvidenceId] }) }),
);

/**
 * A pact's dispute at its court adapter's ERC-792 court: one at most per pact, created when the buyer paid the
 * court's fee. `metaEvidenceId` with `adapter` names its meta-evidence row; the pact id is its ERC-1497 evidence
 * group. Amounts are in wei (courts are paid in ETH).
 */
export const courtDispute = onchainTable(
  "court_dispute",
  (t) => ({
    chainId: t.integer().notNull(),
    pactId: t.bigint().notNull(),
    adapter: t.hex().notNull(),
    court: t.hex().notNull(),
    disputeId: t.bigint().notNull(),
    metaEvidenceId: t.bigint().notNull(),
    /** The buyer, who paid the court's fee (`cost`); set by ArbitrationRequested, in the dispute's transaction. */
    requester: t.hex(),
    cost: t.bigint(),
    createdAt: t.bigint().notNull(),
    /** Appeals funded through the adapter, and what they cost. */
    appeals: t.integer().notNull(),
    appealCosts: t.bigint().notNull(),
    /** The court's final ruling, once given; whether the adapter applied it to the pact or it came late. */
    ruling: t.bigint(),
    rulingApplied: t.boolean(),
    ruledAt: t.bigint(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.chainId, table.pactId] }),
    disputeIndex: index().on(table.chainId, table.adapter, table.disputeId),
  }),
);

/**
 * The operator's weekly signals per agent, by ISO week (keyed by the week's Monday, 00:00 UTC). `timeToNarrow`
 * runs from the week's first slash or lost dispute to the next ladder step, and stays empty while none followed.
 */
export const weeklyReview = onchainTable(
  "weekly_review",
  (t) => ({
    chainId: t.integer().notNull(),
    agent: t.hex().notNull(),
    weekStart: t.bigint().notNull(),
    /** The ISO week's label, such as 2026-W48, for display. */
    isoWeek: t.text().notNull(),
    pactsSettled: t.integer().notNull(),
    disputes: t.integer().notNull(),
    lostDisputes: t.integer().notNull(),
    slashes: t.integer().notNull(),
    slashedAmount: t.bigint().notNull(),
    ladderSteps: t.integer().notNull(),
    /** The first slash or lost dispute of the week that no ladder step had answered yet. */
    signalAt: t.bigint(),
    timeToNarrow: t.bigint(),
    /** Rescue work: deadlines extended, settlements by agreement, refunds by the agent, notes that count (lib). */
    extensions: t.integer().notNull(),
    settlementsByAgreement: t.integer().notNull(),
    refundsByAgent: t.integer().notNull(),
    loggedExceptions: t.integer().notNull(),
    /** Reviews recorded, and those whose decision changed the agent's standing. */
    reviews: t.integer().notNull(),
    reviewsChanged: t.integer().notNull(),
    /** Containments started, containments ended by a recertification (and their total length), relapses. */
    containments: t.integer().notNull(),
    recoveries: t.integer().notNull(),
    recoverySeconds: t.bigint().notNull(),
    relapses: t.integer().notNull(),
    /** The week's latest containment start, latest move to good (with its recovery length, if it ended one), relapse. */
    containedAt: t.bigint(),
    recertifiedAt: t.bigint(),
    lastRecoverySeconds: t.bigint(),
    relapseAt: t.bigint(),
    /** The agent's top buyer share (agent.topBuyerShare) after the week's last settlement; null when none settled. */
    topBuyerShare: t.doublePrecision(),
    /** +1 when the agent became concentrated-counterparties in the week, -1 when it stopped being so (net). */
    concentratedChange: t.integer().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.chainId, table.agent, table.weekStart] }),
    weekIndex: index().on(table.chainId, table.weekStart),
    signalIndex: index().on(table.chainId, table.signalAt),
  }),
);

/**
 * The history, append-only: one row per Surety event, keyed by Ponder's event id. The typed columns carry what queries filter
 * on; `args` holds the event's full arguments (integers as decimal strings).
 */
export const historyEvent = onchainTable(
  "history",
  (t) => ({
    id: t.text().primaryKey(),
    chainId: t.integer().notNull(),
    kind: eventKind("kind").notNull(),
    /** The account that acted: the caller named in the event, or the transaction's sender. */
    actor: t.hex().notNull(),
    pactId: t.bigint(),
    agent: t.hex(),
    buyer: t.hex(),
    arbiter: t.hex(),
    /** The other account a payout, credit or withdrawal concerns. */
    account: t.hex(),
    token: t.hex(),
    amount: t.bigint(),
    args: t.json().$type<Record<string, unknown>>().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({
    pactIndex: index().on(table.chainId, table.pactId),
    agentIndex: index().on(table.chainId, table.agent, table.timestamp),
    agentKindIndex: index().on(table.chainId, table.agent, table.kind),
    buyerIndex: index().on(table.chainId, table.buyer, table.timestamp),
    arbiterIndex: index().on(table.chainId, table.arbiter, table.timestamp),
    timeIndex: index().on(table.chainId, table.timestamp),
  }),
);

/*
 * GraphQL's links between the tables (Ponder serves each `one` as a field holding the row, each `many` as a page of
 * rows with the list queries' arguments). Every link joins on the chain id and the row's key, so chains sharing one
 * database never mix. A relation cannot take a column's name: a pact's `agent` column is the address, its
 * `agentRecord` the agent's row.
 */

export const pactRelations = relations(pact, ({ one, many }) => ({
  exceptionNotes: many(exceptionNote),
  agentRecord: one(agent, { fields: [pact.chainId, pact.agent], references: [agent.chainId, agent.address] }),
  buyerRecord: one(buyer, { fields: [pact.chainId, pact.buyer], references: [buyer.chainId, buyer.address] }),
  arbiterRecord: one(arbiter, { fields: [pact.chainId, pact.arbiter], references: [arbiter.chainId, arbiter.address] }),
  courtDispute: one(courtDispute, {
    fields: [pact.chainId, pact.pactId],
    references: [courtDispute.chainId, courtDispute.pactId],
  }),
  history: many(historyEvent),
}));

export const agentRelations = relations(agent, ({ one, many }) => ({
  stakePosition: one(stakePosition, {
    fields: [agent.chainId, agent.address],
    references: [stakePosition.chainId, stakePosition.agent],
  }),
  pacts: many(pact),
  weeklyReviews: many(weeklyReview),
  history: many(historyEvent),
  tokenTotals: many(agentTokenTotal),
  counterparties: many(agentCounterpartyLink),
  payoutCredits: many(payoutCredit),
  reviews: many(agentReview),
  exceptionNotes: many(exceptionNote),
  containmentEpisodes: many(containmentEpisode),
  outcomes: many(agentOutcome),
}));

export const agentReviewRelations = relations(agentReview, ({ one }) => ({
  agentRecord: one(agent, {
    fields: [agentReview.chainId, agentReview.agent],
    references: [agent.chainId, agent.address],
  }),
}));

/** A note's agent, and its pact when it is about one. */
export const exceptionNoteRelations = relations(exceptionNote, ({ one }) => ({
  agentRecord: one(agent, {
    fields: [exceptionNote.chainId, exceptionNote.agent],
    references: [agent.chainId, agent.address],
  }),
  pact: one(pact, { fields: [exceptionNote.chainId, exceptionNote.pactId], references: [pact.chainId, pact.pactId] }),
}));

export const containmentEpisodeRelations = relations(containmentEpisode, ({ one }) => ({
  agentRecord: one(agent, {
    fields: [containmentEpisode.chainId, containmentEpisode.agent],
    references: [agent.chainId, agent.address],
  }),
}));

export const agentOutcomeRelations = relations(agentOutcome, ({ one }) => ({
  agentRecord: one(agent, {
    fields: [agentOutcome.chainId, agentOutcome.agent],
    references: [agent.chainId, agent.address],
  }),
}));

export const stakePositionRelations = relations(stakePosition, ({ one }) => ({
  agentRecord: one(agent, {
    fields: [stakePosition.chainId, stakePosition.agent],
    references: [agent.chainId, agent.address],
  }),
}));

export const agentTokenTotalRelations = relations(agentTokenTotal, ({ one }) => ({
  agentRecord: one(agent, {
    fields: [agentTokenTotal.chainId, agentTokenTotal.agent],
    references: [agent.chainId, agent.address],
  }),
}));

export const agentCounterpartyLinkRelations = relations(agentCounterpartyLink, ({ one }) => ({
  agentRecord: one(agent, {
    fields: [agentCounterpartyLink.chainId, agentCounterpartyLink.agent],
    references: [agent.chainId, agent.address],
  }),
}));

export const weeklyReviewRelations = relations(weeklyReview, ({ one }) => ({
  agentRecord: one(agent, {
    fields: [weeklyReview.chainId, weeklyReview.agent],
    references: [agent.chainId, agent.address],
  }),
}));

export const buyerRelations = relations(buyer, ({ many }) => ({
  pacts: many(pact),
  history: many(historyEvent),
  payoutCredits: many(payoutCredit),
}));

export const arbiterRelations = relations(arbiter, ({ many }) => ({
  pacts: many(pact),
  history: many(historyEvent),
  fees: many(arbiterFee),
  registrations: many(arbiterRegistration),
}));

export const arbiterFeeRelations = relations(arbiterFee, ({ one }) => ({
  arbiterRecord: one(arbiter, {
    fields: [arbiterFee.chainId, arbiterFee.arbiter],
    references: [arbiter.chainId, arbiter.address],
  }),
}));

export const arbiterRegistrationRelations = relations(arbiterRegistration, ({ one }) => ({
  arbiterRecord: one(arbiter, {
    fields: [arbiterRegistration.chainId, arbiterRegistration.arbiter],
    references: [arbiter.chainId, arbiter.address],
  }),
}));

/** A credit's account may be an agent, a buyer, both or neither: each link is empty where the account is not one. */
export const payoutCreditRelations = relations(payoutCredit, ({ one }) => ({
  agentRecord: one(agent, {
    fields: [payoutCredit.chainId, payoutCredit.account],
    references: [agent.chainId, agent.address],
  }),
  buyerRecord: one(buyer, {
    fields: [payoutCredit.chainId, payoutCredit.account],
    references: [buyer.chainId, buyer.address],
  }),
}));

export const courtDisputeRelations = relations(courtDispute, ({ one }) => ({
  pact: one(pact, { fields: [courtDispute.chainId, courtDispute.pactId], references: [pact.chainId, pact.pactId] }),
  metaEvidence: one(metaEvidenceDocument, {
    fields: [courtDispute.chainId, courtDispute.adapter, courtDispute.metaEvidenceId],
    references: [metaEvidenceDocument.chainId, metaEvidenceDocument.adapter, metaEvidenceDocument.metaEvidenceId],
  }),
}));

export const metaEvidenceDocumentRelations = relations(metaEvidenceDocument, ({ many }) => ({
  courtDisputes: many(courtDispute),
}));

/** A history row's pact and parties, where it names them (a stake or registration event names no pact). */
export const historyEventRelations = relations(historyEvent, ({ one }) => ({
  pact: one(pact, { fields: [historyEvent.chainId, historyEvent.pactId], references: [pact.chainId, pact.pactId] }),
  agentRecord: one(agent, {
    fields: [historyEvent.chainId, historyEvent.agent],
    references: [agent.chainId, agent.address],
  }),
  buyerRecord: one(buyer, {
    fields: [historyEvent.chainId, historyEvent.buyer],
    references: [buyer.chainId, buyer.address],
  }),
  arbiterRecord: one(arbiter, {
    fields: [historyEvent.chainId, historyEvent.arbiter],
    references: [arbiter.chainId, arbiter.address],
  }),
}));
