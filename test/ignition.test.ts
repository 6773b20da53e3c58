import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { getAddress } from "viem";

import LocalSurety from "../ignition/modules/LocalSurety.ts";
import SuretyModule from "../ignition/modules/Surety.ts";
import { DEFAULT_ADMIN_DELAY, DEFAULT_SURETY_CONFIG } from "../sdk/src/constants/config.ts";

describe("Ignition modules", async () => {
  const connection = await network.create();
  const { ignition, viem } = connection;
  const [deployer, operator, guardian] = await viem.getWalletClients();

  describe("LocalSurety module", () => {
    it("test_DeploysWithMockStakeTokenAndRoles", async () => {
      const { surety, stakeToken } = await ignition.deploy(LocalSurety, {
        parameters: { LocalSurety: { operator: operator.account.address, guardian: guardian.account.address } },
      });
      const config = await surety.read.config();
      assert.equal(config.stakeToken, getAddress(stakeToken.address));
      assert.equal(await stakeToken.read.decimals(), 6);
      assert.equal(config.unbondingDelay, 7 * 86_400);
      assert.equal(config.payoutGas, 100_000);
      assert.equal(config.maxRulingHold, 180 * 86_400);
      // Every setting the module deploys with is the SDK's production default, none dropped or swapped.
      const { stakeToken: _, ...settings } = config;
      assert.deepEqual(settings, DEFAULT_SURETY_CONFIG);
      assert.equal(await surety.read.defaultAdmin(), getAddress(deployer.account.address));
      assert.equal(await surety.read.defaultAdminDelay(), 3 * 86_400);
      assert.equal(await surety.read.defaultAdminDelay(), DEFAULT_ADMIN_DELAY);
      assert.ok(await surety.read.hasRole([await surety.read.OPERATOR_ROLE(), operator.account.address]));
      assert.ok(await surety.read.hasRole([await surety.read.GUARDIAN_ROLE(), guardian.account.address]));
      assert.equal(await surety.read.nextPactId(), 1n);
    });
  });

  describe("Surety module", () => {
    it("test_UsesAnExistingStakeTokenAndParameters", async () => {
      const token = await viem.deployContract("MockERC20Permit", ["Stake", "STK", 6]);
      const { surety } = await ignition.deploy(SuretyModule, {
        parameters: {
          Surety: {
            stakeToken: token.address,
            unbondingDelay: 2 * 86_400,
            payoutGas: 80_000,
            maxRulingHold: 90 * 86_400,
          },
        },
      });
      const config = await surety.read.config();
      assert.equal(config.stakeToken, getAddress(token.address));
      assert.equal(config.unbondingDelay, 2 * 86_400);
      assert.equal(config.payoutGas, 80_000);
      assert.equal(config.maxRulingHold, 90 * 86_400);
      // The settings not given keep their defaults.
      assert.equal(config.maxFreeze, DEFAULT_SURETY_CONFIG.maxFreeze);
      assert.equal(config.minReviewPeriod, DEFAULT_SURETY_CONFIG.minReviewPeriod);
      assert.equal(config.maxRulingPeriod, DEFAULT_SURETY_CONFIG.maxRulingPeriod);
    });

    it("test_RevertWhen_StakeTokenParameterMissing", async () => {
      await assert.rejects(ignition.deploy(SuretyModule), /stakeToken/);
    });
  });
});
