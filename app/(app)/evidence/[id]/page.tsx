import type { Metadata } from 'next';
import Link from 'next/link';
import { ItemStatusBadge } from '@/components/evidence/ItemStatusBadge';
import { JudgementHistory } from '@/components/evidence/JudgementHistory';
import { WordingChangedMarker } from '@/components/evidence/WordingChangedMarker';
import { KindTag } from '@/components/evidence/KindTag';
import { ResponseForm } from '@/components/evidence/ResponseForm';
import { Card } from '@/components/ui/Card';
import { requireUser } from '@/lib/auth/session';
import { links } from '@/lib/dashboards/links';
import { LIMITS } from '@/lib/evidence/input';
import { orPageError } from '@/lib/errors';
import { getEvidence, type EvidenceDetail } from '@/lib/evidence/read';
import { formatBytes } from '@/lib/files/names';
import { requestWitnessLinkAction, respondToJudgementAction } from './actions';
import { LinkRequestNote } from '@/components/links/LinkRequestNote';
import { RequestLinkButton } from '@/components/links/RequestLinkButton';
import { WitnessConfirmationNote } from '@/components/links/WitnessConfirmationNote';
import { buttonClass } from '@/components/ui/Button';
import { Alert } from '@/components/ui/Alert';
import { formatDate, formatDateTime, formatDay, plural } from '@/lib/format';
import { BackLink } from '@/components/ui/BackLink';
import { FilePreview } from '@/components/evidence/FilePreview';

export const metadata: Metadata = { title: 'Evidence' };

