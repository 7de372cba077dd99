import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { buildClaim, buildEbikeClaim, buildEbikeJob, buildEbikeUnit, buildJob, buildNevUnit, type JobInput } from '../../support/builders.js';
import { codesOf, decide, jobOf } from '../../support/decide.js';
import { ClaimDataError } from '../../../src/errors/claim-data-error.js';

/** The repair the day after the failure, the claim received five days after it: inside the filing window. */
function datesFrom(failureDate: string) {
  const failure = DateTime.fromISO(failureDate);
  return { failureDate, repairDate: failure.plus({ days: 1 }).toISODate()!, today: failure.plus({ days: 5 }).toISODate()! };
}

interface TermRow {
  term: string;
  what: string;
  job: JobInput;
  lastCoveredDay: string;
  dayAfter: string;
}

const nevPart = (component: string, failureMode: string, partNumber: string, unitPriceFen: number): JobInput =>
  buildJob({ component, failureMode, cause: 'defect-manufacturing', causalPart: { partNumber, quantity: 1, unitPriceFen } });

// NEV sold 2021-03-15 (SPEC §3.1).
const nevTerms: TermRow[] = [
  { term: 'core-three-electric', what: 'a battery (60 months)', job: nevPart('traction-battery', 'cell-failure', 'NEV-BAT-001', 6_800_000), lastCoveredDay: '2026-03-14', dayAfter: '2026-03-15' },
  { term: 'small-three-electric', what: 'electric steering (36 months)', job: nevPart('electric-steering', 'malfunction', 'NEV-EPS-001', 340_000), lastCoveredDay: '2024-03-14', dayAfter: '2024-03-15' },
  { term: 'upfit-structure', what: 'a crane boom (24 months)', job: nevPart('crane-boom', 'crack', 'NEV-BOOM-001', 1_200_000), lastCoveredDay: '2023-03-14', dayAfter: '2023-03-15' },
  { term: 'whole-vehicle', what: 'a cab lamp (12 months)', job: nevPart('cab-lamp', 'open-circuit', 'NEV-LAMP-001', 26_000), lastCoveredDay: '2022-03-14', dayAfter: '2022-03-15' },
];

const ebikePart = (component: string, failureMode: string, partNumber: string, unitPriceFen: number): JobInput =>
  buildEbikeJob({ component, failureMode, cause: 'defect-material', causalPart: { partNumber, quantity: 1, unitPriceFen } });

// E-bike sold 2025-01-10 (SPEC §3.2).
const ebikeTerms: TermRow[] = [
  { term: 'inner-tube', what: 'an inner tube leak (15 days)', job: ebikePart('inner-tube', 'leak', 'EB-TUBE-16', 2_500), lastCoveredDay: '2025-01-24', dayAfter: '2025-01-25' },
  { term: 'plated-parts', what: 'a rim plating blister (3 months)', job: ebikePart('rim', 'plating-blister', 'EB-RIM-26', 8_000), lastCoveredDay: '2025-04-09', dayAfter: '2025-04-10' },
  { term: 'painted-parts', what: 'frame paint peeling (6 months)', job: ebikePart('frame', 'paint-peel', 'EB-FRAME-01', 42_000), lastCoveredDay: '2025-07-09', dayAfter: '2025-07-10' },
  { term: 'axles-and-freewheel', what: 'a front axle breaking (3 months)', job: ebikePart('front-axle', 'breakage', 'EB-AXLE-F01', 1_800), lastCoveredDay: '2025-04-09', dayAfter: '2025-04-10' },
  { term: 'axles-and-freewheel', what: 'a freewheel fracture (3 months)', job: ebikePart('freewheel', 'fracture', 'EB-FW-01', 2_200), lastCoveredDay: '2025-04-09', dayAfter: '2025-04-10' },
  { term: 'frame-welds', what: 'a frame weld fracture (12 months)', job: ebikePart('frame', 'weld-fracture', 'EB-FRAME-01', 42_000), lastCoveredDay: '2026-01-09', dayAfter: '2026-01-10' },
  { term: 'li-ion-battery', what: 'a battery that will not charge (24 months)', job: ebikePart('li-ion-battery', 'no-charge', 'EB-BAT-4820', 129_900), lastCoveredDay: '2027-01-09', dayAfter: '2027-01-10' },
  { term: 'electronics', what: 'a controller fault (12 months)', job: ebikePart('controller', 'malfunction', 'EB-CTRL-01', 18_000), lastCoveredDay: '2026-01-09', dayAfter: '2026-01-10' },
  { term: 'electronics', what: 'a charger fault (12 months)', job: ebikePart('charger', 'malfunction', 'EB-CHG-01', 15_000), lastCoveredDay: '2026-01-09', dayAfter: '2026-01-10' },
  { term: 'electronics', what: 'a display fault (12 months)', job: ebikePart('display', 'no-display', 'EB-DISP-01', 12_000), lastCoveredDay: '2026-01-09', dayAfter: '2026-01-10' },
  { term: 'hub-motor', what: 'a hub motor gear breakage (24 months)', job: ebikePart('hub-motor', 'gear-breakage', 'EB-MOT-350', 68_000), lastCoveredDay: '2027-01-09', dayAfter: '2027-01-10' },
];

