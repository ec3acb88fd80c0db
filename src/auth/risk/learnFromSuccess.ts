import { KeystrokeTemplate } from '../keystroke/keystrokeTemplate.js';
import { type AuthProfile, PROFILE_LIMITS, touchSeen } from './authProfile.js';

/** What a successful, accepted login teaches: only hashes, addresses, place and timing features. */
export interface LoginFacts {
  deviceId?: string;
  ip: string;
  network: string;
  geo?: { lat: number; lon: number; accuracyKm?: number; country?: string };
  /** The keystroke sample's feature vector. */
  keystrokes?: Float64Array;
  at: number;
}

export type KeystrokeLearning =
  | 'none'
  | 'enrolling'
  | 'enrolled'
  | 'absorbed'
  | 'rejected'
  | 'borderline'
  | 'rate-limited'
  | 'other-phrase';

/**
 * Teaches the profile one login that passed (the password was right and the engine allowed it, or a
 * challenge was passed afterwards). The keystroke template is grown by enrol() until ready, then only
 * through verify(), whose guards (absorb only well inside the threshold, clip, rate-limit) keep a
 * borderline impostor from dragging it. A sample of another length than the template is never
 * absorbed: while enrolling, the newest phrase wins (enrolment restarts); once enrolled, the
 * operator resets the template after a password change (RiskEngine.resetKeystrokes).
 */
export function learnFromSuccess(
  profile: AuthProfile,
  facts: LoginFacts,
  options: { enrolSamples: number },
): KeystrokeLearning {
  if (facts.deviceId !== undefined)
    touchSeen(profile.devices, facts.deviceId, facts.at, PROFILE_LIMITS.devices);
  touchSeen(profile.ips, facts.ip, facts.at, PROFILE_LIMITS.ips);
  touchSeen(profile.networks, facts.network, facts.at, PROFILE_LIMITS.networks);
  if (facts.geo?.country !== undefined) {
    touchSeen(profile.countries, facts.geo.country, facts.at, PROFILE_LIMITS.countries);
  }
  if (facts.geo !== undefined && (profile.lastGeo === null || facts.at >= profile.lastGeo.at)) {
    profile.lastGeo = { ...facts.geo, at: facts.at };
  }
  profile.successes++;
  profile.lastSuccessAt = Math.max(profile.lastSuccessAt ?? facts.at, facts.at);
  return learnKeystrokes(profile, facts.keystrokes, facts.at, options.enrolSamples);
}

function learnKeystrokes(
  profile: AuthProfile,
  sample: Float64Array | undefined,
  at: number,
  enrolSamples: number,
): KeystrokeLearning {
  if (sample === undefined) return 'none';
  let template = profile.keystroke;
  if (template?.ready) {
    if (template.featureCount !== sample.length) return 'other-phrase';
    const result = template.verify(sample, at);
    return result.absorbed ? 'absorbed' : (result.reason ?? 'rejected');
  }
  if (template === null || template.featureCount !== sample.length) {
    template = KeystrokeTemplate.create(sample.length, {
      enrolSamples,
      maxSamples: Math.max(enrolSamples, 40),
    });
    profile.keystroke = template;
  }
  template.enrol(sample);
  return template.ready ? 'enrolled' : 'enrolling';
}
