import type { Queryable } from '../db/db.js';
import type { RuleBook } from '../rules/rule-book.js';

export interface StoredVersion {
  kind: 'rule-set' | 'policy';
  id: string;
  version: string;
  productLine: string;
  effective: { from: string; to: string | null };
  hash: string;
  firstLoadedAt: string;
}

interface Row {
  kind: 'rule-set' | 'policy';
  id: string;
  version: string;
  product_line: string;
  effective_from: string;
  effective_to: string | null;
  hash: string;
  first_loaded_at: Date | string;
  content?: unknown;
}

function mapRow(r: Row): StoredVersion {
  return { kind: r.kind, id: r.id, version: r.version, productLine: r.product_line, effective: { from: r.effective_from, to: r.effective_to }, hash: r.hash, firstLoadedAt: new Date(r.first_loaded_at).toISOString() };
}

export class RuleSetStore {
  constructor(private readonly db: Queryable) {}

  /** Records every file of a rule book by content hash (idempotent). */
  async record(book: RuleBook): Promise<void> {
    const items = [
      ...book.ruleSets.map((r) => ({ kind: 'rule-set', hash: r.hash, file: r.file })),
      ...book.policies.map((p) => ({ kind: 'policy', hash: p.hash, file: p.file })),
    ];
    for (const { kind, hash, file } of items) {
      await this.db.query(
        `INSERT INTO rule_set_versions (hash, kind, id, version, product_line, effective_from, effective_to, content)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (hash) DO NOTHING`,
        [hash, kind, file.id, file.version, file.productLine, file.effective.from, file.effective.to ?? null, JSON.stringify(file)],
      );
    }
  }

  /** Rule sets, then policies, by id, version and first load; a page of `limit` after the version with hash `after`. */
  async list(page: { after?: string | undefined; limit?: number } = {}): Promise<StoredVersion[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT kind, id, version, product_line, effective_from, effective_to, hash, first_loaded_at FROM rule_set_versions v
        WHERE $1::text IS NULL OR EXISTS (SELECT 1 FROM rule_set_versions a WHERE a.hash = $1
                AND (v.kind < a.kind OR (v.kind = a.kind AND (v.id, v.version, v.first_loaded_at, v.hash) > (a.id, a.version, a.first_loaded_at, a.hash))))
        ORDER BY kind DESC, id, version, first_loaded_at, hash
        LIMIT $2`,
      [page.after ?? null, page.limit ?? null],
    );
    return rows.map(mapRow);
  }

  /** The stored contents of a version: every hash it has had, newest first. */
  async contents(id: string, version: string): Promise<Array<StoredVersion & { content: unknown }>> {
    const { rows } = await this.db.query<Row>(
      'SELECT kind, id, version, product_line, effective_from, effective_to, hash, first_loaded_at, content FROM rule_set_versions WHERE id = $1 AND version = $2 ORDER BY first_loaded_at DESC',
      [id, version],
    );
    return rows.map((r) => ({ ...mapRow(r), content: typeof r.content === 'string' ? JSON.parse(r.content) : r.content }));
  }

  /**
   * How many latest decisions of claims were made by a rule set version, and per rule in how many of
   * them it fired (its conditions held for some job).
   */
  async firedRules(id: string, version: string): Promise<{ decisions: number; fired: Map<string, number> }> {
    const latest = `SELECT d.id, d.decision, d.rule_set_hash FROM decisions d
        WHERE d.rule_set_id = $1 AND d.rule_set_version = $2
          AND d.version = (SELECT max(v.version) FROM decisions v WHERE v.claim_id = d.claim_id)`;
    // A trace stored whole lists its entries; a compact one (trace-codec.ts) names a rule that held as
    // "<index in the file>T" at the start of an entry, and keeps the core's own entries whole in "extra".
    const [{ rows: counted }, { rows }] = await Promise.all([
      this.db.query<{ n: number | string }>(`SELECT count(*) AS n FROM (${latest}) l`, [id, version]),
      this.db.query<{ rule: string; n: number | string }>(
        `SELECT rule, count(DISTINCT id) AS n FROM (
           SELECT l.id, t->>'rule' AS rule
             FROM (${latest}) l
             CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(l.decision->'trace') = 'object' THEN coalesce(l.decision->'trace'->'extra', '[]'::jsonb)
                                                          ELSE coalesce(l.decision->'trace', '[]'::jsonb) END) t
            WHERE t->>'result' = 'true'
           UNION ALL
           SELECT l.id, f.content->'rules'->(m[1]::int)->>'name' AS rule
             FROM (${latest}) l
             JOIN rule_set_versions f ON f.hash = l.rule_set_hash
             CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(l.decision->'trace') = 'object' THEN l.decision->'trace'->'jobs' ELSE '[]'::jsonb END) j
             CROSS JOIN LATERAL regexp_matches(j->>1, '(?:^|,)([0-9]+)T', 'g') m
         ) fired
         GROUP BY rule`,
        [id, version],
      ),
    ]);
    return { decisions: Number(counted[0]?.n ?? 0), fired: new Map(rows.map((r) => [r.rule, Number(r.n)])) };
  }
}
