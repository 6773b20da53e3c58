/**
 * Every bad-input path: each flag's validation fails with exit 2 and a message naming the flag, before anything
 * connects (the RPC URL here refuses connections, so a command that tried would exit 3 instead), signs or sends.
 */
import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { addressOf, keyOf } from "./helpers/accounts.ts";
import { cli, file, ok, pascal, rpcUrl, UNREACHABLE, workdir, type CliOptions } from "./helpers/cli.ts";
import { createArgs, toArgs } from "./helpers/pacts.ts";

const AGENT = addressOf("agent");
const HASH = `0x${"12".repeat(32)}`;
const OFFER_FLAGS = {
  arbiter: addressOf("arbiter"),
  price: "80",
  "delivery-period": "3d",
  "review-period": "2d",
  "ruling-period": "5d",
  "default-buyer-bps": "5000",
  terms: "Translate",
  "expires-in": "1d",
};
const offer = (overrides: Record<string, string | undefined>) => [
  "offer",
  "sign",
  ...toArgs({ ...OFFER_FLAGS, ...overrides }),
];

mkdirSync(path.join(workdir(), "folder"), { recursive: true });
file("broken.json", "{ not json");
file("empty.txt", "");
file("not-an-offer.json", { hello: "world" });
file("bad-offer.json", { offer: { agent: "0x12", price: "-1" }, signature: "0x12" });
file("params-bad.json", { Surety: { unbondingDelay: "soon", admin: "nobody", colour: "blue" }, Other: {} });
file("params-list.json", [1, 2]);

type Case = { name: string; argv: string[]; expected: string | RegExp; options?: CliOptions };

