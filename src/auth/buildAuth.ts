import { resolve } from 'node:path';
import { type Clock, systemClock } from '../core/clock.js';
import type { ArgusConfig } from '../core/config/schema.js';
import type { Store } from '../store/types.js';
import { AuthDecisionLog, type AuthDecisionLogOptions } from './authDecisionLog.js';
import { BreachedPasswordList } from './risk/breachedPasswords.js';
import { RiskEngine } from './risk/riskEngine.js';
import { buildStepUp, type StepUp } from './stepup/buildStepUp.js';

/** How often expired one-time challenges are deleted from the store. */
const PURGE_EVERY_MS = 10 * 60_000;

/** Where the auth area reports problems that must not fail a login (respond's Logger fits). */
export interface AuthLogger {
  error(message: string): void;
}

export type AuthStore = Pick<
  Store,
  'authProfiles' | 'mfaFactors' | 'trustedDevices' | 'authChallenges' | 'stepUps' | 'authDecisions'
>;

export interface BuildAuthOptions {
  config: ArgusConfig['auth'];
  store: AuthStore;
  /** Folder of the config file: auth.secretKeyFile and auth.breachedPasswords resolve against it. */
  baseDir: string;
  logger: AuthLogger;
  clock?: Clock;
  /** false: decisions are not written to the store (a dry run). Default true. */
  recordDecisions?: boolean;
  /** Batching of the decision log (tests). */
  decisionLog?: Pick<AuthDecisionLogOptions, 'batchSize' | 'flushMs' | 'maxPending' | 'maxRetryMs'>;
  /** false: no timer purging expired challenges (one-shot commands). Default true. */
  purgeChallenges?: boolean;
}

export interface ArgusAuth {
  engine: RiskEngine;
  stepUp: StepUp;
  config: ArgusConfig['auth'];
  /**
   * Teaches the profile a challenged login after its user passed the challenge. False when the
   * assessment is unknown, expired, already learnt, not a challenged success, or another user's.
   */
  learnAfterChallenge(userId: string, assessmentId: string): Promise<boolean>;
  /** Writes the decisions still waiting in the batch (before reading the decision log). */
  flushDecisions(): Promise<void>;
  /** Stops the timers and writes the waiting decisions; call before closing the store. */
  close(): Promise<void>;
}

/**
 * Builds the auth area from config and the store: the step-up services, and the risk engine hashing
 * devices with step-up's keyed hash (so trusted devices are found), reading the breached-password list
 * when one is configured, and logging its decisions to the store in batches.
 */
export async function buildAuth(options: BuildAuthOptions): Promise<ArgusAuth> {
  const { config, store, baseDir, logger } = options;
  const clock = options.clock ?? systemClock;
  const report = (error: unknown, during: string) =>
    logger.error(`auth: ${during}: ${error instanceof Error ? error.message : String(error)}`);

  const breachedPasswords =
    config.breachedPasswords === undefined
      ? undefined
      : BreachedPasswordList.open(resolve(baseDir, config.breachedPasswords));
  const stepUp = await buildStepUp({ auth: config, store, baseDir, clock });
  const log =
    options.recordDecisions === false
      ? undefined
      : new AuthDecisionLog({ repo: store.authDecisions, ...options.decisionLog, onError: report });

  const engine = new RiskEngine({
    config,
    profiles: store.authProfiles,
    trustedDevices: store.trustedDevices,
    mfaFactors: store.mfaFactors,
    stepUps: store.stepUps,
    deviceId: stepUp.deviceId,
    ...(breachedPasswords === undefined ? {} : { breachedPasswords }),
    onDecision: (record) => log?.add(record),
    onError: report,
    clock,
  });

  let purge: ReturnType<typeof setInterval> | undefined;
  if (options.purgeChallenges !== false) {
    purge = setInterval(() => {
      store.authChallenges.purgeExpired(clock.now()).catch((error) => report(error, 'purging challenges'));
    }, PURGE_EVERY_MS);
    purge.unref?.();
  }

  return {
    engine,
    stepUp,
    config,
    learnAfterChallenge: (userId, assessmentId) => engine.learnAfterChallenge(userId, assessmentId),
    async flushDecisions() {
      await log?.flush();
    },
    async close() {
      if (purge !== undefined) clearInterval(purge);
      await log?.close();
    },
  };
}
