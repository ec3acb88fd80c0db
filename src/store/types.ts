import type { ActionEvent, ActionRecord, ActionStatus } from '../core/action.js';
import type { Alert, AlertStatus, AlertStatusChange } from '../core/alert.js';
import type { Area } from '../core/area.js';
import type { Chain } from '../core/chain.js';
import type { Label, LabelCategory, LabelSource } from '../core/label.js';
import type { Severity } from '../core/severity.js';
import type { Transfer, TransferStatus } from '../core/transfer.js';

/** A page of results and the cursor for the next one (absent on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface AlertFilter {
  area?: Area[];
  detector?: string[];
  severity?: Severity[];
  status?: AlertStatus[];
  subjectId?: string;
  /** Only alerts last seen at or after this time (ms). */
  since?: number;
  limit?: number;
  /** Opaque cursor from a previous page; newest first. */
  cursor?: string;
}

export interface AlertRepository {
  get(id: string): Promise<Alert | undefined>;
  list(filter: AlertFilter): Promise<Page<Alert>>;
  count(filter: Omit<AlertFilter, 'limit' | 'cursor'>): Promise<number>;
  /** The newest alert with this dedupe key first seen at or after `since`, if any. */
  findByDedupeKey(dedupeKey: string, since: number): Promise<Alert | undefined>;
  /** Sets the current status and appends to its history in one transaction. */
  setStatus(change: AlertStatusChange): Promise<Alert>;
  statusHistory(alertId: string): Promise<AlertStatusChange[]>;
}

/** What changes on an alert when a repeat is folded into it. */
export interface AlertRepeat {
  alertId: string;
  count: number;
  lastSeenAt: number;
  severity: Severity;
  score: number;
}

/**
 * The pipeline's units of work: an alert and the actions it ordered are written together
 * or not at all, so a crash never leaves an alert whose responses were forgotten.
 */
export interface PipelineRepository {
  commitNew(alert: Alert, actions: ActionRecord[]): Promise<void>;
  commitRepeat(repeat: AlertRepeat, actions: ActionRecord[]): Promise<void>;
  /**
   * Several units in one transaction (group commit): all of them are written or none. With
   * `leaseUntil`, their actions are written already leased to the caller, which carries them out
   * itself; should it die, they are claimable by any worker once the lease expires.
   */
  commitBatch(units: readonly PipelineUnit[], leaseUntil?: number): Promise<void>;
}

export type PipelineUnit =
  | { kind: 'new'; alert: Alert; actions: ActionRecord[] }
  | { kind: 'repeat'; repeat: AlertRepeat; actions: ActionRecord[] };

export interface ActionFilter {
  alertId?: string;
  status?: ActionStatus[];
  type?: string[];
  limit?: number;
  cursor?: string;
}

/** The outcome of one attempt to carry out an action. */
export interface ActionAttempt {
  status: ActionStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError?: string;
  result?: Record<string, unknown>;
  completedAt?: number;
  event: ActionEvent;
}

export interface ActionRepository {
  get(id: string): Promise<ActionRecord | undefined>;
  list(filter: ActionFilter): Promise<Page<ActionRecord>>;
  /** Pending actions due at `now`, oldest first; each is leased until `leaseUntil` so no other worker takes it. */
  claimDue(now: number, limit: number, leaseUntil: number): Promise<ActionRecord[]>;
  /** Records an attempt's outcome and its audit-trail event atomically. */
  recordAttempt(actionId: string, attempt: ActionAttempt): Promise<ActionRecord>;
  /** Records several outcomes in one transaction (group commit): all or none. */
  recordAttempts(batch: readonly { actionId: string; attempt: ActionAttempt }[]): Promise<void>;
  /** Puts a dead-lettered or failed action back in the queue. */
  requeue(actionId: string, now: number, by: string): Promise<ActionRecord>;
  events(actionId: string): Promise<ActionEvent[]>;
}

export interface TransferFilter {
  status?: TransferStatus[];
  limit?: number;
  cursor?: string;
}

export interface TransferRepository {
  /** Inserts, or returns the existing row unchanged when the id is already known (idempotent intake). */
  upsert(transfer: Transfer): Promise<{ transfer: Transfer; created: boolean }>;
  get(id: string): Promise<Transfer | undefined>;
  list(filter: TransferFilter): Promise<Page<Transfer>>;
  /** Holds a pending transfer; holding a held one keeps the first hold. Throws ConflictError otherwise. */
  hold(id: string, hold: { by: string; reason: string; alertId?: string; at: number }): Promise<Transfer>;
  /** Releases a held transfer. Throws ConflictError when it is not held. */
  release(id: string, release: { by: string; note?: string; at: number }): Promise<Transfer>;
}

