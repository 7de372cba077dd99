import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { jsonOrCsvResponse, jsonResponse, pathParam, registerOperation } from '../app/openapi-helpers.js';
import { campaignReportQuerySchema, campaignStepSchema, campaignVersionSchema, newCampaignSchema } from './campaign-schema.js';

const range = z.object({ from: z.string(), to: z.string() });
const affected = z.union([
  z.object({ by: z.literal('units'), vins: z.array(z.string()), serialNumbers: z.array(z.string()) }),
  z.object({ by: z.literal('range'), models: z.array(z.string()), productionDate: range.optional(), saleDate: range.optional() }),
]);
const terms = z.object({
  operationCode: z.string(), labourHours: z.number(), labourRateFen: z.number().int().nullable(),
  parts: z.union([
    z.object({ mode: z.literal('listed'), items: z.array(z.object({ partNumber: z.string(), quantity: z.number().int(), unitPriceFen: z.number().int() })) }),
    z.object({ mode: z.literal('as-claimed'), capFen: z.number().int() }),
  ]),
  liableParty: z.object({ type: z.enum(['manufacturer', 'supplier']), id: z.string().optional() }),
});
const version = z.object({
  code: z.string(), version: z.number().int(), kind: z.enum(['recall', 'service-action']), productLine: z.string(), title: z.string(),
  affected, terms, note: z.string(), createdBy: z.string(), createdAt: z.string(),
});
const status = z.enum(['open', 'closed', 'not-open']);
const step = z.object({ seq: z.number().int(), step: z.enum(['opened', 'closed']), on: z.string(), note: z.string(), recordedBy: z.string(), recordedAt: z.string() });
export const campaignViewSchema = version
  .extend({ status, today: z.string(), versions: z.array(version), steps: z.array(step) })
  .openapi('Campaign');
const campaignSummary = version.extend({ status, today: z.string() });
export const campaignReportSchema = z
  .object({
    code: z.string(), version: z.number().int(), status, today: z.string(),
    unitsAffected: z.number().int(), unitsCompleted: z.number().int(), completionPct: z.number().nullable(), costFen: z.number().int(),
    claims: z.object({ covered: z.number().int(), denied: z.number().int(), pended: z.number().int() }),
    units: z.array(z.object({ unitId: z.string(), vin: z.string().nullable(), serialNumber: z.string().nullable(), model: z.string(), completed: z.boolean(), claimNumbers: z.array(z.string()), costFen: z.number().int() })),
    jobs: z.array(z.object({
      claimNumber: z.string(), stationId: z.string(), unitId: z.string().nullable(), jobId: z.string(), status: z.enum(['covered', 'denied', 'pended']),
      campaignVersion: z.number().int().nullable(), approvedFen: z.number().int(), reasonCodes: z.array(z.string()),
    })),
  })
  .openapi('CampaignReport');

const params = z.object({ code: pathParam('the campaign code, e.g. RC-2026-001') });

export function registerCampaignPaths(registry: OpenAPIRegistry): void {
  registerOperation(registry, {
    method: 'post', path: '/v1/campaigns', operationId: 'createCampaign', roles: ['policy-owner'],
    summary: 'Create a campaign (recall or service action): the units it names, its operation, parts and who pays; it opens on opensOn',
    body: { schema: registry.register('NewCampaign', newCampaignSchema) },
    responses: { 201: jsonResponse(campaignViewSchema, 'the campaign, version 1, opened') },
    errors: { 409: 'a campaign of this code exists' },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/campaigns', operationId: 'listCampaigns', roles: ['policy-owner', 'auditor'],
    summary: 'Every campaign in its latest version, with its status today',
    responses: { 200: jsonResponse(z.object({ campaigns: z.array(campaignSummary) }).openapi('CampaignList'), 'the campaigns') },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/campaigns/{code}', operationId: 'getCampaign', roles: ['policy-owner', 'auditor'],
    summary: 'A campaign: its latest version, every version, its opening and closing steps',
    params, responses: { 200: jsonResponse(campaignViewSchema, 'the campaign') },
    errors: { 404: 'no such campaign' },
  });
  registerOperation(registry, {
    method: 'post', path: '/v1/campaigns/{code}/versions', operationId: 'addCampaignVersion', roles: ['policy-owner'],
    summary: 'Edit a campaign: its next version (claims decided before keep the version that decided them)',
    params, body: { schema: registry.register('CampaignVersionInput', campaignVersionSchema) },
    responses: { 201: jsonResponse(campaignViewSchema, 'the campaign with its new version') },
    errors: { 404: 'no such campaign', 409: 'edited meanwhile' },
  });
  registerOperation(registry, {
    method: 'post', path: '/v1/campaigns/{code}/steps', operationId: 'addCampaignStep', roles: ['policy-owner'],
    summary: 'Close (or reopen) a campaign from a day: an appended step',
    params, body: { schema: registry.register('CampaignStepInput', campaignStepSchema) },
    responses: { 201: jsonResponse(campaignViewSchema, 'the campaign with its new step') },
    errors: { 404: 'no such campaign', 409: 'already in that state, or before the last step' },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/campaigns/{code}/report', operationId: 'getCampaignReport', roles: ['policy-owner', 'auditor'],
    summary: 'A campaign\'s completion: units affected, units completed (a covered campaign job), completion %, cost in fen; per unit as CSV',
    params, query: campaignReportQuerySchema,
    responses: { 200: jsonOrCsvResponse(campaignReportSchema, 'the figures; CSV: one row per affected unit') },
    errors: { 404: 'no such campaign' },
  });
}
