import { z } from 'zod';
import { parseTime } from '../core/parseTime.js';

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

/** `?since=2024-03-01`: a date, an ISO time (UTC without a zone) or epoch ms, as epoch ms. */
export const timeParam = (what: string) =>
  z
    .string()
    .transform((s, ctx) => {
      const t = parseTime(s);
      if (t === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `expected a date (2024-01-01), an ISO time or epoch ms, got "${s.slice(0, 64)}"`,
        });
        return z.NEVER;
      }
      return t;
    })
    .optional()
    .describe(what);
