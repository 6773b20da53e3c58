/**
 * What the API shows of a token: its symbol and decimals, read from the chain once per token (ETH, address zero,
 * needs no read). The only RPC reads the indexer makes, and only while answering a request.
 */
import { erc20PermitAbi } from "@surety/sdk";
import { publicClients } from "ponder:api";
import { BaseError, ContractFunctionRevertedError, ContractFunctionZeroDataError, zeroAddress } from "viem";

import { indexerConfig } from "../../ponder.config.ts";
import { checksum, type TokenInfo } from "./format.ts";

const tokenCache = new Map<string, Promise<TokenInfo>>();

/** Whether a failed read was the token's own answer (no such function), not the RPC failing. */
function tokenRefused(error: unknown): boolean {
  return (
    error instanceof BaseError &&
    error.walk(
      (cause) => cause instanceof ContractFunctionRevertedError || cause instanceof ContractFunctionZeroDataError,
    ) !== null
  );
}

/**
 * The token's symbol and decimals, read once from the chain; null where the token does not answer. A read that
 * failed for another reason (the RPC down) answers null this time and is tried again on the next request.
 */
export function tokenInfo(token: string): Promise<TokenInfo> {
  const key = token.toLowerCase();
  let info = tokenCache.get(key);
  if (info === undefined) {
    const address = checksum(token);
    info =
      address === zeroAddress
        ? Promise.resolve({ address, symbol: "ETH", decimals: 18 })
        : (async () => {
            const client = publicClients.surety;
            let retry = false;
            const read = <T>(functionName: "symbol" | "decimals") =>
              client
                .readContract({ address, abi: erc20PermitAbi, functionName })
                .then((value) => value as T)
                .catch((error: unknown) => {
                  if (!tokenRefused(error)) retry = true;
                  return null;
                });
            const [symbol, decimals] = await Promise.all([read<string>("symbol"), read<number>("decimals")]);
            if (retry) tokenCache.delete(key);
            return { address, symbol, decimals: decimals === null ? null : Number(decimals) };
          })();
    tokenCache.set(key, info);
  }
  return info;
}

/** The stake token's symbol and decimals: the unit of stakes, collateral, penalties and slashes. */
export const stakeTokenInfo = () => tokenInfo(indexerConfig.deployment.stakeToken);
