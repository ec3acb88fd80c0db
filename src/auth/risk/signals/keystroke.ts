import { fired, quiet, type RiskSignal, round } from '../signal.js';

/** Keys in a sample of `features` features (featureCount = 3k - 2). */
export const keysOf = (features: number) => (features + 2) / 3;

/**
 * How unlike the user's enrolled typing rhythm the sample is. The template's score is the mean capped
 * deviation per feature (0 = the user's median rhythm, 4 = every feature far off). Strength is 0 up to
 * the score the template would still learn from (updateMargin × acceptThreshold, 1.35 by default),
 * rises linearly through the accept threshold (1.8: strength 1/3) and is 1 from 1.5 × the threshold
 * (2.7). A sample of another length than the template (another phrase, a correction) is half strength:
 * suspicious, but not evidence of another typist.
 */
export const keystrokeSignal: RiskSignal = {
  id: 'keystroke',
  description:
    'typing rhythm vs the enrolled template: 0 while the template would learn from it, 1 at 1.5x the accept threshold',
  trustedDeviceSuppresses: false,
  evaluate({ input, profile, config }) {
    const template = profile?.keystroke ?? null;
    if (template === null || !template.ready) {
      const need = template?.options.enrolSamples ?? config.keystroke.enrolSamples;
      return quiet(`not enrolled (${template?.size ?? 0} of ${need} samples)`);
    }
    const sample = input.keystrokes;
    if (sample === undefined) return quiet('no keystrokes to compare');
    if (sample.features.length !== template.featureCount) {
      return fired(
        0.5,
        `typed ${sample.keys.length} keys, the template has ${keysOf(template.featureCount)}: another phrase or a correction`,
        { keys: sample.keys.length, templateKeys: keysOf(template.featureCount) },
      );
    }
    const score = template.score(sample.features);
    const { acceptThreshold, updateMargin } = template.options;
    const low = updateMargin * acceptThreshold;
    const high = 1.5 * acceptThreshold;
    const strength = (score - low) / (high - low);
    const evidence = { distance: score, acceptThreshold, samples: template.size };
    const detail = `typing distance ${round(score)} (accepted up to ${acceptThreshold}, full strength at ${round(high)})`;
    return strength > 0 ? fired(strength, detail, evidence) : quiet(detail, evidence);
  },
};
