import { connect } from '@nats-io/transport-node';
import { describe, it } from 'vitest';

/** The NATS server with JetStream that the machine (and CI) runs; ARGUS_TEST_NATS_URL points elsewhere. */
export const NATS_TEST_URL = process.env.ARGUS_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/** Why the test server cannot be used, or undefined when it can. */
export async function natsUnavailable(): Promise<string | undefined> {
  try {
    const nc = await connect({ servers: NATS_TEST_URL, timeout: 2_000, reconnect: false });
    await nc.close();
    return undefined;
  } catch (err) {
    return (err as Error).message || String(err);
  }
}

/**
 * Declares a suite that needs NATS with JetStream. Without a server it fails under CI, which must
 * provide one, and is skipped elsewhere with a note on how to run it. `unavailable` comes from a
 * top-level await of natsUnavailable(), since describe() cannot wait.
 */
export function describeNats(name: string, unavailable: string | undefined, body: () => void): void {
  if (unavailable === undefined) {
    describe(name, body);
    return;
  }
  const why = `NATS at ${NATS_TEST_URL} is unreachable: ${unavailable}`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs a reachable NATS server with JetStream', () => {
        throw new Error(`${why}. CI must provide one (nats-server -js, or set ARGUS_TEST_NATS_URL).`);
      });
    });
    return;
  }
  console.warn(
    `[argus] skipping "${name}": ${why}. Start nats-server -js or set ARGUS_TEST_NATS_URL=nats://host:4222 to run it.`,
  );
  describe.skip(name, body);
}
