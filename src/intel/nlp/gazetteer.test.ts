import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgusError, ValidationError } from '../../core/errors.js';
import { BUILT_IN_GAZETTEER, extendGazetteer, loadGazetteerFile, parseGazetteer } from './gazetteer.js';

describe('gazetteer', () => {
  it('has unique (kind, name) pairs in the built-in list', () => {
    const keys = BUILT_IN_GAZETTEER.map((e) => `${e.kind}:${e.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('parses a YAML user file, lower-casing protocol names', () => {
    const entries = parseGazetteer(
      'packages:\n  - name: my-sdk\n    aliases: [my sdk]\n    ecosystem: npm\n    matchName: false\nprotocols:\n  - name: AcmeSwap\n',
    );
    expect(entries).toEqual([
      {
        kind: 'package',
        name: 'my-sdk',
        aliases: ['my sdk'],
        caseSensitiveAliases: [],
        matchName: false,
        ecosystem: 'npm',
      },
      { kind: 'protocol', name: 'acmeswap', aliases: [], caseSensitiveAliases: [] },
    ]);
  });

  it('parses JSON too, and reads a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-gazetteer-'));
    const path = join(dir, 'g.json');
    writeFileSync(path, JSON.stringify({ protocols: [{ name: 'acme', aliases: ['acme finance'] }] }));
    expect(loadGazetteerFile(path)).toEqual([
      { kind: 'protocol', name: 'acme', aliases: ['acme finance'], caseSensitiveAliases: [] },
    ]);
  });

  it('rejects bad files with a typed error naming the field', () => {
    expect(() => parseGazetteer('packages: [{ aliases: [x] }]')).toThrow(ValidationError);
    let caught: unknown;
    try {
      parseGazetteer('protocols: [{ name: 1 }]\nextra: true', 'mine.yaml');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).message).toContain('mine.yaml');
    expect((caught as ValidationError).issues.map((i) => i.path)).toContain('protocols.0.name');
    expect(() => parseGazetteer('packages: [unclosed')).toThrow(ArgusError);
    expect(() => loadGazetteerFile('/nonexistent/gazetteer.yaml')).toThrow(/cannot read/);
  });

  it('merges a user entry into a built-in one of the same name', () => {
    const merged = extendGazetteer(BUILT_IN_GAZETTEER, [
      { kind: 'protocol', name: 'aave', aliases: ['aave horizon'], caseSensitiveAliases: [] },
      { kind: 'protocol', name: 'acme', aliases: [], caseSensitiveAliases: [] },
    ]);
    expect(merged.length).toBe(BUILT_IN_GAZETTEER.length + 1);
    expect(merged.find((e) => e.name === 'aave')?.aliases).toContain('aave horizon');
    // The built-in list itself is not changed.
    expect(BUILT_IN_GAZETTEER.find((e) => e.name === 'aave')?.aliases).not.toContain('aave horizon');
  });
});
