import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/admin/ActionForm';
import { Badge } from '@/components/ui/Badge';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { KINDS } from '@/lib/notifications/kinds';
import { listNotifications, unreadCount } from '@/lib/notifications/inbox';
import { markAllReadAction, markReadAction } from './actions';

export const metadata: Metadata = { title: 'Notifications' };

const LABEL = new Map(KINDS.map((k) => [k.kind, k.label]));

/** Anyone signed in: their own notifications only (lib/notifications/inbox.ts reads by the session's user). */
export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const user = await requireUser();
  const { before } = await searchParams;
  const [{ items, more }, unread] = await Promise.all([
    listNotifications(user, { before: typeof before === 'string' ? before : undefined }),
    unreadCount(user),
  ]);
  return (
    <>
      <PageHeader
        title="Notifications"
        lead={
          <>
            {unread ? `${unread} unread.` : 'Nothing unread.'}{' '}
            <Link href="/account/notifications" className="text-brand-700 underline underline-offset-2">
              Choose what reaches you by email
            </Link>
          </>
        }
      >
        {unread ? (
          <ActionForm
            action={markAllReadAction}
            submitLabel="Mark all as read"
            pendingLabel="Marking…"
            success="All marked as read."
            button={{ variant: 'secondary', size: 'sm' }}
          >
            <input type="hidden" name="all" value="read" />
          </ActionForm>
        ) : null}
      </PageHeader>
      {items.length === 0 ? (
        <EmptyState title={before ? 'No older notifications' : 'No notifications yet'}>
          When something happens to your work or needs you (a judgement, a comment, a review to sign), it shows here.
        </EmptyState>
      ) : (
        <ol
          className="divide-y divide-line overflow-hidden rounded-xl border border-line bg-white"
          aria-label="Notifications, newest first"
        >
          {items.map((n) => (
            <li
              key={n.id}
              className={`flex flex-wrap items-start gap-x-4 gap-y-2 px-4 py-3 ${n.readAt ? '' : 'bg-brand-50/60'}`}
            >
              <div className="min-w-0 flex-1 basis-60">
                <p className="flex flex-wrap items-center gap-2">
                  {n.readAt ? null : (
                    <Badge tone="brand" size="xs">
                      New
                    </Badge>
                  )}
                  <Link href={n.link} className="font-medium text-brand-800 underline-offset-2 hover:underline">
                    {n.title}
                  </Link>
                </p>
                <p className="mt-0.5 text-sm text-muted">
                  {LABEL.get(n.kind)} · <time dateTime={n.createdAt.toISOString()}>{formatDateTime(n.createdAt)}</time>
                </p>
              </div>
              {n.readAt ? null : (
                <ActionForm
                  action={markReadAction}
                  submitLabel="Mark as read"
                  pendingLabel="Marking…"
                  success="Marked as read."
                  button={{ variant: 'outline', size: 'sm' }}
                >
                  <input type="hidden" name="id" value={n.id} />
                </ActionForm>
              )}
            </li>
          ))}
        </ol>
      )}
      {more ? (
        <p className="mt-4">
          <Link
            href={`/notifications?before=${items[items.length - 1]!.id}`}
            className="text-brand-700 underline underline-offset-2"
          >
            Older notifications
          </Link>
        </p>
      ) : null}
    </>
  );
}
