import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ArgusAuth } from '../../auth/buildAuth.js';
import { AssessBodySchema } from '../../auth/risk/assessInput.js';
import type { RiskAssessment } from '../../auth/risk/riskEngine.js';
import { StepUpError } from '../../auth/stepup/stepUpError.js';
import {
  FactorIdSchema,
  StepUpCompleteBodySchema,
  TotpConfirmBodySchema,
  TotpEnrolBodySchema,
  WebAuthnRegistrationOptionsBodySchema,
  WebAuthnRegistrationVerifyBodySchema,
} from '../../auth/stepup/stepUpSchemas.js';
import type { StepUpChallenge } from '../../auth/stepup/stepUpService.js';
import { ArgusError, NotFoundError } from '../../core/errors.js';
import type { AuthDecisionKind, MfaFactor, Store } from '../../store/types.js';
import { csvOf, cursorParam, limitParam } from '../querySchemas.js';

const DECISIONS = ['allow', 'challenge', 'deny'] as const satisfies readonly AuthDecisionKind[];

const userId = z
  .string({ error: 'expected the user id as a string' })
  .min(1, 'expected a user id')
  .max(256, 'expected a user id of at most 256 characters')
  .describe("the login backend's user id");
const withUser = { userId };

const CompleteBody = StepUpCompleteBodySchema.extend({
  ...withUser,
  assessmentId: z
    .string()
    .min(1)
    .max(128)
    .optional()
    .describe("the challenged assessment's id: its login is learnt once the challenge is passed"),
});
const TotpEnrolBody = TotpEnrolBodySchema.extend({
  ...withUser,
  accountName: z
    .string()
    .min(1)
    .max(256)
    .optional()
    .describe('the name shown in the authenticator app (default: the user id)'),
});
const TotpConfirmBody = TotpConfirmBodySchema.extend(withUser);
const WebAuthnOptionsBody = WebAuthnRegistrationOptionsBodySchema.extend(withUser);
const WebAuthnVerifyBody = WebAuthnRegistrationVerifyBodySchema.extend(withUser);
const UserQuery = z.object(withUser);
const UserParams = z.object(withUser);
const FactorParams = z.object({ id: FactorIdSchema });
const DecisionsQuery = z.object({
  userId: userId.optional(),
  decision: csvOf(DECISIONS),
  since: z.coerce.number().int().nonnegative().optional().describe('epoch ms; decisions at or after'),
  limit: limitParam,
  cursor: cursorParam,
});

/** What the client must do on a challenge: answer the issued one, or enrol a factor first. */
export type ChallengeView =
  | StepUpChallenge
  | { factor: RiskAssessment['factor'] & string; enrolmentNeeded: true; message: string; hint?: string };

/**
 * Issues the step-up challenge a `challenge` decision calls for, ready to hand to the client (a TOTP
 * prompt, or WebAuthn options for navigator.credentials.get). When the user has no factor that fits,
 * it says so instead: the login backend then enrols one (or refuses the login).
 */
export async function challengeFor(
  auth: ArgusAuth,
  assessment: RiskAssessment,
): Promise<ChallengeView | undefined> {
  if (assessment.decision !== 'challenge') return undefined;
  const factor = assessment.factor ?? 'any';
  try {
    return await auth.stepUp.service.challenge(assessment.userId, factor);
  } catch (error) {
    if (!(error instanceof StepUpError) || error.reason !== 'no_factor') throw error;
    return {
      factor,
      enrolmentNeeded: true,
      message: error.message,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
    };
  }
}

/**
 * Assesses one attempt. A failure to read the store is answered 503, so the backend retries or falls
 * back to its own policy, rather than 500 or a guessed decision.
 */
export async function assessOrUnavailable(
  auth: ArgusAuth,
  body: unknown,
  reply: FastifyReply,
  log: FastifyBaseLogger,
): Promise<RiskAssessment | undefined> {
  try {
    return await auth.engine.assess(body);
  } catch (error) {
    if (error instanceof ArgusError && error.code !== 'STORE_FAILED') throw error;
    log.error({ err: error }, 'auth assessment failed: store unavailable');
    reply.code(503).send({
      code: 'STORE_FAILED',
      message: 'the auth store could not be read; the attempt was not assessed',
      hint: 'retry shortly; check the store with `argus config check` and the server log',
    });
    return undefined;
  }
}

function factorView(f: MfaFactor) {
  return {
    id: f.id,
    userId: f.userId,
    kind: f.kind,
    ...(f.label === undefined ? {} : { label: f.label }),
    confirmed: f.confirmed,
    createdAt: f.createdAt,
    ...(f.lastUsedAt === undefined ? {} : { lastUsedAt: f.lastUsedAt }),
  };
}

function parseReasons(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return [];
  }
}

export interface AuthRoutesDeps {
  auth: ArgusAuth;
  store: Pick<Store, 'mfaFactors' | 'authDecisions'>;
}

/**
 * Adaptive authentication for the operator's login backend (API key required; browsers never call
 * these): risk assessment, step-up challenges, TOTP and WebAuthn enrolment, and the decision log.
 */
