/**
 * Writes Hardhat keystores into a throwaway config folder (XDG_CONFIG_HOME), with Hardhat's own encryption module,
 * so that the CLI's --keystore reads exactly what `npx hardhat keystore set` would have written.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { REPO_ROOT } from "../../../scripts/lib/local-chain.ts";

type Encryption = {
  createMasterKey: (options: { password: string }) => { salt: Uint8Array; masterKey: Uint8Array };
  createEmptyEncryptedKeystore: (options: { masterKey: Uint8Array; salt: Uint8Array }) => unknown;
  addSecretToKeystore: (options: {
    masterKey: Uint8Array;
    encryptedKeystore: unknown;
    key: string;
    value: string;
  }) => unknown;
};

// Not exported by the package (its exports map has only the plugin): the file is read by path, for tests only.
const ENCRYPTION = path.join(
  REPO_ROOT,
  "node_modules/@nomicfoundation/hardhat-keystore/dist/src/internal/keystores/encryption.js",
);

async function encrypted(password: string, secrets: Record<string, string>): Promise<unknown> {
  const encryption = (await import(pathToFileURL(ENCRYPTION).href)) as Encryption;
  const { salt, masterKey } = encryption.createMasterKey({ password });
  let keystore = encryption.createEmptyEncryptedKeystore({ masterKey, salt });
  for (const [key, value] of Object.entries(secrets)) {
    keystore = encryption.addSecretToKeystore({ masterKey, encryptedKeystore: keystore, key, value });
  }
  return keystore;
}

/**
 * A config folder holding a production keystore (`password`) and, when given, a development keystore (its
 * password in hardhat.checksum, as Hardhat keeps it). Pass the result as XDG_CONFIG_HOME.
 */
export async function keystoreHome(options: {
  password: string;
  production: Record<string, string>;
  development?: Record<string, string>;
}): Promise<string> {
  const home = mkdtempSync(path.join(tmpdir(), "surety-keystore-"));
  const folder = path.join(home, "hardhat-nodejs");
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    path.join(folder, "keystore.json"),
    JSON.stringify(await encrypted(options.password, options.production)),
  );
  if (options.development !== undefined) {
    const devPassword = "dev-password-from-the-checksum-file";
    writeFileSync(path.join(folder, "hardhat.checksum"), devPassword);
    writeFileSync(
      path.join(folder, "dev.keystore.json"),
      JSON.stringify(await encrypted(devPassword, options.development)),
    );
  }
  return home;
}
