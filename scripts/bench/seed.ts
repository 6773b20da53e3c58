/**
 * Seeds a local Hardhat node with many pacts for the indexer benchmark, taking every path a pact can take, in a
 * few large blocks: automining off, a batch of transactions sent at once with explicit nonces and gas (no
 * estimation), then one `evm_mine`, the block gas limit raised to hold the batch. A phase is one batch, or several
 * of at most `blockTransactions`. Time moves only with `evm_increaseTime` before a phase's first block. Every
 * receipt is checked: a benchmark over failed transactions would measure nothing.
 *
 * Transactions in one phase never depend on another sender's transaction of the same phase (only on earlier
 * blocks, or on the same sender's lower nonces), since the node orders senders within a block as it likes.
 */
import {
  erc20PermitAbi,
  OFFER_TYPES,
  offerDomain,
  suretyAbi,
  type Offer,
  type SignedOffer,
  type Terms,
} from "@surety/sdk";
import {
  createWalletClient,
  decodeErrorResult,
  decodeEventLog,
  encodeFunctionData,
  http,
  keccak256,
  parseAbi,
  toHex,
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hash,
  type Hex,
  type LocalAccount,
  type WriteContractParameters,
} from "viem";
import { hardhat } from "viem/chains";

import { localAccount, type LocalDeployment } from "../lib/local-chain.ts";

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                  JSON-RPC                                                    */
/* ------------------------------------------------------------------------------------------------------------ */

export type RpcCall = { method: string; params: readonly unknown[] };

export class RpcError extends Error {
  override readonly name = "RpcError";
  /** The error's data, such as a revert's encoded custom error. */
  readonly data: unknown;

  constructor(message: string, data?: unknown) {
    super(message);
    this.data = data;
  }
}

/**
 * A bare JSON-RPC client: single calls and batches, no formatting. A request whose connection failed before any
 * answer (a kept-alive socket the node had just closed) is sent once more; nothing else is retried.
 */
export class Rpc {
  readonly url: string;

  constructor(url: string) {
    this.url = url;
  }

  async call<T>(method: string, params: readonly unknown[] = []): Promise<T> {
    const [result] = await this.batch<T>([{ method, params }]);
    return result!;
  }

  /** Sends `calls` in JSON-RPC batches of `size`, `parallel` batches at a time; results in the calls' order. */
  async batch<T>(calls: readonly RpcCall[], size = 200, parallel = 4): Promise<T[]> {
    const results: T[] = new Array(calls.length);
    const chunks: number[] = [];
    for (let start = 0; start < calls.length; start += size) chunks.push(start);
    await pool(chunks, parallel, async (start) => {
      const chunk = calls.slice(start, start + size);
      const body = JSON.stringify(
        chunk.map((call, i) => ({ jsonrpc: "2.0", id: i, method: call.method, params: call.params })),
      );
      const answers = await this.post<{ id: number; result?: T; error?: { message: string; data?: unknown } }[]>(body);
      for (const answer of answers) {
        if (answer.error !== undefined) {
          throw new RpcError(`${chunk[answer.id]!.method} failed: ${answer.error.message}`, answer.error.data);
        }
        results[start + answer.id] = answer.result as T;
      }
    });
    return results;
  }

  private async post<T>(body: string): Promise<T> {
    const request = () => fetch(this.url, { method: "POST", headers: { "content-type": "application/json" }, body });
    let response: Response;
    try {
      response = await request();
    } catch (error) {
      const code = ((error as Error).cause as { code?: string } | undefined)?.code;
      if (code !== "ECONNRESET" && code !== "UND_ERR_SOCKET" && code !== "EPIPE") throw error;
      response = await request();
    }
    if (!response.ok) throw new RpcError(`${this.url} answered HTTP ${response.status}`);
    return (await response.json()) as T;
  }
}

/** Runs `work` over `items` with at most `concurrency` in flight; rejects on the first failure. */
export async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

