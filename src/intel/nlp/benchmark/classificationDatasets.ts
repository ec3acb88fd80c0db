import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LabelledTexts } from './classifierComparison.js';
import { readDefiHackLabsIncidents } from './defiHackLabsIncidents.js';
import { defiHackLabsTechnique } from './defiHackLabsTechnique.js';
import { readWeb3BugsFindings } from './web3bugsFindings.js';

export interface ClassificationDataset {
  name: string;
  /** What the texts and the labels are, for the report. */
  description: string;
  path: string;
  /** undefined when the file is absent (a clone without ../shared/data). */
  load: () => LabelledTexts | undefined;
}

/**
 * The two labelled sets, read from the shared data folder (`../shared/data` from the project's
 * root): Web3Bugs findings with their label as given, and DeFiHackLabs root causes with the
 * rule-derived technique. `withReports` adds a third: the same Web3Bugs labels on the finding's title
 * plus the warden's write-up from the contest report (much more text; slower).
 */
export function classificationDatasets(dataDir: string, withReports = false): ClassificationDataset[] {
  const bugs = join(dataDir, 'web3bugs', 'results', 'bugs.csv');
  const reports = join(dataDir, 'web3bugs', 'reports');
  const incidents = join(dataDir, 'defihacklabs', 'incidents.csv');
  const sets: ClassificationDataset[] = [
    {
      name: 'web3bugs',
      description: 'Web3Bugs bugs.csv: finding title ("Bug Description") -> Bug Label as given (38 classes)',
      path: bugs,
      load: () => {
        if (!existsSync(bugs)) return undefined;
        const findings = readWeb3BugsFindings(bugs);
        return { texts: findings.map((f) => f.title), labels: findings.map((f) => f.label) };
      },
    },
    {
      name: 'defihacklabs',
      description: 'DeFiHackLabs incidents.csv: root_cause -> technique derived by the documented rules',
      path: incidents,
      load: () => {
        if (!existsSync(incidents)) return undefined;
        const rows = readDefiHackLabsIncidents(incidents);
        return {
          texts: rows.map((r) => r.rootCause),
          labels: rows.map((r) => defiHackLabsTechnique(r.rootCause)),
        };
      },
    },
  ];
  if (withReports) {
    sets.splice(1, 0, {
      name: 'web3bugs+reports',
      description: 'Web3Bugs: title + the warden write-up from reports/<contest>.md -> Bug Label as given',
      path: bugs,
      load: () => {
        if (!existsSync(bugs) || !existsSync(reports)) return undefined;
        const findings = readWeb3BugsFindings(bugs, reports);
        return {
          texts: findings.map((f) => `${f.title}\n${f.report ?? ''}`),
          labels: findings.map((f) => f.label),
        };
      },
    });
  }
  return sets;
}
