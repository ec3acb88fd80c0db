import type { AlertInput, Evidence } from '../core/alert.js';
import { type Severity, severityFromScore } from '../core/severity.js';
import type { TransferEvent } from '../core/transferEvent.js';
import type { TransferObserver } from '../core/transferObserver.js';
import { describeFeature } from './describeFeature.js';
import { FEATURE_COUNT, FEATURE_NAMES } from './features/featureNames.js';
import { ModelAlertGate } from './modelAlertGate.js';
import type {
  FeatureComputer,
  RowScorer,
  RuleEvaluator,
  RuleHitLike,
  SupervisedScorer,
} from './monitorParts.js';
import { RecentKeys } from './recentKeys.js';

const NO_OBSERVERS: readonly TransferObserver[] = [];

export interface MonitorStats {
  processed: number;
  duplicates: number;
  scored: number;
  ruleAlerts: number;
  modelAlerts: number;
  supervisedAlerts: number;
  /** Alerts from the transfer observers (the graph's exposure alerts). */
  observerAlerts: number;
}

export interface TransactionMonitorOptions {
  features: FeatureComputer;
  rules?: RuleEvaluator;
  /** Read on every event, so a retrainer can swap the model between two events. */
  model?: { readonly current: RowScorer | undefined };
  /** A model trained on analysts' verdicts (argus ml train-feedback); read on every event. */
  supervised?: { readonly current: SupervisedScorer | undefined };
  /** Its probability at or above this raises an alert. */
  supervisedAlertThreshold?: number;
  /** Called with every scored row and its score: the training window and the drift detector listen here. */
  onScored?: (row: Float64Array, score: number) => void;
  /** Called with every feature row, scored or not (the first model is trained on rows seen before it). */
  onFeatures?: (row: Float64Array) => void;
  /** A calibrated model score at or above this raises an alert; 0.999 means "above 99.9% of training". */
  modelAlertThreshold?: number;
  /**
   * Least value (valueUsd, else amount) of a transfer the model may raise an alert on: an unusual
   * transfer of a few dollars is not worth an analyst's time. Default 0 (any value).
   */
  modelAlertMinValue?: number;
  /** After a model alert on an account, no other model alert on it for this long (event time). Default 0. */
  modelAlertCooldownMs?: number;
  /** How many features an explanation names. */
  explainTopK?: number;
  /** How many recent event keys are remembered to drop redeliveries. */
  dedupeCapacity?: number;
  /** Keys remembered by an earlier run (see RecentKeys.load); dedupeCapacity is ignored then. */
  recentKeys?: RecentKeys;
  /** Other areas that see every accepted transfer and may raise alerts on it (see core/transferObserver). */
  observers?: readonly TransferObserver[];
}

/**
 * The monitor's synchronous core: one transfer in, zero or more alerts out. It drops redelivered
 * events, computes the sender's features, scores them with the current model, runs the rules, and
 * words every alert with the features that made it fire against the account's own baseline. Nothing
 * here waits: the caller commits the alerts and acknowledges the source.
 */
export class TransactionMonitor {
  readonly stats: MonitorStats = {
    processed: 0,
    duplicates: 0,
    scored: 0,
    ruleAlerts: 0,
    modelAlerts: 0,
    supervisedAlerts: 0,
    observerAlerts: 0,
  };
  private readonly row = new Float64Array(FEATURE_COUNT);
  /** The sender's usual feature values before this transfer, written by observe() for explanations. */
  private readonly baseline = new Float64Array(FEATURE_COUNT);
  private readonly recent: RecentKeys;
  private readonly threshold: number;
  private readonly modelGate: ModelAlertGate;
  private readonly topK: number;
  private pending: AlertInput[] = [];
  private current: TransferEvent | undefined;
  private readonly onRuleHit = (hit: RuleHitLike): void => {
    this.stats.ruleAlerts++;
    this.pending.push(ruleAlert(hit, this.current as TransferEvent, this.row, this.baseline));
  };

