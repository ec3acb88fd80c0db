import { describe, expect, it } from 'vitest';
import { describeZodIssues } from '../../core/zodIssues.js';
import { SoftAuthenticator } from './softAuthenticator.fixture.js';
import {
  AuthenticationResponseSchema,
  RegistrationResponseSchema,
  StepUpChallengeBodySchema,
  StepUpCompleteBodySchema,
  TotpCodeSchema,
  TotpConfirmBodySchema,
  WebAuthnRegistrationVerifyBodySchema,
} from './stepUpSchemas.js';

function problems(
  schema: { safeParse(input: unknown): { success: boolean; error?: unknown } },
  input: unknown,
) {
  const result = schema.safeParse(input);
  if (result.success) return [];
  // biome-ignore lint/suspicious/noExplicitAny: the zod error type differs per schema
  return describeZodIssues(result.error as any, input).map((i) => `${i.path}: ${i.message}`);
}

const key = new SoftAuthenticator();
const registration = key.register(
  {
    challenge: 'Y2hhbGxlbmdl',
    rp: { id: 'localhost', name: 'Argus' },
    user: { id: 'dQ', name: 'alice', displayName: '' },
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  },
  'http://localhost:7070',
);
const assertion = key.authenticate({ challenge: 'Y2hhbGxlbmdl', rpId: 'localhost' }, 'http://localhost:7070');

describe('step-up schemas', () => {
  it('TOTP codes: 6 digits, spaces dropped', () => {
    expect(TotpCodeSchema.parse('123 456')).toBe('123456');
    expect(problems(TotpCodeSchema, '12345')).toEqual([': expected exactly 6 digits']);
    expect(problems(TotpCodeSchema, 'abcdef')).toEqual([': expected exactly 6 digits']);
    // describeZodIssues (what the API reports) words type errors itself.
    expect(problems(TotpCodeSchema, 123456)).toEqual([': expected string, got number']);
    expect(TotpCodeSchema.safeParse(123456).error?.issues[0]?.message).toBe(
      'expected the 6-digit code as a string',
    );
    expect(problems(TotpConfirmBodySchema, { factorId: 'mfa_1', code: '1234567' })).toEqual([
      'code: expected exactly 6 digits',
    ]);
  });

  it('accepts what a browser (here the soft authenticator) sends', () => {
    expect(RegistrationResponseSchema.parse(registration)).toEqual(registration);
    expect(AuthenticationResponseSchema.parse(assertion)).toEqual(assertion);
    expect(
      WebAuthnRegistrationVerifyBodySchema.parse({
        challengeId: 'chl_1',
        response: registration,
        label: ' key ',
      }).label,
    ).toBe('key');
  });

  it('names what is wrong in a WebAuthn response', () => {
    expect(problems(AuthenticationResponseSchema, { ...assertion, type: 'password' })).toEqual([
      'type: expected one of "public-key", got "password"',
    ]);
    expect(
      problems(AuthenticationResponseSchema, {
        ...assertion,
        response: { ...assertion.response, signature: 'not base64!' },
      }),
    ).toEqual(['response.signature: expected signature as base64url (A-Z a-z 0-9 - _)']);
    const { clientExtensionResults: _, ...withoutExtensions } = assertion;
    expect(AuthenticationResponseSchema.parse(withoutExtensions).clientExtensionResults).toEqual({});
    expect(problems(AuthenticationResponseSchema, { ...assertion, clientExtensionResults: [] })).toEqual([
      'clientExtensionResults: expected record, got array',
    ]);
    expect(
      problems(RegistrationResponseSchema, {
        ...registration,
        response: { ...registration.response, attestationObject: 'A'.repeat(70_000) },
      }),
    ).toEqual(['response.attestationObject: expected attestationObject of at most 65536 characters']);
  });

  it('a step-up answer is a code or a WebAuthn response, with a precise message either way', () => {
    expect(StepUpCompleteBodySchema.parse({ answer: { challengeId: 'chl_1', code: '123 456' } })).toEqual({
      answer: { challengeId: 'chl_1', code: '123456' },
    });
    expect(
      StepUpCompleteBodySchema.parse({
        answer: { challengeId: 'chl_1', response: assertion },
        deviceFingerprint: 'abcdefgh12',
      }),
    ).toEqual({ answer: { challengeId: 'chl_1', response: assertion }, deviceFingerprint: 'abcdefgh12' });
    expect(problems(StepUpCompleteBodySchema, { answer: { challengeId: 'chl_1', code: '12' } })).toEqual([
      'answer.code: expected exactly 6 digits',
    ]);
    expect(problems(StepUpCompleteBodySchema, { answer: { challengeId: 'chl_1' } })).toEqual([
      'answer: expected either code (TOTP) or response (WebAuthn), not both or neither',
    ]);
    expect(
      problems(StepUpCompleteBodySchema, {
        answer: { challengeId: 'chl_1', code: '123456' },
        deviceFingerprint: 'x',
      }),
    ).toEqual(['deviceFingerprint: expected a device fingerprint of at least 8 characters']);
  });

  it('the challenge body defaults to any factor and names the allowed ones', () => {
    expect(StepUpChallengeBodySchema.parse({})).toEqual({ factor: 'any' });
    expect(problems(StepUpChallengeBodySchema, { factor: 'sms' })).toEqual([
      'factor: expected one of "totp", "webauthn", "any", got "sms"',
    ]);
  });
});