export type RawReceipt = {
  transactionHash: Hash;
  status: Hex;
  blockNumber: Hex;
  gasUsed: Hex;
  logs: { address: Address; topics: [Hex, ...Hex[]]; data: Hex }[];
};

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                  SENDING                                                     */
/* ------------------------------------------------------------------------------------------------------------ */

type Writes<A extends Abi> = ContractFunctionName<A, "nonpayable" | "payable">;

/** The stake token on the local chain: contracts/mocks/MockERC20Permit.sol, with its open `mint`. */
const mockTokenAbi = [...erc20PermitAbi, ...parseAbi(["function mint(address to, uint256 amount)"])] as const;

/** One contract call to send: who sends it, with which gas limit. */
export type Job = {
  from: LocalAccount;
  gas: bigint;
  request: { address: Address; abi: Abi; functionName: string; args: readonly unknown[] };
};

/** Fees well above the node's base fee (under 1 gwei and falling in blocks below the gas target). */
export const FEES = { maxFeePerGas: 50_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n } as const;

/**
 * Gas limits per call: about 1.5 to 2 times the full transaction gas of snapshots/gas.json, and for the calls that
 * pay out, room for the check before each payout (gasleft() must cover the payout gas plus a reserve, 141,587).
 */
export const GAS = {
  mint: 120_000n,
  approve: 80_000n,
  registerArbiter: 100_000n,
  depositStake: 110_000n,
  createPact: 170_000n,
  createPactFromOffer: 240_000n,
  acceptPact: 100_000n,
  cancelPact: 220_000n,
  deliverPact: 80_000n,
  releasePact: 240_000n,
  disputePact: 110_000n,
  submitEvidence: 70_000n,
  resolveDispute: 320_000n,
  abstain: 260_000n,
  reclaimPact: 220_000n,
  claimRefund: 260_000n,
  finalizePact: 220_000n,
  applyDefaultRuling: 260_000n,
  setAgentStatus: 100_000n,
  recertify: 70_000n,
  requestWithdrawal: 100_000n,
} as const satisfies Record<string, bigint>;

/**
 * Sends contract calls from local accounts with nonces it keeps itself, signing locally and skipping every
 * estimation: each call costs one eth_sendRawTransaction.
 */
export class Sender {
  readonly rpc: Rpc;
  readonly deployment: LocalDeployment;
  private readonly nonces = new Map<Address, number>();
  private readonly wallet;

  constructor(rpc: Rpc, deployment: LocalDeployment) {
    this.rpc = rpc;
    this.deployment = deployment;
    const chain = { ...hardhat, rpcUrls: { default: { http: [rpc.url] } } };
    this.wallet = createWalletClient({ chain, transport: http(rpc.url, { batch: { batchSize: 100, wait: 0 } }) });
  }

  /** Reads the accounts' pending nonces once; later nonces are counted here. */
  async track(accounts: readonly LocalAccount[]): Promise<void> {
    const counts = await this.rpc.batch<Hex>(
      accounts.map((account) => ({ method: "eth_getTransactionCount", params: [account.address, "pending"] })),
    );
    accounts.forEach((account, i) => this.nonces.set(account.address, Number(counts[i])));
  }

  surety<F extends Writes<typeof suretyAbi>>(
    from: LocalAccount,
    functionName: F & keyof typeof GAS,
    args: ContractFunctionArgs<typeof suretyAbi, "nonpayable" | "payable", F>,
  ): Job {
    return {
      from,
      gas: GAS[functionName],
      request: { address: this.deployment.surety, abi: suretyAbi, functionName, args: args as readonly unknown[] },
    };
  }

  token<F extends Writes<typeof mockTokenAbi>>(
    from: LocalAccount,
    functionName: F & keyof typeof GAS,
    args: ContractFunctionArgs<typeof mockTokenAbi, "nonpayable" | "payable", F>,
  ): Job {
    return {
      from,
      gas: GAS[functionName],
      request: {
        address: this.deployment.stakeToken,
        abi: mockTokenAbi,
        functionName,
        args: args as readonly unknown[],
      },
    };
  }

