import 'server-only';
import crypto from 'node:crypto';
import { and, desc, eq, inArray, isNotNull, isNull, max, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, rowsOf, type DbOrTx } from '@/db/client';
import { badgeRevocations, badges, enrolments, users } from '@/db/schema';
import { audit } from '@/lib/audit';
import { assessableItems, getModule } from '@/lib/content';
import { itemLabel } from '@/lib/evidence/criteria';
import { centreNameSetting, portalUrl } from '@/lib/env';
import { sha256Hex } from '@/lib/hash';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { isUuid, uuidSchema } from '@/lib/ids';
import { notify } from '@/lib/notifications/notify';
import { authorize, authorizeAdmin, type Actor } from '@/lib/permissions';
import { criterionStatuses } from '@/lib/progress/status';
import { signOffStates } from '@/lib/progress/unit';
import { kidOf, signJson, SigningKeyMissing } from '@/lib/record/keys';
import { BADGE_TYP, badgeUrl, buildCredential, jwtPayload, statusListUrl } from './credential';
import { encodeStatusList, statusListCredential } from './status-list';
import { verifyBadgeJwt, type BadgeAttestation } from './verify';

/**
 * Open Badges 3.0 for completed units (issue 22). A unit is complete for a badge when the learner is enrolled on it,
 * every one of its criteria is met (lib/progress/status.ts), and, where it is signed off by a report, its sign-off is
 * complete (lib/progress/unit.ts: signed off, and countersigned where a cohort of the learner requires it). Then
 * ensureBadges, the one way a badge is issued, signs an OpenBadgeCredential (lib/badges/credential.ts) with the record
 * key and keeps it: once per learner and unit, audited. It runs when the learner opens their badges, and after the
 * judgement, sign-off or countersignature that may complete a unit, so nobody has to click "issue". When an internal
 * quality assurer's disagreement supersedes the sign-off a badge rested on, the badge is revoked in the same
 * transaction (revokeBadgeOfSupersededSignOff), and the unit's next edition is issued once it is complete again.
 */

/** The units of `learnerId` complete for a badge, optionally only among `slugs`, with how each was completed. */
async function completedUnits(
  db: DbOrTx,
  learnerId: string,
  slugs?: string[],
): Promise<{ slug: string; completedBy: string }[]> {
  const enrolled = (
    await db
      .select({ slug: enrolments.moduleSlug })
      .from(enrolments)
      .where(and(eq(enrolments.learnerId, learnerId), slugs ? inArray(enrolments.moduleSlug, slugs) : undefined))
  )
    .map((r) => r.slug)
    .filter((slug) => assessableItems(slug).length > 0);
  if (!enrolled.length) return [];
  const items = enrolled.flatMap((slug) => assessableItems(slug).map((i) => i.id));
  const statuses = (await criterionStatuses(db, [learnerId], items)).get(learnerId)!;
  const out: { slug: string; completedBy: string }[] = [];
  for (const slug of enrolled) {
    if (!assessableItems(slug).every((i) => statuses.get(i.id)?.status === 'met')) continue;
    if (!getModule(slug)?.reportRules) {
      out.push({ slug, completedBy: '' });
      continue;
    }
    const state = (await signOffStates(db, [learnerId], slug)).get(learnerId)!;
    if (state.completion !== 'complete') continue;
    out.push({
      slug,
      completedBy: state.countersignRequired
        ? 'the portfolio report signed off by the assessor and countersigned by an internal quality assurer'
        : 'the portfolio report signed off by the assessor',
    });
  }
  return out;
}

/**
 * Issues a badge for every unit of the learner that is complete and has none that stands (optionally only among
 * `slugs`): idempotent (one badge per learner, unit and edition; a second call, or two at once, issue nothing more) and
 * audited
 * ('badge.issued', by whoever's action completed it or opened the page; null from the command line).
 */
