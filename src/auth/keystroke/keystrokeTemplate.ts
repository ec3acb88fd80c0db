import { z } from 'zod';
import { ArgusError, ValidationError } from '../../core/errors.js';
import { matrix } from '../../ml/matrix.js';
import {
  ARGUS_KEYSTROKE_PARAMS,
  type BoundedManhattanModel,
  boundedManhattanScore,
  fitBoundedManhattan,
} from './detectors/boundedManhattan.js';

export const TemplateOptionsSchema = z.object({
  /** Samples taken at enrolment before the template can verify anyone. */
  enrolSamples: z.number().int().min(2).default(4),
  /** Most samples kept: the oldest is dropped when a new one is absorbed (bounded memory, follows drift). */
  maxSamples: z.number().int().min(2).default(40),
  /**
   * A login is accepted when its score — Argus's bounded distance divided by the feature count, i.e.
   * the mean capped deviation per feature in spread units, 0..4 — is at or below this. 1.8 was read off
   * the pooled scores on keystroke-challenge with 4 enrolment samples, where one global threshold of 1.8
   * gives about 20% false rejects and 10% false accepts; a policy may choose its own.
   */
  acceptThreshold: z.number().positive().default(1.8),
  /**
   * Only logins scoring at or below updateMargin × acceptThreshold are absorbed: a borderline login is
   * let in but never taught to the template, so an impostor creeping along the edge teaches it nothing.
   */
  updateMargin: z.number().min(0).max(1).default(0.75),
  /** An absorbed sample is clipped to within this many spreads of the centre on each feature. */
  maxStep: z.number().positive().default(2),
  /** At most one absorbed sample per this many ms (default one hour), however many logins succeed. */
  minUpdateIntervalMs: z.number().min(0).default(3_600_000),
});
export type TemplateOptions = z.infer<typeof TemplateOptionsSchema>;

export const TEMPLATE_FORMAT = 'argus-keystroke-template';
export const TEMPLATE_VERSION = 1;

const SavedTemplateSchema = z.object({
  format: z.literal(TEMPLATE_FORMAT),
  version: z.number().int(),
  featureCount: z.number().int().positive(),
  options: TemplateOptionsSchema,
  samples: z.array(z.array(z.number())),
  lastUpdateAt: z.number().nullable(),
  absorbed: z.number().int().min(0),
});
export type SavedKeystrokeTemplate = z.infer<typeof SavedTemplateSchema>;

export interface VerifyResult {
  /** Mean capped deviation per feature (lower = more like the user). */
  score: number;
  accepted: boolean;
  /** Whether the sample was added to the template. */
  absorbed: boolean;
  /** Why it was not absorbed, when it was not. */
  reason?: 'rejected' | 'borderline' | 'rate-limited';
}

/**
 * One user's keystroke template: enrolment from the first samples, then updates as genuine logins
 * succeed, guarded against poisoning three ways — only logins well inside the accept threshold are
 * absorbed, each absorbed sample is clipped toward the current centre, and absorptions are rate-limited
 * in time — while the window of kept samples is bounded so old habits age out. Only this user's own
 * samples ever enter it.
 */
export class KeystrokeTemplate {
  readonly featureCount: number;
  readonly options: TemplateOptions;
  private readonly samples: Float64Array[];
  private lastUpdateAt: number | null;
  private absorbedCount: number;
  private model: BoundedManhattanModel | undefined;

  private constructor(
    featureCount: number,
    options: TemplateOptions,
    samples: Float64Array[],
    lastUpdateAt: number | null,
    absorbed: number,
  ) {
    this.featureCount = featureCount;
    this.options = options;
    this.samples = samples;
    this.lastUpdateAt = lastUpdateAt;
    this.absorbedCount = absorbed;
    this.refit();
  }

