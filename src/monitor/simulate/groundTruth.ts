import { z } from 'zod';
import { ValidationError } from '../../core/errors.js';
import { describeZodIssues } from '../../core/zodIssues.js';
import { TYPOLOGY_NAMES } from './typologyNames.js';

const epochMs = z.number().int();

/** One injected incident: what a detector should find, on whom, and when. */
export const IncidentSchema = z.object({
  typology: z.enum(TYPOLOGY_NAMES),
  /** Unique within the file, e.g. "structuring-3". */
  id: z.string().min(1),
  /** The subject accounts (addresses) a detector should flag; alerts on these match the incident. */
  accounts: z.array(z.string().min(1)).min(1),
  /** Keys of the malicious transfers themselves (scene-setting transfers such as funding are not listed). */
  eventKeys: z.array(z.string().min(1)).min(1),
  /** Event time of the first and last malicious transfer, epoch ms. */
  start: epochMs,
  end: epochMs,
  /** Facts for a human reading the file (dormancy, threshold, recipients); evaluation ignores them. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
});
export type Incident = z.infer<typeof IncidentSchema>;

/** The bad input written on purpose, so a robustness test knows what a source should reject. */
export const NoiseReportSchema = z.object({
  malformedLines: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  jitterMs: z.number().nonnegative(),
});
export type NoiseReport = z.infer<typeof NoiseReportSchema>;

export const GroundTruthSchema = z.object({
  format: z.literal('argus-simulation-truth'),
  version: z.literal(1),
  seed: z.number().int(),
  accounts: z.number().int().nonnegative(),
  /** The simulated period [streamStart, streamEnd), epoch ms; a dormant account's last activity may precede it. */
  streamStart: epochMs,
  streamEnd: epochMs,
  incidents: z.array(IncidentSchema),
  noise: NoiseReportSchema.optional(),
  /** The options the stream was generated with, for reproduction. */
  options: z.record(z.string(), z.unknown()),
});
export type GroundTruth = z.infer<typeof GroundTruthSchema>;

/** Reads a truth.json document; a file that is not one is an input error with the offending keys. */
export function parseGroundTruth(raw: unknown): GroundTruth {
  const parsed = GroundTruthSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ValidationError(
      'INPUT_INVALID',
      'ground truth',
      describeZodIssues(parsed.error, raw),
      'pass the truth file written by `argus simulate --truth`',
    );
  }
  return parsed.data;
}
