import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../core/finding.js';
import { runAudit } from '../runAudit.js';
import { detectorMeta } from './registry.js';

/** Runs one detector over a Solidity snippet written to a temp file; returns its findings. */
export async function findingsFor(detector: string, source: string): Promise<Finding[]> {
  if (!detectorMeta(detector)) throw new Error(`detector ${detector} is not in the registry`);
  const dir = mkdtempSync(join(tmpdir(), 'argus-audit-'));
  const file = join(dir, 'Fixture.sol');
  writeFileSync(file, source);
  const report = await runAudit([file], { detectors: [detector] });
  if (report.errors.length) throw new Error(`fixture does not parse: ${JSON.stringify(report.errors)}`);
  return report.findings;
}

/** The 1-based line of the first line of `source` containing `text`. */
export function lineOf(source: string, text: string): number {
  const index = source.split('\n').findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`"${text}" not in fixture`);
  return index + 1;
}
