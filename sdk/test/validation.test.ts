/**
 * Bad input: every action validates its parameters with zod before it signs or sends anything, and one
 * InvalidParametersError names every faulty field.
 */
import { createWalletClient, http, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";

import { abstain } from "../src/actions/arbiter/abstain.ts";
import { deregisterArbiter } from "../src/actions/arbiter/deregisterArbiter.ts";
import { registerArbiter } from "../src/actions/arbiter/registerArbiter.ts";
import { resolveDispute } from "../src/actions/arbiter/resolveDispute.ts";
import { acceptPact } from "../src/actions/agent/acceptPact.ts";
import { deliverPact } from "../src/actions/agent/deliverPact.ts";
import { depositStake } from "../src/actions/agent/depositStake.ts";
import { refundByAgent } from "../src/actions/agent/refundByAgent.ts";
import { requestWithdrawal } from "../src/actions/agent/requestWithdrawal.ts";
import { revokeOffer } from "../src/actions/agent/revokeOffer.ts";
import { signOffer } from "../src/actions/agent/signOffer.ts";
import { withdrawStake } from "../src/actions/agent/withdrawStake.ts";
import { applyDefaultRuling } from "../src/actions/anyone/applyDefaultRuling.ts";
import { claimPayout } from "../src/actions/anyone/claimPayout.ts";
import { claimPayouts } from "../src/actions/anyone/claimPayouts.ts";
import { finalizePact } from "../src/actions/anyone/finalizePact.ts";
import { cancelPact } from "../src/actions/buyer/cancelPact.ts";
import { claimRefund } from "../src/actions/anyone/claimRefund.ts";
import { createPact } from "../src/actions/buyer/createPact.ts";
import { disputePact } from "../src/actions/buyer/disputePact.ts";
import { reclaimPact } from "../src/actions/anyone/reclaimPact.ts";
import { releasePact } from "../src/actions/buyer/releasePact.ts";
import { pause } from "../src/actions/guardian/pause.ts";
import { unpause } from "../src/actions/guardian/unpause.ts";
import { logAgentException } from "../src/actions/operator/logAgentException.ts";
import { logPactException } from "../src/actions/operator/logPactException.ts";
import { recertify } from "../src/actions/operator/recertify.ts";
import { recordReviews } from "../src/actions/operator/recordReviews.ts";
import { setAgentStatus } from "../src/actions/operator/setAgentStatus.ts";
import { acceptSettlement } from "../src/actions/party/acceptSettlement.ts";
import { extendDeadline } from "../src/actions/party/extendDeadline.ts";
import { proposeSettlement } from "../src/actions/party/proposeSettlement.ts";
import { submitEvidence } from "../src/actions/party/submitEvidence.ts";
import { getAgentStatus } from "../src/actions/read/getAgentStatus.ts";
import { getArbiterTerms } from "../src/actions/read/getArbiterTerms.ts";
import { getCredit } from "../src/actions/read/getCredit.ts";
import { getPact } from "../src/actions/read/getPact.ts";
import { getPactHistory } from "../src/actions/read/getPactHistory.ts";
import { getPactTerms } from "../src/actions/read/getPactTerms.ts";
import { getProposals } from "../src/actions/read/getProposals.ts";
import { getStake } from "../src/actions/read/getStake.ts";
import { InvalidParametersError } from "../src/errors/parameters.ts";
import {
  accounts,
  agent,
  baseTerms,
  buyer,
  chain,
  deployment,
  expectInvalid,
  nonceOf,
  now,
  openPact,
  rpcUrl,
  usdc,
} from "./helpers.ts";

const BAD_ADDRESS = "must be a 0x-prefixed 20-byte address";
const BAD_ID = "must be an unsigned integer (bigint, number or digits)";

describe("createPact", () => {
  it("test_RevertWhen_ManyFieldsAreWrong_NamesEveryOne_NothingSent", async () => {
    const nonce = await nonceOf(accounts.buyer.address);
    await expectInvalid(
      createPact(buyer, {
        agent: accounts.buyer.address,
        arbiter: "0xnot",
        token: usdc,
        price: "0",
        arbiterFee: 5,
        collateral: "10",
        penalty: "20",
        acceptBy: "2d",
        deliverBy: "1d",
        reviewPeriod: "forever",
        rulingPeriod: -1,
        defaultBuyerBps: 1.5,
        terms: { a: undefined },
        extra: 1,
      } as never),
      [
        `arbiter: ${BAD_ADDRESS}`,
        "price: must be > 0",
        'arbiterFee: must be a bigint of base units (12500000n) or a decimal string ("12.5"), not a number',
        'reviewPeriod: must be seconds (bigint or integer) or a duration like "2d", "90m" or "1h30m"',
        "rulingPeriod: must be > 0",
        "defaultBuyerBps: must be an integer from 0 to 10000 (basis points)",
        "terms.a: undefined is not a JSON value",
        "extra: is not a parameter of createPact",
        "deliverBy: must be after acceptBy",
        "penalty: must be at most collateral (10000000)",
        "agent: must not be the buyer",
      ],
    );
    expect(await nonceOf(accounts.buyer.address)).toBe(nonce);
  });

  it("test_RevertWhen_TimesAndPartiesAreWrong", async () => {
    const latest = await now();
    await expectInvalid(
      createPact(buyer, {
        ...baseTerms,
        agent: zeroAddress,
        arbiter: accounts.agent.address,
        acceptBy: latest,
        deliverBy: Date.now(),
        buyer: accounts.stranger.address,
      }),
      [
        "agent: must not be the zero address",
        "deliverBy: is too far in the future (milliseconds? pass Unix seconds or a Date)",
        `acceptBy: must be after the next block's time (${latest})`,
        `buyer: must be the sending account ${accounts.buyer.address}: Surety takes the caller as the buyer`,
        `arbiter: is not registered as an arbiter for token ${usdc}`,
      ],
    );
  });

  it("test_RevertWhen_ArbiterTermsRefuseThePact", async () => {
    await expectInvalid(createPact(buyer, { ...baseTerms, arbiter: accounts.arbiter2.address }), [
      `arbiter: is not registered as an arbiter for token ${usdc}`,
    ]);
    await expectInvalid(createPact(buyer, { ...baseTerms, rulingPeriod: "61d" }), [
      "rulingPeriod: must be at most the arbiter's maximum (5184000 s)",
    ]);
  });

  it("test_RevertWhen_AmountsCannotBeRead", async () => {
    const notAToken = accounts.stranger.address;
    await expectInvalid(createPact(buyer, { ...baseTerms, token: notAToken, price: "1" }), [
      `price: cannot read a decimal amount: token ${notAToken} has no decimals() to read; pass a bigint of base units`,
      `arbiterFee: cannot read a decimal amount: token ${notAToken} has no decimals() to read; pass a bigint of base units`,
      `arbiter: is not registered as an arbiter for token ${notAToken}`,
    ]);
    await expectInvalid(createPact(buyer, { ...baseTerms, token: "0x12" as never, price: "1" }), [
      `token: ${BAD_ADDRESS}`,
      "price: cannot read a decimal amount: the token address is invalid; pass a bigint of base units",
      "arbiterFee: cannot read a decimal amount: the token address is invalid; pass a bigint of base units",
    ]);
    await expectInvalid(createPact(buyer, { ...baseTerms, price: -1n, collateral: 2n ** 256n }), [
      "price: must not be negative",
      "collateral: must fit in uint128 (at most 340282366920938463463374607431768211455)",
    ]);
  });

  it("test_RevertWhen_AddressChecksumIsWrong", async () => {
    // One letter's case flipped: mixed case whose EIP-55 checksum fails.
    const mixed = accounts.agent.address.replace("C", "c");
    expect(mixed).not.toBe(accounts.agent.address);
    await expectInvalid(createPact(buyer, { ...baseTerms, agent: mixed as never }), [
      "agent: has an invalid checksum (mixed case that is not EIP-55)",
    ]);
  });

  it("test_RevertWhen_OfferShapeIsWrong", async () => {
    await expectInvalid(
      createPact(buyer, {
        offer: { agent: accounts.agent.address, price: "12.5" },
        signature: "0x1234",
      } as never),
      [
        `offer.buyer: is required`,
        `offer.arbiter: is required`,
        `offer.token: is required`,
        `offer.price: ${BAD_ID}`,
        "offer.arbiterFee: is required",
        "offer.collateral: is required",
        "offer.penalty: is required",
        "offer.deliveryPeriod: is required",
        "offer.reviewPeriod: is required",
        "offer.rulingPeriod: is required",
        "offer.defaultBuyerBps: is required",
        "offer.termsHash: is required",
        "offer.nonce: is required",
        "offer.expiry: is required",
        "signature: must be a hex signature of at least 64 bytes",
      ],
    );
  });
});

describe("every action", () => {
  const wrongTerms = { buyer: "0x1" } as never;
  const cases: [string, () => Promise<unknown>, string[]][] = [
    [
      "depositStake",
      () => depositStake(agent, { amount: 1.5 } as never),
      ['amount: must be a bigint of base units (12500000n) or a decimal string ("12.5"), not a number'],
    ],
    [
      "depositStake allowance",
      () => depositStake(agent, { amount: 1n, allowance: "maybe" } as never),
      ["allowance: must be one of auto, permit, approve, none"],
    ],
    [
      "requestWithdrawal",
      () => requestWithdrawal(agent, { amount: 2n ** 128n }),
      ["amount: must fit in uint128 (at most 340282366920938463463374607431768211455)"],
    ],
    ["withdrawStake", () => withdrawStake(agent, { recipient: "nobody" } as never), [`recipient: ${BAD_ADDRESS}`]],
    ["acceptPact", () => acceptPact(agent, { pactId: -1 }), [`pactId: must not be negative`]],
    [
      "acceptPact terms",
      () => acceptPact(agent, { pactId: 1n, terms: wrongTerms }),
      [
        `terms.buyer: ${BAD_ADDRESS}`,
        "terms.agent: is required",
        "terms.arbiter: is required",
        "terms.token: is required",
        "terms.price: is required",
        "terms.arbiterFee: is required",
        "terms.collateral: is required",
        "terms.penalty: is required",
        "terms.acceptBy: is required",
        "terms.deliverBy: is required",
        "terms.reviewPeriod: is required",
        "terms.rulingPeriod: is required",
        "terms.defaultBuyerBps: is required",
        "terms.termsHash: is required",
      ],
    ],
    [
      "deliverPact",
      () => deliverPact(agent, { pactId: "one" } as never),
      [`pactId: ${BAD_ID}`, "delivery: is required"],
    ],
    [
      "signOffer",
      () => signOffer(agent, {} as never),
      [
        "arbiter: is required",
        "token: is required",
        "price: is required",
        "deliveryPeriod: is required",
        "reviewPeriod: is required",
        "rulingPeriod: is required",
        "defaultBuyerBps: is required",
        "terms: is required",
        "expiry: is required",
      ],
    ],
    ["revokeOffer", () => revokeOffer(agent, { nonce: 1.5 }), [`nonce: ${BAD_ID}`]],
    [
      "cancelPact",
      () => cancelPact(buyer, { pactId: 1n, extra: true } as never),
      ["extra: is not a parameter of cancelPact"],
    ],
    ["releasePact", () => releasePact(buyer, {} as never), ["pactId: is required"]],
    [
      "disputePact",
      () => disputePact(buyer, { pactId: 1n, reason: "0xabcd", permitDeadline: "soon" }),
      [
        "reason: looks like a hex hash but is 2 bytes, not 32: pass a 32-byte hash, or text",
        'permitDeadline: must be a Date, Unix seconds (bigint or integer), or a duration from the next block\'s time like "3d" or "90m"',
      ],
    ],
    [
      "claimRefund",
      () => claimRefund(buyer, { pactId: 1n, account: "0x1" } as never),
      ["account: must be a viem Account or an address"],
    ],
    [
      "reclaimPact",
      () => reclaimPact(buyer, { pactId: 2n ** 256n }),
      [
        "pactId: must fit in uint256 (at most 115792089237316195423570985008687907853269984665640564039457584007913129639935)",
      ],
    ],
    [
      "registerArbiter",
      () => registerArbiter(buyer, { token: usdc, minFee: "1.0000001", maxRulingPeriod: 0 }),
      ["minFee: has more decimal places than the token's 6", "maxRulingPeriod: must be > 0"],
    ],
    ["deregisterArbiter", () => deregisterArbiter(buyer, {} as never), ["token: is required"]],
    [
      "resolveDispute",
      () => resolveDispute(buyer, { pactId: 1n, buyerBps: -1, ruling: null as never }),
      ["buyerBps: must be an integer from 0 to 10000 (basis points)"],
    ],
    [
      "abstain",
      () => abstain(buyer, { pactId: 1n, ruling: [1, Number.POSITIVE_INFINITY] }),
      ["ruling.1: Infinity is not a finite number"],
    ],
    ["submitEvidence", () => submitEvidence(buyer, { pactId: 1n } as never), ["evidence: is required"]],
    ["finalizePact", () => finalizePact(buyer, { pactId: null } as never), [`pactId: ${BAD_ID}`]],
    [
      "applyDefaultRuling",
      () => applyDefaultRuling(buyer, { pactId: 1n, terms: 5 } as never),
      ["terms: must be an object"],
    ],
    [
      "claimPayout",
      () => claimPayout(buyer, { token: usdc, recipient: zeroAddress }),
      ["recipient: must not be the zero address"],
    ],
    [
      "claimPayouts",
      () => claimPayouts(buyer, { tokens: usdc } as never),
      ["tokens: must be a non-empty array of token addresses"],
    ],
    [
      "proposeSettlement",
      () => proposeSettlement(buyer, { pactId: 1n, buyerBps: "50%" } as never),
      ["buyerBps: must be an integer from 0 to 10000 (basis points)"],
    ],
    ["acceptSettlement", () => acceptSettlement(buyer, { pactId: 1n } as never), ["buyerBps: is required"]],
    ["refundByAgent", () => refundByAgent(buyer, { pactId: -1 }), ["pactId: must not be negative"]],
    [
      "extendDeadline",
      () => extendDeadline(buyer, { pactId: 1n, deliverBy: Date.now() }),
      ["deliverBy: is too far in the future (milliseconds? pass Unix seconds or a Date)"],
    ],
    [
      "setAgentStatus",
      () => setAgentStatus(buyer, { agent: usdc, status: "narrowed", cap: "x", reason: "r" }),
      ['cap: must be a bigint of base units (12500000n) or a decimal string in the token\'s units ("12.5")'],
    ],
    ["recertify", () => recertify(buyer, { agent: accounts.agent.address } as never), ["reason: is required"]],
    [
      "recordReviews",
      () => recordReviews(buyer, { reviews: [{ agent: usdc, decision: "narrow", cap: "x", evidence: "r" }] }),
      ['reviews.0.cap: must be a bigint of base units (12500000n) or a decimal string in the token\'s units ("12.5")'],
    ],
    [
      "logAgentException",
      () => logAgentException(buyer, { agent: accounts.agent.address, kind: "rescue" } as never),
      ["note: is required"],
    ],
    [
      "logPactException",
      () => logPactException(buyer, { pactId: 1n, kind: "note", note: "x" } as never),
      ["kind: must be one of exception, rescue"],
    ],
    [
      "pause",
      () => pause(buyer, { deployment: { ...deployment, chainId: 0 } }),
      ["deployment.chainId: must be a chain id (a positive integer)"],
    ],
    ["unpause", () => unpause(buyer, { now: 1 } as never), ["now: is not a parameter of unpause"]],
    ["getPact", () => getPact(buyer, { pactId: 1n, terms: null as never }), ["terms: must be an object"]],
    ["getPactTerms", () => getPactTerms(buyer, {} as never), ["pactId: is required"]],
    [
      "getPactHistory",
      () => getPactHistory(buyer, { pactId: 1n, fromBlock: -1n }),
      ["fromBlock: must not be negative"],
    ],
    ["getProposals", () => getProposals(buyer, { pactId: "x" } as never), [`pactId: ${BAD_ID}`]],
    ["getStake", () => getStake(buyer, { agent: "0x" } as never), [`agent: ${BAD_ADDRESS}`]],
    ["getAgentStatus", () => getAgentStatus(buyer, {} as never), ["agent: is required"]],
    ["getCredit", () => getCredit(buyer, { token: usdc } as never), ["account: is required"]],
    [
      "getArbiterTerms",
      () => getArbiterTerms(buyer, { arbiter: 1 } as never),
      [`arbiter: ${BAD_ADDRESS}`, "token: is required"],
    ],
  ];

  // One block per action, named after it: `<action> > test_RevertWhen_ParametersInvalid`.
  describe.each(cases)("%s", (_, call, issues) => {
    it("test_RevertWhen_ParametersInvalid", async () => {
      const nonce = await nonceOf(accounts.buyer.address);
      await expectInvalid(call(), issues);
      expect(await nonceOf(accounts.buyer.address)).toBe(nonce);
    });
  });

  it("test_RevertWhen_NoAccount", async () => {
    const accountless = createWalletClient({ chain, transport: http(rpcUrl) });
    const error = await expectInvalid(acceptPact(accountless, { pactId: 1n, terms: (await openPact()).terms }), [
      "account: is required: pass `account`, or use a client that has one",
    ]);
    expect(error.action).toBe("acceptPact");
  });

  it("test_RevertWhen_DeploymentIsForAnotherChain", async () => {
    await expectInvalid(cancelPact(buyer, { pactId: 1n, deployment: { ...deployment, chainId: 1 } }), [
      "deployment: is on chain 1 but the client is on chain 31337",
    ]);
    const error = await cancelPact(buyer, { pactId: 1n, deployment: { ...deployment, surety: "0x0" as never } }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidParametersError);
    expect((error as InvalidParametersError).issues).toEqual([{ path: "deployment.surety", message: BAD_ADDRESS }]);
  });
});
