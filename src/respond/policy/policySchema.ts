import { z } from 'zod';
import { ActionSpecSchema } from '../../core/action.js';
import { SUBJECT_KINDS } from '../../core/alert.js';
import { AreaSchema } from '../../core/area.js';
import { SeveritySchema } from '../../core/severity.js';

/** A value or a non-empty list of values, any of which may match. */
function oneOrList<T extends z.ZodType>(item: T, expected: string) {
  return z.union([item, z.array(item).min(1, 'expected at least one item')], {
    error: `expected ${expected} or a non-empty list of them`,
  });
}

/** gte/gt/lte/lt bounds; at least one must be given. */
function rangeOf<T extends z.ZodType>(bound: T) {
  return z
    .strictObject({
      gte: bound.optional(),
      gt: bound.optional(),
      lte: bound.optional(),
      lt: bound.optional(),
    })
    .refine((range) => Object.values(range).some((v) => v !== undefined), {
      error: 'expected at least one of gte, gt, lte, lt',
    });
}

const GlobSchema = z.string().min(1);
const AttributeValueSchema = z.union([z.string(), z.number(), z.boolean()], {
  error: 'expected a string, number or boolean',
});

const SeverityConditionSchema = z.union(
  [SeveritySchema, z.array(SeveritySchema).min(1, 'expected at least one item'), rangeOf(SeveritySchema)],
  {
    error:
      'expected a severity (info, low, medium, high, critical), a list of them, or a range such as { gte: high }',
  },
);

const MatchSchema = z.strictObject({
  area: oneOrList(AreaSchema, 'an area').optional(),
  detector: oneOrList(GlobSchema, 'a detector glob').optional(),
  severity: SeverityConditionSchema.optional(),
  score: rangeOf(z.number().min(0).max(1)).optional(),
  subject: z
    .strictObject({
      kind: oneOrList(z.enum(SUBJECT_KINDS), 'a subject kind').optional(),
      id: oneOrList(GlobSchema, 'an id glob').optional(),
      chain: oneOrList(GlobSchema, 'a chain glob').optional(),
      attributes: z
        .record(z.string(), oneOrList(AttributeValueSchema, 'a string, number or boolean'))
        .optional(),
    })
    .optional(),
});
export type PolicyMatch = z.output<typeof MatchSchema>;

const RuleSchema = z.strictObject({
  name: z.string().min(1).max(200),
  /** Every given condition must hold; no conditions matches every alert. */
  match: MatchSchema.default({}),
  actions: z.array(ActionSpecSchema).default([]),
  /** When true and this rule matches, later rules are not evaluated. */
  stop: z.boolean().default(false),
});
export const PolicyDocumentSchema = z.strictObject({
  // A `rules:` key with every entry commented out reads as null: treat it like no rules.
  rules: z
    .array(RuleSchema)
    .nullish()
    .transform((rules) => rules ?? []),
});
export type PolicyDocument = z.output<typeof PolicyDocumentSchema>;
