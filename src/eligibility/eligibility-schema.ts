import { z } from '../zod.js';
import { claimUnitIdentitySchema, isoDateSchema } from '../claims/claim-schema.js';

export const eligibilityComponentSchema = z
  .object({
    component: z.string().min(1).optional(),
    partNumber: z.string().min(1).optional(),
    failureMode: z.string().min(1).optional(),
  })
  .refine((c) => c.component !== undefined || c.partNumber !== undefined, { message: 'name a component or a partNumber' });

export const eligibilityRequestSchema = z.object({
  unit: claimUnitIdentitySchema,
  date: isoDateSchema.optional(),
  odometerKm: z.number().int().nonnegative().optional(),
  /** The components asked about; left out: every component of the unit's policy (a dealer's pre-check page). */
  components: z.array(eligibilityComponentSchema).min(1).max(50).optional().openapi({ description: "the components asked about; omit it to ask about every component of the unit's policy" }),
});

export const eligibilityBatchSchema = z.object({
  requests: z.array(eligibilityRequestSchema).min(1).max(100),
});

export type EligibilityRequest = z.infer<typeof eligibilityRequestSchema>;
export type EligibilityComponent = z.infer<typeof eligibilityComponentSchema>;
