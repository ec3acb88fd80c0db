import type { AuthProfile, Seen } from '../authProfile.js';
import { fired, quiet, type SignalResult } from '../signal.js';

/**
 * The shared rule of the novelty signals: with no successful login on record there is no baseline,
 * so nothing is "new" (a first login is judged by the other signals); otherwise a value the profile
 * has not seen fires at full strength.
 */
export function novelty(
  profile: AuthProfile | undefined,
  seen: (p: AuthProfile) => Map<string, Seen>,
  value: string | undefined,
  what: string,
  missing: string,
): SignalResult {
  if (profile === undefined || profile.successes === 0) return quiet('no login history to compare with');
  if (value === undefined) return quiet(missing);
  const known = seen(profile);
  const entry = known.get(value);
  if (entry !== undefined) return quiet(`known ${what} (seen ${entry.count} times)`, { known: known.size });
  return fired(1, `new ${what} (${known.size} known)`, { known: known.size });
}