  /** Takes the sender's next nonce. */
  private nonce(from: LocalAccount): number {
    const nonce = this.nonces.get(from.address);
    if (nonce === undefined) throw new Error(`${from.address} is not tracked: call track() first`);
    this.nonces.set(from.address, nonce + 1);
    return nonce;
  }

  private write(job: Job, nonce: number): Promise<Hash> {
    return this.wallet.writeContract({
      ...job.request,
      account: job.from,
      chain: this.wallet.chain,
      nonce,
      gas: job.gas,
      ...FEES,
    } as WriteContractParameters);
  }

  /** Sends one call now with the sender's next nonce. */
  send(job: Job): Promise<Hash> {
    return this.write(job, this.nonce(job.from));
  }

  /** Sends every job, nonces assigned in the jobs' order, `concurrency` requests in flight; hashes in order. */
  async sendAll(jobs: readonly Job[], concurrency = 48): Promise<Hash[]> {
    const sends = jobs.map((job, i) => ({ job, i, nonce: this.nonce(job.from) }));
    const hashes: Hash[] = new Array(jobs.length);
    await pool(sends, concurrency, async ({ job, i, nonce }) => {
      hashes[i] = await this.write(job, nonce);
    });
    return hashes;
  }

  /** Receipts of `hashes`, null where not mined yet. */
  receipts(hashes: readonly Hash[]): Promise<(RawReceipt | null)[]> {
    return this.rpc.batch<RawReceipt | null>(
      hashes.map((hash) => ({ method: "eth_getTransactionReceipt", params: [hash] })),
      500,
    );
  }
}

/* ------------------------------------------------------------------------------------------------------------ */
/*                                                   SEEDING                                                    */
/* ------------------------------------------------------------------------------------------------------------ */

/** The ways a seeded pact ends. `offer` is funded from the agent's signed offer, then delivered and released. */
export const PATHS = [
  "released",
  "finalized",
  "refunded",
  "cancelled",
  "reclaimed",
  "resolved",
  "abstained",
  "defaultRuled",
  "offer",
] as const;
export type Path = (typeof PATHS)[number];

/** The pacts' paths in turn: a tenth of them each, released twice as often. */
const CYCLE: readonly Path[] = [
  "released",
  "resolved",
  "finalized",
  "refunded",
  "cancelled",
  "offer",
  "abstained",
  "reclaimed",
  "released",
  "defaultRuled",
];

/** The trust-record counters each path moves, to check the indexer's totals against. */
export type Counters = {
  pactsOffered: number;
  pactsAccepted: number;
  pactsFromOffers: number;
  pactsReleased: number;
  pactsFinalized: number;
  pactsRefunded: number;
  pactsCancelled: number;
  pactsReclaimed: number;
  disputesRuled: number;
  disputesAbstained: number;
  disputesDefaulted: number;
  slashes: number;
};

const EFFECTS: Record<Path, Partial<Counters>> = {
  released: { pactsAccepted: 1, pactsReleased: 1 },
  finalized: { pactsAccepted: 1, pactsFinalized: 1 },
  refunded: { pactsAccepted: 1, pactsRefunded: 1, slashes: 1 },
  cancelled: { pactsCancelled: 1 },
  reclaimed: { pactsReclaimed: 1 },
  resolved: { pactsAccepted: 1, disputesRuled: 1, slashes: 1 },
  abstained: { pactsAccepted: 1, disputesAbstained: 1 },
  defaultRuled: { pactsAccepted: 1, disputesDefaulted: 1 },
  offer: { pactsAccepted: 1, pactsFromOffers: 1, pactsReleased: 1 },
};

export const emptyCounters = (): Counters => ({
  pactsOffered: 0,
  pactsAccepted: 0,
  pactsFromOffers: 0,
  pactsReleased: 0,
  pactsFinalized: 0,
  pactsRefunded: 0,
  pactsCancelled: 0,
  pactsReclaimed: 0,
  disputesRuled: 0,
  disputesAbstained: 0,
  disputesDefaulted: 0,
  slashes: 0,
});

