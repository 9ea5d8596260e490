import 'server-only';
import { performance } from 'node:perf_hooks';
import { getDb, type Db } from '@/db/client';
import { authorizeAdmin, type Actor } from '@/lib/permissions';
import { chainHead } from './audit-chain';
import { verifyAuditChain } from './audit-seal';

export type AuditChainStatus =
  | {
      checked: false;
      head: { seq: number; hash: string };
    }
  | {
      checked: true;
      ok: true;
      rows: number;
      head: { seq: number; hash: string };
      seals: number;
      latestSeal: { seq: number; sealedAt: string; kid: string } | null;
      seconds: number;
    }
  | { checked: true; ok: false; problem: string; head: { seq: number; hash: string } };

/**
 * The audit chain as an administrator sees it in the portal (`npm run -s audit -- verify` is the same check): the head
 * at a glance, and on request the whole walk, every row recomputed and every seal checked, naming the first row that
 * does not fit. Reading only: a walk of a long log takes seconds, so it runs when asked, not on every visit.
 */
export async function auditChainStatus(actor: Actor, check: boolean, db: Db = getDb()): Promise<AuditChainStatus> {
  authorizeAdmin(actor);
  const head = await chainHead(db);
  if (!check) return { checked: false, head };
  const started = performance.now();
  const result = await verifyAuditChain(db);
  if (!result.ok) return { checked: true, ok: false, problem: result.problem, head };
  const s = result.latestSeal;
  return {
    checked: true,
    ok: true,
    rows: result.rows,
    head: result.head,
    seals: result.seals,
    latestSeal: s ? { seq: s.seq, sealedAt: s.sealedAt, kid: s.kid } : null,
    seconds: (performance.now() - started) / 1000,
  };
}
