import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../ml/random.js';
import { KeystrokeTemplate, TEMPLATE_VERSION } from './keystrokeTemplate.js';

const HOUR = 3_600_000;
const FEATURES = 37;

/** A typist: per-feature base times (ms), typed with ~15% multiplicative noise; `pace` scales them all. */
function typist(seed: number) {
  const rng = seededRandom(seed);
  const base = Float64Array.from({ length: FEATURES }, () => 80 + 200 * rng.next());
  return (pace = 1) =>
    Float64Array.from(base, (v) => v * pace * (1 + 0.3 * (rng.next() + rng.next() + rng.next() - 1.5)));
}

function enrolled(sample: () => Float64Array, options: Parameters<typeof KeystrokeTemplate.create>[1] = {}) {
  const template = KeystrokeTemplate.create(FEATURES, options);
  for (let i = 0; i < template.options.enrolSamples; i++) template.enrol(sample());
  return template;
}

/** Mixes two vectors: t = 0 gives a, t = 1 gives b. */
const mix = (a: Float64Array, b: Float64Array, t: number) =>
  Float64Array.from(a, (v, j) => v + t * ((b[j] as number) - v));

describe('KeystrokeTemplate', () => {
  it('enrols from the first samples and only then verifies', () => {
    const user = typist(1);
    const template = KeystrokeTemplate.create(FEATURES, { enrolSamples: 4 });
    expect(template.ready).toBe(false);
    expect(() => template.verify(user(), 0)).toThrow(/not enrolled yet \(0 of 4 samples\)/);
    for (let i = 0; i < 4; i++) template.enrol(user());
    expect(template.ready).toBe(true);
    expect(() => template.enrol(user())).toThrow(/already enrolled/);
    expect(template.verify(user(), 0).accepted).toBe(true);
    expect(() => template.score(new Float64Array(3))).toThrow(/3 features, the template has 37/);
  });

  it('follows a slow drift that a frozen template loses', () => {
    const user = typist(2);
    const adaptive = enrolled(() => user(1), { enrolSamples: 8 });
    // Same enrolment, but nothing is ever absorbed.
    const frozen = KeystrokeTemplate.load({
      ...adaptive.save(),
      options: { ...adaptive.options, updateMargin: 0 },
    });
    // Two logins a day for 150 days, getting 0.1% faster each time: 30% faster by the end.
    let now = 0;
    const late: boolean[][] = [[], []];
    for (let login = 0; login < 300; login++) {
      now += 12 * HOUR;
      const sample = user(1 - 0.001 * login);
      const a = adaptive.verify(sample, now);
      const f = frozen.verify(sample, now);
      if (login >= 250) {
        late[0]?.push(a.accepted);
        late[1]?.push(f.accepted);
      }
    }
    const rate = (xs: boolean[]) => xs.filter(Boolean).length / xs.length;
    expect(adaptive.absorbed).toBeGreaterThan(100);
    expect(adaptive.size).toBe(adaptive.options.maxSamples);
    expect(rate(late[0] ?? [])).toBeGreaterThan(0.9);
    expect(rate(late[1] ?? [])).toBeLessThan(0.1);
  });

  it('does not absorb an impostor creeping along the edge of the threshold', () => {
    const user = typist(3);
    const impostor = typist(4);
    const template = enrolled(() => user(), { enrolSamples: 8 });
    const before = template.save();
    const centre = template.centre();
    const target = impostor();
    expect(template.verify(target, 0).accepted).toBe(false);
    // Each attempt: the furthest step toward the impostor's rhythm that still scores just under the
    // threshold (found by bisection on the template's own score), an hour apart.
    let absorbed = 0;
    let accepted = 0;
    for (let attempt = 1; attempt <= 200; attempt++) {
      let lo = 0;
      let hi = 1;
      for (let k = 0; k < 30; k++) {
        const t = (lo + hi) / 2;
        if (template.score(mix(centre, target, t)) <= 0.95 * template.options.acceptThreshold) lo = t;
        else hi = t;
      }
      const result = template.verify(mix(centre, target, lo), attempt * HOUR);
      if (result.accepted) accepted++;
      if (result.absorbed) absorbed++;
      expect(result.reason).toBe('borderline');
    }
    expect(accepted).toBe(200);
    expect(absorbed).toBe(0);
    expect(template.save()).toEqual(before);
    expect(template.verify(impostor(), 201 * HOUR).accepted).toBe(false);
  });

  it('rate-limits how fast even an attacker inside the margin can move it', () => {
    const user = typist(5);
    /** 100 attempts, each 3% slower than the template's current centre on every feature. */
    const creep = (template: KeystrokeTemplate, spacingMs: number) => {
      const start = template.centre();
      let absorbed = 0;
      for (let i = 0; i < 100; i++) {
        const pushed = Float64Array.from(template.centre(), (v) => v * 1.03);
        if (template.verify(pushed, i * spacingMs).absorbed) absorbed++;
      }
      const end = template.centre();
      const shift =
        Array.from(end, (v, j) => v / (start[j] as number) - 1).reduce((a, b) => a + b, 0) / end.length;
      return { absorbed, shift };
    };
    const seed = enrolled(() => user(), { enrolSamples: 8 }).save();
    // Within one hour: one sample gets in, and the centre moves by at most one push.
    const burst = creep(KeystrokeTemplate.load(seed), 1000);
    expect(burst.absorbed).toBe(1);
    expect(burst.shift).toBeLessThanOrEqual(0.03);
    // The same attack spread over 100 hours does move it (until the window's shrinking spread makes the
    // pushes borderline): the time limit is what stops the burst.
    const patient = creep(KeystrokeTemplate.load(seed), HOUR);
    expect(patient.absorbed).toBeGreaterThan(20);
    expect(patient.shift).toBeGreaterThan(0.1);
  });

  it('saves and loads as versioned JSON with identical scores', () => {
    const user = typist(6);
    const template = enrolled(() => user(), { enrolSamples: 5, maxSamples: 10 });
    template.verify(user(), 0);
    const json = JSON.parse(JSON.stringify(template.save()));
    expect(json).toMatchObject({
      format: 'argus-keystroke-template',
      version: TEMPLATE_VERSION,
      featureCount: 37,
    });
    const restored = KeystrokeTemplate.load(json);
    const probe = user();
    expect(restored.score(probe)).toBe(template.score(probe));
    expect(restored.absorbed).toBe(template.absorbed);
  });

  it('refuses other versions, other formats and inconsistent samples', () => {
    const user = typist(7);
    const saved = enrolled(() => user()).save();
    expect(() => KeystrokeTemplate.load({ ...saved, version: 99 })).toThrow(
      /version 99; this build reads version 1/,
    );
    expect(() => KeystrokeTemplate.load({ ...saved, format: 'argus-model' })).toThrow(/format/);
    expect(() => KeystrokeTemplate.load({ ...saved, samples: [[1, 2]] })).toThrow(
      /samples.0: 2 features, expected 37/,
    );
    expect(() => KeystrokeTemplate.create(FEATURES, { enrolSamples: 10, maxSamples: 5 })).toThrow(
      /maxSamples/,
    );
    expect(() => KeystrokeTemplate.create(FEATURES, { updateMargin: 2 })).toThrow(/updateMargin/);
  });
});
