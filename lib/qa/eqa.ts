import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { eqaVisitSamples, eqaVisits, qaSamples, users, type QaVerdict } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { audit } from '@/lib/audit';
import { emailField, nameField } from '@/lib/admin/schemas';
import { generatePassword } from '@/lib/admin/passwords';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { ukDayOf, ukDayStart } from '@/lib/format';
import { isUuid, uuidSchema } from '@/lib/ids';
import {
  assertAccess,
  authorizeAdmin,
  authorizeEqaPack,
  eqaSampleScope,
  type Actor,
  type EqaPackRelation,
} from '@/lib/permissions';
import { describeItem } from '@/lib/evidence/criteria';
import { getModule } from '@/lib/content';
import { rulesInWords } from './pages';
import { planRulesSchema } from './rules';
import { iso, query, uuidArray } from './shared';
import { dayField } from '@/lib/validate';

/**
 * The external quality assurer's visit (issue 20): an administrator creates the EQA's account with the visit's dates
 * and shares drawn samples with it; the EQA reads them, read-only, while the visit is open; the visit's pack lists the
 * plan, the draws with their reasons, the snapshots' hashes, the IQA's decisions, actions and outcomes. Who may read
 * what is decided in lib/permissions.ts (the EQA part of the QA block); every function here asks it first.
 */

// ---------------------------------------------------------------------------------------------------------------
// Inputs.

const MAX_VISIT_DAYS = 92;

/** A new visit: the EQA's name and email, the awarding body, and the visit's first and last UK days (inclusive). */
export const createEqaVisitSchema = z
  .object({
    name: nameField,
    email: emailField,
    organisation: z
      .string({ error: 'Enter the awarding body.' })
      .trim()
      .min(1, 'Enter the awarding body.')
      .max(200, 'Keep the awarding body under 200 characters.'),
    startsOn: dayField('first day of the visit'),
    endsOn: dayField('last day of the visit'),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'The last day cannot be before the first day.' });
    else if (Date.parse(v.endsOn) - Date.parse(v.startsOn) >= MAX_VISIT_DAYS * 86_400_000)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: `A visit lasts at most ${MAX_VISIT_DAYS} days.` });
  });

export const visitSampleSchema = z.object({ visitId: uuidSchema(), sampleId: uuidSchema() });
export const visitIdSchema = z.object({ visitId: uuidSchema() });

export type VisitState = 'upcoming' | 'open' | 'ended';
const stateOf = (startsAt: Date, endsAt: Date, now: Date): VisitState =>
  now < startsAt ? 'upcoming' : now < endsAt ? 'open' : 'ended';

// ---------------------------------------------------------------------------------------------------------------
// Administration.

export interface CreatedVisit {
  visitId: string;
  eqaId: string;
  name: string;
  email: string;
  /** Shown to the administrator once, never stored in clear. */
  generatedPassword: string;
}

/**
 * Creates the EQA's account (role eqa, a password to change at first sign-in) and the visit, in one transaction,
 * audited. The visit runs from midnight (UK) of its first day to midnight after its last.
 */
