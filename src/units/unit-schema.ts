import { z } from '../zod.js';
import { isoDateSchema } from '../claims/claim-schema.js';
import { isValidVin } from './vin.js';

export const unitSchema = z
  .object({
    unitId: z.string().min(1).max(64),
    productLine: z.string().regex(/^[a-z0-9-]+$/, 'product lines are kebab-case'),
    model: z.string().min(1).max(64),
    vin: z.string().refine(isValidVin, 'not a valid VIN: 17 characters, no I, O or Q, check digit in position 9').optional(),
    upfitSerial: z.string().min(1).max(64).optional(),
    frameSerial: z.string().min(1).max(64).optional(),
    warrantyCardNumber: z.string().min(1).max(64).optional(),
    saleDate: isoDateSchema,
    region: z.string().min(2).max(32),
    dealerId: z.string().min(1).max(64).optional(),
    chassisMaker: z.string().min(1).max(64).optional(),
  })
  .refine((u) => u.vin !== undefined || u.frameSerial !== undefined, { message: 'a unit needs a VIN or a frame serial', path: ['vin'] });

export type UnitInput = z.input<typeof unitSchema>;
export type Unit = z.infer<typeof unitSchema>;
