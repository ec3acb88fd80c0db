import { AREAS, type Area } from '../../../core/area.js';
import { ArgusError } from '../../../core/errors.js';
import { SEVERITIES, type Severity } from '../../../core/severity.js';
import { INTEL_SOURCES, type IntelSource } from '../../../store/types.js';

/**
 * What `--series` names: a series the store can give, or a CSV file. Parsed apart from the readers so
 * that a typo is reported, with every accepted form, before the store is opened.
 */
export type SeriesSpec =
  | { kind: 'alerts'; area: Area[]; detector: string[]; severity: Severity[] }
  | { kind: 'transfers'; asset: string; chain?: string }
  | { kind: 'mentions'; entityKind: string; value: string }
  | { kind: 'incidents'; source: IntelSource; origin?: string }
  | { kind: 'csv'; file: string };

export const SERIES_FORMS: readonly string[] = [
  'alerts[:area=<area>,detector=<id>,severity=<level>]   alerts raised per bucket (keys repeatable)',
  'transfers:<asset symbol>[:<chain>]                    volume of the transfers registered in the store',
  'mentions:<entity kind>:<value>                        documents mentioning an entity, e.g. mentions:technique:reentrancy',
  'incidents:<source>[:<origin>]                         documents of a source (osv, nvd, rss, text), optionally of one feed or corpus',
  'csv:<file>                                            a file with date,value columns',
];

function invalid(spec: string, why: string, label: string): ArgusError {
  return new ArgusError('INPUT_INVALID', `${label} "${spec}": ${why}`, {
    input: spec,
    hint: `use one of:\n  ${SERIES_FORMS.join('\n  ')}`,
  });
}

function parseAlertFilters(spec: string, rest: string | undefined, label: string): SeriesSpec {
  const out = {
    kind: 'alerts' as const,
    area: [] as Area[],
    detector: [] as string[],
    severity: [] as Severity[],
  };
  if (rest === undefined) return out;
  for (const pair of rest.split(',')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1).trim();
    if (!value) throw invalid(spec, `"${pair}" is not key=value`, label);
    if (key === 'area') {
      if (!(AREAS as readonly string[]).includes(value))
        throw invalid(spec, `unknown area "${value}" (${AREAS.join(', ')})`, label);
      out.area.push(value as Area);
    } else if (key === 'severity') {
      if (!(SEVERITIES as readonly string[]).includes(value))
        throw invalid(spec, `unknown severity "${value}" (${SEVERITIES.join(', ')})`, label);
      out.severity.push(value as Severity);
    } else if (key === 'detector') {
      out.detector.push(value);
    } else {
      throw invalid(spec, `unknown alert filter "${key}" (area, detector, severity)`, label);
    }
  }
  return out;
}

/** `label` names the spec in messages: the CLI's --series, the API's series parameter. */
export function parseSeriesSpec(spec: string, label = '--series'): SeriesSpec {
  const colon = spec.indexOf(':');
  const head = (colon < 0 ? spec : spec.slice(0, colon)).trim();
  const rest = colon < 0 ? undefined : spec.slice(colon + 1);
  switch (head) {
    case 'alerts':
      return parseAlertFilters(spec, rest === '' ? undefined : rest, label);
    case 'transfers': {
      const [asset, chain, ...extra] = (rest ?? '').split(':').map((s) => s.trim());
      if (!asset) throw invalid(spec, 'name the asset, e.g. transfers:USDC', label);
      if (extra.length > 0) throw invalid(spec, 'expected transfers:<asset>[:<chain>]', label);
      return { kind: 'transfers', asset, ...(chain ? { chain } : {}) };
    }
    case 'mentions': {
      const second = rest === undefined ? -1 : rest.indexOf(':');
      // Only the first colon ends the kind: a value may hold colons of its own.
      const entityKind = rest === undefined || second < 0 ? '' : rest.slice(0, second).trim();
      const value = rest === undefined || second < 0 ? '' : rest.slice(second + 1).trim();
      if (!entityKind || !value) throw invalid(spec, 'expected mentions:<entity kind>:<value>', label);
      return { kind: 'mentions', entityKind, value };
    }
    case 'incidents': {
      const second = rest === undefined ? -1 : rest.indexOf(':');
      const source = (second < 0 ? (rest ?? '') : (rest ?? '').slice(0, second)).trim();
      const origin = second < 0 ? undefined : (rest ?? '').slice(second + 1).trim();
      if (!(INTEL_SOURCES as readonly string[]).includes(source))
        throw invalid(
          spec,
          `expected incidents:<source>[:<origin>] with source one of ${INTEL_SOURCES.join(', ')}`,
          label,
        );
      return { kind: 'incidents', source: source as IntelSource, ...(origin ? { origin } : {}) };
    }
    case 'csv': {
      const file = (rest ?? '').trim();
      if (!file) throw invalid(spec, 'expected csv:<file>', label);
      return { kind: 'csv', file };
    }
    default:
      throw invalid(spec, head ? `unknown series "${head}"` : 'empty', label);
  }
}
