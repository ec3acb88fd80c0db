import { z } from 'zod';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const DURATION_TEXT = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/;

/** Longest window a rule may use: a decade is already more than any retention policy asks for. */
export const MAX_DURATION_MS = 3650 * 86_400_000;

const EXPECTED = 'expected a duration such as "30d", "10m", "3600s" or a number of seconds';

/**
 * Milliseconds for "30d", "10m", "1.5h", "3600s", "250ms", "2w", or a bare number of seconds;
 * undefined when the text is not a duration.
 */
export function parseDuration(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input * 1_000 : undefined;
  const match = DURATION_TEXT.exec(input.trim());
  if (match === null) return undefined;
  return Number(match[1]) * (UNIT_MS[match[2] as string] as number);
}

/** A positive duration in YAML (text or seconds), parsed to milliseconds. */
export const DurationSchema = z
  .union([z.number(), z.string()], { error: EXPECTED })
  .transform((input, ctx) => {
    const ms = parseDuration(input);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `${EXPECTED}, got ${JSON.stringify(input)}` });
      return z.NEVER;
    }
    if (ms <= 0 || ms > MAX_DURATION_MS) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a duration above 0 and at most 3650d, got ${input}`,
      });
      return z.NEVER;
    }
    return ms;
  });
