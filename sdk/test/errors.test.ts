import { BaseError, createWalletClient, encodeErrorResult, http, parseAbi, parseGwei } from "viem";
import { describe, expect, it } from "vitest";

import { suretyAbi } from "../src/abis.ts";
import { acceptPact } from "../src/actions/agent/acceptPact.ts";
import { getPact } from "../src/actions/read/getPact.ts";
import { getStake } from "../src/actions/read/getStake.ts";
import { createPact } from "../src/actions/buyer/createPact.ts";
import { ContractRevertError, TransactionRevertedError } from "../src/errors/contract.ts";
import { RequestError } from "../src/errors/request.ts";
import { SuretyError } from "../src/errors/base.ts";
import {
  accounts,
  agent,
  baseTerms,
  chain,
  deployment,
  nonceOf,
  openPact,
  plain,
  publicClient,
  stake,
  testClient,
  walletOf,
} from "./helpers.ts";

describe("RequestError", () => {
  it("test_RevertWhen_TheNodeIsUnreachable_KeepsViemsError", async () => {
    const dead = createWalletClient({
      account: accounts.buyer,
      chain,
      transport: http("http://127.0.0.1:1", { retryCount: 0 }),
    });
    const read = await getStake(dead, { agent: accounts.agent.address }).catch((caught: unknown) => caught);
    expect(read).toBeInstanceOf(RequestError);
    expect((read as RequestError).name).toBe("RequestError");
    expect((read as RequestError).shortMessage).toMatch(/^getStake failed: HTTP request failed/);
    expect((read as RequestError).cause).toBeInstanceOf(BaseError);

    const { terms } = await openPact();
    const write = await acceptPact(dead, { pactId: 1n, terms }).catch((caught: unknown) => caught);
    expect(write).toBeInstanceOf(RequestError);
    expect(write).toBeInstanceOf(SuretyError);
  });
});

describe("ContractRevertError", () => {
  it("test_RevertWhen_ErrorIsOutsideBothAbis_KeepsTheRawData", async () => {
    const blocked = walletOf(accounts.buyer);
    await blocked.writeContract({
      address: plain,
      abi: parseAbi(["function setBlocked(address account, bool isBlocked)"]),
      functionName: "setBlocked",
      args: [accounts.buyer.address, true],
    });
    const error = (await createPact(blocked, { ...baseTerms, token: plain, arbiterFee: 0n }).catch(
      (caught: unknown) => caught,
    )) as ContractRevertError;
    expect(error).toBeInstanceOf(ContractRevertError);
    expect(error.errorName).toBe("unknown");
    expect(error.args).toEqual([]);
    // MockBlocklistToken_Blocked(buyer), bubbled up through Surety.
    expect(error.data).toBe(
      encodeErrorResult({
        abi: parseAbi(["error MockBlocklistToken_Blocked(address account)"]),
        errorName: "MockBlocklistToken_Blocked",
        args: [accounts.buyer.address],
      }),
    );
    expect(error.shortMessage).toBe("createPact reverted: the contract reverted without a reason the SDK can decode.");
  });
});

describe("TransactionRevertedError", () => {
  it("test_RevertWhen_ChainChangesBetweenSimulationAndMining", async () => {
    await stake();
    const { pactId, terms } = await openPact();
    await testClient.setAutomine(false);
    try {
      const nonce = await nonceOf(accounts.agent.address);
      // The agent's acceptance passes simulation and waits in the mempool...
      const accepting = acceptPact(agent, { pactId, terms }).catch((caught: unknown) => caught);
      while ((await nonceOf(accounts.agent.address)) === nonce) await new Promise((resolve) => setTimeout(resolve, 20));
      // ...while the buyer cancels with a higher tip, so the cancellation is mined first. (It is sent raw, with
      // its own gas limit: against the pending block, where the acceptance already sits, it would not simulate.)
      await walletOf(accounts.buyer).writeContract({
        address: deployment.surety,
        abi: suretyAbi,
        functionName: "cancelPact",
        args: [pactId, terms],
        gas: 300_000n,
        maxFeePerGas: parseGwei("100"),
        maxPriorityFeePerGas: parseGwei("50"),
      });
      await testClient.mine({ blocks: 1 });
      const accepted = await accepting;
      expect(accepted).toBeInstanceOf(TransactionRevertedError);
      const error = accepted as TransactionRevertedError;
      expect(error.name).toBe("TransactionRevertedError");
      expect(error.receipt.status).toBe("reverted");
      expect(error.message).toContain(`acceptPact: transaction ${error.hash} reverted`);
    } finally {
      await testClient.setAutomine(true);
    }
    expect((await getPact(publicClient, { pactId })).status).toBe("cancelled");
  });
});
