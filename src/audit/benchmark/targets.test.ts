import { describe, expect, it } from 'vitest';
import type { SmartbugsScore } from './smartbugs.js';
import type { SwcScore } from './swc.js';
import { checkTargets } from './targets.js';

const category = (name: string, found: number, annotated = 10) => ({
  category: name,
  annotated,
  found,
  recall: found / annotated,
});

const smartbugs = {
  recall: 0.75,
  byCategory: [
    category('reentrancy', 6),
    category('unchecked_low_level_calls', 9),
    category('arithmetic', 7),
    category('access_control', 6),
    category('bad_randomness', 8),
    category('time_manipulation', 5),
  ],
} as SmartbugsScore;

describe('checkTargets', () => {
  it('passes at the thresholds and fails just past them', () => {
    const checks = checkTargets(
      smartbugs,
      { falseAlarmRate: 0.0999, flagged: 4, fixed: 43 } as SwcScore,
      4.99,
    );
    expect(checks.filter((c) => !c.pass).map((c) => c.target)).toEqual([
      'SmartBugs time_manipulation recall >= 60.0%',
    ]);
    expect(checks.find((c) => c.target.startsWith('SWC'))?.actual).toBe('10.0% (4/43)');
  });

  it('fails on slow runs, false alarms and low overall recall', () => {
    const checks = checkTargets(
      { ...smartbugs, recall: 0.7 },
      { falseAlarmRate: 0.1, flagged: 5, fixed: 50 } as SwcScore,
      5,
    );
    const failed = checks.filter((c) => !c.pass).map((c) => c.target);
    expect(failed).toContain('SmartBugs overall recall >= 75.0%');
    expect(failed).toContain('SmartBugs-curated analysed in < 5 s');
    expect(failed).toContain('SWC fixed versions flagged < 10.0%');
  });

  it('counts a category without annotations as missed, and skips SWC when it was not run', () => {
    const checks = checkTargets({ ...smartbugs, byCategory: [] }, undefined, 1);
    expect(checks.filter((c) => c.target.includes(' recall >= 60.0%')).every((c) => !c.pass)).toBe(true);
    expect(checks.some((c) => c.target.startsWith('SWC'))).toBe(false);
  });
});
