import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTransferEvent } from '../../core/transferEvent.js';
import { parseGroundTruth } from './groundTruth.js';
import { writeSimulation } from './writeSimulation.js';

const dir = mkdtempSync(join(tmpdir(), 'argus-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = { accounts: 300, days: 12, seed: 4 };

async function write(name: string, extra: Record<string, number> = {}) {
  const out = join(dir, `${name}.jsonl`);
  const truth = join(dir, `${name}.truth.json`);
  const summary = await writeSimulation({ ...base, ...extra, out, truth });
  const lines = readFileSync(out, 'utf8').split('\n');
  expect(lines.pop()).toBe(''); // newline-terminated
  return { summary, lines, truthText: readFileSync(truth, 'utf8') };
}

function classify(line: string): { ok: true; key: string; time: number } | { ok: false } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false };
  }
  const parsed = parseTransferEvent(raw);
  return parsed.ok ? { ok: true, key: parsed.event.key, time: parsed.event.time } : { ok: false };
}

describe('writeSimulation', async () => {
  const clean = await write('clean');
  const cleanKeys = clean.lines.map((l) => (classify(l) as { key: string }).key);

  it('writes one valid line per event, in time order, with the truth beside it', () => {
    const { summary, lines } = clean;
    expect(summary.events).toBeGreaterThan(1000);
    expect(lines).toHaveLength(summary.events);
    expect(summary).toMatchObject({ lines: summary.events, duplicates: 0, malformedLines: 0 });
    expect(summary.bytes).toBe(Buffer.byteLength(`${lines.join('\n')}\n`));
    let last = Number.NEGATIVE_INFINITY;
    let invalid = 0;
    let unordered = 0;
    for (const line of lines) {
      const c = classify(line);
      if (!c.ok) invalid++;
      else {
        if (c.time < last) unordered++;
        last = c.time;
      }
    }
    expect({ invalid, unordered }).toEqual({ invalid: 0, unordered: 0 });
    expect(new Set(cleanKeys).size).toBe(cleanKeys.length);
    const truth = parseGroundTruth(JSON.parse(clean.truthText));
    expect(truth.noise).toEqual({ malformedLines: 0, duplicates: 0, jitterMs: 0 });
    expect(truth.incidents.length).toBe(Object.values(summary.incidents).reduce((s, n) => s + n, 0));
    const keys = new Set(cleanKeys);
    for (const incident of truth.incidents)
      for (const k of incident.eventKeys) expect(keys.has(k)).toBe(true);
    expect(Object.values(summary.flows).reduce((s, n) => s + n, 0)).toBe(summary.events);
  });

  it('adds broken lines at the requested share without losing a record', async () => {
    const { summary, lines, truthText } = await write('malformed', { malformed: 0.05 });
    const classified = lines.map((l) => [l, classify(l)] as const);
    const broken = classified.filter(([, c]) => !c.ok).map(([l]) => l);
    expect(broken).toHaveLength(summary.malformedLines);
    expect(lines).toHaveLength(summary.events + summary.malformedLines);
    // 5% of ~events, within a generous binomial margin.
    expect(summary.malformedLines).toBeGreaterThan(summary.events * 0.03);
    expect(summary.malformedLines).toBeLessThan(summary.events * 0.07);
    // Never blank: a source that skips blank lines must still see and reject every one.
    expect(broken.filter((l) => l.trim().length === 0)).toEqual([]);
    const good = classified.flatMap(([, c]) => (c.ok ? [c.key] : []));
    expect(good).toEqual(cleanKeys);
    expect(parseGroundTruth(JSON.parse(truthText)).noise?.malformedLines).toBe(summary.malformedLines);
  });

  it('repeats records with the same key and identical content', async () => {
    const { summary, lines } = await write('duplicates', { duplicates: 0.05 });
    expect(summary.duplicates).toBeGreaterThan(summary.events * 0.03);
    expect(lines).toHaveLength(summary.events + summary.duplicates);
    const byKey = new Map<string, string[]>();
    for (const line of lines) {
      const c = classify(line);
      if (!c.ok) throw new Error(`unexpected broken line ${line}`);
      byKey.set(c.key, [...(byKey.get(c.key) ?? []), line]);
    }
    expect(byKey.size).toBe(summary.events);
    const repeated = [...byKey.values()].filter((v) => v.length > 1);
    expect(repeated).toHaveLength(summary.duplicates);
    for (const copies of repeated) expect(new Set(copies).size).toBe(1);
  });

  it('reorders by at most the jitter and keeps every record', async () => {
    const jitterMs = 5 * 60_000;
    const { summary, lines } = await write('jitter', { jitterMs });
    expect(lines).toHaveLength(summary.events);
    let maxSoFar = Number.NEGATIVE_INFINITY;
    let inversions = 0;
    let worst = 0;
    for (const line of lines) {
      const c = classify(line);
      if (!c.ok) throw new Error('unexpected broken line');
      if (c.time < maxSoFar) {
        inversions++;
        worst = Math.max(worst, maxSoFar - c.time);
      }
      maxSoFar = Math.max(maxSoFar, c.time);
    }
    expect(inversions).toBeGreaterThan(0);
    expect(worst).toBeLessThanOrEqual(jitterMs);
    const keys = lines.map((l) => (classify(l) as { key: string }).key);
    expect([...keys].sort()).toEqual([...cleanKeys].sort());
  });

  it('writes the same bytes for the same seed, noise included', async () => {
    const noisy = { malformed: 0.02, duplicates: 0.02, jitterMs: 60_000 };
    const a = await write('same-a', noisy);
    const b = await write('same-b', noisy);
    expect(b.lines).toEqual(a.lines);
  });

  it('rejects shares outside [0, 1]', async () => {
    await expect(writeSimulation({ ...base, out: join(dir, 'x.jsonl'), malformed: 1.5 })).rejects.toThrow(
      /malformed: expected a share/,
    );
  });
});
