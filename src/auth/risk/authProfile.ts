import { ValidationError } from '../../core/errors.js';
import { KeystrokeTemplate } from '../keystroke/keystrokeTemplate.js';

export const PROFILE_FORMAT = 'argus-auth-profile';
export const PROFILE_VERSION = 1;

/**
 * How many devices, IPs, networks and countries a profile remembers; the least recently seen is
 * forgotten first, so a profile stays a few kilobytes whatever the user does (a device unused for
 * long enough to fall off counts as new again, which is what it should).
 */
export const PROFILE_LIMITS = { devices: 20, ips: 50, networks: 30, countries: 20 } as const;

/** When a device, IP, network or country was first and last seen on a successful login, and how often. */
export interface Seen {
  first: number;
  last: number;
  count: number;
}

export interface LastGeo {
  lat: number;
  lon: number;
  accuracyKm?: number;
  country?: string;
  at: number;
}

/**
 * What Argus knows of one user, learnt from successful logins only. The maps are in recency order
 * (least recently seen first). Device ids are hashes (deviceIdOf), never fingerprints; no typed
 * characters are kept, only the keystroke template's timing features.
 */
export interface AuthProfile {
  devices: Map<string, Seen>;
  ips: Map<string, Seen>;
  networks: Map<string, Seen>;
  countries: Map<string, Seen>;
  successes: number;
  lastSuccessAt: number | null;
  /** The last successful login that came with a location: where impossible travel is measured from. */
  lastGeo: LastGeo | null;
  keystroke: KeystrokeTemplate | null;
}

export function emptyProfile(): AuthProfile {
  return {
    devices: new Map(),
    ips: new Map(),
    networks: new Map(),
    countries: new Map(),
    successes: 0,
    lastSuccessAt: null,
    lastGeo: null,
    keystroke: null,
  };
}

/**
 * The template's saved JSON, kept beside the parsed template while it is unchanged (same size, same
 * absorbed count): most successful logins change a profile's counters but not its template, and
 * re-serialising the template was most of a profile write's cost and garbage.
 */
const templateJson = new WeakMap<KeystrokeTemplate, { size: number; absorbed: number; json: string }>();

/**
 * Reads a stored profile; a ValidationError (INPUT_INVALID) names what is wrong with it. Checked by
 * hand rather than with zod: this runs on every profile-cache miss, and zod's garbage there showed
 * up as young-generation GC pauses in the assess call's p99.
 */
export function parseProfile(data: string): AuthProfile {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (error) {
    throw invalid('', `not JSON: ${(error as Error).message}`);
  }
  if (!isObject(json)) throw invalid('', 'expected an object');
  if (json.format !== PROFILE_FORMAT) throw invalid('format', `expected "${PROFILE_FORMAT}"`);
  if (json.version !== PROFILE_VERSION) {
    throw invalid('version', `version ${String(json.version)}; this build reads version ${PROFILE_VERSION}`);
  }
  const successes = json.successes;
  if (!(Number.isInteger(successes) && (successes as number) >= 0))
    throw invalid('successes', 'expected a whole number >= 0');
  const lastSuccessAt = json.lastSuccessAt;
  if (lastSuccessAt !== null && !isFiniteNumber(lastSuccessAt))
    throw invalid('lastSuccessAt', 'expected a number or null');
  const profile: AuthProfile = {
    devices: seenMap(json.devices, 'devices'),
    ips: seenMap(json.ips, 'ips'),
    networks: seenMap(json.networks, 'networks'),
    countries: seenMap(json.countries, 'countries'),
    successes: successes as number,
    lastSuccessAt: lastSuccessAt as number | null,
    lastGeo: lastGeoOf(json.lastGeo),
    keystroke: null,
  };
  const saved = json.keystroke;
  if (saved !== null && saved !== undefined) {
    if (typeof saved !== 'string')
      throw invalid('keystroke', 'expected the saved template as a JSON string or null');
    let template: KeystrokeTemplate;
    try {
      template = KeystrokeTemplate.load(JSON.parse(saved));
    } catch (error) {
      throw invalid('keystroke', (error as Error).message);
    }
    templateJson.set(template, { size: template.size, absorbed: template.absorbed, json: saved });
    profile.keystroke = template;
  }
  return profile;
}

export function serializeProfile(profile: AuthProfile): string {
  const rows = (m: Map<string, Seen>) => [...m].map(([id, s]) => [id, s.first, s.last, s.count]);
  const template = profile.keystroke;
  let keystroke: string | null = null;
  if (template !== null) {
    const cached = templateJson.get(template);
    if (cached !== undefined && cached.size === template.size && cached.absorbed === template.absorbed) {
      keystroke = cached.json;
    } else {
      keystroke = JSON.stringify(template.save());
      templateJson.set(template, { size: template.size, absorbed: template.absorbed, json: keystroke });
    }
  }
  return JSON.stringify({
    format: PROFILE_FORMAT,
    version: PROFILE_VERSION,
    devices: rows(profile.devices),
    ips: rows(profile.ips),
    networks: rows(profile.networks),
    countries: rows(profile.countries),
    successes: profile.successes,
    lastSuccessAt: profile.lastSuccessAt,
    lastGeo: profile.lastGeo,
    // The template's own versioned JSON, as a string so it can be kept and written back unchanged.
    keystroke,
  });
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError('INPUT_INVALID', 'stored auth profile', [{ path, message }]);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function seenMap(rows: unknown, path: string): Map<string, Seen> {
  if (!Array.isArray(rows)) throw invalid(path, 'expected an array of [id, first, last, count]');
  const map = new Map<string, Seen>();
  for (let i = 0; i < rows.length; i++) {
    const r: unknown = rows[i];
    if (
      !Array.isArray(r) ||
      r.length !== 4 ||
      typeof r[0] !== 'string' ||
      !isFiniteNumber(r[1]) ||
      !isFiniteNumber(r[2]) ||
      !(Number.isInteger(r[3]) && r[3] >= 0)
    ) {
      throw invalid(`${path}[${i}]`, 'expected [id, first seen ms, last seen ms, count]');
    }
    map.set(r[0], { first: r[1], last: r[2], count: r[3] });
  }
  return map;
}

function lastGeoOf(v: unknown): LastGeo | null {
  if (v === null) return null;
  if (
    !isObject(v) ||
    !isFiniteNumber(v.lat) ||
    !isFiniteNumber(v.lon) ||
    !isFiniteNumber(v.at) ||
    (v.accuracyKm !== undefined && !isFiniteNumber(v.accuracyKm)) ||
    (v.country !== undefined && typeof v.country !== 'string')
  ) {
    throw invalid('lastGeo', 'expected null or { lat, lon, at, accuracyKm?, country? }');
  }
  const geo: LastGeo = { lat: v.lat, lon: v.lon, at: v.at };
  if (v.accuracyKm !== undefined) geo.accuracyKm = v.accuracyKm;
  if (v.country !== undefined) geo.country = v.country;
  return geo;
}

/** Marks `id` seen at `at`, moving it to the recent end and forgetting the least recent beyond `limit`. */
export function touchSeen(map: Map<string, Seen>, id: string, at: number, limit: number): void {
  const seen = map.get(id);
  map.delete(id);
  map.set(
    id,
    seen
      ? { first: seen.first, last: Math.max(seen.last, at), count: seen.count + 1 }
      : { first: at, last: at, count: 1 },
  );
  while (map.size > limit) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}
