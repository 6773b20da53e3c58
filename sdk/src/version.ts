/**
 * The SDK's version, as sdk/package.json gives it: the one place the code reads it from (errors end with it).
 * `npm version -w sdk` rewrites this file through the package's `version` script, and a unit test fails when the
 * two differ.
 */
export const version = "0.1.0";
