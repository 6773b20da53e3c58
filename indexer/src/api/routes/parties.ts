/**
 * GET /parties/:address/pending: what waits on an address, as buyer, agent or arbiter of a live pact (its next step,
 * and an answer to what the other party proposed), soonest deadline first; payouts to claim; a queued withdrawal.
 */
import { LIVE_PACT_STATUSES, type PendingResponse } from "@surety/sdk";
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { and, asc, eq, gt, inArray, or } from "ponder";
import { z } from "zod";

import { effectiveStatus } from "../../lib/status.ts";
import { asOf, clockOf } from "../clock.ts";
import { amountOf, checksum, pendingActionsOf } from "../format.ts";
import { addressParam, chainIdParam, parse } from "../params.ts";
import { stakeTokenInfo, tokenInfo } from "../tokens.ts";
import { pactView, sendJson } from "../views.ts";

const { pact, payoutCredit, stakePosition } = schema;

export const parties = new Hono();

parties.get("/:address/pending", async (c) => {
  const { address, chainId } = parse(z.strictObject({ address: addressParam, chainId: chainIdParam }), {
    ...c.req.query(),
    address: c.req.param("address"),
  });
  const clock = await clockOf(chainId);
  const now = clock?.timestamp ?? 0n;
  const [pacts, credits, [stake]] = await Promise.all([
    db
      .select()
      .from(pact)
      .where(
        and(
          eq(pact.chainId, chainId),
          inArray(pact.status, [...LIVE_PACT_STATUSES]),
          or(eq(pact.buyer, address), eq(pact.agent, address), eq(pact.arbiter, address)),
        ),
      )
      .orderBy(asc(pact.pactId))
      .limit(1_000),
    db
      .select()
      .from(payoutCredit)
      .where(and(eq(payoutCredit.chainId, chainId), eq(payoutCredit.account, address), gt(payoutCredit.owed, 0n))),
    db
      .select()
      .from(stakePosition)
      .where(and(eq(stakePosition.chainId, chainId), eq(stakePosition.agent, address))),
  ]);

  const actions: PendingResponse["actions"] = [];
  for (const row of pacts) {
    const view = await pactView(row, now);
    for (const item of pendingActionsOf(row, effectiveStatus(row, now), address, now)) {
      actions.push({ ...item, pact: view });
    }
  }
  actions.sort((a, b) => (a.deadline ?? Number.MAX_SAFE_INTEGER) - (b.deadline ?? Number.MAX_SAFE_INTEGER));

  const withdrawal =
    stake !== undefined && stake.queued > 0n
      ? {
          action: "withdraw-stake" as const,
          amount: amountOf(await stakeTokenInfo(), stake.queued),
          readyAt: Number(stake.readyAt),
          ready: stake.readyAt <= now,
        }
      : null;
  return sendJson<PendingResponse>(c, {
    address: checksum(address),
    chainId,
    asOf: asOf(clock),
    actions,
    claims: await Promise.all(
      credits.map(async (credit) => ({
        action: "claim-payout",
        owed: amountOf(await tokenInfo(credit.token), credit.owed),
      })),
    ),
    withdrawal,
  });
});
