import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgusError } from '../../core/errors.js';
import { readKeystrokeCsv } from './keystrokeCsv.js';
import { deriveFeatures } from './keystrokeSample.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('readKeystrokeCsv', () => {
  it('reads the CMU feature-table layout, ordering each subject by session and rep', () => {
    const data = readKeystrokeCsv(fixture('cmu-layout-synthetic.csv'));
    expect(data.layout).toBe('feature-table');
    expect(data.features).toHaveLength(31);
    expect(data.features[0]).toBe('H.period');
    expect(data.subjects.map((s) => [s.id, s.samples.rows])).toEqual([
      ['s002', 12],
      ['s003', 12],
      ['s004', 12],
      ['s005', 12],
      ['s007', 12],
    ]);
    expect(data.rejected).toEqual([]);
    // The fixture swaps s003's session-1 rep 1 with session-2 rep 2 in the file; the reader restores order.
    const text = fixture('cmu-layout-synthetic.csv').split('\n');
    const s003Rows = text.filter((l) => l.startsWith('s003,'));
    const firstInFile = s003Rows[0]?.split(',') ?? [];
    expect(firstInFile.slice(1, 3)).toEqual(['2', '2']);
    const s003 = data.subjects[1];
    const sessionOneRepOne = s003Rows
      .find((l) => l.startsWith('s003,1,1,'))
      ?.split(',')
      .slice(3)
      .map(Number);
    expect(Array.from(s003?.samples.data.subarray(0, 31) ?? [])).toEqual(sessionOneRepOne);
  });

  it('reads raw timings and derives the same features as a browser sample', () => {
    const data = readKeystrokeCsv(fixture('raw-timings.csv'));
    expect(data.layout).toBe('raw-timings');
    expect(data.features).toHaveLength(13);
    expect(data.subjects).toHaveLength(4);
    const line = fixture('raw-timings.csv').split('\n')[1]?.split(',').slice(1).map(Number) ?? [];
    const down = line.filter((_, i) => i % 2 === 0);
    const up = line.filter((_, i) => i % 2 === 1);
    expect(Array.from(data.subjects[0]?.samples.data.subarray(0, 13) ?? [])).toEqual(
      Array.from(deriveFeatures(down, up)),
    );
  });

  it('leaves out malformed rows, naming line and column, and keeps the rest', () => {
    const data = readKeystrokeCsv(fixture('raw-timings-malformed.csv'));
    expect(data.rejected.map((r) => r.message)).toEqual([
      'line 4, column release-1: "abc" is not a number',
      'line 9, column release-1: key 1: released at 173 ms, before it was pressed at 178 ms',
      'line 13, column press-2: key 2: pressed at 1 ms, before key 1 (149 ms): events are out of order',
      'line 16: 10 cells, the header has 11',
    ]);
    expect(data.subjects.map((s) => s.samples.rows)).toEqual([4, 4, 3, 5]);
  });

  it('rejects an unknown header, a gap in the key columns and a header-only table', () => {
    expect(() => readKeystrokeCsv('id,a,b\n1,2,3\n')).toThrow(/unrecognised keystroke CSV header: id,a,b/);
    expect(() => readKeystrokeCsv('user,press-0,release-0,press-2,release-2\n')).toThrow(
      /press-1 is missing/,
    );
    expect(() => readKeystrokeCsv('user,press-0,release-0,press-1,release-1,extra\n')).toThrow(
      /unexpected column "extra"/,
    );
    expect(() => readKeystrokeCsv('subject,sessionIndex,rep\n')).toThrow(/no feature columns/);
    expect(() => readKeystrokeCsv('')).toThrow(ArgusError);
  });

  it('rejects a feature-table row with a bad session index or an empty cell', () => {
    const data = readKeystrokeCsv('subject,sessionIndex,rep,H.a\ns1,x,1,0.1\ns1,1,1,\ns1,1,2,0.2\n');
    expect(data.rejected.map((r) => r.message)).toEqual([
      'line 2, column sessionIndex: "x" is not a number',
      'line 3, column H.a: empty',
    ]);
    expect(data.subjects[0]?.samples.rows).toBe(1);
  });
});
