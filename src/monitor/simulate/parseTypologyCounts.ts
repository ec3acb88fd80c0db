import { ArgusError } from '../../core/errors.js';
import { TYPOLOGY_ALIASES, TYPOLOGY_NAMES, type TypologyName, typologyByName } from './typologyNames.js';

/**
 * Reads "dormant=5,coordinated=3" (full names or short aliases); "all=2" and "none" set every typology,
 * and later entries override earlier ones ("none,structuring=2"). Typologies not named keep their
 * default count.
 */
export function parseTypologyCounts(text: string): Partial<Record<TypologyName, number>> {
  const counts: Partial<Record<TypologyName, number>> = {};
  const known = [...new Set([...TYPOLOGY_NAMES, ...Object.keys(TYPOLOGY_ALIASES)])].join(', ');
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (part.toLowerCase() === 'none') {
      for (const name of TYPOLOGY_NAMES) counts[name] = 0;
      continue;
    }
    const match = /^([a-z-]+)\s*=\s*(\d+)$/i.exec(part);
    if (!match) {
      throw new ArgusError('INPUT_INVALID', `--typologies: expected name=count, got "${part}"`, {
        hint: 'e.g. --typologies dormant=5,coordinated=3,structuring=0',
      });
    }
    const count = Number(match[2]);
    const name = (match[1] as string).toLowerCase();
    if (name === 'all') {
      for (const t of TYPOLOGY_NAMES) counts[t] = count;
      continue;
    }
    const typology = typologyByName(name);
    if (!typology) {
      throw new ArgusError('INPUT_INVALID', `--typologies: unknown typology "${match[1]}"`, {
        hint: `known: ${known}`,
      });
    }
    counts[typology] = count;
  }
  return counts;
}
