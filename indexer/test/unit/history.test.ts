import { courtAdapterAbi, suretyAbi } from "@surety/sdk";
import { describe, expect, it } from "vitest";

import { COURT_KINDS, HISTORY_KINDS, isCourtKind, isSuretyKind, SURETY_KINDS } from "../../src/lib/history.ts";

const eventsOf = (abi: readonly { type: string; name?: string }[]) =>
  abi.filter((item) => item.type === "event").map((item) => item.name!);

describe("HISTORY_KINDS", () => {
  it("test_HoldsSuretysOwnEventsAndACourtAdaptersPactEventsEachOnce", () => {
    expect(new Set(HISTORY_KINDS).size).toBe(HISTORY_KINDS.length);
    expect(HISTORY_KINDS).toEqual([...SURETY_KINDS, ...COURT_KINDS]);
    for (const kind of ["ProposalsWithdrawn", "RulingHeld", "SettlementProposed", "PactCreated"]) {
      expect(isSuretyKind(kind)).toBe(true);
    }
    for (const kind of ["ArbitrationUnfunded", "ArbitrationRequested", "Evidence", "RulingApplied", "RulingLate"]) {
      expect(isCourtKind(kind)).toBe(true);
    }
  });

  it("test_FollowsTheAbis_EveryEventIsAKindButTheInheritedModulesAndTheCourtsBookkeeping", () => {
    const left = [...eventsOf(suretyAbi), ...eventsOf(courtAdapterAbi)].filter(
      (name) => !isSuretyKind(name) && !isCourtKind(name),
    );
    expect(left.sort()).toEqual(
      [
        "DefaultAdminDelayChangeCanceled",
        "DefaultAdminDelayChangeScheduled",
        "DefaultAdminTransferCanceled",
        "DefaultAdminTransferScheduled",
        "Dispute",
        "EIP712DomainChanged",
        "MetaEvidence",
        "Paused",
        "RoleAdminChanged",
        "RoleGranted",
        "RoleRevoked",
        "Ruling",
        "TokenRegistered",
        "Unpaused",
      ].sort(),
    );
    expect(HISTORY_KINDS).not.toContain("RulingNotApplied");
  });
});
