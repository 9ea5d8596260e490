import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BadgeStatus } from '@/components/badges/BadgeStatus';
import { Alert } from '@/components/ui/Alert';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { publicBadge } from '@/lib/badges/badges';
import { formatDate } from '@/lib/format';

// Public, never indexed: a learner shares the address; nothing here is cached, so a revocation shows at once.
export const metadata: Metadata = { title: 'Badge', robots: { index: false, follow: false } };

/**
 * A badge's public verification page, for anyone the learner shares it with (no sign-in): only what the signed
 * credential itself says (the achievement, the learner's name, the issuer, the date), whether its signature verifies
 * against this centre's published keys, and whether an administrator revoked it. A badge id that is no badge's: 404.
 */
export default async function PublicBadgePage({ params }: { params: Promise<{ badgeId: string }> }) {
  const { badgeId } = await params;
  const badge = await publicBadge(badgeId);
  if (!badge) notFound();
  const a = badge.attests;
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title={a ? `${a.achievement.humanCode ? `${a.achievement.humanCode} ` : ''}${a.achievement.name}` : 'Badge'}
        lead="An Open Badge (Open Badges 3.0, a W3C Verifiable Credential) issued by a centre running Criterion."
      />
      <div className="space-y-5">
        {a ? (
          <Alert tone="success" size="md" role={null} data-testid="badge-signature">
            The signature verifies: this badge was issued by {a.issuer.name ?? a.issuer.id} and has not been changed
            since.
          </Alert>
        ) : (
          <Alert tone="error" size="md" role={null} data-testid="badge-signature">
            This badge does not verify: {badge.problem}.
          </Alert>
        )}
        {badge.revoked ? (
          <Alert tone="warning" size="md" role={null} data-testid="badge-revoked">
            The centre revoked this badge on {formatDate(badge.revoked.at)}: {badge.revoked.reason}
          </Alert>
        ) : null}
        {a ? (
          <Card title="What this badge says">
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
              <dt className="font-medium">Awarded to</dt>
              <dd data-testid="badge-learner">{a.learnerName ?? 'Not named in the badge'}</dd>
              <dt className="font-medium">Achievement</dt>
              <dd>
                <a href={a.achievement.id} className="text-brand-700 underline underline-offset-2">
                  {a.achievement.humanCode} {a.achievement.name}
                </a>
              </dd>
              <dt className="font-medium">Issued by</dt>
              <dd>
                {a.issuer.name ? `${a.issuer.name}, ` : ''}
                <span className="break-all">{a.issuer.id}</span>
              </dd>
              <dt className="font-medium">Issued on</dt>
              <dd>{formatDate(new Date(a.validFrom))}</dd>
              <dt className="font-medium">Status</dt>
              <dd>
                <BadgeStatus revoked={badge.revoked} />
              </dd>
            </dl>
            {a.achievement.description ? <p className="mt-4 text-sm">{a.achievement.description}</p> : null}
            {a.achievement.narrative ? (
              <>
                <h3 className="mt-4 text-sm font-semibold text-brand-900">Criteria</h3>
                <p className="mt-1 whitespace-pre-line text-sm">{a.achievement.narrative}</p>
              </>
            ) : null}
          </Card>
        ) : null}
        {badge.jwt ? (
          <Card title="Check it yourself">
            <p className="text-sm">
              The signed credential below is a VC-JWT. Anyone can check it offline against the centre’s public keys (
              <a href="/.well-known/criterion-keys.json" className="text-brand-700 underline underline-offset-2">
                /.well-known/criterion-keys.json
              </a>
              ), for example with <code>npm run -s record -- verify badge.jwt --jwks &lt;keys address&gt;</code>, and
              read whether it is revoked in the centre’s status list.
            </p>
            <label htmlFor="badge-jwt" className="mt-3 block text-sm font-medium">
              Signed credential (VC-JWT)
            </label>
            <textarea
              id="badge-jwt"
              readOnly
              rows={4}
              value={badge.jwt}
              className="mt-1 w-full rounded-md border border-line bg-canvas p-2 font-mono text-xs break-all"
            />
          </Card>
        ) : null}
      </div>
    </div>
  );
}