const DAY = 86_400;
const HOUR = 3_600;
/** Amounts in base units of the 6-decimal stake token, which every pact is paid in. */
const UNIT = 1_000_000n;
const MINT = 1_000_000_000n * UNIT;
const STAKE = 100_000_000n * UNIT;
const ARBITER_MIN_FEE = 1n * UNIT;
const COLLATERAL = 50n * UNIT;
const PENALTY = 20n * UNIT;
const RULING_SLASH = 10n * UNIT;
const RULING_BUYER_BPS = 7_000;

export type SeedOptions = {
  rpc: Rpc;
  deployment: LocalDeployment;
  pacts: number;
  agents: number;
  /** At most this many transactions per block: a phase then takes several blocks. Unbounded by default. */
  blockTransactions?: number;
  log: (message: string) => void;
};

export type Phase = { name: string; transactions: number; blocks: number; gasUsed: number; seconds: number };

export type SeedResult = {
  sender: Sender;
  operator: LocalAccount;
  arbiters: LocalAccount[];
  agents: LocalAccount[];
  buyers: LocalAccount[];
  /** Pacts per path. */
  paths: Record<Path, number>;
  /** What the indexer's agent rows should add up to. */
  expected: Counters;
  phases: Phase[];
  transactions: number;
  /** The seeded range: Surety's deployment block to the last block, the final empty blocks included. */
  fromBlock: bigint;
  toBlock: bigint;
  /** Blocks mined by the seed (phase blocks and the empty blocks after them). */
  blocks: number;
  finalityBlocks: number;
  seconds: number;
};

/** Blocks mined empty after the seed so that Ponder (30-block finality on unknown chains) treats it as final. */
export const FINALITY_BLOCKS = 31;

const hashOf = (text: string) => keccak256(toHex(text));

type Pact = { index: number; path: Path; terms: Terms; pactId?: bigint; offer?: SignedOffer };

/**
 * Seeds `pacts` pacts across `agents` agents (as many buyers, and a tenth as many arbiters, at least 3), then
 * mines FINALITY_BLOCKS empty blocks and turns automining back on.
 */
