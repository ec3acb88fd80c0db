import type { Database } from 'better-sqlite3';
import type { Label } from '../../core/label.js';
import {
  LABEL_COLUMNS,
  LABEL_READ_PAGE,
  labelFromRow,
  labelValues,
  labelWhere,
  latestPerKey,
} from '../labelRows.js';
import { pageOf, pageSize } from '../rows.js';
import type { LabelRepository } from '../types.js';

type Row = Record<string, unknown>;

export function sqliteLabels(db: Database): LabelRepository {
  const exists = db.prepare(
    'SELECT 1 FROM labels WHERE chain = ? AND address = ? AND category = ? AND source = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO labels (${LABEL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (chain, address, category, source) DO UPDATE SET
       label = excluded.label, source_ref = excluded.source_ref,
       listed_at = excluded.listed_at, imported_at = excluded.imported_at`,
  );
  const byAddress = db.prepare('SELECT * FROM labels WHERE chain = ? AND address = ? ORDER BY seq');
  const pageAll = db.prepare('SELECT * FROM labels WHERE seq > ? ORDER BY seq LIMIT ?');
  const pageChain = db.prepare('SELECT * FROM labels WHERE chain = ? AND seq > ? ORDER BY seq LIMIT ?');

  const upsertAll = db.transaction((labels: readonly Label[]) => {
    let inserted = 0;
    let updated = 0;
    for (const label of labels) {
      if (exists.get(label.chain, label.address, label.category, label.source)) updated++;
      else inserted++;
      upsert.run(...labelValues(label));
    }
    return { inserted, updated };
  });

  return {
    async upsertMany(labels) {
      return upsertAll(latestPerKey(labels));
    },
    async forAddress(chain, address) {
      return (byAddress.all(chain, address) as Row[]).map(labelFromRow);
    },
    async list(filter) {
      const limit = pageSize(filter.limit);
      const where = labelWhere(filter);
      const rows = db
        .prepare(`SELECT * FROM labels ${where.sql} ORDER BY seq DESC LIMIT ?`)
        .all(...where.params, limit + 1) as Row[];
      return pageOf(rows, limit, labelFromRow);
    },
    async count(filter) {
      const where = labelWhere(filter);
      const row = db.prepare(`SELECT COUNT(*) AS n FROM labels ${where.sql}`).get(...where.params) as {
        n: number;
      };
      return row.n;
    },
    async *all(chain) {
      // Paged rather than one open iterator: a pending iterator would keep the connection busy and
      // block every other statement until the reader finished.
      let after = 0;
      for (;;) {
        const rows = (
          chain === undefined
            ? pageAll.all(after, LABEL_READ_PAGE)
            : pageChain.all(chain, after, LABEL_READ_PAGE)
        ) as Row[];
        for (const row of rows) yield labelFromRow(row);
        const last = rows.at(-1);
        if (rows.length < LABEL_READ_PAGE || last === undefined) return;
        after = Number(last.seq);
      }
    },
  };
}
