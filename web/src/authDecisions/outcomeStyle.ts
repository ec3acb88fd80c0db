import type { AuthDecisionKind } from './authDecisionsApi.js';

/** One colour per outcome, shared by the charts, the tiles and the badges (readable on light and dark). */
export const OUTCOME_COLOR: Record<AuthDecisionKind, string> = {
  allow: '#43a047',
  challenge: '#f0a30a',
  deny: '#d32f2f',
};

export const OUTCOME_LABEL: Record<AuthDecisionKind, string> = {
  allow: 'allowed',
  challenge: 'challenged',
  deny: 'denied',
};

export const percent = (part: number, whole: number): string =>
  whole === 0 ? '–' : `${((100 * part) / whole).toFixed(part === whole || part === 0 ? 0 : 1)}%`;

export const formatTime = (at: number): string =>
  new Date(at).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
