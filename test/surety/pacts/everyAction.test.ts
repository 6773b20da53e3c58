import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";

import { DAY, PactStatus, deploySurety, hashOf, mineAt, stakeOf, statusOf } from "../../helpers/fixture.ts";
import { STATUS_NAMES, TERMINAL_STATUSES, everyAction, reach, type Status } from "../../helpers/pacts.ts";

/**
 * What holds for every state-changing pact call at once: the terms must be the pact's, the pact must exist, and a
 * terminal pact never moves again.
 */
describe("every pact action", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const load = () => networkHelpers.loadFixture(deploySurety);
  const expectError = viem.assertions.revertWithCustomErrorWithArgs;

  describe("when the pact does not exist", () => {
    it("test_RevertWhen_AnyActionOnUnknownPact", async () => {
      const f = await load();
      const { terms } = await reach(f, PactStatus.Open);
      const unknown = await f.surety.read.nextPactId();
      for (const pactId of [0n, unknown]) {
        for (const [name, action] of Object.entries(everyAction(f, pactId, terms))) {
          await expectError(action(), f.surety, "Surety_PactNotFound", [pactId]).catch((error: unknown) => {
            throw new Error(`${name} on ${pactId}: ${String(error)}`);
          });
        }
      }
    });
  });

  describe("when the terms are not the pact's", () => {
    it("test_RevertWhen_AnyActionWithAlteredTerms", async () => {
      const f = await load();
      for (const status of [PactStatus.Open, PactStatus.Active, PactStatus.Delivered] as Status[]) {
        const { pactId, terms } = await reach(f, status, { termsHash: hashOf(`pact ${status}`) });
        const wrong = { ...terms, price: terms.price - 1n };
        for (const [name, action] of Object.entries(everyAction(f, pactId, wrong))) {
          await expectError(action(), f.surety, "Surety_TermsMismatch", [pactId]).catch((error: unknown) => {
            throw new Error(`${STATUS_NAMES[status]} ${name}: ${String(error)}`);
          });
        }
        assert.equal(await statusOf(f, pactId), status);
      }
    });
  });

  describe("given a terminal pact", () => {
    for (const status of TERMINAL_STATUSES) {
      it(`test_Given${STATUS_NAMES[status]}_WhenAnyAction_RevertsInvalidStatus`, async () => {
        const f = await load();
        const { pactId, terms } = await reach(f, status);
        const escrowBefore = await f.usdc.read.balanceOf([f.surety.address]);
        const stakeBefore = await stakeOf(f);
        const attempt = async (phase: string) => {
          for (const [name, action] of Object.entries(everyAction(f, pactId, terms))) {
            await expectError(action(), f.surety, "Surety_InvalidStatus", [pactId, status]).catch((error: unknown) => {
              throw new Error(`${phase} ${name}: ${String(error)}`);
            });
          }
        };
        await attempt("now");
        // Past every deadline, no time-based branch lets the pact out either.
        await mineAt(f, terms.deliverBy + terms.reviewPeriod + terms.rulingPeriod + Number(DAY));
        await attempt("later");
        assert.equal(await statusOf(f, pactId), status);
        assert.equal(await f.usdc.read.balanceOf([f.surety.address]), escrowBefore);
        assert.deepEqual(await stakeOf(f), stakeBefore);
      });
    }
  });
});
