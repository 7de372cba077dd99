import type { z } from 'zod';
import { claimSchema, type Claim, type ClaimInput, type jobSchema } from '../../src/claims/claim-schema.js';
import { unitSchema, type Unit, type UnitInput } from '../../src/units/unit-schema.js';
import { withCheckDigit } from '../../src/units/vin.js';
import type { HistoryEntry } from '../../src/adjudication/history.js';

export type JobInput = z.input<typeof jobSchema>;
type EvidenceInput = NonNullable<ClaimInput['evidence']>;

/** A claim as a test writes it: any claim field, the evidence merged over the defaults, and the jobs. */
export type ClaimOverrides = Omit<Partial<ClaimInput>, 'evidence'> & { evidence?: Partial<EvidenceInput> };

export const NEV_VIN = withCheckDigit('LB9BL5180M0000042');
export const NEV_UPFIT_SERIAL = 'QZ-2021-0042';
export const EBIKE_FRAME_SERIAL = 'FS-20250110-01';
export const EBIKE_WARRANTY_CARD = 'WC-20250110-01';

/** A truck-mounted crane sold 2021-03-15 in Hubei (no local standard). */
export function buildNevUnit(overrides: Partial<UnitInput> = {}): Unit {
  return unitSchema.parse({
    unitId: 'NEV-0042',
    productLine: 'nev-special-vehicle',
    model: 'BL5180JSQ',
    vin: NEV_VIN,
    upfitSerial: NEV_UPFIT_SERIAL,
    saleDate: '2021-03-15',
    region: 'CN-HB',
    dealerId: 'D-WH-01',
    chassisMaker: 'CHS-01',
    ...overrides,
  });
}

/** An e-bike sold 2025-01-10 with its warranty card. */
export function buildEbikeUnit(overrides: Partial<UnitInput> = {}): Unit {
  return unitSchema.parse({
    unitId: 'EB-20250110',
    productLine: 'e-bike',
    model: 'TDT-1500Z',
    frameSerial: EBIKE_FRAME_SERIAL,
    warrantyCardNumber: EBIKE_WARRANTY_CARD,
    saleDate: '2025-01-10',
    region: 'CN-ZJ',
    ...overrides,
  });
}

/** A NEV battery pack that will not charge, from a material defect, at its catalogue price. */
export function buildJob(overrides: Partial<JobInput> = {}): JobInput {
  return {
    jobId: 'J1',
    component: 'traction-battery',
    failureMode: 'no-charge',
    cause: 'defect-material',
    causalPart: { partNumber: 'NEV-BAT-001', quantity: 1, unitPriceFen: 6_800_000 },
    ...overrides,
  };
}

/** An e-bike controller fault from a manufacturing defect, at its catalogue price. */
export function buildEbikeJob(overrides: Partial<JobInput> = {}): JobInput {
  return {
    jobId: 'J1',
    component: 'controller',
    failureMode: 'malfunction',
    cause: 'defect-manufacturing',
    causalPart: { partNumber: 'EB-CTRL-01', quantity: 1, unitPriceFen: 18_000 },
    ...overrides,
  };
}

/**
 * A NEV claim from station S1 on the default unit: battery job, 150,000 km, failure 2025-06-01,
 * repair the day after, two photos, fault state preserved. Parsed, so the schema's defaults are set.
 */
export function buildClaim(overrides: ClaimOverrides = {}): Claim {
  const { evidence, ...rest } = overrides;
  return claimSchema.parse({
    claimNumber: 'S1-2025-000001',
    stationId: 'S1',
    unit: { vin: NEV_VIN, upfitSerial: NEV_UPFIT_SERIAL },
    odometerKm: 150_000,
    failureDate: '2025-06-01',
    repairDate: '2025-06-02',
    reportedFault: 'battery will not charge',
    jobs: [buildJob()],
    ...rest,
    evidence: { photos: 2, faultStatePreserved: true, ...evidence },
  });
}

/** An e-bike claim from station S1 on the default e-bike: controller job, warranty card shown. */
export function buildEbikeClaim(overrides: ClaimOverrides = {}): Claim {
  const { evidence, ...rest } = overrides;
  return claimSchema.parse({
    claimNumber: 'S1-2025-100001',
    stationId: 'S1',
    unit: { frameSerial: EBIKE_FRAME_SERIAL },
    odometerKm: null,
    failureDate: '2025-03-01',
    repairDate: '2025-03-02',
    reportedFault: 'controller dead',
    jobs: [buildEbikeJob()],
    ...rest,
    evidence: { photos: 1, faultStatePreserved: true, warrantyCardNumber: EBIKE_WARRANTY_CARD, ...evidence },
  });
}

/** An earlier covered repair of the battery at S1 on the default NEV unit. */
export function buildHistoryEntry(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    claimNumber: 'S1-2025-000000',
    stationId: 'S1',
    failureDate: '2025-04-01',
    repairDate: '2025-04-02',
    odometerKm: 140_000,
    jobs: [{ jobId: 'J1', component: 'traction-battery', partNumbers: ['NEV-BAT-001'], covered: true }],
    ...overrides,
  };
}
