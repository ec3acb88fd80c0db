import { num } from './rows.js';
import {
  MODEL_HEALTH_LEVELS,
  MODEL_HEALTH_LIST_MAX,
  type ModelHealthCheck,
  type ModelHealthDetails,
  type ModelHealthLevel,
} from './types.js';

/*
 * Row <-> domain mapping of model_health, shared by both stores. The filtered and charted numbers are
 * columns; the bins, alert counts and per-feature PSI ride in the JSON body.
 */
type Row = Record<string, unknown>;

export const MODEL_HEALTH_COLUMNS = 'model, at, generation, sample_size, psi, level, body';

const DEFAULT_LIST = 1_000;

/** Whole numbers in [1, MODEL_HEALTH_LIST_MAX]; NaN or absent gives the default. */
export function modelHealthLimit(limit: number | undefined): number {
  const wanted = limit === undefined || Number.isNaN(limit) ? DEFAULT_LIST : Math.trunc(limit);
  return Math.min(Math.max(1, wanted), MODEL_HEALTH_LIST_MAX);
}

/**
 * Values in MODEL_HEALTH_COLUMNS order. A non-finite PSI is refused here: SQLite would store NaN as
 * NULL (and fail the NOT NULL) while PostgreSQL keeps it, and a chart can do nothing with either.
 */
export function modelHealthValues(check: ModelHealthCheck): unknown[] {
  if (!Number.isFinite(check.psi)) {
    throw new RangeError(
      `model health check of ${check.model} at ${check.at}: PSI must be finite, got ${check.psi}`,
    );
  }
  if (!(MODEL_HEALTH_LEVELS as readonly string[]).includes(check.level)) {
    throw new RangeError(`model health check of ${check.model}: unknown level "${check.level}"`);
  }
  return [
    check.model,
    check.at,
    check.generation,
    check.sampleSize,
    check.psi,
    check.level,
    JSON.stringify(check.details),
  ];
}

export function modelHealthFromRow(row: Row): ModelHealthCheck {
  return {
    model: String(row.model),
    at: num(row.at),
    generation: num(row.generation),
    sampleSize: num(row.sample_size),
    psi: num(row.psi),
    level: row.level as ModelHealthLevel,
    details: JSON.parse(String(row.body)) as ModelHealthDetails,
  };
}

/** The WHERE clause of list() with `?` placeholders (the PostgreSQL store renumbers them). */
export function modelHealthRange(query: { model: string; since?: number; until?: number }): {
  sql: string;
  params: unknown[];
} {
  const clauses = ['model = ?'];
  const params: unknown[] = [query.model];
  if (query.since !== undefined) {
    clauses.push('at >= ?');
    params.push(query.since);
  }
  if (query.until !== undefined) {
    clauses.push('at < ?');
    params.push(query.until);
  }
  return { sql: `WHERE ${clauses.join(' AND ')}`, params };
}

/** Latest limit rows of the range, newest first in the subquery, handed back oldest first. */
export const MODEL_HEALTH_LIST = (where: string) =>
  `SELECT * FROM (SELECT seq, ${MODEL_HEALTH_COLUMNS} FROM model_health ${where}
     ORDER BY at DESC, seq DESC LIMIT ?) AS latest ORDER BY at, seq`;

/** Each model's latest row: the index on (model, at, seq) answers the inner lookup per model. */
export const MODEL_HEALTH_LATEST = `SELECT h.seq, h.model, h.at, h.generation, h.sample_size, h.psi, h.level, h.body
  FROM (SELECT DISTINCT model FROM model_health) AS m
  JOIN model_health h ON h.seq = (
    SELECT x.seq FROM model_health x WHERE x.model = m.model ORDER BY x.at DESC, x.seq DESC LIMIT 1)
  ORDER BY h.model`;
