'use client';
import { useCallback, useId, useMemo } from 'react';
import type { SaveResponse, Transport } from '@/components/autosave/engine';
import { outcomeOf } from '@/components/autosave/http';
import { SaveStatus } from '@/components/autosave/SaveStatus';
import { useAutosave } from '@/components/autosave/useAutosave';
import type { ActionResult } from '@/lib/action';
import { formatDateTime } from '@/lib/format';
import {
  EMPTY_ASSESSMENT,
  type AssessmentData,
  type AssessmentDraftView,
  type DecisionView,
  type RangeMark,
  type ReportUnit,
  type SignOffBasis,
  type UnitCriterion,
} from '@/lib/reports/types';
import { buttonClass } from '@/components/ui/Button';
import { lazyPanel } from '@/components/ui/lazy-panel';
import { LazyBoundary } from '@/components/ui/LazyBoundary';
import { PanelLoading } from '@/components/ui/PanelLoading';
import type { ConfirmAllAction } from './ConfirmAllPanel';
import type { DecideAction } from './DecisionSection';

// The criterion cards, the discussion record, the decision, confirm-all and the shortcuts are most of this form's code:
// fetched just after the page's (issue #19's first-load JavaScript budget). They are rendered on the server, so the
// page shows them at once and they become usable a moment later.
const CriterionCard = lazyPanel(() => import('./CriterionCard').then((m) => m.CriterionCard));
const DiscussionSection = lazyPanel(() => import('./DiscussionSection').then((m) => m.DiscussionSection));
const DecisionSection = lazyPanel(() => import('./DecisionSection').then((m) => m.DecisionSection));
const ConfirmAllPanel = lazyPanel(() => import('./ConfirmAllPanel').then((m) => m.ConfirmAllPanel));
const AssessorShortcuts = lazyPanel(() => import('./AssessorShortcuts').then((m) => m.AssessorShortcuts));

type SaveAssessmentAction = (input: {
  learnerId: string;
  versionId: string;
  version: number;
  data: AssessmentData;
}) => Promise<ActionResult<AssessmentDraftView>>;
interface Props {
  unit: ReportUnit;
  learnerId: string;
  learnerName: string;
  version: { id: string; number: number; contentHash: string; countedWords: number };
  /** The range problem with this version's count (server's wording), or null when within range. */
  rangeProblem: string | null;
  draft: AssessmentDraftView | null;
  /** Section headings the learner linked to each criterion. */
  links: Record<string, string[]>;
  previous: DecisionView | null;
  /** Each criterion's linked sections and mapped evidence: what confirm-all points at. */
  basis: SignOffBasis;
  save: SaveAssessmentAction;
  decide: DecideAction;
  confirmAll: ConfirmAllAction;
}

/** A kept copy of the notes read back: the shape the form edits, or null. */
function parseAssessment(raw: unknown): AssessmentData | null {
  const d = raw as Partial<AssessmentData> | null;
  const isObject = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v);
  return d && isObject(d.acs) && isObject(d.range) && isObject(d.discussion) && typeof d.feedback === 'string'
    ? ({ ...EMPTY_ASSESSMENT, ...d } as AssessmentData)
    : null;
}

/**
 * The assessor's judgement of one version, criterion by criterion: met / not yet met with feedback, the
 * range ticked off (or marked not relevant to the learner's organisation), any professional discussion,
 * then a referral or a sign-off. Notes save as the assessor works, like the learner's draft.
 */
