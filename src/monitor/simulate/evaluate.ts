import { ArgusError } from '../../core/errors.js';
import { TYPOLOGY_NAMES } from './typologyNames.js';

/** What evaluation needs of an alert: who fired, on whom, and at what event time. */
export interface DetectionAlert {
  detector: string;
  /** The flagged account or address; matched against an incident's accounts exactly. */
  subjectId: string;
  /** Event time the alert is about, epoch ms (the transfer's time, not when the alert was stored). */
  occurredAt: number;
}

/** What evaluation needs of an incident; ground truth incidents fit, so do hand-made ones. */
export interface IncidentLike {
  typology: string;
  id: string;
  accounts: readonly string[];
  start: number;
  end: number;
}

export interface EvaluateOptions {
  /** How long after an incident's last malicious transfer an alert still counts (default 1 h). */
  graceMs?: number;
}

export interface TypologyEvaluation {
  typology: string;
  incidents: number;
  detected: number;
  recall: number;
  /** Seconds of event time from incident start to its first matching alert, over detected incidents. */
  delayMedianSeconds: number | null;
  delayP90Seconds: number | null;
  /** Alerts that match at least one incident of this typology. */
  truePositives: number;
  /** This typology's share of the false positives of the detectors that caught it (see evaluateDetections). */
  attributedFalsePositives: number;
  /** truePositives / (truePositives + attributedFalsePositives); null when no alert matched. */
  precision: number | null;
}

export interface DetectorEvaluation {
  detector: string;
  alerts: number;
  truePositives: number;
  falsePositives: number;
  precision: number;
  /** Distinct incidents it raised at least one matching alert for. */
  incidentsDetected: number;
}

export interface IncidentEvaluation {
  id: string;
  typology: string;
  detected: boolean;
  firstAlertAt: number | null;
  delaySeconds: number | null;
  /** Detectors with at least one matching alert, sorted. */
  detectors: string[];
}

export interface EvaluationReport {
  graceSeconds: number;
  typologies: TypologyEvaluation[];
  overall: {
    incidents: number;
    detected: number;
    recall: number | null;
    alerts: number;
    truePositives: number;
    falsePositives: number;
    /** False positives of detectors that matched no incident at all: they count only here. */
    unattributedFalsePositives: number;
    precision: number | null;
    delayMedianSeconds: number | null;
    delayP90Seconds: number | null;
  };
  detectors: DetectorEvaluation[];
  incidents: IncidentEvaluation[];
}

/** How per-typology precision is defined; printed under the table so nobody has to guess. */
export const PRECISION_DEFINITION =
  'An alert matches an incident when its subject is one of the incident accounts and its event time is in ' +
  '[start, end + grace]; an alert matching no incident is a false positive. Precision per typology = ' +
  'TP / (TP + FP), where TP = alerts matching an incident of the typology and FP = the false positives of ' +
  'each detector that matched it, shared among the typologies that detector matched in proportion to its ' +
  'true positives on each. False positives of detectors that matched nothing count only in overall precision.';

/**
 * Quantile by linear interpolation between closest ranks (numpy's default): for sorted x of length n,
 * h = (n - 1)·q and the result is x[⌊h⌋] + (h - ⌊h⌋)·(x[⌊h⌋ + 1] - x[⌊h⌋]).
 */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

