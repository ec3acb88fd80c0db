/** The assets the simulated exchange handles, as indices into ASSETS (typed arrays store the index). */
export const ASSETS = ['ETH', 'USDT', 'USDC'] as const;
export type AssetName = (typeof ASSETS)[number];

/** How customers hold them: half ETH, the rest stablecoins. */
export const ASSET_SHARES: readonly number[] = [0.5, 0.3, 0.2];

/** Decimal places amounts are rounded to (ETH to the micro-ether, stablecoins to the cent). */
const AMOUNT_DECIMALS: readonly number[] = [6, 2, 2];
const AMOUNT_SCALE = AMOUNT_DECIMALS.map((d) => 10 ** d);

export const DEFAULT_PRICES: Readonly<Record<AssetName, number>> = { ETH: 3000, USDT: 1, USDC: 1 };

export function isNativeAsset(asset: number): boolean {
  return asset === 0;
}

/** Rounds to the asset's precision, never to zero: the smallest unit stands in for dust. */
export function roundAmount(amount: number, asset: number): number {
  const scale = AMOUNT_SCALE[asset] as number;
  return Math.max(1, Math.round(amount * scale)) / scale;
}

export function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * A round figure a person would type: one or two significant digits in the asset's unit (0.5 ETH,
 * 2,000 USDT).
 */
export function humanRound(amount: number, twoDigits: boolean): number {
  const magnitude = 10 ** (Math.floor(Math.log10(amount)) - (twoDigits ? 1 : 0));
  return Math.max(1, Math.round(amount / magnitude)) * magnitude;
}

/** Prices as a typed array indexed like ASSETS. */
export function priceTable(prices: Readonly<Record<AssetName, number>>): Float64Array {
  return Float64Array.from(ASSETS.map((a) => prices[a]));
}
