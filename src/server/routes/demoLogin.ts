import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ArgusAuth } from '../../auth/buildAuth.js';
import { DEMO_USERS, demoLoginPageHtml } from '../demoLoginPage.js';
import { assessOrUnavailable, challengeFor } from './auth.js';

export const DEMO_LOGIN_PATH = '/demo/login';

const LoginBody = z.strictObject({
  username: z.string().trim().min(1, 'expected a username').max(64),
  password: z.string().max(256),
  /** Checked by the risk engine, which names the bad index. */
  keystrokes: z.unknown().optional(),
  keystrokesExpected: z.boolean().optional(),
  fingerprint: z.string().min(1).max(256).optional(),
});

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** The password check a login backend would do, in constant time whatever the password's length. */
function checkPassword(
  username: string,
  password: string,
): { userId: string; login: 'ok' | 'wrong password' | 'unknown user' } {
  const user = DEMO_USERS.find((u) => u.username === username.toLowerCase());
  if (user === undefined) return { userId: username, login: 'unknown user' };
  const ok = timingSafeEqual(sha256(password), sha256(user.password));
  return { userId: user.userId, login: ok ? 'ok' : 'wrong password' };
}

/**
 * The demo login page (`argus serve --demo` only): GET shows the form, POST plays the operator's login
 * backend — it checks the password against the demo users and asks the risk engine about the attempt
 * with the request's IP and user agent, the page's fingerprint and keystrokes. Public on purpose: it
 * stands for a site's own login page and never exposes the API key.
 */
export const demoLoginRoutes: FastifyPluginAsyncZod<{ auth: ArgusAuth }> = async (app, { auth }) => {
  const page = demoLoginPageHtml(auth.config.keystroke.enrolSamples);
  app.get(DEMO_LOGIN_PATH, { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(page),
  );

  app.post(DEMO_LOGIN_PATH, { schema: { hide: true, body: LoginBody } }, async (request, reply) => {
    const { username, password, keystrokes, keystrokesExpected, fingerprint } = request.body;
    const { userId, login } = checkPassword(username, password);
    const userAgent = request.headers['user-agent'];
    const assessment = await assessOrUnavailable(
      auth,
      {
        userId,
        ip: request.ip,
        outcome: login === 'ok' ? 'success' : 'failure',
        ...(userAgent === undefined ? {} : { userAgent: userAgent.slice(0, 1024) }),
        ...(fingerprint === undefined ? {} : { deviceFingerprint: fingerprint }),
        ...(keystrokes === undefined ? {} : { keystrokes }),
        ...(keystrokesExpected === undefined ? {} : { keystrokesExpected }),
        passwordSha1: createHash('sha1').update(password, 'utf8').digest('hex'),
      },
      reply,
      request.log,
    );
    if (assessment === undefined) return reply;
    const challenge = await challengeFor(auth, assessment);
    return {
      login,
      assessment,
      ...(challenge === undefined ? {} : { challenge }),
      enrolSamples: auth.config.keystroke.enrolSamples,
      thresholds: { challengeAt: auth.config.challengeAt, denyAt: auth.config.denyAt },
    };
  });
};