const cases: Case[] = [
  // Connection settings
  {
    name: "--rpc-url not a URL",
    argv: ["pact", "show", "1", "--rpc-url", "localhost"],
    expected: "--rpc-url: must be a URL",
  },
  {
    name: "--rpc-url not http",
    argv: ["pact", "show", "1", "--rpc-url", "ftp://127.0.0.1"],
    expected: "--rpc-url: must be a http or https URL",
  },
  {
    name: "SURETY_RPC_URL not a URL",
    argv: ["pact", "show", "1"],
    expected: "SURETY_RPC_URL: must be a URL",
    options: { rpc: "nope" },
  },
  {
    name: "--indexer-url not a URL",
    argv: ["agent", "trust", AGENT, "--indexer-url", "indexer"],
    expected: "--indexer-url: must be a URL",
  },
  {
    name: "SURETY_INDEXER_URL not http",
    argv: ["agent", "list"],
    expected: "SURETY_INDEXER_URL: must be a http or https URL",
    options: { env: { SURETY_INDEXER_URL: "ws://x" } },
  },
  {
    name: "--key-env not a variable name",
    argv: ["pact", "accept", "1", "--key-env", "my-key"],
    expected: "--key-env: must name an environment variable",
  },
  {
    name: "--key-env names an unset variable",
    argv: ["pact", "accept", "1", "--key-env", "AGENT_KEY"],
    expected: "AGENT_KEY: is not set",
  },
  {
    name: "no key for a write",
    argv: ["pact", "accept", "1"],
    expected: "SURETY_PRIVATE_KEY: is not set: this command signs",
    options: { as: undefined },
  },
  {
    name: "malformed SURETY_PRIVATE_KEY",
    argv: ["pact", "accept", "1"],
    expected: "SURETY_PRIVATE_KEY: is not a private key",
    options: { env: { SURETY_PRIVATE_KEY: "0x1234" } },
  },
  {
    name: "--keystore with --key-env",
    argv: ["pact", "accept", "1", "--keystore", "K", "--key-env", "SURETY_PRIVATE_KEY"],
    expected: "--key-env: cannot be used with --keystore",
  },
  {
    name: "--keystore not a name",
    argv: ["pact", "accept", "1", "--keystore", "my key"],
    expected: "--keystore: must name a key in Hardhat's keystore",
  },
  {
    name: "--keystore-password-env without --keystore",
    argv: ["pact", "accept", "1", "--keystore-password-env", "PW"],
    expected: "--keystore-password-env: only applies with --keystore",
  },
  {
    name: "--keystore-password-env unset",
    argv: ["pact", "accept", "1", "--keystore", "K", "--keystore-password-env", "NO_SUCH_PW"],
    expected: "--keystore-password-env: names NO_SUCH_PW, which is not set",
  },
  {
    name: "--deployment unreadable",
    argv: ["pact", "show", "1", "--deployment", "missing.json"],
    expected: /--deployment: .*missing\.json: file: cannot be read/,
  },
  {
    name: "--deployment not a deployment",
    argv: ["pact", "show", "1", "--deployment", "not-an-offer.json"],
    expected: /--deployment: .*: chainId: is required/,
  },
  {
    name: "SURETY_DEPLOYMENT broken JSON",
    argv: ["pact", "show", "1"],
    expected: /--deployment: .*broken\.json: file: is not valid JSON/,
    options: { env: { SURETY_DEPLOYMENT: "broken.json" } },
  },

  // Arguments
  {
    name: "<pactId> not a number",
    argv: ["pact", "show", "seven"],
    expected: '<pactId>: must be a pact id in decimal digits like 33, not "seven"',
  },
  { name: "<pactId> negative", argv: ["pact", "accept", "-1"], expected: /unknown option '-1'|<pactId>/ },
  {
    name: "<agent> not an address",
    argv: ["stake", "show", "0x12"],
    expected: '<agent>: must be a 0x-prefixed 20-byte address, not "0x12"',
  },
  {
    name: "<agent> bad checksum",
    argv: ["agent", "show", AGENT.replace("C44", "c44")],
    expected: "<agent>: has an invalid checksum",
  },
  {
    name: "<address> of pending",
    argv: ["pending", "bob"],
    expected: "<address>: must be a 0x-prefixed 20-byte address",
  },

  // stake
  { name: "stake deposit --amount missing", argv: ["stake", "deposit"], expected: "--amount: is required" },
  {
    name: "stake deposit --amount not a number",
    argv: ["stake", "deposit", "--amount", "ten"],
    expected: "--amount: must be an amount in the token's units like 12.5",
  },
  {
    name: "stake deposit --amount zero",
    argv: ["stake", "deposit", "--amount", "0.0"],
    expected: "--amount: must be more than 0",
  },
  {
    name: "stake deposit --amount exponent",
    argv: ["stake", "deposit", "--amount", "1e6"],
    expected: "--amount: must be an amount",
  },
  {
    name: "stake deposit --allowance",
    argv: ["stake", "deposit", "--amount", "1", "--allowance", "maybe"],
    expected: "--allowance: must be one of auto, permit, approve, none",
  },
  {
    name: "stake withdraw-request --amount",
    argv: ["stake", "withdraw-request", "--amount", "1,5"],
    expected: "--amount: must be an amount",
  },
  {
    name: "stake withdraw --recipient zero",
    argv: ["stake", "withdraw", "--recipient", "0x0000000000000000000000000000000000000000"],
    expected: "--recipient: must not be the zero address",
  },

  // pact create
  {
    name: "pact create --agent",
    argv: createArgs({ agent: "agent" }),
    expected: "--agent: must be a 0x-prefixed 20-byte address",
  },
  { name: "pact create --agent missing", argv: createArgs({ agent: undefined }), expected: "--agent: is required" },
  {
    name: "pact create --arbiter",
    argv: createArgs({ arbiter: "0xZZ" }),
    expected: "--arbiter: must be a 0x-prefixed 20-byte address",
  },
  {
    name: "pact create --token",
    argv: createArgs({ token: "usdc" }),
    expected: '--token: must be a 0x-prefixed 20-byte address or "eth"',
  },
  { name: "pact create --price", argv: createArgs({ price: "$100" }), expected: "--price: must be an amount" },
  { name: "pact create --price zero", argv: createArgs({ price: "0" }), expected: "--price: must be more than 0" },
  {
    name: "pact create --arbiter-fee",
    argv: createArgs({ "arbiter-fee": "five" }),
    expected: "--arbiter-fee: must be an amount",
  },
  { name: "pact create --collateral", argv: createArgs({ collateral: "-" }), expected: /--collateral/ },
  { name: "pact create --penalty", argv: createArgs({ penalty: "2.5.1" }), expected: "--penalty: must be an amount" },
  {
    name: "pact create --accept-in",
    argv: createArgs({ "accept-in": "tomorrow" }),
    expected: "--accept-in: must be a duration like 45s, 90m, 2h, 3d, 1w or 1d12h",
  },
  {
    name: "pact create --accept-in zero",
    argv: createArgs({ "accept-in": "0d" }),
    expected: "--accept-in: must be longer than 0 seconds",
  },
  {
    name: "pact create --deliver-in",
    argv: createArgs({ "deliver-in": "3 days" }),
    expected: "--deliver-in: must be a duration",
  },
  {
    name: "pact create --review-period",
    argv: createArgs({ "review-period": "2" }),
    expected: "--review-period: must be a duration",
  },
  {
    name: "pact create --ruling-period",
    argv: createArgs({ "ruling-period": "1y" }),
    expected: "--ruling-period: must be a duration",
  },
  {
    name: "pact create --default-buyer-bps over",
    argv: createArgs({ "default-buyer-bps": "10001" }),
    expected: "--default-buyer-bps: must be basis points from 0 to 10000, or a percentage like 75%",
  },
  {
    name: "pact create --default-buyer-bps percent",
    argv: createArgs({ "default-buyer-bps": "100.5%" }),
    expected: "--default-buyer-bps: must be basis points",
  },
  { name: "pact create --terms missing", argv: createArgs({ terms: undefined }), expected: "--terms: is required" },
  {
    name: "pact create --terms no such file",
    argv: createArgs({ terms: "./no-such-pact.json" }),
    expected: "--terms: no such file: ./no-such-pact.json",
  },
  {
    name: "pact create --terms broken JSON",
    argv: createArgs({ terms: "broken.json" }),
    expected: "--terms: broken.json is not valid JSON",
  },
  {
    name: "pact create --terms a folder",
    argv: createArgs({ terms: "folder" }),
    expected: "--terms: folder is a folder, not a file",
  },
  {
    name: "pact create --terms an empty file",
    argv: createArgs({ terms: "empty.txt" }),
    expected: "--terms: empty.txt is empty",
  },
  {
    name: "pact create --terms a short hex",
    argv: createArgs({ terms: "0x1234" }),
    expected: "--terms: looks like a hex hash but is 2 bytes, not 32",
  },
  { name: "pact create --terms empty", argv: createArgs({ terms: "" }), expected: "--terms: must not be empty" },
  { name: "pact create --allowance", argv: createArgs({ allowance: "all" }), expected: "--allowance: must be one of" },
  {
    name: "pact create --offer with terms flags",
    argv: [...createArgs(), "--offer", "x.json"],
    expected: "--price: cannot be used with --offer",
  },
  {
    name: "pact create --offer no such file",
    argv: ["pact", "create", "--offer", "nowhere.json"],
    expected: "--offer: no such file: nowhere.json",
  },
  {
    name: "pact create --offer broken JSON",
    argv: ["pact", "create", "--offer", "broken.json"],
    expected: "--offer: ",
  },
  {
    name: "pact create --offer not an offer",
    argv: ["pact", "create", "--offer", "not-an-offer.json"],
    expected: "offer: is missing (write the file with `surety offer sign`)",
  },
  {
    name: "pact create --offer bad fields",
    argv: ["pact", "create", "--offer", "bad-offer.json"],
    expected: "offer.agent: must be a 0x-prefixed 20-byte address",
  },

  // pact actions
  { name: "pact deliver --delivery missing", argv: ["pact", "deliver", "1"], expected: "--delivery: is required" },
  {
    name: "pact deliver --delivery a folder",
    argv: ["pact", "deliver", "1", "--delivery", "./folder"],
    expected: "--delivery: ./folder is a folder",
  },
  { name: "pact dispute --reason missing", argv: ["pact", "dispute", "1"], expected: "--reason: is required" },
  {
    name: "pact dispute --allowance",
    argv: ["pact", "dispute", "1", "--reason", "x", "--allowance", "yes"],
    expected: "--allowance: must be one of",
  },

  // offers
  { name: "offer sign --arbiter missing", argv: offer({ arbiter: undefined }), expected: "--arbiter: is required" },
  {
    name: "offer sign --delivery-period",
    argv: offer({ "delivery-period": "soon" }),
    expected: "--delivery-period: must be a duration",
  },
  {
    name: "offer sign --expires-in",
    argv: offer({ "expires-in": "2026-12-01" }),
    expected: "--expires-in: must be a duration",
  },
  {
    name: "offer sign --buyer",
    argv: offer({ buyer: "buyer" }),
    expected: "--buyer: must be a 0x-prefixed 20-byte address",
  },
  { name: "offer sign --nonce", argv: offer({ nonce: "-3" }), expected: /--nonce/ },
  {
    name: "offer sign --nonce hex",
    argv: offer({ nonce: "0xg" }),
    expected: '--nonce: must be a whole number, not "0xg"',
  },
  {
    name: "offer sign --out in a missing folder",
    argv: offer({ out: "no/such/folder/offer.json" }),
    expected: "--out: the folder of no/such/folder/offer.json does not exist",
  },
  {
    name: "offer sign --terms hash ok, --price bad",
    argv: offer({ terms: HASH, price: "1.2.3" }),
    expected: "--price: must be an amount",
  },
  {
    name: "offer revoke without a nonce",
    argv: ["offer", "revoke"],
    expected: "--nonce: is required (or pass the signed offer with --offer)",
  },
  {
    name: "offer revoke both",
    argv: ["offer", "revoke", "--nonce", "1", "--offer", "x.json"],
    expected: "--offer: cannot be used with --nonce",
  },
  {
    name: "offer revoke --nonce",
    argv: ["offer", "revoke", "--nonce", "one"],
    expected: "--nonce: must be a whole number",
  },

  // by agreement
  {
    name: "pact settle propose --buyer-bps missing",
    argv: ["pact", "settle", "propose", "1"],
    expected: "--buyer-bps: is required",
  },
  {
    name: "pact settle accept --buyer-bps over 100%",
    argv: ["pact", "settle", "accept", "1", "--buyer-bps", "101%"],
    expected: "--buyer-bps: must be basis points from 0 to 10000, or a percentage like 75%",
  },
  {
    name: "pact settle accept <pactId>",
    argv: ["pact", "settle", "accept", "x", "--buyer-bps", "50%"],
    expected: "<pactId>: must be a pact id in decimal digits like 33",
  },
  {
    name: "pact refund-by-agent <pactId> missing",
    argv: ["pact", "refund-by-agent"],
    expected: "missing required argument 'pactId'",
  },
  {
    name: "pact extend --deliver-by missing",
    argv: ["pact", "extend", "1"],
    expected: "--deliver-by: is required",
  },
  {
    name: "pact extend --deliver-by not a time",
    argv: ["pact", "extend", "1", "--deliver-by", "next week"],
    expected:
      "--deliver-by: must be a duration from the chain's time like 2d, Unix seconds, or a date like 2027-01-15T08:00:00Z",
  },
  {
    name: "pact extend --deliver-by milliseconds",
    argv: ["pact", "extend", "1", "--deliver-by", "1799999999000"],
    expected: "--deliver-by: must be Unix seconds (at most 1099511627775)",
  },
  {
    name: "pact extend --deliver-by an impossible date",
    argv: ["pact", "extend", "1", "--deliver-by", "2027-02-30T25:00:00Z"],
    expected: "--deliver-by: must be a duration from the chain's time",
  },
  {
    name: "payout claim --token twice",
    argv: ["payout", "claim", "--token", AGENT, "--token", AGENT.toLowerCase()],
    expected: `--token: names ${AGENT.toLowerCase()} twice: each token's credit is claimed once`,
  },
  {
    name: "payout claim --token not an address among several",
    argv: ["payout", "claim", "--token", "eth", "--token", "0x12"],
    expected: '--token: must be a 0x-prefixed 20-byte address or "eth", not "0x12"',
  },

  // disputes
  {
    name: "dispute resolve --buyer-bps missing",
    argv: ["dispute", "resolve", "1", "--ruling", "x"],
    expected: "--buyer-bps: is required",
  },
  {
    name: "dispute resolve --buyer-bps",
    argv: ["dispute", "resolve", "1", "--buyer-bps", "half", "--ruling", "x"],
    expected: "--buyer-bps: must be basis points",
  },
  {
    name: "dispute resolve --slash",
    argv: ["dispute", "resolve", "1", "--buyer-bps", "0", "--slash", "all", "--ruling", "x"],
    expected: "--slash: must be an amount",
  },
  {
    name: "dispute resolve --ruling missing",
    argv: ["dispute", "resolve", "1", "--buyer-bps", "0"],
    expected: "--ruling: is required",
  },
  { name: "dispute abstain --ruling missing", argv: ["dispute", "abstain", "1"], expected: "--ruling: is required" },
  {
    name: "dispute evidence --evidence missing",
    argv: ["dispute", "evidence", "1"],
    expected: "--evidence: is required",
  },
  // courts
  {
    name: "court request --reason a path that names no file",
    argv: ["court", "request", "1", "--reason", "./no-such-reason.json"],
    expected: "--reason: no such file: ./no-such-reason.json (for a URI, give its scheme: ipfs://…, https://…)",
  },
  {
    name: "court request --reason a JSON file that is no document",
    argv: ["court", "request", "1", "--reason", "params-list.json"],
    expected:
      "--reason: params-list.json must hold an ERC-1497 evidence document { name, description, fileURI?, fileHash? }",
  },
  {
    name: "court request --value",
    argv: ["court", "request", "1", "--value", "a little"],
    expected: "--value: must be an amount",
  },
  {
    name: "court settle-unfunded <pactId>",
    argv: ["court", "settle-unfunded", "seven"],
    expected: "<pactId>: must be a pact id in decimal digits like 33",
  },
  {
    name: "court settle-unfunded --adapter zero",
    argv: ["court", "settle-unfunded", "1", "--adapter", "0x0000000000000000000000000000000000000000"],
    expected: "--adapter: must not be the zero address",
  },
  {
    name: "court evidence --evidence missing",
    argv: ["court", "evidence", "1"],
    expected: "--evidence: is required",
  },
  {
    name: "court evidence --evidence broken JSON",
    argv: ["court", "evidence", "1", "--evidence", "broken.json"],
    expected: "--evidence: broken.json is not valid JSON",
  },
  {
    name: "court status --adapter",
    argv: ["court", "status", "1", "--adapter", "0x12"],
    expected: '--adapter: must be a 0x-prefixed 20-byte address, not "0x12"',
  },
  {
    name: "pact withdraw-proposals <pactId>",
    argv: ["pact", "withdraw-proposals", "0x"],
    expected: "<pactId>: must be a pact id in decimal digits like 33",
  },
  {
    name: "dispute default <pactId>",
    argv: ["dispute", "default", "1.5"],
    expected: "<pactId>: must be a pact id in decimal digits like 33",
  },

  // arbiter
  {
    name: "arbiter register --min-fee missing",
    argv: ["arbiter", "register", "--max-ruling-period", "7d"],
    expected: "--min-fee: is required",
  },
  {
    name: "arbiter register --min-fee",
    argv: ["arbiter", "register", "--min-fee", "cheap", "--max-ruling-period", "7d"],
    expected: "--min-fee: must be an amount",
  },
  {
    name: "arbiter register --max-ruling-period",
    argv: ["arbiter", "register", "--min-fee", "1", "--max-ruling-period", "week"],
    expected: "--max-ruling-period: must be a duration",
  },
  {
    name: "arbiter register --token",
    argv: ["arbiter", "register", "--token", "dai", "--min-fee", "1", "--max-ruling-period", "7d"],
    expected: '--token: must be a 0x-prefixed 20-byte address or "eth"',
  },

  // agents and the ladder
  {
    name: "agent set-status --status",
    argv: ["agent", "set-status", AGENT, "--status", "banned", "--reason", "x"],
    expected: "--status: must be one of warned, narrowed, under-review, paused",
  },
  {
    name: "agent set-status --status missing",
    argv: ["agent", "set-status", AGENT, "--reason", "x"],
    expected: "--status: is required",
  },
  {
    name: "agent set-status --cap with warned",
    argv: ["agent", "set-status", AGENT, "--status", "warned", "--cap", "5", "--reason", "x"],
    expected: "--cap: only applies to narrowed, under-review, paused",
  },
  {
    name: "agent set-status --cap missing for narrowed",
    argv: ["agent", "set-status", AGENT, "--status", "narrowed", "--reason", "x"],
    expected: "--cap: is required for status narrowed",
  },
  {
    name: "agent set-status --cap",
    argv: ["agent", "set-status", AGENT, "--status", "under-review", "--cap", "lots", "--reason", "x"],
    expected: "--cap: must be an amount",
  },
  {
    name: "agent set-status --reason missing",
    argv: ["agent", "set-status", AGENT, "--status", "paused"],
    expected: "--reason: is required",
  },
  {
    name: "agent set-status <agent>",
    argv: ["agent", "set-status", "0x00", "--status", "paused", "--reason", "x"],
    expected: "<agent>: must be a 0x-prefixed 20-byte address",
  },
  { name: "agent recertify --reason missing", argv: ["agent", "recertify", AGENT], expected: "--reason: is required" },
  {
    name: "agent recertify <agent>",
    argv: ["agent", "recertify", "agent", "--reason", "x"],
    expected: "<agent>: must be a 0x-prefixed 20-byte address",
  },
  {
    name: "agent trust <agent>",
    argv: ["agent", "trust", "0x1"],
    expected: "<agent>: must be a 0x-prefixed 20-byte address",
  },
  {
    name: "agent list --order-by",
    argv: ["agent", "list", "--order-by", "fame"],
    expected: "--order-by: must be one of settled, accepted",
  },
  {
    name: "agent list --order",
    argv: ["agent", "list", "--order", "up"],
    expected: "--order: must be one of asc, desc",
  },
  {
    name: "agent list --status",
    argv: ["agent", "list", "--status", "good,bad"],
    expected: '--status: must be a comma-separated list of good, warned, narrowed, under-review, paused (not "bad")',
  },
  {
    name: "agent list --limit 0",
    argv: ["agent", "list", "--limit", "0"],
    expected: "--limit: must be a whole number from 1 to 200",
  },
  {
    name: "agent list --limit 201",
    argv: ["agent", "list", "--limit", "201"],
    expected: "--limit: must be a whole number from 1 to 200",
  },
  {
    name: "agent list --offset",
    argv: ["agent", "list", "--offset", "x"],
    expected: "--offset: must be a whole number from 0",
  },

  // payouts
  {
    name: "payout claim --token",
    argv: ["payout", "claim", "--token", "0x123"],
    expected: "--token: must be a 0x-prefixed 20-byte address",
  },
  {
    name: "payout claim --recipient",
    argv: ["payout", "claim", "--recipient", "me"],
    expected: "--recipient: must be a 0x-prefixed 20-byte address",
  },

  // deploy
  {
    name: "deploy without a stake token",
    argv: ["deploy"],
    expected: "--stake-token: is required: the ERC-20 agents stake in",
  },
  {
    name: "deploy --stake-token",
    argv: ["deploy", "--stake-token", "usdc"],
    expected: "--stake-token: must be a 0x-prefixed 20-byte address",
  },
  {
    name: "deploy --stake-token with --mock-stake-token",
    argv: ["deploy", "--mock-stake-token", "--stake-token", AGENT],
    expected: "--stake-token: cannot be used with --mock-stake-token",
  },
  {
    name: "deploy --admin",
    argv: ["deploy", "--mock-stake-token", "--admin", "root"],
    expected: "--admin: must be a 0x-prefixed 20-byte address",
  },
  {
    name: "deploy --operator zero",
    argv: ["deploy", "--mock-stake-token", "--operator", "0x0000000000000000000000000000000000000000"],
    expected: "--operator: must not be the zero address",
  },
  {
    name: "deploy --parameters missing",
    argv: ["deploy", "--mock-stake-token", "--parameters", "params.json"],
    expected: "--parameters: no such file: params.json",
  },
  {
    name: "deploy --parameters broken",
    argv: ["deploy", "--mock-stake-token", "--parameters", "broken.json"],
    expected: "--parameters: ",
  },
  {
    name: "deploy --parameters not an object",
    argv: ["deploy", "--mock-stake-token", "--parameters", "params-list.json"],
    expected: "must hold an object",
  },
  {
    name: "deploy --parameters for another module",
    argv: ["deploy", "--mock-stake-token", "--parameters", "params-bad.json"],
    expected: '"Surety" is not the module deployed (LocalSurety, with --mock-stake-token)',
  },
  {
    name: "deploy --parameters bad values",
    argv: ["deploy", "--stake-token", AGENT, "--parameters", "params-bad.json"],
    expected:
      /(?=[\s\S]*Surety\.unbondingDelay must be a whole number)(?=[\s\S]*Surety\.admin must be a 0x-prefixed 20-byte address)(?=[\s\S]*colour is not a parameter of Surety)(?=[\s\S]*"Other" is not the module deployed)/,
  },
  {
    name: "deploy --out in a missing folder",
    argv: ["deploy", "--mock-stake-token", "--out", "nowhere/x.json"],
    expected: "--out: the folder of nowhere/x.json does not exist",
  },
];

