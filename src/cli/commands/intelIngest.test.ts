import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../runCli.fixture.js';

const FIXTURES = resolve(import.meta.dirname, '../../intel/sources/fixtures');
const dir = mkdtempSync(join(tmpdir(), 'argus-intel-ingest-'));
const configFile = join(dir, 'argus.yaml');
writeFileSync(configFile, 'store: { sqlite: { path: store.db } }\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const run = (args: string[]) => runCli(['--config', configFile, 'intel', 'ingest', ...args]);

describe('argus intel ingest', () => {
  it('says what to do when no source is named or configured', async () => {
    const { stderr } = await run([]);
    expect(process.exitCode).toBe(2);
    expect(stderr).toContain('no intel sources to read');
    expect(stderr).toMatch(/hint: name them \(osv:/);
  });

  it('refuses a bad spec before reading anything', async () => {
    const { stderr } = await run([`osv:${join(FIXTURES, 'osv')}`, 'gopher:x']);
    expect(process.exitCode).toBe(2);
    expect(stderr).toContain('unknown source kind "gopher:"');
  });

  it('reports a source that fails, still reads the others, and exits 2', async () => {
    const { stdout, stderr } = await run([
      `text:${join(dir, 'missing')}`,
      `feed:${join(FIXTURES, 'feeds/advisories.atom.xml')}`,
      '--no-bursts',
    ]);
    expect(process.exitCode).toBe(2);
    expect(stderr).toMatch(/text:.*missing failed: \[/);
    expect(stdout).toMatch(/feed:.*advisories\.atom\.xml\s+3\s+2\s+2\s+0\s+1\s+\d+ item\(s\) seen/);
    expect(stderr).toContain(
      'entry 3 (tag:advisories.example,2024:18): updated "next Tuesday" is not an RFC 3339 date',
    );
    // --no-bursts: no burst line at all.
    expect(stdout).not.toMatch(/burst/i);
  });

  it('explains itself with examples', async () => {
    for (const command of ['ingest', 'search', 'show', 'trends']) {
      let help = '';
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        help += String(chunk);
        return true;
      });
      const { buildProgram } = await import('../program.js');
      const program = buildProgram().exitOverride();
      for (const c of program.commands) c.exitOverride();
      await expect(program.parseAsync(['node', 'argus', 'intel', command, '--help'])).rejects.toThrow();
      vi.restoreAllMocks();
      expect(help).toContain(`argus intel ${command}`);
      expect(help).toContain('Examples:');
    }
  });
});