export async function ensureBadges(
  db: DbOrTx,
  actor: Actor | null,
  learnerId: string,
  slugs?: string[],
): Promise<number> {
  const earlier = await db
    .select({ slug: badges.moduleSlug, replaceable: isNotNull(badgeRevocations.signOffSupersessionId) })
    .from(badges)
    .leftJoin(badgeRevocations, eq(badgeRevocations.badgeId, badges.id))
    .where(eq(badges.learnerId, learnerId));
  // A unit is badged again only when each earlier badge was revoked because its sign-off was superseded (an IQA's
  // disagreement): a badge that stands, or one an administrator or the learner's erasure revoked, is the last.
  const editions = new Map<string, number>();
  const closed = new Set<string>();
  for (const b of earlier) {
    editions.set(b.slug, (editions.get(b.slug) ?? 0) + 1);
    if (!b.replaceable) closed.add(b.slug);
  }
  const due = (await completedUnits(db, learnerId, slugs)).filter((u) => !closed.has(u.slug));
  if (!due.length) return 0;
  const [learner] = await db
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, learnerId));
  if (!learner) return 0;
  const portal = portalUrl();
  let issued = 0;
  for (const unit of due) {
    const mod = getModule(unit.slug)!;
    const edition = (editions.get(unit.slug) ?? 0) + 1;
    const salt = crypto.randomBytes(16).toString('hex');
    const id = crypto.randomUUID();
    const made = await db.transaction(async (tx) => {
      // Drawn before signing: the credential names its place in the status list.
      const [{ index }] = rowsOf<{ index: string | number }>(
        await tx.execute(sql`select nextval('badge_status_index_seq') as index`),
      ) as [{ index: string | number }];
      const credential = buildCredential({
        id,
        portalUrl: portal,
        issuerName: centreNameSetting(),
        learnerName: learner.name,
        emailHash: { hash: sha256Hex(learner.email + salt), salt },
        module: { slug: mod.slug, code: mod.code, title: mod.title, summary: mod.summary },
        criteriaMet: assessableItems(unit.slug).map((i) => `${itemLabel(i, mod)}: ${i.text}`),
        completedBy: unit.completedBy,
        statusIndex: Number(index),
        validFrom: new Date(),
      });
      const jwt = await signJson(jwtPayload(credential), BADGE_TYP);
      const kid = kidOf(jwt)!;
      const [row] = await tx
        .insert(badges)
        .values({ id, learnerId, moduleSlug: unit.slug, statusIndex: Number(index), jwt, kid, edition })
        .onConflictDoNothing({ target: [badges.learnerId, badges.moduleSlug, badges.edition] })
        .returning({ id: badges.id });
      if (!row) return false; // issued meanwhile by another request: that one stands
      await audit(tx, {
        actorId: actor?.id ?? null,
        action: 'badge.issued',
        subjectType: 'badge',
        subjectId: id,
        learnerId,
        after: {
          moduleSlug: unit.slug,
          edition,
          credentialId: credential.id,
          statusIndex: Number(index),
          kid,
          sha256: sha256Hex(jwt),
        },
      });
      return true;
    });
    if (made) issued += 1;
  }
  return issued;
}

/**
 * After a change that may complete a unit (a judgement, a sign-off, a countersignature), once it is committed: issue
 * what is due. A failure here (the signing key not configured, say) never undoes the change that called it; the
 * learner's badges page tries again.
 */
export async function ensureBadgesAfter(db: DbOrTx, actor: Actor, learnerId: string, slugs?: string[]): Promise<void> {
  try {
    await ensureBadges(db, actor, learnerId, slugs);
  } catch (e) {
    // Without a signing key nothing can be signed (the key route says so); anything else is worth a line in the log.
    if (!(e instanceof SigningKeyMissing))
      console.error(`badges: could not issue for learner ${learnerId}: ${(e as Error).message}`);
  }
}

export interface BadgeSummary {
  id: string;
  moduleSlug: string;
  code: string;
  title: string;
  issuedAt: Date;
  /** 2 or more: an earlier badge of the unit was withdrawn when an IQA's disagreement superseded its sign-off. */
  edition: number;
  revoked: { at: Date; reason: string } | null;
  url: string;
}

function summary(r: {
  id: string;
  moduleSlug: string;
  issuedAt: Date;
  edition: number;
  revokedAt: Date | null;
  reason: string | null;
}): BadgeSummary {
  const mod = getModule(r.moduleSlug);
  return {
    id: r.id,
    moduleSlug: r.moduleSlug,
    code: mod?.code ?? r.moduleSlug,
    title: mod?.title ?? r.moduleSlug,
    issuedAt: r.issuedAt,
    edition: r.edition,
    revoked: r.revokedAt ? { at: r.revokedAt, reason: r.reason ?? '' } : null,
    url: badgeUrl(portalUrl(), r.id),
  };
}

const summaryColumns = {
  id: badges.id,
  moduleSlug: badges.moduleSlug,
  issuedAt: badges.issuedAt,
  edition: badges.edition,
  revokedAt: badgeRevocations.revokedAt,
  reason: badgeRevocations.reason,
};

