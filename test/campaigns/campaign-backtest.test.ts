import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BacktestSource } from '../../src/backtest/backtest-source.js';
import { runBacktest } from '../../src/backtest/backtest.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { buildCampaign, campaignJob, fileClaim, lampClaim, nevUnit, send } from './campaign-helpers.js';

describe(`a backtest re-decides a campaign claim with the campaign as it was decided (${databaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  it('finds no change after the campaign was edited and closed since: the version and steps on record decide', async () => {
    const unit = await nevUnit(t);
    const body = buildCampaign([unit.vin!]);
    await send(t, 'post', '/v1/campaigns', body, 201);
    const decided = await fileClaim(t, lampClaim(unit, [campaignJob(body.code)]));
    expect(decided.totals.approvedFen).toBe(30_400);
    // Done once per unit: a second claim is denied, and the backtest re-decides it with the first in its history.
    const again = await fileClaim(t, lampClaim(unit, [campaignJob(body.code)], { failureDate: '2026-03-11', repairDate: '2026-03-11' }));
    expect(again.jobs[0].reasons.map((r: { code: string }) => r.code)).toEqual(['WA-CAMPAIGN-DONE']);

    // Since then: a lower price (version 2) and closed as from a day before its repair date. Neither may touch the old decision.
    const terms = { ...body.terms, parts: { mode: 'listed', items: [{ partNumber: 'NEV-LAMP-001', quantity: 1, unitPriceFen: 1_000 }] } };
    await send(t, 'post', `/v1/campaigns/${body.code}/versions`, { title: body.title, affected: body.affected, terms, note: 'price cut' }, 201);
    t.setNow('2026-03-21T04:00:00Z');
    await send(t, 'post', `/v1/campaigns/${body.code}/steps`, { step: 'closed', on: '2026-03-01', note: 'recall over, closed as from the start of March' }, 201);

    const report = await runBacktest(new BacktestSource(t.db), t.ruleBook, {}, t.ruleBook, { workers: 0 });
    expect(report.claims).toBe(2);
    expect(report.changes).toEqual([]);

    // A claim filed now is decided by version 2 and the campaign closed on its repair date.
    const now = await fileClaim(t, lampClaim(await nevUnit(t), [campaignJob(body.code)], { failureDate: '2026-03-21', repairDate: '2026-03-21' }));
    expect(now.jobs[0].campaign).toEqual({ code: body.code, version: 2 });
    expect(now.jobs[0].reasons.map((r: { code: string }) => r.code)).toEqual(['WA-CAMPAIGN-CLOSED']);
  });
});
