'use client';
import Link from 'next/link';
import { useCallback, useMemo } from 'react';
import { SaveStatus } from '@/components/autosave/SaveStatus';
import { useAutosave } from '@/components/autosave/useAutosave';
import { formatDateTime } from '@/lib/format';
import {
  limitProblems,
  sectionHasContent,
  type SectionAnswer,
  type Worksheet,
  type WorksheetAnswers,
} from '@/lib/worksheets/answers';
import type { CommentView, SubmissionSummary } from '@/lib/worksheets/types';
import { fetchWorksheet, WORKSHEET_DELAY_MS, worksheetKeptKey, worksheetRules, worksheetTransport } from './autosave';
import { CommentList } from './CommentList';
import { ConflictPanel } from './ConflictPanel';
import { WorksheetContext, type WorksheetContextValue } from './context';
import { HandInPanel, type HandInAction } from './HandInPanel';
import { CheckIcon } from './icons';
import { buttonClass } from '@/components/ui/Button';

export interface WorksheetEditorProps {
  slug: string;
  learnerId: string;
  worksheet: Worksheet;
  draft: { version: number; answers: WorksheetAnswers; savedAt: string | null };
  submissions: SubmissionSummary[];
  comments: CommentView[];
  coachNames: string[];
  handIn: HandInAction;
  /** The worksheet's teaching text with <WorksheetSection> placed in it (rendered on the server). */
  children: React.ReactNode;
}

/**
 * The learner's live worksheet: owns the answers and autosave, and gives every <WorksheetSection> in the body
 * its answer, its limits and the coach's comments through context.
 */
export function WorksheetEditor({
  slug,
  learnerId,
  worksheet,
  draft,
  submissions,
  comments,
  coachNames,
  handIn,
  children,
}: WorksheetEditorProps) {
  const { state, setValue, engine } = useAutosave<WorksheetAnswers>({
    ...worksheetRules(worksheet),
    initial: { value: draft.answers, version: draft.version, savedAt: draft.savedAt },
    transport: worksheetTransport(slug),
    storageKey: worksheetKeptKey(learnerId, slug),
    delayMs: WORKSHEET_DELAY_MS,
    fetchLatest: () => fetchWorksheet(slug),
  });

  const setSection = useCallback(
    (sectionId: string, value: SectionAnswer) => {
      setValue((answers) => ({ ...answers, [sectionId]: value }));
    },
    [setValue],
  );

  const problems = useMemo(
    () => new Map(limitProblems(worksheet, state.value).map((p) => [p.key, p.message])),
    [worksheet, state.value],
  );
  const commentsBySection = useMemo(() => {
    const map = new Map<string, CommentView[]>();
    for (const c of comments) if (c.sectionId) map.set(c.sectionId, [...(map.get(c.sectionId) ?? []), c]);
    return map;
  }, [comments]);

  const context: WorksheetContextValue = useMemo(
    () => ({ worksheet, state, setSection, problems, commentsBySection }),
    [worksheet, state, setSection, problems, commentsBySection],
  );

  const answered = worksheet.sections.filter((s) => sectionHasContent(s, state.value));
  const latest = submissions[0] ?? null;
  const handedInThis = !!latest && latest.answersVersion === state.version && state.status === 'saved';
  const overall = comments.filter((c) => c.sectionId === null);
  const sectionsWithComments = commentsBySection.size;

  return (
    <WorksheetContext.Provider value={context}>
      <div className="lg:grid lg:grid-cols-[minmax(0,1fr)_16rem] lg:gap-10">
        <div className="min-w-0 max-w-3xl">
          <Feedback latest={latest} overall={overall} sectionsWithComments={sectionsWithComments} />

          <div className="sticky top-0 z-20 -mx-4 flex items-center justify-between gap-3 border-b border-line bg-canvas/95 px-4 py-2.5 backdrop-blur supports-[backdrop-filter]:bg-canvas/85 sm:mx-0 sm:rounded-lg sm:border sm:bg-white/95 sm:px-4 sm:shadow-sm">
            <SaveStatus state={state} idle="Answers save as you type" />
            <div className="flex shrink-0 items-center gap-3 lg:hidden">
              <span className="text-sm text-muted tabular-nums">
                {answered.length}/{worksheet.sections.length}
                <span className="sr-only"> sections answered</span>
              </span>
              <a
                href="#hand-in"
                className="rounded-md px-2 py-1.5 text-sm font-semibold text-brand-700 underline underline-offset-2"
              >
                Hand in
              </a>
            </div>
          </div>

          {state.restoredAt && state.status !== 'conflict' ? (
            <div className="mt-4 rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-[15px] text-brand-900">
              We put back changes you made in this browser ({formatDateTime(state.restoredAt)}) that had not reached the
              server yet.
            </div>
          ) : null}
          {state.conflict ? (
            <ConflictPanel worksheet={worksheet} state={state} onChoose={(key) => engine.choose(key)} />
          ) : null}

          {children}

          <HandInPanel
            slug={slug}
            worksheet={worksheet}
            engine={engine}
            state={state}
            latest={latest}
            coachNames={coachNames}
            handIn={handIn}
          />
          <History slug={slug} submissions={submissions} comments={comments} />
        </div>

        <aside aria-label="Progress" className="hidden lg:block">
          <div className="sticky top-6 rounded-xl border border-line bg-white p-4 shadow-sm">
            <div className="text-sm font-semibold text-brand-900">Your progress</div>
            <div className="mt-1 text-sm text-muted">
              {answered.length} of {worksheet.sections.length} sections answered
            </div>
            <div className="mt-2 h-2 overflow-hidden rounded-full bg-canvas ring-1 ring-line" aria-hidden="true">
              <div
                className="h-full rounded-full bg-brand-500 transition-[width]"
                style={{ width: `${(answered.length / worksheet.sections.length) * 100}%` }}
              />
            </div>
            <ol className="mt-3 space-y-0.5 text-sm">
              {worksheet.sections.map((s) => {
                const done = answered.includes(s);
                return (
                  <li key={s.id}>
                    <a
                      href={`#${s.id}`}
                      className="flex items-start gap-2 rounded-md px-1.5 py-1 text-ink hover:bg-brand-50"
                    >
                      {done ? (
                        <CheckIcon className="mt-0.5 shrink-0 text-met" />
                      ) : (
                        <span
                          aria-hidden="true"
                          className="mt-1 inline-block size-3 shrink-0 rounded-full border-2 border-line"
                        />
                      )}
                      <span>
                        {s.title}
                        <span className="sr-only">{done ? ' (answered)' : ' (not answered yet)'}</span>
                      </span>
                    </a>
                  </li>
                );
              })}
            </ol>
            {handedInThis ? (
              <a
                href="#hand-in"
                className="mt-4 flex min-h-11 items-center justify-center gap-1.5 rounded-lg bg-met/10 px-4 text-sm font-semibold text-met ring-1 ring-met/30"
              >
                <CheckIcon /> Handed in
              </a>
            ) : (
              <a href="#hand-in" className={buttonClass({ size: 'touch', className: 'mt-4 w-full' })}>
                {latest ? 'Hand in again' : 'Hand in to your coach'}
              </a>
            )}
          </div>
        </aside>
      </div>
    </WorksheetContext.Provider>
  );
}

