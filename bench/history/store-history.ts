/**
 * Stores a generated history for the backtest benchmark with COPY FROM STDIN: worker threads generate
 * and decide chunks of claims and lay them out as COPY text, this thread streams each chunk into the
 * tables on one connection while the next chunks are decided (a bounded number in flight).
 *
 * The session runs with `session_replication_role = replica`, as a restore would: the per-row
 * triggers (append-only guards, the review queue's claim_heads projection) and foreign-key checks
 * are off while loading. The backtest reads none of what they maintain; every id a row names is
 * written by the same chunk, and units are written once each.
 */
import { availableParallelism } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Piscina } from 'piscina';
import type { PGlite } from '@electric-sql/pglite';
import type { RuleBook } from '../../src/rules/rule-book.js';
import { HISTORY_TABLES, type HistoryChunk } from './history-rows.js';

const CHUNK = 2_000;

export interface StoredHistory {
  seconds: number;
  claims: number;
  /** Bytes of COPY text streamed. */
  bytes: number;
}

/** Where COPY text goes: a PostgreSQL connection (COPY FROM STDIN) or PGlite (COPY FROM '/dev/blob'). */
export interface CopySink {
  exec(sql: string): Promise<unknown>;
  copy(table: string, text: string): Promise<void>;
  end(): Promise<void>;
}

export async function pgCopySink(url: string, schema: string): Promise<CopySink> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  return {
    exec: (sql) => client.query(sql),
    copy: (table, text) => pipeline(Readable.from([text]), client.query(copyFrom(`COPY ${table} FROM STDIN`))),
    end: () => client.end(),
  };
}

export function pgliteCopySink(pglite: PGlite): CopySink {
  return {
    exec: (sql) => pglite.exec(sql),
    copy: async (table, text) => {
      await pglite.query(`COPY ${table} FROM '/dev/blob'`, [], { blob: new Blob([text]) });
    },
    end: async () => undefined,
  };
}

export async function storeHistory(client: CopySink, book: RuleBook, count: number, seed: number): Promise<StoredHistory> {
  const started = performance.now();
  const threads = Math.max(1, availableParallelism());
  const pool = new Piscina({
    filename: new URL('./history-worker-entry.mjs', import.meta.url).href,
    workerData: { files: book.sourceFiles(), options: { evaluator: book.evaluator } },
    minThreads: threads,
    maxThreads: threads,
    // A chunk's garbage is collected rather than kept: the heap a worker may grow to is bounded.
    resourceLimits: { maxOldGenerationSizeMb: 160 },
  });
  let bytes = 0;
  try {
    await client.exec('SET session_replication_role = replica').catch(() => undefined);
    const units = new Set<string>();
    const starts: number[] = [];
    for (let s = 0; s < count; s += CHUNK) starts.push(s);
    // Two chunks per worker decided ahead of the one being copied: a worker done with one takes the next
    // while this thread copies (with one, each waited out every COPY); memory stays bounded (~8 MB a chunk).
    const ahead = threads * 2;
    const inFlight: Array<Promise<HistoryChunk>> = [];
    const submit = (i: number) => {
      if (i < starts.length) inFlight.push(pool.run({ seed, start: starts[i]!, n: Math.min(CHUNK, count - starts[i]!) }) as Promise<HistoryChunk>);
    };
    for (let i = 0; i < ahead; i += 1) submit(i);
    for (let i = 0; i < starts.length; i += 1) {
      const chunk = await inFlight.shift()!;
      submit(i + ahead);
      // A unit named by two claims is written once (the generator gives each index its own unit, but it need not).
      const fresh = chunk.unitIds.some((u) => units.has(u))
        ? chunk.units.split('\n').filter((row, k) => row !== '' && !units.has(chunk.unitIds[k]!) && (units.add(chunk.unitIds[k]!), true)).map((row) => `${row}\n`).join('')
        : (chunk.unitIds.forEach((u) => units.add(u)), chunk.units);
      await client.exec('BEGIN');
      for (const [table, columns] of Object.entries(HISTORY_TABLES)) {
        const text = table === 'units' ? fresh : chunk[table as keyof typeof HISTORY_TABLES];
        bytes += text.length;
        if (text.length > 0) await client.copy(columns, text);
      }
      await client.exec('COMMIT');
    }
    // Ids were written explicitly: the identity sequences continue after them.
    await client.exec(`SELECT setval(pg_get_serial_sequence('claims', 'id'), ${Math.max(count, 1)}), setval(pg_get_serial_sequence('decisions', 'id'), ${Math.max(count, 1)})`);
    await client.exec('ANALYZE units; ANALYZE claims; ANALYZE decisions; ANALYZE preauthorisations; ANALYZE claim_components');
  } finally {
    await pool.destroy();
    await client.end();
  }
  return { seconds: (performance.now() - started) / 1000, claims: count, bytes };
}