  /** An empty template for samples of `featureCount` features (see keystrokeSample.featureCount). */
  static create(featureCount: number, options: Partial<TemplateOptions> = {}): KeystrokeTemplate {
    const parsed = TemplateOptionsSchema.safeParse(options);
    if (!parsed.success) {
      throw new ValidationError(
        'INPUT_INVALID',
        'keystroke template options',
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    if (parsed.data.maxSamples < parsed.data.enrolSamples) {
      throw new ArgusError('INPUT_INVALID', 'maxSamples must be at least enrolSamples');
    }
    return new KeystrokeTemplate(featureCount, parsed.data, [], null, 0);
  }

  /** True once enrolment has collected enough samples to verify. */
  get ready(): boolean {
    return this.samples.length >= this.options.enrolSamples;
  }

  /** Samples kept now. */
  get size(): number {
    return this.samples.length;
  }

  /** Samples absorbed from logins since enrolment. */
  get absorbed(): number {
    return this.absorbedCount;
  }

  /** The template's current centre (a copy), to see how far it has moved. */
  centre(): Float64Array {
    return Float64Array.from(this.requireModel().centre);
  }

  /**
   * Adds an enrolment sample. The caller vouches that it is the user (enrolment happens behind another
   * factor); once the template is ready, only verify() can add samples.
   */
  enrol(sample: Float64Array): void {
    this.checkSample(sample);
    if (this.ready) {
      throw new ArgusError('CONFLICT', 'the keystroke template is already enrolled', {
        hint: 'further samples are absorbed by verify() as logins succeed',
      });
    }
    this.samples.push(Float64Array.from(sample));
    this.refit();
  }

  /** The sample's score against the template (lower = more like the user). */
  score(sample: Float64Array): number {
    this.checkSample(sample);
    return boundedManhattanScore(this.requireModel(), sample) / this.featureCount;
  }

  /**
   * Verifies a login whose other credentials were right, and absorbs it into the template when it is
   * well inside the threshold and the rate limit allows. `now` is in ms.
   */
  verify(sample: Float64Array, now: number): VerifyResult {
    const score = this.score(sample);
    const { acceptThreshold, updateMargin, minUpdateIntervalMs } = this.options;
    if (score > acceptThreshold) return { score, accepted: false, absorbed: false, reason: 'rejected' };
    if (score > updateMargin * acceptThreshold) {
      return { score, accepted: true, absorbed: false, reason: 'borderline' };
    }
    if (this.lastUpdateAt !== null && now - this.lastUpdateAt < minUpdateIntervalMs) {
      return { score, accepted: true, absorbed: false, reason: 'rate-limited' };
    }
    this.absorb(sample, now);
    return { score, accepted: true, absorbed: true };
  }

  save(): SavedKeystrokeTemplate {
    return {
      format: TEMPLATE_FORMAT,
      version: TEMPLATE_VERSION,
      featureCount: this.featureCount,
      options: { ...this.options },
      samples: this.samples.map((s) => Array.from(s)),
      lastUpdateAt: this.lastUpdateAt,
      absorbed: this.absorbedCount,
    };
  }

  /** Restores a saved template; refuses other formats, other versions and inconsistent samples. */
  static load(saved: unknown): KeystrokeTemplate {
    const parsed = SavedTemplateSchema.safeParse(saved);
    if (!parsed.success) {
      throw new ValidationError(
        'INPUT_INVALID',
        'saved keystroke template',
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    const s = parsed.data;
    if (s.version !== TEMPLATE_VERSION) {
      throw new ArgusError(
        'INPUT_INVALID',
        `saved keystroke template has version ${s.version}; this build reads version ${TEMPLATE_VERSION}`,
        { hint: 're-enrol the user' },
      );
    }
    const issues = s.samples.flatMap((row, i) =>
      row.length !== s.featureCount
        ? [{ path: `samples.${i}`, message: `${row.length} features, expected ${s.featureCount}` }]
        : row.some((v) => !Number.isFinite(v))
          ? [{ path: `samples.${i}`, message: 'a value is not finite' }]
          : [],
    );
    if (s.samples.length > s.options.maxSamples) {
      issues.push({ path: 'samples', message: `${s.samples.length} samples, more than maxSamples` });
    }
    if (issues.length > 0) throw new ValidationError('INPUT_INVALID', 'saved keystroke template', issues);
    return new KeystrokeTemplate(
      s.featureCount,
      s.options,
      s.samples.map((row) => Float64Array.from(row)),
      s.lastUpdateAt,
      s.absorbed,
    );
  }

  private absorb(sample: Float64Array, now: number): void {
    const { centre, spread } = this.requireModel();
    const step = this.options.maxStep;
    // Clipping bounds how far one absorbed login can pull each feature, whatever its score was.
    const clipped = Float64Array.from(sample, (v, j) => {
      const c = centre[j] as number;
      const limit = step * (spread[j] as number);
      return Math.min(c + limit, Math.max(c - limit, v));
    });
    this.samples.push(clipped);
    if (this.samples.length > this.options.maxSamples) this.samples.shift();
    this.lastUpdateAt = now;
    this.absorbedCount++;
    this.refit();
  }

  private refit(): void {
    if (!this.ready) {
      this.model = undefined;
      return;
    }
    const d = this.featureCount;
    const x = matrix(this.samples.length, d);
    this.samples.forEach((s, i) => {
      x.data.set(s, i * d);
    });
    this.model = fitBoundedManhattan(x, ARGUS_KEYSTROKE_PARAMS);
  }

  private requireModel(): BoundedManhattanModel {
    if (!this.model) {
      throw new ArgusError(
        'CONFLICT',
        `the keystroke template is not enrolled yet (${this.samples.length} of ${this.options.enrolSamples} samples)`,
        { hint: 'collect the enrolment samples with enrol() first' },
      );
    }
    return this.model;
  }

  private checkSample(sample: Float64Array): void {
    if (sample.length !== this.featureCount) {
      throw new ArgusError(
        'INPUT_INVALID',
        `keystroke sample has ${sample.length} features, the template has ${this.featureCount}`,
        { hint: 'the user must type the same phrase they enrolled with' },
      );
    }
    for (let j = 0; j < sample.length; j++) {
      if (!Number.isFinite(sample[j])) {
        throw new ArgusError('INPUT_INVALID', `keystroke sample feature ${j} is not finite`);
      }
    }
  }
}
