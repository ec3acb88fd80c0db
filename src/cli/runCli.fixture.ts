import { vi } from 'vitest';
import { buildProgram } from './program.js';

/**
 * Runs the CLI in this process with stdout and stderr captured, for command tests. The caller
 * restores the spies (vi.restoreAllMocks) and resets process.exitCode after each test.
 */
export async function runCli(args: string[]): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  await buildProgram().parseAsync(['node', 'argus', ...args]);
  return { stdout, stderr };
}
