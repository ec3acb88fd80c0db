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

/** One result of a smart-contract audit detector; the JSON report is a list of these. */
export const FindingSchema = z.object({
  detector: z.string().min(1),
  title: z.string().min(1),
  dasp: z.enum(DASP_CATEGORIES),
  swc: z
    .string()
    .regex(/^SWC-\d{3}$/)
    .optional(),
  severity: FindingSeveritySchema,
  confidence: ConfidenceSchema,
  file: z.string().min(1),
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
  message: z.string().min(1),
  recommendation: z.string().min(1),
  contract: z.string().optional(),
  function: z.string().optional(),
});
export type Finding = z.infer<typeof FindingSchema>;
