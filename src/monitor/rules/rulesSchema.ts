import { z } from 'zod';
import { CoordinatedWithdrawalRuleSchema } from './coordinatedWithdrawal.js';
import { DormantHighValueRuleSchema } from './dormantHighValue.js';
import { NewAddressHighValueRuleSchema } from './newAddressHighValue.js';
import { PassThroughRuleSchema } from './passThrough.js';
import { StructuringRuleSchema } from './structuring.js';
import { VelocityRuleSchema } from './velocity.js';

/** One rule; `type` picks the parameters it takes. Adding a type: its file, and one line here and in ruleEngine.ts. */
export const MonitorRuleSchema = z.discriminatedUnion('type', [
  DormantHighValueRuleSchema,
  CoordinatedWithdrawalRuleSchema,
  VelocityRuleSchema,
  StructuringRuleSchema,
  PassThroughRuleSchema,
  NewAddressHighValueRuleSchema,
]);
export type MonitorRuleConfig = z.output<typeof MonitorRuleSchema>;

export const MonitorRulesDocumentSchema = z.strictObject({
  // A `rules:` key with every entry commented out reads as null: treat it like no rules.
  rules: z
    .array(MonitorRuleSchema)
    .nullish()
    .transform((rules) => rules ?? []),
});
/** Validated rules: durations in milliseconds, defaults filled in. */
export type MonitorRulesConfig = z.output<typeof MonitorRulesDocumentSchema>;
