import { getAddress, isAddress, zeroAddress, type Address } from "viem";
import { z } from "zod";

/**
 * What can be wrong with an address, in the words every package shows: the SDK's parameter errors, the CLI's flag
 * errors and the indexer API's 400s all come from {@link validateAddress}.
 */
export const ADDRESS_PROBLEMS = {
  format: "must be a 0x-prefixed 20-byte address",
  checksum: "has an invalid checksum (mixed case that is not EIP-55)",
  zero: "must not be the zero address",
} as const;

/** An address that passed {@link validateAddress}, checksummed, or what is wrong with the input. */
export type AddressValidation = { address: Address; problem?: undefined } | { address?: undefined; problem: string };

/**
 * Checks an address as Surety accepts it: 0x and 40 hex digits, in one case or with a valid EIP-55 checksum (a
 * mixed-case address with a wrong checksum is a typo, not an address), and not zero when `nonZero`.
 * @example
 * validateAddress("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512"); // { address: "0xe7f1…" }
 * validateAddress("0xE7f1725E7734CE288F8367e1Bb143E90bb3F0512"); // { problem: "has an invalid checksum …" }
 */
export function validateAddress(value: unknown, options: { nonZero?: boolean } = {}): AddressValidation {
  if (typeof value !== "string" || !isAddress(value, { strict: false })) return { problem: ADDRESS_PROBLEMS.format };
  if (!isAddress(value)) return { problem: ADDRESS_PROBLEMS.checksum };
  if (options.nonZero === true && value.toLowerCase() === zeroAddress) return { problem: ADDRESS_PROBLEMS.zero };
  return { address: getAddress(value) };
}

/** {@link validateAddress} as a zod schema: the checksummed address, or an issue with the problem's words. */
export const addressSchema = (options: { nonZero?: boolean } = {}) =>
  z.unknown().transform((value, context): Address => {
    const checked = validateAddress(value, options);
    if (checked.problem === undefined) return checked.address;
    context.addIssue({ code: "custom", message: checked.problem });
    return z.NEVER;
  });
