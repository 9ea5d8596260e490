import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PGlite, QueryOptions, Results } from '@electric-sql/pglite';

/**
 * The embedded database (PGlite) on a thread of its own, behind the part of PGlite's interface that drizzle
 * uses: query, exec and transaction. In-process, PGlite runs PostgreSQL on the thread that serves pages; at a
 * hundred autosaves a second that one thread was saturated (database work plus Next.js) and save latency
 * grew to seconds while the machine's second core sat idle. Here each gets a core.
 */

type Message =
  | { op: 'query'; sql: string; params?: unknown[]; options?: ThreadQueryOptions; tx?: number }
  | { op: 'exec'; sql: string; tx?: number }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'close' };

/**
 * Query options that can cross threads: drizzle's parsers all return the text as is, so they go as type ids;
 * a COPY's input blob goes as its bytes.
 */
interface ThreadQueryOptions {
  rowMode?: QueryOptions['rowMode'];
  textTypes?: number[];
  blob?: Uint8Array;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Queryable {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
}

const root = process.env.CRITERION_ROOT ?? process.cwd();

/** Options as they cross to the worker; refuses any the worker would silently drop. */
async function threadOptions(options: QueryOptions | undefined): Promise<ThreadQueryOptions | undefined> {
  if (!options) return undefined;
  const { rowMode, parsers, blob, ...rest } = options;
  const unsupported = Object.keys(rest).filter((k) => rest[k as keyof typeof rest] !== undefined);
  if (unsupported.length)
    throw new Error(`The embedded database thread does not support query options: ${unsupported.join(', ')}.`);
  return {
    rowMode,
    textTypes: parsers ? Object.keys(parsers).map(Number) : undefined,
    blob: blob ? new Uint8Array(await blob.arrayBuffer()) : undefined,
  };
}

/** An error from the worker, with PostgreSQL's fields (code, constraint, detail…) where the caller looks for them. */
function databaseError(fields: Record<string, unknown>): Error {
  const { message, name, ...rest } = fields;
  return Object.assign(new Error(String(message)), rest, { name: String(name ?? 'Error') });
}

export class PGliteThread implements Queryable {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private lastId = 0;
  /** Set once the worker has stopped: every later call fails with it instead of waiting forever. */
  private stopped: Error | undefined;
  private closing = false;

  /** dataDir: where the database lives; dump (tests): start an in-memory database from a dumped data directory. */
  constructor(source: { dataDir: string } | { dump: Uint8Array }) {
    this.worker = new Worker(path.join(/*turbopackIgnore: true*/ root, 'db/pglite-worker.mjs'), { workerData: source });
    this.worker.unref();
    this.worker.on(
      'message',
      ({ id, result, error }: { id: number; result?: unknown; error?: Record<string, unknown> }) => {
        const call = this.pending.get(id);
        if (!call) return;
        this.pending.delete(id);
        if (this.pending.size === 0) this.worker.unref();
        if (error) call.reject(databaseError(error));
        else call.resolve(result);
      },
    );
    this.worker.on('error', (e) => this.stop(new Error(`The embedded database stopped: ${e.message}`)));
    this.worker.on('exit', (code) => this.stop(new Error(`The embedded database stopped (exit code ${code}).`)));
  }

  private stop(reason: Error) {
    // Said once, where an operator looks: from now on every request that needs the database fails (and
    // /api/health answers 503) until the app is restarted.
    if (!this.stopped && !this.closing) console.error(reason.message);
    this.stopped ??= reason;
    for (const call of this.pending.values()) call.reject(reason);
    this.pending.clear();
  }

  private call<T>(message: Message): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = ++this.lastId;
    // Keep the process alive while a statement is out, but not for an idle database.
    if (this.pending.size === 0) this.worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      try {
        this.worker.postMessage({ ...message, id });
      } catch (e) {
        // A parameter that cannot be copied to another thread (a function, say): refused here, nothing sent.
        this.pending.delete(id);
        if (this.pending.size === 0) this.worker.unref();
        reject(e as Error);
      }
    });
  }

  async query<T>(sql: string, params?: unknown[], options?: QueryOptions, tx?: number): Promise<Results<T>> {
    return this.call({ op: 'query', sql, params, options: await threadOptions(options), tx });
  }

  exec(sql: string, tx?: number): Promise<Results[]> {
    return this.call({ op: 'exec', sql, tx });
  }

  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const id = await this.call<number>({ op: 'begin' });
    const tx: Queryable = {
      query: (sql, params, options) => this.query(sql, params, options, id),
      exec: (sql) => this.exec(sql, id),
    };
    let result: T;
    try {
      result = await fn(tx);
    } catch (e) {
      // The caller's error is the one that matters; a failed rollback cannot leave more behind than it.
      await this.call({ op: 'end', tx: id, commit: false }).catch(() => {});
      throw e;
    }
    await this.call({ op: 'end', tx: id, commit: true });
    return result;
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    this.closing = true;
    await this.call({ op: 'close' });
    this.stop(new Error('The embedded database stopped: it was closed.'));
    await this.worker.terminate();
  }

  /** Drizzle's PGlite driver types its client as PGlite; this class answers every call that driver makes. */
  asPGlite(): PGlite {
    return this as unknown as PGlite;
  }
}
