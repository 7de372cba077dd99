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
    /** A generic serial for a unit with neither VIN nor frame serial (weighing equipment: the nameplate serial). */
    serialNumber: z.string().min(1).max(64).optional(),
    warrantyCardNumber: z.string().min(1).max(64).optional(),
    saleDate: isoDateSchema,
    /** Commissioning acceptance (开通验收合格之日): where a line's terms start (policy `termStartsAt: commissioningDate`). */
    commissioningDate: isoDateSchema.optional(),
    /** Delivery to the customer (交货): where a line's terms start with `termStartsAt: deliveryDate`. */
    deliveryDate: isoDateSchema.optional(),
    /** The day the unit left the line: a campaign's affected-unit range may name it. */
    productionDate: isoDateSchema.optional(),
    region: z.string().min(2).max(32),
    dealerId: z.string().min(1).max(64).optional(),
    chassisMaker: z.string().min(1).max(64).optional(),
  })
  .refine((u) => u.vin !== undefined || u.frameSerial !== undefined || u.serialNumber !== undefined, { message: 'a unit needs a VIN, a frame serial or a serial number', path: ['vin'] });

export type UnitInput = z.input<typeof unitSchema>;
export type Unit = z.infer<typeof unitSchema>;