describe("flags (bad input: exit 2, naming the flag, before connecting)", () => {
  it.each(cases.map((item) => ({ ...item, name: pascal(item.name) })))(
    "test_RevertWhen_$name",
    async ({ argv, expected, options }) => {
      const outcome = await cli(argv, { as: "buyer", rpc: UNREACHABLE, ...options });
      expect(outcome.code, `stdout:\n${outcome.stdout}\nstderr:\n${outcome.stderr}`).toBe(2);
      if (typeof expected === "string") expect(outcome.stderr).toContain(expected);
      else expect(outcome.stderr).toMatch(expected);
      expect(outcome.stdout).toBe("");
    },
  );

  it("test_RevertWhen_SeveralFlagsBad_NamesEveryOneAtOnce", async () => {
    const outcome = await cli(createArgs({ price: "x", "deliver-in": "y", agent: "z" }), {
      as: "buyer",
      rpc: UNREACHABLE,
    });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("3 problems:");
    for (const flag of ["--agent", "--price", "--deliver-in"]) expect(outcome.stderr).toContain(`  ${flag}: `);
  });

  it("test_RevertWhen_BadInputWithJson_PrintsIssuesAsDocument", async () => {
    const outcome = await cli(["stake", "deposit", "--amount", "x", "--json"], { as: "buyer", rpc: UNREACHABLE });
    expect(outcome.code).toBe(2);
    expect(outcome.json()).toEqual({
      error: {
        code: 2,
        kind: "invalid-input",
        message: expect.stringContaining("--amount"),
        issues: [{ flag: "--amount", message: 'must be an amount in the token\'s units like 12.5, not "x"' }],
      },
    });
  });

  it("test_RevertWhen_UnknownOptionOrCommand_OrArgumentMissingOrExtra", async () => {
    const unknownOption = await cli(["pact", "show", "1", "--pirce", "3"]);
    expect([unknownOption.code, unknownOption.stderr]).toEqual([
      2,
      expect.stringContaining("unknown option '--pirce'"),
    ]);
    const unknownCommand = await cli(["pact", "shw", "1"]);
    expect([unknownCommand.code, unknownCommand.stderr]).toEqual([2, expect.stringContaining("(Did you mean show?)")]);
    const missing = await cli(["pact", "accept"]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining("missing required argument 'pactId'")]);
    const extra = await cli(["pact", "accept", "1", "2"]);
    expect([extra.code, extra.stderr]).toEqual([2, expect.stringContaining("too many arguments")]);
    const group = await cli(["pact"]);
    expect([group.code, group.stderr]).toEqual([2, expect.stringContaining("Usage: surety pact")]);
  });

  it("test_RevertWhen_KeyPassedAsVariableName_NotEchoed", async () => {
    const key = keyOf("buyer");
    const outcome = await cli(["pact", "accept", "1", "--key-env", key], { rpc: UNREACHABLE });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(
      "--key-env: must name an environment variable; it looks like a private key itself",
    );
    expect(outcome.stderr + outcome.stdout).not.toContain(key.slice(2));
  });

  it("test_RevertWhen_KeyMalformed_NotEchoedEvenInPart", async () => {
    const malformed = `${keyOf("buyer").slice(0, 60)}zz`;
    const outcome = await cli(["stake", "deposit", "--amount", "1", "--json"], {
      rpc: UNREACHABLE,
      env: { SURETY_PRIVATE_KEY: malformed },
    });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("SURETY_PRIVATE_KEY: is not a private key");
    for (const part of [malformed, malformed.slice(2, 20), malformed.slice(30, 50)]) {
      expect(outcome.stderr + outcome.stdout).not.toContain(part);
    }
  });

  it("test_GivenMalformedKey_WhenReading_IgnoresIt", async () => {
    const outcome = await cli(["pact", "show", "1"], { rpc: UNREACHABLE, env: { SURETY_PRIVATE_KEY: "garbage" } });
    expect(outcome.code).toBe(3);
  });
});