function Feedback({
  latest,
  overall,
  sectionsWithComments,
}: {
  latest: SubmissionSummary | null;
  overall: CommentView[];
  sectionsWithComments: number;
}) {
  if (!latest) return null;
  const none = !overall.length && !sectionsWithComments;
  return (
    <section
      aria-labelledby="feedback-title"
      className="mb-6 rounded-xl border border-line bg-white p-4 shadow-sm sm:p-5"
    >
      <h2 id="feedback-title" className="text-base font-semibold text-brand-900">
        Feedback from your coach
      </h2>
      {none ? (
        <div className="mt-1 text-[15px] text-muted">
          You handed this in on {formatDateTime(latest.submittedAt)}. Your coach has not commented yet; comments will
          appear here and next to each section.
        </div>
      ) : (
        <div className="mt-2 space-y-3">
          <CommentList comments={[...overall].reverse()} />
          {sectionsWithComments ? (
            <div className="text-sm text-muted">
              Your coach also commented on{' '}
              {sectionsWithComments === 1 ? 'one section' : `${sectionsWithComments} sections`}: the comments are under
              each section.
            </div>
          ) : null}
        </div>
      )}
    </section>
  );
}

function History({
  slug,
  submissions,
  comments,
}: {
  slug: string;
  submissions: SubmissionSummary[];
  comments: CommentView[];
}) {
  if (!submissions.length) return null;
  return (
    <section aria-labelledby="history-title" className="my-8">
      <h2 id="history-title" className="text-base font-semibold text-brand-900">
        Your hand-ins
      </h2>
      <ul className="mt-2 divide-y divide-line rounded-xl border border-line bg-white">
        {submissions.map((s) => {
          const n = comments.filter((c) => c.submissionId === s.id).length;
          return (
            <li key={s.id}>
              <Link
                href={`/worksheets/${slug}/hand-ins/${s.id}`}
                className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 hover:bg-brand-50"
              >
                <span className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  Hand-in {s.number}
                </span>
                <span className="text-sm text-muted">
                  {formatDateTime(s.submittedAt)} ·{' '}
                  {n === 0 ? 'no comments yet' : n === 1 ? '1 comment' : `${n} comments`}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
