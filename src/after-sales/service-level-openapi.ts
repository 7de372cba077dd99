import { LIMITS } from './service-level-report.js';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { jsonOrCsvResponse, pathParam, registerOperation } from '../app/openapi-helpers.js';
import { stationPeriodQuerySchema } from './old-part-routes.js';

const limit = z.enum(LIMITS);
export const serviceLevelReportSchema = z
  .object({
    stationId: z.string(), period: z.object({ from: z.string(), to: z.string() }), claims: z.number().int(), claimsWithTimes: z.number().int(),
    limits: z.array(z.object({ limit, measured: z.number().int(), within: z.number().int(), late: z.number().int(), exempt: z.number().int(), withinPct: z.number().nullable() })),
    late: z.array(z.object({ claimNumber: z.string(), limit, minutes: z.number().int(), limitMinutes: z.number().int(), overMinutes: z.number().int() })),
  })
  .openapi('ServiceLevelReport');

export function registerServiceLevelPaths(registry: OpenAPIRegistry): void {
  registerOperation(registry, {
    method: 'get', path: '/v1/stations/{stationId}/service-levels', operationId: 'getServiceLevels', roles: ['auditor', 'dealer'],
    summary: 'A station against the service-level limits over a period: the share within each limit, the late cases by claim number (JSON or CSV)',
    params: z.object({ stationId: pathParam('the service station') }), query: stationPeriodQuerySchema,
    responses: { 200: jsonOrCsvResponse(serviceLevelReportSchema, 'the shares and the late cases') },
  });
}
