import type { DaspCategory } from '../../core/finding.js';
import type { SmartbugsScore } from './smartbugs.js';
import type { SwcScore } from './swc.js';

/** The categories that must each reach MIN_CATEGORY_RECALL on SmartBugs-curated. */
const KEY_CATEGORIES: readonly DaspCategory[] = [
  'reentrancy',
  'unchecked_low_level_calls',
  'arithmetic',
  'access_control',
  'bad_randomness',
  'time_manipulation',
];
const MIN_OVERALL_RECALL = 0.75;
const MIN_CATEGORY_RECALL = 0.6;
const MAX_FIXED_FLAGGED = 0.1;
const MAX_CURATED_SECONDS = 5;

export interface TargetCheck {
  target: string;
  actual: string;
  pass: boolean;
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The benchmark's targets, met or not. They are reported, never tuned for. */
export function checkTargets(
  smartbugs: SmartbugsScore,
  swc: SwcScore | undefined,
  curatedSeconds: number,
): TargetCheck[] {
  const checks: TargetCheck[] = [
    {
      target: `SmartBugs overall recall >= ${pct(MIN_OVERALL_RECALL)}`,
      actual: pct(smartbugs.recall),
      pass: smartbugs.recall >= MIN_OVERALL_RECALL,
    },
    ...KEY_CATEGORIES.map((category) => {
      const recall = smartbugs.byCategory.find((row) => row.category === category)?.recall ?? 0;
      return {
        target: `SmartBugs ${category} recall >= ${pct(MIN_CATEGORY_RECALL)}`,
        actual: pct(recall),
        pass: recall >= MIN_CATEGORY_RECALL,
      };
    }),
    {
      target: `SmartBugs-curated analysed in < ${MAX_CURATED_SECONDS} s`,
      actual: `${curatedSeconds.toFixed(2)} s`,
      pass: curatedSeconds < MAX_CURATED_SECONDS,
    },
  ];
  if (swc) {
    checks.push({
      target: `SWC fixed versions flagged < ${pct(MAX_FIXED_FLAGGED)}`,
      actual: `${pct(swc.falseAlarmRate)} (${swc.flagged}/${swc.fixed})`,
      pass: swc.falseAlarmRate < MAX_FIXED_FLAGGED,
    });
  }
  return checks;
}