describe('NEV terms: the last covered day and the day after', () => {
  const unit = buildNevUnit({ saleDate: '2021-03-15' });

  for (const row of nevTerms) {
    it(`covers ${row.what} on its last covered day ${row.lastCoveredDay}`, async () => {
      const { today, ...dates } = datesFrom(row.lastCoveredDay);
      const job = jobOf(await decide({ unit, claim: buildClaim({ odometerKm: 50_000, ...dates, jobs: [row.job] }), today }));
      expect(job.covered).toBe(true);
      expect(codesOf(job)).toEqual([]);
      expect(job.coverage).toMatchObject({ term: row.term, start: '2021-03-15', lastCoveredDay: row.lastCoveredDay, withinTerm: true });
    });

    it(`denies ${row.what} one day after its term, on ${row.dayAfter}: EW, customer liable`, async () => {
      const { today, ...dates } = datesFrom(row.dayAfter);
      const job = jobOf(await decide({ unit, claim: buildClaim({ odometerKm: 50_000, ...dates, jobs: [row.job] }), today }));
      expect(job.covered).toBe(false);
      expect(codesOf(job)).toEqual(['EW']);
      expect(job.liableParty).toEqual({ type: 'customer' });
      expect(job.coverage).toMatchObject({ term: row.term, lastCoveredDay: row.lastCoveredDay, withinTerm: false });
    });
  }
});

describe('e-bike terms, per component and failure mode: the last covered day and the day after', () => {
  const unit = buildEbikeUnit({ saleDate: '2025-01-10' });

  for (const row of ebikeTerms) {
    it(`covers ${row.what} on its last covered day ${row.lastCoveredDay}`, async () => {
      const { today, ...dates } = datesFrom(row.lastCoveredDay);
      const job = jobOf(await decide({ unit, claim: buildEbikeClaim({ ...dates, jobs: [row.job] }), today }));
      expect(job.covered).toBe(true);
      expect(codesOf(job)).toEqual([]);
      expect(job.coverage).toMatchObject({ term: row.term, start: '2025-01-10', lastCoveredDay: row.lastCoveredDay, kmLimit: null });
    });

    it(`denies ${row.what} one day after its term, on ${row.dayAfter}: EW, customer liable`, async () => {
      const { today, ...dates } = datesFrom(row.dayAfter);
      const job = jobOf(await decide({ unit, claim: buildEbikeClaim({ ...dates, jobs: [row.job] }), today }));
      expect(job.covered).toBe(false);
      expect(codesOf(job)).toEqual(['EW']);
      expect(job.liableParty).toEqual({ type: 'customer' });
    });
  }
});

