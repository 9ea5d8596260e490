'use client';
import { useCallback, useId, useMemo, useState } from 'react';
import { useRouter } from 'next/navigation';
import type { SaveResponse, Transport } from '@/components/autosave/engine';
import { outcomeOf } from '@/components/autosave/http';
import { SaveStatus } from '@/components/autosave/SaveStatus';
import { useAutosave } from '@/components/autosave/useAutosave';
import type { ActionResult } from '@/lib/action';
import { formatDateTime, formatNumber } from '@/lib/format';
import type { DecisionResult } from '@/lib/reports/assess';
import { referralProblems, signOffChecks } from '@/lib/reports/checks';
import {
  EMPTY_ASSESSMENT,
  SIGNOFF_DECLARATION,
  type AssessmentData,
  type AssessmentDraftView,
  type DecisionView,
  type RangeMark,
  type ReportUnit,
  type UnitCriterion,
} from '@/lib/reports/types';
import { CheckIcon, SpinnerIcon, WarningIcon } from './icons';
import { buttonClass } from '@/components/ui/Button';
import { textareaClass } from './styles';
import { lazyPanel } from '@/components/ui/lazy-panel';
import { LazyBoundary } from '@/components/ui/LazyBoundary';
import { PanelLoading } from '@/components/ui/PanelLoading';

// The criterion cards and the discussion record are most of this form's code: fetched just after the page's (issue #19's first-load JavaScript
// budget). They are rendered on the server, so the page shows them at once and they become usable a moment later.
const CriterionCard = lazyPanel(() => import('./CriterionCard').then((m) => m.CriterionCard));
const DiscussionSection = lazyPanel(() => import('./DiscussionSection').then((m) => m.DiscussionSection));

type SaveAssessmentAction = (input: {
  learnerId: string;
  versionId: string;
  version: number;
  data: AssessmentData;
}) => Promise<ActionResult<AssessmentDraftView>>;
type DecideAction = (input: {
  learnerId: string;
  versionId: string;
  contentHash: string;
  outcome: 'referred' | 'signed_off';
  data: AssessmentData;
  declared?: boolean;
}) => Promise<ActionResult<DecisionResult>>;

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
  save: SaveAssessmentAction;
  decide: DecideAction;
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
  const router = useRouter();
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

  const [declared, setDeclared] = useState(false);
  const [busy, setBusy] = useState<null | 'referred' | 'signed_off'>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const checks = useMemo(() => signOffChecks(p.unit, data), [p.unit, data]);
  const referral = useMemo(() => referralProblems(p.unit, data), [p.unit, data]);
  const canSignOff = !p.rangeProblem && checks.every((c) => c.ok) && declared;

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

  const submitDecision = async (which: 'referred' | 'signed_off') => {
    setOutcome(null);
    const problems = which === 'referred' ? referral : [];
    if (problems.length) {
      setOutcome({ ok: false, text: problems.join(' ') });
      return;
    }
    setBusy(which);
    try {
      await engine.flush();
      const res = await p.decide({
        learnerId: p.learnerId,
        versionId: p.version.id,
        contentHash: p.version.contentHash,
        outcome: which,
        data,
        declared: which === 'signed_off' ? declared : undefined,
      });
      if (res.ok) {
        setOutcome({ ok: true, text: res.data.message });
        engine.discardKept();
        router.refresh();
      } else {
        setOutcome({ ok: false, text: res.error });
      }
    } catch {
      setOutcome({
        ok: false,
        text: 'Your decision did not reach the server (are you offline?). Nothing was recorded; try again when connected.',
      });
    } finally {
      setBusy(null);
    }
  };

  const criteria = p.unit.outcomes.flatMap((o) => o.criteria);
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
      </div>
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

      <section
        aria-labelledby={`${id}-decision`}
        className="rounded-xl border-2 border-brand-200 bg-white p-4 shadow-sm sm:p-5"
      >
        <h3 id={`${id}-decision`} className="text-base font-semibold text-brand-900">
          Decision on version {p.version.number}
        </h3>
        <label htmlFor={`${id}-feedback`} className="mt-3 block text-sm font-medium">
          Feedback to {p.learnerName}
        </label>
        <p id={`${id}-feedback-help`} className="text-xs text-muted">
          Needed to refer the report back: say what to change before resubmitting.
        </p>
        <textarea
          id={`${id}-feedback`}
          rows={4}
          aria-describedby={`${id}-feedback-help`}
          value={data.feedback}
          onChange={(e) => setValue((d) => ({ ...d, feedback: e.target.value }))}
          className={`${textareaClass} mt-1`}
        />

        <div className="mt-4">
          <p className="text-sm font-semibold">Before signing off</p>
          <ul className="mt-1.5 space-y-1 text-sm" data-testid="signoff-checks">
            <Check
              ok={!p.rangeProblem}
              text={
                p.rangeProblem ??
                `${formatNumber(p.version.countedWords)} counted words, within ${formatNumber(p.unit.rules.minWords)}–${formatNumber(p.unit.rules.maxWords)}`
              }
            />
            {checks.map((c) => (
              <Check key={c.id} ok={c.ok} text={c.ok ? c.label : c.problem!} />
            ))}
          </ul>
        </div>
        <label className="mt-4 flex cursor-pointer items-start gap-2.5 rounded-lg border border-line bg-canvas p-3 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4 shrink-0 accent-brand-600"
            checked={declared}
            onChange={(e) => setDeclared(e.target.checked)}
          />
          <span>{SIGNOFF_DECLARATION}</span>
        </label>
        <div className="mt-4 flex flex-wrap gap-2">
          <button
            type="button"
            className={buttonClass({ size: 'touch' })}
            disabled={!canSignOff || busy !== null}
            onClick={() => void submitDecision('signed_off')}
          >
            {busy === 'signed_off' ? <SpinnerIcon /> : <CheckIcon />}
            Sign off version {p.version.number}
          </button>
          <button
            type="button"
            className={buttonClass({ variant: 'warn', size: 'touch' })}
            disabled={busy !== null}
            onClick={() => void submitDecision('referred')}
          >
            {busy === 'referred' ? <SpinnerIcon /> : null}
            Refer back to {p.learnerName.split(' ')[0]}
          </button>
          <button
            type="button"
            className={buttonClass({ variant: 'outline', size: 'touch' })}
            disabled={busy !== null || autosave.status === 'saved'}
            onClick={() => void engine.flush()}
          >
            Save notes now
          </button>
        </div>
        <div role="status" aria-live="polite">
          {outcome ? (
            <p
              className={`mt-3 flex items-start gap-1.5 rounded-lg p-3 text-sm ${outcome.ok ? 'bg-met/10' : 'bg-notyet/10'}`}
              data-testid="decision-result"
            >
              {outcome.ok ? (
                <CheckIcon className="mt-0.5 size-4 text-met" />
              ) : (
                <WarningIcon className="mt-0.5 size-4 text-notyet" />
              )}
              <span>{outcome.text}</span>
            </p>
          ) : null}
        </div>
      </section>
    </div>
  );
}

function Check({ ok, text }: { ok: boolean; text: string }) {
  return (
    <li className={`flex items-start gap-1.5 ${ok ? 'text-ink' : 'text-notyet'}`}>
      {ok ? <CheckIcon className="mt-0.5 size-4 text-met" /> : <WarningIcon className="mt-0.5 size-4" />}
      <span>{text}</span>
    </li>
  );
}
