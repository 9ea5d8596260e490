'use client';
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
import { WorksheetContext, type WorksheetContextValue } from './context';
import type { HandInAction } from './HandInPanel';
import { CheckIcon } from './icons';
import { buttonClass } from '@/components/ui/Button';
import { lazyPanel } from '@/components/ui/lazy-panel';
import { LazyBoundary } from '@/components/ui/LazyBoundary';
import { PanelLoading } from '@/components/ui/PanelLoading';

// Fetched just after the page's own code (issue #19's first-load JavaScript budget). The hand-in panel is rendered on
// the server, so it is there from the start; the conflict panel is only ever drawn in the browser.
const ConflictPanel = lazyPanel(() => import('./ConflictPanel').then((m) => m.ConflictPanel));
const HandInPanel = lazyPanel(() => import('./HandInPanel').then((m) => m.HandInPanel));

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
  /** The coach's feedback above the form and the list of hand-ins below it (components/worksheet/WorksheetFeedback). */
  feedback: React.ReactNode;
  history: React.ReactNode;
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
  feedback,
  history,
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

  return (
    <WorksheetContext.Provider value={context}>
      <div className="lg:grid lg:grid-cols-[minmax(0,1fr)_16rem] lg:gap-10">
        <div className="min-w-0 max-w-3xl">
          {feedback}

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
            <LazyBoundary
              fallback={<PanelLoading className="mt-4 min-h-24" label="Loading both versions of your answers…" />}
            >
              <ConflictPanel worksheet={worksheet} state={state} onChoose={(key) => engine.choose(key)} />
            </LazyBoundary>
          ) : null}

          {children}

          <LazyBoundary fallback={<PanelLoading className="mt-8 min-h-48" label="Loading hand-in…" />}>
            <HandInPanel
              slug={slug}
              worksheet={worksheet}
              engine={engine}
              state={state}
              latest={latest}
              coachNames={coachNames}
              handIn={handIn}
            />
          </LazyBoundary>
          {history}
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
