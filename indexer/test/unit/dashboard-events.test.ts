/** The trust dashboard draws every kind of history row the indexer records, in words (dashboard/src/events.ts). */
import { describe, expect, it } from "vitest";

import { EVENT_LABELS, eventLabel, eventNote } from "../../../dashboard/src/events.ts";
import { HISTORY_KINDS } from "../../src/lib/history.ts";

describe("the dashboard's words for events", () => {
  it("has a label of its own for every kind the indexer derives from the ABIs, and for no other", () => {
    expect(Object.keys(EVENT_LABELS).sort()).toEqual([...HISTORY_KINDS].sort());
    const labels = HISTORY_KINDS.map(eventLabel);
    expect(new Set(labels).size).toBe(HISTORY_KINDS.length);
    for (const label of labels) expect(label).toMatch(/^[A-Z][a-z]+( [\w:'-]+)*$/);
  });

  it("says what a held ruling and an unpaid court fee mean for the pact", () => {
    const held = eventNote("RulingHeld", { pactId: "7", arbiter: "0xad", heldUntil: 1_800_000_000 });
    expect(held).toContain("no default ruling before 2027-01-15 08:00 UTC");
    expect(eventNote("ArbitrationUnfunded", { pactId: "7", caller: "0xca" })).toContain(
      "the delivery stood and the agent was paid in full",
    );
    expect(eventNote("PactReleased", {})).toBeNull();
  });

  it("still names a kind it does not know, from a newer indexer", () => {
    expect(eventLabel("CourtSomethingNew")).toBe("Court something new");
  });
});
