import { useEffect, useState } from 'preact/hooks';
import { api, problemText, type Schemas } from '../../api/client';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';

type NewCampaign = Schemas['NewCampaign'];

const EMPTY = {
  code: '', kind: 'recall' as NewCampaign['kind'], productLine: '', title: '', note: '', opensOn: '',
  by: 'units' as 'units' | 'range', vins: '', serials: '', models: '', field: 'productionDate' as 'productionDate' | 'saleDate', from: '', to: '',
  operationCode: '', hours: '', rate: '', partNumber: '', quantity: '1', unitPrice: '', liable: 'manufacturer' as 'manufacturer' | 'supplier', supplierId: '',
};
type Form = typeof EMPTY;

const lines = (text: string) => text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
/** Yuan as typed into fen (the API's unit). */
const fen = (yuan: string) => Math.round(Number(yuan) * 100);

function bodyOf(f: Form): NewCampaign {
  return {
    code: f.code.trim(), kind: f.kind, productLine: f.productLine, title: f.title, note: f.note, opensOn: f.opensOn,
    affected: f.by === 'units' ? { by: 'units', vins: lines(f.vins), serialNumbers: lines(f.serials) } : { by: 'range', models: lines(f.models), [f.field]: { from: f.from, to: f.to } },
    terms: {
      operationCode: f.operationCode.trim(), labourHours: Number(f.hours), labourRateFen: f.rate.trim() === '' ? null : fen(f.rate),
      parts: { mode: 'listed', items: [{ partNumber: f.partNumber.trim(), quantity: Number(f.quantity), unitPriceFen: fen(f.unitPrice) }] },
      liableParty: f.liable === 'supplier' ? { type: 'supplier', id: f.supplierId.trim() } : { type: 'manufacturer' },
    },
  } as NewCampaign;
}

/** A policy owner's form for a new campaign: one listed part, labour hours, who pays, the units it names. */
export function NewCampaignForm({ onCreated }: { onCreated: () => void }) {
  const t = useMessages().campaigns;
  const [form, setForm] = useState<Form>(EMPTY);
  const [productLines, setProductLines] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    void api.GET('/v1/product-lines').then(({ data }) => {
      const found = (data?.items ?? []).map((l) => l.productLine);
      setProductLines(found);
      setForm((f) => ({ ...f, productLine: f.productLine || (found[0] ?? '') }));
    });
  }, []);
  const set = (key: keyof Form) => (e: Event) => setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value });
  const input = (key: keyof Form, label: string, { wide, ...props }: Record<string, string | boolean> = {}) => (
    <label class={wide ? 'wide' : undefined}>{label}<input value={form[key]} onInput={set(key)} {...props} /></label>
  );
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setDone(null);
    const { data, error: problem } = await api.POST('/v1/campaigns', { body: bodyOf(form) });
    if (problem) return setError(problemText(problem));
    setDone(t.created(data!.code));
    setForm({ ...EMPTY, productLine: form.productLine });
    onCreated();
  };
  return (
    <form class="card campaign-form" onSubmit={submit} data-testid="new-campaign">
      <h2>{t.newTitle}</h2>
      <div class="fields">
        {input('code', t.code, { required: true, placeholder: 'RC-2026-001' })}
        <label>{t.kind}<select value={form.kind} onChange={set('kind')}><option value="recall">{t.kinds.recall}</option><option value="service-action">{t.kinds['service-action']}</option></select></label>
        <label>{t.productLine}<select value={form.productLine} onChange={set('productLine')}>{productLines.map((l) => <option key={l} value={l}>{l}</option>)}</select></label>
        {input('title', t.name, { required: true, wide: true })}
        {input('opensOn', t.opensOn, { type: 'date', required: true })}
      </div>
      <fieldset>
        <legend>{t.affectedTitle}</legend>
        <div class="fields">
          <label>{t.affectedBy}<select value={form.by} onChange={set('by')}><option value="units">{t.byUnitsOption}</option><option value="range">{t.byRangeOption}</option></select></label>
          {form.by === 'units' ? (
            <>
              <label class="wide">{t.vins}<textarea value={form.vins} onInput={set('vins')} /></label>
              <label class="wide">{t.serials}<textarea value={form.serials} onInput={set('serials')} /></label>
            </>
          ) : (
            <>
              {input('models', t.modelsInput, { wide: true })}
              <label>{t.effective}<select value={form.field} onChange={set('field')}><option value="productionDate">{t.productionDate}</option><option value="saleDate">{t.saleDate}</option></select></label>
              {input('from', t.from, { type: 'date' })}
              {input('to', t.to, { type: 'date' })}
            </>
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t.termsTitle}</legend>
        <div class="fields">
          {input('operationCode', t.operationCode, { required: true })}
          {input('hours', t.hours, { type: 'number', step: '0.1', min: '0.1', required: true })}
          {input('rate', t.rate, { type: 'number', step: '0.01', min: '0' })}
          {input('partNumber', t.partNumber, { required: true })}
          {input('quantity', t.quantity, { type: 'number', min: '1', required: true })}
          {input('unitPrice', t.unitPrice, { type: 'number', step: '0.01', min: '0', required: true })}
          <label>{t.liable}<select value={form.liable} onChange={set('liable')}><option value="manufacturer">{t.parties.manufacturer}</option><option value="supplier">{t.parties.supplier}</option></select></label>
          {form.liable === 'supplier' ? input('supplierId', t.supplierId, { required: true }) : null}
        </div>
      </fieldset>
      <div class="fields">{input('note', t.note, { required: true, wide: true, minLength: '3' })}</div>
      <button type="submit">{t.create}</button>
      <ErrorNote text={error} />
      {done ? <p role="status">{done}</p> : null}
    </form>
  );
}
