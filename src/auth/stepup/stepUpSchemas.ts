import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import type { StepUpAnswer } from './stepUpService.js';

/**
 * Shapes of everything the API passes to the step-up services, checked before any factor is
 * touched. WebAuthn content (signatures, CBOR) is checked by @simplewebauthn/server; these only
 * make sure it has the shape and size the browser sends.
 */

/** A 6-digit code; spaces users type from the app's "123 456" display are dropped. */
export const TotpCodeSchema = z
  .string({ error: 'expected the 6-digit code as a string' })
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'expected exactly 6 digits'));

const id = (what: string) =>
  z
    .string({ error: `expected the ${what} as a string` })
    .min(1, `expected a ${what}`)
    .max(128, `expected a ${what} of at most 128 characters`);

export const FactorIdSchema = id('factor id');
export const ChallengeIdSchema = id('challenge id');

const label = z
  .string()
  .trim()
  .min(1, 'expected a non-empty label')
  .max(64, 'expected a label of at most 64 characters');

/** base64url without padding, as WebAuthn JSON encodes binary; max bounds what one request may make us parse. */
const base64url = (what: string, max: number) =>
  z
    .string({ error: `expected ${what} as a base64url string` })
    .min(1, `expected ${what}`)
    .max(max, `expected ${what} of at most ${max} characters`)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `expected ${what} as base64url (A-Z a-z 0-9 - _)`);

const credentialId = base64url('the credential id', 1_400);
const clientDataJSON = base64url('clientDataJSON', 8_192);
const transports = z
  .array(z.string().min(1).max(32), { error: 'expected transports as a list of strings' })
  .max(10, 'expected at most 10 transports');
const commonCredential = {
  id: credentialId,
  rawId: credentialId,
  type: z.literal('public-key', { error: 'expected type "public-key"' }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  // Nothing here reads extension outputs; hand-written clients often leave the key out.
  clientExtensionResults: z
    .record(z.string(), z.unknown(), { error: 'expected clientExtensionResults as an object' })
    .default({}),
};

/** The JSON of navigator.credentials.create() (RegistrationResponseJSON). */
export const RegistrationResponseSchema = z.object({
  ...commonCredential,
  response: z.object({
    clientDataJSON,
    // Attestation with a certificate chain runs to a few kilobytes.
    attestationObject: base64url('attestationObject', 65_536),
    authenticatorData: base64url('authenticatorData', 16_384).optional(),
    transports: transports.optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url('publicKey', 8_192).optional(),
  }),
});

/** The JSON of navigator.credentials.get() (AuthenticationResponseJSON). */
export const AuthenticationResponseSchema = z.object({
  ...commonCredential,
  response: z.object({
    clientDataJSON,
    authenticatorData: base64url('authenticatorData', 16_384),
    signature: base64url('signature', 8_192),
    userHandle: base64url('userHandle', 256).optional(),
  }),
});

export const FactorChoiceSchema = z.enum(['totp', 'webauthn', 'any'], {
  error: 'expected factor "totp", "webauthn" or "any"',
});

/** A device fingerprint as the client computed it; only its hash is stored. */
export const DeviceFingerprintSchema = z
  .string({ error: 'expected the device fingerprint as a string' })
  .min(8, 'expected a device fingerprint of at least 8 characters')
  .max(1_024, 'expected a device fingerprint of at most 1024 characters');

export const TotpEnrolBodySchema = z.strictObject({ label: label.optional() });
export const TotpConfirmBodySchema = z.strictObject({ factorId: FactorIdSchema, code: TotpCodeSchema });

export const WebAuthnRegistrationOptionsBodySchema = z.strictObject({
  userName: z
    .string({ error: 'expected the user name as a string' })
    .min(1, 'expected a user name')
    .max(256, 'expected a user name of at most 256 characters'),
});
export const WebAuthnRegistrationVerifyBodySchema = z.strictObject({
  challengeId: ChallengeIdSchema,
  response: RegistrationResponseSchema,
  label: label.optional(),
});
export const WebAuthnAuthenticationVerifyBodySchema = z.strictObject({
  challengeId: ChallengeIdSchema,
  response: AuthenticationResponseSchema,
});

export const StepUpChallengeBodySchema = z.strictObject({ factor: FactorChoiceSchema.default('any') });

/**
 * One object with either `code` (TOTP) or `response` (WebAuthn) rather than a union, so that a bad
 * code is reported as "expected exactly 6 digits" and not as "matches no alternative".
 */
export const StepUpAnswerSchema = z
  .strictObject({
    challengeId: ChallengeIdSchema,
    code: TotpCodeSchema.optional(),
    response: AuthenticationResponseSchema.optional(),
  })
  .superRefine((answer, ctx) => {
    if ((answer.code === undefined) === (answer.response === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'expected either code (TOTP) or response (WebAuthn), not both or neither',
      });
    }
  })
  .transform(
    ({ challengeId, code, response }): StepUpAnswer =>
      code !== undefined
        ? { challengeId, code }
        : { challengeId, response: response as AuthenticationResponseJSON },
  );

export const StepUpCompleteBodySchema = z.strictObject({
  answer: StepUpAnswerSchema,
  deviceFingerprint: DeviceFingerprintSchema.optional(),
});

// The parsed shapes must be what the services accept: a compile error here means the schemas drifted.
type Assignable<T, _U extends T> = true;
export type _SchemaChecks = [
  Assignable<RegistrationResponseJSON, z.output<typeof RegistrationResponseSchema>>,
  Assignable<AuthenticationResponseJSON, z.output<typeof AuthenticationResponseSchema>>,
];
