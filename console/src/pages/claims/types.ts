import type { Schemas } from '../../api/client';

export type ClaimRead = Schemas['ClaimRead'];
export type DecidedJob = ClaimRead['jobs'][number];
export type DecidedLine = DecidedJob['lines'][number];
export type TraceEntry = ClaimRead['trace'][number];
