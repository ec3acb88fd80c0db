import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';

/** Trust auth on a local server by default; CI points this at its service container. */
export const PG_TEST_URL = process.env.ARGUS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_TEST_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Why the test server cannot be used, or undefined when it can. */
export async function postgresUnavailable(): Promise<string | undefined> {
  try {
    await withClient((client) => client.query('SELECT 1'));
    return undefined;
  } catch (err) {
    const e = err as { message?: string; code?: string };
    return e.message || e.code || String(err);
  }
}

/** A schema of its own for each test file, so files can run in parallel against one database. */
export function randomSchema(): string {
  return `argus_test_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  await withClient((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}

/**
 * Declares a suite that needs PostgreSQL. Without a server it fails under CI, which must provide one, and is
 * skipped elsewhere with a note on how to run it. `unavailable` comes from a top-level await of
 * postgresUnavailable(), since describe() cannot wait.
 */
export function describePostgres(name: string, unavailable: string | undefined, body: () => void): void {
  if (unavailable === undefined) {
    describe(name, body);
    return;
  }
  const why = `PostgreSQL at ${PG_TEST_URL} is unreachable: ${unavailable}`;
  if (process.env.CI) {
    describe(name, () => {
      it('needs a reachable PostgreSQL server', () => {
        throw new Error(`${why}. CI must provide one (set ARGUS_TEST_PG_URL to its URL).`);
      });
    });
    return;
  }
  console.warn(
    `[argus] skipping "${name}": ${why}. Start PostgreSQL or set ARGUS_TEST_PG_URL=postgres://user@host:5432/db to run it.`,
  );
  describe.skip(name, body);
}
