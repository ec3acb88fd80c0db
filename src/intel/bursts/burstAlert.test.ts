import { describe, expect, it } from 'vitest';
import { AlertInputSchema } from '../../core/alert.js';
import { type BurstAlertSpec, burstAlert } from './burstAlert.js';

const spec: BurstAlertSpec = {
  entity: 'reentrancy',
  entityKind: 'technique',
  method: 'ewma',
  startedAt: Date.UTC(2024, 2, 4),
  bucketLabel: 'week of 2024-03-04',
  count: 6,
  baseline: 1.2,
  strength: 4.25,
  documents: [
    { id: 'inc-1', title: 'Protocol A drained through a callback' },
    { id: 'inc-2', title: 'Vault B re-entered on withdraw' },
  ],
};

describe('burstAlert', () => {
  it('builds a valid intel alert naming the counts, the baseline and the documents', () => {
    const alert = AlertInputSchema.parse(burstAlert(spec));
    expect(alert).toMatchObject({
      area: 'intel',
      detector: 'intel.burst',
      subject: { kind: 'other', id: 'reentrancy', attributes: { entityKind: 'technique' } },
      occurredAt: Date.UTC(2024, 2, 4),
    });
    expect(alert.score).toBeCloseTo(1 - 1.2 / 6, 12);
    expect(alert.severity).toBe('high');
    expect(alert.explanation).toContain('rose to 6 from the week of 2024-03-04');
    expect(alert.explanation).toContain('baseline of 1.2');
    expect(alert.explanation).toContain('5.0x the baseline; EWMA z-score 4.3');
    expect(alert.explanation).toContain('- inc-2: Vault B re-entered on withdraw');
    expect(alert.evidence).toContainEqual({ kind: 'feature', name: 'mentions', value: 6, baseline: 1.2 });
    expect(alert.evidence).toContainEqual({ kind: 'fact', name: 'z', value: 4.25 });
    expect(alert.evidence.filter((e) => e.kind === 'fact' && e.name === 'document')).toHaveLength(2);
  });

  it('grades severity by the multiple of the baseline, and never above high', () => {
    expect(burstAlert({ ...spec, count: 3, baseline: 2 }).severity).toBe('low');
    expect(burstAlert({ ...spec, count: 5, baseline: 2 }).severity).toBe('medium');
    const fromNothing = burstAlert({ ...spec, count: 3, baseline: 0, method: 'kleinberg', strength: 7 });
    expect(fromNothing.severity).toBe('high');
    expect(fromNothing.score).toBe(0.9);
    expect(fromNothing.explanation).toContain('against no mentions before; Kleinberg burst weight 7.0');
  });

  it('names twenty documents and counts the rest, with long titles clipped', () => {
    const documents = Array.from({ length: 25 }, (_, i) => ({ id: `d${i}`, title: 'x'.repeat(500) }));
    const alert = AlertInputSchema.parse(burstAlert({ ...spec, documents }));
    expect(alert.explanation).toContain('- and 5 more');
    expect(alert.evidence.filter((e) => e.kind === 'fact' && e.name === 'document')).toHaveLength(20);
    expect(alert.explanation).not.toContain('x'.repeat(201));
  });
});