export interface StepUpRequirement {
  id: string;
  userId: string;
  factor: 'any' | 'totp' | 'webauthn';
  reason: string;
  alertId?: string;
  createdAt: number;
  satisfiedAt?: number;
}

/** Users who must pass a second factor at their next assessment; the auth area reads and satisfies these. */
export interface StepUpRepository {
  require(requirement: StepUpRequirement): Promise<void>;
  pending(userId: string): Promise<StepUpRequirement[]>;
  satisfy(userId: string, at: number): Promise<number>;
}

export interface SweepInstruction {
  id: string;
  alertId: string;
  actionId: string;
  asset: string;
  amount: string;
  fromWallet?: string;
  vault: string;
  createdAt: number;
}

export interface SweepRepository {
  /** Idempotent per action: recording twice for one action returns the first instruction. */
  record(instruction: SweepInstruction): Promise<SweepInstruction>;
  list(limit?: number): Promise<SweepInstruction[]>;
}

export interface SavedModelMeta {
  name: string;
  version: number;
  kind: string;
  format: 'json' | 'binary';
  createdAt: number;
  bytes: number;
}

export interface SavedModel extends SavedModelMeta {
  data: Uint8Array;
}

export interface ModelRepository {
  /** Saves a new version of the named model and returns its metadata. */
  save(model: {
    name: string;
    kind: string;
    format: 'json' | 'binary';
    data: Uint8Array;
    at: number;
  }): Promise<SavedModelMeta>;
  /** The given version, or the latest. */
  load(name: string, version?: number): Promise<SavedModel | undefined>;
  list(): Promise<SavedModelMeta[]>;
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  /** SHA-256 of the key; the key itself is shown once and never stored. */
  hash: string;
  createdAt: number;
  lastUsedAt?: number;
  revokedAt?: number;
}

export interface ApiKeyRepository {
  create(record: ApiKeyRecord): Promise<void>;
  findActiveByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  list(): Promise<ApiKeyRecord[]>;
  revoke(id: string, at: number): Promise<boolean>;
  touch(id: string, at: number): Promise<void>;
}

export interface LabelFilter {
  chain?: Chain;
  category?: LabelCategory;
  source?: LabelSource;
  limit?: number;
  /** Opaque cursor from a previous page; most recently first stored first. */
  cursor?: string;
}

/**
 * Address labels from the lists Argus imports. A label is one (chain, address, category, source): importing
 * it again keeps the row and takes the newer label text, sourceRef, listedAt and importedAt.
 */
export interface LabelRepository {
  /**
   * Writes the labels in one transaction: all or none. Within one call a repeated key counts once and its
   * last occurrence wins. `updated` counts labels that were already stored, changed or not.
   */
  upsertMany(labels: readonly Label[]): Promise<{ inserted: number; updated: number }>;
  /** Every label of an address, given in its canonical form (see canonicalAddress), oldest first. */
  forAddress(chain: Chain, address: string): Promise<Label[]>;
  list(filter: LabelFilter): Promise<Page<Label>>;
  count(filter: Omit<LabelFilter, 'limit' | 'cursor'>): Promise<number>;
  /** Every label (of one chain), read in pages so a LabelIndex can be loaded at start. */
  all(chain?: Chain): AsyncIterable<Label>;
}

export interface GraphSnapshotMeta {
  /** What the snapshot is of, e.g. the chain whose transfer graph it holds. */
  name: string;
  savedAt: number;
  bytes: number;
  nodes: number;
  edges: number;
  /** Rises with every save of this name, so a reader can tell cheaply whether to reload. */
  revision: number;
}

/**
 * Binary snapshots of the transaction graphs (see graph/graph/transferGraphSnapshot.ts), one current
 * snapshot per name. They can be hundreds of megabytes, so they are stored in chunks.
 */
