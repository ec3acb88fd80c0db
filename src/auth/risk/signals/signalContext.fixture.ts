import { createHmac } from 'node:crypto';
import type { StepUpRequirement } from '../../../store/types.js';
import { KeystrokeTemplate } from '../../keystroke/keystrokeTemplate.js';
import { type AssessBody, parseAssessInput } from '../assessInput.js';
import { type Attempt, AttemptWindows } from '../attemptWindows.js';
import { type AuthConfigInput, authConfig } from '../authConfig.js';
import { type AuthProfile, emptyProfile, type LastGeo, touchSeen } from '../authProfile.js';
import type { BreachLookup, SignalContext } from '../signal.js';

/** Hand-made contexts for the signals' known-answer tests. */
export const NOW = 1_700_000_000_000;

/** A keyed fingerprint hash as a deployment has one (the step-up module's deviceHasher), fixed key. */
export function deviceIdOf(fingerprint: string): string {
  return createHmac('sha256', 'argus-test-device-salt').update(fingerprint, 'utf8').digest('hex');
}

export const FEATURES = 10; // a 4-key phrase
/** A 4-key template whose median is BASE and whose spread is 12 on every feature. */
export const BASE = Float64Array.from([100, 200, 100, 100, 200, 100, 100, 200, 100, 100]);

export function enrolledTemplate(enrolSamples = 5): KeystrokeTemplate {
  const t = KeystrokeTemplate.create(FEATURES, { enrolSamples });
  for (const k of [-2, -1, 0, 1, 2]) t.enrol(BASE.map((v) => v + 10 * k));
  return t;
}

export interface ProfileParts {
  devices?: string[];
  ips?: string[];
  networks?: string[];
  countries?: string[];
  lastGeo?: LastGeo;
  successes?: number;
  keystroke?: KeystrokeTemplate;
}

/** A profile that has seen these fingerprints (hashed here), IPs, networks and countries. */
export function profileWith(parts: ProfileParts = {}): AuthProfile {
  const p = emptyProfile();
  const at = NOW - 86_400_000;
  for (const fp of parts.devices ?? []) touchSeen(p.devices, deviceIdOf(fp), at, 100);
  for (const ip of parts.ips ?? []) touchSeen(p.ips, ip, at, 100);
  for (const n of parts.networks ?? []) touchSeen(p.networks, n, at, 100);
  for (const c of parts.countries ?? []) touchSeen(p.countries, c, at, 100);
  p.successes = parts.successes ?? 1;
  p.lastSuccessAt = at;
  p.lastGeo = parts.lastGeo ?? null;
  p.keystroke = parts.keystroke ?? null;
  return p;
}

export interface ContextOptions {
  body?: Partial<AssessBody>;
  profile?: AuthProfile;
  config?: AuthConfigInput;
  /** Earlier attempts, recorded before this one. */
  attempts?: Attempt[];
  breach?: BreachLookup;
  stepUps?: StepUpRequirement[];
  /** Replaces the parsed sample's features (a hand-made vector the template scores exactly). */
  features?: Float64Array;
}

export function context(options: ContextOptions = {}): SignalContext {
  const config = authConfig(options.config);
  const input = parseAssessInput(
    { userId: 'alice', ip: '203.0.113.7', outcome: 'success', at: NOW, ...options.body },
    NOW,
    deviceIdOf,
  );
  if (options.features !== undefined) {
    input.keystrokes = { keys: ['a', 'b', 'c', 'd'], features: options.features };
  }
  const windows = new AttemptWindows({ ...config.velocity, windowKeys: config.memory.windowKeys });
  for (const a of options.attempts ?? []) windows.record(a);
  windows.record({ ...input, deviceId: input.deviceId });
  return {
    input,
    config,
    profile: options.profile,
    windows,
    breach: options.breach ?? { checked: false, why: 'no breached-password list configured' },
    stepUps: options.stepUps ?? [],
  };
}

/** Key events with these holds and down-down intervals (ms), starting at t = 1000. */
export function typed(holds: number[], intervals: number[]): { key: string; down: number; up: number }[] {
  let down = 1000;
  return holds.map((h, i) => {
    const event = { key: String.fromCharCode(97 + i), down, up: down + h };
    down += intervals[i] ?? 0;
    return event;
  });
}