/** The learner's badges, issuing first any that are due: the learner's own page. */
export async function learnerBadges(actor: Actor, learnerId: string, db: DbOrTx = getDb()): Promise<BadgeSummary[]> {
  await authorize(actor, 'badge.view', learnerId, db);
  try {
    await ensureBadges(db, actor, learnerId);
  } catch (e) {
    // A server without its signing key still shows the badges it issued before (the key route says what is wrong).
    if (!(e instanceof SigningKeyMissing)) throw e;
  }
  const rows = await db
    .select(summaryColumns)
    .from(badges)
    .leftJoin(badgeRevocations, eq(badgeRevocations.badgeId, badges.id))
    .where(eq(badges.learnerId, learnerId))
    .orderBy(desc(badges.issuedAt));
  return rows.map(summary);
}

/** One badge's signed credential, for its learner (or an administrator) to download. */
export async function badgeCredential(
  actor: Actor,
  badgeId: string,
  db: DbOrTx = getDb(),
): Promise<{ jwt: string; fileName: string }> {
  const notFound = new NotFoundError('We could not find that badge.');
  if (!isUuid(badgeId)) throw notFound;
  const [row] = await db
    .select({ learnerId: badges.learnerId, moduleSlug: badges.moduleSlug, jwt: badges.jwt })
    .from(badges)
    .where(eq(badges.id, badgeId));
  if (!row) throw notFound;
  await authorize(actor, 'badge.view', row.learnerId, db);
  if (!row.jwt) throw new NotFoundError(`We could not find that badge: ${ERASED}.`);
  return { jwt: row.jwt, fileName: `criterion-badge-${row.moduleSlug}-${badgeId.slice(0, 8)}` };
}

export interface PublicBadge {
  /** What the signed credential itself says (null when it no longer verifies: the page says so). */
  attests: BadgeAttestation | null;
  problem: string | null;
  revoked: { at: Date; reason: string } | null;
  jwt: string;
}

/**
 * A badge as anyone sees it on its verification page: only what the credential says, checked against this
 * Criterion's published keys, and whether it has been revoked (with the administrator's reason).
 */
export async function publicBadge(badgeId: string, db: DbOrTx = getDb()): Promise<PublicBadge | null> {
  if (!isUuid(badgeId)) return null;
  const [row] = await db
    .select({ jwt: badges.jwt, revokedAt: badgeRevocations.revokedAt, reason: badgeRevocations.reason })
    .from(badges)
    .leftJoin(badgeRevocations, eq(badgeRevocations.badgeId, badges.id))
    .where(eq(badges.id, badgeId));
  if (!row) return null;
  // Emptied by the learner's erasure (db/sql/014_erasure.sql), which also revoked it: nothing of it is left to show.
  if (!row.jwt) return { attests: null, problem: ERASED, revoked: revokedOf(row), jwt: '' };
  const check = await verifyBadgeJwt(row.jwt);
  return {
    attests: check.ok ? check.attests : null,
    problem: check.ok ? null : check.problem,
    revoked: revokedOf(row),
    jwt: row.jwt,
  };
}

const ERASED = 'it was withdrawn, and its credential erased, with the learner’s personal data';

function revokedOf(row: { revokedAt: Date | null; reason: string | null }): PublicBadge['revoked'] {
  return row.revokedAt ? { at: row.revokedAt, reason: row.reason ?? '' } : null;
}

/** Every badge issued, newest first, with its learner: the administrator's page. */
export async function listBadgesForAdmin(actor: Actor, db: DbOrTx = getDb(), limit = 200) {
  authorizeAdmin(actor);
  const rows = await db
    .select({ ...summaryColumns, learnerId: badges.learnerId, learnerName: users.name })
    .from(badges)
    .innerJoin(users, eq(users.id, badges.learnerId))
    .leftJoin(badgeRevocations, eq(badgeRevocations.badgeId, badges.id))
    .orderBy(desc(badges.issuedAt))
    .limit(limit);
  return rows.map((r) => ({ ...summary(r), learnerId: r.learnerId, learnerName: r.learnerName }));
}

export const revokeBadgeSchema = z.object({
  badgeId: uuidSchema('Choose a badge from the list.'),
  reason: z
    .string()
    .trim()
    .min(1, 'Say why the badge is revoked: the learner and anyone checking it will read this.')
    .max(1000, 'Keep the reason under 1,000 characters.'),
});

