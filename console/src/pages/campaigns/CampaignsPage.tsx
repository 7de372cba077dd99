import { Link } from 'wouter-preact';
import { api } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useMessages } from '../../i18n/language';
import { useSession } from '../../session/session';
import { ErrorNote } from '../../components/ErrorNote';
import { CampaignDetail } from './CampaignDetail';
import { NewCampaignForm } from './NewCampaignForm';
import '../rules/badges.css';
import './campaigns.css';

/** Campaigns: the list, one campaign's detail and report, and (for a policy owner) a form to create one. */
export function CampaignsPage({ code }: { code?: string }) {
  const t = useMessages().campaigns;
  const { session } = useSession();
  const mayWrite = session?.role === 'policy-owner' || session?.role === 'admin';
  const list = useLoad(() => api.GET('/v1/campaigns'), []);
  return (
    <section class="campaigns-page">
      <h1>{t.title}</h1>
      <p class="hint">{t.intro}</p>
      {code ? (
        <>
          <p><Link href="/campaigns">{t.back}</Link></p>
          <CampaignDetail code={code} mayWrite={mayWrite} onChange={list.reload} />
        </>
      ) : (
        <>
          <section class="card">
            <h2>{t.listTitle}</h2>
            <ErrorNote text={list.error} />
            {list.data && list.data.campaigns.length === 0 ? <p>{t.none}</p> : null}
            {list.data && list.data.campaigns.length > 0 ? (
              <table data-testid="campaign-list">
                <thead>
                  <tr>
                    <th scope="col">{t.code}</th>
                    <th scope="col">{t.name}</th>
                    <th scope="col">{t.kind}</th>
                    <th scope="col">{t.productLine}</th>
                    <th scope="col">{t.status}</th>
                    <th scope="col" class="num">{t.version}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.campaigns.map((c) => (
                    <tr key={c.code}>
                      <td><Link href={`/campaigns/${encodeURIComponent(c.code)}`}><code>{c.code}</code></Link></td>
                      <td>{c.title}</td>
                      <td>{t.kinds[c.kind] ?? c.kind}</td>
                      <td>{c.productLine}</td>
                      <td><span class={`badge campaign-${c.status}`}>{t.statuses[c.status] ?? c.status}</span></td>
                      <td class="num">{c.version}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </section>
          {mayWrite ? <NewCampaignForm onCreated={list.reload} /> : null}
        </>
      )}
    </section>
  );
}
