import { useEffect, useRef } from 'preact/hooks';
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { api, type Schemas } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

type Accuracy = Schemas['StationAccuracy'];

const monthsOf = (year: string) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** A station's claim accuracy per month of a year against the policy's standard (both from the API), with the table behind it. */
export function AccuracyChart({ stationId, year }: { stationId: string; year: string }) {
  const t = useMessages();
  const s = t.settlement;
  const canvas = useRef<HTMLCanvasElement>(null);
  const months = monthsOf(year);
  const accuracy = useLoad(async () => {
    const answers = await Promise.all(months.map((m) => api.GET('/v1/stations/{stationId}/accuracy', { params: { path: { stationId }, query: { from: `${m}-01`, to: lastDay(m) } } })));
    const failed = answers.find((a) => a.error);
    return failed ? { error: failed.error } : { data: answers.map((a) => a.data as Accuracy) };
  }, [stationId, year]);
  const standard = accuracy.data?.map((a) => a.overall.standardPct).find((p) => p !== null) ?? null;
  useEffect(() => {
    if (!canvas.current || !accuracy.data) return;
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels: months.map((m) => m.slice(5)),
        datasets: [
          { label: s.accuracyPct, data: accuracy.data.map((a) => a.overall.pct), borderColor: '#0b5cad', backgroundColor: '#0b5cad', spanGaps: true },
          ...(standard === null ? [] : [{ label: s.standardPct(standard), data: months.map(() => standard), borderColor: '#a61b1b', borderDash: [6, 4], pointRadius: 0 }]),
        ],
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { suggestedMin: 80, suggestedMax: 100 } } },
    });
    return () => chart.destroy();
  }, [accuracy.data, standard, s]);
  return (
    <section class="card">
      <h2>{s.accuracy(stationId, year)}</h2>
      <ErrorNote text={accuracy.error} />
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={`${s.accuracy(stationId, year)}${standard === null ? '' : `; ${s.standardPct(standard)}`}`} />
      </div>
      {accuracy.data && (
        <details>
          <summary>{s.accuracyTable}</summary>
          <table>
            <thead>
              <tr><th scope="col">{s.month}</th><th scope="col" class="num">{s.decided}</th><th scope="col" class="num">{s.approvedLines}</th><th scope="col" class="num">{s.accuracyPct}</th></tr>
            </thead>
            <tbody>
              {accuracy.data.map((a, i) => (
                <tr key={months[i]}><td>{months[i]}</td><td class="num">{a.overall.decided}</td><td class="num">{a.overall.approved}</td><td class="num">{a.overall.pct ?? '—'}</td></tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
