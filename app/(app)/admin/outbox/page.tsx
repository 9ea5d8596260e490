import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/Badge';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { mailSettings } from '@/lib/env';
import { formatDateTime } from '@/lib/format';
import { KINDS } from '@/lib/notifications/kinds';
import { isOutboxFilter, listOutbox, type OutboxFilter } from '@/lib/notifications/outbox';

export const metadata: Metadata = { title: 'Email outbox' };

const KIND_LABEL = new Map<string, string>([
  ...KINDS.map((k) => [k.kind, k.label] as const),
  ['digest', 'Daily digest'],
]);

const FILTERS: { filter: OutboxFilter; label: string }[] = [
  { filter: 'all', label: 'All' },
  { filter: 'waiting', label: 'Waiting' },
  { filter: 'sent', label: 'Sent' },
  { filter: 'failed', label: 'Given up' },
];

export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<{ filter?: string; before?: string }>;
}) {
  const user = await requireAccess('admin');
  const params = await searchParams;
  const filter = isOutboxFilter(params.filter) ? params.filter : 'all';
  const { items, more } = await listOutbox(user, {
    filter,
    before: typeof params.before === 'string' ? params.before : undefined,
  });
  const smtp = Boolean(mailSettings().SMTP_URL);
  return (
    <>
      <PageHeader
        title="Email outbox"
        lead={
          smtp
            ? 'Every email Criterion wrote. The notifications worker sends them over SMTP and retries failures for about a day.'
            : 'No SMTP server is set (SMTP_URL), so emails stay here and are not sent. Nothing is lost: once SMTP_URL is set, the notifications worker sends what is waiting.'
        }
      />
      <nav aria-label="Show" className="mb-4 flex flex-wrap gap-2 text-sm">
        {FILTERS.map((f) => (
          <Link
            key={f.filter}
            href={f.filter === 'all' ? '/admin/outbox' : `/admin/outbox?filter=${f.filter}`}
            aria-current={f.filter === filter ? 'page' : undefined}
            className={`rounded-md border px-3 py-1.5 ${f.filter === filter ? 'border-brand-600 bg-brand-50 font-semibold text-brand-800' : 'border-line bg-white text-ink hover:bg-canvas'}`}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      {items.length === 0 ? (
        <EmptyState title="No emails here">
          Emails appear when something happens that someone asked to hear about.
        </EmptyState>
      ) : (
        <ol className="space-y-3">
          {items.map((m) => (
            <li key={m.id} className="rounded-xl border border-line bg-white p-4">
              <div className="flex flex-wrap items-center gap-2">
                {m.sentAt ? (
                  <Badge tone="met">Sent {formatDateTime(m.sentAt)}</Badge>
                ) : m.failedAt ? (
                  <Badge tone="notyet">Given up after {m.attempts} attempts</Badge>
                ) : (
                  <Badge tone="pending">{m.attempts ? `Waiting, ${m.attempts} failed attempts` : 'Waiting'}</Badge>
                )}
                <span className="text-sm text-muted">
                  {KIND_LABEL.get(m.kind) ?? m.kind} · written{' '}
                  <time dateTime={m.createdAt.toISOString()}>{formatDateTime(m.createdAt)}</time>
                </span>
              </div>
              <p className="mt-2 break-words font-medium text-ink">{m.subject}</p>
              <p className="break-words text-sm text-muted">To {m.toAddress}</p>
              {m.lastError ? <p className="mt-1 break-words text-sm text-red-800">Last error: {m.lastError}</p> : null}
              <details className="mt-2">
                <summary className="cursor-pointer text-sm font-medium text-brand-700">Read the email</summary>
                <pre className="mt-2 whitespace-pre-wrap break-words rounded-md bg-canvas p-3 font-sans text-sm text-ink">
                  {m.text}
                </pre>
              </details>
            </li>
          ))}
        </ol>
      )}
      {more ? (
        <p className="mt-4">
          <Link
            href={`/admin/outbox?${new URLSearchParams({ ...(filter === 'all' ? {} : { filter }), before: items[items.length - 1]!.id })}`}
            className="text-brand-700 underline underline-offset-2"
          >
            Older emails
          </Link>
        </p>
      ) : null}
    </>
  );
}
