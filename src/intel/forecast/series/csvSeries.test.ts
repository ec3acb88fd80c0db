import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bucketLabel } from '../calendarBuckets.js';
import { csvSeries, parseCsvDate } from './csvSeries.js';

const dir = mkdtempSync(join(tmpdir(), 'argus-csv-series-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('parseCsvDate', () => {
  it('reads months, days and times, UTC unless a zone is given', () => {
    expect(parseCsvDate('2024-03')).toBe(Date.UTC(2024, 2, 1));
    expect(parseCsvDate('2024-03-09')).toBe(Date.UTC(2024, 2, 9));
    expect(parseCsvDate('2024-03-09T10:30')).toBe(Date.UTC(2024, 2, 9, 10, 30));
    expect(parseCsvDate('2024-03-09 10:30:15Z')).toBe(Date.UTC(2024, 2, 9, 10, 30, 15));
    expect(parseCsvDate('2024-03-09T01:00:00+02:00')).toBe(Date.UTC(2024, 2, 8, 23));
    expect(parseCsvDate('2024-03-09T01:00:00.250-0130')).toBe(Date.UTC(2024, 2, 9, 2, 30));
  });

  it('rejects what is not a calendar date', () => {
    for (const text of ['2024-02-30', '2024-13', '03/09/2024', 'yesterday', '', '1700000000000']) {
      expect(parseCsvDate(text)).toBeNaN();
    }
  });
});

describe('csvSeries', () => {
  it('sums the value column per bucket by its header, whatever the column order', () => {
    const path = file('losses.csv', 'name,value,date\nA,10,2024-01-05\nB,5,2024-01-20\nC,1.5,2024-03-02\n');
    const s = csvSeries(path, 'month');
    expect(s.name).toBe('losses.csv per month');
    expect(s.measure).toBe('value');
    expect(s.starts.map((t) => bucketLabel(t, 'month'))).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(Array.from(s.values)).toEqual([15, 0, 1.5]);
    expect(s.notes).toEqual(['3 rows of losses.csv summed per month', '1 months without rows count as 0']);
  });

  it('takes the first two columns of a file without a header, and counts bad rows', () => {
    const path = file('plain.csv', '2024-01-01,3\n2024-01-02,x\nnot a date,4\n2024-01-03,\n2024-01-03,7\n');
    const s = csvSeries(path, 'day');
    expect(Array.from(s.values)).toEqual([3, 0, 7]);
    expect(s.notes[1]).toBe(
      '3 rows rejected (line 2: value "x"; line 3: date "not a date"; line 4: value "")',
    );
  });

  it('says what is wrong with a missing or useless file', () => {
    expect(() => csvSeries(join(dir, 'absent.csv'), 'day')).toThrow(/cannot read .*absent\.csv: ENOENT/);
    const path = file('empty.csv', 'date,value\nnope,1\n');
    expect(() => csvSeries(path, 'day')).toThrow(/has no row with a date and a number/);
  });
});