export function AssessmentForm(p: Props) {
  const id = useId();
  const { save } = p;
  const send: Transport<AssessmentData> = useCallback(
    async ({ value: data, version }): Promise<SaveResponse<AssessmentData>> => {
      const res = await save({ learnerId: p.learnerId, versionId: p.version.id, version, data });
      if (res.ok) return { kind: 'saved', version: res.data.version, savedAt: res.data.updatedAt };
      // A 409 that carries the stored notes is a stale save; one without them (a newer version was
      // submitted, or this one was decided) is an error to read, not a choice between two versions.
      const current = res.current as AssessmentDraftView | null | undefined;
      return outcomeOf(
        res.status,
        res.error,
        current ? { value: current.data, version: current.version, savedAt: current.updatedAt } : current,
      );
    },
    [save, p.learnerId, p.version.id],
  );

  const {
    state: autosave,
    setValue,
    engine,
  } = useAutosave<AssessmentData>({
    // Unchanged since the first release, so notes kept before an update are found after it.
    storageKey: `criterion:report-assessment:${p.version.id}`,
    initial: {
      value: p.draft?.data ?? EMPTY_ASSESSMENT,
      version: p.draft?.version ?? 0,
      savedAt: p.draft?.updatedAt ?? null,
    },
    empty: EMPTY_ASSESSMENT,
    transport: send,
    equal: (a, b) => JSON.stringify(a) === JSON.stringify(b),
    parse: parseAssessment,
    delayMs: 1500,
  });
  const { value: data } = autosave;

  const setAc = useCallback(
    (acId: string, patch: { outcome?: 'met' | 'not_yet_met'; feedback?: string }) =>
      setValue((d) => ({ ...d, acs: { ...d.acs, [acId]: { ...d.acs[acId], ...patch } } })),
    [setValue],
  );
  const setMark = useCallback(
    (itemId: string, mark: RangeMark) => setValue((d) => ({ ...d, range: { ...d.range, [itemId]: mark } })),
    [setValue],
  );
  const markRemaining = useCallback(
    (c: UnitCriterion) =>
      setValue((d) => {
        const range = { ...d.range };
        for (const item of c.range.flatMap((b) => b.items)) range[item.id] ??= 'covered';
        return { ...d, range };
      }),
    [setValue],
  );

  const setFeedback = useCallback((feedback: string) => setValue((d) => ({ ...d, feedback })), [setValue]);

  const criteria = useMemo(() => p.unit.outcomes.flatMap((o) => o.criteria), [p.unit]);
  const setDiscussion = (update: (current: AssessmentData['discussion']) => AssessmentData['discussion']) =>
    setValue((d) => ({ ...d, discussion: update(d.discussion) }));
  const judgedCount = criteria.filter((c) => data.acs[c.id]?.outcome).length;
  const previous = new Map((p.previous?.acJudgements ?? []).map((j) => [j.acId, j]));

  return (
    <div className="space-y-6" data-testid="assessment-form">
      <div className="flex flex-wrap items-center justify-between gap-2 rounded-xl border border-line bg-white px-4 py-3 shadow-sm">
        <p className="text-sm">
          <strong>
            {judgedCount} of {criteria.length}
          </strong>{' '}
          criteria judged
        </p>
        <SaveStatus state={autosave} idle="Your notes save as you type" />
        <LazyBoundary fallback={null}>
          <AssessorShortcuts criteria={criteria} onAc={setAc} />
        </LazyBoundary>
      </div>
      <LazyBoundary fallback={<PanelLoading className="min-h-40" label="Loading sign off in one step…" />}>
        <ConfirmAllPanel
          unit={p.unit}
          basis={p.basis}
          data={data}
          learnerId={p.learnerId}
          version={p.version}
          rangeProblem={p.rangeProblem}
          engine={engine}
          confirm={p.confirmAll}
        />
      </LazyBoundary>
      {autosave.conflict ? (
        <div role="alert" className="rounded-xl border-2 border-notyet/60 bg-white p-4 text-sm">
          <p className="font-semibold text-notyet">These notes were changed in another tab.</p>
          <p className="mt-1">Nothing was overwritten. Keep the notes on this page, or load the saved ones.</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button type="button" className={buttonClass({ size: 'touch' })} onClick={() => engine.choose('mine')}>
              Keep the notes on this page
            </button>
            {autosave.conflict.others.map((o) => (
              <button
                key={o.key}
                type="button"
                className={buttonClass({ variant: 'outline', size: 'touch' })}
                onClick={() => engine.choose(o.key)}
              >
                {o.origin === 'server'
                  ? 'Load the saved notes'
                  : `Load the notes kept in this browser${o.at ? ` (${formatDateTime(o.at)})` : ''}`}
              </button>
            ))}
          </div>
        </div>
      ) : null}

      {p.unit.outcomes.map((o) => (
        <section key={o.id} aria-labelledby={`${id}-lo-${o.number}`} className="space-y-3">
          <h3 id={`${id}-lo-${o.number}`} className="text-base font-semibold text-brand-900">
            Outcome {o.number}: {o.text}
          </h3>
          {o.criteria.map((c) => (
            <LazyBoundary
              key={c.id}
              fallback={<PanelLoading className="min-h-40" label={`Loading criterion ${c.number}…`} />}
            >
              <CriterionCard
                criterion={c}
                value={data.acs[c.id]}
                marks={data.range}
                links={p.links[c.id] ?? []}
                previous={previous.get(c.id) ?? null}
                onAc={setAc}
                onMark={setMark}
                onMarkRemaining={markRemaining}
              />
            </LazyBoundary>
          ))}
        </section>
      ))}

      <LazyBoundary fallback={<PanelLoading className="min-h-64" label="Loading the professional discussion…" />}>
        <DiscussionSection criteria={criteria} value={data.discussion} onChange={setDiscussion} />
      </LazyBoundary>

      <LazyBoundary fallback={<PanelLoading className="min-h-64" label="Loading the decision…" />}>
        <DecisionSection
          unit={p.unit}
          learnerId={p.learnerId}
          learnerName={p.learnerName}
          version={p.version}
          rangeProblem={p.rangeProblem}
          data={data}
          onFeedback={setFeedback}
          engine={engine}
          saved={autosave.status === 'saved'}
          decide={p.decide}
        />
      </LazyBoundary>
    </div>
  );
}