describe('the km limit of the three-electric core: 200,000 km, whichever comes first', () => {
  const unit = buildNevUnit({ saleDate: '2021-03-15' });
  const dates = { failureDate: '2025-01-01', repairDate: '2025-01-02' };

  it('covers a battery at exactly 200,000 km', async () => {
    const job = jobOf(await decide({ unit, claim: buildClaim({ odometerKm: 200_000, ...dates }), today: '2025-01-05' }));
    expect(job.covered).toBe(true);
    expect(job.coverage).toMatchObject({ kmLimit: 200_000, withinTerm: true });
  });

  it('denies a battery at 200,001 km inside its 60 months: EW', async () => {
    const job = jobOf(await decide({ unit, claim: buildClaim({ odometerKm: 200_001, ...dates }), today: '2025-01-05' }));
    expect(codesOf(job)).toEqual(['EW']);
    expect(job.liableParty).toEqual({ type: 'customer' });
  });

  it('denies a drive motor at 200,001 km too: the limit belongs to the category', async () => {
    const motor = nevPart('drive-motor', 'burnout', 'NEV-MOT-001', 1_850_000);
    const job = jobOf(await decide({ unit, claim: buildClaim({ odometerKm: 200_001, ...dates, jobs: [motor] }), today: '2025-01-05' }));
    expect(codesOf(job)).toEqual(['EW']);
  });

  it('covers electric steering at 480,000 km inside its 36 months: small three-electric has no km limit', async () => {
    const steering = nevPart('electric-steering', 'malfunction', 'NEV-EPS-001', 340_000);
    const job = jobOf(await decide({ unit, claim: buildClaim({ odometerKm: 480_000, failureDate: '2023-01-01', repairDate: '2023-01-02', jobs: [steering] }), today: '2023-01-05' }));
    expect(job.covered).toBe(true);
    expect(job.coverage?.kmLimit).toBeNull();
  });
});

describe('month ends clamp (sale 2024-01-31)', () => {
  const ebike = buildEbikeUnit({ saleDate: '2024-01-31' });
  const plating = ebikePart('handlebar', 'plating-peel', 'EB-BAR-01', 6_000);

  it('ends 3 months of plating on 2024-04-29: the anniversary 2024-04-31 clamps to 2024-04-30', async () => {
    const job = jobOf(await decide({ unit: ebike, claim: buildEbikeClaim({ failureDate: '2024-04-29', repairDate: '2024-04-29', jobs: [plating] }), today: '2024-05-02' }));
    expect(job.covered).toBe(true);
    expect(job.coverage?.lastCoveredDay).toBe('2024-04-29');
  });

  it('denies plating peeling on 2024-04-30, the clamped anniversary: EW', async () => {
    const job = jobOf(await decide({ unit: ebike, claim: buildEbikeClaim({ failureDate: '2024-04-30', repairDate: '2024-04-30', jobs: [plating] }), today: '2024-05-02' }));
    expect(codesOf(job)).toEqual(['EW']);
  });

  it('ends a NEV cab lamp\'s 12 months on 2025-01-30 and its battery\'s 60 months on 2029-01-30', async () => {
    const nev = buildNevUnit({ saleDate: '2024-01-31' });
    const lamp = nevPart('cab-lamp', 'open-circuit', 'NEV-LAMP-001', 26_000);
    const decision = await decide({
      unit: nev, today: '2025-02-05',
      claim: buildClaim({ odometerKm: 20_000, failureDate: '2025-01-31', repairDate: '2025-02-01', jobs: [lamp, buildJob({ jobId: 'J2' })] }),
    });
    expect(jobOf(decision, 'J1').coverage?.lastCoveredDay).toBe('2025-01-30');
    expect(codesOf(jobOf(decision, 'J1'))).toEqual(['EW']);
    expect(jobOf(decision, 'J2').coverage?.lastCoveredDay).toBe('2029-01-30');
    expect(jobOf(decision, 'J2').covered).toBe(true);
    expect(decision.status).toBe('partial');
  });

  it('ends a NEV sold on a leap day 12 months later on 2025-02-27: 2024-02-29 + 12 months clamps to 2025-02-28', async () => {
    const nev = buildNevUnit({ saleDate: '2024-02-29' });
    const lamp = nevPart('cab-lamp', 'open-circuit', 'NEV-LAMP-001', 26_000);
    const onLastDay = jobOf(await decide({ unit: nev, claim: buildClaim({ odometerKm: 20_000, failureDate: '2025-02-27', repairDate: '2025-02-28', jobs: [lamp] }), today: '2025-03-03' }));
    const onAnniversary = jobOf(await decide({ unit: nev, claim: buildClaim({ odometerKm: 20_000, failureDate: '2025-02-28', repairDate: '2025-02-28', jobs: [lamp] }), today: '2025-03-03' }));
    expect(onLastDay.covered).toBe(true);
    expect(onLastDay.coverage?.lastCoveredDay).toBe('2025-02-27');
    expect(codesOf(onAnniversary)).toEqual(['EW']);
  });
});