describe("flags and arguments (as typed)", () => {
  it("test_RevertWhen_FlagRepeated_NamesItWithTheOtherFaultyFlags", async () => {
    const outcome = await cli([...createArgs({ price: "1", agent: "nobody" }), "--price", "2"], {
      as: "buyer",
      rpc: UNREACHABLE,
    });
    expect(outcome.code, outcome.stderr).toBe(2);
    expect(outcome.stderr).toContain('--price: is given 2 times ("1", "2"): give it once');
    expect(outcome.stderr).toContain("--agent: must be a 0x-prefixed 20-byte address");
  });

  it("test_RevertWhen_GlobalFlagRepeated", async () => {
    const outcome = await cli(["pact", "show", "1", "--rpc-url", UNREACHABLE, "--rpc-url", UNREACHABLE]);
    expect(outcome.code, outcome.stderr).toBe(2);
    expect(outcome.stderr).toContain("--rpc-url: is given 2 times");
  });

  it.each([
    ["0x21", '<pactId>: must be a pact id in decimal digits like 33, not hex ("0x21")'],
    ["033", "<pactId>: must be a pact id without leading zeros (33, not 033)"],
    ["00", "<pactId>: must be a pact id without leading zeros (0, not 00)"],
  ])("test_RevertWhen_PactIdIs_%s", async (id, expected) => {
    const outcome = await cli(["pact", "accept", id], { as: "agent", rpc: UNREACHABLE });
    expect(outcome.code, outcome.stderr).toBe(2);
    expect(outcome.stderr).toContain(expected);
  });

  it("test_WhenHelp_ShowsTheDeploymentPeriodBounds", async () => {
    const help = ok(await cli(["pact", "create", "--help"])).stdout;
    expect(help.replace(/\s+/g, " ")).toContain("from 1h to 30d on a deployment with the default configuration");
    expect(help.replace(/\s+/g, " ")).toContain("from 1d to 60d on a deployment with the default configuration");
  });
});

