/** The test accounts by role (Hardhat's funded defaults: public test keys, never real ones). */
import { bytesToHex, type Hex } from "viem";

import { localAccount } from "../../../scripts/lib/local-chain.ts";

/** Which of Hardhat's accounts plays which role; the deployer holds the operator and guardian roles. */
export const ROLES = { operator: 0, buyer: 1, agent: 2, arbiter: 3, stranger: 4, agent2: 5 } as const;

export type Role = keyof typeof ROLES;

export const accountOf = (role: Role) => localAccount(ROLES[role]);

/** A role's private key, as a user would put it in SURETY_PRIVATE_KEY. */
export const keyOf = (role: Role): Hex => bytesToHex(localAccount(ROLES[role]).getHdKey().privateKey!);

export const addressOf = (role: Role) => accountOf(role).address;

/** The mock tokens' open mint. */
export const mintAbi = [
  {
    type: "function",
    name: "mint",
    stateMutability: "nonpayable",
    inputs: [
      { name: "to", type: "address" },
      { name: "amount", type: "uint256" },
    ],
    outputs: [],
  },
] as const;
