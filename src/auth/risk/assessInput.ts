import { z } from 'zod';
import { type IssueAtPath, ValidationError } from '../../core/errors.js';
import { describeZodIssues } from '../../core/zodIssues.js';
import {
  deriveFeatures,
  KeystrokeEventSchema,
  type KeystrokeSample,
  MAX_KEYS,
  timingIssues,
} from '../keystroke/keystrokeSample.js';
import { canonicalIp, networkOf } from './network.js';

/** How far ahead of the server's clock a client's `at` may be (clock skew), ms. */
export const MAX_FUTURE_MS = 5 * 60_000;

export const GeoSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  /** ISO 3166-1 alpha-2, any case. */
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'expected a two-letter ISO 3166 country code such as "DE"')
    .optional(),
  /** Radius of the location's uncertainty (IP geolocation: tens of km; GPS: < 1). */
  accuracyKm: z.number().min(0).max(20_000).optional(),
});

/** The body of POST /v1/auth/assess. */
export const AssessBodySchema = z.strictObject({
  userId: z.string().min(1).max(256),
  /** The client's address as the server saw it (IPv4 or IPv6). */
  ip: z.string().min(1).max(64),
  userAgent: z.string().max(1024).optional(),
  /** Opaque browser/device fingerprint; only its hash is kept. */
  deviceFingerprint: z.string().min(1).max(4096).optional(),
  geo: GeoSchema.optional(),
  /** The password check's result, or 'unknown' when assessing before it. */
  outcome: z.enum(['success', 'failure', 'unknown']),
  /** Key timings of the password or phrase, in typing order; [] counts as none. */
  keystrokes: z.array(KeystrokeEventSchema).max(MAX_KEYS).optional(),
  /** The client saw the field typed into (or expects typing): no keystrokes then is a bot sign. */
  keystrokesExpected: z.boolean().optional(),
  /** SHA-1 of the password as 40 hex digits, for the breached-password check; hashed by the backend. */
  passwordSha1: z
    .string()
    .regex(/^[0-9A-Fa-f]{40}$/, 'expected the SHA-1 of the password as 40 hex digits')
    .optional(),
  /** When the attempt happened, epoch ms; the server's clock when absent. */
  at: z.number().int().min(0).optional(),
});
export type AssessBody = z.input<typeof AssessBodySchema>;

/** A validated assessment request, normalised: canonical IP, hashed device, parsed keystrokes. */
export interface AssessInput {
  userId: string;
  ip: string;
  network: string;
  userAgent?: string;
  deviceId?: string;
  geo?: z.output<typeof GeoSchema>;
  outcome: 'success' | 'failure' | 'unknown';
  keystrokes?: KeystrokeSample;
  keystrokesExpected: boolean;
  /** Upper-case hex. */
  passwordSha1?: string;
  at: number;
}

/** Hashes a device fingerprint: the deployment's keyed hash (the step-up module's deviceHasher). */
export type DeviceHasher = (fingerprint: string) => string;

/**
 * Validates an assess body and normalises it. Throws one ValidationError (INPUT_INVALID) listing every
 * problem by path: keystroke problems are the keystroke module's, located as keystrokes[i].down/up.
 * The fingerprint is hashed with `deviceId` at once and not kept.
 */
export function parseAssessInput(body: unknown, now: number, deviceId: DeviceHasher): AssessInput {
  const parsed = AssessBodySchema.safeParse(body);
  if (!parsed.success) {
    throw new ValidationError(
      'INPUT_INVALID',
      'assess request',
      describeZodIssues(parsed.error, body),
      'see POST /v1/auth/assess in the API docs for the fields and their types',
    );
  }
  const b = parsed.data;
  const issues: IssueAtPath[] = [];
  const ip = canonicalIp(b.ip);
  if (ip === undefined)
    issues.push({ path: 'ip', message: `expected an IPv4 or IPv6 address, got "${b.ip}"` });
  const at = b.at ?? now;
  if (at > now + MAX_FUTURE_MS) {
    issues.push({
      path: 'at',
      message: `${at} is ${Math.round((at - now) / 1000)} s ahead of the server's clock`,
    });
  }
  let keystrokes: KeystrokeSample | undefined;
  if (b.keystrokes !== undefined && b.keystrokes.length > 0) {
    // The shape was checked above with the keystroke module's own event schema; its timing rules
    // and features come next (what parseKeystrokeSample does, without validating the shape twice).
    const events = b.keystrokes;
    const down = Float64Array.from(events, (e) => e.down);
    const up = Float64Array.from(events, (e) => e.up);
    const timing = timingIssues(down, up);
    for (const issue of timing) issues.push({ path: keystrokePath(issue.path), message: issue.message });
    if (timing.length === 0)
      keystrokes = { keys: events.map((e) => e.key), features: deriveFeatures(down, up) };
  }
  if (issues.length > 0 || ip === undefined) {
    throw new ValidationError(
      'INPUT_INVALID',
      'assess request',
      issues,
      issues.some((i) => i.path.startsWith('keystrokes'))
        ? 'keystrokes: each key needs finite non-negative down <= up in ms, keys in the order they were pressed'
        : undefined,
    );
  }
  const input: AssessInput = {
    userId: b.userId,
    ip,
    network: networkOf(ip),
    outcome: b.outcome,
    keystrokesExpected: b.keystrokesExpected ?? false,
    at,
  };
  if (b.userAgent !== undefined) input.userAgent = b.userAgent;
  if (b.deviceFingerprint !== undefined) input.deviceId = deviceId(b.deviceFingerprint);
  if (b.geo !== undefined) {
    input.geo = b.geo.country === undefined ? b.geo : { ...b.geo, country: b.geo.country.toUpperCase() };
  }
  if (keystrokes !== undefined) input.keystrokes = keystrokes;
  if (b.passwordSha1 !== undefined) input.passwordSha1 = b.passwordSha1.toUpperCase();
  return input;
}

/** "3.up" from the keystroke module becomes "keystrokes[3].up"; a whole-sample issue "keystrokes". */
function keystrokePath(path: string): string {
  if (path === '') return 'keystrokes';
  const [index, ...rest] = path.split('.');
  return `keystrokes[${index}]${rest.map((r) => `.${r}`).join('')}`;
}
