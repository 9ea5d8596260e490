import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReviewText } from '@/components/review/ReviewText';
import { SignByLinkForm } from '@/components/links/SignByLinkForm';
import { WitnessAnswerForm } from '@/components/links/WitnessAnswerForm';
import { Alert } from '@/components/ui/Alert';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { formatDay } from '@/lib/format';
import { linkPage } from '@/lib/links/page';
import { linkLabel } from '@/lib/reviews/read';
import { answerWitnessAction, signByLinkAction } from './actions';

// Never indexed, and nothing here is cached: each request reads the link as it stands.
export const metadata: Metadata = { title: 'Confirm', robots: { index: false, follow: false } };

/**
 * A single-use link, opened by someone without an account: the document it was made for and the form to answer it,
 * or, for a link that is used, expired or replaced, what happened and that nothing changed. A token that is no
 * link's is a 404 (not-found.tsx beside this page). Opening the page changes nothing; only the form's answer uses it.
 */
export default async function ConfirmPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = await linkPage(token);
  if (!view) notFound();

  if (view.kind === 'unusable') {
    const title = {
      used: 'This link has already been used',
      expired: 'This link has expired',
      superseded: 'This link has been replaced',
    }[view.state];
    return (
      <div className="mx-auto max-w-2xl">
        <PageHeader title={title} />
        <Alert tone="info" size="md" role={null} data-testid="link-unusable">
          {view.message}
        </Alert>
      </div>
    );
  }

  if (view.kind === 'witness') {
    const s = view.statement;
    return (
      <div className="mx-auto max-w-2xl space-y-5">
        <PageHeader
          title="Confirm a witness statement"
          lead={`${s.learnerName} recorded this statement for their apprenticeship portfolio and named ${s.witnessName}${s.witnessRole ? ` (${s.witnessRole})` : ''} as the witness. Please read it and say whether it is accurate.`}
        />
        <Card title={s.title}>
          <p className="text-sm text-muted">What happened on {formatDay(s.occurredOn)}</p>
          <div
            className="mt-2 whitespace-pre-wrap rounded-lg bg-canvas p-3 text-sm leading-relaxed"
            data-testid="statement"
          >
            {s.body}
          </div>
        </Card>
        <Card title="Your answer">
          <WitnessAnswerForm token={token} witnessName={s.witnessName} answer={answerWitnessAction} />
        </Card>
      </div>
    );
  }

  const r = view.review;
  const linkLabels = Object.fromEntries(r.content.targets.map((t) => [t.key, linkLabel(t)]));
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <PageHeader
        title={`Sign ${r.learnerName}\u2019s progress review`}
        lead={`${r.coachName} held progress review ${r.number} with ${r.learnerName} and asks ${r.signerName}${r.signerRole ? ` (${r.signerRole})` : ''} to sign it for the employer. Please read it; your signature is recorded with your name.`}
      />
      <ReviewText content={r.content} linkLabels={linkLabels} />
      <Card title="Your signature">
        <SignByLinkForm token={token} learnerName={r.learnerName} sign={signByLinkAction} />
        <p className="mt-3 break-all text-xs text-muted">SHA-256 of what you sign: {r.contentSha256}</p>
      </Card>
    </div>
  );
}