export default async function EvidencePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const user = await requireUser();
  const [{ id }, { saved }] = await Promise.all([params, searchParams]);
  const e = await orPageError(getEvidence(user, id));
  const own = user.id === e.learner.id;
  const back = own
    ? { href: '/learner/evidence', label: 'My evidence' }
    : { href: links.learner(e.learner.id), label: `${e.learner.name}'s portfolio` };
  const current = e.versions.find((v) => v.current);

  return (
    <>
      <BackLink href={back.href}>{back.label}</BackLink>

      {saved ? (
        <Alert tone="success" size="md" className="mb-4 text-sm font-medium">
          <span aria-hidden="true">✓ </span>
          {saved === 'new-version'
            ? 'Saved as a new version. The version your assessor judged is kept below under Versions.'
            : 'Saved.'}
        </Alert>
      ) : null}
      {e.supersededBy ? (
        <p className="mb-4 rounded-lg border border-pending/30 bg-pending/5 px-4 py-2.5 text-sm">
          This is an earlier version, kept as it was judged.{' '}
          {current ? (
            <Link href={`/evidence/${current.id}`} className="font-semibold text-brand-700 underline">
              See the current version
            </Link>
          ) : null}
        </p>
      ) : null}

      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <KindTag kind={e.kind} />
          <h1 className="mt-1 text-2xl font-semibold tracking-tight text-brand-900 sm:text-3xl">{e.title}</h1>
          <p className="mt-1 text-sm text-muted">
            {formatDay(e.occurredOn)}
            {e.isRecord ? ` · recorded by ${e.authorName}` : ''}
            {own ? '' : ` · ${e.learner.name}`} · last changed {formatDateTime(e.updatedAt)}
          </p>
        </div>
        {e.can.edit ? (
          <div className="flex items-center gap-3 sm:block sm:text-right">
            <Link
              href={`/evidence/${e.id}/edit`}
              className="inline-block rounded-md border border-brand-500 bg-white px-4 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50"
            >
              Edit
            </Link>
            {e.judgedMet ? (
              <p className="max-w-[14rem] text-xs text-muted sm:mt-1">Judged met: editing saves a new version.</p>
            ) : null}
          </div>
        ) : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Card title="The evidence" className="h-fit min-w-0">
          {e.description ? <p className="whitespace-pre-wrap text-sm text-ink">{e.description}</p> : null}
          {e.witness ? (
            <dl className="mt-3 grid grid-cols-[6rem_1fr] gap-1 text-sm">
              <dt className="text-muted">Witness</dt>
              <dd className="font-medium">{e.witness.name}</dd>
              <dt className="text-muted">Role</dt>
              <dd>{e.witness.role}</dd>
              <dt className="text-muted">Email</dt>
              <dd className="break-all">{e.witness.contact}</dd>
            </dl>
          ) : null}
          {e.body ? (
            <div className="mt-3 max-h-[32rem] overflow-auto whitespace-pre-wrap rounded-lg bg-canvas p-3 text-sm leading-relaxed">
              {e.body}
            </div>
          ) : null}
          {e.witnessStatus ? (
            <div className="mt-3 border-t border-line pt-3" data-testid="witness-status">
              <h3 className="text-sm font-semibold text-ink">The witness&rsquo;s confirmation</h3>
              {e.witnessStatus.confirmation ? (
                <WitnessConfirmationNote confirmation={e.witnessStatus.confirmation} />
              ) : (
                <p className="mt-1 text-sm text-muted">Not confirmed by the witness yet.</p>
              )}
              {e.can.edit ? (
                <>
                  <LinkRequestNote request={e.witnessStatus.request} />
                  {e.witnessStatus.confirmation?.ofThisVersion ? null : (
                    <RequestLinkButton
                      label={
                        e.witnessStatus.request ? 'Make a new confirmation link' : `Ask ${e.witness!.name} to confirm`
                      }
                      action={requestWitnessLinkAction}
                      input={{ evidenceId: e.id }}
                    />
                  )}
                </>
              ) : null}
            </div>
          ) : null}
          {e.url ? (
            <p className="mt-3 text-sm">
              <a
                href={e.url}
                target="_blank"
                rel="noopener noreferrer nofollow"
                className="break-all font-medium text-brand-700 underline"
              >
                {e.url}
              </a>
              <span className="sr-only"> (opens in a new tab)</span>
            </p>
          ) : null}
          {e.file ? <FilePreview file={e.file} title={e.title} /> : null}
          {e.file ? (
            <div className="mt-3 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-line p-3">
              <div className="min-w-0 text-sm">
                <p className="break-all font-medium">{e.file.name}</p>
                <p className="text-xs text-muted">{formatBytes(e.file.sizeBytes)}</p>
              </div>
              <a href={`/api/files/${e.file.id}`} className={buttonClass({ size: 'sm' })} download>
                Download
              </a>
            </div>
          ) : null}
          {e.kind === 'worksheet' ? (
            <p className="mt-3 text-sm">
              {e.worksheet ? (
                <Link href={e.worksheet.href} className="font-medium text-brand-700 underline">
                  {e.worksheet.label}
                </Link>
              ) : (
                <span className="text-muted">The worksheet hand-in could not be found.</span>
              )}
            </p>
          ) : null}
          {e.versions.length > 1 ? (
            <div className="mt-4 border-t border-line pt-3">
              <h3 className="text-sm font-semibold text-ink">Versions</h3>
              <ol className="mt-1 space-y-1 text-sm">
                {e.versions.map((v) => (
                  <li key={v.id}>
                    {v.id === e.id ? (
                      <span className="font-semibold">Version {v.version} (this page)</span>
                    ) : (
                      <Link href={`/evidence/${v.id}`} className="text-brand-700 underline">
                        Version {v.version}
                      </Link>
                    )}{' '}
                    <span className="text-muted">
                      · {formatDateTime(v.createdAt)}
                      {v.current ? ' · current' : ''}
                    </span>
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
        </Card>

        <section aria-labelledby="criteria-heading" className="min-w-0">
          <h2 id="criteria-heading" className="mb-3 text-lg font-semibold text-brand-900">
            Criteria <span className="text-base font-normal text-muted">({e.mappings.length})</span>
          </h2>
          {e.mappings.length === 0 ? (
            <p className="rounded-xl border border-dashed border-line bg-white px-4 py-6 text-center text-sm text-muted">
              Not mapped to any criterion yet.{e.can.edit ? ' Edit it to choose the criteria it meets.' : ''}
            </p>
          ) : (
            <ul className="space-y-3">
              {e.mappings.map((m) => {
                const latest = m.judgements[0];
                return (
                  <li
                    key={m.criterion.id}
                    id={m.criterion.id.replaceAll('/', '-')}
                    className="rounded-xl border border-line bg-white p-4 shadow-sm"
                  >
                    <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
                      <div className="min-w-0 flex-1">
                        <p className="text-xs text-muted">
                          {m.criterion.moduleTitle}
                          {m.criterion.group ? ` · ${m.criterion.group}` : ''}
                        </p>
                        <h3 className="mt-0.5 text-sm">
                          <span className="font-semibold text-brand-900">{m.criterion.label}</span> {m.criterion.text}
                        </h3>
                      </div>
                      <span className="order-first flex flex-wrap items-center gap-2 sm:order-none">
                        {m.wording ? <WordingChangedMarker changedOn={m.wording.changedOn} /> : null}
                        <ItemStatusBadge status={m.status.status} size="md" />
                      </span>
                    </div>
                    {m.wording ? (
                      <p className="mt-2 rounded-md bg-pending/10 px-3 py-2 text-sm text-ink">
                        {wordingNote(m.wording, e.can.judge ? 'assessor' : e.can.respond ? 'learner' : 'other')}
                      </p>
                    ) : null}
                    {m.note ? (
                      <p className="mt-2 text-sm">
                        <span className="font-medium text-muted">
                          {e.isRecord ? 'How it shows it: ' : 'Why it meets it: '}
                        </span>
                        <span className="whitespace-pre-wrap">{m.note}</span>
                      </p>
                    ) : null}
                    <p className="mt-1 text-xs text-muted">
                      {plural(m.status.evidenceCount, 'piece', 'pieces')} of current evidence on this criterion
                    </p>
                    {m.judgements.length ? (
                      <div className="mt-3 border-t border-line pt-3">
                        <JudgementHistory judgements={m.judgements}>
                          {e.can.respond && latest?.outcome === 'not_yet_met' ? (
                            <ResponseForm
                              judgementId={latest.id}
                              max={LIMITS.response}
                              respond={respondToJudgementAction}
                            />
                          ) : null}
                        </JudgementHistory>
                      </div>
                    ) : (
                      <p className="mt-3 border-t border-line pt-3 text-sm text-muted">Not judged yet.</p>
                    )}
                    {e.can.judge && m.signedOff ? (
                      <p className="mt-3 text-sm text-muted">{m.signedOff}</p>
                    ) : e.can.judge ? (
                      <p className="mt-3 text-sm">
                        <Link
                          href={`${links.learner(e.learner.id)}#${m.criterion.id.replaceAll('/', '-')}`}
                          className="font-semibold text-brand-700 underline"
                        >
                          Judge {m.criterion.label} in the portfolio
                        </Link>
                      </p>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}

/** What a reworded criterion means for this evidence, worded for who reads it (lib/evidence/wording.ts decides). */
function wordingNote(
  w: NonNullable<EvidenceDetail['mappings'][number]['wording']>,
  reader: 'learner' | 'assessor' | 'other',
): string {
  const when = w.changedOn ? ` on ${formatDate(w.changedOn)}` : '';
  const what = [
    w.thisEvidence ? 'this evidence was mapped to the earlier wording' : '',
    w.judgement ? 'the last judgement was made on it' : '',
  ]
    .filter(Boolean)
    .join(', and ');
  const next =
    reader === 'learner'
      ? 'Check that your evidence still shows the criterion as it now reads; your assessor will judge it again.'
      : reader === 'assessor'
        ? 'Review it against the wording above and judge it again.'
        : 'The assessor will judge it again.';
  return `The wording of this criterion changed${when}: ${what}. ${next} Nothing has been moved or changed.`;
}
