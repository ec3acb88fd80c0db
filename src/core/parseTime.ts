/**
 * A time as a user writes it on the command line or in a query string: a date (2024-03-01), an ISO
 * time (2024-03-01T12:00:00Z; without a zone it is UTC), or epoch milliseconds. Undefined when it is
 * none of these.
 */
export function parseTime(text: string): number | undefined {
  const s = text.trim();
  if (/^-?\d+$/.test(s)) {
    const ms = Number(s);
    return Number.isSafeInteger(ms) ? ms : undefined;
  }
  if (!/^\d{4}-\d{2}(-\d{2})?([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(s))
    return undefined;
  const iso = s.replace(' ', 'T');
  const zoned = /T/.test(iso) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(iso) ? `${iso}Z` : iso;
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) ? ms : undefined;
}
