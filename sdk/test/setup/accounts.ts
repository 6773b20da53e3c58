import { mnemonicToAccount } from "viem/accounts";

/** Hardhat's public default mnemonic: the accounts `hardhat node` funds. Test keys, never real ones. */
const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

const account = (addressIndex: number) => mnemonicToAccount(HARDHAT_MNEMONIC, { addressIndex });

/** The test roles. The deployer holds the admin, operator and guardian roles, as LocalSurety.ts sets them. */
export const accounts = {
  deployer: account(0),
  buyer: account(1),
  agent: account(2),
  arbiter: account(3),
  stranger: account(4),
  agent2: account(5),
  buyer2: account(6),
  arbiter2: account(7),
};
