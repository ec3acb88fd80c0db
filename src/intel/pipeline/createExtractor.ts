import { resolve } from 'node:path';
import type { ArgusConfig } from '../../core/config/schema.js';
import { createEntityExtractor, type EntityExtractor } from '../nlp/entities.js';
import { BUILT_IN_GAZETTEER, extendGazetteer, loadGazetteerFile } from '../nlp/gazetteer.js';

/** The entity extractor the config asks for: the built-in gazetteer, extended by intel.gazetteerFile. */
export function createExtractorFromConfig(intel: ArgusConfig['intel'], baseDir: string): EntityExtractor {
  if (intel.gazetteerFile === undefined) return createEntityExtractor();
  const extra = loadGazetteerFile(resolve(baseDir, intel.gazetteerFile));
  return createEntityExtractor({ gazetteer: extendGazetteer(BUILT_IN_GAZETTEER, extra) });
}
