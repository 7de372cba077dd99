import { z } from '../zod.js';
import { claimUnitIdentitySchema, isoDateSchema } from '../claims/claim-schema.js';

/** The form of the numbers the service gives (PA-000001 …), reserved for it. */
const GENERATED_NUMBER = /^PA-\d+$/i;

/** What an auditor sends to issue a pre-authorisation: the unit, the component, the most it covers and when. */
export const preAuthorisationRequestSchema = z
  .object({
    /** The number, when the manufacturer's authorisation system assigned one; else the service numbers it PA-000001 … */
    number: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dot, dash and underscore, at most 64')
      // PA-<digits> is the service's own numbering: a number taken from it would make a later issue fail.
      .refine((n) => !GENERATED_NUMBER.test(n), 'PA- followed by digits is the service\'s own numbering; leave number out to get one')
      .optional(),
    unitId: z.string().min(1).optional(),
    unit: claimUnitIdentitySchema.optional(),
    component: z.string().regex(/^[a-z0-9-]+$/, 'components are kebab-case'),
    amountLimitFen: z.number().int('money is an integer number of fen').positive(),
    validFrom: isoDateSchema,
    validTo: isoDateSchema,
    note: z.string().trim().max(4000).optional(),
  })
  .superRefine((r, ctx) => {
    if ((r.unitId === undefined) === (r.unit === undefined)) ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'name the unit by unitId or by unit (VIN, frame serial or serial number), one of them' });
    if (r.validFrom > r.validTo) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'validTo is before validFrom' });
  })
  .openapi('PreAuthorisationRequest');

export const preAuthorisationSchema = z
  .object({
    number: z.string(),
    unitId: z.string(),
    component: z.string(),
    amountLimitFen: z.number().int(),
    validFrom: z.string(),
    validTo: z.string(),
    issuedBy: z.string(),
    issuedAt: z.string(),
    note: z.string().nullable(),
  })
  .openapi('PreAuthorisation');

export type PreAuthorisationRequest = z.infer<typeof preAuthorisationRequestSchema>;
/** A pre-authorisation as issued; never changed. */
export type PreAuthorisation = z.infer<typeof preAuthorisationSchema>;
