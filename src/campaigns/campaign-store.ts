import type { Queryable } from '../db/db.js';
import type { CampaignAffected, CampaignStep, CampaignTerms } from '../adjudication/campaign-terms.js';

export type CampaignKind = 'recall' | 'service-action';

/** One version of a campaign's definition, as recorded. */
export interface CampaignVersion {
  code: string;
  version: number;
  kind: CampaignKind;
  productLine: string;
  title: string;
  affected: CampaignAffected;
  terms: CampaignTerms;
  note: string;
  createdBy: string;
  createdAt: string;
}

/** An opening or closing of a campaign, as recorded. */
export interface RecordedStep extends CampaignStep {
  seq: number;
  note: string;
  recordedBy: string;
  recordedAt: string;
}

type Row = Record<string, unknown>;
const VERSION_COLUMNS = 'code, version, kind, product_line, definition, note, created_by, created_at';
const STEP_COLUMNS = `code, seq, step, to_char(effective_on, 'YYYY-MM-DD') AS effective_on, note, recorded_by, recorded_at`;
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as { title: string; affected: CampaignAffected; terms: CampaignTerms };

function mapVersion(r: Row): CampaignVersion {
  const d = json(r.definition);
  return {
    code: String(r.code), version: Number(r.version), kind: r.kind as CampaignKind, productLine: String(r.product_line),
    title: d.title, affected: d.affected, terms: d.terms, note: String(r.note), createdBy: String(r.created_by), createdAt: new Date(r.created_at as string).toISOString(),
  };
}

function mapStep(r: Row): RecordedStep & { code: string } {
  return { code: String(r.code), seq: Number(r.seq), step: r.step as CampaignStep['step'], on: String(r.effective_on), note: String(r.note), recordedBy: String(r.recorded_by), recordedAt: new Date(r.recorded_at as string).toISOString() };
}

/** Campaign versions and steps: appended, never changed (the database refuses it). */
export class CampaignStore {
  constructor(private readonly db: Queryable) {}

  /** Appends the version; false when that version of the code exists already (a concurrent edit). */
  async insertVersion(v: Omit<CampaignVersion, 'createdAt'>, at: Date, db: Queryable = this.db): Promise<boolean> {
    const result = await db.query(
      `INSERT INTO campaign_versions (${VERSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [v.code, v.version, v.kind, v.productLine, JSON.stringify({ title: v.title, affected: v.affected, terms: v.terms }), v.note, v.createdBy, at.toISOString()],
    );
    return result.rowCount === 1;
  }

  /** Appends the step; false when that sequence number is taken (a concurrent step). */
  async insertStep(code: string, s: Omit<RecordedStep, 'recordedAt'>, at: Date, db: Queryable = this.db): Promise<boolean> {
    const result = await db.query(
      `INSERT INTO campaign_steps (code, seq, step, effective_on, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [code, s.seq, s.step, s.on, s.note, s.recordedBy, at.toISOString()],
    );
    return result.rowCount === 1;
  }

  async versions(code: string, db: Queryable = this.db): Promise<CampaignVersion[]> {
    const { rows } = await db.query<Row>(`SELECT ${VERSION_COLUMNS} FROM campaign_versions WHERE code = $1 ORDER BY version`, [code]);
    return rows.map(mapVersion);
  }

  async steps(code: string, db: Queryable = this.db): Promise<RecordedStep[]> {
    const { rows } = await db.query<Row>(`SELECT ${STEP_COLUMNS} FROM campaign_steps WHERE code = $1 ORDER BY seq`, [code]);
    return rows.map(mapStep);
  }

  /** The latest version of each campaign, by code. */
  async latest(codes?: readonly string[], db: Queryable = this.db): Promise<CampaignVersion[]> {
    const { rows } = await db.query<Row>(
      `SELECT DISTINCT ON (code) ${VERSION_COLUMNS} FROM campaign_versions WHERE ($1::text[] IS NULL OR code = ANY($1::text[])) ORDER BY code, version DESC`,
      [codes ? [...codes] : null],
    );
    return rows.map(mapVersion);
  }

  /** Named versions ({code, version}), as a backtest re-decides with the version that decided. */
  async exact(keys: ReadonlyArray<{ code: string; version: number }>, db: Queryable = this.db): Promise<CampaignVersion[]> {
    if (keys.length === 0) return [];
    const { rows } = await db.query<Row>(
      `SELECT ${VERSION_COLUMNS} FROM campaign_versions v WHERE (code, version) IN (SELECT * FROM unnest($1::text[], $2::int[]))`,
      [keys.map((k) => k.code), keys.map((k) => k.version)],
    );
    return rows.map(mapVersion);
  }

  /** The steps of several campaigns, in order, recorded up to `asOf` (all when absent). */
  async stepsOf(codes: readonly string[], asOf?: Date, db: Queryable = this.db): Promise<Map<string, RecordedStep[]>> {
    const out = new Map<string, RecordedStep[]>(codes.map((c) => [c, []]));
    if (codes.length === 0) return out;
    const { rows } = await db.query<Row>(
      `SELECT ${STEP_COLUMNS} FROM campaign_steps WHERE code = ANY($1::text[]) AND ($2::timestamptz IS NULL OR recorded_at <= $2) ORDER BY code, seq`,
      [[...codes], asOf ? asOf.toISOString() : null],
    );
    for (const r of rows.map(mapStep)) out.get(r.code)!.push(r);
    return out;
  }
}
