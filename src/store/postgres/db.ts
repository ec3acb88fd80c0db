import type pg from 'pg';

export type Row = Record<string, unknown>;

/** Runs `work` in one transaction on one pooled connection: all of it is committed or none of it. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (err) {
    const rollbackFailure = await client.query('ROLLBACK').then(
      () => undefined,
      (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
    );
    // A connection that cannot roll back is broken: passing the error destroys it instead of pooling it.
    client.release(rollbackFailure);
    throw err;
  }
}
