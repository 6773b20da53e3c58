/**
 * The indexer's HTTP API: GraphQL and SQL over HTTP on every table, and the trust routes that dashboards, buyers and
 * operators call, one module each under routes/. Ponder itself serves /health, /ready, /status and /metrics.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { client, graphql } from "ponder";

import { agents } from "./routes/agents.ts";
import { pacts } from "./routes/pacts.ts";
import { parties } from "./routes/parties.ts";

const app = new Hono();

app.use("/graphql", graphql({ db, schema }, { maxOperationDepth: 12, maxOperationTokens: 2_000 }));
app.use("/sql/*", client({ db, schema }));

app.route("/agents", agents);
app.route("/parties", parties);
app.route("/pacts", pacts);

// A 400 or 404 answers as the route built it (params.ts); anything else is the indexer's fault, said without detail.
app.onError((error, c) => {
  if (error instanceof HTTPException) return error.getResponse();
  console.error(error);
  return c.json({ error: { code: "internal", message: "The indexer could not answer this request." } }, 500);
});

export default app;
