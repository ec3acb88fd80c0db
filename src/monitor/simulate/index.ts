/** The simulator's public surface: generate a stream with planted incidents, and score detections on it. */
export {
  type DetectionAlert,
  type EvaluateOptions,
  type EvaluationReport,
  evaluateDetections,
  type IncidentLike,
  PRECISION_DEFINITION,
} from './evaluate.js';
export { formatDelay, formatEvaluation } from './formatEvaluation.js';
export { type GroundTruth, GroundTruthSchema, type Incident, parseGroundTruth } from './groundTruth.js';
export { DEFAULT_TYPOLOGY_COUNTS, resolveSimulationOptions, type SimulationOptions } from './options.js';
export { parseTypologyCounts } from './parseTypologyCounts.js';
export { serializeTransfer } from './serializeTransfer.js';
export { createSimulation, type Simulation, simulateTransfers } from './simulateTransfers.js';
export { TYPOLOGIES } from './typologies/registry.js';
export { TYPOLOGY_NAMES, type TypologyName, typologyByName } from './typologyNames.js';
export { type SimulationSummary, type WriteSimulationOptions, writeSimulation } from './writeSimulation.js';
