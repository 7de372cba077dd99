import type { OldPartStep } from './old-part-store.js';

export type Custody = 'not-received' | 'refused' | 'in-store' | 'shipped-to-supplier' | 'disposal-approved' | 'disposed' | 'unrecoverable';
/** Where the claim against the liable supplier stands after its re-inspection (复验). */
export type Recovery = 'not-applicable' | 'pending' | 'accepted' | 'disputed' | 'rejected';

export interface OldPartStatus {
  custody: Custody;
  recovery: Recovery;
  location: string | null;
  faultState: string | null;
  /** The supplier asked for the part back (000 §7). */
  supplierWantsPart: boolean;
  /** Whom a rejected line's cost returns to (004 §8.2.2: both reject → the supplier claim ends). */
  chargedBackTo: 'manufacturer' | 'service-station' | null;
  refusedFor: string[];
}

const RECOVERABLE = new Set(['supplier', 'chassis-maker']);

/** The status of an old part is its steps folded in order: the latest step decides, nothing is updated. */
export function oldPartStatusOf(partyType: string, steps: readonly OldPartStep[]): OldPartStatus {
  const status: OldPartStatus = {
    custody: 'not-received', recovery: RECOVERABLE.has(partyType) ? 'pending' : 'not-applicable',
    location: null, faultState: null, supplierWantsPart: false, chargedBackTo: null, refusedFor: [],
  };
  for (const s of steps) {
    const d = s.details;
    switch (s.step) {
      case 'refused':
        status.custody = 'refused';
        status.refusedFor = (d.missing as string[]) ?? [];
        break;
      case 'received':
      case 'moved':
        status.custody = 'in-store';
        status.refusedFor = [];
        status.location = String(d.location);
        status.faultState = String(d.faultState);
        break;
      case 'supplier-inspection':
        status.recovery = d.verdict === 'accept' ? 'accepted' : 'disputed';
        status.supplierWantsPart = d.wantsPartBack === true;
        break;
      case 'quality-inspection':
        status.recovery = d.verdict === 'supplier-liable' ? 'accepted' : 'rejected';
        status.chargedBackTo = d.verdict === 'supplier-liable' ? null : (d.chargeTo as OldPartStatus['chargedBackTo']);
        break;
      case 'shipped':
        status.custody = 'shipped-to-supplier';
        break;
      case 'disposal-approved':
        status.custody = 'disposal-approved';
        break;
      case 'disposed':
        status.custody = 'disposed';
        break;
      case 'unrecoverable':
        status.custody = 'unrecoverable';
        break;
    }
  }
  return status;
}
