import { useState } from 'preact/hooks';
import { useSearch } from 'wouter-preact';
import { api } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import { ClaimFacts } from './ClaimFacts';
import { JobCard } from './JobCard';
import { RuleTrace } from './RuleTrace';
import { DecisionVersions } from './DecisionVersions';
import { ReviewActions } from './ReviewActions';
import { PartReturnForm } from './PartReturnForm';
import { PreAuthorisationForm } from './PreAuthorisationForm';
import { GoodwillForm } from './GoodwillForm';

/** A claim's latest decision, its versions and the auditor's actions; an action reloads it at once. */
export function ClaimPage({ claimNumber }: { claimNumber: string }) {
  const t = useMessages();
  const stationId = new URLSearchParams(useSearch()).get('stationId') ?? undefined;
  const claim = useLoad(() => api.GET('/v1/claims/{claimNumber}', { params: { path: { claimNumber }, query: stationId ? { stationId } : {} } }), [claimNumber, stationId]);
  const [saved, setSaved] = useState(false);
  const changed = () => {
    setSaved(true);
    claim.reload();
  };
  const c = claim.data;
  return (
    <section>
      <h1>
        {t.claim.title} {claimNumber}
        {c && <> · <span class={`status-${c.status}`} data-testid="claim-status">{t.common.statuses[c.status] ?? c.status}</span> · {t.claim.decisionVersion} <span data-testid="decision-version">{c.decisionVersion}</span></>}
      </h1>
      <ErrorNote text={claim.error} />
      {saved && <p role="status" class="hint">{t.claim.saved}</p>}
      {c && (
        <>
          <ClaimFacts claim={c} />
          {c.jobs.map((job) => <JobCard key={job.jobId} job={job} claim={c} />)}
          <ReviewActions claim={c} onDecided={changed} />
          <PartReturnForm claim={c} onRecorded={changed} />
          <GoodwillForm claim={c} />
          <PreAuthorisationForm claim={c} onIssued={() => undefined} />
          <DecisionVersions claim={c} />
          <RuleTrace trace={c.trace} />
        </>
      )}
    </section>
  );
}
