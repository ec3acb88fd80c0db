export { BagOfWordsBaseline } from './bagOfWordsBaseline.js';
export {
  createEntityExtractor,
  type EntityExtractor,
  type EntityExtractorOptions,
  type EntityKind,
  type EntityMention,
} from './entities.js';
export {
  BUILT_IN_GAZETTEER,
  extendGazetteer,
  type GazetteerEntry,
  loadGazetteerFile,
  parseGazetteer,
} from './gazetteer.js';
export { MajorityClass } from './majorityClass.js';
export { SENTIMENT_LEXICON, type SentimentScore, sentiment } from './sentiment.js';
export { TechniqueClassifier, type TechniqueClassifierOptions } from './techniqueClassifier.js';
export {
  findTechniques,
  TECHNIQUE_NAMES,
  TECHNIQUES,
  type Technique,
  type TechniqueName,
} from './techniques.js';
export type { LabelPrediction, TextClassifier } from './textClassifier.js';
export { normalizeText, type TokenizeOptions, tokenize } from './tokenize.js';
export { nmf, type Topic, type TopicModel, type TopicModelOptions, topicModel } from './topics.js';
