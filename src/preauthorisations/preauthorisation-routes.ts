import { Router } from 'express';
import { z } from '../zod.js';
import type { Db } from '../db/db.js';
import type { RuleBook } from '../rules/rule-book.js';
import { allow, principalOf } from '../auth/authenticate.js';
import { describe } from '../auth/principal.js';
import { parseOr400 } from '../app/validate.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors/http-errors.js';
import { didYouMean } from '../rules/validation/suggest.js';
import { UnitStore } from '../units/unit-store.js';
import { PreAuthorisationStore } from './preauthorisation-store.js';
import { preAuthorisationRequestSchema } from './preauthorisation-schema.js';

export const preAuthorisationListQuerySchema = z.object({
  unitId: z.string({ message: 'name the unit: ?unitId=' }).min(1, 'name the unit: ?unitId=').openapi({ description: 'the unit whose pre-authorisations to list' }),
  cursor: z.string().min(1).optional().openapi({ description: 'nextCursor of the page before' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Auditors issue pre-authorisations for costly repairs and look them up; none is ever changed. */
export function preAuthorisationRoutes(db: Db, ruleBook: () => RuleBook, clock: () => Date): Router {
  const router = Router();
  const store = new PreAuthorisationStore(db);
  const units = new UnitStore(db);

  router.post('/v1/preauthorisations', allow('auditor'), async (req, res) => {
    const body = parseOr400(preAuthorisationRequestSchema, req.body);
    const unit = body.unitId !== undefined ? await units.get(body.unitId) : await units.findByIdentity(body.unit!);
    if (!unit) throw new NotFoundError(`no registered unit ${body.unitId ?? JSON.stringify(body.unit)}`);
    const policy = ruleBook().policyAt(unit.productLine, body.validFrom) ?? ruleBook().policyForCoverage(unit.productLine, unit.saleDate);
    const components = Object.keys(policy?.file.components ?? {});
    if (!components.includes(body.component)) {
      throw new ValidationError([{ path: 'component', message: `${body.component} is not a component of ${unit.productLine}${didYouMean(body.component, components)}` }]);
    }
    const issued = await store.issue(
      { number: body.number, unitId: unit.unitId, component: body.component, amountLimitFen: body.amountLimitFen, validFrom: body.validFrom, validTo: body.validTo, issuedBy: describe(principalOf(req)), note: body.note ?? null },
      clock(),
    );
    // Issued once, never changed: a number already issued is a conflict, whatever the body says.
    if (!issued) throw new ConflictError('preauthorisation-exists', `pre-authorisation ${body.number} is already issued; issue a new one with another number`, { number: body.number });
    res.status(201).location(`/v1/preauthorisations/${issued.number}`).json(issued);
  });

  router.get('/v1/preauthorisations/:number', allow('auditor'), async (req, res) => {
    const found = await store.get(req.params.number as string);
    if (!found) throw new NotFoundError(`no pre-authorisation ${req.params.number}`);
    res.json(found);
  });

  router.get('/v1/preauthorisations', allow('auditor'), async (req, res) => {
    const query = parseOr400(preAuthorisationListQuerySchema, req.query, 'query');
    const rows = await store.ofUnit(query.unitId, { after: query.cursor, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    res.json({ items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.number : null });
  });

  return router;
}