function typologyOrder(a: string, b: string): number {
  const known = TYPOLOGY_NAMES as readonly string[];
  const ia = known.indexOf(a);
  const ib = known.indexOf(b);
  if (ia >= 0 && ib >= 0) return ia - ib;
  if (ia >= 0) return -1;
  if (ib >= 0) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Scores alerts against ground truth: recall and detection delay per typology, precision per typology,
 * overall and per detector. Matching and per-typology precision are defined in PRECISION_DEFINITION.
 * An alert that matches incidents of two typologies (only possible when they share an account) is a
 * true positive of both.
 */
export function evaluateDetections(
  truth: { incidents: readonly IncidentLike[] } | readonly IncidentLike[],
  alerts: Iterable<DetectionAlert>,
  options: EvaluateOptions = {},
): EvaluationReport {
  const graceMs = options.graceMs ?? 3_600_000;
  if (!(graceMs >= 0 && Number.isFinite(graceMs))) {
    throw new ArgusError('INPUT_INVALID', `graceMs: expected a non-negative number, got ${graceMs}`);
  }
  const incidents: readonly IncidentLike[] = Array.isArray(truth)
    ? (truth as readonly IncidentLike[])
    : (truth as { incidents: readonly IncidentLike[] }).incidents;

  const byAccount = new Map<string, number[]>();
  incidents.forEach((incident, i) => {
    for (const account of new Set(incident.accounts)) {
      const list = byAccount.get(account);
      if (list) list.push(i);
      else byAccount.set(account, [i]);
    }
  });

  const firstAlert = new Array<number>(incidents.length).fill(Number.POSITIVE_INFINITY);
  const incidentDetectors = incidents.map(() => new Set<string>());
  const truePositivesByTypology = new Map<string, number>();
  const perDetector = new Map<
    string,
    { alerts: number; tp: number; fp: number; tpByTypology: Map<string, number>; incidents: Set<number> }
  >();
  let alertCount = 0;
  let truePositives = 0;

  for (const alert of alerts) {
    alertCount++;
    let stats = perDetector.get(alert.detector);
    if (!stats) {
      stats = { alerts: 0, tp: 0, fp: 0, tpByTypology: new Map(), incidents: new Set() };
      perDetector.set(alert.detector, stats);
    }
    stats.alerts++;
    const matchedTypologies = new Set<string>();
    for (const i of byAccount.get(alert.subjectId) ?? []) {
      const incident = incidents[i] as IncidentLike;
      if (alert.occurredAt < incident.start || alert.occurredAt > incident.end + graceMs) continue;
      matchedTypologies.add(incident.typology);
      firstAlert[i] = Math.min(firstAlert[i] as number, alert.occurredAt);
      (incidentDetectors[i] as Set<string>).add(alert.detector);
      stats.incidents.add(i);
    }
    if (matchedTypologies.size === 0) {
      stats.fp++;
      continue;
    }
    stats.tp++;
    truePositives++;
    for (const t of matchedTypologies) {
      truePositivesByTypology.set(t, (truePositivesByTypology.get(t) ?? 0) + 1);
      stats.tpByTypology.set(t, (stats.tpByTypology.get(t) ?? 0) + 1);
    }
  }

  // Each detector's false positives go to the typologies it caught, pro rata to its hits on each.
  const attributed = new Map<string, number>();
  let unattributed = 0;
  let falsePositives = 0;
  for (const stats of perDetector.values()) {
    falsePositives += stats.fp;
    let hits = 0;
    for (const n of stats.tpByTypology.values()) hits += n;
    if (hits === 0) {
      unattributed += stats.fp;
      continue;
    }
    for (const [t, n] of stats.tpByTypology)
      attributed.set(t, (attributed.get(t) ?? 0) + (stats.fp * n) / hits);
  }

  const incidentReports: IncidentEvaluation[] = incidents.map((incident, i) => {
    const first = firstAlert[i] as number;
    const detected = Number.isFinite(first);
    return {
      id: incident.id,
      typology: incident.typology,
      detected,
      firstAlertAt: detected ? first : null,
      delaySeconds: detected ? (first - incident.start) / 1000 : null,
      detectors: [...(incidentDetectors[i] as Set<string>)].sort(),
    };
  });
  const delaysOf = (list: IncidentEvaluation[]) =>
    list
      .filter((r) => r.delaySeconds !== null)
      .map((r) => r.delaySeconds as number)
      .sort((a, b) => a - b);

  const typologies = [...new Set(incidents.map((i) => i.typology))].sort(typologyOrder).map((typology) => {
    const own = incidentReports.filter((r) => r.typology === typology);
    const delays = delaysOf(own);
    const tp = truePositivesByTypology.get(typology) ?? 0;
    const fp = attributed.get(typology) ?? 0;
    return {
      typology,
      incidents: own.length,
      detected: delays.length,
      recall: delays.length / own.length,
      delayMedianSeconds: quantile(delays, 0.5),
      delayP90Seconds: quantile(delays, 0.9),
      truePositives: tp,
      attributedFalsePositives: fp,
      precision: ratio(tp, tp + fp),
    };
  });

  const allDelays = delaysOf(incidentReports);
  const detectors = [...perDetector]
    .map(([detector, s]) => ({
      detector,
      alerts: s.alerts,
      truePositives: s.tp,
      falsePositives: s.fp,
      precision: s.tp / s.alerts,
      incidentsDetected: s.incidents.size,
    }))
    .sort((a, b) => (a.detector < b.detector ? -1 : a.detector > b.detector ? 1 : 0));

  return {
    graceSeconds: graceMs / 1000,
    typologies,
    overall: {
      incidents: incidents.length,
      detected: allDelays.length,
      recall: ratio(allDelays.length, incidents.length),
      alerts: alertCount,
      truePositives,
      falsePositives,
      unattributedFalsePositives: unattributed,
      precision: ratio(truePositives, alertCount),
      delayMedianSeconds: quantile(allDelays, 0.5),
      delayP90Seconds: quantile(allDelays, 0.9),
    },
    detectors,
    incidents: incidentReports,
  };
}