export interface GraphSnapshotRepository {
  /** Replaces the named snapshot in one transaction: a reader sees the old one or the new one, whole. */
  save(snapshot: {
    name: string;
    data: Uint8Array;
    nodes: number;
    edges: number;
    at: number;
  }): Promise<GraphSnapshotMeta>;
  load(name: string): Promise<{ meta: GraphSnapshotMeta; data: Uint8Array } | undefined>;
  /** The metadata alone, without reading the data. */
  info(name: string): Promise<GraphSnapshotMeta | undefined>;
  list(): Promise<GraphSnapshotMeta[]>;
}

/** A user's behavioural profile as the auth area keeps it (devices, networks, keystroke template, ...). */
export interface AuthProfileRecord {
  userId: string;
  /** The auth area's own versioned JSON; the store does not look inside. */
  data: string;
  /** Rises with every write, for optimistic concurrency. */
  revision: number;
  updatedAt: number;
}

export interface AuthProfileRepository {
  get(userId: string): Promise<AuthProfileRecord | undefined>;
  /**
   * Writes the profile. With expectedRevision (0 for "must not exist yet"), only when the stored
   * revision still is that one; otherwise a ConflictError, so two logins never overwrite each other.
   */
  put(userId: string, data: string, at: number, expectedRevision?: number): Promise<AuthProfileRecord>;
  count(): Promise<number>;
}

export type MfaFactorKind = 'totp' | 'webauthn';

/** A second factor a user enrolled. */
export interface MfaFactor {
  id: string;
  userId: string;
  kind: MfaFactorKind;
  label?: string;
  /** The auth area's JSON: an (encrypted) TOTP secret, or a WebAuthn credential id, public key and counter. */
  data: string;
  /** False until the user has proved it once (a first TOTP code, a completed registration). */
  confirmed: boolean;
  createdAt: number;
  lastUsedAt?: number;
}

export interface MfaFactorRepository {
  add(factor: MfaFactor): Promise<void>;
  get(id: string): Promise<MfaFactor | undefined>;
  /** A user's factors, oldest first. */
  list(userId: string): Promise<MfaFactor[]>;
  update(id: string, change: { data?: string; confirmed?: boolean; lastUsedAt?: number }): Promise<MfaFactor>;
  remove(id: string): Promise<boolean>;
}

/** A device that passed a challenge and is trusted for a while. */
export interface TrustedDevice {
  userId: string;
  /** A hash of the device fingerprint, never the fingerprint itself. */
  deviceId: string;
  trustedAt: number;
  expiresAt: number;
}

export interface TrustedDeviceRepository {
  /** Trusts (or re-trusts, moving expiresAt) a device for a user. */
  trust(device: TrustedDevice): Promise<void>;
  isTrusted(userId: string, deviceId: string, now: number): Promise<boolean>;
  list(userId: string): Promise<TrustedDevice[]>;
  /** Revokes one device, or every device of the user when deviceId is absent; returns how many. */
  revoke(userId: string, deviceId?: string): Promise<number>;
}

/** A one-time challenge (WebAuthn options, a pending step-up) that a later request must answer. */
export interface AuthChallenge {
  id: string;
  userId: string;
  purpose: string;
  /** The auth area's JSON (the WebAuthn challenge and options). */
  data: string;
  createdAt: number;
  expiresAt: number;
}

export interface AuthChallengeRepository {
  put(challenge: AuthChallenge): Promise<void>;
  /** Returns and deletes the challenge in one step, so it answers once; undefined when absent or expired. */
  take(id: string, now: number): Promise<AuthChallenge | undefined>;
  /** Deletes expired challenges; returns how many. */
  purgeExpired(now: number): Promise<number>;
}

export type AuthDecisionKind = 'allow' | 'challenge' | 'deny';

/** One assessment, kept for the dashboard and for audit. */
export interface AuthDecisionRecord {
  id: string;
  userId: string;
  ip?: string;
  score: number;
  decision: AuthDecisionKind;
  factor?: MfaFactorKind | 'any';
  /** The auth area's JSON list of reasons with their contributions. */
  reasons: string;
  at: number;
}

export interface AuthDecisionFilter {
  userId?: string;
  decision?: AuthDecisionKind[];
  /** Decisions at or after, epoch ms. */
  since?: number;
  /** Decisions before (exclusive), epoch ms. */
  until?: number;
  limit?: number;
  /** Opaque cursor from a previous page; newest first. */
  cursor?: string;
}

export interface AuthDecisionRepository {
  append(records: readonly AuthDecisionRecord[]): Promise<void>;
  list(filter: AuthDecisionFilter): Promise<Page<AuthDecisionRecord>>;
}

