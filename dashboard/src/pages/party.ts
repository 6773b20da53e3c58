/** What waits on an address: its pending actions with deadlines, payouts to claim and stake to withdraw. */
import type { PendingAction } from "@surety/sdk";

import type { Api } from "../api.ts";
import { h, link, section, table } from "../dom.ts";
import { amount, relative, time } from "../format.ts";

const ACTION_LABELS: Record<PendingAction, string> = {
  accept: "Accept",
  cancel: "Cancel (or wait for the agent)",
  reclaim: "Reclaim the price",
  deliver: "Deliver",
  "claim-refund": "Claim the refund and slash",
  "release-or-dispute": "Release or dispute",
  finalize: "Finalize",
  rule: "Rule",
  "submit-evidence": "Submit evidence",
  "apply-default-ruling": "Apply the default ruling",
  "accept-settlement": "Accept or answer the settlement proposal",
  "agree-extension": "Agree to the later deadline, or not",
};

export function partyForm(): HTMLElement {
  const input = h("input", {
    type: "text",
    name: "address",
    placeholder: "0x… a buyer's, agent's or arbiter's address",
    "aria-label": "Address",
    size: 46,
    pattern: "^0x[0-9a-fA-F]{40}$",
    required: true,
  });
  return h(
    "form",
    {
      class: "lookup",
      onsubmit: (event: Event) => {
        event.preventDefault();
        location.hash = `#/parties/${input.value.trim()}`;
      },
    },
    input,
    h("button", { type: "submit" }, "Show what waits"),
  );
}

export async function partyPage(api: Api, address: string): Promise<HTMLElement> {
  const pending = await api.trust.getPending(address as `0x${string}`);
  const now = pending.asOf?.timestamp ?? null;
  const actions = pending.actions.map((item) =>
    h(
      "tr",
      { "data-action": item.action },
      h("td", {}, ACTION_LABELS[item.action]),
      h("td", {}, item.role),
      h("td", {}, link(`/pacts/${item.pact.pactId}`, `#${item.pact.pactId}`)),
      h("td", {}, item.pact.effectiveStatus),
      h("td", { class: "num" }, amount(item.pact.price)),
      h(
        "td",
        {},
        item.deadline === null
          ? "Any time: no deadline"
          : [time(item.deadline), h("small", {}, ` (${relative(item.deadline, now)})`)],
      ),
    ),
  );
  const claims = pending.claims.map((claim) => h("li", {}, `Claim a payout of ${amount(claim.owed)}`));
  if (pending.withdrawal !== null) {
    const { amount: queued, readyAt, ready } = pending.withdrawal;
    claims.push(
      h(
        "li",
        {},
        `Withdraw ${amount(queued)} of stake: ${ready ? "ready now" : `ready ${time(readyAt)} (${relative(readyAt, now)})`}`,
      ),
    );
  }
  const nothing = actions.length === 0 && claims.length === 0;
  return h(
    "main",
    {},
    h("h1", {}, "Pending for ", h("code", { class: "address" }, pending.address)),
    h(
      "p",
      { class: "lede" },
      `As of ${time(now)}, soonest deadline first. `,
      link(`/agents/${pending.address}`, "Trust record →"),
      " ",
      link(`/arbiters/${pending.address}`, "Arbiter record →"),
    ),
    partyForm(),
    nothing
      ? h("p", { class: "empty" }, "Nothing waits on this address.")
      : [
          section(
            "Actions",
            actions.length === 0
              ? null
              : table(["Action", "As", "Pact", "Pact status", "Price", "Deadline"], actions, { class: "pending" }),
            "No pact waits on this address.",
          ),
          section(
            "Money to collect",
            claims.length === 0 ? null : h("ul", {}, claims),
            "Nothing to claim or withdraw.",
          ),
        ],
  );
}

export function partyIndex(): HTMLElement {
  return h(
    "main",
    {},
    h("h1", {}, "What waits on an address"),
    h("p", { class: "lede" }, "A buyer, agent or arbiter checking in: pacts to act on, with their deadlines."),
    partyForm(),
  );
}
