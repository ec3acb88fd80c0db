import { type Address, decodeAbiParameters, type Hex, hexToString, type PublicClient } from 'viem';
import { isTransportFailure } from './rpcErrors.js';

export interface TokenInfo {
  symbol: string;
  decimals: number;
}

/** Known tokens by contract address (any case), so that common ones need no calls. */
export type TokenList = Record<string, TokenInfo>;

const DECIMALS_SELECTOR = '0x313ce567';
const SYMBOL_SELECTOR = '0x95d89b41';
/** Longer "symbols" are junk or spam; cut them so a name stays readable. */
const MAX_SYMBOL_CHARS = 32;
const DEFAULT_DECIMALS = 18;

/** What to call a token whose symbol() is missing or unusable: its address, which is unique. */
export function fallbackSymbol(address: string): string {
  return address.toLowerCase();
}

/** A symbol fit for TransferEvent.asset: printable, trimmed, at most 32 characters, or undefined. */
export function cleanSymbol(raw: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  const text = raw.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (text.length === 0) return undefined;
  return text.slice(0, MAX_SYMBOL_CHARS);
}

/** symbol() as an ABI string, or as the bytes32 that early tokens (MKR, SAI) return. */
export function decodeSymbol(data: Hex): string | undefined {
  if (data.length < 66) return undefined;
  try {
    const [text] = decodeAbiParameters([{ type: 'string' }], data);
    return cleanSymbol(text);
  } catch {
    if (data.length !== 66) return undefined;
    try {
      return cleanSymbol(hexToString(data, { size: 32 }));
    } catch {
      return undefined;
    }
  }
}

/** decimals() as a uint8 or a uint256 that fits one; undefined otherwise. */
export function decodeDecimals(data: Hex): number | undefined {
  if (data.length !== 66) return undefined;
  const value = BigInt(data);
  return value <= 255n ? Number(value) : undefined;
}

/**
 * Symbols and decimals of the tokens seen, from the given list or else asked once of the contract and
 * kept; a token that does not answer gets 18 decimals and its address as symbol. A node that could not be
 * reached is not an answer: that failure propagates and nothing is cached.
 */
export class TokenMetadataCache {
  private readonly client: PublicClient;
  private readonly known = new Map<string, TokenInfo>();
  private readonly fetched = new Map<string, Promise<TokenInfo>>();
  private readonly maxEntries: number;

  constructor(client: PublicClient, tokens: TokenList = {}, maxEntries = 50_000) {
    this.client = client;
    this.maxEntries = maxEntries;
    for (const [address, info] of Object.entries(tokens)) {
      this.known.set(address.toLowerCase(), {
        symbol: cleanSymbol(info.symbol) ?? fallbackSymbol(address),
        decimals: info.decimals,
      });
    }
  }

  get(address: string): TokenInfo | Promise<TokenInfo> {
    const key = address.toLowerCase();
    const known = this.known.get(key);
    if (known) return known;
    let pending = this.fetched.get(key);
    if (!pending) {
      if (this.fetched.size >= this.maxEntries) {
        const oldest = this.fetched.keys().next().value;
        if (oldest !== undefined) this.fetched.delete(oldest);
      }
      pending = this.fetch(key as Address);
      this.fetched.set(key, pending);
      pending.catch(() => this.fetched.delete(key));
    }
    return pending;
  }

  private async call(to: Address, data: Hex): Promise<Hex | undefined> {
    try {
      return (await this.client.request({ method: 'eth_call', params: [{ to, data }, 'latest'] })) as Hex;
    } catch (err) {
      if (isTransportFailure(err)) throw err;
      return undefined;
    }
  }

  private async fetch(address: Address): Promise<TokenInfo> {
    const [decimalsData, symbolData] = await Promise.all([
      this.call(address, DECIMALS_SELECTOR),
      this.call(address, SYMBOL_SELECTOR),
    ]);
    return {
      decimals: (decimalsData && decodeDecimals(decimalsData)) ?? DEFAULT_DECIMALS,
      symbol: (symbolData && decodeSymbol(symbolData)) ?? fallbackSymbol(address),
    };
  }
}
