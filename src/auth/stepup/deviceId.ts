import { createHmac } from 'node:crypto';
import { ArgusError } from '../../core/errors.js';
import type { SecretBox } from './secretBox.js';

/** The HKDF purpose of the trusted-device salt; changing it forgets every trusted device. */
const SALT_PURPOSE = 'trusted-device-salt';

/**
 * The id a device fingerprint is stored and looked up under: HMAC-SHA-256 keyed with a salt
 * derived from this deployment's secret key. The fingerprint itself is never stored, and a hash
 * from one deployment means nothing in another (no cross-site tracking, no precomputed tables).
 */
export function deviceId(salt: Uint8Array, fingerprint: string): string {
  if (fingerprint.length === 0) {
    throw new ArgusError('INPUT_INVALID', 'a device fingerprint must not be empty', {
      hint: 'send the fingerprint the client computed, or no fingerprint at all',
    });
  }
  return createHmac('sha256', salt).update(fingerprint, 'utf8').digest('hex');
}

/** deviceId bound to the deployment's salt: what the step-up service and the risk engine share. */
export function deviceHasher(box: SecretBox): (fingerprint: string) => string {
  const salt = box.derive(SALT_PURPOSE);
  return (fingerprint) => deviceId(salt, fingerprint);
}
