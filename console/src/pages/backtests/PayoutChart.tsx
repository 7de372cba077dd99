import { useEffect, useRef } from 'preact/hooks';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useMessages } from '../../i18n/language';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface PayoutRow {
  label: string;
  beforeFen: number;
  afterFen: number;
  deltaFen: number;
}

/** Payout before and under the draft per group (liable party or station) as a bar chart, with the same figures as a table. */
export function PayoutChart({ title, groupLabel, rows, testId }: { title: string; groupLabel: string; rows: PayoutRow[]; testId: string }) {
  const messages = useMessages();
  const t = messages.backtests;
  const yuan = messages.common.yuan;
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.label),
        datasets: [
          { label: t.beforeFen, data: rows.map((r) => r.beforeFen / 100), backgroundColor: '#9aa7bb' },
          { label: t.afterFen, data: rows.map((r) => r.afterFen / 100), backgroundColor: '#0b5cad' },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${yuan(Math.round(Number(c.raw) * 100))}` } } },
        scales: { y: { beginAtZero: true, ticks: { callback: (v) => yuan(Math.round(Number(v) * 100)) } } },
      },
    });
    return () => chart.destroy();
  }, [JSON.stringify(rows), t, yuan]);
  return (
    <section class="payout-chart" data-testid={testId}>
      <h3>{title}</h3>
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={t.chartLabel(title)} />
      </div>
      <table>
        <thead>
          <tr>
            <th scope="col">{groupLabel}</th>
            <th scope="col" class="num">{t.beforeFen}</th>
            <th scope="col" class="num">{t.afterFen}</th>
            <th scope="col" class="num">{t.deltaFen}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <td>{r.label}</td>
              <td class="num">{yuan(r.beforeFen)}</td>
              <td class="num">{yuan(r.afterFen)}</td>
              <td class={`num ${r.deltaFen > 0 ? 'up' : r.deltaFen < 0 ? 'down' : ''}`}>{r.deltaFen > 0 ? '+' : ''}{yuan(r.deltaFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
