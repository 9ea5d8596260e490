import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { users, worksheetAnswers } from '@/db/schema';
import { audit } from '@/lib/audit';
import { sessionNotEnded } from '@/lib/auth/session';
import type { SessionClaims } from '@/lib/auth/session-token';
import { ConflictError, isPublicError } from '@/lib/errors';
import { allows, authorize, ownWorkRole, type Actor } from '@/lib/permissions';
import { charCount, sectionHasContent, type Worksheet, type WorksheetAnswers } from './answers';
import { getWorksheetDefinition } from './definition';
import { parseAnswers } from './schema';

/** What the editor needs: the stored answers and the version a save must name. Version 0: nothing saved yet. */
export interface DraftState {
  version: number;
  answers: WorksheetAnswers;
  savedAt: string | null;
}

const CONFLICT_MESSAGE =
  'This worksheet was changed in another tab or on another device after this page last saved. Choose which version to keep.';

/**
 * Autosave is audited lightly. A learner typing produces a save every second or so; an audit row per save would
 * bury every other entry for that learner and double the write load. So a save is audited when it creates the
 * worksheet and then at most once per this interval, recording version numbers and how much is filled in, not
 * the text. The text that matters as a record is the submission snapshot, audited in full by id; conflict
 * refusals are always audited.
 */
const SAVE_AUDIT_INTERVAL = '5 minutes';

function summary(ws: Worksheet, answers: WorksheetAnswers, version: number) {
  return {
    version,
    sectionsAnswered: ws.sections.filter((s) => sectionHasContent(s, answers)).map((s) => s.id),
    characters: charCount(JSON.stringify(answers)),
  };
}

async function readDraft(db: DbOrTx, learnerId: string, slug: string): Promise<DraftState> {
  const [row] = await db
    .select({
      version: worksheetAnswers.version,
      answers: worksheetAnswers.answers,
      updatedAt: worksheetAnswers.updatedAt,
    })
    .from(worksheetAnswers)
    .where(and(eq(worksheetAnswers.learnerId, learnerId), eq(worksheetAnswers.moduleSlug, slug)));
  if (!row) return { version: 0, answers: {}, savedAt: null };
  return { version: row.version, answers: row.answers as WorksheetAnswers, savedAt: row.updatedAt.toISOString() };
}

/** 404 unless `slug` is a worksheet, then 403 unless the actor is a learner (who only ever edits their own). */
export async function assertCanEdit(actor: Actor, slug: string): Promise<void> {
  getWorksheetDefinition(slug);
  await authorize(actor, 'worksheet.write', actor.id);
}

/** The learner's own working copy. Staff read what was handed in (submissions), not the draft being typed. */
export async function getDraft(actor: Actor, slug: string): Promise<DraftState> {
  await assertCanEdit(actor, slug);
  return readDraft(getDb(), actor.id, slug);
}

export interface SaveInput {
  /** The version this tab last saw (0 when nothing was saved yet). */
  version: number;
  answers: unknown;
}

/**
 * The usual autosave: the version matches and the last audited save is recent, so there is nothing to audit. One
 * statement, atomic on its own, instead of a transaction's three round trips. It writes only the account's own row
 * while the account is active and of a role the gate allows 'worksheet.write' on its own work (ownWorkRole, from
 * POLICY: a learner), so saveOwnDraftQuickly can run it before anything else has read the account. Anything else
 * (the first save, an audit due, a stale version, an account that cannot write) finds no row and returns null.
 * Pinned by tests/integration/worksheets.test.ts ("leaves to the full path ... a staff account ...").
 */
