/**
 * The dashboard's entry: learns the indexer's URL (`?api=` or the server's /config.json), routes on the hash,
 * and shows each page or a clear state: loading, indexer unreachable or not ready, not found.
 */
import { parseIsoWeek, validateAddress } from "@surety/sdk";

import { createApi, MissingError, NotReadyError, UnreachableError, type Api } from "./api.ts";
import { h, link } from "./dom.ts";
import { agentPage } from "./pages/agent.ts";
import { agentsPage, agentsQuery } from "./pages/agents.ts";
import { arbiterPage, arbitersPage } from "./pages/arbiter.ts";
import { pactPage } from "./pages/pact.ts";
import { partyIndex, partyPage } from "./pages/party.ts";
import { reviewPage } from "./pages/review.ts";

const NOT_READY_RETRY_MS = 2_000;

/** A route that cannot be served: shown as a page with a title, never thrown further. */
class PageError extends Error {
  readonly title: string;

  constructor(title: string, message: string) {
    super(message);
    this.title = title;
  }
}

const NAV: [string, string][] = [
  ["/agents", "Agents"],
  ["/review", "Operator review"],
  ["/arbiters", "Arbiters"],
  ["/parties", "Pending"],
];

/** `?api=`, else what the dashboard's server wrote into the page, else its /config.json. */
async function apiUrl(): Promise<string> {
  const fromQuery = new URLSearchParams(location.search).get("api");
  if (fromQuery) return fromQuery;
  const fromPage = document.querySelector<HTMLMetaElement>('meta[name="surety-api"]')?.content;
  if (fromPage) return fromPage;
  const response = await fetch("config.json");
  if (!response.ok)
    throw new PageError(
      "No indexer configured",
      "The dashboard's server gave no config.json; open it with ?api=<indexer URL>.",
    );
  return ((await response.json()) as { apiUrl: string }).apiUrl;
}

function route(api: Api, hash: string): Promise<HTMLElement> | HTMLElement {
  const [path = "", search = ""] = hash.replace(/^#/, "").split("?");
  const parts = path.split("/").filter(Boolean);
  const params = new URLSearchParams(search);
  // The SDK's rule and words, as the indexer's API answers a bad address.
  const address = (value: string | undefined) => {
    const result = validateAddress(value);
    if (result.problem !== undefined) throw new PageError("Not an address", `"${value ?? ""}" ${result.problem}.`);
    return result.address;
  };
  // The SDK's rule and words, as the indexer's API answers a bad week label.
  const week = (value: string | undefined) => {
    if (value === undefined || value === "current") return "current";
    const result = parseIsoWeek(value);
    if (result.problem !== undefined) throw new PageError("Not an ISO week", `"${value}" ${result.problem}.`);
    return value;
  };
  switch (parts[0]) {
    case undefined:
    case "agents":
      return parts[1] === undefined ? agentsPage(api, agentsQuery(params)) : agentPage(api, address(parts[1]));
    case "pacts":
      if (parts[1] === undefined || !/^\d{1,78}$/.test(parts[1])) {
        throw new PageError("Not a pact id", `"${parts[1] ?? ""}" is not a pact id (a whole number).`);
      }
      return pactPage(api, parts[1]);
    case "arbiters":
      return parts[1] === undefined ? arbitersPage(api) : arbiterPage(api, address(parts[1]));
    case "parties":
      return parts[1] === undefined ? partyIndex() : partyPage(api, address(parts[1]));
    case "review":
      return reviewPage(api, week(parts[1]));
    default:
      throw new PageError("No such page", `The dashboard has no page at #${path}.`);
  }
}

function errorPage(error: unknown, api: Api | undefined, retry: () => void): HTMLElement {
  const page = (title: string, state: string, ...body: (Node | string)[]) =>
    h("main", { class: "state", "data-state": state }, h("h1", {}, title), ...body);
  const again = h("button", { type: "button", onclick: retry }, "Try again");
  if (error instanceof UnreachableError) {
    return page(
      "Indexer unreachable",
      "unreachable",
      h("p", {}, "The dashboard could not reach the indexer at ", h("code", {}, error.url), "."),
      h("p", {}, "Is it running? `npm start` starts it; open the dashboard with ?api=<URL> to use another."),
      h("p", { class: "detail" }, error.message),
      again,
    );
  }
  if (error instanceof NotReadyError) {
    return page(
      "Indexer not ready",
      "not-ready",
      h("p", {}, "The indexer at ", h("code", {}, error.url), " is still catching up with the chain."),
      h("p", {}, "This page retries by itself every few seconds."),
    );
  }
  if (error instanceof MissingError) {
    const what = error.what.charAt(0).toUpperCase() + error.what.slice(1);
    const back = error.what === "week" ? link("/review", "← The current week") : link("/agents", "← All agents");
    return page(`${what} not found`, "not-found", h("p", {}, error.message), back);
  }
  if (error instanceof PageError)
    return page(error.title, "bad-route", h("p", {}, error.message), link("/agents", "← All agents"));
  console.error(error);
  return page(
    "Something went wrong",
    "error",
    h(
      "p",
      {},
      "The indexer",
      api === undefined ? "" : ` at ${api.url}`,
      " gave an answer the dashboard could not show:",
    ),
    h("p", { class: "detail" }, error instanceof Error ? error.message : String(error)),
    again,
  );
}

async function main(): Promise<void> {
  const root = document.getElementById("page")!;
  const nav = document.getElementById("nav")!;
  nav.replaceChildren(...NAV.map(([path, label]) => h("a", { href: `#${path}`, "data-route": path }, label)));
  const source = document.getElementById("source")!;

  let api: Api | undefined;
  let rendering = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const render = async () => {
    const ticket = ++rendering;
    clearTimeout(retryTimer);
    delete document.body.dataset.rendered;
    const hash = location.hash || "#/agents";
    for (const item of nav.querySelectorAll("a")) {
      item.classList.toggle("on", hash.startsWith(`#${item.dataset.route!}`));
    }
    root.replaceChildren(
      h("main", { class: "state", "data-state": "loading", "aria-busy": "true" }, h("p", {}, "Loading…")),
    );
    let page: HTMLElement;
    try {
      api ??= createApi(await apiUrl());
      source.replaceChildren("Reading ", h("a", { href: `${api.url}/graphql` }, api.url));
      // Both at once, to save a round trip; a not-ready indexer is reported even when the route answered.
      const current = api;
      const [ready, shown] = await Promise.allSettled([current.ready(), (async () => route(current, hash))()]);
      if (ready.status === "rejected") throw ready.reason;
      if (shown.status === "rejected") throw shown.reason;
      page = shown.value;
    } catch (error) {
      page = errorPage(error, api, () => void render());
      if (error instanceof NotReadyError) retryTimer = setTimeout(() => void render(), NOT_READY_RETRY_MS);
    }
    if (ticket !== rendering) return;
    root.replaceChildren(page);
    performance.mark("surety:rendered", { detail: hash });
    document.title = `${page.querySelector("h1")?.textContent ?? "Surety"} · Surety trust dashboard`;
    // What the page shows now, for tests and scripts that wait on it.
    document.body.dataset.rendered = hash;
  };

  window.addEventListener("hashchange", () => void render());
  await render();
}

void main();
