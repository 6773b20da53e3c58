/** Agents ranked by the trust API, sortable by column and filterable by ladder status and address. */
import { AGENT_STATUSES, type AgentOrderBy, type AgentStatus, type AgentSummary } from "@surety/sdk";

import type { Api } from "../api.ts";
import { h, link } from "../dom.ts";
import { amount, badge, coverage, percent, short, STATUS_LABELS } from "../format.ts";

const PAGE = 200;

type Column = {
  label: string;
  orderBy?: AgentOrderBy;
  numeric?: boolean;
  cell: (agent: AgentSummary) => Node | string;
};

const COLUMNS: Column[] = [
  { label: "Agent", cell: (agent) => link(`/agents/${agent.address}`, short(agent.address)) },
  { label: "Status", orderBy: "status", cell: (agent) => badge(agent.status) },
  { label: "Stake", orderBy: "stake", numeric: true, cell: (agent) => amount(agent.stake.staked) },
  { label: "Free stake", orderBy: "free", numeric: true, cell: (agent) => amount(agent.stake.free) },
  { label: "Open exposure", orderBy: "locked", numeric: true, cell: (agent) => amount(agent.stake.locked) },
  { label: "Coverage", orderBy: "coverage", numeric: true, cell: (agent) => coverage(agent.coverage) },
  { label: "Settled", orderBy: "settled", numeric: true, cell: (agent) => String(agent.pacts.settled) },
  { label: "Disputes", orderBy: "disputes", numeric: true, cell: (agent) => String(agent.disputes.opened) },
  { label: "Slashed", orderBy: "slashed", numeric: true, cell: (agent) => amount(agent.slashes.total) },
  { label: "On time", orderBy: "onTime", numeric: true, cell: (agent) => percent(agent.rates.onTime) },
];

export type AgentsQuery = {
  orderBy: AgentOrderBy;
  order: "asc" | "desc";
  status: AgentStatus[];
  offset: number;
  search: string;
};

export function agentsQuery(params: URLSearchParams): AgentsQuery {
  const orderBy = COLUMNS.find((column) => column.orderBy === params.get("orderBy"))?.orderBy ?? "settled";
  const known: readonly string[] = AGENT_STATUSES;
  return {
    orderBy,
    order: params.get("order") === "asc" ? "asc" : "desc",
    status: (params.get("status") ?? "").split(",").filter((item) => known.includes(item)) as AgentStatus[],
    offset: Math.max(0, Number(params.get("offset")) || 0),
    search: params.get("q") ?? "",
  };
}

function routeOf(query: AgentsQuery): string {
  const params = new URLSearchParams({ orderBy: query.orderBy, order: query.order });
  if (query.status.length > 0) params.set("status", query.status.join(","));
  if (query.offset > 0) params.set("offset", String(query.offset));
  if (query.search !== "") params.set("q", query.search);
  return `/agents?${params}`;
}

export async function agentsPage(api: Api, query: AgentsQuery): Promise<HTMLElement> {
  const list = await api.trust.listAgents({
    orderBy: query.orderBy,
    order: query.order,
    status: query.status.length > 0 ? query.status : undefined,
    limit: PAGE,
    offset: query.offset,
  });

  const statusFilter = h(
    "div",
    { class: "filters", role: "group", "aria-label": "Ladder status" },
    h("span", { class: "label" }, "Status"),
    AGENT_STATUSES.map((status) => {
      const on = query.status.includes(status);
      const next = on ? query.status.filter((item) => item !== status) : [...query.status, status];
      return h(
        "a",
        { href: `#${routeOf({ ...query, status: next, offset: 0 })}`, class: on ? "chip on" : "chip" },
        STATUS_LABELS[status],
      );
    }),
  );
  const search = h("input", {
    type: "search",
    placeholder: "Filter by address",
    value: query.search,
    "aria-label": "Filter by address",
  });

  const header = h(
    "tr",
    {},
    COLUMNS.map((column) => {
      if (column.orderBy === undefined) return h("th", {}, column.label);
      const active = column.orderBy === query.orderBy;
      const order = active && query.order === "desc" ? "asc" : "desc";
      return h(
        "th",
        { class: column.numeric ? "num" : "", "aria-sort": active ? `${query.order}ending` : null },
        h(
          "a",
          { href: `#${routeOf({ ...query, orderBy: column.orderBy, order, offset: 0 })}` },
          column.label,
          active ? (query.order === "desc" ? " ▼" : " ▲") : "",
        ),
      );
    }),
  );
  const rows = list.agents.map((agent) =>
    h(
      "tr",
      { "data-agent": agent.address.toLowerCase() },
      COLUMNS.map((column) => h("td", { class: column.numeric ? "num" : "" }, column.cell(agent))),
    ),
  );
  const body = h("tbody", {}, rows);
  const filter = () => {
    const needle = search.value.trim().toLowerCase();
    for (const row of rows) row.hidden = needle !== "" && !row.dataset.agent!.includes(needle);
  };
  search.addEventListener("input", filter);
  filter();

  const pager = h(
    "p",
    { class: "pager" },
    `Agents ${list.agents.length === 0 ? 0 : query.offset + 1}–${query.offset + list.agents.length}`,
    query.offset > 0 ? link(routeOf({ ...query, offset: Math.max(0, query.offset - PAGE) }), "← Previous") : null,
    list.hasMore ? link(routeOf({ ...query, offset: query.offset + PAGE }), "Next →") : null,
  );

  const empty =
    query.status.length > 0
      ? "No agents at these steps of the ladder."
      : "No agents yet: the indexer has seen no agent stake, accept a pact or take a ladder step.";
  return h(
    "main",
    {},
    h("h1", {}, "Agents"),
    h(
      "p",
      { class: "lede" },
      "Ranked by the indexer's trust API. Click a column to sort; coverage is free stake over open exposure.",
    ),
    h("div", { class: "toolbar" }, statusFilter, search),
    list.agents.length === 0
      ? h("p", { class: "empty" }, empty)
      : h("div", { class: "scroll" }, h("table", { class: "agents" }, h("thead", {}, header), body), pager),
  );
}
