import { z } from 'zod';

export const DASP_CATEGORIES = [
  'reentrancy',
  'access_control',
  'arithmetic',
  'unchecked_low_level_calls',
  'denial_of_service',
  'bad_randomness',
  'front_running',
  'time_manipulation',
  'short_addresses',
  'other',
] as const;

export const FindingSeveritySchema = z.enum(['info', 'low', 'medium', 'high']);
export const ConfidenceSchema = z.enum(['low', 'medium', 'high']);

export type DaspCategory = (typeof DASP_CATEGORIES)[number];

/**
 * One result of a smart-contract audit detector: the stable JSON interface that CI and the benchmark
 * read. It points at the statement at fault, not at the whole function or contract.
 */
export const FindingSchema = z.object({
  detector: z.string().min(1),
  title: z.string().min(1),
  /** The SmartBugs DASP category name. */
  category: z.enum(DASP_CATEGORIES),
  swc: z
    .string()
    .regex(/^SWC-\d{3}$/)
    .optional(),
  severity: FindingSeveritySchema,
  confidence: ConfidenceSchema,
  file: z.string().min(1),
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
  /** 1-based columns of the statement, when known (SARIF regions use them). */
  startColumn: z.number().int().positive().optional(),
  endColumn: z.number().int().positive().optional(),
  message: z.string().min(1),
  recommendation: z.string().min(1),
  contract: z.string().optional(),
  function: z.string().optional(),
});
export type Finding = z.infer<typeof FindingSchema>;
