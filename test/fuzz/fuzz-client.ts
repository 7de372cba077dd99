import http from 'node:http';
import type { Db } from '../../src/db/db.js';

export interface RawRequest {
  method: string;
  /** Already encoded path and query. */
  url: string;
  headers: Record<string, string>;
  body?: string | undefined;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: unknown;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/** Sends exactly what was generated (no client-side "fixing" of paths, methods or bodies). */
export function send(base: URL, request: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: base.hostname, port: base.port, method: request.method, path: request.url, headers: { ...request.headers, ...(request.body !== undefined ? { 'content-length': String(Buffer.byteLength(request.body)) } : {}) }, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}

/**
 * Row counts of every table in the schema, to prove a rejected request changed nothing; except the
 * failed-authentication counters, whose whole point is to count rejected requests.
 */
export async function tableCounter(db: Db): Promise<() => Promise<Record<string, number>>> {
  const { rows } = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'auth_failures' ORDER BY table_name",
  );
  const sql = 'SELECT ' + rows.map((r) => `(SELECT count(*)::int FROM "${r.table_name}") AS "${r.table_name}"`).join(', ');
  return async () => {
    const result = await db.query<Record<string, number>>(sql);
    return Object.fromEntries(Object.entries(result.rows[0]!).map(([k, v]) => [k, Number(v)]));
  };
}
