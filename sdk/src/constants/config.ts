/**
 * Surety's production settings, in seconds (and gas for `payoutGas`): the defaults of the Ignition module, the
 * test fixture and the local chain, which override only what they must. Free of imports so that Hardhat-side code
 * (Ignition modules, tests) can read it from source without building the SDK.
 */

const DAY = 86_400;

/** The constructor's `Config` defaults, less `stakeToken`, which every network names for itself. */
export const DEFAULT_SURETY_CONFIG = {
  /** How long a requested withdrawal of stake waits before it can be taken. */
  unbondingDelay: 7 * DAY,
  /** The longest withdrawal freeze the operator can impose on an agent. */
  maxFreeze: 14 * DAY,
  /** The bounds of a pact's review period. */
  minReviewPeriod: 3_600,
  maxReviewPeriod: 30 * DAY,
  /** The bounds of a pact's ruling period. */
  minRulingPeriod: DAY,
  maxRulingPeriod: 60 * DAY,
  /** The gas forwarded to each payout attempt before it falls back to a credit the payee claims. */
  payoutGas: 100_000,
  /** How long after a dispute its arbiter may hold off the default ruling while its court's dispute runs. */
  maxRulingHold: 180 * DAY,
} as const;

/** How long a transfer of the admin role waits (OpenZeppelin's AccessControlDefaultAdminRules delay). */
export const DEFAULT_ADMIN_DELAY = 3 * DAY;

/** Surety's settings other than the stake token. */
export type SuretySettings = { [key in keyof typeof DEFAULT_SURETY_CONFIG]: number };
