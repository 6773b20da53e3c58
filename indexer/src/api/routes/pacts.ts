/** GET /pacts/:pactId: the pact with its effective status and standing proposals, and its timeline of every event. */
import type { PactTimelineResponse } from "@surety/sdk";
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { and, asc, eq } from "ponder";
import { z } from "zod";

import { asOf, clockOf } from "../clock.ts";
import { chainIdParam, NotFound, pactIdParam, parse } from "../params.ts";
import { pactView, sendJson, timelineEntry } from "../views.ts";

const { historyEvent, pact } = schema;

export const pacts = new Hono();

pacts.get("/:pactId", async (c) => {
  const { pactId, chainId } = parse(z.strictObject({ pactId: pactIdParam, chainId: chainIdParam }), {
    ...c.req.query(),
    pactId: c.req.param("pactId"),
  });
  const [row] = await db
    .select()
    .from(pact)
    .where(and(eq(pact.chainId, chainId), eq(pact.pactId, pactId)));
  if (row === undefined) throw new NotFound(`No pact ${pactId} on chain ${chainId}.`);
  const clock = await clockOf(chainId);
  const events = await db
    .select()
    .from(historyEvent)
    .where(and(eq(historyEvent.chainId, chainId), eq(historyEvent.pactId, pactId)))
    .orderBy(asc(historyEvent.blockNumber), asc(historyEvent.logIndex));
  return sendJson<PactTimelineResponse>(c, {
    asOf: asOf(clock),
    pact: await pactView(row, clock?.timestamp ?? 0n),
    timeline: await Promise.all(events.map(timelineEntry)),
  });
});
