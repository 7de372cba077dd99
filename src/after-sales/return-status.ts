import type { ReturnStep } from './return-store.js';

export type ReturnStatus = 'requested' | 'refused' | 'inspection-scheduled' | 'inspected' | 'approved';

/** One party's share of an approved return, in fen. */
export interface ReturnPayer {
  party: 'manufacturer' | 'dealer' | 'repairer' | 'customer';
  id: string | null;
  fen: number;
  why: string;
}

export interface ReturnState {
  status: ReturnStatus;
  reasonCodes: string[];
  /** The unit arrived back at the factory; the dealer may attend the joint inspection up to jointInspectionLastDay. */
  arrivedDate: string | null;
  jointInspectionLastDay: string | null;
  /** Whose record binds: both parties', or the factory's alone when the dealer missed the deadline (§9.3). */
  binding: 'joint-record' | 'factory-record' | null;
  defectConfirmed: boolean | null;
  accessoriesMissingAtInspection: string[];
  payers: ReturnPayer[];
}

/** A return's state is its steps folded in order: the latest step decides, nothing is updated. */
export function returnStateOf(steps: readonly ReturnStep[]): ReturnState {
  const s: ReturnState = {
    status: 'requested', reasonCodes: [], arrivedDate: null, jointInspectionLastDay: null, binding: null,
    defectConfirmed: null, accessoriesMissingAtInspection: [], payers: [],
  };
  for (const step of steps) {
    const d = step.details;
    s.status = step.step === 'requested' ? 'requested' : step.step;
    switch (step.step) {
      case 'refused':
        s.reasonCodes = (d.reasonCodes as string[]) ?? [];
        break;
      case 'inspection-scheduled':
        s.arrivedDate = String(d.arrivedDate);
        s.jointInspectionLastDay = String(d.jointInspectionLastDay);
        break;
      case 'inspected':
        s.binding = d.binding as ReturnState['binding'];
        s.defectConfirmed = d.defectConfirmed === true;
        s.accessoriesMissingAtInspection = (d.accessoriesMissing as string[]) ?? [];
        break;
      case 'approved':
        s.payers = (d.payers as ReturnPayer[]) ?? [];
        break;
      default:
        break;
    }
  }
  return s;
}