describe("--rpc-url, --indexer-url (a server of another kind)", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(404, { "content-type": "text/html" });
      response.end("<h1>Not Found</h1>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("test_RevertWhen_IndexerUrlIsNotAnIndexer", async () => {
    const outcome = await cli(["agent", "trust", AGENT, "--indexer-url", url]);
    expect(outcome.code, outcome.stderr).toBe(3);
    expect(outcome.stderr).toContain(`${url} (--indexer-url) is not a Surety indexer: it answered HTTP 404`);
  });

  it("test_RevertWhen_IndexerUrlIsAnRpcNode", async () => {
    const outcome = await cli(["pending", AGENT], { env: { SURETY_INDEXER_URL: rpcUrl() } });
    expect(outcome.code, outcome.stderr).toBe(3);
    expect(outcome.stderr).toContain(`${rpcUrl()} (SURETY_INDEXER_URL) is not a Surety indexer`);
  });

  it("test_RevertWhen_RpcUrlIsNotAnRpc", async () => {
    const outcome = await cli(["pact", "show", "1", "--rpc-url", url]);
    expect(outcome.code, outcome.stderr).toBe(3);
    expect(outcome.stderr).toContain(
      `${url} (--rpc-url) is not an Ethereum JSON-RPC endpoint: asked for its chain id, it answered HTTP 404`,
    );
  });
});

