import { z } from 'zod';
import { AreaSchema } from './area.js';
import { SeveritySchema } from './severity.js';

export const SUBJECT_KINDS = [
  'account',
  'address',
  'contract',
  'user',
  'package',
  'transfer',
  'ip',
  'other',
] as const;

const AttributeValueSchema = z.union([z.string(), z.number(), z.boolean()]);

export const SubjectSchema = z.object({
  kind: z.enum(SUBJECT_KINDS),
  id: z.string().min(1).max(256),
  chain: z.string().min(1).max(64).optional(),
  /** Facts about the subject that policies match on, e.g. jurisdiction, tier, wallet kind. */
  attributes: z.record(z.string(), AttributeValueSchema).optional(),
});
export type Subject = z.infer<typeof SubjectSchema>;

/** What made a detector fire: a feature against its baseline, code lines, a graph path, or a plain fact. */
export const EvidenceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('feature'),
    name: z.string().min(1),
    value: z.number(),
    baseline: z.number().optional(),
    contribution: z.number().optional(),
  }),
  z.object({
    kind: z.literal('code'),
    file: z.string().min(1),
    startLine: z.number().int().nonnegative(),
    endLine: z.number().int().nonnegative(),
    excerpt: z.string().optional(),
  }),
  z.object({
    kind: z.literal('path'),
    nodes: z.array(z.string()).min(1),
    share: z.number().min(0).max(1).optional(),
    label: z.string().optional(),
  }),
  z.object({
    kind: z.literal('fact'),
    name: z.string().min(1),
    value: z.union([z.string(), z.number(), z.boolean()]),
  }),
]);
export type Evidence = z.infer<typeof EvidenceSchema>;

/** Links from an alert to the things a response acts on. */
export const AlertContextSchema = z.object({
  transferId: z.string().min(1).optional(),
  userId: z.string().min(1).optional(),
  wallet: z.string().min(1).optional(),
  asset: z.string().min(1).optional(),
  txHash: z.string().min(1).optional(),
});
export type AlertContext = z.infer<typeof AlertContextSchema>;

const epochMs = z.number().int().nonnegative();

/** What a detector (or an API client) hands to the pipeline. */
export const AlertInputSchema = z.object({
  area: AreaSchema,
  detector: z.string().min(1).max(128),
  subject: SubjectSchema,
  severity: SeveritySchema,
  score: z.number().min(0).max(1),
  title: z.string().min(1).max(300),
  explanation: z.string().min(1).max(10_000),
  evidence: z.array(EvidenceSchema).max(200).default([]),
  context: AlertContextSchema.default({}),
  /** When the underlying event happened (block time, login time); defaults to when it was received. */
  occurredAt: epochMs.optional(),
});
export type AlertInput = z.input<typeof AlertInputSchema>;
export type ParsedAlertInput = z.output<typeof AlertInputSchema>;

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved', 'false-positive'] as const;
export const AlertStatusSchema = z.enum(ALERT_STATUSES);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

export interface Alert extends ParsedAlertInput {
  id: string;
  dedupeKey: string;
  occurredAt: number;
  firstSeenAt: number;
  lastSeenAt: number;
  /** How many raw alerts were folded into this one by deduplication. */
  count: number;
  status: AlertStatus;
  statusBy?: string;
  statusAt?: number;
  statusNote?: string;
}

export interface AlertStatusChange {
  alertId: string;
  status: AlertStatus;
  by: string;
  at: number;
  note?: string;
}

export function dedupeKeyOf(input: Pick<ParsedAlertInput, 'area' | 'detector' | 'subject'>): string {
  const chain = input.subject.chain ?? '';
  return `${input.area}|${input.detector}|${input.subject.kind}|${chain}|${input.subject.id}`;
}