  constructor(private readonly options: TransactionMonitorOptions) {
    this.recent = options.recentKeys ?? new RecentKeys(options.dedupeCapacity ?? 1 << 20);
    this.threshold = options.modelAlertThreshold ?? 0.999;
    this.modelGate = new ModelAlertGate({
      minValue: options.modelAlertMinValue ?? 0,
      cooldownMs: options.modelAlertCooldownMs ?? 0,
    });
    this.topK = options.explainTopK ?? 4;
  }

  /** Processes one transfer; returns the alerts it raised (an empty shared array when none). */
  process(event: TransferEvent): readonly AlertInput[] {
    if (this.pending.length > 0) this.pending = [];
    if (this.recent.seenBefore(event.key)) {
      this.stats.duplicates++;
      return this.pending;
    }
    this.stats.processed++;
    this.current = event;
    const { features, rules, model, onScored, onFeatures } = this.options;
    features.observe(event, this.row, this.baseline);
    onFeatures?.(this.row);
    const scorer = model?.current;
    if (scorer) {
      const score = scorer.scoreRow(this.row);
      this.stats.scored++;
      onScored?.(this.row, score);
      // The gate (value floor, per-account cooldown) is only asked about the rare score past the threshold.
      if (score >= this.threshold && this.modelGate.allows(event)) {
        this.stats.modelAlerts++;
        this.pending.push(this.modelAlert(scorer, score, event));
      }
    }
    const supervised = this.options.supervised?.current;
    if (supervised) {
      const probability = supervised.predictRow(this.row);
      if (probability >= (this.options.supervisedAlertThreshold ?? 0.5)) {
        this.stats.supervisedAlerts++;
        this.pending.push(this.supervisedAlert(supervised, probability, event));
      }
    }
    rules?.evaluate(event, this.row, this.onRuleHit);
    for (const observer of this.options.observers ?? NO_OBSERVERS) {
      const raised = observer.observe(event);
      for (const alert of raised) this.pending.push(alert);
      this.stats.observerAlerts += raised.length;
    }
    this.current = undefined;
    return this.pending;
  }

  /** The event keys remembered for dedupe, to save with the monitor's state. */
  get recentKeys(): RecentKeys {
    return this.recent;
  }

  /** The transfer being processed, for parts that raise alerts from a callback. */
  get currentEvent(): TransferEvent | undefined {
    return this.current;
  }

  /**
   * Adds an alert raised by a part listening to this event (the drift detector in onScored); it goes
   * out with this event's alerts. Only valid while process() runs.
   */
  raise(alert: AlertInput): void {
    if (!this.current) throw new Error('raise() is only valid from a callback during process()');
    this.pending.push(alert);
  }

  private modelAlert(scorer: RowScorer, score: number, event: TransferEvent): AlertInput {
    const baseline = this.baseline;
    const top = scorer.explainRow(this.row, this.topK).filter((c) => c.contribution > 0);
    const contributions = new Map(top.map((c) => [c.feature, c.contribution]));
    const reasons = top.map((c) =>
      describeFeature(c.feature, this.row[c.feature] as number, baseline[c.feature]),
    );
    // Rounded down, so a score of 0.99995 reads "above 99.99%", never "above 100.00%".
    const digits = score >= 0.999 ? 2 : 1;
    const percentile =
      score >= 1 ? 'all' : `${(Math.floor(score * 100 * 10 ** digits) / 10 ** digits).toFixed(digits)}%`;
    return {
      area: 'monitor',
      detector: 'monitor.model',
      subject: subjectOf(event),
      severity: modelSeverity(score),
      score,
      title: `Unusual transfer from ${short(event.from)}`,
      explanation:
        `Scored above ${percentile} of the traffic the model was trained on` +
        (reasons.length > 0 ? `: ${reasons.join('; ')}.` : '.'),
      evidence: featureEvidence(this.row, baseline, contributions),
      context: contextOf(event),
      occurredAt: event.time,
    };
  }

