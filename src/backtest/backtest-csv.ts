import { stringify } from 'csv-stringify/sync';
import type { BacktestReport } from './backtest.js';

/** The changed claims, one row each, for a spreadsheet. */
export function backtestCsv(report: BacktestReport): string {
  return stringify(
    report.changes.map((c) => ({
      claimNumber: c.claimNumber,
      stationId: c.stationId,
      unitId: c.unitId ?? '',
      statusBefore: c.before.status,
      statusAfter: c.after.status,
      approvedFenBefore: c.before.approvedFen,
      approvedFenAfter: c.after.approvedFen,
      deltaFen: c.deltaFen,
      reasonsBefore: c.before.reasons.join(' '),
      reasonsAfter: c.after.reasons.join(' '),
      rules: [...new Set(c.rules.map((r) => r.rule))].join(' '),
    })),
    { header: true, columns: ['claimNumber', 'stationId', 'unitId', 'statusBefore', 'statusAfter', 'approvedFenBefore', 'approvedFenAfter', 'deltaFen', 'reasonsBefore', 'reasonsAfter', 'rules'] },
  );
}
