import { describe, expect, it } from 'vitest';
import { campaignDoneBy, campaignStatusOn, isAffected, type CampaignAffected } from '../../src/adjudication/campaign-terms.js';
import type { HistoryEntry } from '../../src/adjudication/history.js';
import type { Unit } from '../../src/units/unit-schema.js';

const unit = (overrides: Partial<Unit> = {}): Unit => ({ unitId: 'U1', productLine: 'e-bike', model: 'EB-48V-CITY', frameSerial: 'FS1', saleDate: '2025-01-10', region: 'CN-JS', ...overrides }) as Unit;
const campaign = (affected: CampaignAffected, productLine = 'e-bike') => ({ productLine, affected });

describe('campaign status and affected units, in the pure core', () => {
  it('is not open before its first step, open from it, closed from the close, open again from a reopening', () => {
    const steps = [{ step: 'opened' as const, on: '2026-01-01' }, { step: 'closed' as const, on: '2026-03-01' }, { step: 'opened' as const, on: '2026-04-01' }];
    expect(['2025-12-31', '2026-01-01', '2026-02-28', '2026-03-01', '2026-03-31', '2026-04-01'].map((d) => campaignStatusOn(steps, d))).toEqual(['not-open', 'open', 'open', 'closed', 'closed', 'open']);
  });

  it('names a unit by VIN, or by its serial number, frame serial or upfit serial', () => {
    const list = (vins: string[], serialNumbers: string[]) => campaign({ by: 'units', vins, serialNumbers });
    expect(isAffected(list([], ['FS1']), unit())).toBe(true);
    expect(isAffected(list([], ['SN-9']), unit({ serialNumber: 'SN-9' }))).toBe(true);
    expect(isAffected(list(['LB9BL5180T0000001'], []), unit({ vin: 'LB9BL5180T0000001' }))).toBe(true);
    expect(isAffected(list(['LB9BL5180T0000001'], ['FS2']), unit())).toBe(false);
  });

  it('never names a unit of another product line, whatever the list says', () => {
    expect(isAffected(campaign({ by: 'units', vins: [], serialNumbers: ['FS1'] }, 'nev-special-vehicle'), unit())).toBe(false);
  });

  it('matches date ranges half-open, both ranges when both are given, and every model when none is listed', () => {
    const range = campaign({ by: 'range', models: [], productionDate: { from: '2024-10-01', to: '2024-12-01' }, saleDate: { from: '2025-01-01', to: '2025-02-01' } });
    expect(isAffected(range, unit({ productionDate: '2024-10-01' }))).toBe(true);
    expect(isAffected(range, unit({ productionDate: '2024-12-01' }))).toBe(false);
    expect(isAffected(range, unit({ productionDate: '2024-11-01', saleDate: '2025-02-01' }))).toBe(false);
    expect(isAffected(range, unit())).toBe(false);
    const models = campaign({ by: 'range', models: ['EB-36V'], saleDate: { from: '2025-01-01', to: '2025-02-01' } });
    expect(isAffected(models, unit())).toBe(false);
    expect(isAffected(models, unit({ model: 'EB-36V' }))).toBe(true);
  });

  it('finds the other claim that had a job covered under the campaign: not the claim itself, not a denied job, not another campaign', () => {
    const entry = (claimNumber: string, covered: boolean, campaignCode?: string): HistoryEntry => ({
      claimNumber, stationId: 'S1', failureDate: '2026-03-01', repairDate: '2026-03-01', odometerKm: null,
      jobs: [{ jobId: 'J1', component: 'cab-lamp', partNumbers: [], covered, ...(campaignCode ? { campaignCode } : {}) }],
    });
    const history = [entry('C1', false, 'RC-1'), entry('C2', true, 'RC-2'), entry('C3', true), entry('C4', true, 'RC-1')];
    expect(campaignDoneBy(history, { claimNumber: 'C9' }, 'RC-1')?.claimNumber).toBe('C4');
    expect(campaignDoneBy(history, { claimNumber: 'C4' }, 'RC-1')).toBeUndefined();
    expect(campaignDoneBy(history.slice(0, 3), { claimNumber: 'C9' }, 'RC-1')).toBeUndefined();
  });
});
