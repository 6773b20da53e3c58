/** Arbiters: their disputes ruled, abstained and defaulted through silence, time to rule, terms and fees. */
import { MissingError, type Api, type StakeToken } from "../api.ts";
import { facts, h, link, section, table } from "../dom.ts";
import { duration, short, time, units, type TokenUnits } from "../format.ts";

type ArbiterRow = {
  address: string;
  pactsNamed: number;
  disputesAssigned: number;
  disputesRuled: number;
  disputesAbstained: number;
  disputesDefaulted: number;
  ruleSeconds: string;
  ruleCount: number;
  firstSeenAt: string;
};
const ARBITER_FIELDS =
  "address pactsNamed disputesAssigned disputesRuled disputesAbstained disputesDefaulted ruleSeconds ruleCount firstSeenAt";

const meanToRule = (row: ArbiterRow) => (row.ruleCount === 0 ? null : Number(row.ruleSeconds) / row.ruleCount);
const open = (row: ArbiterRow) =>
  row.disputesAssigned - row.disputesRuled - row.disputesAbstained - row.disputesDefaulted;

export async function arbitersPage(api: Api): Promise<HTMLElement> {
  const { arbiters } = await api.graphql<{ arbiters: { items: ArbiterRow[] } }>(
    `{ arbiters(orderBy: "disputesAssigned", orderDirection: "desc", limit: 200) { items { ${ARBITER_FIELDS} } } }`,
  );
  const rows = arbiters.items.map((row) =>
    h(
      "tr",
      { "data-arbiter": row.address },
      h("td", {}, link(`/arbiters/${row.address}`, short(row.address))),
      h("td", { class: "num" }, String(row.pactsNamed)),
      h("td", { class: "num" }, String(row.disputesAssigned)),
      h("td", { class: "num" }, String(row.disputesRuled)),
      h("td", { class: "num" }, String(row.disputesAbstained)),
      h("td", { class: "num" }, String(row.disputesDefaulted)),
      h("td", { class: "num" }, String(open(row))),
      h("td", { class: "num" }, duration(meanToRule(row))),
    ),
  );
  return h(
    "main",
    {},
    h("h1", {}, "Arbiters"),
    h("p", { class: "lede" }, "Defaulted means the ruling period ran out with no word from the arbiter."),
    rows.length === 0
      ? h("p", { class: "empty" }, "No arbiters yet: no pact has named one and none has registered.")
      : table(
          [
            "Arbiter",
            "Pacts named",
            "Disputes",
            "Ruled",
            "Abstained",
            "Defaulted (silent)",
            "Open",
            "Mean time to rule",
          ],
          rows,
          { class: "arbiters" },
        ),
  );
}

export async function arbiterPage(api: Api, address: string): Promise<HTMLElement> {
  const key = JSON.stringify(address.toLowerCase());
  const [data, stakeToken] = await Promise.all([
    api.graphql<{
      arbiters: { items: ArbiterRow[] };
      arbiterRegistrations: {
        items: { token: string; active: boolean; minFee: string; maxRulingPeriod: string; updatedAt: string }[];
      };
      arbiterFees: { items: { token: string; earned: string }[] };
      pacts: {
        items: {
          pactId: string;
          agent: string;
          buyer: string;
          disputedAt: string;
          rulingPeriod: string;
          heldUntil: string | null;
        }[];
      };
    }>(
      `{
        arbiters(where: { address: ${key} }) { items { ${ARBITER_FIELDS} } }
        arbiterRegistrations(where: { arbiter: ${key} }, limit: 100) { items { token active minFee maxRulingPeriod updatedAt } }
        arbiterFees(where: { arbiter: ${key} }, limit: 100) { items { token earned } }
        pacts(where: { arbiter: ${key}, status: "disputed" }, orderBy: "disputedAt", orderDirection: "asc", limit: 100) {
          items { pactId agent buyer disputedAt rulingPeriod heldUntil } }
      }`,
    ),
    api.stakeToken(),
  ]);
  const row = data.arbiters.items[0];
  if (row === undefined) {
    throw new MissingError("arbiter", `The indexer at ${api.url} has never seen arbiter ${address}.`);
  }
  const tokenUnits = (token: string): TokenUnits =>
    tokenIsStake(token, stakeToken) ? stakeToken : { decimals: null, symbol: null };
  const waiting = data.pacts.items.map((pact) => {
    // A ruling held for a court runs to the hold: no default ruling before then.
    const periodEnd = Number(pact.disputedAt) + Number(pact.rulingPeriod);
    const held = pact.heldUntil !== null && Number(pact.heldUntil) > periodEnd;
    return h(
      "tr",
      {},
      h("td", {}, link(`/pacts/${pact.pactId}`, `#${pact.pactId}`)),
      h("td", {}, link(`/agents/${pact.agent}`, short(pact.agent))),
      h("td", {}, time(pact.disputedAt)),
      h("td", {}, held ? [time(pact.heldUntil), h("small", {}, " (held for the court)")] : time(periodEnd)),
    );
  });
  return h(
    "main",
    {},
    h("h1", {}, "Arbiter ", h("code", { class: "address" }, address)),
    h(
      "p",
      { class: "lede" },
      `First seen ${time(row.firstSeenAt)}. `,
      link(`/parties/${address}`, "What waits on this arbiter →"),
    ),
    facts([
      ["Pacts naming this arbiter", String(row.pactsNamed)],
      ["Disputes assigned", String(row.disputesAssigned)],
      ["Ruled", String(row.disputesRuled)],
      ["Abstained", String(row.disputesAbstained)],
      ["Defaulted through silence", String(row.disputesDefaulted)],
      ["Still open", String(open(row))],
      ["Mean time to rule", duration(meanToRule(row))],
    ]),
    section(
      "Disputes waiting for a ruling",
      waiting.length === 0 ? null : table(["Pact", "Agent", "Disputed", "Ruling ends"], waiting),
      "No dispute waits on this arbiter.",
    ),
    section(
      "Published terms",
      data.arbiterRegistrations.items.length === 0
        ? null
        : table(
            ["Token", "Active", "Minimum fee", "Longest ruling period", "Updated"],
            data.arbiterRegistrations.items.map((item) =>
              h(
                "tr",
                {},
                h("td", {}, short(item.token)),
                h("td", {}, item.active ? "yes" : "no"),
                h("td", { class: "num" }, units(item.minFee, tokenUnits(item.token))),
                h("td", {}, duration(item.maxRulingPeriod)),
                h("td", {}, time(item.updatedAt)),
              ),
            ),
          ),
      "Not registered in any token.",
    ),
    section(
      "Fees earned",
      data.arbiterFees.items.length === 0
        ? null
        : table(
            ["Token", "Earned"],
            data.arbiterFees.items.map((item) =>
              h(
                "tr",
                {},
                h("td", {}, short(item.token)),
                h("td", { class: "num" }, units(item.earned, tokenUnits(item.token))),
              ),
            ),
          ),
      "No fees yet.",
    ),
  );
}

function tokenIsStake(token: string, stake: StakeToken): boolean {
  return stake.address?.toLowerCase() === token.toLowerCase();
}
