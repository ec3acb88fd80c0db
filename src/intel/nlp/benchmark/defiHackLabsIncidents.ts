import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** One DeFiHackLabs incident: the fields the classifier benchmark uses. */
export interface DefiHackLabsIncident {
  date: string;
  name: string;
  rootCause: string;
}

/** Reads incidents.csv (date, name, root_cause, ...), keeping the rows that give a root cause. */
export function readDefiHackLabsIncidents(incidentsCsv: string): DefiHackLabsIncident[] {
  const rows = parse(readFileSync(incidentsCsv, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  return rows
    .map((row) => ({ date: row.date ?? '', name: row.name ?? '', rootCause: (row.root_cause ?? '').trim() }))
    .filter((incident) => incident.rootCause.length > 0);
}
