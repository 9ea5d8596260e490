import type { Metadata } from 'next';
import Link from 'next/link';
import { BadgeStatus } from '@/components/badges/BadgeStatus';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { learnerBadges, type BadgeSummary } from '@/lib/badges/badges';
import { formatDate } from '@/lib/format';

export const metadata: Metadata = { title: 'My badges' };

const link = 'font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900';

/** Tells two badges of one unit apart for a screen reader's list of links. */
const name = (b: BadgeSummary) => `${b.code} badge${b.edition > 1 ? ` ${b.edition}` : ''}`;

/**
 * The learner's Open Badges: one for each unit they have completed, issued when they open this page if it was not
 * already (lib/badges). Each downloads as a signed credential and has a public page to share.
 */
export default async function LearnerBadgesPage() {
  const user = await requireAccess('own.badges');
  const list = await learnerBadges(user, user.id);
  return (
    <>
      <PageHeader
        title="My badges"
        lead="An Open Badge for each unit you have completed: every criterion met and, where the unit has a report, the report signed off (and countersigned where your centre requires it). Each badge is signed by this centre, so anyone can check it."
      />
      {list.length === 0 ? (
        <p className="rounded-xl border border-dashed border-line bg-white p-4 text-muted" data-testid="no-badges">
          You have no badges yet. When you complete a unit, its badge appears here.
        </p>
      ) : (
        <ul className="space-y-4" aria-label="Your badges">
          {list.map((b) => (
            <li key={b.id} className="rounded-xl border border-line bg-white p-5 shadow-sm" data-testid="badge">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-lg font-semibold text-brand-900">
                  {b.code} {b.title}
                </h2>
                <BadgeStatus revoked={b.revoked} />
              </div>
              <p className="mt-1 text-sm text-muted">
                Issued {formatDate(b.issuedAt)}
                {b.edition > 1 ? ` · badge ${b.edition} for this unit, after it was assessed again` : ''}
              </p>
              {b.revoked ? (
                <p className="mt-2 text-sm">
                  <span className="font-medium">Why it was revoked:</span> {b.revoked.reason}
                </p>
              ) : null}
              <ul className="mt-3 flex flex-wrap gap-x-5 gap-y-2 text-sm">
                <li>
                  <Link href={`/badges/${b.id}`} className={link} aria-label={`Public page to share, ${name(b)}`}>
                    Public page to share
                  </Link>
                </li>
                <li>
                  <a
                    href={`/api/badges/${b.id}`}
                    download
                    className={link}
                    aria-label={`Download badge (.jwt), ${name(b)}`}
                  >
                    Download badge (.jwt)
                  </a>
                </li>
                <li>
                  <a href={`/api/badges/${b.id}?format=json`} className={link} aria-label={`View as JSON, ${name(b)}`}>
                    View as JSON
                  </a>
                </li>
              </ul>
              <p className="mt-3 break-all text-xs text-muted">
                Share this address: <span className="font-mono">{b.url}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
