import type { Claim } from '../claims/claim-schema.js';
import type { Unit } from '../units/unit-schema.js';

/** IV when no unit matches the claim; NWR when the claim's identity does not match the registry's record. */
export function checkIdentity(claim: Claim, unit: Unit | null): 'IV' | 'NWR' | null {
  if (unit === null) return claim.unit.vin !== undefined ? 'IV' : 'NWR';
  const { vin, upfitSerial, frameSerial, serialNumber } = claim.unit;
  if (vin !== undefined && vin !== unit.vin) return 'NWR';
  if (frameSerial !== undefined && frameSerial !== unit.frameSerial) return 'NWR';
  if (serialNumber !== undefined && serialNumber !== unit.serialNumber) return 'NWR';
  if (upfitSerial !== undefined && unit.upfitSerial !== undefined && upfitSerial !== unit.upfitSerial) return 'NWR';
  return null;
}
