import type { Metadata } from 'next';
import { Alert } from '@/components/ui/Alert';
import { buttonClass } from '@/components/ui/button-class';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { formatDateTime, formatNumber } from '@/lib/format';
import { auditChainStatus } from '@/lib/record/audit-check';

export const metadata: Metadata = { title: 'Audit log' };

/**
 * The audit chain's integrity for an administrator: the head always, the whole check (every row recomputed, every
 * seal checked) when they ask for it with ?check=1, a plain GET form, so the check needs no script and changes nothing.
 */
export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<{ check?: string }> }) {
  const user = await requireAccess('admin');
  const { check } = await searchParams;
  const status = await auditChainStatus(user, check === '1');
  return (
    <>
      <PageHeader
        title="Audit log"
        lead="Every change Criterion records is a row of the audit log, and each row carries the hash of the one before: a row changed, removed or added outside Criterion breaks the chain at that row. Check it here, or with npm run -s audit -- verify."
      />
      <Card title="The chain">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="font-medium">Rows</dt>
          <dd>{formatNumber(status.head.seq)}</dd>
          <dt className="font-medium">Head (SHA-256)</dt>
          <dd className="break-all font-mono text-xs">{status.head.hash}</dd>
        </dl>
        <div className="mt-4" aria-live="polite">
          {!status.checked ? null : status.ok ? (
            <Alert tone="success" size="md" role="status" data-testid="audit-check">
              The audit chain is intact: {formatNumber(status.rows)} rows recomputed in {status.seconds.toFixed(1)} s.{' '}
              {status.latestSeal
                ? `Latest seal: row ${formatNumber(status.latestSeal.seq)}, sealed ${formatDateTime(new Date(status.latestSeal.sealedAt))} (${formatNumber(status.seals)} checked).`
                : 'No seal yet: run npm run -s audit -- seal (or export a record) so that rows cut off the end are detected too.'}
            </Alert>
          ) : (
            <Alert tone="error" size="md" role="alert" data-testid="audit-check">
              The audit chain is broken: {status.problem}. Keep the database as it is and compare it with a backup.
            </Alert>
          )}
        </div>
        <form method="get" className="mt-4">
          <input type="hidden" name="check" value="1" />
          <button type="submit" className={buttonClass({ variant: 'primary' })}>
            Check the whole chain now
          </button>
        </form>
      </Card>
    </>
  );
}