export const INTEL_SOURCES = ['osv', 'nvd', 'rss', 'text'] as const;
export type IntelSource = (typeof INTEL_SOURCES)[number];

/** One advisory, article or text the intel area read, with what its NLP found in it. */
export interface IntelDocument {
  /** Stable across re-reads: source plus the source's own id (osv:GHSA-…, nvd:CVE-…, rss:<guid>, text:<path>#<n>). */
  id: string;
  source: IntelSource;
  /** Which feed or corpus it came from (a feed URL, a directory), for filtering. */
  origin: string;
  kind: 'advisory' | 'article' | 'text';
  title: string;
  body: string;
  url?: string;
  publishedAt: number;
  modifiedAt: number;
  /** The source record as JSON (OSV affected ranges, NVD metrics), for inventory matching. */
  raw: string;
  /** Entities found by the NLP, as kind + normalised value (cve, ghsa, swc, address, package, protocol, technique). */
  entities: { kind: string; value: string }[];
}

/** Time ranges include `since` and exclude `until`, here and in mentionCounts. */
export interface IntelDocumentFilter {
  source?: IntelSource[];
  /** Documents mentioning this entity (kind and value, as stored). */
  entity?: { kind: string; value: string };
  since?: number;
  until?: number;
  limit?: number;
  /** Opaque cursor from a previous page; newest published first. */
  cursor?: string;
}

export interface IntelDocumentRepository {
  /**
   * Inserts or replaces by id (a modified advisory replaces its older copy), in one transaction. A
   * replace always wins; a repeated entity within one document is kept once.
   */
  upsertMany(documents: readonly IntelDocument[]): Promise<{ inserted: number; updated: number }>;
  get(id: string): Promise<IntelDocument | undefined>;
  list(filter: IntelDocumentFilter): Promise<Page<IntelDocument>>;
  /**
   * Full-text search over title and body, best match first (title above body). Each word is matched
   * as given and all are required; no operators. PostgreSQL drops English stop words, SQLite does not.
   */
  search(query: string, limit?: number): Promise<IntelDocument[]>;
  /** Mentions per time bucket of one entity (or of every entity of a kind), for trends and bursts. */
  mentionCounts(query: {
    kind: string;
    value?: string;
    bucket: 'day' | 'week' | 'month';
    since?: number;
    until?: number;
  }): Promise<{ value: string; bucketStart: number; count: number }[]>;
  count(filter?: Omit<IntelDocumentFilter, 'limit' | 'cursor'>): Promise<number>;
  /** Every document (of some sources), read in pages. */
  all(source?: IntelSource[]): AsyncIterable<IntelDocument>;
}

export const AUDIT_REPORT_ORIGINS = ['upload', 'scan', 'cli', 'demo'] as const;
/** How an audit was started: sources uploaded to the API, a folder scanned by the server, the CLI, the demo. */
export type AuditReportOrigin = (typeof AUDIT_REPORT_ORIGINS)[number];

/** What the report list shows of an audit: where it came from and how many findings at each severity. */
export interface AuditReportSummary {
  id: string;
  createdAt: number;
  origin: AuditReportOrigin;
  /** What was audited: a folder, or the name given to an upload. */
  target: string;
  /** Solidity files audited. */
  files: number;
  /** Findings per severity. */
  counts: Record<Severity, number>;
}

export interface AuditReportRecord extends AuditReportSummary {
  /** The audit area's JSON (findings with their code excerpts, versioned there); the store does not look inside. */
  body: string;
}

export interface AuditReportFilter {
  origin?: AuditReportOrigin[];
  /** Reports of exactly this target. */
  target?: string;
  limit?: number;
  /** Opaque cursor from a previous page; newest first. */
  cursor?: string;
}

export interface AuditReportRepository {
  /** Stores a new report; an id already stored is a ConflictError. */
  save(report: AuditReportRecord): Promise<void>;
  get(id: string): Promise<AuditReportRecord | undefined>;
  /** Newest created first (ties: last stored first), without the bodies. */
  list(filter: AuditReportFilter): Promise<Page<AuditReportSummary>>;
  /** Deletes a report; false when there was none. */
  remove(id: string): Promise<boolean>;
}

