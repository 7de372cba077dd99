import type { CampaignFact } from '../adjudication/campaign-terms.js';
import { factOf } from '../campaigns/campaign-service.js';
import type { BacktestCampaigns, StoredClaimForBacktest } from './backtest-source.js';

/**
 * The campaigns a stored claim is re-decided with: the version that decided each campaign job, and
 * the opening and closing steps recorded by the time it was decided, so only the rules differ.
 */
export function campaignFactsAsDecided(claim: StoredClaimForBacktest, campaigns: BacktestCampaigns): CampaignFact[] | undefined {
  if (claim.campaigns.length === 0) return undefined;
  return claim.campaigns.flatMap((k) => {
    const version = campaigns.versions.get(`${k.code}@${k.version}`);
    if (!version) return [];
    const steps = (campaigns.steps.get(k.code) ?? []).filter((s) => claim.decidedAt === null || s.recordedAt <= claim.decidedAt);
    return [factOf(version, steps)];
  });
}
