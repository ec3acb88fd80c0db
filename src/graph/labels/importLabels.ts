import { existsSync } from 'node:fs';
import { z } from 'zod';
import { KNOWN_CHAINS } from '../../core/chain.js';
import { ArgusError, ValidationError } from '../../core/errors.js';
import { importCryptoScamDb } from './importers/cryptoScamDb.js';
import { importDefiHackLabs } from './importers/defiHackLabs.js';
import { importForta } from './importers/forta.js';
import { importOfac } from './importers/ofac.js';
import { type ImportResult, LabelCollector } from './labelCollector.js';

export const LABEL_IMPORT_KINDS = ['ofac', 'forta', 'cryptoscamdb', 'defihacklabs'] as const;
export type LabelImportKind = (typeof LABEL_IMPORT_KINDS)[number];

export const ImportOptionsSchema = z.object({
  /** Stamped on every label; defaults to now. */
  importedAt: z.coerce.date().optional(),
  /** Forta: the chain of the lists, when they do not sit in a labels/<chain id>/ folder. */
  chain: z.enum(KNOWN_CHAINS).optional(),
  /** DeFiHackLabs: the chain to assume for incidents that link no block explorer (else rejected). */
  chainWhenUnknown: z.enum(KNOWN_CHAINS).optional(),
});
export type ImportOptions = z.input<typeof ImportOptionsSchema>;

/**
 * Reads one source's list (a file, or the folder the dataset comes in) into labels. Malformed rows are
 * rejected with their position and reason and the rest go on; repeats are counted, not kept.
 */
export async function importLabels(
  kind: LabelImportKind,
  path: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  if (!(LABEL_IMPORT_KINDS as readonly string[]).includes(kind)) {
    throw new ValidationError(
      'INPUT_INVALID',
      'label source',
      [{ path: 'kind', message: `unknown label source "${kind}"` }],
      `use one of: ${LABEL_IMPORT_KINDS.join(', ')}`,
    );
  }
  const parsed = ImportOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new ValidationError(
      'INPUT_INVALID',
      'label import options',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  if (!existsSync(path)) {
    throw new ArgusError('INPUT_INVALID', `${path} does not exist`, {
      input: path,
      hint: `give the ${kind} list file, or the folder it comes in`,
    });
  }
  const collector = new LabelCollector((parsed.data.importedAt ?? new Date()).toISOString());
  if (kind === 'ofac') await importOfac(path, collector);
  else if (kind === 'forta') await importForta(path, collector, parsed.data.chain);
  else if (kind === 'cryptoscamdb') await importCryptoScamDb(path, collector);
  else await importDefiHackLabs(path, collector, parsed.data.chainWhenUnknown);
  return collector.result();
}
