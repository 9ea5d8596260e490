import { desc, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { auditSeals } from '@/db/schema';
import { chainHead, checkChain, GENESIS_HASH, type ChainHead } from './audit-chain';
import { kidOf, signJson, verifyJson } from './keys';

/**
 * Signed chain heads. A seal is a JWS (Ed25519, lib/record/keys.ts) over the chain's head at one moment: cutting rows
 * off the end of the chain, which the chain alone cannot show (what is left still links up), leaves a seal pointing
 * at a position or hash the chain no longer has. A seal copied out of the database (the seal command prints it; each
 * export will carry one) still catches it when the seals table itself was cut back too.
 */

export const SEAL_TYP = 'criterion-audit-seal+jws';

interface SealPayload {
  seq: number;
  hash: string;
  sealedAt: string;
  iss?: string;
}

export interface Seal extends SealPayload {
  kid: string;
  jws: string;
}

/**
 * Seals the current head, or returns the latest seal when the head has not moved since (so a scheduled job may call
 * it as often as it likes).
 */
export async function sealChain(db: Db): Promise<Seal & { fresh: boolean }> {
  return db.transaction(async (tx) => {
    const head: ChainHead = await chainHead(tx);
    const [latest] = await tx.select().from(auditSeals).orderBy(desc(auditSeals.id)).limit(1);
    if (latest && latest.seq === head.seq && latest.hash === head.hash) {
      return { ...payloadOf(latest.jws), kid: latest.kid, jws: latest.jws, fresh: false };
    }
    const payload: SealPayload = {
      seq: head.seq,
      hash: head.hash,
      sealedAt: new Date().toISOString(),
      ...(process.env.NEXTAUTH_URL ? { iss: process.env.NEXTAUTH_URL } : {}),
    };
    const jws = await signJson(payload, SEAL_TYP);
    const kid = kidOf(jws)!;
    await tx
      .insert(auditSeals)
      .values({ seq: head.seq, hash: head.hash, kid, jws, sealedAt: new Date(payload.sealedAt) });
    return { ...payload, kid, jws, fresh: true };
  });
}

function payloadOf(jws: string): SealPayload {
  return JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as SealPayload;
}

export type ChainVerification =
  | { ok: true; rows: number; head: ChainHead; seals: number; latestSeal?: Seal }
  | { ok: false; problem: string; rowId?: number; seq?: number };

/**
 * The whole check behind `npm run -s audit -- verify`: the chain links up row by row, and every seal (those in the
 * database, and `extraSeals` kept elsewhere) is genuine and still names a row of the chain with the same hash.
 */
export async function verifyAuditChain(db: Db, extraSeals: string[] = []): Promise<ChainVerification> {
  const stored = rowsOf<{ id: number; seq: number; hash: string; jws: string }>(
    await db.execute(sql`select id, seq, hash, jws from audit_seals order by id`),
  );
  const seals: { label: string; jws: string; seq?: number; hash?: string }[] = [
    ...stored.map((s) => ({ label: `seal ${s.id}`, jws: s.jws, seq: Number(s.seq), hash: s.hash })),
    ...extraSeals.map((jws, i) => ({ label: `given seal ${i + 1}`, jws })),
  ];
  const checked: Seal[] = [];
  for (const s of seals) {
    const v = await verifyJson(s.jws);
    if (!v.ok) return { ok: false, problem: `${s.label}: ${v.problem}` };
    if (v.typ !== SEAL_TYP) return { ok: false, problem: `${s.label}: not an audit seal (typ ${v.typ ?? 'missing'})` };
    const p = v.payload as SealPayload;
    if (!Number.isSafeInteger(p.seq) || typeof p.hash !== 'string') {
      return { ok: false, problem: `${s.label}: its payload has no chain position and hash` };
    }
    if (s.seq !== undefined && (s.seq !== p.seq || s.hash !== p.hash)) {
      return {
        ok: false,
        problem: `${s.label}: its columns (position ${s.seq}) differ from what was signed (${p.seq})`,
      };
    }
    checked.push({ ...p, kid: v.kid, jws: s.jws });
  }
  const chain = await checkChain(
    db,
    checked.map((s) => s.seq),
  );
  if (!chain.ok) return chain;
  for (const [i, s] of checked.entries()) {
    const label = seals[i]!.label;
    if (s.seq > chain.rows) {
      return {
        ok: false,
        seq: s.seq,
        problem: `${label} (sealed ${s.sealedAt}) is at chain position ${s.seq}, but the chain ends at ${chain.rows}: rows were removed from the end`,
      };
    }
    if ((s.seq > 0 ? chain.hashes.get(s.seq) : GENESIS_HASH) !== s.hash) {
      return {
        ok: false,
        seq: s.seq,
        problem: `${label} (sealed ${s.sealedAt}) does not match chain position ${s.seq}: the chain was rewritten from there on`,
      };
    }
  }
  const latest = checked.slice(0, stored.length).at(-1);
  return { ok: true, rows: chain.rows, head: chain.head, seals: checked.length, latestSeal: latest };
}
