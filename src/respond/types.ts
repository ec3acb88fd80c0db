import type { ActionRecord, ActionSpec } from '../core/action.js';
import type { Alert, AlertStatusChange, ParsedAlertInput } from '../core/alert.js';
import type { ArgusConfig } from '../core/config/schema.js';

/** The `respond` section of the configuration: dedupe window, webhook endpoints, vaults, dispatcher. */
export type RespondConfig = ArgusConfig['respond'];

export interface IngestResult {
  /**
   * The alert as stored: for a repeat, the first occurrence's details with the folded count,
   * last-seen time and worst severity and score. Shared with the pipeline's dedupe index: read-only.
   */
  alert: Alert;
  /** 'created' for a new alert; 'deduplicated' when folded into an open one within the window. */
  outcome: 'created' | 'deduplicated';
  /** Actions ordered by this ingestion (none for a plain repeat). */
  actions: ActionRecord[];
}

export interface RejectedInput {
  index: number;
  errors: { path: string; message: string }[];
}

export interface BatchIngestResult {
  accepted: IngestResult[];
  rejected: RejectedInput[];
}

/** Why one rule did or did not match an alert: one line per condition. */
export interface RuleEvaluation {
  rule: string;
  matched: boolean;
  reasons: string[];
  actions: ActionSpec[];
}

export interface PolicyDryRun {
  alert: ParsedAlertInput;
  rules: RuleEvaluation[];
  /** The actions that would fire, in order, with the rule that ordered each. */
  actions: { rule: string; spec: ActionSpec }[];
}

export type PipelineEvent =
  | { type: 'alert-created'; alert: Alert }
  | { type: 'alert-updated'; alert: Alert }
  | { type: 'action-updated'; action: ActionRecord };

export type PipelineListener = (event: PipelineEvent) => void;

/** The one door every detector's alerts go through. */
export interface AlertPipeline {
  /** Validates, deduplicates, stores and orders the policy's actions. Throws ValidationError on bad input. */
  ingest(input: unknown): Promise<IngestResult>;
  /** Like ingest for each item; bad items are rejected with their errors and the rest go on. */
  ingestBatch(inputs: readonly unknown[]): Promise<BatchIngestResult>;
  /** What the policy would do with this alert, without storing or doing anything. */
  dryRun(input: unknown): PolicyDryRun;
  setStatus(change: AlertStatusChange): Promise<Alert>;
  subscribe(listener: PipelineListener): () => void;
}
