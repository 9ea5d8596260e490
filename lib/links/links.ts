import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { singleUseLinks, type LinkPurpose, type LinkResponse, type SingleUseLinkRow } from '@/db/schema';
import { audit, auditMany } from '@/lib/audit';
import { linkExpiryDays } from '@/lib/env';
import { NotFoundError, PublicError } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { deliverLink } from './deliver';
import { newToken, presentedTokenHash, tokenHash } from './token';

/**
 * Single-use links, the one mechanism for people without an account (a witness, an employer). A link is issued by
 * someone signed in, bound to one document at one version; it opens a page that shows that document; using it
 * records the answer in the same transaction as what it confirms, once, before it expires, and only while the
 * document is still the version it was made for. Anything else gets a clear refusal and changes nothing.
 * db/sql/012_links.sql holds the same rules in the database.
 */

export type LinkState = 'open' | 'used' | 'expired' | 'superseded';

/** Which document a link is for: a piece of evidence (a witness statement) or a progress review. */
export type LinkDocument = { evidenceId: string } | { reviewId: string };

const documentColumn = (doc: LinkDocument) =>
  'evidenceId' in doc ? eq(singleUseLinks.evidenceId, doc.evidenceId) : eq(singleUseLinks.reviewId, doc.reviewId);

export function linkState(row: SingleUseLinkRow, now = new Date()): LinkState {
  if (row.usedAt) return 'used';
  if (row.supersededAt) return 'superseded';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'open';
}

export const LINK_NOT_FOUND =
  'This link does not work: it may have been copied incompletely or changed. Nothing has been changed. Ask the person who sent it for a new link.';

/** Why a real link cannot be used (410 Gone). The message says what happened and that nothing was changed. */
class LinkUnusableError extends PublicError {
  constructor(
    readonly state: Exclude<LinkState, 'open'>,
    row: Pick<SingleUseLinkRow, 'usedAt' | 'expiresAt'>,
  ) {
    super(unusableMessage(state, row), 410);
  }
}

export function unusableMessage(
  state: Exclude<LinkState, 'open'>,
  row: Pick<SingleUseLinkRow, 'usedAt' | 'expiresAt'>,
) {
  switch (state) {
    case 'used':
      return `This link was used on ${formatDate(row.usedAt!)}, and each link works only once. Nothing has been changed.`;
    case 'expired':
      return `This link expired on ${formatDate(row.expiresAt)}. Nothing has been changed. Ask the person who sent it for a new link.`;
    case 'superseded':
      return 'This link has been replaced: what it was for has changed since it was sent, or a newer link was sent. Nothing has been changed. Use the newest link you were sent, or ask for a new one.';
  }
}

/** How long a new link stays open (LINK_EXPIRY_DAYS, validated at start-up by lib/env.ts; the same rule here). */
function expiryDays(): number {
  return linkExpiryDays.parse(process.env.LINK_EXPIRY_DAYS || undefined);
}

/** The address a link opens: the portal's public URL (NEXTAUTH_URL, which `npm start` always sets). */
function linkUrl(token: string): string {
  const base = (process.env.NEXTAUTH_URL || 'http://localhost:3000').replace(/\/+$/, '');
  return `${base}/confirm/${token}`;
}

/** Marks the document's open links superseded (its content changed, or a newer link replaces them); audited. */
export async function supersedeOpenLinks(
  tx: DbOrTx,
  doc: LinkDocument,
  by: { actorId: string | null; learnerId: string; reason: string },
): Promise<number> {
  const rows = await tx
    .update(singleUseLinks)
    .set({ supersededAt: sql`now()` })
    .where(and(documentColumn(doc), isNull(singleUseLinks.usedAt), isNull(singleUseLinks.supersededAt)))
    .returning({ id: singleUseLinks.id, expiresAt: singleUseLinks.expiresAt });
  await auditMany(
    tx,
    rows.map((r) => ({
      actorId: by.actorId,
      action: 'link.supersede',
      subjectType: 'single_use_link',
      subjectId: r.id,
      learnerId: by.learnerId,
      after: { reason: by.reason, wasOpenUntil: r.expiresAt.toISOString() },
    })),
  );
  return rows.length;
}

export interface IssueLink {
  purpose: LinkPurpose;
  learnerId: string;
  document: LinkDocument;
  documentVersion: number;
  documentSha256: string;
  recipient: { name: string; role: string; email: string };
  actorId: string;
  /** The subject line of the message the recipient gets. */
  subject: string;
}

export interface IssuedLink {
  id: string;
  /** Only when it was not emailed (no SMTP_URL): then the person who asked passes it on. */
  url: string | null;
  expiresAt: string;
  to: string;
  name: string;
  emailed: boolean;
}

/**
 * Makes a link inside the caller's transaction (which holds the document's row locked): earlier open links for the
 * same document are superseded, so only the newest works. The token leaves here once, through deliverLink.
 */
