import type { ParsedAlertInput } from '../../core/alert.js';
import { type Severity, severityRank } from '../../core/severity.js';
import { compileGlob } from './glob.js';
import type { PolicyMatch } from './policySchema.js';

/** The parts of an alert a policy can look at; both a stored Alert and a dry-run input have them. */
export type PolicyTarget = Pick<ParsedAlertInput, 'area' | 'detector' | 'severity' | 'score' | 'subject'>;

/** One compiled condition of a rule's `match`. */
export interface Condition {
  /** The check alone, for the ingest path: builds no strings. */
  test(alert: PolicyTarget): boolean;
  /** The same check as one line a person can read, ending in ": yes" or ": no". */
  explain(alert: PolicyTarget): string;
}

type Scalar = string | number | boolean;
type Read = (alert: PolicyTarget) => Scalar | undefined;

const listOf = <T>(value: T | readonly T[]): readonly T[] => (Array.isArray(value) ? value : [value as T]);
const answer = (ok: boolean): string => (ok ? 'yes' : 'no');

/** Free text (ids, detectors) is quoted; enum values (area, severity, kind) read better bare. */
function show(value: Scalar | undefined, quoted: boolean): string {
  if (value === undefined) return '(missing)';
  return quoted && typeof value === 'string' ? `'${value}'` : String(value);
}

/** Membership in exact values, compared as text so that YAML's `1` and an alert's "1" agree. */
function oneOf(label: string, read: Read, expected: readonly Scalar[], quoted: boolean): Condition {
  const wanted = new Set(expected.map(String));
  const test = (alert: PolicyTarget): boolean => {
    const value = read(alert);
    return value !== undefined && wanted.has(String(value));
  };
  const single = expected.length === 1 ? show(expected[0], quoted) : undefined;
  const list = `[${expected.join(', ')}]`;
  return {
    test,
    explain(alert) {
      const ok = test(alert);
      const relation =
        single === undefined ? `${ok ? 'in' : 'not in'} ${list}` : `${ok ? 'is' : 'is not'} ${single}`;
      return `${label} ${show(read(alert), quoted)} ${relation}: ${answer(ok)}`;
    },
  };
}

function globs(
  label: string,
  read: (alert: PolicyTarget) => string | undefined,
  patterns: readonly string[],
): Condition {
  const compiled = patterns.map(compileGlob);
  const test = (alert: PolicyTarget): boolean => {
    const value = read(alert);
    return value !== undefined && compiled.some((re) => re.test(value));
  };
  const target = patterns.length === 1 ? `'${patterns[0]}'` : `any of [${patterns.join(', ')}]`;
  return {
    test,
    explain(alert) {
      const ok = test(alert);
      return `${label} ${show(read(alert), true)} ${ok ? 'matches' : 'does not match'} ${target}: ${answer(ok)}`;
    },
  };
}

const COMPARISONS = {
  gte: { symbol: '>=', holds: (a: number, b: number) => a >= b },
  gt: { symbol: '>', holds: (a: number, b: number) => a > b },
  lte: { symbol: '<=', holds: (a: number, b: number) => a <= b },
  lt: { symbol: '<', holds: (a: number, b: number) => a < b },
} as const;
type Bound = keyof typeof COMPARISONS;
type Range<T> = Partial<Record<Bound, T | undefined>>;

/** One condition per given bound, each explained on its own line. */
function bounds<T extends Scalar>(
  label: string,
  read: (alert: PolicyTarget) => T,
  range: Range<T>,
  toNumber: (value: T) => number,
): Condition[] {
  return (Object.keys(COMPARISONS) as Bound[]).flatMap((bound) => {
    const limit = range[bound];
    if (limit === undefined) return [];
    const { symbol, holds } = COMPARISONS[bound];
    const limitNumber = toNumber(limit);
    const test = (alert: PolicyTarget): boolean => holds(toNumber(read(alert)), limitNumber);
    return [
      {
        test,
        explain: (alert: PolicyTarget) =>
          `${label} ${read(alert)} ${symbol} ${limit}: ${answer(test(alert))}`,
      },
    ];
  });
}

function severityConditions(severity: NonNullable<PolicyMatch['severity']>): Condition[] {
  const read = (alert: PolicyTarget): Severity => alert.severity;
  return typeof severity === 'string' || Array.isArray(severity)
    ? [oneOf('severity', read, listOf(severity), false)]
    : bounds('severity', read, severity, severityRank);
}

/** Compiles a rule's `match` into conditions, in the order they are explained. */
export function compileMatch(match: PolicyMatch): Condition[] {
  const { area, detector, severity, score, subject } = match;
  const conditions: Condition[] = [];
  if (area !== undefined) conditions.push(oneOf('area', (a) => a.area, listOf(area), false));
  if (detector !== undefined) conditions.push(globs('detector', (a) => a.detector, listOf(detector)));
  if (severity !== undefined) conditions.push(...severityConditions(severity));
  if (score !== undefined) conditions.push(...bounds('score', (a) => a.score, score, Number));
  if (subject?.kind !== undefined) {
    conditions.push(oneOf('subject.kind', (a) => a.subject.kind, listOf(subject.kind), false));
  }
  if (subject?.id !== undefined) {
    conditions.push(globs('subject.id', (a) => a.subject.id, listOf(subject.id)));
  }
  if (subject?.chain !== undefined) {
    conditions.push(globs('subject.chain', (a) => a.subject.chain, listOf(subject.chain)));
  }
  for (const [name, expected] of Object.entries(subject?.attributes ?? {})) {
    const read = (a: PolicyTarget) => {
      const attributes = a.subject.attributes;
      return attributes !== undefined && Object.hasOwn(attributes, name) ? attributes[name] : undefined;
    };
    conditions.push(oneOf(`subject.attributes.${name}`, read, listOf(expected), true));
  }
  return conditions;
}
