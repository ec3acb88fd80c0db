import type { z } from 'zod';
import { type ArgusConfig, ConfigSchema } from '../../core/config/schema.js';

/** The `auth` section of the configuration, defaults applied. */
export type AuthConfig = ArgusConfig['auth'];
export type AuthConfigInput = z.input<typeof ConfigSchema.shape.auth>;

/** The auth section with defaults filled in: for tests, benches and callers without a config file. */
export function authConfig(input: AuthConfigInput = {}): AuthConfig {
  return ConfigSchema.shape.auth.parse(input);
}