export const authRoutes: FastifyPluginAsyncZod<AuthRoutesDeps> = async (app, { auth, store }) => {
  const tags = ['auth'];

  app.post(
    '/v1/auth/assess',
    {
      schema: {
        tags,
        summary:
          'Assess a login attempt: risk score in [0, 1], the reasons, and allow, challenge (with the factor and a ready challenge) or deny',
        body: AssessBodySchema,
      },
    },
    async (request, reply) => {
      const assessment = await assessOrUnavailable(auth, request.body, reply, request.log);
      if (assessment === undefined) return reply;
      const challenge = await challengeFor(auth, assessment);
      return challenge === undefined ? assessment : { ...assessment, challenge };
    },
  );

  app.post(
    '/v1/auth/challenge/complete',
    {
      schema: {
        tags,
        summary:
          'Check the answer to a step-up challenge (TOTP code or WebAuthn assertion); on success the device is trusted and the login learnt',
        body: CompleteBody,
      },
    },
    async (request) => {
      const { userId, assessmentId, answer, deviceFingerprint } = request.body;
      const result = await auth.stepUp.service.complete(userId, answer, deviceFingerprint);
      const learnt =
        assessmentId === undefined ? false : await auth.learnAfterChallenge(userId, assessmentId);
      return {
        passed: true,
        factor: result.factor,
        factorId: result.factorId,
        satisfiedStepUps: result.satisfied,
        trustedDevice: result.trustedDevice ?? null,
        learnt,
      };
    },
  );

  app.post(
    '/v1/auth/factors/totp',
    {
      schema: {
        tags,
        summary:
          'Start a TOTP enrolment: the secret and otpauth:// URI to show once (as a QR code); confirm it with a first code',
        body: TotpEnrolBody,
      },
    },
    async (request, reply) => {
      const { userId, label, accountName } = request.body;
      return reply.code(201).send(await auth.stepUp.totp.enrol(userId, label, accountName ?? userId));
    },
  );

  app.post(
    '/v1/auth/factors/totp/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm a TOTP enrolment with the first code the app shows',
        body: TotpConfirmBody,
      },
    },
    async (request) => {
      const { userId, factorId, code } = request.body;
      const match = await auth.stepUp.totp.confirm(userId, factorId, code);
      return { factorId: match.factorId, confirmed: true, clockDriftSteps: match.delta };
    },
  );

  app.post(
    '/v1/auth/factors/webauthn/options',
    {
      schema: {
        tags,
        summary:
          'Registration options for a security key or passkey (pass to navigator.credentials.create) and the challenge id',
        body: WebAuthnOptionsBody,
      },
    },
    async (request) => auth.stepUp.webauthn.registrationOptions(request.body.userId, request.body.userName),
  );

  app.post(
    '/v1/auth/factors/webauthn',
    {
      schema: {
        tags,
        summary: "Verify the authenticator's registration response and store it as a confirmed factor",
        body: WebAuthnVerifyBody,
      },
    },
    async (request, reply) => {
      const { userId, challengeId, response, label } = request.body;
      const registered = await auth.stepUp.webauthn.verifyRegistration(userId, challengeId, response, label);
      const factor = await store.mfaFactors.get(registered.factorId);
      if (factor === undefined) throw new NotFoundError('factor', registered.factorId);
      return reply.code(201).send({ ...factorView(factor), credentialId: registered.credentialId });
    },
  );

  app.get(
    '/v1/auth/factors',
    {
      schema: { tags, summary: "A user's second factors, oldest first (no secrets)", querystring: UserQuery },
    },
    async (request) => ({ items: (await store.mfaFactors.list(request.query.userId)).map(factorView) }),
  );

  app.delete(
    '/v1/auth/factors/:id',
    { schema: { tags, summary: 'Remove a second factor', params: FactorParams } },
    async (request) => {
      if (!(await store.mfaFactors.remove(request.params.id))) {
        throw new NotFoundError('factor', request.params.id);
      }
      return { id: request.params.id, removed: true };
    },
  );

  app.get(
    '/v1/auth/decisions',
    {
      schema: {
        tags,
        summary: 'The decision log, newest first: score, decision, factor and reasons of every assessment',
        querystring: DecisionsQuery,
      },
    },
    async (request) => {
      // Decisions are written in batches: the ones still waiting belong on this page too.
      await auth.flushDecisions();
      const q = request.query;
      const page = await store.authDecisions.list({
        ...(q.userId === undefined ? {} : { userId: q.userId }),
        ...(q.decision === undefined ? {} : { decision: q.decision }),
        ...(q.since === undefined ? {} : { since: q.since }),
        ...(q.limit === undefined ? {} : { limit: q.limit }),
        ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
      });
      return { ...page, items: page.items.map((d) => ({ ...d, reasons: parseReasons(d.reasons) })) };
    },
  );

  app.post(
    '/v1/auth/users/:userId/reset-keystrokes',
    {
      schema: {
        tags,
        summary:
          "Forget the user's keystroke template (after a password change): enrolment starts again with the next logins",
        params: UserParams,
      },
    },
    async (request) => {
      await auth.engine.resetKeystrokes(request.params.userId);
      return { userId: request.params.userId, reset: true };
    },
  );
};
