/**
 * An agent that is a contract wallet (ERC-1271): contracts/mocks/MockWallet.sol, whose owner key signs for it and
 * which acts through `execute(target, value, data)`. Surety checks an offer's signature with SignatureChecker, so
 * the wallet's `isValidSignature` decides.
 *
 * signOffer has no `agent` parameter: the offer's agent is the signing account's address. A viem Account whose
 * address is the wallet and whose signTypedData is the owner key's (viem's `toAccount`, or a smart account from
 * `viem/account-abstraction`) makes the offer the wallet's. The wallet's own transactions (stake, delivery,
 * revocation) come from the prepare variants, executed through the wallet.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { getAddress, recoverAddress, type Abi, type Address, type Hex, type LocalAccount } from "viem";
import { toAccount } from "viem/accounts";
import { beforeEach, describe, expect, it } from "vitest";

import { erc20PermitAbi } from "../../src/abis.ts";
import { prepareDeliverPact } from "../../src/actions/agent/deliverPact.ts";
import { prepareDepositStake } from "../../src/actions/agent/depositStake.ts";
import { prepareRevokeOffer } from "../../src/actions/agent/revokeOffer.ts";
import { signOffer } from "../../src/actions/agent/signOffer.ts";
import { createPact } from "../../src/actions/buyer/createPact.ts";
import { releasePact } from "../../src/actions/buyer/releasePact.ts";
import { getPact } from "../../src/actions/read/getPact.ts";
import { getStake } from "../../src/actions/read/getStake.ts";
import { RequestError } from "../../src/errors/request.ts";
import type { Call } from "../../src/utils/execute.ts";
import { accounts, balanceOf, buyer, expectRevert, nonceOf, publicClient, usd, usdc, walletOf } from "../helpers.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const ERC1271_MAGIC_VALUE = "0x1626ba7e";

const artifact = JSON.parse(
  await readFile(path.join(REPO_ROOT, "artifacts/contracts/mocks/MockWallet.sol/MockWallet.json"), "utf8"),
) as { abi: Abi; bytecode: Hex };

/** The key that owns the wallet, and sends its transactions. */
const ownerKey = accounts.agent2;
const owner = walletOf(ownerKey);

/** An account that signs as `wallet` with `key`: what a smart-wallet SDK hands to viem. */
function signerFor(wallet: Address, key: LocalAccount): LocalAccount {
  return toAccount({
    address: wallet,
    signMessage: ({ message }) => key.signMessage({ message }),
    signTypedData: (typedData) => key.signTypedData(typedData),
    signTransaction: () => Promise.reject(new Error("a contract wallet sends no transactions of its own")),
  });
}

const offerParameters = {
  arbiter: accounts.arbiter.address,
  token: usdc,
  price: "100",
  collateral: "50",
  penalty: "20",
  deliveryPeriod: "3d",
  reviewPeriod: "2d",
  rulingPeriod: "5d",
  defaultBuyerBps: 5_000,
  terms: { task: "Translate 20 pages into French" },
  expiry: "1d",
};

let wallet: Address;

/** Sends each call as the wallet: the owner calls `execute(to, value, data)` on it. */
async function throughWallet(calls: readonly Call[]): Promise<void> {
  for (const call of calls) {
    const hash = await owner.writeContract({
      address: wallet,
      abi: artifact.abi,
      functionName: "execute",
      args: [call.to, call.value, call.data],
      value: call.value,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe("success");
  }
}

beforeEach(async () => {
  // Deployed inside each test's snapshot, so the revert after the test removes it again.
  const hash = await owner.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args: [ownerKey.address] });
  wallet = getAddress((await publicClient.waitForTransactionReceipt({ hash })).contractAddress!);
  // The wallet holds mUSD and stakes 1,000 of it, with the calls prepareDepositStake returns (approve, deposit).
  const transfer = await owner.writeContract({
    address: usdc,
    abi: erc20PermitAbi,
    functionName: "transfer",
    args: [wallet, usd("1000")],
  });
  await publicClient.waitForTransactionReceipt({ hash: transfer });
  const { calls } = await prepareDepositStake(publicClient, { account: wallet, amount: "1000" });
  expect(calls).toHaveLength(2);
  await throughWallet(calls);
});

