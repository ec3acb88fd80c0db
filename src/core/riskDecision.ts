import { z } from 'zod';

export const RiskReasonSchema = z.object({
  signal: z.string().min(1),
  weight: z.number(),
  contribution: z.number(),
  detail: z.string(),
});

/** The outcome of scoring a login or a session: what the auth area returns. */
export const RiskDecisionSchema = z.object({
  subject: z.string().min(1),
  score: z.number().min(0).max(1),
  decision: z.enum(['allow', 'challenge', 'deny']),
  factor: z.enum(['totp', 'webauthn']).optional(),
  reasons: z.array(RiskReasonSchema),
  at: z.number().int().nonnegative(),
});
export type RiskDecision = z.infer<typeof RiskDecisionSchema>;
