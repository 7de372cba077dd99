import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useMessages } from '../../i18n/language';
import { useSession } from '../../session/session';
import { ErrorNote } from '../../components/ErrorNote';
import { ReturnFileForm } from './ReturnFileForm';
import { ReturnDetail } from './ReturnDetail';

/** Whole-unit exchange, refund and repair (004 §9): the requests, one opened with its steps and who pays, a form to file. */
export function ReturnsPage() {
  const t = useMessages();
  const r = t.returns;
  const { session } = useSession();
  const [openId, setOpenId] = useState<number | null>(null);
  const list = useLoad(() => api.GET('/v1/returns', { params: { query: { limit: 200 } } }), []);
  const items = list.data?.items ?? [];
  const opened = items.find((i) => i.id === openId);
  return (
    <section>
      <h1>{r.title}</h1>
      <ErrorNote text={list.error} />
      <div class="card">
        <h2>{r.list}</h2>
        {items.length === 0 && !list.loading ? <p>{r.none}</p> : (
          <table>
            <thead><tr><th>{r.id}</th><th>{r.unit}</th><th>{r.kind}</th><th>{r.reason}</th><th>{r.requestedOn}</th><th>{r.status}</th><th>{r.open}</th></tr></thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id} aria-selected={i.id === openId}>
                  <td>{i.id}</td><td>{i.unitId}</td><td>{r.kinds[i.kind] ?? i.kind}</td><td>{i.reason}</td><td>{i.requestedDate}</td>
                  <td>{r.statuses[i.state.status] ?? i.state.status}{i.state.reasonCodes.length ? ` (${i.state.reasonCodes.join(', ')})` : ''}</td>
                  <td><button type="button" onClick={() => setOpenId(i.id)} aria-label={`${r.open} ${r.detail(i.id)}`}>{r.open}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {opened && <ReturnDetail item={opened} mayRecord={session?.role === 'auditor' || session?.role === 'admin'} onRecorded={list.reload} />}
      <ReturnFileForm stationId={session?.stationId ?? 'S1'} onFiled={(id) => { setOpenId(id); list.reload(); }} />
    </section>
  );
}
