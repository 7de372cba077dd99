import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { claimSchema } from '../../src/claims/claim-schema.js';
import { hypotheticalClaim } from '../../src/eligibility/eligibility.js';
import type { Unit } from '../../src/units/unit-schema.js';
import { todayIn } from '../../src/terms/term-arithmetic.js';
import { buildNevUnit } from '../support/builders.js';

describe('the pre-check builds its claims typed, as the schema would parse them', () => {
  it('equals the parse of the same claim, defaults included, for a unit with a VIN and with a frame serial', () => {
    const withVin = buildNevUnit({ warrantyCardNumber: 'WC-1' });
    const { vin: _vin, ...rest } = buildNevUnit();
    const withFrame: Unit = { ...rest, frameSerial: 'FR-77' };
    for (const [unit, odometerKm] of [[withVin, 80_000], [withFrame, undefined]] as Array<[Unit, number | undefined]>) {
      const built = hypotheticalClaim(unit, '2026-03-20', odometerKm, 'electric-steering', 'NEV-EPS-001', 'unspecified');
      const parsed = claimSchema.parse({
        claimNumber: 'eligibility', stationId: 'eligibility',
        unit: unit.vin !== undefined ? { vin: unit.vin } : { frameSerial: unit.frameSerial },
        odometerKm: odometerKm ?? null, failureDate: '2026-03-20', repairDate: '2026-03-20',
        evidence: { photos: 1, faultStatePreserved: true, warrantyCardNumber: unit.warrantyCardNumber ?? null },
        jobs: [{ jobId: 'J1', component: 'electric-steering', failureMode: 'unspecified', cause: 'defect-material', causalPart: { partNumber: 'NEV-EPS-001', quantity: 1, unitPriceFen: 0 } }],
      });
      expect(built).toStrictEqual(parsed);
    }
  });

  it("names today's date in the policy zone as luxon does, across midnight and in several zones", () => {
    const instants = ['2026-03-19T15:59:59.999Z', '2026-03-19T16:00:00Z', '2026-12-31T23:30:00Z', '2024-02-29T10:00:00Z'];
    for (const zone of ['Asia/Shanghai', 'UTC', 'utc', 'America/Los_Angeles', 'Asia/Kolkata']) {
      for (const iso of instants) {
        const now = new Date(iso);
        expect(todayIn(zone, now)).toBe(DateTime.fromJSDate(now).setZone(zone).toISODate());
      }
    }
  });
});
