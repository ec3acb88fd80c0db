import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { AlertInput, Evidence } from '../../core/alert.js';
import type { Severity } from '../../core/severity.js';
import type { AlertRepository, IntelDocument, Store } from '../../store/types.js';
import { type CheckResult, checkProject, type InventoryFinding, type Unevaluated } from './checkProject.js';
import { type Inventory, type InventoryProblem, readInventory } from './inventory.js';

/**
 * "Tell them when an advisory touches something they run": every OSV advisory is checked against the
 * inventory of each of the user's projects (checkProject), and each affected package version that has
 * not been alerted yet becomes one intel.advisory alert. "Not alerted yet" is read from the alerts
 * themselves, by subject: an advisory, a package version and a project. That makes a run idempotent
 * whatever the ingest did, raises again nothing an analyst resolved or dismissed, and still alerts
 * when an old advisory meets a project newly listed or a dependency newly installed. The area cannot
 * reach the pipeline (it sits above the areas), so the alerts are returned for the caller to send.
 */
export const ADVISORY_DETECTOR = 'intel.advisory';

export type AdvisoryDocument = Pick<IntelDocument, 'id' | 'raw'> & { url?: string };

export interface AdvisoryWatchInput {
  /** Project folders; relative ones are resolved against the working directory. */
  projects: readonly string[];
  /** The advisories, read afresh for each project (the store's OSV documents, or only the new ones). */
  advisories: () => Iterable<AdvisoryDocument> | AsyncIterable<AdvisoryDocument>;
  /** Subject ids of the intel.advisory alerts already raised (see alertedAdvisorySubjects). */
  alerted: ReadonlySet<string>;
  /** Injected by tests; readInventory by default. */
  readInventory?: (dir: string) => Inventory;
}

export interface ProjectWatch {
  dir: string;
  /** Why the project could not be read at all; the other projects are checked regardless. */
  error?: string;
  dependencies: number;
  problems: InventoryProblem[];
  /** Affected package versions, alerted before or now. */
  findings: InventoryFinding[];
  /** Those not alerted before: each has an alert in the result. */
  newFindings: InventoryFinding[];
  unevaluated: Unevaluated[];
}

export interface AdvisoryWatchResult {
  projects: ProjectWatch[];
  /** As read in the first pass (every project reads the same advisories). */
  advisories: CheckResult['advisories'];
  /** One per new finding, in the order of the projects and then by severity. */
  alerts: AlertInput[];
  alreadyAlerted: number;
}

/** Advisory severity 'unknown' is raised as medium: no rating is no evidence the issue is minor. */
const UNKNOWN_AS: Severity = 'medium';
const SCORE: Record<Severity, number> = { info: 0.1, low: 0.3, medium: 0.5, high: 0.8, critical: 0.95 };

/**
 * The alert's subject id: package version, advisory and project, so that one alert stands for one
 * of each (two advisories on lodash 4.17.20 must not fold into one). A project path that would push it
 * past the 256-character limit is replaced by its folder name and a hash of the whole path.
 */
export function advisorySubjectId(
  finding: Pick<InventoryFinding, 'package' | 'installed' | 'advisory'>,
  project: string,
): string {
  const head = `${finding.package}@${finding.installed} ${finding.advisory} `;
  if (head.length + project.length <= 256) return `${head}${project}`;
  const hash = createHash('sha256').update(project).digest('hex').slice(0, 16);
  return `${head}${basename(project).slice(0, 64)}#${hash}`.slice(0, 256);
}

function how(finding: InventoryFinding): string {
  if (finding.direct) return 'a direct dependency';
  if (finding.via && finding.via.length > 0) return `pulled in via ${finding.via.join(' > ')}`;
  return 'a transitive dependency';
}

function fixText(finding: InventoryFinding): string {
  if (finding.fixed)
    return `Fixed in ${finding.fixed}: upgrade ${finding.package} to ${finding.fixed} or later.`;
  if (finding.lastAffected) {
    return `No fixed version is published; ${finding.lastAffected} is the last affected one, so a later release or removing the package is the way out.`;
  }
  return 'No fixed version is published: remove or replace the package, or mitigate as the advisory says.';
}

