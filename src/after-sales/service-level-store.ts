import type { Queryable } from '../db/db.js';

export interface ServiceLevelFacts {
  reportedAt?: string; contactedAt?: string; dispatchedAt?: string; arrivedAt?: string; customerArrivedAt?: string; workStartedAt?: string; completedAt?: string;
  distanceBand?: string; difficulty?: string; exemptions?: string[];
}

/** The latest revision of a station's claims repaired in [from, to] (days), with the unit's product line and the service-level facts. */
export class ServiceLevelStore {
  constructor(private readonly db: Queryable) {}

  async claims(stationId: string, from: string, to: string): Promise<Array<{ claimNumber: string; repairDate: string; productLine: string | null; serviceLevel: ServiceLevelFacts | null }>> {
    const { rows } = await this.db.query<{ claim_number: string; repair_date: string; product_line: string | null; service_level: ServiceLevelFacts | string | null }>(
      `SELECT c.claim_number, to_char(c.repair_date, 'YYYY-MM-DD') AS repair_date, u.product_line, c.body_text::jsonb -> 'serviceLevel' AS service_level
         FROM claims c LEFT JOIN units u ON u.unit_id = c.unit_id
        WHERE c.station_id = $1 AND c.repair_date >= $2 AND c.repair_date <= $3
          AND c.revision = (SELECT max(revision) FROM claims c3 WHERE c3.station_id = c.station_id AND c3.claim_number = c.claim_number)
        ORDER BY c.claim_number`,
      [stationId, from, to],
    );
    return rows.map((r) => ({
      claimNumber: r.claim_number, repairDate: r.repair_date, productLine: r.product_line,
      serviceLevel: typeof r.service_level === 'string' ? JSON.parse(r.service_level) : r.service_level,
    }));
  }
}
