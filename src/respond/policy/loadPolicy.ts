import { resolve } from 'node:path';
import { readStructuredFile } from '../../core/config/load.js';
import type { RespondConfig } from '../types.js';
import { parsePolicy } from './parsePolicy.js';
import { EMPTY_POLICY, type Policy } from './policy.js';

/** Reads, validates and compiles a YAML or JSON policy file; an empty file is a policy without rules. */
export function loadPolicy(file: string, respond: RespondConfig): Policy {
  return parsePolicy(readStructuredFile(file, 'POLICY_INVALID'), file, respond);
}

/** The policy named by respond.policyFile (relative to the config file's folder), or no policy at all. */
export function loadConfiguredPolicy(respond: RespondConfig, baseDir: string): Policy {
  return respond.policyFile === undefined
    ? EMPTY_POLICY
    : loadPolicy(resolve(baseDir, respond.policyFile), respond);
}
