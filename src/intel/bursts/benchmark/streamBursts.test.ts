import { describe, expect, it } from 'vitest';
import { AlertInputSchema } from '../../../core/alert.js';
import { type LabelledDocument, streamBursts } from './streamBursts.js';

const DAY = 86_400_000;
const MONDAY = Date.UTC(2024, 0, 1); // 2024-01-01 was a Monday

/** Ten documents a week for twelve weeks; one of them is about "a", except in week 8 (seven of them). */
function stream(): LabelledDocument[] {
  const docs: LabelledDocument[] = [];
  for (let week = 0; week < 12; week++) {
    const about = week === 8 ? 7 : 1;
    for (let i = 0; i < 10; i++) {
      const at = MONDAY + week * 7 * DAY + (i % 7) * DAY;
      docs.push({
        at,
        id: `w${week}-${i}`,
        title: `doc ${i} of week ${week}`,
        labels: i < about ? ['a'] : ['b'],
      });
    }
  }
  return docs;
}

describe('streamBursts', () => {
  const result = streamBursts(stream(), { unit: 'week', from: MONDAY, to: MONDAY + 11 * 7 * DAY });

  it('buckets the stream and finds the planted burst with both detectors', () => {
    expect(result.buckets).toBe(12);
    expect(result.labels).toEqual([
      { label: 'a', documents: 18 },
      { label: 'b', documents: 102 },
    ]);
    const a = result.bursts.filter((b) => b.label === 'a');
    expect(a.map((b) => [b.method, b.start, b.end])).toEqual([
      ['kleinberg', '2024-02-26', '2024-02-26'],
      ['ewma', '2024-02-26', '2024-02-26'],
    ]);
  });

  it('times each alert from the first document of the burst', () => {
    const [kleinberg, ewma] = result.bursts.filter((b) => b.label === 'a');
    // The burst's first document is on its Monday; the bucket closes seven days later.
    expect(kleinberg).toMatchObject({
      firstDocument: 'w8-0',
      firstDocumentAt: '2024-02-26',
      alertBucket: '2024-02-26',
      daysToAlert: 7,
      count: 7,
    });
    // EWMA: baseline 1 (variance floored at the mean), threshold max(3, 1 + 3) = 4: the fourth
    // document, on Thursday, takes the week over it.
    expect(ewma).toMatchObject({
      alertBucket: '2024-02-26',
      daysToAlert: 7,
      crossedAt: '2024-02-29',
      daysToCrossing: 3,
    });
    expect(ewma?.strength).toBeCloseTo(6, 12);
  });

  it('builds a valid alert naming the documents behind each burst', () => {
    for (const burst of result.bursts) {
      const alert = AlertInputSchema.parse(burst.alert);
      expect(alert.detector).toBe('intel.burst');
      expect(alert.explanation).toContain('w8-0');
    }
  });
});
