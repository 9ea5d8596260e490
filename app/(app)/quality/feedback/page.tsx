import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/admin/ActionForm';
import { VerdictBadge } from '@/components/quality/VerdictBadge';
import { inputClass } from '@/components/ui/Field';
import { Badge } from '@/components/ui/Badge';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { formatDateTime, formatDay } from '@/lib/format';
import { orPageError } from '@/lib/errors';
import { getMyQaFeedback } from '@/lib/qa/pages';
import { respondToActionAction } from '../actions';

export const metadata: Metadata = { title: 'Quality assurance feedback' };

export default async function QaFeedbackPage() {
  const user = await requireAccess('quality.feedback');
  const items = await orPageError(getMyQaFeedback(user));
  return (
    <>
      <PageHeader
        title="Quality assurance feedback"
        lead="Your assessment decisions that an internal quality assurer sampled: their verdict, feedback and the actions to take. Respond to each action here and re-judge a criterion on the learner’s page as usual; the IQA reads your response and closes the action."
      />
      {items.length === 0 ? (
        <EmptyState title="None of your decisions has been sampled yet" />
      ) : (
        <ul className="space-y-3">
          {items.map((i) => (
            <li key={i.itemId} className="rounded-xl border border-line bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <h2 className="text-sm font-semibold text-brand-900">{i.subject}</h2>
                  <p className="text-sm text-muted">
                    <Link href={`/learners/${i.learnerId}`} className="text-brand-700 underline underline-offset-2">
                      {i.learnerName}
                    </Link>{' '}
                    · your decision of {formatDateTime(i.decidedAt)}
                  </p>
                </div>
                <VerdictBadge verdict={i.verdict} />
              </div>
              {i.verdict ? (
                <p className="mt-2 text-sm">
                  {i.iqaName}, {formatDateTime(i.verdictAt!)}
                  {i.feedback ? (
                    <>
                      : <span className="whitespace-pre-wrap">“{i.feedback}”</span>
                    </>
                  ) : null}
                </p>
              ) : null}
              {i.rejudgement ? (
                <p className="mt-2 text-sm">
                  You re-judged it {i.rejudgement.outcome === 'met' ? 'met' : 'not yet met'} on{' '}
                  {formatDateTime(i.rejudgement.at)}.{' '}
                  <Link href={`/learners/${i.learnerId}`} className="text-brand-700 underline underline-offset-2">
                    See it on {i.learnerName}’s portfolio
                  </Link>
                </p>
              ) : null}
              {i.actions.length ? (
                <ul className="mt-2 space-y-3 text-sm" aria-label="Action points">
                  {i.actions.map((a) => (
                    <li key={a.id}>
                      <div className="flex flex-wrap items-center gap-2">
                        <span>{a.text}</span>
                        {a.closed ? (
                          <Badge tone="met">Closed</Badge>
                        ) : a.overdue ? (
                          <Badge tone="notyet">Overdue: due {formatDay(a.dueOn)}</Badge>
                        ) : (
                          <Badge tone="pending">Due {formatDay(a.dueOn)}</Badge>
                        )}
                      </div>
                      {a.responses.length ? (
                        <ul className="mt-1 space-y-1" aria-label="Your responses">
                          {a.responses.map((r) => (
                            <li key={r.id} className="rounded-md bg-canvas px-2 py-1">
                              <span className="text-muted">{formatDateTime(r.at)}:</span>{' '}
                              <span className="whitespace-pre-wrap">{r.text}</span>
                              {r.rejudgement ? (
                                <span className="block text-muted">
                                  Linked re-judgement: {r.rejudgement.outcome === 'met' ? 'met' : 'not yet met'},{' '}
                                  {formatDateTime(r.rejudgement.at)}
                                </span>
                              ) : null}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                      {!a.closed ? (
                        <ActionForm
                          action={respondToActionAction}
                          submitLabel="Send response"
                          pendingLabel={'Sending…'}
                          success="Sent. The IQA will read it and close the action."
                          button={{ variant: 'secondary', size: 'sm' }}
                          resetOnSuccess
                          className="mt-2 space-y-2"
                        >
                          <input type="hidden" name="actionId" value={a.id} />
                          <label htmlFor={`respond-${a.id}`} className="block text-sm font-medium">
                            Your response to “{a.text}”
                          </label>
                          <textarea
                            id={`respond-${a.id}`}
                            name="text"
                            rows={2}
                            maxLength={5000}
                            className={`${inputClass} text-sm`}
                          />
                        </ActionForm>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
