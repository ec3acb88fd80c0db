import type {
  ModelHealthCheck,
  ModelHealthDetails,
  ModelHealthLevel,
  ModelScoreBins,
} from '../../../src/store/types.js';
import type { ArgusApi } from '../api.js';

export type { ModelHealthCheck, ModelHealthDetails, ModelHealthLevel, ModelScoreBins };

export interface ModelHealthHistory {
  model: string;
  /** Oldest first; drift checks and retrains mixed. */
  items: ModelHealthCheck[];
  /** The range held more rows than were returned: these are its latest. */
  truncated: boolean;
}

/** Every model with health rows, each with its latest one. */
export async function fetchModels(api: ArgusApi): Promise<ModelHealthCheck[]> {
  return (await api.get<{ items: ModelHealthCheck[] }>('/v1/models/health')).items;
}

/** A model's rows with since <= at < until, oldest first. */
export function fetchModelHealth(
  api: ArgusApi,
  model: string,
  range: { since: number; until: number },
): Promise<ModelHealthHistory> {
  return api.get(`/v1/models/${encodeURIComponent(model)}/health`, {
    since: range.since,
    until: range.until,
    limit: 2_000,
  });
}
