import { describe, expect, it } from "vitest";

import { acceptPact } from "../../src/actions/agent/acceptPact.ts";
import { depositStake } from "../../src/actions/agent/depositStake.ts";
import { deliverPact } from "../../src/actions/agent/deliverPact.ts";
import { setAgentStatus } from "../../src/actions/operator/setAgentStatus.ts";
import { watchAgentEvents } from "../../src/actions/watch/watchAgentEvents.ts";
import { watchPactEvents } from "../../src/actions/watch/watchPactEvents.ts";
import type { PactEventName, SuretyEventLog } from "../../src/utils/events.ts";
import {
  accounts,
  agent,
  deployment,
  expectInvalid,
  openPact,
  operator,
  publicClient,
  stake,
  testClient,
  walletOf,
} from "../helpers.ts";

/** Collects what a watcher delivers until `done` says enough, or fails after a few seconds. */
function collect<event>() {
  const events: event[] = [];
  let notify = () => {};
  return {
    events,
    onEvents: (batch: event[]) => {
      events.push(...batch);
      notify();
    },
    until: (count: number) =>
      new Promise<event[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${events.length} of ${count} events arrived`)), 5_000);
        notify = () => {
          if (events.length >= count) {
            clearTimeout(timer);
            resolve(events);
          }
        };
        notify();
      }),
  };
}

describe("watchPactEvents", () => {
  it("test_ForOnePact_DeliversItsEventsInOrder", async () => {
    await stake();
    const first = await openPact();
    const second = await openPact();
    // A new filter also sees the latest block: start from an empty one.
    await testClient.mine({ blocks: 1 });
    const sink = collect<SuretyEventLog<PactEventName>>();
    const unwatch = watchPactEvents(publicClient, {
      pactId: second.pactId,
      pollingInterval: 50,
      onEvents: sink.onEvents,
    });
    try {
      await acceptPact(agent, first);
      await acceptPact(agent, second);
      await deliverPact(agent, { ...second, delivery: "done" });
      const events = await sink.until(2);
      expect(events.map((event) => event.eventName)).toEqual(["PactAccepted", "PactDelivered"]);
      expect(events.every((event) => event.args.pactId === second.pactId)).toBe(true);
    } finally {
      unwatch();
    }
  });

  it("test_ForOneEvent_FiltersOnTheIndexedId", async () => {
    await stake();
    const sink = collect<SuretyEventLog<"PactCreated">>();
    const unwatch = watchPactEvents(publicClient, {
      eventName: "PactCreated",
      pactId: 2n,
      pollingInterval: 50,
      deployment,
      onEvents: sink.onEvents,
    });
    try {
      await openPact();
      const second = await openPact();
      const [event] = await sink.until(1);
      expect(event!.eventName).toBe("PactCreated");
      expect(event!.args.terms).toEqual(second.terms);
      expect(sink.events).toHaveLength(1);
    } finally {
      unwatch();
    }
  });

  it("test_RevertWhen_ParametersInvalid", async () => {
    await expectInvalid(
      () => watchPactEvents(publicClient, { eventName: "StakeDeposited" as never, onEvents: 1 as never }),
      // Every pact event, in the ABI's order (the SDK reads the list from the ABI).
      [
        `eventName: must be one or more of DeadlineExtended, DeadlineExtensionProposed, DefaultRulingApplied, DisputeResolved, EvidenceSubmitted, OfferFunded, PactAccepted, PactCancelled, PactCreated, PactDelivered, PactDisputed, PactFinalized, PactReclaimed, PactRefunded, PactRefundedByAgent, PactReleased, PactSettled, PayoutCredited, ProposalsWithdrawn, RulingHeld, SettlementProposed`,
        "onEvents: must be a function (events) => void",
      ],
    );
    const noChain = walletOf(accounts.buyer);
    await expectInvalid(
      () => watchPactEvents({ ...noChain, chain: undefined } as never, { onEvents: () => {} }),
      ["deployment: is required when the client has no chain"],
    );
  });
});

describe("watchAgentEvents", () => {
  it("test_DeliversOnlyThatAgentsEvents", async () => {
    const sink = collect<SuretyEventLog>();
    const unwatch = watchAgentEvents(publicClient, {
      agent: accounts.agent.address,
      pollingInterval: 50,
      onEvents: sink.onEvents,
    });
    try {
      await depositStake(walletOf(accounts.agent2), { amount: "1" });
      await stake();
      await setAgentStatus(operator, { agent: accounts.agent.address, status: "warned", reason: "late" });
      const events = await sink.until(2);
      expect(events.map((event) => event.eventName)).toEqual(["StakeDeposited", "AgentStatusChanged"]);
    } finally {
      unwatch();
    }
  });

  it("test_ForOneEvent_FiltersOnTheIndexedAgent", async () => {
    const sink = collect<SuretyEventLog<"AgentStatusChanged">>();
    const unwatch = watchAgentEvents(publicClient, {
      agent: accounts.agent2.address,
      eventName: ["AgentStatusChanged"],
      pollingInterval: 50,
      onEvents: sink.onEvents,
    });
    try {
      await setAgentStatus(operator, { agent: accounts.agent.address, status: "warned", reason: "a" });
      await setAgentStatus(operator, { agent: accounts.agent2.address, status: "paused", reason: "b" });
      const [event] = await sink.until(1);
      expect(event!.args).toMatchObject({ agent: accounts.agent2.address, status: 4 });
    } finally {
      unwatch();
    }
  });

  it("test_RevertWhen_AgentInvalid", async () => {
    await expectInvalid(
      () => watchAgentEvents(publicClient, { agent: "0x12" as never, onEvents: () => {} }),
      ["agent: must be a 0x-prefixed 20-byte address"],
    );
  });
});
