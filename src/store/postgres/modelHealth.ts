import type pg from 'pg';
import {
  MODEL_HEALTH_COLUMNS,
  MODEL_HEALTH_LATEST,
  MODEL_HEALTH_LIST,
  modelHealthFromRow,
  modelHealthLimit,
  modelHealthRange,
  modelHealthValues,
} from '../modelHealthRows.js';
import { toDollarParams } from '../sqlFilters.js';
import type { ModelHealthCheck, ModelHealthRepository } from '../types.js';
import { inTransaction, type Row } from './db.js';

const INSERT = `INSERT INTO model_health (${MODEL_HEALTH_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`;

export function postgresModelHealth(pool: pg.Pool): ModelHealthRepository {
  const recordMany = async (checks: readonly ModelHealthCheck[]): Promise<void> => {
    if (checks.length === 0) return;
    // Checked before the transaction starts, so a bad row leaves nothing behind. A batch is a few
    // checks (the monitor writes one every thousand or so scores), so one INSERT each is plenty.
    const values = checks.map(modelHealthValues);
    await inTransaction(pool, async (client) => {
      for (const v of values) await client.query(INSERT, v);
    });
  };
  return {
    record: (check) => recordMany([check]),
    recordMany,
    async list(query) {
      const where = modelHealthRange(query);
      const { rows } = await pool.query<Row>(toDollarParams(MODEL_HEALTH_LIST(where.sql)), [
        ...where.params,
        modelHealthLimit(query.limit),
      ]);
      return rows.map(modelHealthFromRow);
    },
    async latest() {
      const { rows } = await pool.query<Row>(MODEL_HEALTH_LATEST);
      return rows.map(modelHealthFromRow);
    },
  };
}
