import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { notifications, users } from '@/db/schema';
import { formatDate } from '@/lib/format';
import { mailSettings } from '@/lib/env';
import { assignedStaff } from '@/lib/permissions';
import { reviewDueDates, todayInUk } from '@/lib/reviews/schedule';
import { KINDS } from './kinds';
import { notify, queueEmail } from './notify';

/**
 * The worker's daily round: reminders of reviews and targets falling due (written like any notification, by each
 * person's preference) and the digest mails. Every write carries a key (the reminder's subject and due date; the
 * digest's recipient and day), so running the round twice, or on two workers at once, adds nothing.
 */

/** Remind this many days ahead of a review or target's due date. */
const REMIND_DAYS_AHEAD = 7;

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const longDate = (day: string) => formatDate(new Date(`${day}T12:00:00Z`));

export async function sendReminders(db: Db, now = new Date()): Promise<number> {
  const today = todayInUk(now);
  const horizon = addDays(today, REMIND_DAYS_AHEAD);
  let written = 0;
  const due = await reviewDueDates(db, () => and(eq(users.role, 'learner'), eq(users.active, true))!);
  for (const [learnerId, { dueOn }] of due) {
    if (!dueOn || dueOn > horizon) continue;
    const overdue = dueOn < today;
    await db.transaction(async (tx) => {
      const when = overdue ? `was due on ${longDate(dueOn)}` : `is due on ${longDate(dueOn)}`;
      const [learner] = await tx.select({ name: users.name }).from(users).where(eq(users.id, learnerId));
      const dedupeKey = `review_due:${learnerId}:${dueOn}`;
      if (
        await notify(tx, {
          recipientId: learnerId,
          kind: 'review_due',
          title: `Your next progress review ${when}`,
          link: '/learner',
          dedupeKey,
        })
      )
        written++;
      for (const coach of await assignedStaff(tx, learnerId, 'coach')) {
        const title = `${learner?.name ?? 'A learner'}'s progress review ${when}`;
        if (
          await notify(tx, {
            recipientId: coach.id,
            kind: 'review_due',
            title,
            link: `/coach/learners/${learnerId}`,
            dedupeKey,
          })
        )
          written++;
      }
    });
  }
  // Each target as its latest locked review states it, unless its newest event says it is achieved (or claimed).
  const targets = rowsOf<{ learner_id: string; key: string; due_on: string; text: string }>(
    await db.execute(sql`
      select t.learner_id, t.key, t.due_on::text as due_on, t.text from (
        select distinct on (t.learner_id, t.key) t.learner_id, t.key, t.due_on, t.text
        from review_targets t join progress_reviews r on r.id = t.review_id
        join users u on u.id = t.learner_id and u.active
        where r.status = 'locked'
        order by t.learner_id, t.key, r.number desc) t
      where t.due_on between ${today}::date and ${horizon}::date
        and coalesce((select e.event::text from review_target_events e
                      where e.learner_id = t.learner_id and e.target_key = t.key
                      order by e.at desc limit 1), 'not_yet') = 'not_yet'`),
  );
  for (const t of targets) {
    const dueOn = t.due_on.slice(0, 10);
    const short = t.text.length > 80 ? `${t.text.slice(0, 79)}…` : t.text;
    await db.transaction(async (tx) => {
      const n = await notify(tx, {
        recipientId: t.learner_id,
        kind: 'target_due',
        title: `Target due on ${longDate(dueOn)}: ${short}`,
        link: '/learner',
        dedupeKey: `target_due:${t.key}:${dueOn}`,
      });
      if (n) written++;
    });
  }
  return written;
}

const LABEL = new Map(KINDS.map((k) => [k.kind, k.label]));

/**
 * One mail per person with notifications waiting for their digest, at most one a day (the delivery key names the UK
 * day): what arrived since the last one, each with its link. The rows leave the digest in the same transaction.
 */
export async function sendDigests(db: Db, now = new Date()): Promise<number> {
  const day = todayInUk(now);
  const { portalUrl } = mailSettings();
  const pending = await db
    .select({
      id: notifications.id,
      recipientId: notifications.recipientId,
      email: users.email,
      kind: notifications.kind,
      title: notifications.title,
      link: notifications.link,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .innerJoin(users, and(eq(users.id, notifications.recipientId), eq(users.active, true)))
    .where(eq(notifications.digestPending, true))
    .orderBy(asc(notifications.recipientId), asc(notifications.createdAt));
  const byRecipient = new Map<string, typeof pending>();
  for (const p of pending) byRecipient.set(p.recipientId, [...(byRecipient.get(p.recipientId) ?? []), p]);
  let queued = 0;
  for (const [recipientId, items] of byRecipient) {
    const lines = items.map(
      (i) =>
        `- ${i.title} (${LABEL.get(i.kind) ?? i.kind}, ${formatDate(i.createdAt)})\n  ${new URL(i.link, portalUrl).href}`,
    );
    const text = [
      `What happened in Criterion since your last digest (${items.length}):`,
      '',
      ...lines,
      '',
      `-- \nYou receive this daily digest because of your notification settings: ${new URL('/account/notifications', portalUrl).href}`,
    ].join('\n');
    await db.transaction(async (tx) => {
      const mail = await queueEmail(tx, {
        to: items[0]!.email,
        recipientId,
        subject: `Your Criterion digest: ${items.length} new notification${items.length === 1 ? '' : 's'}`,
        text,
        kind: 'digest',
        deliveryKey: `digest:${recipientId}:${day}`,
      });
      // Today's digest already went: these wait for tomorrow's.
      if (!mail) return;
      await tx
        .update(notifications)
        .set({ digestPending: false })
        .where(
          inArray(
            notifications.id,
            items.map((i) => i.id),
          ),
        );
      queued++;
    });
  }
  return queued;
}
