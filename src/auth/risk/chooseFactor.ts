import type { MfaFactor, MfaFactorKind, StepUpRequirement } from '../../store/types.js';

export type FactorChoice = MfaFactorKind | 'any';

const STRENGTH: Record<FactorChoice, number> = { any: 0, totp: 1, webauthn: 2 };

/**
 * The factor a challenge asks for: what the strongest pending step-up demands when it names one;
 * otherwise the user's strongest confirmed factor (WebAuthn, phishing-resistant, over TOTP); 'any'
 * when the user has none confirmed (the step-up flow then enrols one).
 */
export function chooseFactor(
  factors: readonly Pick<MfaFactor, 'kind' | 'confirmed'>[],
  stepUps: readonly Pick<StepUpRequirement, 'factor' | 'satisfiedAt'>[],
): FactorChoice {
  let demanded: FactorChoice = 'any';
  for (const s of stepUps) {
    if (s.satisfiedAt === undefined && STRENGTH[s.factor] > STRENGTH[demanded]) demanded = s.factor;
  }
  if (demanded !== 'any') return demanded;
  let best: FactorChoice = 'any';
  for (const f of factors) if (f.confirmed && STRENGTH[f.kind] > STRENGTH[best]) best = f.kind;
  return best;
}
