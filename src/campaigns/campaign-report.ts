import type { Db } from '../db/db.js';
import { isAffected } from '../adjudication/campaign-terms.js';
import { UnitStore } from '../units/unit-store.js';
import { unpackJob } from '../adjudication/decision-codec.js';
import type { CampaignView } from './campaign-service.js';

/** One campaign job of a claim's latest decision. */
export interface CampaignClaimJob {
  claimNumber: string;
  stationId: string;
  unitId: string | null;
  jobId: string;
  status: 'covered' | 'denied' | 'pended';
  campaignVersion: number | null;
  approvedFen: number;
  reasonCodes: string[];
}

export interface CampaignReport {
  code: string;
  version: number;
  status: CampaignView['status'];
  today: string;
  unitsAffected: number;
  unitsCompleted: number;
  /** Completed over affected, in per cent to one decimal; null when the campaign names no registered unit. */
  completionPct: number | null;
  /** What the covered campaign jobs cost, in fen. */
  costFen: number;
  claims: { covered: number; denied: number; pended: number };
  units: Array<{ unitId: string; vin: string | null; serialNumber: string | null; model: string; completed: boolean; claimNumbers: string[]; costFen: number }>;
  jobs: CampaignClaimJob[];
}

interface JobRow {
  claim_number: string;
  station_id: string;
  unit_id: string | null;
  /** The job as its decision stores it: compact (decision-codec.ts) or, stored before that, whole. */
  compact: boolean;
  job: { jobId: string; status: CampaignClaimJob['status']; campaign?: { code: string; version: number | null }; reasons: Array<{ code: string }>; lines: Array<{ approvedFen: number; status: string }> };
}

/** The campaign jobs in every claim's latest decision (latest revision, latest version). */
async function campaignJobs(db: Db, code: string): Promise<CampaignClaimJob[]> {
  const { rows } = await db.query<JobRow>(
    `SELECT c.claim_number, c.station_id, c.unit_id, d.decision ? 'compact' AS compact, j AS job
       FROM claims c
       JOIN LATERAL (SELECT decision FROM decisions WHERE claim_id = c.id ORDER BY version DESC LIMIT 1) d ON true
       CROSS JOIN LATERAL jsonb_array_elements(d.decision -> 'jobs') j
      WHERE j -> 'campaign' ->> 'code' = $1
        AND c.revision = (SELECT max(revision) FROM claims c2 WHERE c2.station_id = c.station_id AND c2.claim_number = c.claim_number)
      ORDER BY c.claim_number, c.station_id`,
    [code],
  );
  return rows.map((r) => {
    const stored = typeof r.job === 'string' ? (JSON.parse(r.job) as JobRow['job']) : r.job;
    const job = r.compact ? unpackJob(stored as unknown as Record<string, unknown>) : stored;
    return {
      claimNumber: r.claim_number, stationId: r.station_id, unitId: r.unit_id, jobId: job.jobId, status: job.status,
      campaignVersion: job.campaign?.version ?? null,
      approvedFen: job.status === 'covered' ? job.lines.reduce((s, l) => s + (l.status === 'pended' ? 0 : l.approvedFen), 0) : 0,
      reasonCodes: job.reasons.map((x) => x.code),
    };
  });
}

/** Per campaign: the units it names, the units completed (a covered campaign job), completion and cost in fen. */
export async function campaignReport(db: Db, campaign: CampaignView): Promise<CampaignReport> {
  const [units, jobs] = await Promise.all([new UnitStore(db).ofProductLine(campaign.productLine), campaignJobs(db, campaign.code)]);
  const affected = units.filter((u) => isAffected(campaign, u));
  const covered = jobs.filter((j) => j.status === 'covered');
  const byUnit = new Map<string, CampaignClaimJob[]>();
  for (const j of covered) if (j.unitId !== null) byUnit.set(j.unitId, [...(byUnit.get(j.unitId) ?? []), j]);
  const rows = affected.map((u) => {
    const done = byUnit.get(u.unitId) ?? [];
    return { unitId: u.unitId, vin: u.vin ?? null, serialNumber: u.serialNumber ?? u.frameSerial ?? null, model: u.model, completed: done.length > 0, claimNumbers: [...new Set(done.map((j) => j.claimNumber))], costFen: done.reduce((s, j) => s + j.approvedFen, 0) };
  });
  const completed = rows.filter((r) => r.completed).length;
  return {
    code: campaign.code,
    version: campaign.version,
    status: campaign.status,
    today: campaign.today,
    unitsAffected: affected.length,
    unitsCompleted: completed,
    completionPct: affected.length === 0 ? null : Math.round((completed * 1000) / affected.length) / 10,
    costFen: covered.reduce((s, j) => s + j.approvedFen, 0),
    claims: { covered: covered.length, denied: jobs.filter((j) => j.status === 'denied').length, pended: jobs.filter((j) => j.status === 'pended').length },
    units: rows,
    jobs,
  };
}
