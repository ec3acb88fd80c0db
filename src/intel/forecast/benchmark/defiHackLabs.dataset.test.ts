import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { continuousMonths, monthlyIncidents, parseIncidents } from './defiHackLabsSeries.js';
import { evaluateSeries } from './evaluateForecasters.js';

/*
 * The forecasting benchmark's claims on the real DeFiHackLabs snapshot in ../shared/data (see its
 * README); skipped, saying so, when the folder is absent. bench/intel-forecast prints the full table.
 */
const CSV = join(process.cwd(), '..', 'shared', 'data', 'defihacklabs', 'incidents.csv');
if (!existsSync(CSV)) console.warn(`[argus] skipping the DeFiHackLabs forecasting checks: ${CSV} is absent`);

describe.skipIf(!existsSync(CSV))('DeFiHackLabs monthly incidents and losses (snapshot b3719ce7)', () => {
  const parsed = existsSync(CSV)
    ? parseIncidents(readFileSync(CSV, 'utf8'))
    : { incidents: [], rejected: 0, misread: 0 };
  const range = continuousMonths(parsed.incidents);
  const options = { minTrain: 36, horizon: 3, candidates: [12], fixedPeriods: [], level: 0.95, seed: 1 };

  it('reads every incident and builds 72 continuous months, 2020-08 to 2026-07', () => {
    expect(parsed.incidents).toHaveLength(855);
    expect(parsed.rejected).toBe(0);
    expect(parsed.misread).toBe(15);
    if (range === undefined) throw new Error('no continuous months');
    const monthly = monthlyIncidents(parsed.incidents, range);
    expect(monthly.labels[0]).toBe('2020-08');
    expect(monthly.labels.at(-1)).toBe('2026-07');
    expect(monthly.counts.reduce((a, b) => a + b, 0)).toBe(835);
    expect(Math.min(...monthly.counts)).toBeGreaterThan(0);
  });

  it('finds no yearly season in the counts, and no method reaches MASE below 1 on them', {
    timeout: 60_000,
  }, () => {
    if (range === undefined) throw new Error('no continuous months');
    const evaluation = evaluateSeries(monthlyIncidents(parsed.incidents, range).counts, options);
    expect(evaluation.detection.period).toBe(1);
    expect(evaluation.origins).toBe(36);
    for (const row of evaluation.rows.filter((r) => r.leads !== undefined)) {
      for (const lead of row.leads ?? []) expect(lead.mase).toBeGreaterThan(1);
    }
  });

  it('Holt-Winters on log losses beats seasonal naive at leads 1 and 3', { timeout: 60_000 }, () => {
    if (range === undefined) throw new Error('no continuous months');
    const evaluation = evaluateSeries(monthlyIncidents(parsed.incidents, range).lossesKnown, options);
    const mase = (method: string, lead: number) =>
      evaluation.rows.find((r) => r.method === method)?.leads?.find((l) => l.lead === lead)?.mase ??
      Number.NaN;
    for (const lead of [1, 3]) {
      expect(mase('holt-winters additive, log', lead)).toBeLessThan(mase('seasonal naive', lead));
      expect(mase('holt-winters additive, log', lead)).toBeLessThan(1);
    }
  });
});