export async function createEqaVisit(
  actor: Actor,
  input: z.output<typeof createEqaVisitSchema>,
  db: DbOrTx = getDb(),
): Promise<CreatedVisit> {
  authorizeAdmin(actor);
  const startsAt = ukDayStart(input.startsOn);
  // Midnight (UK) after the last day: the day after it, so a change of the clocks during the visit is allowed for.
  const endsAt = ukDayStart(new Date(Date.parse(`${input.endsOn}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10));
  if (endsAt.getTime() <= Date.now())
    throw new ValidationError('The visit’s last day has passed.', { endsOn: 'The visit’s last day has passed.' });
  const generatedPassword = generatePassword();
  const passwordHash = await hashPassword(generatedPassword);
  const title = `${input.organisation} visit`;
  return db.transaction(async (tx) => {
    const [account] = await tx
      .insert(users)
      .values({ name: input.name, email: input.email, role: 'eqa', passwordHash, mustChangePassword: true })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!account)
      throw new ValidationError(`There is already an account for ${input.email}.`, {
        email: `There is already an account for ${input.email}.`,
      });
    const [visit] = await tx
      .insert(eqaVisits)
      .values({
        eqaId: account.id,
        title,
        organisation: input.organisation,
        startsAt,
        endsAt,
        createdBy: actor.id,
      })
      .returning({ id: eqaVisits.id, endsAt: eqaVisits.endsAt });
    await audit(tx, {
      actorId: actor.id,
      action: 'account.create',
      subjectType: 'user',
      subjectId: account.id,
      after: { name: input.name, email: input.email, role: 'eqa', passwordGenerated: true },
    });
    await audit(tx, {
      actorId: actor.id,
      action: 'qa.eqa_visit.create',
      subjectType: 'eqa_visit',
      subjectId: visit!.id,
      after: {
        eqaId: account.id,
        organisation: input.organisation,
        startsAt: startsAt.toISOString(),
        endsAt: visit!.endsAt.toISOString(),
      },
    });
    return { visitId: visit!.id, eqaId: account.id, name: input.name, email: input.email, generatedPassword };
  });
}

async function visitRow(db: DbOrTx, visitId: string) {
  const [visit] = await db.select().from(eqaVisits).where(eq(eqaVisits.id, visitId));
  if (!visit) throw new NotFoundError('We could not find that visit.');
  return visit;
}

/** Shares a drawn sample with the visit (audited; sharing it again changes nothing). */
export async function shareSample(
  actor: Actor,
  input: z.output<typeof visitSampleSchema>,
  db: DbOrTx = getDb(),
): Promise<{ shared: boolean }> {
  authorizeAdmin(actor);
  const visit = await visitRow(db, input.visitId);
  if (visit.endsAt.getTime() <= Date.now())
    throw new ValidationError('The visit has ended: nothing more can be shared.');
  const [sample] = await db.select({ id: qaSamples.id }).from(qaSamples).where(eq(qaSamples.id, input.sampleId));
  if (!sample) throw new NotFoundError('We could not find that sample.');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(eqaVisitSamples)
      .values({ visitId: input.visitId, sampleId: input.sampleId, sharedBy: actor.id })
      .onConflictDoNothing()
      .returning();
    if (row)
      await audit(tx, {
        actorId: actor.id,
        action: 'qa.eqa_visit.share',
        subjectType: 'eqa_visit',
        subjectId: input.visitId,
        after: { sampleId: input.sampleId },
      });
    return { shared: true };
  });
}

/** Stops sharing a sample with the visit (audited): from the next request the EQA no longer reads it. */
export async function unshareSample(
  actor: Actor,
  input: z.output<typeof visitSampleSchema>,
  db: DbOrTx = getDb(),
): Promise<{ shared: boolean }> {
  authorizeAdmin(actor);
  await visitRow(db, input.visitId);
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(eqaVisitSamples)
      .where(and(eq(eqaVisitSamples.visitId, input.visitId), eq(eqaVisitSamples.sampleId, input.sampleId)))
      .returning();
    if (removed.length)
      await audit(tx, {
        actorId: actor.id,
        action: 'qa.eqa_visit.unshare',
        subjectType: 'eqa_visit',
        subjectId: input.visitId,
        before: { sampleId: input.sampleId },
      });
    return { shared: false };
  });
}

/**
 * Ends an open visit now (audited): its end moves to this instant, so the EQA's next request, in any session, is
 * refused. A visit not yet started cannot end; disabling the account withdraws it.
 */
export async function endEqaVisit(
  actor: Actor,
  input: z.output<typeof visitIdSchema>,
  db: DbOrTx = getDb(),
): Promise<{ endedAt: string }> {
  authorizeAdmin(actor);
  return db.transaction(async (tx) => {
    const [visit] = await tx.select().from(eqaVisits).where(eq(eqaVisits.id, input.visitId)).for('update');
    if (!visit) throw new NotFoundError('We could not find that visit.');
    const [{ now }] = await query<{ now: Date | string }>(tx, sql`select now() as now`);
    const at = new Date(iso(now));
    if (visit.endsAt <= at) return { endedAt: visit.endsAt.toISOString() };
    if (visit.startsAt > at)
      throw new ValidationError(
        'The visit has not started, so it cannot end. To withdraw it, disable the assurer’s account.',
      );
    await tx
      .update(eqaVisits)
      .set({ endsAt: sql`now()` })
      .where(eq(eqaVisits.id, visit.id));
    await audit(tx, {
      actorId: actor.id,
      action: 'qa.eqa_visit.end',
      subjectType: 'eqa_visit',
      subjectId: visit.id,
      before: { endsAt: visit.endsAt.toISOString() },
      after: { endsAt: at.toISOString() },
    });
    return { endedAt: at.toISOString() };
  });
}

export interface VisitSummary {
  id: string;
  title: string;
  organisation: string;
  eqa: { id: string; name: string; email: string; active: boolean };
  startsAt: string;
  endsAt: string;
  /** The visit's first and last UK days, as the administrator entered them. */
  firstDay: string;
  lastDay: string;
  state: VisitState;
  sharedSamples: number;
}

function summary(
  r: {
    id: string;
    title: string;
    organisation: string;
    eqa_id: string;
    eqa_name: string;
    eqa_email: string;
    eqa_active: boolean;
    starts_at: Date | string;
    ends_at: Date | string;
    shared: number | string;
  },
  now: Date,
): VisitSummary {
  const startsAt = new Date(iso(r.starts_at));
  const endsAt = new Date(iso(r.ends_at));
  return {
    id: r.id,
    title: r.title,
    organisation: r.organisation,
    eqa: { id: r.eqa_id, name: r.eqa_name, email: r.eqa_email, active: Boolean(r.eqa_active) },
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    firstDay: ukDayOf(startsAt),
    lastDay: ukDayOf(new Date(endsAt.getTime() - 1)),
    state: stateOf(startsAt, endsAt, now),
    sharedSamples: Number(r.shared),
  };
}

const visitSelect = sql`
  select v.id, v.title, v.organisation, v.starts_at, v.ends_at, u.id as eqa_id, u.name as eqa_name, u.email as eqa_email,
    u.active as eqa_active, (select count(*) from eqa_visit_samples vs where vs.visit_id = v.id) as shared
  from eqa_visits v join users u on u.id = v.eqa_id`;

/** Every visit, newest first (administrators). */
export async function listEqaVisits(actor: Actor, db: DbOrTx = getDb(), now = new Date()): Promise<VisitSummary[]> {
  authorizeAdmin(actor);
  const rows = await query<Parameters<typeof summary>[0]>(db, sql`${visitSelect} order by v.starts_at desc, v.id`);
  return rows.map((r) => summary(r, now));
}

export interface ShareableSample {
  id: string;
  cohortName: string;
  drawnAt: string;
  drawnBy: string;
  periodFrom: string;
  periodTo: string;
  planVersion: number;
  items: number;
  shared: boolean;
}

/** One visit and every drawn sample of the centre, with whether it is shared with the visit (administrators). */
export async function getEqaVisitAdmin(
  actor: Actor,
  visitId: string,
  db: DbOrTx = getDb(),
  now = new Date(),
): Promise<{ visit: VisitSummary; samples: ShareableSample[] }> {
  authorizeAdmin(actor);
  if (!isUuid(visitId)) throw new NotFoundError('We could not find that visit.');
  const [row] = await query<Parameters<typeof summary>[0]>(db, sql`${visitSelect} where v.id = ${visitId}`);
  if (!row) throw new NotFoundError('We could not find that visit.');
  const samples = await query<{
    id: string;
    cohort: string;
    drawn_at: Date | string;
    drawn_by: string;
    period_from: Date | string;
    period_to: Date | string;
    plan_version: number;
    items: number | string;
    shared: boolean;
  }>(
    db,
    sql`
    select s.id, c.name as cohort, s.drawn_at, u.name as drawn_by, s.period_from, s.period_to, s.plan_version,
      (select count(*) from qa_sample_items i where i.sample_id = s.id) as items,
      exists (select 1 from eqa_visit_samples vs where vs.sample_id = s.id and vs.visit_id = ${visitId}) as shared
    from qa_samples s join cohorts c on c.id = s.cohort_id join users u on u.id = s.drawn_by
    order by s.drawn_at desc, s.id`,
  );
  return {
    visit: summary(row, now),
    samples: samples.map((s) => ({
      id: s.id,
      cohortName: s.cohort,
      drawnAt: iso(s.drawn_at),
      drawnBy: s.drawn_by,
      periodFrom: iso(s.period_from),
      periodTo: iso(s.period_to),
      planVersion: Number(s.plan_version),
      items: Number(s.items),
      shared: Boolean(s.shared),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The pack: what the EQA reads (the visit's home shows it; the printable page and the JSON are the same data).

interface PackAction {
  id: string;
  text: string;
  dueOn: string;
  closedAt: string | null;
  closedBy: string | null;
  closingNote: string | null;
}

interface PackDecision {
  id: string;
  verdict: QaVerdict;
  feedback: string;
  iqa: string;
  at: string;
  supersedesId: string | null;
  /** The newest link of the item's chain: the verdict that stands. */
  current: boolean;
  actions: PackAction[];
}

export interface PackItem {
  id: string;
  position: number;
  kind: 'judgement' | 'sign_off';
  subject: string;
  moduleSlug: string;
  criterionId: string | null;
  learner: { id: string; name: string };
  assessor: { id: string; name: string };
  methods: string[];
  decidedAt: string;
  reasons: { rule: string; text: string }[];
  snapshotSha256: string;
  decisions: PackDecision[];
  /** Where the item stands: the current verdict, and for a disagreement whether its actions are all closed. */
  outcome: 'awaiting verdict' | 'agreed' | 'disagreed, actions open' | 'disagreed, actions closed';
  /** The decision on the record now: the newest judgement of the criterion, or the newest report decision. */
  recordNow: { outcome: string; at: string } | null;
}

interface PackSample {
  id: string;
  cohort: { id: string; name: string };
  drawnAt: string;
  drawnBy: string;
  seed: string;
  periodFrom: string;
  periodTo: string;
  candidateCount: number;
  plan: { id: string; version: number; name: string; rules: unknown; rulesInWords: string[] };
  items: PackItem[];
}

export interface EqaPack {
  format: 'criterion-eqa-pack/1';
  generatedAt: string;
  visit: {
    id: string;
    title: string;
    organisation: string;
    eqa: { name: string; email: string };
    startsAt: string;
    endsAt: string;
    firstDay: string;
    lastDay: string;
    state: VisitState;
  };
  samples: PackSample[];
}

const moduleName = (slug: string) => {
  const m = getModule(slug);
  return m ? `${m.code} ${m.title}` : slug;
};
function subjectOf(kind: string, criterionId: string | null, moduleSlug: string): string {
  if (kind === 'sign_off') return `Report sign-off, ${moduleName(moduleSlug)}`;
  const d = describeItem(criterionId ?? '');
  return `${d.label}: ${d.text}`;
}
const day = (v: unknown) => (typeof v === 'string' ? v.slice(0, 10) : (v as Date).toISOString().slice(0, 10));

/** The pack of one visit, without asking who reads it: callers authorize first. */
async function loadPack(db: DbOrTx, visitId: string, now: Date): Promise<EqaPack> {
  const [v] = await query<Parameters<typeof summary>[0]>(db, sql`${visitSelect} where v.id = ${visitId}`);
  if (!v) throw new NotFoundError('We could not find that visit.');
  const visit = summary(v, now);
  const samples = await query<{
    id: string;
    cohort_id: string;
    cohort: string;
    drawn_at: Date | string;
    drawn_by: string;
    seed: string;
    period_from: Date | string;
    period_to: Date | string;
    candidate_count: number;
    plan_id: string;
    plan_version: number;
    plan_name: string;
    rules: unknown;
  }>(
    db,
    sql`
    select s.id, s.cohort_id, c.name as cohort, s.drawn_at, u.name as drawn_by, s.seed, s.period_from, s.period_to,
      s.candidate_count, p.id as plan_id, p.version as plan_version, p.name as plan_name, p.rules
    from eqa_visit_samples vs join qa_samples s on s.id = vs.sample_id join cohorts c on c.id = s.cohort_id
    join users u on u.id = s.drawn_by join sampling_plans p on p.id = s.plan_id
    where vs.visit_id = ${visitId} order by s.drawn_at, s.id`,
  );
  const sampleIds = samples.map((s) => s.id);
  const items = sampleIds.length
    ? await query<{
        id: string;
        sample_id: string;
        position: number;
        kind: 'judgement' | 'sign_off';
        module_slug: string;
        criterion_id: string | null;
        learner_id: string;
        learner: string;
        assessor_id: string;
        assessor: string;
        methods: string[];
        decided_at: Date | string;
        reasons: { rule: string; text: string }[];
        snapshot_sha256: string;
        now_outcome: string | null;
        now_at: Date | string | null;
      }>(
        db,
        sql`
        select i.id, i.sample_id, i.position, i.kind, i.module_slug, i.criterion_id, i.learner_id, l.name as learner,
          i.assessor_id, a.name as assessor, i.methods, i.decided_at, i.reasons, i.snapshot_sha256,
          coalesce(j.outcome::text, rd.outcome::text) as now_outcome, coalesce(j.created_at, rd.decided_at) as now_at
        from qa_sample_items i join users l on l.id = i.learner_id join users a on a.id = i.assessor_id
        left join lateral (select outcome, created_at from judgements x
          where i.kind = 'judgement' and x.learner_id = i.learner_id and x.criterion_id = i.criterion_id
          order by x.activity_seq desc limit 1) j on true
        left join lateral (select outcome, decided_at from report_decisions x
          where i.kind = 'sign_off' and x.learner_id = i.learner_id and x.module_slug = i.module_slug
          order by x.decided_at desc limit 1) rd on true
        where i.sample_id = any(${uuidArray(sampleIds)}) order by i.sample_id, i.position`,
      )
    : [];
  const itemIds = items.map((i) => i.id);
  const decisions = itemIds.length
    ? await query<{
        id: string;
        item_id: string;
        verdict: QaVerdict;
        feedback: string;
        iqa: string;
        created_at: Date | string;
        supersedes_id: string | null;
      }>(
        db,
        sql`
        select d.id, d.item_id, d.verdict, d.feedback, u.name as iqa, d.created_at, d.supersedes_id
        from qa_decisions d join users u on u.id = d.iqa_id
        where d.item_id = any(${uuidArray(itemIds)}) order by d.created_at, d.id`,
      )
    : [];
  const decisionIds = decisions.map((d) => d.id);
  const actions = decisionIds.length
    ? await query<{
        id: string;
        decision_id: string;
        text: string;
        due_on: string | Date;
        closed_at: Date | string | null;
        closed_by: string | null;
        closing_note: string | null;
      }>(
        db,
        sql`
        select a.id, a.decision_id, a.text, a.due_on, a.closed_at, u.name as closed_by, a.closing_note
        from qa_actions a left join users u on u.id = a.closed_by
        where a.decision_id = any(${uuidArray(decisionIds)}) order by a.due_on, a.id`,
      )
    : [];
  const superseded = new Set(decisions.map((d) => d.supersedes_id).filter(Boolean));

  const packItem = (i: (typeof items)[number]): PackItem => {
    const chain: PackDecision[] = decisions
      .filter((d) => d.item_id === i.id)
      .map((d) => ({
        id: d.id,
        verdict: d.verdict,
        feedback: d.feedback,
        iqa: d.iqa,
        at: iso(d.created_at),
        supersedesId: d.supersedes_id,
        current: !superseded.has(d.id),
        actions: actions
          .filter((a) => a.decision_id === d.id)
          .map((a) => ({
            id: a.id,
            text: a.text,
            dueOn: day(a.due_on),
            closedAt: a.closed_at ? iso(a.closed_at) : null,
            closedBy: a.closed_by,
            closingNote: a.closing_note,
          })),
      }));
    const head = chain.find((d) => d.current);
    const outcome: PackItem['outcome'] = !head
      ? 'awaiting verdict'
      : head.verdict === 'agree'
        ? 'agreed'
        : head.actions.some((a) => !a.closedAt)
          ? 'disagreed, actions open'
          : 'disagreed, actions closed';
    return {
      id: i.id,
      position: Number(i.position),
      kind: i.kind,
      subject: subjectOf(i.kind, i.criterion_id, i.module_slug),
      moduleSlug: i.module_slug,
      criterionId: i.criterion_id,
      learner: { id: i.learner_id, name: i.learner },
      assessor: { id: i.assessor_id, name: i.assessor },
      methods: i.methods ?? [],
      decidedAt: iso(i.decided_at),
      reasons: i.reasons,
      snapshotSha256: i.snapshot_sha256,
      decisions: chain,
      outcome,
      recordNow: i.now_outcome && i.now_at ? { outcome: i.now_outcome, at: iso(i.now_at) } : null,
    };
  };

  return {
    format: 'criterion-eqa-pack/1',
    generatedAt: now.toISOString(),
    visit: {
      id: visit.id,
      title: visit.title,
      organisation: visit.organisation,
      eqa: { name: visit.eqa.name, email: visit.eqa.email },
      startsAt: visit.startsAt,
      endsAt: visit.endsAt,
      firstDay: visit.firstDay,
      lastDay: visit.lastDay,
      state: visit.state,
    },
    samples: samples.map((s) => {
      const parsed = planRulesSchema.safeParse(s.rules);
      return {
        id: s.id,
        cohort: { id: s.cohort_id, name: s.cohort },
        drawnAt: iso(s.drawn_at),
        drawnBy: s.drawn_by,
        seed: s.seed,
        periodFrom: iso(s.period_from),
        periodTo: iso(s.period_to),
        candidateCount: Number(s.candidate_count),
        plan: {
          id: s.plan_id,
          version: Number(s.plan_version),
          name: s.plan_name,
          rules: s.rules,
          rulesInWords: parsed.success ? rulesInWords(parsed.data) : [],
        },
        items: items.filter((i) => i.sample_id === s.id).map(packItem),
      };
    }),
  };
}

/** A visit's pack for its EQA (while open), an administrator, or the IQA of every cohort shared with it. */
export async function getEqaPack(
  actor: Actor,
  visitId: string,
  db: DbOrTx = getDb(),
  now = new Date(),
): Promise<EqaPack & { readerRelation: EqaPackRelation }> {
  assertAccess(actor, 'eqa.pack');
  if (!isUuid(visitId)) throw new NotFoundError('We could not find that visit.');
  const readerRelation = await authorizeEqaPack(actor, visitId, db);
  return { ...(await loadPack(db, visitId, now)), readerRelation };
}

/** The EQA's home: each of their visits open now, with its pack (the shared samples, their items and decisions). */
export async function getEqaHome(actor: Actor, db: DbOrTx = getDb(), now = new Date()): Promise<EqaPack[]> {
  assertAccess(actor, 'eqa');
  const visits = await query<{ id: string }>(
    db,
    sql`select id from eqa_visits where eqa_id = ${actor.id} and starts_at <= now() and ends_at > now() order by starts_at, id`,
  );
  const packs = [];
  for (const v of visits) {
    const pack = await loadPack(db, v.id, now);
    // Belt and braces: only samples the permission gate also says this EQA may read.
    const readable = new Set(
      (
        await query<{ id: string }>(
          db,
          sql`select s.id from qa_samples s where s.id = any(${uuidArray(pack.samples.map((x) => x.id))})
            and ${eqaSampleScope(actor, sql`s.id`)}`,
        )
      ).map((r) => r.id),
    );
    packs.push({ ...pack, samples: pack.samples.filter((s) => readable.has(s.id)) });
  }
  return packs;
}

/** "Chloe Patel's record of EE2": where the EQA opens a shared learner's record (lib/export, POLICY export.view). */
export function learnerRecordHref(learnerId: string, moduleSlug: string): string {
  return `/export/${learnerId}/${moduleSlug}`;
}
