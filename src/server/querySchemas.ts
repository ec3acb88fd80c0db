import { z } from 'zod';

/** `?severity=high,critical` -> ['high', 'critical'], each checked against the allowed values. */
export function csvOf<T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)))
    .optional();
}

export const csvStrings = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  )
  .optional();

export const limitParam = z.coerce.number().int().min(1).max(500).optional();
export const cursorParam = z.string().max(64).optional();

export const IdParams = z.object({ id: z.string().min(1).max(128) });
