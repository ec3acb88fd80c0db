import type { OsvRecord } from '../sources/osvRecord.js';

/**
 * Names for the parts of an OSV record that matching walks. The record itself is the one schema the
 * sources check at ingestion (../sources/osvRecord.ts), so what the store holds and what
 * `--advisories` reads are interpreted the same way.
 */
export type { OsvRecord };
export type OsvAffected = NonNullable<OsvRecord['affected']>[number];
export type OsvRange = NonNullable<OsvAffected['ranges']>[number];
export type OsvEvent = OsvRange['events'][number];
export type OsvSeverity = NonNullable<OsvRecord['severity']>[number];
