import type { DetectorMeta } from '../types.js';

/**
 * The text of an analysed file, by the `file` a finding carries. The audit runner already read every
 * file, so reports take its copy rather than reading the disk again (and stay pure functions).
 */
export type SourceLookup = (file: string) => string | undefined;

/** A detector's description, exploit scenario and recommendation, by detector id. */
export type MetaLookup = (id: string) => DetectorMeta | undefined;
