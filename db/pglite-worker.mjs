// The embedded database's own thread (see db/pglite-thread.ts). PGlite runs PostgreSQL compiled to WASM on
// the thread that calls it; here that thread is not the one serving pages, so a busy database and a busy
// Next.js each get a core. Plain JavaScript because Node loads it directly, outside the Next.js build.
import { Blob } from 'node:buffer';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

// A data directory, or (tests) an in-memory database started from a dump of a migrated one.
const db = new PGlite({
  dataDir: workerData.dataDir,
  loadDataDir: workerData.dump ? new Blob([workerData.dump]) : undefined,
});

/** Open transactions by id: each holds PGlite's transaction until the main thread ends it. */
const transactions = new Map();
let lastTransactionId = 0;

const asIs = (value) => value;

/** Query options as PGlite wants them; functions cannot cross threads, so parsers arrive as type ids. */
function queryOptions(options) {
  if (!options) return undefined;
  return {
    rowMode: options.rowMode,
    parsers: options.textTypes ? Object.fromEntries(options.textTypes.map((type) => [type, asIs])) : undefined,
    blob: options.blob ? new Blob([options.blob]) : undefined,
  };
}

/** Where a statement runs: inside the transaction it names, or on its own. */
function target(transactionId) {
  if (transactionId === undefined) return db;
  const open = transactions.get(transactionId);
  if (!open) throw new Error(`Transaction ${transactionId} is not open.`);
  return open.tx;
}

function begin() {
  return new Promise((started, failedToStart) => {
    const id = ++lastTransactionId;
    const settled = db
      .transaction(
        (tx) =>
          new Promise((commit, rollBack) => {
            transactions.set(id, { tx, commit, rollBack, settled });
            started(id);
          }),
      )
      .finally(() => transactions.delete(id));
    // A transaction that could not begin rejects before its callback runs.
    settled.catch(failedToStart);
  });
}

async function end(transactionId, commit) {
  const open = transactions.get(transactionId);
  if (!open) return; // already ended, for example by a failed COMMIT
  if (commit) {
    open.commit();
    await open.settled;
  } else {
    open.rollBack(new Error('rolled back'));
    await open.settled.catch(() => {});
  }
}

/** A result without what cannot be cloned (the blob PGlite attaches for COPY, never used here). */
function plain({ rows, fields, affectedRows }) {
  return { rows, fields, affectedRows };
}

async function run(message) {
  switch (message.op) {
    case 'query':
      return plain(await target(message.tx).query(message.sql, message.params, queryOptions(message.options)));
    case 'exec':
      return (await target(message.tx).exec(message.sql)).map(plain);
    case 'begin':
      return begin();
    case 'end':
      return end(message.tx, message.commit);
    case 'close':
      return db.close();
    default:
      throw new Error(`Unknown database operation ${message.op}.`);
  }
}

/** PostgreSQL's error fields (code, constraint, detail…) travel as plain values; the rest stays here. */
function plainError(error) {
  const fields = {};
  for (const [key, value] of Object.entries(error ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  }
  return { ...fields, name: error?.name ?? 'Error', message: error?.message ?? String(error) };
}

parentPort.on('message', (message) => {
  run(message).then(
    (result) => parentPort.postMessage({ id: message.id, result }),
    (error) => parentPort.postMessage({ id: message.id, error: plainError(error) }),
  );
});