export const MODEL_HEALTH_LEVELS = ['stable', 'moderate', 'significant'] as const;
/** The conventional reading of a PSI: below 0.1 stable, 0.1 to 0.2 a moderate shift, 0.2 and above significant. */
export type ModelHealthLevel = (typeof MODEL_HEALTH_LEVELS)[number];

/**
 * Scores over bins: bin i holds edges[i - 1] <= score < edges[i] (the first and last are open), so there
 * is one more share than edges. `baseline` is the training scores' shares, when the model kept them.
 */
export interface ModelScoreBins {
  edges: number[];
  current: number[];
  baseline?: number[];
}

/** What a health row says beyond its columns; JSON in the body column. */
export interface ModelHealthDetails {
  /** A drift check of the recent scores, or a retrain (or load) that installed a new generation. */
  kind: 'check' | 'retrain';
  /** check: whether it raised a drift alert (PSI at the threshold and not in the cool-down). */
  drifted?: boolean;
  /** check: the window's shares over the training-score deciles, the bins PSI is computed on. */
  deciles?: ModelScoreBins;
  /** check: the window's shares over fixed bins of the calibrated score. */
  histogram?: ModelScoreBins;
  /** check: alerts since the previous check, and per scored transfer. */
  alerts?: { scored: number; model: number; rules: number; modelRate: number; ruleRate: number };
  /** check: PSI of each feature over a sample of the window against the training rows' deciles. */
  features?: { name: string; psi: number }[];
  /** retrain: why and on what the new generation was fitted; previousPsi is the last PSI of the one it replaced. */
  retrain?: { reason: 'first' | 'drift' | 'schedule' | 'loaded'; rows: number; previousPsi?: number };
}

/**
 * One look at a model's health. A check measures `sampleSize` recent scores against the training
 * baseline; a retrain row has the new generation's training rows as sampleSize and PSI 0 (a fresh
 * model matches its own baseline).
 */
export interface ModelHealthCheck {
  /** Which model, e.g. 'monitor'. */
  model: string;
  /** When, epoch ms (the event time of the transfer that completed the check). */
  at: number;
  generation: number;
  sampleSize: number;
  psi: number;
  level: ModelHealthLevel;
  details: ModelHealthDetails;
}

export interface ModelHealthQuery {
  model: string;
  /** At or after (ms). */
  since?: number;
  /** Before (ms). */
  until?: number;
  /** Default 1,000, at most MODEL_HEALTH_LIST_MAX. */
  limit?: number;
}

export const MODEL_HEALTH_LIST_MAX = 5_000;

/** Drift checks and retrains of the models, for the dashboard's model-health page. */
export interface ModelHealthRepository {
  record(check: ModelHealthCheck): Promise<void>;
  /** Appends a batch in one transaction, in order: all or none (a non-finite PSI rejects it). */
  recordMany(checks: readonly ModelHealthCheck[]): Promise<void>;
  /**
   * A model's rows with since <= at < until, oldest first (ties in recording order). When more than
   * `limit` match, the latest `limit` of them: a chart over a long range shows its recent end.
   */
  list(query: ModelHealthQuery): Promise<ModelHealthCheck[]>;
  /** Every model that has a row, with its latest one (greatest at, last recorded on a tie), by name. */
  latest(): Promise<ModelHealthCheck[]>;
}

/** Where an incremental source stopped (a lastModified time, an ETag, a file offset), per source key. */
export interface SourceCursorRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, cursor: string, at: number): Promise<void>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly alerts: AlertRepository;
  readonly pipeline: PipelineRepository;
  readonly actions: ActionRepository;
  readonly transfers: TransferRepository;
  readonly stepUps: StepUpRepository;
  readonly sweeps: SweepRepository;
  readonly models: ModelRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly labels: LabelRepository;
  readonly graphs: GraphSnapshotRepository;
  readonly authProfiles: AuthProfileRepository;
  readonly mfaFactors: MfaFactorRepository;
  readonly trustedDevices: TrustedDeviceRepository;
  readonly authChallenges: AuthChallengeRepository;
  readonly authDecisions: AuthDecisionRepository;
  readonly intelDocuments: IntelDocumentRepository;
  readonly sourceCursors: SourceCursorRepository;
  readonly auditReports: AuditReportRepository;
  readonly modelHealth: ModelHealthRepository;
  /** Applies pending migrations; returns the schema version now in force. */
  migrate(): Promise<number>;
  close(): Promise<void>;
}