describe("flags checked against the chain (exit 2, named by the flag, nothing sent)", () => {
  const sdkCases: Case[] = [
    {
      name: "more decimals than the token",
      argv: createArgs({ price: "1.0000001" }),
      expected: "--price: has more decimal places than the token's 6",
    },
    {
      name: "deliver before accept",
      argv: createArgs({ "accept-in": "3d", "deliver-in": "1d" }),
      expected: "--deliver-in: must be after --accept-in",
    },
    {
      name: "penalty above collateral",
      argv: createArgs({ penalty: "60" }),
      expected: "--penalty: must be at most the collateral (50 mUSD), not 60 mUSD",
    },
    {
      name: "arbiter not registered",
      argv: createArgs({ arbiter: addressOf("stranger") }),
      expected: "--arbiter: is not registered as an arbiter for token",
    },
    {
      name: "arbiter fee below the minimum",
      argv: createArgs({ "arbiter-fee": "0.5" }),
      expected: "--arbiter-fee: must be at least the arbiter's minimum fee of 1 mUSD, not 0.5 mUSD",
    },
    {
      name: "ruling period above the arbiter's",
      argv: createArgs({ "ruling-period": "61d" }),
      expected: "--ruling-period: must be at most the arbiter's maximum of 60d, not 61d",
    },
    {
      name: "the agent is the buyer",
      argv: createArgs({ agent: addressOf("buyer") }),
      expected: "--agent: must not be the buyer",
    },
    {
      name: "a deployment on another chain",
      argv: ["pact", "show", "1", "--deployment", "other-chain.json"],
      expected: "--deployment: other-chain.json is on chain 8453, but the RPC at",
    },
    {
      name: "a deployment with no contract",
      argv: ["pact", "show", "1", "--deployment", "no-code.json"],
      expected: `--deployment: no contract at ${addressOf("stranger")} on chain 31337`,
    },
  ];
  file("other-chain.json", { chainId: 8453, surety: AGENT, stakeToken: AGENT, startBlock: 1 });
  file("no-code.json", { chainId: 31337, surety: addressOf("stranger"), stakeToken: AGENT, startBlock: 1 });

  it.each(sdkCases.map((item) => ({ ...item, name: pascal(item.name) })))(
    "test_RevertWhen_$name",
    async ({ argv, expected }) => {
      const outcome = await cli(argv, { as: "buyer" });
      expect(outcome.code, `stdout:\n${outcome.stdout}\nstderr:\n${outcome.stderr}`).toBe(2);
      expect(outcome.stderr).toContain(expected);
    },
  );
});

describe("--rpc-url, --indexer-url (unreachable: exit 3)", () => {
  it("test_RevertWhen_RpcUnreachable_ForReadsAndWrites", async () => {
    const read = await cli(["pact", "show", "1"], { rpc: UNREACHABLE });
    expect(read.code).toBe(3);
    expect(read.stderr).toContain("cannot reach the RPC at http://127.0.0.1:1 (SURETY_RPC_URL)");
    const write = await cli(["stake", "deposit", "--amount", "1", "--rpc-url", UNREACHABLE, "--json"], { as: "agent" });
    expect(write.code).toBe(3);
    expect(write.json().error).toMatchObject({ code: 3, kind: "connection" });
    expect(write.stderr).toContain("(--rpc-url)");
  });

  it("test_RevertWhen_IndexerUnreachable", async () => {
    const outcome = await cli(["agent", "trust", AGENT, "--indexer-url", UNREACHABLE]);
    expect(outcome.code).toBe(3);
    expect(outcome.stderr).toContain("cannot reach the indexer's trust API at http://127.0.0.1:1");
    const pending = await cli(["pending", AGENT], { env: { SURETY_INDEXER_URL: UNREACHABLE } });
    expect(pending.code).toBe(3);
  });
});
