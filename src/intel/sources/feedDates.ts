const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Zones RFC 822 names (section 5.1), as minutes east of UTC. */
const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

const RFC822 =
  /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,3})?$/;

const RFC3339 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** An RFC 3339 / ISO 8601 time (Atom's updated and published); NaN when it is not one. */
export function parseRfc3339(text: string): number {
  const t = text.trim();
  if (!RFC3339.test(t)) return Number.NaN;
  // A date alone, or a time without a zone, is read as UTC rather than as the machine's local time.
  const withZone = /T/i.test(t) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(t) ? `${t}Z` : t;
  return Date.parse(withZone);
}

/**
 * An RSS pubDate: RFC 822 as RSS 2.0 asks ("Tue, 10 Jun 2003 04:00:00 GMT", "+0200", two-digit years),
 * or the ISO 8601 many feeds write instead. NaN for anything else, so a bad date is reported rather than
 * guessed at by Date.parse's leniency.
 */
export function parseFeedDate(text: string): number {
  const t = text.trim().replace(/\s+/g, ' ');
  const m = RFC822.exec(t);
  if (!m) return parseRfc3339(t);
  const [, day, monthName, yearText, hour, minute, second, zone] = m;
  const month = MONTHS.indexOf((monthName as string).toLowerCase());
  if (month < 0) return Number.NaN;
  let year = Number(yearText);
  if ((yearText as string).length === 2) year += year < 50 ? 2000 : 1900;
  let offset = 0;
  if (zone !== undefined) {
    if (/^[+-]\d{4}$/.test(zone)) {
      const sign = zone.startsWith('-') ? -1 : 1;
      offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
    } else {
      const known = ZONES[zone.toUpperCase()];
      if (known === undefined) return Number.NaN;
      offset = known;
    }
  }
  const d = Number(day);
  const h = Number(hour);
  const min = Number(minute);
  const s = Number(second ?? 0);
  if (d < 1 || d > 31 || h > 23 || min > 59 || s > 60) return Number.NaN;
  const utc = Date.UTC(year, month, d, h, min, Math.min(s, 59));
  // Date.UTC rolls 31 Feb over into March; such a date is wrong, not a different day.
  if (new Date(utc).getUTCDate() !== d) return Number.NaN;
  return utc - offset * 60_000;
}
