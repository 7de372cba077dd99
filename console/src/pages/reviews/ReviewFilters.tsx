import { useState } from 'preact/hooks';
import { useMessages } from '../../i18n/language';

export interface ReviewQuery {
  productLine?: string;
  stationId?: string;
  reasonCode?: string;
  minAgeDays?: number;
  minClaimedFen?: number;
  maxClaimedFen?: number;
}

const fenOf = (yuan: string) => (yuan.trim() === '' ? undefined : Math.round(Number(yuan) * 100));

/** Product line, station, reason, age and amount; applied with the button. */
export function ReviewFilters({ productLines, reasonCodes, onApply }: { productLines: { id: string; name: string }[]; reasonCodes: { code: string; label: string }[]; onApply: (query: ReviewQuery) => void }) {
  const t = useMessages();
  const [form, setForm] = useState({ productLine: '', stationId: '', reasonCode: '', minAgeDays: '', minYuan: '', maxYuan: '' });
  const set = (field: keyof typeof form) => (e: Event) => setForm({ ...form, [field]: (e.target as HTMLInputElement).value });
  const submit = (e: Event) => {
    e.preventDefault();
    onApply({
      ...(form.productLine ? { productLine: form.productLine } : {}),
      ...(form.stationId.trim() ? { stationId: form.stationId.trim() } : {}),
      ...(form.reasonCode ? { reasonCode: form.reasonCode } : {}),
      ...(form.minAgeDays.trim() ? { minAgeDays: Number(form.minAgeDays) } : {}),
      ...(fenOf(form.minYuan) !== undefined ? { minClaimedFen: fenOf(form.minYuan) } : {}),
      ...(fenOf(form.maxYuan) !== undefined ? { maxClaimedFen: fenOf(form.maxYuan) } : {}),
    });
  };
  return (
    <form class="filters" onSubmit={submit} aria-label={t.reviews.filters}>
      <label>
        {t.reviews.productLine}
        <select value={form.productLine} onChange={set('productLine')}>
          <option value="">{t.reviews.anyProductLine}</option>
          {productLines.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      <label>
        {t.reviews.station}
        <input value={form.stationId} onInput={set('stationId')} size={8} />
      </label>
      <label>
        {t.reviews.reasonCode}
        <select value={form.reasonCode} onChange={set('reasonCode')}>
          <option value="">{t.reviews.anyReason}</option>
          {reasonCodes.map((r) => <option key={r.code} value={r.code}>{r.label}</option>)}
        </select>
      </label>
      <label>
        {t.reviews.minAgeDays}
        <input type="number" min={0} value={form.minAgeDays} onInput={set('minAgeDays')} style={{ width: '6rem' }} />
      </label>
      <label>
        {t.reviews.minAmount}
        <input type="number" min={0} step="0.01" value={form.minYuan} onInput={set('minYuan')} style={{ width: '8rem' }} />
      </label>
      <label>
        {t.reviews.maxAmount}
        <input type="number" min={0} step="0.01" value={form.maxYuan} onInput={set('maxYuan')} style={{ width: '8rem' }} />
      </label>
      <button type="submit">{t.common.apply}</button>
    </form>
  );
}
