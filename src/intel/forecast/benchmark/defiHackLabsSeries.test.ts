import { describe, expect, it } from 'vitest';
import {
  continuousMonths,
  isTokenAmountAsDollars,
  monthlyIncidents,
  parseIncidents,
} from './defiHackLabsSeries.js';

const CSV = `date,name,root_cause,lost_raw,lost_usd_est
2019-05-02,Early,Overflow,1M,1000000.0
2020-01-10,A,Reentrancy,,
2020-01-20,B,Price manipulation,$4M,4000000.0
2020-02-03,C,"Access control, admin",$2M,2000000.0
2020-02-15,D,Logic flaw,,
2020-03-09,E,Flashloan,$10M,10000000.0
2020-04-01,Cut,Reentrancy,,
2020-03-20,Misread,Logic flaw,~$29BNB,29000000000.0
not-a-date,Bad,Reentrancy,,
`;

describe('DeFiHackLabs series', () => {
  it('tells token amounts written with a dollar sign from dollar amounts', () => {
    for (const raw of ['~$29BNB', '~$30.5BNB', '~$23ETH', '~$0.5 ETH', '~$2 $BNB']) {
      expect(isTokenAmountAsDollars(raw)).toBe(true);
    }
    for (const raw of [
      '$33.8 million',
      '~$48M',
      '$2k $USDT',
      '~$292K (30500 OHM)',
      '153,037 ETH (~$30M)',
      '~$ 827 USDC',
    ]) {
      expect(isTokenAmountAsDollars(raw)).toBe(false);
    }
  });

  it('parses dates, root causes and loss estimates, rejecting undated rows', () => {
    const { incidents, rejected, misread } = parseIncidents(CSV);
    expect(rejected).toBe(1);
    expect(misread).toBe(1);
    expect(incidents).toHaveLength(8);
    expect(incidents.find((i) => i.name === 'Misread')?.lostUsd).toBeUndefined();
    expect(incidents[3]).toMatchObject({
      date: '2020-02-03',
      name: 'C',
      rootCause: 'Access control, admin',
      lostUsd: 2e6,
    });
    expect(incidents[1]?.lostUsd).toBeUndefined();
  });

  it('keeps the continuous months: after the last gap, before the month the snapshot cut', () => {
    const { incidents } = parseIncidents(CSV);
    const range = continuousMonths(incidents);
    expect(range).toEqual({ from: Date.UTC(2020, 0, 1), to: Date.UTC(2020, 2, 1) });
  });

  it('sums known losses and imputes the others at the median known before them', () => {
    const { incidents } = parseIncidents(CSV);
    const range = continuousMonths(incidents);
    if (range === undefined) throw new Error('no range');
    const monthly = monthlyIncidents(incidents, range);
    expect(monthly.labels).toEqual(['2020-01', '2020-02', '2020-03']);
    expect(Array.from(monthly.counts)).toEqual([2, 2, 2]);
    expect(Array.from(monthly.priced)).toEqual([1, 1, 1]);
    expect(Array.from(monthly.lossesKnown)).toEqual([4e6, 2e6, 10e6]);
    // A (2020-01-10) gets the median of {1M} = 1M; D (2020-02-15) that of {1M, 4M, 2M} = 2M;
    // Misread (2020-03-20) that of {1M, 2M, 4M, 10M} = 3M.
    expect(Array.from(monthly.lossesImputed)).toEqual([5e6, 4e6, 13e6]);
  });
});
