import { useMessages } from '../../i18n/language';
import type { DecidedJob } from './types';

const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** Term start → last covered day as a bar, the failure date marked on it, and km used against the limit. */
export function CoverageTimeline({ coverage, failureDate, odometerKm }: { coverage: DecidedJob['coverage']; failureDate: string | null; odometerKm: number | null }) {
  const t = useMessages();
  const c = t.claim;
  if (!coverage) return <p class="hint">{c.notCovered}</p>;
  const start = dayOf(coverage.start);
  const end = dayOf(coverage.lastCoveredDay);
  const span = Math.max(1, end - start);
  const failure = failureDate ? dayOf(failureDate) : null;
  const width = 600;
  const scaleEnd = failure !== null && failure > end ? failure : end;
  const x = (day: number) => 10 + ((day - start) / Math.max(span, scaleEnd - start)) * (width - 20);
  const label = `${c.coverage} ${coverage.term}: ${c.termStart} ${coverage.start} → ${c.lastCoveredDay} ${coverage.lastCoveredDay}${failureDate ? `, ${c.failureMarked} ${failureDate}` : ''}`;
  return (
    <figure class="timeline">
      <svg viewBox={`0 0 ${width} 44`} width="100%" height="44" role="img" aria-label={label}>
        <rect x={x(start)} y={14} width={x(end) - x(start)} height={12} rx={3} fill={coverage.withinTerm ? '#8cc79b' : '#e8b4b4'} />
        {failure !== null && (
          <g>
            <line x1={x(failure)} x2={x(failure)} y1={6} y2={34} stroke="#a61b1b" stroke-width={3} />
          </g>
        )}
      </svg>
      <figcaption>
        <span>{c.termStart} {coverage.start}</span>
        {failureDate && <span class="failure">▲ {c.failureMarked} {failureDate}</span>}
        <span>{c.lastCoveredDay} {coverage.lastCoveredDay}</span>
        {coverage.kmLimit !== null && odometerKm !== null && <span>{c.kmUsed(odometerKm, coverage.kmLimit)}</span>}
      </figcaption>
    </figure>
  );
}
