import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  dayStartSql,
  decodeIntelCursor,
  encodeIntelCursor,
  MAX_SEARCH_TERMS,
  searchTerms,
  weekStartSql,
} from './intelRows.js';

const utc = (iso: string): number => Date.parse(`${iso}Z`);

describe('intel rows', () => {
  it('bucket arithmetic floors, so times before 1970 fall into their own day and week', () => {
    const db = new Database(':memory:');
    const bucket = (sql: string, t: number) =>
      (db.prepare(`SELECT ${sql} AS b FROM (SELECT ? AS t)`).get(t) as { b: number }).b;
    // 1969-12-31 was a Wednesday; its week began on Monday 1969-12-29.
    expect(bucket(dayStartSql('t'), utc('1969-12-31T12:00:00'))).toBe(utc('1969-12-31T00:00:00'));
    expect(bucket(weekStartSql('t'), utc('1969-12-31T12:00:00'))).toBe(utc('1969-12-29T00:00:00'));
    expect(bucket(weekStartSql('t'), utc('1970-01-04T23:59:59.999'))).toBe(utc('1969-12-29T00:00:00'));
    expect(bucket(weekStartSql('t'), utc('1970-01-05T00:00:00'))).toBe(utc('1970-01-05T00:00:00'));
    expect(bucket(dayStartSql('t'), utc('2024-02-29T23:59:59.999'))).toBe(utc('2024-02-29T00:00:00'));
    db.close();
  });

  it('cursors round-trip and garbage reads as no cursor', () => {
    expect(decodeIntelCursor(encodeIntelCursor(-86_400_000, 7))).toEqual({
      publishedAt: -86_400_000,
      seq: 7,
    });
    expect(decodeIntelCursor(encodeIntelCursor(1_700_000_000_000, 1))).toEqual({
      publishedAt: 1_700_000_000_000,
      seq: 1,
    });
    for (const bad of [
      '',
      'x',
      Buffer.from('1:2:3').toString('base64url'),
      Buffer.from(':5').toString('base64url'),
    ]) {
      expect(decodeIntelCursor(bad)).toBeUndefined();
    }
    expect(decodeIntelCursor(Buffer.from('10:0').toString('base64url'))).toBeUndefined();
  });

  it('search terms are whitespace chunks holding a letter or digit, at most MAX_SEARCH_TERMS', () => {
    expect(searchTerms('  "CVE-2024-12345"  - ( ) flash\tloan ')).toEqual([
      '"CVE-2024-12345"',
      'flash',
      'loan',
    ]);
    expect(searchTerms('" & | !')).toEqual([]);
    expect(searchTerms(Array.from({ length: 40 }, (_, i) => `t${i}`).join(' '))).toHaveLength(
      MAX_SEARCH_TERMS,
    );
  });
});