/** The intel.advisory alert for one affected package version in one project. */
export function advisoryAlert(finding: InventoryFinding, project: string): AlertInput {
  const severity = finding.severity === 'unknown' ? UNKNOWN_AS : finding.severity;
  const score = finding.cvss !== undefined ? Math.min(1, Math.max(0, finding.cvss / 10)) : SCORE[severity];
  const rated =
    finding.severity === 'unknown'
      ? `The advisory gives no severity; raised as ${UNKNOWN_AS}.`
      : `Severity ${finding.severity}${finding.cvss !== undefined ? ` (CVSS ${finding.cvss.toFixed(1)})` : ''}.`;
  const explanation = [
    `${finding.advisory}${finding.aliases.length > 0 ? ` (${finding.aliases.join(', ')})` : ''}: ${finding.summary.replace(/\.$/, '')}.`,
    `${finding.package} ${finding.installed} is installed in ${project} as ${how(finding)}${finding.dev ? ', for development only' : ''}, found at ${finding.paths.join(', ')}.`,
    fixText(finding),
    rated,
    finding.url,
  ].join(' ');
  const evidence: Evidence[] = [
    { kind: 'fact', name: 'advisory', value: finding.advisory },
    { kind: 'fact', name: 'installed', value: `${finding.package}@${finding.installed}` },
    {
      kind: 'path',
      nodes: [
        project,
        ...(finding.direct ? [] : (finding.via ?? [])),
        `${finding.package}@${finding.installed}`,
      ],
      label: 'dependency path',
    },
    { kind: 'fact', name: 'found at', value: finding.paths.join(', ') },
  ];
  if (finding.fixed) evidence.push({ kind: 'fact', name: 'fixed', value: finding.fixed });
  if (finding.lastAffected)
    evidence.push({ kind: 'fact', name: 'last affected', value: finding.lastAffected });
  if (finding.aliases.length > 0)
    evidence.push({ kind: 'fact', name: 'aliases', value: finding.aliases.join(' ') });
  if (finding.cvss !== undefined) evidence.push({ kind: 'feature', name: 'cvss', value: finding.cvss });
  evidence.push({ kind: 'fact', name: 'url', value: finding.url });
  return {
    area: 'intel',
    detector: ADVISORY_DETECTOR,
    subject: {
      kind: 'package',
      id: advisorySubjectId(finding, project),
      attributes: {
        package: finding.package,
        version: finding.installed,
        ecosystem: finding.ecosystem,
        advisory: finding.advisory,
        project,
        direct: finding.direct,
        dev: finding.dev === true,
        fixed: finding.fixed ?? '',
      },
    },
    severity,
    score,
    title: `${finding.advisory} affects ${finding.package} ${finding.installed} in ${project}`.slice(0, 300),
    explanation: explanation.slice(0, 10_000),
    evidence,
  };
}

export async function watchAdvisories(input: AdvisoryWatchInput): Promise<AdvisoryWatchResult> {
  const read = input.readInventory ?? ((dir: string) => readInventory(dir));
  const projects: ProjectWatch[] = [];
  const alerts: AlertInput[] = [];
  const raised = new Set<string>();
  let advisories: CheckResult['advisories'] | undefined;
  let alreadyAlerted = 0;
  for (const dir of [...new Set(input.projects.map((p) => resolve(p)))]) {
    let inventory: Inventory;
    try {
      inventory = read(dir);
    } catch (error) {
      projects.push({
        dir,
        error: error instanceof Error ? error.message : String(error),
        dependencies: 0,
        problems: [],
        findings: [],
        newFindings: [],
        unevaluated: [],
      });
      continue;
    }
    const result = await checkProject(inventory, input.advisories());
    advisories ??= result.advisories;
    const newFindings: InventoryFinding[] = [];
    for (const finding of result.findings) {
      const id = advisorySubjectId(finding, dir);
      if (input.alerted.has(id) || raised.has(id)) {
        alreadyAlerted++;
        continue;
      }
      raised.add(id);
      newFindings.push(finding);
      alerts.push(advisoryAlert(finding, dir));
    }
    projects.push({
      dir,
      dependencies: inventory.dependencies.length,
      problems: inventory.problems,
      findings: result.findings,
      newFindings,
      unevaluated: result.unevaluated,
    });
  }
  return {
    projects,
    advisories: advisories ?? { read: 0, relevant: 0, withdrawn: 0, rejected: [] },
    alerts,
    alreadyAlerted,
  };
}

/** Subject ids of every intel.advisory alert in the store, whatever its status. */
export async function alertedAdvisorySubjects(alerts: Pick<AlertRepository, 'list'>): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await alerts.list({
      area: ['intel'],
      detector: [ADVISORY_DETECTOR],
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    for (const alert of page.items) ids.add(alert.subject.id);
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/**
 * One watch over the store's OSV documents: what `argus intel watch-advisories` runs, and what an
 * ingest can run after it has stored new advisories. Send `result.alerts` into the alert pipeline.
 */
export async function watchStoredAdvisories(
  store: Pick<Store, 'alerts' | 'intelDocuments'>,
  projects: readonly string[],
): Promise<AdvisoryWatchResult> {
  const alerted = await alertedAdvisorySubjects(store.alerts);
  return watchAdvisories({ projects, alerted, advisories: () => store.intelDocuments.all(['osv']) });
}