export async function issueLink(tx: DbOrTx, input: IssueLink): Promise<IssuedLink> {
  await supersedeOpenLinks(tx, input.document, {
    actorId: input.actorId,
    learnerId: input.learnerId,
    reason: 'a newer link was made',
  });
  const token = newToken();
  const [row] = await tx
    .insert(singleUseLinks)
    .values({
      tokenSha256: tokenHash(token),
      purpose: input.purpose,
      learnerId: input.learnerId,
      evidenceId: 'evidenceId' in input.document ? input.document.evidenceId : null,
      reviewId: 'reviewId' in input.document ? input.document.reviewId : null,
      documentVersion: input.documentVersion,
      documentSha256: input.documentSha256,
      recipientName: input.recipient.name,
      recipientRole: input.recipient.role,
      recipientEmail: input.recipient.email,
      createdBy: input.actorId,
      expiresAt: sql`now() + make_interval(days => ${expiryDays()})`,
    })
    .returning();
  await audit(tx, {
    actorId: input.actorId,
    action: 'link.issue',
    subjectType: 'single_use_link',
    subjectId: row!.id,
    learnerId: input.learnerId,
    after: {
      purpose: row!.purpose,
      ...input.document,
      documentVersion: row!.documentVersion,
      documentSha256: row!.documentSha256,
      recipient: input.recipient,
      expiresAt: row!.expiresAt.toISOString(),
    },
  });
  const delivery = await deliverLink(tx, {
    to: input.recipient.email,
    name: input.recipient.name,
    subject: input.subject,
    url: linkUrl(token),
    purpose: input.purpose,
    linkId: row!.id,
  });
  return {
    id: row!.id,
    url: delivery.url,
    expiresAt: row!.expiresAt.toISOString(),
    to: input.recipient.email,
    name: input.recipient.name,
    emailed: delivery.emailed,
  };
}

/** The link a presented token names, or null (not one of ours, or no such link). Nothing is locked or written. */
export async function findLink(token: unknown, db: DbOrTx = getDb()): Promise<SingleUseLinkRow | null> {
  const hash = presentedTokenHash(token);
  if (!hash) return null;
  const [row] = await db.select().from(singleUseLinks).where(eq(singleUseLinks.tokenSha256, hash));
  return row ?? null;
}

export interface LinkUse {
  response: LinkResponse;
  name: string;
  comment: string;
  /** Where it was used from: the client address the server decided, and the browser's User-Agent. */
  address: string;
  userAgent: string;
}

/**
 * Uses a link, once. `lockDocument` locks the document's row (before the link's, the order an edit takes them) and
 * says whether it is still the version the link was made for; `record` writes what the answer means (the
 * confirmation, the signature) in the same transaction. Two uses at once: the second waits for the first's lock
 * and finds the link used. Any refusal throws before anything is written.
 */
export async function useLink<T>(
  token: unknown,
  purpose: LinkPurpose,
  use: LinkUse,
  lockDocument: (tx: DbOrTx, link: SingleUseLinkRow) => Promise<boolean>,
  record: (tx: DbOrTx, link: SingleUseLinkRow) => Promise<T>,
): Promise<T> {
  return getDb().transaction(async (tx) => {
    const found = await findLink(token, tx);
    if (!found || found.purpose !== purpose) throw new NotFoundError(LINK_NOT_FOUND);
    const current = await lockDocument(tx, found);
    const [link] = await tx.select().from(singleUseLinks).where(eq(singleUseLinks.id, found.id)).for('update');
    const state = linkState(link!);
    if (state !== 'open') throw new LinkUnusableError(state, link!);
    if (!current) throw new LinkUnusableError('superseded', link!);
    const [used] = await tx
      .update(singleUseLinks)
      .set({
        usedAt: sql`now()`,
        response: use.response,
        responderName: use.name,
        comment: use.comment,
        usedFromAddress: use.address,
        usedUserAgent: use.userAgent,
      })
      .where(
        and(
          eq(singleUseLinks.id, link!.id),
          isNull(singleUseLinks.usedAt),
          isNull(singleUseLinks.supersededAt),
          gt(singleUseLinks.expiresAt, sql`now()`),
        ),
      )
      .returning();
    if (!used) throw new LinkUnusableError('expired', link!);
    await audit(tx, {
      actorId: null,
      action: 'link.use',
      subjectType: 'single_use_link',
      subjectId: used.id,
      learnerId: used.learnerId,
      after: {
        purpose: used.purpose,
        response: use.response,
        name: use.name,
        comment: use.comment,
        address: use.address,
        userAgent: use.userAgent,
        documentSha256: used.documentSha256,
      },
    });
    return record(tx, used);
  });
}

/** The newest link made for a document (what its page says about the request), or null. */
export async function newestLinkFor(db: DbOrTx, doc: LinkDocument): Promise<SingleUseLinkRow | null> {
  const [row] = await db
    .select()
    .from(singleUseLinks)
    .where(documentColumn(doc))
    .orderBy(sql`${singleUseLinks.createdAt} desc`)
    .limit(1);
  return row ?? null;
}
