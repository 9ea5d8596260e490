import 'server-only';
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { evidence, singleUseLinks, users, type EvidenceRow, type SingleUseLinkRow } from '@/db/schema';
import { audit } from '@/lib/audit';
import { ConflictError, ValidationError } from '@/lib/errors';
import { loadEvidenceRow } from '@/lib/evidence/shared';
import { canonicalJson, sha256Hex } from '@/lib/hash';
import { notify } from '@/lib/notifications/notify';
import { authorize, type Actor } from '@/lib/permissions';
import { issueLink, linkState, supersedeOpenLinks, useLink, type IssuedLink, type LinkUse } from './links';
import type { LinkRequest, WitnessConfirmation } from './types';

/**
 * Witness statements confirmed by link (issue 21): the learner names the witness (name, role, email) on the
 * statement, asks for a link, and passes it on; the witness reads the statement and confirms it, or says it is not
 * accurate, with their name. The answer is written on the link in the same transaction and shows wherever the
 * evidence does. A link is bound to the statement's id, version and text: any edit supersedes it.
 */

/** The SHA-256 of what the witness is asked about: the statement as it stands at this version. */
function statementDigest(row: EvidenceRow): string {
  return sha256Hex(
    canonicalJson({
      evidenceId: row.id,
      learnerId: row.learnerId,
      version: row.version,
      title: row.title,
      occurredOn: row.occurredOn,
      description: row.description,
      body: row.body,
      witnessName: row.witnessName,
      witnessRole: row.witnessRole,
      witnessContact: row.witnessContact,
    }),
  );
}

const isCurrent = (row: EvidenceRow, link: Pick<SingleUseLinkRow, 'documentVersion' | 'documentSha256'>) =>
  row.supersededBy === null && row.version === link.documentVersion && statementDigest(row) === link.documentSha256;

/** The learner asks for a link for the witness named on their statement; earlier open links stop working. */
export async function requestWitnessConfirmation(actor: Actor, input: { evidenceId: string }): Promise<IssuedLink> {
  return getDb().transaction(async (tx) => {
    const row = await loadEvidenceRow(tx, input.evidenceId, { lock: true });
    await authorize(actor, 'evidence.write', row.learnerId, tx);
    if (row.kind !== 'witness') throw new ValidationError('Only a witness statement is confirmed by its witness.');
    if (row.supersededBy)
      throw new ConflictError('This is an earlier version of the statement: ask for confirmation on the newest one.');
    if (!row.witnessContact || !row.witnessName)
      throw new ValidationError("Add the witness's name and email address to the statement first (Edit).");
    const [learner] = await tx.select({ name: users.name }).from(users).where(eq(users.id, row.learnerId));
    return issueLink(tx, {
      purpose: 'witness_statement',
      learnerId: row.learnerId,
      document: { evidenceId: row.id },
      documentVersion: row.version,
      documentSha256: statementDigest(row),
      recipient: { name: row.witnessName, role: row.witnessRole ?? '', email: row.witnessContact },
      actorId: actor.id,
      subject: `${learner?.name ?? 'A learner'} asks you to confirm a witness statement`,
    });
  });
}

/** An edit of the statement: links made for the text it had stop working (called in the edit's transaction). */
export async function statementChanged(tx: DbOrTx, row: EvidenceRow, actorId: string): Promise<void> {
  if (row.kind !== 'witness') return;
  await supersedeOpenLinks(
    tx,
    { evidenceId: row.id },
    { actorId, learnerId: row.learnerId, reason: 'the statement was changed' },
  );
}

/** The witness answers through the link: confirmed or disputed, with their name; recorded once, audited. */
export async function answerWitnessLink(
  token: unknown,
  answer: { name: string; response: 'confirmed' | 'disputed'; comment: string },
  from: Pick<LinkUse, 'address' | 'userAgent'>,
): Promise<{ response: 'confirmed' | 'disputed' }> {
  return useLink(
    token,
    'witness_statement',
    { ...answer, ...from },
    async (tx, link) => isCurrent(await loadEvidenceRow(tx, link.evidenceId!, { lock: true }), link),
    async (tx, link) => {
      await audit(tx, {
        actorId: null,
        action: answer.response === 'confirmed' ? 'witness.confirm' : 'witness.dispute',
        subjectType: 'evidence',
        subjectId: link.evidenceId!,
        learnerId: link.learnerId,
        after: {
          linkId: link.id,
          name: answer.name,
          role: link.recipientRole,
          comment: answer.comment,
          version: link.documentVersion,
          statementSha256: link.documentSha256,
        },
      });
      // The learner hears of the answer with it, in the same transaction.
      const statement = await loadEvidenceRow(tx, link.evidenceId!);
      await notify(tx, {
        recipientId: link.learnerId,
        kind: 'witness_confirmed',
        title:
          answer.response === 'confirmed'
            ? `${answer.name} confirmed your witness statement \u201c${statement.title}\u201d`
            : `${answer.name} said your witness statement \u201c${statement.title}\u201d is not accurate`,
        link: `/evidence/${statement.id}`,
      });
      return { response: answer.response };
    },
  );
}

export interface WitnessStatus {
  confirmation: WitnessConfirmation | null;
  request: LinkRequest | null;
}

/** For each witness statement: the latest answer and the newest link, in two queries whatever the number. */
export async function witnessStatuses(db: DbOrTx, rows: EvidenceRow[]): Promise<Map<string, WitnessStatus>> {
  const witness = rows.filter((r) => r.kind === 'witness');
  const out = new Map<string, WitnessStatus>();
  if (!witness.length) return out;
  const ids = witness.map((r) => r.id);
  const links = await db
    .select()
    .from(singleUseLinks)
    .where(and(inArray(singleUseLinks.evidenceId, ids), eq(singleUseLinks.purpose, 'witness_statement')))
    .orderBy(desc(singleUseLinks.createdAt));
  for (const row of witness) {
    const mine = links.filter((l) => l.evidenceId === row.id);
    const answered = mine.find((l) => l.usedAt !== null);
    const newest = mine[0];
    out.set(row.id, {
      confirmation: answered
        ? {
            response: answered.response as 'confirmed' | 'disputed',
            name: answered.responderName ?? '',
            role: answered.recipientRole,
            at: answered.usedAt!.toISOString(),
            comment: answered.comment ?? '',
            ofThisVersion: isCurrent(row, answered),
          }
        : null,
      request: newest
        ? {
            to: newest.recipientEmail,
            name: newest.recipientName,
            createdAt: newest.createdAt.toISOString(),
            expiresAt: newest.expiresAt.toISOString(),
            state: linkState(newest),
          }
        : null,
    });
  }
  return out;
}

/** What the witness's page shows: the statement the link was made for, and whose it is. */
export async function statementForLink(db: DbOrTx, link: SingleUseLinkRow) {
  const [row] = await db
    .select({ e: evidence, learnerName: users.name })
    .from(evidence)
    .innerJoin(users, eq(users.id, evidence.learnerId))
    .where(and(eq(evidence.id, link.evidenceId!), isNotNull(evidence.body)));
  if (!row) return null;
  return {
    current: isCurrent(row.e, link),
    learnerName: row.learnerName,
    title: row.e.title,
    occurredOn: row.e.occurredOn,
    body: row.e.body ?? '',
    witnessName: link.recipientName,
    witnessRole: link.recipientRole,
  };
}