export async function seed(options: SeedOptions): Promise<SeedResult> {
  const { rpc, deployment, log } = options;
  const started = performance.now();
  const sender = new Sender(rpc, deployment);

  const arbiterCount = Math.max(3, Math.ceil(options.agents / 10));
  let index = 1;
  const take = (count: number) => Array.from({ length: count }, () => localAccount(index++));
  const operator = localAccount(0);
  const arbiters = take(arbiterCount);
  const agents = take(options.agents);
  const buyers = take(options.agents);
  const everyone = [operator, ...arbiters, ...agents, ...buyers];
  log(`derived ${everyone.length} accounts in ${seconds(started)} s`);

  await rpc.batch(
    everyone.map((account) => ({
      method: "hardhat_setBalance",
      params: [account.address, toHex(10n ** 24n)],
    })),
  );
  await sender.track(everyone);
  await rpc.call("evm_setAutomine", [false]);

  const phases: Phase[] = [];
  let firstBlock: bigint | undefined;
  /**
   * Sends a phase's jobs and mines them in one block (or in blocks of `blockTransactions`, sent one after the
   * other), after moving time; then checks every receipt.
   */
  const phase = async (name: string, jobs: readonly Job[], advance = 0): Promise<RawReceipt[]> => {
    const begun = performance.now();
    const size = options.blockTransactions ?? jobs.length;
    const hashes: Hash[] = [];
    const mined: RawReceipt[] = [];
    let blocks = 0;
    let sending = 0;
    for (let start = 0; start < jobs.length; start += size) {
      const chunk = jobs.slice(start, start + size);
      // Room for the whole chunk in one block (the node adds transactions while their gas limit fits). Hardhat 3's
      // node (EDR) takes evm_setBlockGasLimit; it does not know hardhat_setBlockGasLimit.
      const gas = chunk.reduce((sum, job) => sum + job.gas, 1_000_000n);
      await rpc.call("evm_setBlockGasLimit", [toHex(gas > 60_000_000n ? gas : 60_000_000n)]);
      const sendStarted = performance.now();
      const sent = await sender.sendAll(chunk);
      sending += performance.now() - sendStarted;
      hashes.push(...sent);
      if (advance > 0 && start === 0) await rpc.call("evm_increaseTime", [advance]);
      for (let tries = 0; ; tries++) {
        await rpc.call("evm_mine");
        blocks++;
        const found = await sender.receipts(sent);
        if (found.every((receipt) => receipt !== null)) {
          mined.push(...(found as RawReceipt[]));
          break;
        }
        if (tries >= 10) throw new Error(`phase ${name}: transactions still pending after ${tries + 1} blocks`);
      }
    }
    const failed = mined.filter((receipt) => receipt.status !== "0x1");
    if (failed.length > 0) {
      const sample = failed[0]!;
      const job = jobs[hashes.indexOf(sample.transactionHash)]!;
      const reason = await replay(rpc, job, BigInt(sample.blockNumber) - 1n);
      throw new Error(
        `phase ${name}: ${failed.length} of ${jobs.length} transactions failed, such as ${job.request.functionName} ` +
          `from ${job.from.address} (${sample.transactionHash}, gas used ${Number(sample.gasUsed)} of ${job.gas}): ` +
          reason,
      );
    }
    const gasUsed = mined.reduce((sum, receipt) => sum + Number(receipt.gasUsed), 0);
    firstBlock ??= BigInt(mined[0]?.blockNumber ?? "0x0");
    const record = { name, transactions: jobs.length, blocks, gasUsed, seconds: seconds(begun) };
    phases.push(record);
    log(
      `  ${name}: ${jobs.length} transactions in ${blocks} block(s), sent in ${(sending / 1000).toFixed(1)} s, ` +
        `${record.seconds} s in all`,
    );
    return mined;
  };

  // Setup: arbiters publish terms, agents stake, buyers fund themselves. Each sender's calls run in nonce order.
  const token = deployment.stakeToken;
  const maxUint = 2n ** 256n - 1n;
  await phase("setup", [
    ...arbiters.map((arbiter) => sender.surety(arbiter, "registerArbiter", [token, ARBITER_MIN_FEE, 30 * DAY])),
    ...agents.flatMap((agent) => [
      sender.token(agent, "mint", [agent.address, MINT]),
      sender.token(agent, "approve", [deployment.surety, maxUint]),
      sender.surety(agent, "depositStake", [STAKE]),
    ]),
    ...buyers.flatMap((buyer) => [
      sender.token(buyer, "mint", [buyer.address, MINT]),
      sender.token(buyer, "approve", [deployment.surety, maxUint]),
    ]),
  ]);

  // The pacts: pact i goes to agent i mod M and buyer (i div M + i) mod M, so each agent meets many buyers.
  const latest = await rpc.call<{ timestamp: Hex }>("eth_getBlockByNumber", ["latest", false]);
  const now = Number(latest.timestamp);
  const domain = offerDomain({ chainId: deployment.chainId, verifyingContract: deployment.surety });
  const byAddress = new Map(everyone.map((account) => [account.address, account]));
  const pacts: Pact[] = [];
  const paths = Object.fromEntries(PATHS.map((path) => [path, 0])) as Record<Path, number>;
  const expected = emptyCounters();
  for (let i = 0; i < options.pacts; i++) {
    const path = CYCLE[i % CYCLE.length]!;
    const agent = agents[i % agents.length]!;
    const buyer = buyers[(Math.floor(i / agents.length) + i) % buyers.length]!;
    const arbiter = arbiters[i % arbiters.length]!;
    const terms: Terms = {
      buyer: buyer.address,
      agent: agent.address,
      arbiter: arbiter.address,
      token,
      price: (100n + BigInt(i % 17)) * UNIT,
      arbiterFee: ARBITER_MIN_FEE,
      collateral: COLLATERAL,
      penalty: PENALTY,
      acceptBy: now + DAY,
      deliverBy: now + 2 * DAY,
      reviewPeriod: DAY,
      rulingPeriod: DAY,
      defaultBuyerBps: 5_000,
      termsHash: hashOf(`surety bench pact ${i}`),
    };
    const pact: Pact = { index: i, path, terms };
    if (path === "offer") {
      const offer: Offer = {
        agent: agent.address,
        buyer: buyer.address,
        arbiter: arbiter.address,
        token,
        price: terms.price,
        arbiterFee: terms.arbiterFee,
        collateral: terms.collateral,
        penalty: terms.penalty,
        deliveryPeriod: 2 * DAY,
        reviewPeriod: terms.reviewPeriod,
        rulingPeriod: terms.rulingPeriod,
        defaultBuyerBps: terms.defaultBuyerBps,
        termsHash: terms.termsHash,
        nonce: BigInt(i),
        expiry: now + DAY,
      };
      const signature = await agent.signTypedData({ domain, types: OFFER_TYPES, primaryType: "Offer", message: offer });
      pact.offer = { offer, signature };
    }
    pacts.push(pact);
    paths[path]++;
    expected.pactsOffered++;
    for (const [counter, step] of Object.entries(EFFECTS[path])) expected[counter as keyof Counters] += step;
  }
  log(`planned ${pacts.length} pacts (${paths.offer} offers signed) in ${seconds(started)} s`);

  const buyerOf = (pact: Pact) => byAddress.get(pact.terms.buyer)!;
  const agentOf = (pact: Pact) => byAddress.get(pact.terms.agent)!;
  const arbiterOf = (pact: Pact) => byAddress.get(pact.terms.arbiter)!;
  const on = (...wanted: Path[]) => pacts.filter((pact) => wanted.includes(pact.path));
  const id = (pact: Pact) => pact.pactId!;

  // Creation: the ids and the terms (an offer's deadlines are set at funding) come from the PactCreated logs.
  const created = await phase(
    "create",
    pacts.map((pact) =>
      pact.offer === undefined
        ? sender.surety(buyerOf(pact), "createPact", [pact.terms])
        : sender.surety(buyerOf(pact), "createPactFromOffer", [pact.offer.offer, pact.offer.signature]),
    ),
  );
  created.forEach((receipt, i) => {
    // PactCreated is Surety's first log of either call (the token's Transfer comes from the token).
    const first = receipt.logs.find((entry) => entry.address.toLowerCase() === deployment.surety.toLowerCase())!;
    const event = decodeEventLog({ abi: suretyAbi, eventName: "PactCreated", topics: first.topics, data: first.data });
    pacts[i]!.pactId = event.args.pactId;
    pacts[i]!.terms = event.args.terms;
  });

  const deliverable = on("released", "finalized", "resolved", "abstained", "defaultRuled", "offer");
  const disputed = on("resolved", "abstained", "defaultRuled");
  // A tenth of the agents climb one step of the ladder and come back; another tenth queue a withdrawal.
  const warned = agents.filter((_, i) => i % 10 === 3);
  const withdrawing = agents.filter((_, i) => i % 10 === 7);

  await phase(
    "accept",
    [
      ...on("released", "finalized", "refunded", "resolved", "abstained", "defaultRuled").map((pact) =>
        sender.surety(agentOf(pact), "acceptPact", [id(pact), pact.terms]),
      ),
      ...on("cancelled").map((pact) => sender.surety(buyerOf(pact), "cancelPact", [id(pact), pact.terms])),
    ],
    HOUR,
  );
  await phase(
    "deliver",
    deliverable.map((pact) =>
      sender.surety(agentOf(pact), "deliverPact", [id(pact), pact.terms, hashOf(`delivery ${pact.index}`)]),
    ),
    HOUR,
  );
  await phase(
    "release-dispute",
    [
      ...on("released", "offer").map((pact) => sender.surety(buyerOf(pact), "releasePact", [id(pact), pact.terms])),
      ...disputed.map((pact) =>
        sender.surety(buyerOf(pact), "disputePact", [id(pact), pact.terms, hashOf(`reason ${pact.index}`)]),
      ),
    ],
    HOUR,
  );
  await phase(
    "evidence",
    disputed.map((pact) =>
      sender.surety(pact.index % 2 === 0 ? buyerOf(pact) : agentOf(pact), "submitEvidence", [
        id(pact),
        pact.terms,
        hashOf(`evidence ${pact.index}`),
      ]),
    ),
    HOUR,
  );
  await phase(
    "rule",
    [
      ...on("resolved").map((pact) =>
        sender.surety(arbiterOf(pact), "resolveDispute", [
          id(pact),
          pact.terms,
          RULING_BUYER_BPS,
          RULING_SLASH,
          hashOf(`ruling ${pact.index}`),
        ]),
      ),
      ...on("abstained").map((pact) =>
        sender.surety(arbiterOf(pact), "abstain", [id(pact), pact.terms, hashOf(`abstention ${pact.index}`)]),
      ),
      ...warned.map((agent) => sender.surety(operator, "setAgentStatus", [agent.address, 1, 0n, hashOf("warning")])),
      ...withdrawing.map((agent) => sender.surety(agent, "requestWithdrawal", [STAKE / 10n])),
    ],
    HOUR,
  );
  // Past every acceptance, delivery, review and ruling deadline.
  await phase(
    "lapse",
    [
      ...on("reclaimed").map((pact) => sender.surety(buyerOf(pact), "reclaimPact", [id(pact), pact.terms])),
      ...on("refunded").map((pact) => sender.surety(buyerOf(pact), "claimRefund", [id(pact), pact.terms])),
      ...on("finalized").map((pact) => sender.surety(agentOf(pact), "finalizePact", [id(pact), pact.terms])),
      ...on("defaultRuled").map((pact) => sender.surety(buyerOf(pact), "applyDefaultRuling", [id(pact), pact.terms])),
      ...warned.map((agent) => sender.surety(operator, "recertify", [agent.address, hashOf("recertified")])),
    ],
    3 * DAY,
  );

  for (let i = 0; i < FINALITY_BLOCKS; i++) await rpc.call("evm_mine");
  await rpc.call("evm_setAutomine", [true]);
  const head = BigInt(await rpc.call<Hex>("eth_blockNumber"));
  const transactions = phases.reduce((sum, item) => sum + item.transactions, 0);
  return {
    sender,
    operator,
    arbiters,
    agents,
    buyers,
    paths,
    expected,
    phases,
    transactions,
    fromBlock: deployment.startBlock,
    toBlock: head,
    blocks: Number(head - (firstBlock ?? head)) + 1,
    finalityBlocks: FINALITY_BLOCKS,
    seconds: seconds(started),
  };
}

/** Why a failed call reverts, replayed with eth_call on the state before its block (a near guess). */
async function replay(rpc: Rpc, job: Job, block: bigint): Promise<string> {
  const data = encodeFunctionData(job.request);
  try {
    const call = { from: job.from.address, to: job.request.address, data, gas: toHex(job.gas) };
    await rpc.call("eth_call", [call, toHex(block)]);
    return "the call succeeds when replayed on the previous block's state";
  } catch (error) {
    const { data } = error as RpcError;
    const revert = typeof data === "string" ? data : (data as { data?: unknown } | undefined)?.data;
    if (typeof revert !== "string" || !revert.startsWith("0x")) return (error as Error).message;
    try {
      const decoded = decodeErrorResult({ abi: suretyAbi, data: revert as Hex });
      return `${decoded.errorName}(${decoded.args?.map(String).join(", ") ?? ""})`;
    } catch {
      return (error as Error).message;
    }
  }
}

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;
