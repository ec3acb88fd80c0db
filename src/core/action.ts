import { z } from 'zod';
import { DecimalStringSchema } from './decimal.js';

/** The responses a policy can order. Secrets never appear here: webhooks name an endpoint from config. */
export const WebhookActionSchema = z.strictObject({
  type: z.literal('webhook'),
  endpoint: z.string().min(1),
});
export const HoldTransferActionSchema = z.strictObject({
  type: z.literal('hold-transfer'),
  reason: z.string().min(1).optional(),
});
export const StepUpActionSchema = z.strictObject({
  type: z.literal('step-up'),
  factor: z.enum(['any', 'totp', 'webauthn']).default('any'),
  reason: z.string().min(1).optional(),
});
export const ColdStorageActionSchema = z.strictObject({
  type: z.literal('cold-storage'),
  /** Asset to sweep; defaults to the alert's context.asset. */
  asset: z.string().min(1).optional(),
  /** 'all' or an exact decimal amount. */
  amount: z.union([z.literal('all'), DecimalStringSchema]).default('all'),
  /** Webhook endpoint (from config) that carries the instruction to the custody system. */
  endpoint: z.string().min(1),
});
export const NotifyActionSchema = z.strictObject({
  type: z.literal('notify'),
  channel: z.enum(['log', 'stdout']).default('log'),
});

export const ActionSpecSchema = z.discriminatedUnion('type', [
  WebhookActionSchema,
  HoldTransferActionSchema,
  StepUpActionSchema,
  ColdStorageActionSchema,
  NotifyActionSchema,
]);
export type ActionSpec = z.output<typeof ActionSpecSchema>;
export type ActionType = ActionSpec['type'];

export const ACTION_STATUSES = ['pending', 'succeeded', 'failed', 'dead-letter'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** One ordered response and where it stands: the row behind the audit trail. */
export interface ActionRecord {
  id: string;
  alertId: string;
  rule: string;
  type: ActionType;
  spec: ActionSpec;
  status: ActionStatus;
  attempts: number;
  maxAttempts: number;
  /** Sent with every delivery so that a receiver can drop repeats. */
  idempotencyKey: string;
  nextAttemptAt: number;
  lastError?: string;
  result?: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  completedAt?: number;
}

export const ACTION_EVENT_KINDS = [
  'queued',
  'attempt-failed',
  'succeeded',
  'dead-lettered',
  'requeued',
] as const;
export type ActionEventKind = (typeof ACTION_EVENT_KINDS)[number];

export interface ActionEvent {
  actionId: string;
  at: number;
  kind: ActionEventKind;
  attempt: number;
  detail: string;
}
