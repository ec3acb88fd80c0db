import type { TransferEvent } from '../../core/transferEvent.js';
import type { Random } from '../../ml/random.js';

/** The ways a line in the stream is broken on purpose; each one must be rejected by a source. */
export const MALFORMED_KINDS = [
  'truncated',
  'not-json',
  'negative-amount',
  'missing-to',
  'bad-jurisdiction',
  'time-as-text',
  'amount-as-text',
] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

const GARBAGE = [
  '<html><body><h1>502 Bad Gateway</h1></body></html>',
  'ERROR: connection reset by peer',
  'undefined',
  'null',
  '[]',
  '{"time":',
  '"just a string"',
];

/**
 * A broken version of a real record: cut short, replaced by noise, or valid JSON that breaks the
 * TransferEvent schema (a negative amount, a missing recipient, a country name for a code, a date
 * string for epoch ms, an amount as text).
 */
export function malformedLine(
  line: string,
  event: TransferEvent,
  kind: MalformedKind,
  random: Random,
): string {
  switch (kind) {
    case 'truncated':
      // Any proper prefix of a JSON object leaves it unclosed.
      return line.slice(0, 1 + random.int(line.length - 1));
    case 'not-json':
      return GARBAGE[random.int(GARBAGE.length)] as string;
    case 'negative-amount':
      return JSON.stringify({ ...event, amount: -(event.amount + 1) });
    case 'missing-to':
      return JSON.stringify({ ...event, to: undefined });
    case 'bad-jurisdiction':
      return JSON.stringify({ ...event, fromJurisdiction: 'Germany' });
    case 'time-as-text':
      return JSON.stringify({ ...event, time: new Date(event.time).toISOString() });
    case 'amount-as-text':
      return JSON.stringify({ ...event, amount: String(event.amount) });
  }
}
