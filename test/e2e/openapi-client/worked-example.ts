import createClient from 'openapi-fetch';
import type { components, paths } from './api.js';

type Claim = components['schemas']['Claim'];
type PreAuthorisationRequest = components['schemas']['PreAuthorisationRequest'];
type Decision = components['schemas']['Decision'];

/**
 * The README's worked example, as an integrator writes it with a client generated from
 * /openapi.json (openapi-typescript types, openapi-fetch calls): an auditor key from the admin key,
 * the pre-authorisation, then the battery claim. Type-checked by tsc on its own (no `any`).
 */
export async function runWorkedExample(baseUrl: string, adminKey: string, demo: { preAuthorisation: PreAuthorisationRequest; claim: Claim }): Promise<{ status: number; decision: Decision }> {
  const admin = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${adminKey}` } });
  const created = await admin.POST('/v1/keys', { body: { role: 'auditor', label: 'settlement office' } });
  if (!created.data) throw new Error(`creating the auditor key: ${created.response.status} ${JSON.stringify(created.error)}`);
  const key: string = created.data.key;

  const auditor = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${key}` } });
  const issued = await auditor.POST('/v1/preauthorisations', { body: demo.preAuthorisation });
  if (!issued.data) throw new Error(`issuing the pre-authorisation: ${issued.response.status} ${JSON.stringify(issued.error)}`);
  const limit: number = issued.data.amountLimitFen;
  if (limit !== demo.preAuthorisation.amountLimitFen) throw new Error('the pre-authorisation came back with another limit');

  const submitted = await auditor.POST('/v1/claims', { body: demo.claim });
  if (!submitted.data) throw new Error(`submitting the claim: ${submitted.response.status} ${submitted.error?.code}: ${submitted.error?.detail}`);
  return { status: submitted.response.status, decision: submitted.data };
}

/** The generated types know the contract: a typo'd field does not compile, and an error is a Problem. */
export async function typoDoesNotCompile(baseUrl: string, key: string, claim: Claim): Promise<{ status: number; paths: string[] }> {
  const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${key}` } });
  const { odometerKm, ...rest } = claim;
  // @ts-expect-error odometerkm is not a field of Claim (the server says so too: a 400 naming the path)
  const result = await client.POST('/v1/claims', { body: { ...rest, odometerkm: odometerKm } });
  const errors: Array<{ path: string; message: string }> = result.error?.errors ?? [];
  return { status: result.response.status, paths: errors.map((e) => e.path) };
}
