import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/admin/ActionForm';
import { BadgeStatus } from '@/components/badges/BadgeStatus';
import { Card } from '@/components/ui/Card';
import { inputClass } from '@/components/ui/field-class';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { listBadgesForAdmin } from '@/lib/badges/badges';
import { formatDate } from '@/lib/format';
import { revokeBadgeAction } from './actions';

export const metadata: Metadata = { title: 'Badges' };

/** Every Open Badge issued, newest first; an administrator revokes one with a reason (published in the status list). */
export default async function AdminBadgesPage() {
  const user = await requireAccess('admin');
  const list = await listBadgesForAdmin(user);
  return (
    <>
      <PageHeader
        title="Badges"
        lead="Open Badges issued to learners for completed units, newest first. Revoking a badge records why; the badge stays on record, its public page says it is revoked, and the centre’s status list publishes it to anyone checking."
      />
      <Card title="Issued badges">
        {list.length === 0 ? (
          <p className="text-sm text-muted">No badge has been issued yet.</p>
        ) : (
          <ul className="divide-y divide-line">
            {list.map((b) => (
              <li key={b.id} className="py-3" data-testid="admin-badge">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span>
                    <Link href={`/learners/${b.learnerId}`} className="font-medium text-brand-700 hover:underline">
                      {b.learnerName}
                    </Link>
                    {': '}
                    <Link href={`/badges/${b.id}`} className="text-brand-700 hover:underline">
                      {b.code} {b.title}
                    </Link>
                    <span className="text-sm text-muted">, issued {formatDate(b.issuedAt)}</span>
                  </span>
                  <BadgeStatus revoked={b.revoked} />
                </div>
                {b.revoked ? (
                  <p className="mt-1 text-sm">Reason: {b.revoked.reason}</p>
                ) : (
                  <ActionForm
                    action={revokeBadgeAction}
                    submitLabel="Revoke badge"
                    pendingLabel={'Revoking…'}
                    success="Revoked. The badge’s public page and the status list now say so."
                    confirm="Revoke this badge? This cannot be undone."
                    button={{ variant: 'danger', size: 'sm' }}
                    className="mt-2 space-y-2"
                  >
                    <input type="hidden" name="badgeId" value={b.id} />
                    <label htmlFor={`reason-${b.id}`} className="block text-sm font-medium">
                      Why revoke {b.learnerName}’s {b.code} badge?
                    </label>
                    <textarea
                      id={`reason-${b.id}`}
                      name="reason"
                      rows={2}
                      maxLength={1000}
                      className={`${inputClass} text-sm`}
                    />
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
