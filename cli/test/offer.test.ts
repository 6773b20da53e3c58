/** `surety offer sign|revoke` and `surety pact create --offer` against the node. */
import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { addressOf } from "./helpers/accounts.ts";
import { cli, file, isolate, ok, travel, workdir } from "./helpers/cli.ts";
import { statusOf, toArgs } from "./helpers/pacts.ts";

isolate();

const OFFER = {
  arbiter: addressOf("arbiter"),
  price: "80",
  collateral: "40",
  penalty: "10",
  "delivery-period": "3d",
  "review-period": "2d",
  "ruling-period": "5d",
  "default-buyer-bps": "50%",
  terms: "Translate the attached 20 pages into French",
  "expires-in": "1d",
};

describe("offer sign, offer revoke", () => {
  it("test_WhenSignedToStdout_BuyerFundsIt_PactStartsActive", async () => {
    const signed = ok(await cli(["offer", "sign", ...toArgs(OFFER)], { as: "agent" }));
    const document = signed.json();
    expect(document).toMatchObject({ chainId: 31337, offer: { agent: addressOf("agent"), price: "80000000" } });
    expect(document.signature).toMatch(/^0x[0-9a-f]+$/);
    expect(document.termsDocument).toMatchObject({ canonical: OFFER.terms, source: "text" });
    const again = ok(await cli(["offer", "sign", ...toArgs({ ...OFFER, nonce: "7" }), "--json"], { as: "agent" }));
    expect(again.json().offer.nonce).toBe("7");

    const offerFile = file("offer.json", signed.stdout);
    const funded = ok(await cli(["pact", "create", "--offer", offerFile, "--json"], { as: "buyer" })).json();
    expect(funded.offerFunded).toMatchObject({ agent: addressOf("agent"), nonce: document.offer.nonce });
    expect(funded.accepted).toMatchObject({ collateral: "40000000" });
    expect(funded.terms.buyer).toBe(addressOf("buyer"));
    expect((await statusOf(funded.pactId)).status).toBe("active");

    const twice = await cli(["pact", "create", "--offer", offerFile], { as: "stranger" });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain(`has already used or revoked offer nonce ${document.offer.nonce}`);
  });

  it("test_WhenSignedToOut_PrintsSummary_RevokeByFileBurnsNonce", async () => {
    const out = ok(
      await cli(["offer", "sign", ...toArgs({ ...OFFER, buyer: addressOf("buyer"), out: "signed.json" })], {
        as: "agent",
      }),
    );
    expect(out.stdout).toContain("Offer signed and written to");
    expect(out.stdout).toContain("surety pact create --offer");
    const written = JSON.parse(readFileSync(path.join(workdir(), "signed.json"), "utf8"));
    expect(written.offer.buyer).toBe(addressOf("buyer"));

    const notForYou = await cli(["pact", "create", "--offer", "signed.json"], { as: "stranger" });
    expect(notForYou.code).toBe(2);
    expect(notForYou.stderr).toContain(`--offer: is for buyer ${addressOf("buyer")}`);

    const revoked = ok(await cli(["offer", "revoke", "--offer", "signed.json", "--json"], { as: "agent" })).json();
    expect(revoked.event).toMatchObject({ agent: addressOf("agent"), nonce: written.offer.nonce });
    const refused = await cli(["pact", "create", "--offer", "signed.json"], { as: "buyer" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("has already used or revoked offer nonce");
  });

  it("test_WhenRevokedByNonce_BurnsIt", async () => {
    const revoked = ok(await cli(["offer", "revoke", "--nonce", "42"], { as: "agent" }));
    expect(revoked.stdout).toContain("Offer revoked");
    expect(revoked.stdout).toContain("42");
  });

  it("test_RevertWhen_OfferExpired", async () => {
    const signed = ok(
      await cli(["offer", "sign", ...toArgs({ ...OFFER, "expires-in": "1h", out: "short.json" })], { as: "agent" }),
    );
    expect(signed.code).toBe(0);
    await travel(3_601);
    const expired = await cli(["pact", "create", "--offer", "short.json"], { as: "buyer" });
    expect(expired.code).toBe(2);
    expect(expired.stderr).toContain("--offer: has expired");
  });

  it("test_RevertWhen_OfferSignedForAnotherDeployment", async () => {
    const signed = ok(await cli(["offer", "sign", ...toArgs(OFFER)], { as: "agent" })).json();
    file("elsewhere.json", { ...signed, chainId: 8453 });
    const refused = await cli(["pact", "create", "--offer", "elsewhere.json"], { as: "buyer" });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--offer: the offer was signed for Surety");
    expect(refused.stderr).toContain("on chain 8453");
  });

  it("test_RevertWhen_ArbiterNotRegistered", async () => {
    const refused = await cli(["offer", "sign", ...toArgs({ ...OFFER, arbiter: addressOf("stranger") })], {
      as: "agent",
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--arbiter: is not registered as an arbiter for token");
  });
});
