import { createHash, type Hash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import { sha256Hex } from '@/lib/hash';

/**
 * The audit chain, recomputed outside the database. db/sql/011_audit_chain.sql links each row as it is inserted;
 * this module rebuilds every row's canonical text from the stored columns, independently of the database's own
 * functions (a changed trigger function cannot vouch for itself), and walks the chain.
 */

export const GENESIS_HASH = '0'.repeat(64);
const FORMAT = 'criterion-audit/1';
const ERASED_FORMAT = 'criterion-audit-erased/1';
/** The action of the audit row a learner's erasure writes; it counts the rows it emptied (db/sql/014_erasure.sql). */
const ERASURE_ACTION = 'learner.erased';

/** One audit row as the verifier reads it: every value as PostgreSQL writes it as text. */
export interface ChainRow {
  id: number;
  chainSeq: number | null;
  prevHash: string | null;
  rowHash: string | null;
  /** `at` in UTC, microseconds: 2026-12-07T02:24:48.425000Z */
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  learnerId: string | null;
  /** PostgreSQL's jsonb text of the value (keys in its own order, ", " and ": "), or null for SQL NULL. */
  before: string | null;
  after: string | null;
  /** Set when a learner's erasure emptied before and after: the id of the audit row that records that erasure. */
  erasedBy: number | null;
}

const str = (v: string | null) => (v === null ? 'null' : JSON.stringify(v));

/**
 * The canonical text of a row: the JSON array
 * ["criterion-audit/1", chain_seq, prev_hash, id, at, actor_id, action, subject_type, subject_id, learner_id, before, after]
 * as PostgreSQL writes a jsonb array (items separated by ", "), the strings escaped as JSON.stringify escapes them
 * (PostgreSQL's escaping agrees: \" \\ \b \f \n \r \t, \u00xx for other control characters, nothing else) and
 * before/after embedded as their jsonb text.
 */
export function canonicalAuditText(row: ChainRow, chainSeq: number, prevHash: string): string {
  return `[${[
    str(FORMAT),
    String(chainSeq),
    str(prevHash),
    String(row.id),
    str(row.at),
    str(row.actorId),
    str(row.action),
    str(row.subjectType),
    str(row.subjectId),
    str(row.learnerId),
    row.before ?? 'null',
    row.after ?? 'null',
  ].join(', ')}]`;
}

/**
 * What an emptied row still vouches for (db/sql/014_erasure.sql, criterion_audit_erased_line): the canonical form's
 * columns but before and after, plus the row's own hash, as the JSON array
 * ["criterion-audit-erased/1", chain_seq, prev_hash, id, at, actor_id, action, subject_type, subject_id, learner_id, row_hash].
 */
function erasedLine(row: ChainRow): string {
  return `[${[
    str(ERASED_FORMAT),
    String(row.chainSeq),
    str(row.prevHash),
    String(row.id),
    str(row.at),
    str(row.actorId),
    str(row.action),
    str(row.subjectType),
    str(row.subjectId),
    str(row.learnerId),
    str(row.rowHash),
  ].join(', ')}]`;
}

function auditRowHash(row: ChainRow, chainSeq: number, prevHash: string): string {
  return sha256Hex(canonicalAuditText(row, chainSeq, prevHash));
}

const SELECT_ROWS = sql`select id, chain_seq as "chainSeq", prev_hash as "prevHash", row_hash as "rowHash",
  to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, actor_id::text as "actorId", action,
  subject_type as "subjectType", subject_id as "subjectId", learner_id::text as "learnerId",
  before::text as before, after::text as after, erased_by as "erasedBy" from audit_log`;

/** Rows in chain order, a page at a time, so a long log is never held in memory at once. */
async function* chainRows(db: DbOrTx, pageSize = 2000): AsyncGenerator<ChainRow> {
  let after = 0;
  for (;;) {
    const page = rowsOf<ChainRow>(
      await db.execute(sql`${SELECT_ROWS} where chain_seq > ${after} order by chain_seq limit ${pageSize}`),
    ).map((r) => ({
      ...r,
      id: Number(r.id),
      chainSeq: Number(r.chainSeq),
      erasedBy: r.erasedBy === null ? null : Number(r.erasedBy),
    }));
    yield* page;
    if (page.length < pageSize) return;
    after = page.at(-1)!.chainSeq!;
  }
}

export interface ChainHead {
  seq: number;
  hash: string;
}

export type ChainCheck =
  | { ok: true; rows: number; head: ChainHead; hashes: Map<number, string> }
  | { ok: false; problem: string; rowId?: number; seq?: number };

const describe = (r: ChainRow) => `audit row id ${r.id} (chain position ${r.chainSeq}, ${r.action} at ${r.at})`;

/**
 * Walks the chain from its first row and names the first row that does not fit: content changed (its hash no
 * longer matches), a row missing (a gap in the positions, or a row's link to the one before broken), a row added
 * outside the chain, or rows cut off the end (the stored head points past the last row). `keep` lists the positions
 * whose hash the caller needs back (the seals'); every hash is not kept, to bound memory on a long log.
 *
 * A row a learner's erasure emptied (erased_by set, before and after null) cannot be recomputed, so it is accepted on
 * other terms: it keeps its row_hash and links (the next row's prev_hash, recomputed, still binds it), and the
 * erasure's own audit row, later in the chain and itself recomputed, records how many rows it emptied and the SHA-256
 * of what each still holds (erasedLine); the rows marked erased by it must give exactly that. Every other row is
 * recomputed as before.
 */
export async function checkChain(db: DbOrTx, keep: Iterable<number> = []): Promise<ChainCheck> {
  const wanted = new Set(keep);
  const hashes = new Map<number, string>();
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let count = 0;
  // Per erasure audit row not reached yet: the emptied rows that name it, hashed as they come.
  const erased = new Map<number, { rows: number; hash: Hash; first: ChainRow }>();
  const erasuresSeen = new Set<number>();
  const unlinked = rowsOf<{ id: number }>(
    await db.execute(sql`select id from audit_log where chain_seq is null or row_hash is null order by id limit 1`),
  );
  if (unlinked.length) {
    return {
      ok: false,
      rowId: Number(unlinked[0]!.id),
      problem: `audit row id ${unlinked[0]!.id} is not in the chain (inserted with the chain's trigger switched off)`,
    };
  }
  for await (const row of chainRows(db)) {
    const seq = row.chainSeq!;
    if (seq !== expectedSeq) {
      return {
        ok: false,
        rowId: row.id,
        seq: expectedSeq,
        problem:
          `chain position ${expectedSeq} is missing (deleted): the next row is ${describe(row)}` +
          (seq > expectedSeq + 1 ? `, ${seq - expectedSeq} positions missing` : ''),
      };
    }
    if (row.prevHash !== prev) {
      return {
        ok: false,
        rowId: row.id,
        seq,
        problem: `${describe(row)} does not link to the row before it (its prev_hash was changed, or the row before was replaced)`,
      };
    }
    if (row.erasedBy !== null) {
      if (row.before !== null || row.after !== null || erasuresSeen.has(row.erasedBy)) {
        return {
          ok: false,
          rowId: row.id,
          seq,
          problem: `${describe(row)} is marked erased by audit row id ${row.erasedBy}, but ${
            erasuresSeen.has(row.erasedBy) ? 'that erasure came before it' : 'it still holds content'
          }: the row was changed after it was written`,
        };
      }
      const acc = erased.get(row.erasedBy) ?? { rows: 0, hash: createHash('sha256'), first: row };
      acc.hash.update((acc.rows ? '\n' : '') + erasedLine(row), 'utf8');
      acc.rows++;
      erased.set(row.erasedBy, acc);
    } else if (auditRowHash(row, seq, prev) !== row.rowHash) {
      return {
        ok: false,
        rowId: row.id,
        seq,
        problem: `${describe(row)} does not match its hash: the row was changed after it was written`,
      };
    } else if (row.action === ERASURE_ACTION) {
      const claim = JSON.parse(row.after ?? '{}') as { erasedAuditRows?: number; erasedAuditDigest?: string };
      const acc = erased.get(row.id);
      erased.delete(row.id);
      erasuresSeen.add(row.id);
      const rows = acc?.rows ?? 0;
      if (
        rows !== claim.erasedAuditRows ||
        (acc?.hash ?? createHash('sha256')).digest('hex') !== claim.erasedAuditDigest
      ) {
        return {
          ok: false,
          rowId: row.id,
          seq,
          problem:
            `${describe(row)} records ${claim.erasedAuditRows ?? 0} emptied audit rows, but the ${rows} rows marked erased ` +
            `by it do not match what it recorded: one of them was changed, added or removed after the erasure`,
        };
      }
    }
    // Never null here: rows without a hash were refused before the walk.
    if (wanted.has(seq)) hashes.set(seq, row.rowHash!);
    prev = row.rowHash!;
    expectedSeq++;
    count++;
  }
  for (const [erasureId, { first }] of erased) {
    return {
      ok: false,
      rowId: first.id,
      seq: first.chainSeq ?? undefined,
      problem: `${describe(first)} is marked erased by audit row id ${erasureId}, but no erasure row with that id follows it in the chain: the row was emptied outside an erasure`,
    };
  }
  const [stored] = rowsOf<{ seq: number; hash: string }>(
    await db.execute(sql`select seq, hash from audit_chain_head where id = 1`),
  );
  if (!stored) return { ok: false, problem: 'the chain has no head row (audit_chain_head is empty)' };
  const head = { seq: count, hash: prev };
  if (Number(stored.seq) !== head.seq || stored.hash !== head.hash) {
    return {
      ok: false,
      seq: Number(stored.seq),
      problem:
        Number(stored.seq) > head.seq
          ? `the chain ends at position ${head.seq} but its head is at ${stored.seq}: rows were removed from the end`
          : `the chain's head (position ${stored.seq}) does not match its last row (position ${head.seq}, ${head.hash})`,
    };
  }
  return { ok: true, rows: count, head, hashes };
}

/** The head as the database holds it: the last row's position and hash (position 0 and zeros while empty). */
export async function chainHead(db: DbOrTx): Promise<ChainHead> {
  const [row] = rowsOf<{ seq: number; hash: string }>(
    await db.execute(sql`select seq, hash from audit_chain_head where id = 1`),
  );
  if (!row) throw new Error('audit_chain_head has no row: run the migrations');
  return { seq: Number(row.seq), hash: row.hash };
}