/** Revokes a badge (administrators only): a row of its own, audited, published in the status list. Once. */
export async function revokeBadge(
  actor: Actor,
  input: z.infer<typeof revokeBadgeSchema>,
  db: DbOrTx = getDb(),
): Promise<{ badgeId: string }> {
  authorizeAdmin(actor);
  return db.transaction(async (tx) => {
    const [badge] = await tx
      .select({ id: badges.id, learnerId: badges.learnerId, moduleSlug: badges.moduleSlug, index: badges.statusIndex })
      .from(badges)
      .where(eq(badges.id, input.badgeId));
    if (!badge) throw new NotFoundError('We could not find that badge.');
    const [row] = await tx
      .insert(badgeRevocations)
      .values({ badgeId: badge.id, reason: input.reason, revokedBy: actor.id })
      .onConflictDoNothing()
      .returning({ at: badgeRevocations.revokedAt });
    if (!row) throw new ConflictError('This badge was already revoked. Nothing was changed.');
    await audit(tx, {
      actorId: actor.id,
      action: 'badge.revoked',
      subjectType: 'badge',
      subjectId: badge.id,
      learnerId: badge.learnerId,
      after: { moduleSlug: badge.moduleSlug, statusIndex: badge.index, reason: input.reason },
    });
    return { badgeId: badge.id };
  });
}

/** What the learner, and anyone checking the badge, reads when an IQA's disagreement took it away. */
export const SUPERSEDED_SIGN_OFF_REASON =
  'An internal quality assurer did not agree with the sign-off this badge rested on, so the unit is being assessed again. If it is signed off again, a new badge is issued.';

/**
 * Inside the transaction that supersedes a sign-off (lib/qa/decisions.ts): the unit is no longer complete, so the badge
 * that said it was is revoked, naming the supersession (db/sql/015_badge_editions.sql checks it is that unit's), and
 * published in the status list. Nothing happens when the unit had no badge that stands. Once the unit is complete
 * again, ensureBadges issues the next edition.
 */
export async function revokeBadgeOfSupersededSignOff(
  tx: DbOrTx,
  actor: Actor,
  unit: { learnerId: string; moduleSlug: string; signOffSupersessionId: string },
): Promise<string | null> {
  const [standing] = await tx
    .select({ id: badges.id, index: badges.statusIndex, edition: badges.edition })
    .from(badges)
    .leftJoin(badgeRevocations, eq(badgeRevocations.badgeId, badges.id))
    .where(
      and(
        eq(badges.learnerId, unit.learnerId),
        eq(badges.moduleSlug, unit.moduleSlug),
        isNull(badgeRevocations.badgeId),
      ),
    );
  if (!standing) return null;
  const [row] = await tx
    .insert(badgeRevocations)
    .values({
      badgeId: standing.id,
      reason: SUPERSEDED_SIGN_OFF_REASON,
      revokedBy: actor.id,
      signOffSupersessionId: unit.signOffSupersessionId,
    })
    .onConflictDoNothing()
    .returning({ at: badgeRevocations.revokedAt });
  if (!row) return null;
  await audit(tx, {
    actorId: actor.id,
    action: 'badge.revoked',
    subjectType: 'badge',
    subjectId: standing.id,
    learnerId: unit.learnerId,
    after: {
      moduleSlug: unit.moduleSlug,
      edition: standing.edition,
      statusIndex: standing.index,
      reason: SUPERSEDED_SIGN_OFF_REASON,
      signOffSupersessionId: unit.signOffSupersessionId,
    },
  });
  // The learner may have shared it: they hear that it no longer stands, in the same transaction.
  await notify(tx, {
    recipientId: unit.learnerId,
    kind: 'report_decided',
    title: `Your ${getModule(unit.moduleSlug)?.code ?? unit.moduleSlug} badge was withdrawn while the unit is assessed again`,
    link: '/learner/badges',
    body: SUPERSEDED_SIGN_OFF_REASON,
  });
  return standing.id;
}

/** The revocation status list, signed now as a VC-JWT (published at /api/badges/status-list). */
export async function signedStatusList(db: DbOrTx = getDb()): Promise<string> {
  const revoked = await db
    .select({ index: badges.statusIndex })
    .from(badgeRevocations)
    .innerJoin(badges, eq(badges.id, badgeRevocations.badgeId));
  const [{ highest }] = (await db.select({ highest: max(badges.statusIndex) }).from(badges)) as [
    { highest: number | null },
  ];
  const portal = portalUrl();
  const list = encodeStatusList(
    revoked.map((r) => r.index),
    highest ?? 0,
  );
  return signJson(
    statusListCredential(statusListUrl(portal), { id: portal, name: centreNameSetting() }, list, new Date()),
    BADGE_TYP,
  );
}
