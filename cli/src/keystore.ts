/**
 * Reads a secret from Hardhat 3's keystore (`npx hardhat keystore set NAME`), through Hardhat's own keystore plugin:
 * exactly as Hardhat resolves a configuration variable, the environment variable NAME wins when it is set, then the
 * development keystore (whose password Hardhat keeps in a file), then the production keystore, whose password is
 * asked once. The CLI answers that question itself: from the variable named by --keystore-password-env, else with a
 * prompt on the terminal (the input hidden, written to stderr so that stdout stays one document), else it fails.
 */
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

import { UsageError } from "./errors.ts";
import type { Reader, Writer } from "./output.ts";

const CLI_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The variables Hardhat takes as a sign of CI, where its keystore plugin does not read the keystore at all. */
const CI_VARIABLES = [
  "GITHUB_ACTIONS",
  "NOW",
  "DEPLOYMENT_ID",
  "CODEBUILD_BUILD_NUMBER",
  "CI",
  "CONTINUOUS_INTEGRATION",
  "BUILD_NUMBER",
  "RUN_ID",
];

export type KeystoreOptions = {
  /** The key's name in the keystore (Hardhat's configuration variable). */
  name: string;
  /** The production keystore's password, when given non-interactively. */
  password: string | undefined;
  stdin: Reader | undefined;
  stderr: Writer;
};

/** Asks for a password on the terminal without echoing it. */
function promptHidden(question: string, stdin: Reader, stderr: Writer): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: stdin, output: process.stderr, terminal: true });
    const internal = rl as unknown as { _writeToOutput: (text: string) => void };
    let asked = false;
    internal._writeToOutput = (text: string) => {
      if (!asked) {
        asked = true;
        stderr.write(text);
      } else if (text.includes("\n") || text.includes("\r")) stderr.write("\n");
    };
    rl.on("SIGINT", () => {
      rl.close();
      reject(new UsageError([{ flag: "--keystore", message: "the password prompt was interrupted" }]));
    });
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
  });
}

/** The secret stored under `name`, as a string. Every failure is a UsageError naming --keystore. */
export async function readKeystoreSecret(options: KeystoreOptions): Promise<string> {
  const { name } = options;
  const fail = (message: string, cause?: unknown): never => {
    throw new UsageError([{ flag: "--keystore", message }], { cause });
  };
  const [{ createHardhatRuntimeEnvironment }, { configVariable }, keystorePlugin] = await Promise.all([
    import("hardhat/hre"),
    import("hardhat/config"),
    import("@nomicfoundation/hardhat-keystore"),
  ]);
  // Hardhat wants a project (a folder with a package.json): the CLI's own. The keystore is per user, not per project.
  const hre = await createHardhatRuntimeEnvironment({ plugins: [keystorePlugin.default] }, {}, CLI_ROOT);
  let asked = false;
  hre.hooks.registerHandlers("userInterruptions", {
    requestSecretInput: async () => {
      asked = true;
      if (options.password !== undefined) return options.password;
      if (options.stdin?.isTTY !== true) {
        throw new UsageError([
          {
            flag: "--keystore-password-env",
            message:
              "Hardhat's production keystore needs its password: name a variable that holds it with " +
              "--keystore-password-env, or run in a terminal to be asked",
          },
        ]);
      }
      return promptHidden(`Password of Hardhat's keystore (for ${name}): `, options.stdin, options.stderr);
    },
  });
  let value: string;
  try {
    value = await hre.hooks.runHandlerChain(
      "configurationVariables",
      "fetchValue",
      [configVariable(name)],
      async (_context, variable) => {
        const fromEnvironment = process.env[variable.name];
        if (fromEnvironment !== undefined) return fromEnvironment;
        const ci = CI_VARIABLES.filter((key) => process.env[key] !== undefined);
        return fail(
          ci.length > 0
            ? `Hardhat does not read its keystore when ${ci.join(", ")} is set (it takes that as CI): use --key-env there`
            : `Hardhat's keystore has no key ${name} (add it with \`npx hardhat keystore set ${name}\`)`,
        );
      },
    );
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/password|hmac|decrypt/i.test(message)) {
      return fail(
        asked && options.password !== undefined
          ? "the password from --keystore-password-env does not open Hardhat's keystore (or the keystore is corrupted)"
          : "wrong password for Hardhat's keystore (or the keystore is corrupted)",
        error,
      );
    }
    return fail(`Hardhat's keystore could not be read: ${message}`, error);
  }
  return value;
}
