import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

export interface CsvRow {
  /** 1-based line where the record starts, the header being line 1. */
  line: number;
  fields: Record<string, string>;
}

/**
 * Streams a CSV file with a header row as records keyed by column name. A record the parser cannot read
 * (a broken quote, a wrong column count) is handed to onBadRecord and the stream goes on.
 */
export async function* csvRows(
  path: string,
  onBadRecord: (line: number, reason: string) => void,
): AsyncGenerator<CsvRow> {
  const parser = createReadStream(path).pipe(
    parse({
      columns: true,
      bom: true,
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      trim: true,
    }),
  );
  parser.on('skip', (error: Error & { lines?: number }) => {
    onBadRecord(error.lines ?? 0, error.message);
  });
  for await (const item of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    yield { line: item.info.lines, fields: item.record };
  }
}

/** The header of a CSV file, read without loading the rest. */
export async function csvHeader(path: string): Promise<string[]> {
  const parser = createReadStream(path).pipe(parse({ bom: true, to_line: 1 }));
  for await (const record of parser as AsyncIterable<string[]>) return record;
  return [];
}