  private supervisedAlert(model: SupervisedScorer, probability: number, event: TransferEvent): AlertInput {
    const margins = model.explainRow(this.row);
    const top = Array.from(margins, (contribution, feature) => ({ feature, contribution }))
      .filter((c) => c.contribution > 0)
      .sort((a, b) => b.contribution - a.contribution)
      .slice(0, this.topK);
    const reasons = top.map((c) =>
      describeFeature(c.feature, this.row[c.feature] as number, this.baseline[c.feature]),
    );
    return {
      area: 'monitor',
      detector: 'monitor.supervised',
      subject: subjectOf(event),
      severity: severityFromScore(probability),
      score: probability,
      title: `Transfer from ${short(event.from)} resembles confirmed cases`,
      explanation:
        `A model trained on analysts' past verdicts gives ${(probability * 100).toFixed(0)}% that this is a case they would confirm` +
        (reasons.length > 0 ? `: ${reasons.join('; ')}.` : '.'),
      evidence: featureEvidence(
        this.row,
        this.baseline,
        new Map(top.map((c) => [c.feature, c.contribution])),
      ),
      context: contextOf(event),
      occurredAt: event.time,
    };
  }
}

/**
 * An anomaly score alone says "unusual", not "suspicious": even far out in the tail it stays below
 * what a rule that recognises a typology says, so it is high only in the last 1 in 100,000.
 */
/**
 * An anomaly no rule names is a lead for an analyst, not a verdict: on the simulated typologies the
 * model's score ranks malicious transfers well overall (ROC AUC ~0.87, argus monitor eval) but its far
 * tail is mostly large accounts doing legitimate unusual things, so by default its alerts stay below
 * the `medium` that policies act on. Only the very far tail goes higher.
 */
function modelSeverity(score: number): Severity {
  if (score >= 0.99999) return 'medium';
  return 'low';
}

function ruleAlert(
  hit: RuleHitLike,
  event: TransferEvent,
  row: Float64Array,
  baseline: Float64Array,
): AlertInput {
  const named = new Set(hit.evidence.filter((e) => e.kind === 'feature').map((e) => e.name));
  const rest = featureEvidence(row, baseline).filter((e) => e.kind !== 'feature' || !named.has(e.name));
  const subject = subjectOf(event);
  if (hit.accounts.length > 1) {
    subject.attributes = { ...subject.attributes, accounts: hit.accounts.slice(0, 50).join(',') };
  }
  return {
    area: 'monitor',
    detector: `monitor.rule.${hit.ruleId}`,
    subject,
    severity: hit.severity,
    score: Math.min(1, Math.max(0, hit.score)),
    title: hit.title,
    explanation: hit.explanation,
    evidence: [...hit.evidence, ...rest].slice(0, 200),
    context: contextOf(event),
    occurredAt: event.time,
  };
}

/** The whole feature vector rides along as evidence: analysts see it, and the feedback loop learns from it. */
function featureEvidence(
  row: Float64Array,
  baseline: Float64Array,
  contributions?: Map<number, number>,
): Evidence[] {
  return FEATURE_NAMES.map((name, i) => {
    const evidence: Evidence = { kind: 'feature', name, value: row[i] as number };
    const usual = baseline[i] as number;
    if (Number.isFinite(usual)) evidence.baseline = usual;
    const contribution = contributions?.get(i);
    if (contribution !== undefined) evidence.contribution = contribution;
    return evidence;
  });
}

function subjectOf(event: TransferEvent): NonNullable<AlertInput['subject']> {
  const attributes: Record<string, string | number | boolean> = {};
  if (event.fromJurisdiction) attributes.jurisdiction = event.fromJurisdiction;
  if (event.fromKind) attributes.kind = event.fromKind;
  attributes.valueUsd = event.valueUsd ?? event.amount;
  return { kind: 'account', id: event.from, chain: event.chain, attributes };
}

function contextOf(event: TransferEvent): NonNullable<AlertInput['context']> {
  return {
    transferId: event.key,
    wallet: event.from,
    asset: event.asset,
    ...(event.txHash ? { txHash: event.txHash } : {}),
    ...(event.userId ? { userId: event.userId } : {}),
  };
}

function short(address: string): string {
  return address.length > 14 ? `${address.slice(0, 8)}…${address.slice(-4)}` : address;
}
