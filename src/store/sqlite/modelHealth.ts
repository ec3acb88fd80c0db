import type { Database } from 'better-sqlite3';
import {
  MODEL_HEALTH_COLUMNS,
  MODEL_HEALTH_LATEST,
  MODEL_HEALTH_LIST,
  modelHealthFromRow,
  modelHealthLimit,
  modelHealthRange,
  modelHealthValues,
} from '../modelHealthRows.js';
import type { ModelHealthCheck, ModelHealthRepository } from '../types.js';

type Row = Record<string, unknown>;

export function sqliteModelHealth(db: Database): ModelHealthRepository {
  const insert = db.prepare(
    `INSERT INTO model_health (${MODEL_HEALTH_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const latest = db.prepare(MODEL_HEALTH_LATEST);
  const insertAll = db.transaction((values: unknown[][]) => {
    for (const v of values) insert.run(...v);
  });
  const recordMany = async (checks: readonly ModelHealthCheck[]): Promise<void> => {
    // Every row is checked before the transaction starts, so a bad one leaves nothing behind.
    if (checks.length > 0) insertAll(checks.map(modelHealthValues));
  };
  return {
    record: (check) => recordMany([check]),
    recordMany,
    async list(query) {
      const where = modelHealthRange(query);
      const rows = db
        .prepare(MODEL_HEALTH_LIST(where.sql))
        .all(...where.params, modelHealthLimit(query.limit)) as Row[];
      return rows.map(modelHealthFromRow);
    },
    async latest() {
      return (latest.all() as Row[]).map(modelHealthFromRow);
    },
  };
}
