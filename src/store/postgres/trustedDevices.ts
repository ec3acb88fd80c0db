import type pg from 'pg';
import { trustedDeviceFromRow } from '../authRows.js';
import type { TrustedDeviceRepository } from '../types.js';
import type { Row } from './db.js';

export function postgresTrustedDevices(pool: pg.Pool): TrustedDeviceRepository {
  return {
    async trust(d) {
      await pool.query(
        `INSERT INTO trusted_devices (user_id, device_id, trusted_at, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, device_id) DO UPDATE SET
           trusted_at = excluded.trusted_at, expires_at = excluded.expires_at`,
        [d.userId, d.deviceId, d.trustedAt, d.expiresAt],
      );
    },
    async isTrusted(userId, deviceId, now) {
      const { rows } = await pool.query(
        'SELECT 1 FROM trusted_devices WHERE user_id = $1 AND device_id = $2 AND expires_at > $3',
        [userId, deviceId, now],
      );
      return rows.length > 0;
    },
    async list(userId) {
      const { rows } = await pool.query<Row>(
        'SELECT * FROM trusted_devices WHERE user_id = $1 ORDER BY trusted_at, device_id COLLATE "C"',
        [userId],
      );
      return rows.map(trustedDeviceFromRow);
    },
    async revoke(userId, deviceId) {
      const result =
        deviceId === undefined
          ? await pool.query('DELETE FROM trusted_devices WHERE user_id = $1', [userId])
          : await pool.query('DELETE FROM trusted_devices WHERE user_id = $1 AND device_id = $2', [
              userId,
              deviceId,
            ]);
      return result.rowCount ?? 0;
    },
  };
}