describe('the local standard CN-GD-SZ (SPEC §3.1): the more generous term, dimension by dimension', () => {
  const seven = { odometerKm: 500_000, failureDate: '2028-03-15', repairDate: '2028-03-16' };

  it('covers a Shenzhen unit\'s battery at 7 years and 500,000 km: 96 months / 600,000 km', async () => {
    const unit = buildNevUnit({ saleDate: '2021-03-15', region: 'CN-GD-SZ' });
    const decision = await decide({ unit, claim: buildClaim(seven), today: '2028-03-20' });
    const job = jobOf(decision);
    expect(decision.status).toBe('approved');
    expect(job.covered).toBe(true);
    expect(job.liableParty).toEqual({ type: 'supplier', id: 'SUP-BATT-01' });
    expect(job.coverage).toMatchObject({ term: 'core-three-electric', lastCoveredDay: '2029-03-14', kmLimit: 600_000, localStandard: 'CN-GD-SZ' });
  });

  it('denies the same battery on a unit registered outside Shenzhen: EW', async () => {
    const unit = buildNevUnit({ saleDate: '2021-03-15', region: 'CN-HB' });
    const job = jobOf(await decide({ unit, claim: buildClaim(seven), today: '2028-03-20' }));
    expect(codesOf(job)).toEqual(['EW']);
    expect(job.coverage).toMatchObject({ lastCoveredDay: '2026-03-14', kmLimit: 200_000 });
    expect(job.coverage?.localStandard).toBeUndefined();
  });

  it('still binds the local km limit: a Shenzhen battery at 600,001 km is EW', async () => {
    const unit = buildNevUnit({ saleDate: '2021-03-15', region: 'CN-GD-SZ' });
    const job = jobOf(await decide({ unit, claim: buildClaim({ ...seven, odometerKm: 600_001 }), today: '2028-03-20' }));
    expect(codesOf(job)).toEqual(['EW']);
  });

  it('does not lengthen a category it does not name: Shenzhen electric steering is EW after 36 months', async () => {
    const unit = buildNevUnit({ saleDate: '2021-03-15', region: 'CN-GD-SZ' });
    const steering = nevPart('electric-steering', 'malfunction', 'NEV-EPS-001', 340_000);
    const job = jobOf(await decide({ unit, claim: buildClaim({ odometerKm: 90_000, failureDate: '2024-03-15', repairDate: '2024-03-16', jobs: [steering] }), today: '2024-03-20' }));
    expect(codesOf(job)).toEqual(['EW']);
    expect(job.coverage?.lastCoveredDay).toBe('2024-03-14');
  });
});

describe('dates that contradict the registry (SPEC §3.3)', () => {
  it('refuses a failure before the sale date as a data error, not a decision', async () => {
    const unit = buildNevUnit({ saleDate: '2021-03-15' });
    await expect(decide({ unit, claim: buildClaim({ failureDate: '2021-03-14', repairDate: '2021-03-16' }), today: '2021-03-20' })).rejects.toBeInstanceOf(ClaimDataError);
  });

  it('covers a failure on the sale date itself', async () => {
    const unit = buildNevUnit({ saleDate: '2021-03-15' });
    const job = jobOf(await decide({ unit, claim: buildClaim({ odometerKm: 10, failureDate: '2021-03-15', repairDate: '2021-03-15' }), today: '2021-03-20' }));
    expect(job.covered).toBe(true);
  });
});
