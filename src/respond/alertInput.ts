import { AlertInputSchema, type ParsedAlertInput } from '../core/alert.js';
import { ValidationError } from '../core/errors.js';
import { describeZodIssues } from '../core/zodIssues.js';

/** Validates what a detector or API client sent; throws ValidationError('INPUT_INVALID') naming each bad field. */
export function parseAlertInput(input: unknown): ParsedAlertInput {
  const parsed = AlertInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    'INPUT_INVALID',
    'alert',
    describeZodIssues(parsed.error, input),
    'fix the fields listed above',
  );
}