async function updateInStep(
  learnerId: string,
  slug: string,
  answers: WorksheetAnswers,
  version: number,
  session?: SessionClaims,
) {
  // Straight from the cookie (saveOwnDraftQuickly): the session must not have been ended since (everywhere, or on its
  // own by signing out), nor the password be one an administrator set and the learner has yet to replace.
  const sessionStillOn =
    session === undefined
      ? sql``
      : sql` and ${users.sessionVersion} = ${session.sessionVersion} and not ${users.mustChangePassword} and ${sessionNotEnded(session)}`;
  const [saved] = await getDb()
    .update(worksheetAnswers)
    .set({ answers, version: sql`${worksheetAnswers.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(worksheetAnswers.learnerId, learnerId),
        eq(worksheetAnswers.moduleSlug, slug),
        eq(worksheetAnswers.version, version),
        sql`${worksheetAnswers.auditedAt} > now() - interval '${sql.raw(SAVE_AUDIT_INTERVAL)}'`,
        sql`exists (select 1 from ${users} where ${users.id} = ${learnerId} and ${users.active} and ${ownWorkRole('worksheet.write', users.role)}${sessionStillOn})`,
      ),
    )
    .returning({ version: worksheetAnswers.version, updatedAt: worksheetAnswers.updatedAt });
  return saved ? { version: saved.version, savedAt: saved.updatedAt.toISOString() } : null;
}

/**
 * A learner's autosave in one database round trip, for the user id in the session cookie before the account has
 * been read: the statement itself checks that the account is an active learner's. An autosave arrives every second
 * or so from every learner typing, and each round trip waits its turn on a busy server, so this is most of what a
 * save costs (tests/bench/autosave-load.bench.ts). Returns null whenever the full path is needed: answers that do
 * not validate, not a worksheet, a stale version, an audit due, an account that may not write or a session that was
 * ended (its version is checked in the same statement); saveDraft then
 * decides it again, with its usual errors, after the usual checks.
 */
export async function saveOwnDraftQuickly(
  session: SessionClaims,
  slug: string,
  input: SaveInput,
): Promise<{ version: number; savedAt: string } | null> {
  if (input.version <= 0 || !allows('worksheet.write', 'self')) return null;
  let answers: WorksheetAnswers;
  try {
    answers = parseAnswers(getWorksheetDefinition(slug).worksheet, input.answers);
  } catch (e) {
    if (isPublicError(e)) return null;
    throw e;
  }
  return updateInStep(session.userId, slug, answers, input.version, session);
}

/**
 * Autosave: stores the answers if the stored version is still the one the tab saw, and returns the new version.
 * A stale save is refused with a 409 carrying the stored answers, so the page can show both versions.
 * Invalid answers are refused with a 400 before anything is written. `afterQuickSave`: saveOwnDraftQuickly already
 * found that the one-statement save does not apply, so it is not tried a second time.
 */
export async function saveDraft(
  actor: Actor,
  slug: string,
  input: SaveInput,
  opts: { afterQuickSave?: boolean } = {},
): Promise<{ version: number; savedAt: string }> {
  const def = getWorksheetDefinition(slug);
  const learnerId = actor.id;
  await authorize(actor, 'worksheet.write', learnerId);
  const answers = parseAnswers(def.worksheet, input.answers);
  const subject = { actorId: actor.id, subjectType: 'worksheet', subjectId: `${learnerId}:${slug}`, learnerId };

  if (input.version > 0 && !opts.afterQuickSave) {
    const saved = await updateInStep(learnerId, slug, answers, input.version);
    if (saved) return saved;
  }

  const outcome = await getDb().transaction(async (tx) => {
    if (input.version === 0) {
      const [created] = await tx
        .insert(worksheetAnswers)
        .values({ learnerId, moduleSlug: slug, answers, version: 1 })
        .onConflictDoNothing()
        .returning({ version: worksheetAnswers.version, updatedAt: worksheetAnswers.updatedAt });
      if (created) {
        await audit(tx, {
          ...subject,
          action: 'worksheet.save',
          before: { version: 0 },
          after: summary(def.worksheet, answers, 1),
        });
        return { saved: created };
      }
    } else {
      const [updated] = await tx
        .update(worksheetAnswers)
        .set({
          answers,
          version: sql`${worksheetAnswers.version} + 1`,
          updatedAt: sql`now()`,
          auditedAt: sql`case when ${worksheetAnswers.auditedAt} <= now() - interval '${sql.raw(SAVE_AUDIT_INTERVAL)}' then now() else ${worksheetAnswers.auditedAt} end`,
        })
        .where(
          and(
            eq(worksheetAnswers.learnerId, learnerId),
            eq(worksheetAnswers.moduleSlug, slug),
            eq(worksheetAnswers.version, input.version),
          ),
        )
        .returning({
          version: worksheetAnswers.version,
          updatedAt: worksheetAnswers.updatedAt,
          auditedAt: worksheetAnswers.auditedAt,
        });
      if (updated) {
        // now() is the transaction's start time, so "audited in this save" means the two timestamps are equal.
        if (updated.auditedAt.getTime() === updated.updatedAt.getTime()) {
          await audit(tx, {
            ...subject,
            action: 'worksheet.save',
            before: { version: input.version },
            after: summary(def.worksheet, answers, updated.version),
          });
        }
        return { saved: updated };
      }
    }
    // Stale: refused. The refusal is audited (and committed) before the 409 goes back.
    const current = await readDraft(tx, learnerId, slug);
    await audit(tx, {
      ...subject,
      action: 'worksheet.save_refused',
      before: { version: current.version },
      after: { staleVersion: input.version, ...summary(def.worksheet, answers, input.version) },
    });
    return { conflict: current };
  });

  if ('conflict' in outcome) throw new ConflictError(CONFLICT_MESSAGE, outcome.conflict);
  return { version: outcome.saved.version, savedAt: outcome.saved.updatedAt.toISOString() };
}
