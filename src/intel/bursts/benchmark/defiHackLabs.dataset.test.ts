import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AlertInputSchema } from '../../../core/alert.js';
import { continuousMonths, parseIncidents } from '../../forecast/benchmark/defiHackLabsSeries.js';
import { bucketStart } from '../../forecast/calendarBuckets.js';
import { streamBursts } from './streamBursts.js';

/*
 * The burst benchmark on the real DeFiHackLabs snapshot in ../shared/data, for one technique (access
 * control, by the same keywords as bench/intel-bursts); skipped, saying so, when the folder is absent.
 */
const CSV = join(process.cwd(), '..', 'shared', 'data', 'defihacklabs', 'incidents.csv');
if (!existsSync(CSV)) console.warn(`[argus] skipping the DeFiHackLabs burst checks: ${CSV} is absent`);
const ACCESS_CONTROL = /access|permission|unprotected|unauthori[sz]ed|uninitiali[sz]ed|privilege|ownership/i;

describe.skipIf(!existsSync(CSV))('DeFiHackLabs access-control bursts, weekly (snapshot b3719ce7)', () => {
  const { incidents } = existsSync(CSV) ? parseIncidents(readFileSync(CSV, 'utf8')) : { incidents: [] };
  const run = () => {
    const months = continuousMonths(incidents);
    const latest = incidents.at(-1);
    if (months === undefined || latest === undefined) throw new Error('no incidents');
    const documents = incidents.map((i) => ({
      at: i.at,
      id: `${i.date} ${i.name}`,
      title: i.rootCause,
      labels: ACCESS_CONTROL.test(i.rootCause) ? ['access-control'] : [],
    }));
    return streamBursts(documents, {
      unit: 'week',
      from: months.from,
      to: bucketStart(latest.at, 'week') - 1,
    });
  };

  it('finds the 2024 access-control wave with both detectors and alerts on it within the month', () => {
    const result = run();
    expect(result.labels).toEqual([{ label: 'access-control', documents: 120 }]);
    const ewma = result.bursts.filter((b) => b.method === 'ewma').map((b) => b.start);
    expect(ewma).toEqual(['2023-11-06', '2024-09-02', '2025-05-19', '2025-08-18']);
    const kleinberg = result.bursts.filter((b) => b.method === 'kleinberg');
    expect(kleinberg.map((b) => [b.start, b.end, b.alertBucket])).toEqual([
      ['2024-08-26', '2024-12-02', '2024-09-16'],
    ]);
    for (const burst of result.bursts) {
      expect(burst.daysToAlert).toBeLessThanOrEqual(30);
      AlertInputSchema.parse(burst.alert);
    }
  });
});