describe("signOffer", () => {
  describe("given a contract wallet as the agent (ERC-1271)", () => {
    it("test_OfferSignedByTheOwnerForTheWallet_IsFundedByTheBuyer", async () => {
      expect(await getStake(publicClient, { agent: wallet })).toMatchObject({ staked: usd("1000"), locked: 0n });

      const signed = await signOffer(walletOf(signerFor(wallet, ownerKey)), { ...offerParameters, nonce: 11n });
      expect(signed.offer.agent).toBe(wallet);
      // The owner's key made the signature, and the wallet vouches for it.
      expect(await recoverAddress({ hash: signed.digest, signature: signed.signature })).toBe(ownerKey.address);
      const magic = await publicClient.readContract({
        address: wallet,
        abi: artifact.abi,
        functionName: "isValidSignature",
        args: [signed.digest, signed.signature],
      });
      expect(magic).toBe(ERC1271_MAGIC_VALUE);

      // The buyer funds the offer as it is; the pact starts active, with the wallet's collateral locked.
      const created = await createPact(buyer, signed);
      expect(created.terms).toMatchObject({ buyer: accounts.buyer.address, agent: wallet, price: usd("100") });
      expect(created.offerFunded).toMatchObject({ agent: wallet, nonce: 11n });
      expect(created.accepted).toMatchObject({ agent: wallet, collateral: usd("50") });
      expect(await getStake(publicClient, { agent: wallet })).toMatchObject({ locked: usd("50"), free: usd("950") });
      const pact = await getPact(publicClient, { pactId: created.pactId });
      expect(pact.status).toBe("active");
      const funded = await publicClient.getBlock({ blockNumber: created.receipt.blockNumber });
      expect(pact.terms.deliverBy).toBe(Number(funded.timestamp) + 3 * 86_400);

      // The wallet delivers through execute; the buyer releases and the price reaches the wallet.
      const delivery = await prepareDeliverPact(publicClient, {
        account: wallet,
        pactId: created.pactId,
        delivery: { pages: 20, file: "ipfs://bafy-translation" },
      });
      await throughWallet(delivery.calls);
      expect((await getPact(publicClient, { pactId: created.pactId })).status).toBe("delivered");
      const before = await balanceOf(usdc, wallet);
      const released = await releasePact(buyer, { pactId: created.pactId });
      expect(released.event).toMatchObject({ agent: wallet, payment: usd("100") });
      expect(await balanceOf(usdc, wallet)).toBe(before + usd("100"));
      expect(await getStake(publicClient, { agent: wallet })).toMatchObject({ locked: 0n, free: usd("1000") });
    });

    it("test_RevertWhen_AnotherKeySignsForTheWallet", async () => {
      const forged = await signOffer(walletOf(signerFor(wallet, accounts.stranger)), offerParameters);
      expect(forged.offer.agent).toBe(wallet);
      await expectRevert(createPact(buyer, forged), "Surety_InvalidSignature", [wallet]);
    });

    it("test_WhenRevokedThroughTheWallet_OfferCannotBeFunded", async () => {
      const signed = await signOffer(walletOf(signerFor(wallet, ownerKey)), { ...offerParameters, nonce: 12n });
      const { calls } = await prepareRevokeOffer(publicClient, { account: wallet, nonce: 12n });
      await throughWallet(calls);
      await expectRevert(createPact(buyer, signed), "Surety_NonceUsed", [wallet, 12n]);
    });

    it("test_WhenTheWalletIsAPlainAddress_SigningFailsAndNothingIsSent", async () => {
      // With only the wallet's address, the signature is asked of the node, which holds no key for a contract.
      const nonce = await nonceOf(ownerKey.address);
      const error = await signOffer(publicClient, { ...offerParameters, account: wallet }).catch((caught) => caught);
      expect(error).toBeInstanceOf(RequestError);
      expect(await nonceOf(ownerKey.address)).toBe(nonce);
    });
  });
});
