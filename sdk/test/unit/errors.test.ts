import { readFile } from "node:fs/promises";

import { describe, expect, it } from "vitest";

import { courtAdapterAbi, erc20PermitAbi, suretyAbi } from "../../src/abis.ts";
import { SuretyError } from "../../src/errors/base.ts";
import { ContractRevertError } from "../../src/errors/contract.ts";
import { DeploymentError } from "../../src/errors/deployment.ts";
import { explainRevert } from "../../src/errors/messages.ts";
import { NotFoundError } from "../../src/errors/notFound.ts";
import { InvalidParametersError } from "../../src/errors/parameters.ts";
import { RequestError } from "../../src/errors/request.ts";
import { TrustApiError } from "../../src/errors/trustApi.ts";
import { version } from "../../src/version.ts";

/** The two lines every SDK error's message ends with, after a blank line. */
const footer = (anchor: string) => `\n\nDocs: @surety/sdk/README.md${anchor}\nVersion: @surety/sdk@${version}`;

describe("errors", () => {
  it("test_EveryClass_ExtendsSuretyErrorWithALiteralName", () => {
    const cause = new Error("root");
    const errors = [
      new InvalidParametersError({ action: "x", issues: [{ path: "price", message: "must be > 0" }], cause }),
      new NotFoundError({ resource: "pact", id: "9", message: "No pact 9." }),
      new RequestError({ action: "x", cause }),
      new DeploymentError({ path: "a.json", issues: [{ path: "chainId", message: "is required" }], cause }),
      new ContractRevertError({
        errorName: "Surety_ZeroPrice",
        args: [],
        functionName: "createPact",
        contractAddress: undefined,
        data: "0x",
        cause,
      }),
    ];
    expect(errors.map((error) => error.name)).toEqual([
      "InvalidParametersError",
      "NotFoundError",
      "RequestError",
      "DeploymentError",
      "ContractRevertError",
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(SuretyError);
      expect(error).toBeInstanceOf(Error);
      expect(error.message.startsWith(error.shortMessage)).toBe(true);
    }
    expect(errors[0]!.cause).toBe(cause);
    expect(errors[0]!.walk()).toBe(cause);
    expect(errors[0]!.walk((e) => e === cause)).toBe(cause);
    expect(errors[0]!.walk(() => false)).toBeUndefined();
    expect(errors[0]!.message).toBe(
      "Invalid parameters for x (1 issue):\n- price: must be > 0" + footer("#invalidparameterserror"),
    );
    expect(errors[2]!.message).toBe("x failed: root" + footer("#requesterror"));
  });

  it("test_EveryCustomError_HasAPlainWordsMessage", () => {
    const names = [...suretyAbi, ...erc20PermitAbi, ...courtAdapterAbi].flatMap((item) =>
      item.type === "error" ? [item] : [],
    );
    expect(names.length).toBeGreaterThan(90);
    for (const item of names) {
      const args = item.inputs.map((input) =>
        input.type === "address"
          ? "0x0000000000000000000000000000000000000001"
          : input.type === "string"
            ? "s"
            : input.type === "bytes"
              ? "0x08c379a0"
              : 1n,
      );
      const message = explainRevert(item.name, args);
      expect(message, item.name).not.toContain("cannot decode");
      expect(message.length, item.name).toBeGreaterThan(10);
    }
    expect(explainRevert("Surety_DeadlinePassed", [3n, 1_800_000_000n])).toBe(
      "the deadline of pact 3 (2027-01-15T08:00:00.000Z, 1800000000) has passed",
    );
    expect(explainRevert("Surety_InvalidStatus", [3n, 2])).toBe("pact 3 is active, which does not allow this call");
    expect(explainRevert("Error", ["nope"])).toBe("the contract reverted: nope");
    expect(explainRevert("Panic", [0x11n])).toBe("the contract panicked: an arithmetic operation overflowed");
    expect(explainRevert("Panic", [0x99n])).toBe("the contract panicked: code 0x99");
    expect(explainRevert("Whatever", [])).toBe("the contract reverted without a reason the SDK can decode");
  });

  it("test_ContractRevertError_NarrowsByName", () => {
    const error: ContractRevertError = new ContractRevertError({
      errorName: "Surety_DeadlinePassed",
      args: [3n, 1_800_000_000n],
      functionName: "acceptPact",
      contractAddress: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
      data: "0x",
      cause: undefined,
    });
    expect(error.is("Surety_DeadlinePassed")).toBe(true);
    expect(error.is("Surety_ZeroPrice")).toBe(false);
    if (error.is("Surety_DeadlinePassed")) {
      const [pactId, deadline] = error.args;
      expect(pactId + deadline).toBe(1_800_000_003n);
    }
    expect(error.message).toBe(
      "acceptPact reverted: the deadline of pact 3 (2027-01-15T08:00:00.000Z, 1800000000) has passed.\n" +
        "Error: Surety_DeadlinePassed(3, 1800000000)\nContract: 0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512" +
        footer("#contractreverterror"),
    );
  });

  it("test_EveryClass_NamesItsReadmeSectionAndTheSdkVersion", async () => {
    const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
    // GitHub's anchor of every heading: lower case, spaces to dashes, punctuation and backticks dropped.
    const anchors = new Set(
      [...readme.matchAll(/^#+ (.+)$/gm)].map(
        (match) =>
          "#" +
          match[1]!
            .toLowerCase()
            .replace(/[^a-z0-9 -]/g, "")
            .replace(/ /g, "-"),
      ),
    );
    const cause = new Error("root");
    const errors: SuretyError[] = [
      new SuretyError("plain"),
      new InvalidParametersError({ action: "x", issues: [], cause }),
      new NotFoundError({ resource: "pact", id: "9", message: "No pact 9." }),
      new RequestError({ action: "x", cause }),
      new DeploymentError({ path: "a.json", issues: [] }),
      new TrustApiError({ status: 500, url: "http://x", code: "internal", message: "failed" }),
      new ContractRevertError({
        errorName: "unknown",
        args: [],
        functionName: "f",
        contractAddress: undefined,
        data: undefined,
        cause,
      }),
    ];
    for (const error of errors) {
      expect(error.version, error.name).toBe(`@surety/sdk@${version}`);
      expect(anchors, `${error.name}'s docsPath ${error.docsPath}`).toContain(error.docsPath);
      expect(error.message.endsWith(footer(error.docsPath!)), error.name).toBe(true);
    }
    expect(new Set(errors.map((error) => error.docsPath)).size).toBe(errors.length);
  });

  it("test_Version_IsThePackageVersion", async () => {
    const manifest = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8"));
    expect(version).toBe(manifest.version);
  });
});
