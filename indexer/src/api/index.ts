/**
 * The indexer's HTTP API: GraphQL and SQL over HTTP on every table, and the trust routes that dashboards, buyers and
 * operators call, one module each under routes/. Ponder itself serves /health, /ready, /status and /metrics.
 * GraphQL and SQL run behind the bounds of guard.ts; every refusal is JSON `{ error: { code, message, issues? } }`.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { client, graphql } from "ponder";

import { admit, installBounds, recordedRefusal, refusalIn } from "./guard.ts";
import { guardedGraphql } from "./graphql.ts";
import { refuseRepeatedParameters } from "./params.ts";
import { sqlGuard, sqlSwitch } from "./sql.ts";

import { agents } from "./routes/agents.ts";
import { pacts } from "./routes/pacts.ts";
import { parties } from "./routes/parties.ts";
import { review } from "./routes/review.ts";

installBounds();

const app = new Hono();

app.use("*", async (c, next) => {
  refuseRepeatedParameters(c.req.url);
  await next();
});
app.use("/graphql", admit);
app.use("/graphql", guardedGraphql(graphql({ db, schema }, { maxOperationDepth: 12, maxOperationTokens: 2_000 })));
app.use("/sql/*", sqlSwitch, admit, sqlGuard, client({ db, schema }));

app.route("/agents", agents);
app.route("/parties", parties);
app.route("/pacts", pacts);
app.route("/review", review);

// Ponder serves /health, /ready, /status and /metrics before this app and answers a text 404 after it: every other
// path ends here, in the API's error shape.
app.all("*", (c) =>
  c.json(
    {
      error: {
        code: "not_found",
        message: `No route ${c.req.method} ${c.req.path}: see /graphql, /sql/db, /agents, /parties, /pacts and /review.`,
      },
    },
    404,
  ),
);

// A 4xx answers as the route built it (params.ts), a statement stopped by the bounds as guard.ts says; anything
// else is the indexer's fault, said without detail.
app.onError((error, c) => {
  if (error instanceof HTTPException) return error.getResponse();
  const refusal = recordedRefusal() ?? refusalIn(error.message);
  if (refusal !== undefined) return refusal.getResponse();
  console.error(error);
  return c.json({ error: { code: "internal", message: "The indexer could not answer this request." } }, 500);
});

export default app;
