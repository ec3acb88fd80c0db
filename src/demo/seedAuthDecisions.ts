import type { AuthDecisionKind } from '../store/types.js';
import { authDemoAttempts } from './authDemoAttempts.js';
import type { DemoSeeder } from './seedDemoData.js';

/**
 * Fills the authentication decisions page: two days of logins (regular users, travellers, a
 * credential-stuffing burst, a bot, impossible travel) assessed one by one by the app's own risk
 * engine, so every decision and reason in the log is the engine's. Each attempt carries its time
 * (`at`, which the engine takes for anything in the past), so the log spans the 48 hours before the
 * demo started. A challenged login whose user would answer the challenge is learnt the way the
 * step-up flow does it (learnAfterChallenge), so a trip's later logins are judged against it.
 */
export const seedAuthDecisions: DemoSeeder = async ({ app, now }) => {
  const auth = app.adaptiveAuth;
  const counts: Record<AuthDecisionKind, number> = { allow: 0, challenge: 0, deny: 0 };
  for (const attempt of authDemoAttempts(now)) {
    const assessment = await auth.engine.assess(attempt.body);
    counts[assessment.decision]++;
    if (assessment.decision === 'challenge' && attempt.passesChallenge) {
      await auth.learnAfterChallenge(assessment.userId, assessment.id);
    }
  }
  await auth.flushDecisions();
  const total = counts.allow + counts.challenge + counts.deny;
  return `${total} login attempts assessed: ${counts.allow} allowed, ${counts.challenge} challenged, ${counts.deny} denied`;
};
