import { z } from 'zod';

/** Exact decimal amount as a string: no float ever touches money. */
export const DecimalStringSchema = z
  .string()
  .regex(/^\d{1,78}(\.\d{1,36})?$/, 'expected a non-negative decimal string such as "1250.5"');

/** Converts a decimal string to integer base units, e.g. ("1.5", 18) -> 1500000000000000000n. */
export function toBaseUnits(amount: string, decimals: number): bigint {
  const parsed = DecimalStringSchema.parse(amount);
  const [whole = '0', fraction = ''] = parsed.split('.');
  if (fraction.length > decimals) {
    throw new RangeError(`amount ${amount} has more than ${decimals} decimal places`);
  }
  return BigInt(whole + fraction.padEnd(decimals, '0'));
}

export function fromBaseUnits(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Compares two decimal strings exactly. */
export function compareDecimal(a: string, b: string): number {
  const scale = Math.max(a.split('.')[1]?.length ?? 0, b.split('.')[1]?.length ?? 0);
  const x = toBaseUnits(a, scale);
  const y = toBaseUnits(b, scale);
  return x === y ? 0 : x < y ? -1 : 1;
}
